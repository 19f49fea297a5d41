/* bench-map.c — how fast the demo map shows, restyles and answers a click
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test: it prints figures. The real window, 1280×800 at zoom 3, with
 * the demo's two layers (177 countries from demo-atlas, 135k cities from
 * demo-cities) served by the CARTO-compatible test server. Run it with
 * tools/bench.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include "bench-utils.h"
#include "test-server-fixture.h"
#include "ui-server-utils.h"
#include "ui-test-utils.h"
#include "viewer-context.h"
#include "viewer-feature-popover.h"
#include "viewer-window.h"

static TestServer *server;

static ViewerWindow *
open_window (AdwApplication   *app,
             ViewerContext    *context,
             CartoCredentials *atlas,
             CartoCredentials *cities)
{
  ViewerWindow *window = viewer_window_new (app, context);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (viewer_map_view_get_simple_map (viewer_window_get_map_view (window)));
  g_autoptr(CartoStyle) country_style = bench_style_from_file (0);
  g_autoptr(CartoStyle) city_style = bench_style_from_file (1);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  shumate_viewport_set_zoom_level (viewport, 3.0);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 30.0, 10.0);
  ui_test_add_layer_quietly (window, "countries", atlas, NULL, country_style);
  ui_test_add_layer_quietly (window, "populated_places", cities, NULL, city_style);
  return window;
}

static gboolean
popover_loaded (gpointer data)
{
  return viewer_feature_popover_is_loaded (VIEWER_FEATURE_POPOVER (data));
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
  g_autoptr(CartoStyle) restyle = NULL;
  ViewerWindow *window;
  CartoLayer *countries;
  gint64 start, tiles_before;
  double cold_view_ms, cold_ms, warm_view_ms, warm_ms, disk_view_ms, disk_ms, restyle_view_ms, restyle_ms, click_ms;
  gint64 cold_tiles, warm_tiles, disk_tiles, restyle_requests;

  ui_test_init (&argc, &argv);
  app = ui_test_app_new ("io.github.cartoviewer.CartoViewer.Bench");

  server = test_server_start (NULL, &error);
  g_assert_no_error (error);
  context = viewer_context_new ();
  atlas = ui_test_add_server_account (context, server, "demo-atlas");
  cities = ui_test_add_server_account (context, server, "demo-cities");

  /* Cold: empty caches, layergroups to instantiate, every tile fetched. */
  window = open_window (app, context, atlas, cities);
  start = g_get_monotonic_time ();
  gtk_window_present (GTK_WINDOW (window));
  bench_measure (window, start, &cold_view_ms, &cold_ms);
  cold_tiles = test_server_get_count (server, "tile", NULL);

  /* Restyle: countries to a single colour, from the decoded tiles. */
  countries = carto_map_get_layer (viewer_window_get_map (window), 0);
  tiles_before = test_server_get_count (server, "total", NULL);
  {
    CartoSymbol symbol;

    carto_symbol_init_default (&symbol, CARTO_MVT_GEOM_POLYGON);
    carto_color_parse (&symbol.color, "#3969AC");
    restyle = carto_style_new_single (&symbol);
  }
  start = g_get_monotonic_time ();
  carto_layer_set_style (countries, restyle);
  bench_measure (window, start, &restyle_view_ms, &restyle_ms);
  restyle_requests = test_server_get_count (server, "total", NULL) - tiles_before;

  /* A click on Paris: hit test in the decoded tile, then one SQL query. */
  start = g_get_monotonic_time ();
  viewer_map_view_inspect_location (viewer_window_get_map_view (window), 48.8566, 2.3522);
  g_assert_true (ui_test_wait_until (popover_loaded, viewer_map_view_get_feature_popover (viewer_window_get_map_view (window)), 10000));
  click_ms = (g_get_monotonic_time () - start) / 1000.0;
  gtk_popover_popdown (viewer_map_view_get_feature_popover (viewer_window_get_map_view (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (100);

  /* Warm: a new window on the same map, tiles from the caches. */
  tiles_before = test_server_get_count (server, "tile", NULL);
  window = open_window (app, context, atlas, cities);
  start = g_get_monotonic_time ();
  gtk_window_present (GTK_WINDOW (window));
  bench_measure (window, start, &warm_view_ms, &warm_ms);
  warm_tiles = test_server_get_count (server, "tile", NULL) - tiles_before;
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_iterate (100);

  /* Restart: nothing decoded in memory, raw tiles from the disk cache (as
   * after quitting and opening the app again; layergroups are
   * instantiated again, as a new process would). */
  carto_tile_cache_clear (carto_tile_cache_get_default ());
  tiles_before = test_server_get_count (server, "tile", NULL);
  window = open_window (app, context, atlas, cities);
  start = g_get_monotonic_time ();
  gtk_window_present (GTK_WINDOW (window));
  bench_measure (window, start, &disk_view_ms, &disk_ms);
  disk_tiles = test_server_get_count (server, "tile", NULL) - tiles_before;
  gtk_window_destroy (GTK_WINDOW (window));

  g_print ("bench-map: 1280x800 window, zoom 3, countries (177 polygons) + populated_places (135k points)\n");
  g_print ("  test server ready in         %7.2f s\n", test_server_get_startup_seconds (server));
  g_print ("                                 on screen   with margin\n");
  g_print ("  cold: both layers painted in %7.0f ms  %7.0f ms  (%" G_GINT64_FORMAT " tile requests)\n",
           cold_view_ms, cold_ms, cold_tiles);
  g_print ("  restyle repainted in         %7.0f ms  %7.0f ms  (%" G_GINT64_FORMAT " requests)\n",
           restyle_view_ms, restyle_ms, restyle_requests);
  g_print ("  warm: new window painted in  %7.0f ms  %7.0f ms  (%" G_GINT64_FORMAT " tile requests)\n",
           warm_view_ms, warm_ms, warm_tiles);
  g_print ("  from the disk cache in       %7.0f ms  %7.0f ms  (%" G_GINT64_FORMAT " tile requests)\n",
           disk_view_ms, disk_ms, disk_tiles);
  g_print ("  click to attributes in       %7.0f ms\n", click_ms);

  test_server_stop (server);
  return 0;
}
