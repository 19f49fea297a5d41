/* fuzz-mvt.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: arbitrary bytes through the MVT decoder, and whatever
 * decodes through every style kind, the renderer (both scales), hit
 * testing, highlighting and property formatting. Tiles come from the
 * network, so none of this may crash, hang, leak or read out of bounds.
 */

#include "config.h"

#include <stdint.h>

#include "carto-hit-test.h"
#include "carto-mvt.h"
#include "carto-style.h"
#include "carto-vector-renderer.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static CartoStyle *styles[4];

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *categories[] = { "a", "1", "true" };
  const double breaks[] = { 0, 10, 1000 };
  CartoColor colors[4];

  /* A critical from our own guards is a bug the fuzzer found. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    carto_color_init_rgb (&colors[i], 0x102030 * (i + 1));

  styles[0] = carto_style_new_single (NULL);
  styles[1] = carto_style_new_color_category (NULL, "name", categories, colors, 3, NULL);
  styles[2] = carto_style_new_color_bins (NULL, "pop", CARTO_BIN_METHOD_MANUAL, breaks, 3, colors);
  styles[3] = carto_style_new_size_continuous (NULL, "cartodb_id", 0, 100, 1, 30);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoMvtTile) tile = carto_mvt_tile_decode (bytes, &error);
  CartoColor highlight;

  if (tile == NULL)
    {
      g_assert_true (error != NULL && error->domain == CARTO_MVT_ERROR);
      return 0;
    }
  g_assert_true (error == NULL);

  for (guint l = 0; l < carto_mvt_tile_get_n_layers (tile); l++)
    {
      const CartoMvtLayer *layer = carto_mvt_tile_get_layer (tile, l);

      for (guint f = 0; f < carto_mvt_layer_get_n_features (layer); f++)
        {
          const CartoMvtFeature *feature = carto_mvt_layer_get_feature (layer, f);

          for (guint p = 0; p < carto_mvt_feature_get_n_properties (feature); p++)
            {
              const CartoMvtValue *value = carto_mvt_feature_get_nth_property (feature, p, NULL);
              g_autofree char *text = carto_mvt_value_to_string (value);

              g_assert_true (text != NULL && g_utf8_validate (text, -1, NULL));
            }
        }
    }

  carto_color_init_rgb (&highlight, 0xffff00);

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      /* Small tiles keep each run fast; the scale changes the fast path. */
      CartoTileRequest request = { { 1, 0, 0 }, 32, 1 + s % 2 };
      cairo_surface_t *surface;
      cairo_t *cr;

      surface = carto_tile_surface_new (&request, &cr);
      carto_vector_renderer_render (tile, NULL, styles[s], &request, cr);
      carto_vector_renderer_render_highlight (tile, NULL, styles[s], &request, 1, &highlight, cr);
      g_assert_true (cairo_status (cr) == CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);

      carto_hit_test_find_feature (tile, NULL, styles[s], &request, 16, 16, 2);
    }

  return 0;
}
