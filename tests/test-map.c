/* test-map.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CartoMap: the layer list model and its precise items-changed, the
 * basemap and the viewport.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>
#include <math.h>

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static CartoLayer *
new_layer (const char *table)
{
  g_autoptr(CartoSource) source = carto_source_new (table, NULL, NULL);
  CartoLayer *layer = carto_layer_new (source, NULL);

  carto_layer_set_title (layer, table);
  return layer;
}

static void
assert_order (CartoMap          *map,
              const char *const *titles)
{
  guint n = g_strv_length ((char **) titles);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (map)), ==, n);
  g_assert_cmpuint (carto_map_get_n_layers (map), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartoLayer) layer = g_list_model_get_item (G_LIST_MODEL (map), i);

      g_assert_cmpstr (carto_layer_get_title (layer), ==, titles[i]);
      g_assert_true (carto_map_get_layer (map, i) == layer);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (map), n));
  g_assert_null (carto_map_get_layer (map, n));
}

static void
assert_change (GArray *changes,
               guint   index,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *change;

  g_assert_cmpuint (changes->len, >, index);
  change = &g_array_index (changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

static void
test_layers (void)
{
  g_autoptr(CartoMap) map = carto_map_new ();
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(CartoLayer) a = new_layer ("a");
  g_autoptr(CartoLayer) b = new_layer ("b");
  g_autoptr(CartoLayer) c = new_layer ("c");
  g_autoptr(CartoLayer) d = new_layer ("d");
  guint position = G_MAXUINT;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (map)) == CARTO_TYPE_LAYER);
  g_signal_connect (map, "items-changed", G_CALLBACK (on_items_changed_cb), changes);

  carto_map_append_layer (map, a);
  carto_map_append_layer (map, c);
  carto_map_insert_layer (map, 1, b);
  carto_map_insert_layer (map, 99, d);
  assert_order (map, (const char *[]) { "a", "b", "c", "d", NULL });
  g_assert_cmpuint (changes->len, ==, 4);
  assert_change (changes, 0, 0, 0, 1);
  assert_change (changes, 1, 1, 0, 1);
  assert_change (changes, 2, 1, 0, 1);
  assert_change (changes, 3, 3, 0, 1);

  g_assert_true (carto_map_find_layer (map, c, &position));
  g_assert_cmpuint (position, ==, 2);

  /* Move down and up: one change covering the moved range. */
  carto_map_move_layer (map, 0, 2);
  assert_order (map, (const char *[]) { "b", "c", "a", "d", NULL });
  assert_change (changes, 4, 0, 3, 3);
  carto_map_move_layer (map, 3, 1);
  assert_order (map, (const char *[]) { "b", "d", "c", "a", NULL });
  assert_change (changes, 5, 1, 3, 3);
  carto_map_move_layer (map, 2, 2);
  g_assert_cmpuint (changes->len, ==, 6);

  carto_map_remove_layer (map, 1);
  assert_order (map, (const char *[]) { "b", "c", "a", NULL });
  assert_change (changes, 6, 1, 1, 0);
  g_assert_false (carto_map_find_layer (map, d, NULL));

  /* The map keeps its own references. */
  g_clear_object (&a);
  g_assert_true (CARTO_IS_LAYER (carto_map_get_layer (map, 2)));
  g_assert_cmpstr (carto_layer_get_title (carto_map_get_layer (map, 2)), ==, "a");
}

static void
test_layer_twice (void)
{
  g_autoptr(CartoMap) map = carto_map_new ();
  g_autoptr(CartoLayer) a = new_layer ("a");

  carto_map_append_layer (map, a);
  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*g_ptr_array_find*");
  carto_map_append_layer (map, a);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (carto_map_get_n_layers (map), ==, 1);

  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*position < self->layers->len*");
  carto_map_remove_layer (map, 1);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (carto_map_get_n_layers (map), ==, 1);
}

