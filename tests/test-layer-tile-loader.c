/* test-layer-tile-loader.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CartoLayerTileLoader on its own, against the demo server: decoded tiles
 * and the memory lookup, one fetch shared by loads of a tile even when
 * one of them is cancelled, and when the map is forgotten (a new column,
 * source, aggregation, a reload) or kept (a style reading known columns).
 * The painter's tests cover painting, states and the disk cache.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include "maps-test-utils.h"

static CartoLayer *
new_layer (const char       *data,
           CartoCredentials *credentials)
{
  g_autoptr(CartoSource) source = carto_source_new (data, credentials, NULL);

  return carto_layer_new (source, NULL);
}

static CartoLayerTileLoader *
new_loader (CartoLayer *layer)
{
  g_autoptr(CartoTileCache) cache = carto_tile_cache_new (64, 64 * 1024 * 1024);

  return carto_layer_tile_loader_new (layer, maps_test_get_session (), cache, NULL);
}

static CartoMvtTile *
load (CartoLayerTileLoader  *loader,
      const CartoTileCoord  *coord,
      GCancellable          *cancellable,
      CartoLayergroup      **layergroup,
      GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_layer_tile_loader_load_async (loader, coord, cancellable, maps_test_result_cb, &result);
  return carto_layer_tile_loader_load_finish (loader, maps_test_wait (&result), layergroup, error);
}

static void
on_signal_cb (CartoLayerTileLoader *loader,
              guint                *count)
{
  (*count)++;
}

static void
test_load_and_lookup (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoLayer) layer = new_layer ("populated_places", credentials);
  g_autoptr(CartoLayerTileLoader) loader = new_loader (layer);
  g_autoptr(CartoLayergroup) layergroup = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  g_autoptr(CartoMvtTile) again = NULL;
  g_autoptr(GError) error = NULL;
  CartoLayergroup *current = NULL;
  CartoTileCoord coord = { 2, 2, 1 };
  gint64 tiles_before = maps_test_count ("tile");

  g_assert_true (carto_layer_tile_loader_get_layer (loader) == layer);
  g_assert_true (carto_layer_tile_loader_get_session (loader) == maps_test_get_session ());
  g_assert_null (carto_layer_tile_loader_get_disk_cache (loader));
  g_assert_null (carto_layer_tile_loader_get_layergroup (loader));
  g_assert_null (carto_layer_tile_loader_lookup (loader, &coord, &current));
  g_assert_null (current);

  tile = load (loader, &coord, NULL, &layergroup, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tile);
  g_assert_nonnull (layergroup);
  g_assert_true (carto_layer_tile_loader_get_layergroup (loader) == layergroup);
  g_assert_nonnull (carto_mvt_tile_find_layer (tile, carto_layergroup_get_mvt_layer_name (layergroup)));
  g_assert_cmpuint (carto_mvt_tile_get_n_features (tile), >, 100);
  g_assert_cmpint (maps_test_count ("tile"), ==, tiles_before + 1);

  /* Decoded in memory: the lookup and the next load need no request. */
  again = carto_layer_tile_loader_lookup (loader, &coord, &current);
  g_assert_true (again == tile);
  g_assert_true (current == layergroup);
  g_clear_pointer (&again, carto_mvt_tile_unref);
  again = load (loader, &coord, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (again == tile);
  g_assert_cmpint (maps_test_count ("tile"), ==, tiles_before + 1);

  /* No account: the loader says so. */
  {
    g_autoptr(CartoLayer) orphan = new_layer ("populated_places", NULL);
    g_autoptr(CartoLayerTileLoader) orphan_loader = new_loader (orphan);
    g_autoptr(CartoMvtTile) none = load (orphan_loader, &coord, NULL, NULL, &error);

    g_assert_null (none);
    g_assert_error (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_NO_ACCOUNT);
  }
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* A tile two callers wait for: cancelling one leaves the other its
 * tile, from the same one request. */
static void
test_shared_fetch_survives_a_cancel (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoLayer) layer = new_layer ("SELECT * FROM populated_places WHERE population > 100000", credentials);
  g_autoptr(CartoLayerTileLoader) loader = new_loader (layer);
  g_autoptr(GCancellable) impatient = g_cancellable_new ();
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(CartoMvtTile) cancelled = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  g_autoptr(GError) error = NULL;
  CartoTileCoord coord = { 3, 4, 3 };
  gint64 tiles_before, maps_before = maps_test_count ("map");
  gint64 start;

  /* The map first, so the slow request is the tile's. */
  carto_layer_tile_loader_prepare (loader);
  {
    CartoTileCoord warm = { 0, 0, 0 };
    g_autoptr(CartoMvtTile) world = load (loader, &warm, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (world);
  }
  tiles_before = maps_test_count ("tile");

  maps_test_set_faults ("{\"path_prefix\": \"/user/demo-cities/api/v1/map/\", \"latency_ms\": 1500, \"count\": 1}");
  start = g_get_monotonic_time ();
  carto_layer_tile_loader_load_async (loader, &coord, impatient, maps_test_result_cb, &first);
  carto_layer_tile_loader_load_async (loader, &coord, NULL, maps_test_result_cb, &second);
  g_timeout_add (100, cancel_cb, impatient);

  cancelled = carto_layer_tile_loader_load_finish (loader, maps_test_wait (&first), NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_clear_error (&error);

  tile = carto_layer_tile_loader_load_finish (loader, maps_test_wait (&second), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tile);
  maps_test_set_faults ("{}");

  g_assert_cmpint (maps_test_count ("tile"), ==, tiles_before + 1);
  g_assert_cmpint (maps_test_count ("map"), ==, maps_before + 1);
}

static void
test_map_forgotten_or_kept (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoLayer) layer = new_layer ("capital_cities", credentials);
  g_autoptr(CartoLayerTileLoader) loader = new_loader (layer);
  g_autoptr(CartoStyle) by_population = carto_style_new_size_continuous (NULL, "population", 0, 1e7, 2, 20);
  g_autoptr(CartoStyle) plain = carto_style_new_single (NULL);
  g_autoptr(GError) error = NULL;
  CartoTileCoord coord = { 1, 1, 0 };
  guint resets = 0, data_changes = 0;
  gint64 maps_before = maps_test_count ("map");

  g_signal_connect (loader, "reset", G_CALLBACK (on_signal_cb), &resets);
  g_signal_connect (loader, "data-changed", G_CALLBACK (on_signal_cb), &data_changes);

  /* Nothing to forget before the first map. */
  carto_layer_set_style (layer, by_population);
  g_assert_false (carto_layer_tile_loader_check_map (loader));
  g_assert_cmpuint (resets, ==, 0);

  {
    g_autoptr(CartoMvtTile) tile = load (loader, &coord, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (tile);
  }
  g_assert_cmpint (maps_test_count ("map"), ==, maps_before + 1);

  /* The map carries population: a plain style and back need nothing. */
  carto_layer_set_style (layer, plain);
  g_assert_false (carto_layer_tile_loader_check_map (loader));
  carto_layer_set_style (layer, by_population);
  g_assert_false (carto_layer_tile_loader_check_map (loader));
  g_assert_cmpuint (resets, ==, 0);
  g_assert_nonnull (carto_layer_tile_loader_get_layergroup (loader));

  /* A new column: a new map. */
  {
    g_autoptr(CartoStyle) by_name = carto_style_new_size_continuous (NULL, "name", 0, 1, 2, 20);
    g_autoptr(CartoMvtTile) tile = NULL;

    carto_layer_set_style (layer, by_name);
    g_assert_true (carto_layer_tile_loader_check_map (loader));
    g_assert_cmpuint (resets, ==, 1);
    g_assert_null (carto_layer_tile_loader_get_layergroup (loader));
    tile = load (loader, &coord, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (maps_test_count ("map"), ==, maps_before + 2);
  }

  /* The loader follows the source and the aggregation by itself. */
  {
    g_autoptr(CartoSource) other = carto_source_new ("populated_places", credentials, NULL);

    carto_layer_set_source (layer, other);
    g_assert_cmpuint (resets, ==, 2);
    carto_layer_set_aggregation (layer, TRUE);
    g_assert_cmpuint (resets, ==, 3);
  }

  carto_layer_tile_loader_reload (loader);
  g_assert_cmpuint (resets, ==, 4);
  g_assert_cmpuint (data_changes, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  maps_test_guard_logs ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/layer-tile-loader/load-and-lookup", test_load_and_lookup);
  g_test_add_func ("/layer-tile-loader/shared-fetch-survives-a-cancel", test_shared_fetch_survives_a_cancel);
  g_test_add_func ("/layer-tile-loader/map-forgotten-or-kept", test_map_forgotten_or_kept);

  maps_test_start_server (NULL);
  status = g_test_run ();
  maps_test_stop_server ();

  return status;
}
