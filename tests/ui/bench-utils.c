/* bench-utils.c — what the map benchmarks share: the demo's styles, and
 * how long a window takes to paint its map
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include "bench-utils.h"

/* The demo's styles (tools/demo-styles.json), by position. */
CartoStyle *
bench_style_from_file (guint index)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "..", "tools", "demo-styles.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return carto_style_new_from_json (json_array_get_element (json_node_get_array (json_parser_get_root (parser)), index),
                                    &error);
}

static gboolean
layers_settled (ViewerWindow *window)
{
  CartoMap *map = viewer_window_get_map (window);

  for (guint i = 0; i < carto_map_get_n_layers (map); i++)
    {
      CartoLayerState state = carto_layer_get_state (carto_map_get_layer (map, i));

      if (state != CARTO_LAYER_STATE_READY && state != CARTO_LAYER_STATE_ERROR)
        return FALSE;
    }

  return TRUE;
}

static gboolean
all_painted (ViewerWindow *window)
{
  return viewer_map_view_is_idle (viewer_window_get_map_view (window)) && layers_settled (window);
}

/* Milliseconds until what shows is painted (@view_ms: every tile on
 * screen) and until everything is (@all_ms: the margin libshumate loads
 * around the view too, every layer ready). Work must have been seen
 * first. The loop never drains the main context: a spinning spinner
 * keeps it busy for as long as the layers load. */
void
bench_measure (ViewerWindow *window,
               gint64        start_us,
               double       *view_ms,
               double       *all_ms)
{
  gboolean seen_view_work = FALSE, seen_all_work = FALSE;
  gint64 deadline = start_us + 60 * G_USEC_PER_SEC;

  *view_ms = -1;
  while (g_get_monotonic_time () < deadline)
    {
      double now_ms = (g_get_monotonic_time () - start_us) / 1000.0;

      if (!viewer_map_view_is_view_painted (viewer_window_get_map_view (window)))
        seen_view_work = TRUE;
      else if (seen_view_work && *view_ms < 0)
        *view_ms = now_ms;
      if (!all_painted (window))
        seen_all_work = TRUE;
      else if (seen_all_work && *view_ms >= 0)
        {
          *all_ms = now_ms;
          return;
        }
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }

  g_error ("the map did not settle within 60 s");
}
