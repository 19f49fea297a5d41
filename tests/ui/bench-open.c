/* bench-open.c — how fast a saved map opens
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: it prints figures. A map of three layers from two demo
 * accounts (countries by continent, 135k cities by population, and the
 * cities over a million as one colour) is saved to a file, then opened
 * the way File → Open does (viewer_window_open_file() into a fresh
 * 1280×800 window at zoom 3) and timed until its tiles on screen are
 * painted:
 *
 *   cold         nothing cached anywhere: maps instantiated, every tile
 *                made by PostGIS, fetched, decoded, painted;
 *   disk cache   as after quitting and starting again: nothing decoded in
 *                memory, raw tiles from the disk cache (maps instantiated
 *                again, as a new process does).
 *
 * Each is measured ROUNDS times. Every round saves a map whose layers
 * differ in their SQL by a condition that is always true, so no cache of
 * ours has seen them and the server instantiates new maps, as for a map
 * opened for the first time. Run it with tools/bench.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include "bench-utils.h"
#include "test-server-fixture.h"
#include "ui-server-utils.h"
#include "ui-test-utils.h"
#include "viewer-context.h"
#include "viewer-window.h"

#define ROUNDS 5

static TestServer *server;

static gboolean
saved (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static CartoLayer *
layer_for (ViewerContext *context,
           const char    *data,
           const char    *user,
           const char    *title,
           CartoStyle    *style)
{
  g_autoptr(CartoSource) source = NULL;
  CartoLayer *layer;

  source = carto_source_new_for_account (data, user, test_server_get_base_url (server, user),
                                         viewer_context_get_credential_store (context));
  layer = carto_layer_new (source, style);
  carto_layer_set_title (layer, title);
  return layer;
}

/* The three-layer map, written to @path; @round makes its SQL new. */
static void
save_map (ViewerContext *context,
          const char    *path,
          guint          round)
{
  g_autoptr(CartoMap) map = carto_map_new ();
  g_autoptr(CartoStyle) countries = bench_style_from_file (0);
  g_autoptr(CartoStyle) cities = bench_style_from_file (1);
  g_autoptr(CartoStyle) big = NULL;
  g_autoptr(CartoLayer) a = NULL;
  g_autoptr(CartoLayer) b = NULL;
  g_autoptr(CartoLayer) c = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *countries_sql = g_strdup_printf ("SELECT * FROM countries WHERE cartodb_id <> -%u", round);
  g_autofree char *cities_sql = g_strdup_printf ("SELECT * FROM populated_places WHERE cartodb_id <> -%u", round);
  g_autofree char *big_sql = g_strdup_printf ("SELECT * FROM populated_places WHERE population > 1000000 "
                                              "AND cartodb_id <> -%u", round);
  CartoSymbol symbol;
  gboolean ok;

  carto_symbol_init_default (&symbol, CARTO_MVT_GEOM_POINT);
  carto_color_parse (&symbol.color, "#F2B701");
  symbol.size = 9;
  big = carto_style_new_single (&symbol);

  a = layer_for (context, countries_sql, "demo-atlas", "Countries", countries);
  b = layer_for (context, cities_sql, "demo-cities", "Cities", cities);
  c = layer_for (context, big_sql, "demo-cities", "Cities over a million", big);
  carto_map_append_layer (map, a);
  carto_map_append_layer (map, b);
  carto_map_append_layer (map, c);
  carto_map_set_zoom (map, 3.0);
  carto_map_set_center (map, 30.0, 10.0);

  carto_map_file_save_async (map, file, NULL, result_cb, &result);
  g_assert_true (ui_test_wait_until (saved, &result, 10000));
  ok = carto_map_file_save_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

static gboolean
window_idle (gpointer data)
{
  return viewer_map_view_is_idle (viewer_window_get_map_view (data));
}

/* Opens @path as File → Open does, in a fresh window showing only the
 * built-in world, and measures until its tiles are painted. */
static void
open_and_measure (AdwApplication *app,
                  ViewerContext  *context,
                  const char     *path,
                  double         *view_ms,
                  double         *all_ms,
                  gint64         *tiles)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ViewerWindow *window = viewer_window_new (app, context);
  gint64 start, tiles_before;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (window_idle, window, 20000));
  ui_test_iterate (200);

  tiles_before = test_server_get_count (server, "tile", NULL);
  start = g_get_monotonic_time ();
  viewer_window_open_file (window, file);
  bench_measure (window, start, view_ms, all_ms);
  *tiles = test_server_get_count (server, "tile", NULL) - tiles_before;
  g_assert_cmpuint (carto_map_get_n_layers (viewer_window_get_map (window)), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (100);
}

static void
forget_tiles (void)
{
  carto_tile_cache_clear (carto_tile_cache_get_default ());
  /* Whatever is still queued for the disk goes there now. */
  g_assert_true (carto_tile_disk_cache_flush (carto_tile_disk_cache_get_default (), 10000));
}

static void
range_of (const double *values,
          double       *min,
          double       *max)
{
  *min = *max = values[0];
  for (guint i = 1; i < ROUNDS; i++)
    {
      *min = MIN (*min, values[i]);
      *max = MAX (*max, values[i]);
    }
}

static void
print_figures (const char   *what,
               const double *view,
               const double *all,
               gint64        tiles)
{
  double view_min, view_max, all_min, all_max;

  range_of (view, &view_min, &view_max);
  range_of (all, &all_min, &all_max);
  g_print ("  %-12s %5.0f–%-5.0f ms   %5.0f–%-5.0f ms   %" G_GINT64_FORMAT " tile requests\n",
           what, view_min, view_max, all_min, all_max, tiles);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(ViewerContext) context = NULL;
  g_autoptr(CartoCredentials) atlas = NULL;
  g_autoptr(CartoCredentials) cities = NULL;
  g_autofree char *dir = NULL;
  double cold_view[ROUNDS], cold_all[ROUNDS], disk_view[ROUNDS], disk_all[ROUNDS];
  gint64 cold_tiles = 0, disk_tiles = 0;

  ui_test_init (&argc, &argv);
  app = ui_test_app_new ("io.github.cartoviewer.CartoViewer.BenchOpen");

  server = test_server_start (NULL, &error);
  g_assert_no_error (error);
  context = viewer_context_new ();
  atlas = ui_test_add_server_account (context, server, "demo-atlas");
  cities = ui_test_add_server_account (context, server, "demo-cities");
  dir = g_dir_make_tmp ("bench-open-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autofree char *name = g_strdup_printf ("Three layers %u.cartomap", round);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      save_map (context, path, round);

      forget_tiles ();
      open_and_measure (app, context, path, &cold_view[round], &cold_all[round], &cold_tiles);

      forget_tiles ();
      open_and_measure (app, context, path, &disk_view[round], &disk_all[round], &disk_tiles);
      g_assert_cmpint (disk_tiles, ==, 0);
    }

  g_print ("bench-open: a saved map of 3 layers from 2 accounts (countries, 135k cities, cities over a million),\n"
           "opened as File → Open does into a 1280x800 window at zoom 3; %u rounds\n", ROUNDS);
  g_print ("                 on screen         with margin\n");
  print_figures ("cold", cold_view, cold_all, cold_tiles);
  print_figures ("disk cache", disk_view, disk_all, disk_tiles);
  for (guint round = 0; round < ROUNDS; round++)
    g_print ("  round %u: cold %.0f ms, disk cache %.0f ms (on screen)\n", round + 1, cold_view[round], disk_view[round]);

  test_server_stop (server);
  return 0;
}