static void
test_basemap (void)
{
  g_autoptr(CartoMap) map = carto_map_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint basemap = G_MAXUINT;

  g_assert_cmpint (carto_map_get_basemap (map), ==, CARTO_BASEMAP_EMBEDDED);
  g_signal_connect (map, "notify", G_CALLBACK (on_notify_cb), names);

  carto_map_set_basemap (map, CARTO_BASEMAP_DARK_MATTER);
  carto_map_set_basemap (map, CARTO_BASEMAP_DARK_MATTER);
  g_assert_cmpint (carto_map_get_basemap (map), ==, CARTO_BASEMAP_DARK_MATTER);
  g_assert_cmpuint (names->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "basemap");

  g_object_get (map, "basemap", &basemap, NULL);
  g_assert_cmpuint (basemap, ==, CARTO_BASEMAP_DARK_MATTER);
}

static gboolean
has_name (GPtrArray  *names,
          const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return TRUE;
  return FALSE;
}

static void
test_viewport (void)
{
  g_autoptr(CartoMap) map = carto_map_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  CartoBounds bounds = { -10.0, 35.0, 5.0, 44.0 };
  CartoBounds across = { 170.0, -20.0, -170.0, 0.0 };
  CartoBounds got = { 0 };
  g_autoptr(GVariant) variant = NULL;

  g_assert_cmpfloat (carto_map_get_latitude (map), ==, 20.0);
  g_assert_cmpfloat (carto_map_get_longitude (map), ==, 0.0);
  g_assert_cmpfloat (carto_map_get_zoom (map), ==, 2.0);
  g_assert_false (carto_map_get_bounds (map, NULL));

  g_signal_connect (map, "notify", G_CALLBACK (on_notify_cb), names);

  carto_map_set_center (map, 40.4, -3.7);
  g_assert_cmpfloat (carto_map_get_latitude (map), ==, 40.4);
  g_assert_cmpfloat (carto_map_get_longitude (map), ==, -3.7);
  g_assert_cmpuint (names->len, ==, 2);
  carto_map_set_center (map, 40.4, -3.7);
  g_assert_cmpuint (names->len, ==, 2);

  /* Clamped and wrapped into the Web Mercator world. */
  carto_map_set_center (map, 89.0, 190.0);
  g_assert_cmpfloat_with_epsilon (carto_map_get_latitude (map), CARTO_MAX_LATITUDE, 1e-9);
  g_assert_cmpfloat_with_epsilon (carto_map_get_longitude (map), -170.0, 1e-9);

  carto_map_set_zoom (map, 3.5);
  carto_map_set_zoom (map, 40.0);
  g_assert_cmpfloat (carto_map_get_zoom (map), ==, 22.0);

  /* Bounds: the centre moves to their middle; centre or zoom clear them. */
  g_ptr_array_set_size (names, 0);
  carto_map_set_bounds (map, &bounds);
  g_assert_true (has_name (names, "bounds"));
  g_assert_true (carto_map_get_bounds (map, &got));
  g_assert_cmpfloat (got.west, ==, -10.0);
  g_assert_cmpfloat (got.north, ==, 44.0);
  g_assert_cmpfloat_with_epsilon (carto_map_get_latitude (map), 39.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (carto_map_get_longitude (map), -2.5, 1e-9);
  g_object_get (map, "bounds", &variant, NULL);
  g_assert_nonnull (variant);
  g_assert_cmpstr (g_variant_get_type_string (variant), ==, "(dddd)");

  carto_map_set_zoom (map, 5.0);
  g_assert_false (carto_map_get_bounds (map, NULL));

  /* Across the antimeridian the middle is on it. */
  carto_map_set_bounds (map, &across);
  g_assert_cmpfloat_with_epsilon (fabs (carto_map_get_longitude (map)), 180.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (carto_map_get_latitude (map), -10.0, 1e-9);

  carto_map_set_bounds (map, NULL);
  g_assert_false (carto_map_get_bounds (map, NULL));
}

static void
on_changed_cb (CartoMap *map,
               guint    *count)
{
  (*count)++;
}

/* #CartoMap::changed marks a document unsaved: once per content change,
 * never for the viewport. */
static void
test_changed (void)
{
  g_autoptr(CartoMap) map = carto_map_new ();
  g_autoptr(CartoLayer) a = new_layer ("a");
  g_autoptr(CartoLayer) b = new_layer ("b");
  g_autoptr(CartoSource) other = carto_source_new ("other", NULL, NULL);
  g_autoptr(CartoStyle) style = NULL;
  g_autoptr(CartoCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  CartoBounds bounds = { -10.0, 35.0, 5.0, 44.0 };
  CartoSymbol symbol;
  guint changes = 0;
  guint position = 0;

  credentials = carto_credentials_new ("jane", "jane-key-1", "https://jane.carto.com",
                                       CARTO_CREDENTIALS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_signal_connect (map, "changed", G_CALLBACK (on_changed_cb), &changes);

  carto_map_append_layer (map, a);
  g_assert_cmpuint (changes, ==, 1);
  carto_map_insert_layer (map, 0, b);
  g_assert_cmpuint (changes, ==, 2);
  carto_map_move_layer (map, 0, 1);
  g_assert_cmpuint (changes, ==, 3);
  carto_map_move_layer (map, 1, 1);
  g_assert_cmpuint (changes, ==, 3);

  carto_layer_set_title (a, "A");
  g_assert_cmpuint (changes, ==, 4);
  carto_layer_set_title (a, "A");
  g_assert_cmpuint (changes, ==, 4);
  carto_layer_set_source (a, other);
  g_assert_cmpuint (changes, ==, 5);
  carto_symbol_init_default (&symbol, CARTO_MVT_GEOM_POINT);
  carto_color_init_rgb (&symbol.color, 0xabcdef);
  style = carto_style_new_single (&symbol);
  carto_layer_set_style (a, style);
  g_assert_cmpuint (changes, ==, 6);
  carto_layer_set_visible (a, FALSE);
  g_assert_cmpuint (changes, ==, 7);
  carto_layer_set_opacity (a, 0.5);
  g_assert_cmpuint (changes, ==, 8);
  carto_layer_set_credentials (a, credentials);
  g_assert_cmpuint (changes, ==, 9);
  carto_layer_set_aggregation (a, TRUE);
  g_assert_cmpuint (changes, ==, 10);
  carto_map_set_basemap (map, CARTO_BASEMAP_VOYAGER);
  g_assert_cmpuint (changes, ==, 11);
  carto_map_set_basemap (map, CARTO_BASEMAP_VOYAGER);
  g_assert_cmpuint (changes, ==, 11);

  /* The viewport and the painter's reports are not content. */
  carto_map_set_center (map, 10.0, 20.0);
  carto_map_set_zoom (map, 7.0);
  carto_map_set_bounds (map, &bounds);
  carto_map_set_bounds (map, NULL);
  g_assert_cmpuint (changes, ==, 11);

  /* A removed layer is no longer the map's business. */
  g_assert_true (carto_map_find_layer (map, a, &position));
  carto_map_remove_layer (map, position);
  g_assert_cmpuint (changes, ==, 12);
  carto_layer_set_title (a, "gone");
  carto_layer_set_opacity (a, 0.1);
  g_assert_cmpuint (changes, ==, 12);

  carto_layer_set_title (b, "still here");
  g_assert_cmpuint (changes, ==, 13);

  /* A layer that outlives its map emits into nothing. */
  g_clear_object (&map);
  carto_layer_set_title (b, "after the map");
  g_assert_cmpuint (changes, ==, 13);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/map/layers", test_layers);
  g_test_add_func ("/map/layer-twice", test_layer_twice);
  g_test_add_func ("/map/basemap", test_basemap);
  g_test_add_func ("/map/viewport", test_viewport);
  g_test_add_func ("/map/changed", test_changed);

  return g_test_run ();
}
