/* test-layer-painter.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CartoLayerPainter against the demo server: pixels where a city is, a
 * restyle without the network, new maps when the SQL or the account
 * changes, layer states, cancellation, picking, attributes, the disk
 * cache offline, and the time a 1280×800 viewport takes.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <string.h>

#include "credentials-test-utils.h"
#include "maps-test-utils.h"

#define RED 0xe0201a
#define BLUE 0x1a40e0

typedef struct
{
  gint64 cartodb_id;
  double longitude;
  double latitude;
} City;

static City madrid;

typedef struct
{
  guint8 r, g, b, a;
} Pixel;

static CartoStyle *
point_style (guint32 rgb,
             double  size)
{
  CartoSymbol symbol;

  carto_symbol_init_default (&symbol, CARTO_MVT_GEOM_POINT);
  carto_color_init_rgb (&symbol.color, rgb);
  symbol.size = size;
  symbol.stroke_width = 0;
  return carto_style_new_single (&symbol);
}

static CartoLayer *
new_layer (const char *data,
           CartoCredentials *credentials,
           CartoStyle *style)
{
  g_autoptr(CartoSource) source = carto_source_new (data, credentials, NULL);

  return carto_layer_new (source, style);
}

static CartoLayerPainter *
new_painter (CartoLayer *layer)
{
  g_autoptr(CartoTileCache) cache = carto_tile_cache_new (512, 512 * 1024 * 1024);

  return carto_layer_painter_new_full (layer, maps_test_get_session (), cache, NULL);
}

static cairo_surface_t *
paint (CartoLayerPainter    *painter,
       const CartoTileCoord *coord,
       guint                 scale_factor,
       GCancellable         *cancellable,
       GError              **error)
{
  CartoTileRequest request = { *coord, 256, scale_factor };
  g_autoptr(GAsyncResult) result = NULL;

  carto_tile_painter_paint_async (CARTO_TILE_PAINTER (painter), &request, cancellable,
                                  maps_test_result_cb, &result);
  return carto_tile_painter_paint_finish (CARTO_TILE_PAINTER (painter), maps_test_wait (&result), error);
}

static cairo_surface_t *
paint_ok (CartoLayerPainter    *painter,
          const CartoTileCoord *coord,
          guint                 scale_factor)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = paint (painter, coord, scale_factor, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (surface);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 256 * scale_factor);
  return surface;
}

static void
tile_at (guint           zoom,
         double          longitude,
         double          latitude,
         CartoTileCoord *coord)
{
  double wx, wy;
  double n = ldexp (1.0, (int) zoom);

  carto_lonlat_to_world (longitude, latitude, &wx, &wy);
  coord->zoom = zoom;
  coord->x = (guint) floor (wx * n);
  coord->y = (guint) floor (wy * n);
}

/* Un-premultiplied pixel at a device position. */
static Pixel
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 argb = *(const guint32 *) (data + y * stride + x * 4);
  Pixel p;

  p.a = argb >> 24;
  p.r = p.a ? ((argb >> 16) & 0xff) * 255 / p.a : 0;
  p.g = p.a ? ((argb >> 8) & 0xff) * 255 / p.a : 0;
  p.b = p.a ? (argb & 0xff) * 255 / p.a : 0;
  return p;
}

static Pixel
pixel_at_lonlat (cairo_surface_t      *surface,
                 const CartoTileCoord *coord,
                 guint                 scale_factor,
                 double                longitude,
                 double                latitude)
{
  double px, py;

  carto_lonlat_to_tile_pixel (coord, 256.0 * scale_factor, longitude, latitude, &px, &py);
  g_assert_cmpfloat (px, >=, 0);
  g_assert_cmpfloat (py, >=, 0);
  g_assert_cmpfloat (px, <, 256.0 * scale_factor);
  g_assert_cmpfloat (py, <, 256.0 * scale_factor);
  return pixel_at (surface, (int) px, (int) py);
}

static void
assert_colour (Pixel   p,
               guint32 rgb)
{
  g_test_message ("pixel %02x%02x%02x/%02x, want %06x", p.r, p.g, p.b, p.a, rgb);
  g_assert_cmpuint (p.a, >, 200);
  g_assert_cmpint (ABS ((int) p.r - (int) ((rgb >> 16) & 0xff)), <, 24);
  g_assert_cmpint (ABS ((int) p.g - (int) ((rgb >> 8) & 0xff)), <, 24);
  g_assert_cmpint (ABS ((int) p.b - (int) (rgb & 0xff)), <, 24);
}

static guint64
count_painted (cairo_surface_t *surface)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint64 n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (*(const guint32 *) (data + y * stride + x * 4) >> 24 != 0)
        n++;
  return n;
}

static void
on_changed_cb (CartoTilePainter *painter,
               guint            *count)
{
  (*count)++;
}

static void
find_madrid (void)
{
  g_autoptr(CartoSqlResult) result =
    maps_test_sql ("demo-cities",
                   "SELECT cartodb_id, ST_X(the_geom) AS lon, ST_Y(the_geom) AS lat "
                   "FROM populated_places WHERE name = 'Madrid' AND country = 'ES'");

  g_assert_cmpuint (carto_sql_result_get_n_rows (result), ==, 1);
  madrid.cartodb_id = (gint64) carto_sql_result_get_double (result, 0, 0);
  madrid.longitude = carto_sql_result_get_double (result, 0, 1);
  madrid.latitude = carto_sql_result_get_double (result, 0, 2);
  g_assert_cmpint (madrid.cartodb_id, >, 0);
}

static void
test_paint_city (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoStyle) red = point_style (RED, 10);
  g_autoptr(CartoLayer) layer = new_layer ("populated_places", credentials, red);
  g_autoptr(CartoLayerPainter) painter = new_painter (layer);
  CartoTileCoord coord;
  CartoTileCoord ocean;
  cairo_surface_t *surface;

  g_assert_cmpint (carto_layer_get_state (layer), ==, CARTO_LAYER_STATE_IDLE);
  g_assert_true (carto_layer_painter_get_layer (painter) == layer);
  g_assert_null (carto_layer_painter_get_layergroup (painter));

  tile_at (6, madrid.longitude, madrid.latitude, &coord);
  for (guint scale = 1; scale <= 2; scale++)
    {
      surface = paint_ok (painter, &coord, scale);
      assert_colour (pixel_at_lonlat (surface, &coord, scale, madrid.longitude, madrid.latitude), RED);
      cairo_surface_destroy (surface);
    }
  g_assert_cmpint (carto_layer_get_state (layer), ==, CARTO_LAYER_STATE_READY);
  g_assert_nonnull (carto_layer_painter_get_layergroup (painter));

  /* No city in the South Pacific: a clear tile. */
  tile_at (8, -140.0, -45.0, &ocean);
  surface = paint_ok (painter, &ocean, 1);
  g_assert_cmpuint (count_painted (surface), ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_state_follows_paints (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoLayer) layer = new_layer ("capital_cities", credentials, NULL);
  g_autoptr(CartoLayerPainter) painter = new_painter (layer);
  CartoTileRequest request = { { 1, 0, 0 }, 256, 1 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  carto_tile_painter_paint_async (CARTO_TILE_PAINTER (painter), &request, NULL, maps_test_result_cb, &result);
  g_assert_cmpint (carto_layer_get_state (layer), ==, CARTO_LAYER_STATE_LOADING);
  surface = carto_tile_painter_paint_finish (CARTO_TILE_PAINTER (painter), maps_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (carto_layer_get_state (layer), ==, CARTO_LAYER_STATE_READY);
  g_assert_null (carto_layer_get_error_message (layer));
  cairo_surface_destroy (surface);
}

static void
test_error_state (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoLayer) layer = new_layer ("SELECT * FROM populated_places WHERE", credentials, NULL);
  g_autoptr(CartoLayerPainter) painter = new_painter (layer);
  CartoTileCoord a = { 1, 0, 0 };
  CartoTileCoord b = { 1, 1, 0 };
  gint64 maps_before = maps_test_count ("map");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  cairo_surface_t *surface;

  surface = paint (painter, &a, 1, NULL, &error);
  g_assert_null (surface);
  g_assert_error (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_INVALID_SQL);
  g_assert_cmpint (carto_layer_get_state (layer), ==, CARTO_LAYER_STATE_ERROR);
  g_assert_nonnull (strstr (carto_layer_get_error_message (layer), "syntax error"));

  /* The second tile does not ask the server the same question. */
  surface = paint (painter, &b, 1, NULL, &again);
  g_assert_null (surface);
  g_assert_error (again, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_INVALID_SQL);
  g_assert_cmpint (maps_test_count ("map"), ==, maps_before + 1);

  /* A fixed source clears the error. */
  {
    g_autoptr(CartoSource) fixed = carto_source_new ("SELECT * FROM populated_places WHERE population > 5000000",
                                                     credentials, NULL);

    carto_layer_set_source (layer, fixed);
    g_assert_cmpint (carto_layer_get_state (layer), ==, CARTO_LAYER_STATE_IDLE);
    surface = paint_ok (painter, &a, 1);
    g_assert_cmpuint (count_painted (surface), >, 0);
    cairo_surface_destroy (surface);
    g_assert_cmpint (carto_layer_get_state (layer), ==, CARTO_LAYER_STATE_READY);
    g_assert_null (carto_layer_get_error_message (layer));
  }

  /* No account at all is an error on the layer, not a crash. */
  {
    g_autoptr(CartoLayer) orphan = new_layer ("populated_places", NULL, NULL);
    g_autoptr(CartoLayerPainter) orphan_painter = new_painter (orphan);
    g_autoptr(GError) no_account = NULL;

    surface = paint (orphan_painter, &a, 1, NULL, &no_account);
    g_assert_null (surface);
    g_assert_error (no_account, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_NO_ACCOUNT);
    g_assert_cmpint (carto_layer_get_state (orphan), ==, CARTO_LAYER_STATE_ERROR);
  }
}

/* The key test: a restyle repaints from decoded tiles. */
static void
test_restyle_without_network (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoStyle) red = point_style (RED, 8);
  g_autoptr(CartoStyle) blue = point_style (BLUE, 8);
  g_autoptr(CartoLayer) layer = new_layer ("populated_places", credentials, red);
  g_autoptr(CartoLayerPainter) painter = new_painter (layer);
  CartoTileCoord tiles[4] = { { 2, 0, 1 }, { 2, 1, 1 }, { 2, 2, 1 }, { 2, 3, 1 } };
  CartoTileCoord home;
  guint changed = 0;
  gint64 tiles_before, maps_before, total_before;
  cairo_surface_t *surface;

  g_signal_connect (painter, "changed", G_CALLBACK (on_changed_cb), &changed);
  tile_at (2, madrid.longitude, madrid.latitude, &home);
  g_assert_cmpuint (home.y, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    cairo_surface_destroy (paint_ok (painter, &tiles[i], 1));

  tiles_before = maps_test_count ("tile");
  maps_before = maps_test_count ("map");
  total_before = maps_test_count ("total");

  carto_layer_set_style (layer, blue);
  g_assert_cmpuint (changed, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (tiles); i++)
    {
      surface = paint_ok (painter, &tiles[i], 1);
      if (tiles[i].x == home.x)
        assert_colour (pixel_at_lonlat (surface, &tiles[i], 1, madrid.longitude, madrid.latitude), BLUE);
      cairo_surface_destroy (surface);
    }

  /* Not one request: no tile, no map (the stats call itself is not counted). */
  g_assert_cmpint (maps_test_count ("tile"), ==, tiles_before);
  g_assert_cmpint (maps_test_count ("map"), ==, maps_before);
  g_assert_cmpint (maps_test_count ("total"), ==, total_before);

  /* A style reading another column needs it in the tiles: a new map. */
  {
    const char *codes[] = { "PPLC", NULL };
    CartoColor colours[1];
    CartoColor others;
    g_autoptr(CartoStyle) by_code = NULL;

    carto_color_init_rgb (&colours[0], RED);
    carto_color_init_rgb (&others, BLUE);
    by_code = carto_style_new_color_category (NULL, "feature_code", codes, colours, 1, &others);
    carto_layer_set_style (layer, by_code);
    g_assert_cmpuint (changed, ==, 2);

    surface = paint_ok (painter, &home, 1);
    cairo_surface_destroy (surface);
    g_assert_cmpint (maps_test_count ("map"), ==, maps_before + 1);
    g_assert_cmpint (maps_test_count ("tile"), ==, tiles_before + 1);
  }
}

static void
test_shared_fetch (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoLayer) layer = new_layer ("SELECT * FROM populated_places WHERE population > 20000",
                                           credentials, NULL);
  g_autoptr(CartoLayerPainter) painter = new_painter (layer);
  CartoTileRequest one = { { 3, 4, 3 }, 256, 1 };
  CartoTileRequest two = { { 3, 4, 3 }, 256, 2 };
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 tiles_before = maps_test_count ("tile");
  gint64 maps_before = maps_test_count ("map");
  cairo_surface_t *a, *b;

  /* One map and one tile request for two paints of the same tile. */
  carto_tile_painter_paint_async (CARTO_TILE_PAINTER (painter), &one, NULL, maps_test_result_cb, &first);
  carto_tile_painter_paint_async (CARTO_TILE_PAINTER (painter), &two, NULL, maps_test_result_cb, &second);
  a = carto_tile_painter_paint_finish (CARTO_TILE_PAINTER (painter), maps_test_wait (&first), &error);
  g_assert_no_error (error);
  b = carto_tile_painter_paint_finish (CARTO_TILE_PAINTER (painter), maps_test_wait (&second), &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (a), ==, 256);
  g_assert_cmpint (cairo_image_surface_get_width (b), ==, 512);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);

  g_assert_cmpint (maps_test_count ("map"), ==, maps_before + 1);
  g_assert_cmpint (maps_test_count ("tile"), ==, tiles_before + 1);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoLayer) layer = new_layer ("SELECT * FROM populated_places WHERE population > 50000",
                                           credentials, NULL);
  g_autoptr(CartoLayerPainter) painter = new_painter (layer);
  CartoTileCoord warm = { 3, 3, 3 };
  CartoTileCoord slow = { 3, 5, 3 };
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GCancellable) later = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  gint64 start;
  double seconds;

  /* Already cancelled: never painted. */
  g_cancellable_cancel (cancelled);
  surface = paint (painter, &warm, 1, cancelled, &error);
  g_assert_null (surface);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (carto_layer_get_state (layer), !=, CARTO_LAYER_STATE_ERROR);

  cairo_surface_destroy (paint_ok (painter, &warm, 1));

  /* Cancelled while the server is slow: it returns at once, and it is
   * no error for the layer. */
  maps_test_set_faults ("{\"path_prefix\": \"/user/demo-cities/api/v1/map/\", \"latency_ms\": 3000, \"count\": 1}");
  start = g_get_monotonic_time ();
  g_timeout_add (100, cancel_cb, later);
  surface = paint (painter, &slow, 1, later, &error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("cancelled after %.3f s", seconds);
  g_assert_null (surface);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (seconds, <, 1.5);
  g_assert_cmpint (carto_layer_get_state (layer), ==, CARTO_LAYER_STATE_READY);
  g_assert_null (carto_layer_get_error_message (layer));
  maps_test_set_faults ("{}");

  /* The tile is still there to paint afterwards. */
  cairo_surface_destroy (paint_ok (painter, &slow, 1));
}

static void
test_credentials_change (void)
{
  g_autoptr(CartoCredentials) cities = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoCredentials) atlas = maps_test_credentials ("demo-atlas", "master");
  g_autoptr(CartoCredentials) wrong_key = maps_test_credentials_at ("demo-cities", "demo-atlas", "master");
  g_autoptr(CartoLayer) layer = new_layer ("capital_cities", cities, NULL);
  g_autoptr(CartoLayerPainter) painter = new_painter (layer);
  CartoTileCoord coord = { 1, 1, 0 };
  guint changed = 0;
  gint64 maps_before;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  g_signal_connect (painter, "changed", G_CALLBACK (on_changed_cb), &changed);
  cairo_surface_destroy (paint_ok (painter, &coord, 1));
  maps_before = maps_test_count ("map");

  /* Layer credentials override the source's: the other account has no
   * such table. */
  carto_layer_set_credentials (layer, atlas);
  g_assert_cmpuint (changed, ==, 1);
  surface = paint (painter, &coord, 1, NULL, &error);
  g_assert_null (surface);
  g_assert_error (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (carto_layer_get_state (layer), ==, CARTO_LAYER_STATE_ERROR);
  g_assert_nonnull (strstr (carto_layer_get_error_message (layer), "capital_cities"));

  /* The other account's key on this account's URL is refused. */
  carto_layer_set_credentials (layer, wrong_key);
  g_assert_cmpuint (changed, ==, 2);
  surface = paint (painter, &coord, 1, NULL, &error);
  g_assert_null (surface);
  g_assert_error (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_INVALID_KEY);
  g_clear_error (&error);

  /* Back to the source's own. */
  carto_layer_set_credentials (layer, NULL);
  g_assert_cmpuint (changed, ==, 3);
  cairo_surface_destroy (paint_ok (painter, &coord, 1));
  g_assert_cmpint (carto_layer_get_state (layer), ==, CARTO_LAYER_STATE_READY);
  g_assert_cmpint (maps_test_count ("map"), ==, maps_before + 3);
}

static CartoAccount *
store_add (CartoCredentialStore *store,
           CartoCredentials     *credentials)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CartoAccount *account;

  carto_credential_store_add_async (store, credentials, NULL, maps_test_result_cb, &result);
  account = carto_credential_store_add_finish (store, maps_test_wait (&result), &error);
  g_assert_no_error (error);
  return account;
}

/* Two layers, two accounts, each table private to (or granted by) its
 * own account; and a layer following the default account. */
static void
test_two_accounts_and_default (void)
{
  g_autoptr(CartoCredentials) atlas = maps_test_credentials ("demo-atlas", "master");
  g_autoptr(CartoCredentials) mapper = maps_test_credentials ("demo-cities", "cities_mapper");
  g_autoptr(CartoStyle) red = point_style (RED, 12);
  g_autoptr(CartoStyle) blue = point_style (BLUE, 12);
  g_autoptr(CartoLayer) stats = new_layer ("country_stats_private", atlas, red);
  g_autoptr(CartoLayer) capitals = new_layer ("capital_cities", mapper, blue);
  g_autoptr(CartoLayerPainter) stats_painter = new_painter (stats);
  g_autoptr(CartoLayerPainter) capitals_painter = new_painter (capitals);
  g_autoptr(CartoMap) map = carto_map_new ();
  CartoTileCoord world = { 0, 0, 0 };
  guint64 stats_pixels, capitals_pixels;
  cairo_surface_t *surface;

  carto_map_append_layer (map, stats);
  carto_map_append_layer (map, capitals);

  surface = paint_ok (stats_painter, &world, 1);
  stats_pixels = count_painted (surface);
  cairo_surface_destroy (surface);
  surface = paint_ok (capitals_painter, &world, 1);
  capitals_pixels = count_painted (surface);
  g_test_message ("world tile: %" G_GUINT64_FORMAT " px of country points, %" G_GUINT64_FORMAT " px of capitals",
                  stats_pixels, capitals_pixels);
  g_assert_cmpuint (stats_pixels, >, 1000);
  g_assert_cmpuint (capitals_pixels, >, 1000);
  cairo_surface_destroy (surface);
  g_assert_cmpint (carto_layer_get_state (stats), ==, CARTO_LAYER_STATE_READY);
  g_assert_cmpint (carto_layer_get_state (capitals), ==, CARTO_LAYER_STATE_READY);

  /* The default account, resolved live. */
  if (g_strcmp0 (g_getenv ("CARTO_TEST_KEYRING"), "none") != 0)
    {
      g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
      g_autoptr(CartoCredentials) cities = maps_test_credentials ("demo-cities", "master");
      g_autoptr(CartoAccount) cities_account = store_add (store, cities);
      g_autoptr(CartoAccount) atlas_account = store_add (store, atlas);
      g_autoptr(CartoSource) source = carto_source_new ("capital_cities", NULL, store);
      g_autoptr(CartoLayer) follows = carto_layer_new (source, NULL);
      g_autoptr(CartoLayerPainter) painter = new_painter (follows);
      g_autoptr(GError) error = NULL;
      guint changed = 0;

      g_signal_connect (painter, "changed", G_CALLBACK (on_changed_cb), &changed);
      g_assert_true (carto_credential_store_set_default (store, cities_account, &error));
      g_assert_cmpuint (changed, ==, 1);
      cairo_surface_destroy (paint_ok (painter, &world, 1));

      /* The default changes to an account without that table. */
      g_assert_true (carto_credential_store_set_default (store, atlas_account, &error));
      g_assert_cmpuint (changed, ==, 2);
      surface = paint (painter, &world, 1, NULL, &error);
      g_assert_null (surface);
      g_assert_error (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_NOT_FOUND);
      g_assert_cmpint (carto_layer_get_state (follows), ==, CARTO_LAYER_STATE_ERROR);
    }
}

static void
test_pick_and_attributes (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoStyle) red = point_style (RED, 4);
  g_autoptr(CartoLayer) layer = new_layer ("populated_places", credentials, red);
  g_autoptr(CartoLayerPainter) painter = new_painter (layer);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) attributes = NULL;
  gint64 id = 0;
  gboolean found = FALSE;
  int name_field;

  /* At z13 the "City Center" district, 200 m north, is 14 px away. */

  /* Nothing decoded yet: the synchronous pick knows nothing. */
  g_assert_false (carto_layer_painter_pick (painter, 13, madrid.longitude, madrid.latitude, 2, &id));

  /* The asynchronous one loads the tile. */
  carto_layer_painter_pick_async (painter, 13, madrid.longitude + 0.0001, madrid.latitude, 2, NULL,
                                  maps_test_result_cb, &result);
  g_assert_true (carto_layer_painter_pick_finish (painter, maps_test_wait (&result), &found, &id, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  g_assert_cmpint (id, ==, madrid.cartodb_id);

  /* Now decoded: the synchronous pick, for hover. */
  id = 0;
  g_assert_true (carto_layer_painter_pick (painter, 13, madrid.longitude, madrid.latitude, 2, &id));
  g_assert_cmpint (id, ==, madrid.cartodb_id);

  /* The ocean has nothing. */
  g_clear_object (&result);
  carto_layer_painter_pick_async (painter, 7, -30.0, 35.0, 3, NULL, maps_test_result_cb, &result);
  g_assert_true (carto_layer_painter_pick_finish (painter, maps_test_wait (&result), &found, &id, &error));
  g_assert_false (found);

  /* The feature's attributes, by cartodb_id, without geometries. */
  g_clear_object (&result);
  carto_layer_fetch_attributes_async (layer, maps_test_get_session (), madrid.cartodb_id, NULL,
                                      maps_test_result_cb, &result);
  attributes = carto_layer_fetch_attributes_finish (layer, maps_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carto_sql_result_get_n_rows (attributes), ==, 1);
  name_field = carto_sql_result_find_field (attributes, "name");
  g_assert_cmpint (name_field, >=, 0);
  g_assert_cmpstr (carto_sql_result_get_string (attributes, 0, name_field), ==, "Madrid");
  g_assert_cmpint (carto_sql_result_find_field (attributes, "cartodb_id"), >=, 0);
  g_assert_cmpint (carto_sql_result_find_field (attributes, "population"), >=, 0);
  g_assert_cmpint (carto_sql_result_find_field (attributes, "the_geom"), <, 0);
  g_assert_cmpint (carto_sql_result_find_field (attributes, "the_geom_webmercator"), <, 0);

  /* A second feature: the columns are known, one request. */
  {
    g_autoptr(CartoSqlResult) gone = NULL;
    gint64 sql_before = maps_test_count ("sql");

    g_clear_object (&result);
    carto_layer_fetch_attributes_async (layer, maps_test_get_session (), -5, NULL, maps_test_result_cb, &result);
    gone = carto_layer_fetch_attributes_finish (layer, maps_test_wait (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (carto_sql_result_get_n_rows (gone), ==, 0);
    g_assert_cmpint (maps_test_count ("sql"), ==, sql_before + 1);
  }
}

/* Bins breaks over the whole source, as the style editor asks for them. */
static void
test_style_breaks (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoLayer) layer = new_layer ("populated_places", credentials, NULL);
  g_autoptr(CartoSqlResult) below = NULL;
  g_autoptr(CartoSqlResult) total = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *quantiles = NULL;
  g_autofree double *intervals = NULL;
  g_autofree char *below_sql = NULL;
  g_autoptr(CartoStyle) style = NULL;
  CartoColor colours[5];
  guint n_quantiles = 0, n_intervals = 0;
  double min = 0, max = 0, share;

  carto_layer_compute_breaks_async (layer, maps_test_get_session (), "population", CARTO_BIN_METHOD_QUANTILES, 5,
                                    NULL, maps_test_result_cb, &result);
  quantiles = carto_layer_compute_breaks_finish (layer, maps_test_wait (&result), &n_quantiles, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_quantiles, ==, 4);
  for (guint i = 1; i < n_quantiles; i++)
    g_assert_cmpfloat (quantiles[i - 1], <, quantiles[i]);

  /* The first quintile holds about a fifth of the cities. */
  below_sql = g_strdup_printf ("SELECT count(*) FROM populated_places WHERE population <= %.17g", quantiles[0]);
  below = maps_test_sql ("demo-cities", below_sql);
  total = maps_test_sql ("demo-cities", "SELECT count(population) FROM populated_places");
  share = carto_sql_result_get_double (below, 0, 0) / carto_sql_result_get_double (total, 0, 0);
  g_test_message ("quantile breaks %g %g %g %g; first class %.3f of the cities",
                  quantiles[0], quantiles[1], quantiles[2], quantiles[3], share);
  g_assert_cmpfloat (share, >=, 0.2);
  g_assert_cmpfloat (share, <, 0.3);

  g_clear_object (&result);
  carto_layer_compute_range_async (layer, maps_test_get_session (), "population", NULL, maps_test_result_cb, &result);
  g_assert_true (carto_layer_compute_range_finish (layer, maps_test_wait (&result), &min, &max, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (min, <, max);

  g_clear_object (&result);
  carto_layer_compute_breaks_async (layer, maps_test_get_session (), "population", CARTO_BIN_METHOD_EQUAL_INTERVALS, 4,
                                    NULL, maps_test_result_cb, &result);
  intervals = carto_layer_compute_breaks_finish (layer, maps_test_wait (&result), &n_intervals, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_intervals, ==, 3);
  g_assert_cmpfloat_with_epsilon (intervals[0], min + (max - min) / 4, 1e-6 * max);
  g_assert_cmpfloat_with_epsilon (intervals[2], min + 3 * (max - min) / 4, 1e-6 * max);

  /* They make a style. */
  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    carto_color_init_rgb (&colours[i], 0x101010 * (i + 1));
  style = carto_style_new_color_bins (NULL, "population", CARTO_BIN_METHOD_QUANTILES, quantiles, n_quantiles, colours);
  g_assert_true (CARTO_IS_STYLE (style));

  /* A column that is not there is the server's error, on the request. */
  g_clear_object (&result);
  carto_layer_compute_breaks_async (layer, maps_test_get_session (), "no_such_column", CARTO_BIN_METHOD_QUANTILES, 5,
                                    NULL, maps_test_result_cb, &result);
  g_assert_null (carto_layer_compute_breaks_finish (layer, maps_test_wait (&result), &n_quantiles, &error));
  g_assert_error (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_SQL);
  g_assert_cmpuint (n_quantiles, ==, 0);
}

/* Tiles seen once come from the disk cache, even with the server gone. */
static void
test_disk_cache_offline (void)
{
  g_autofree char *config = g_test_build_filename (G_TEST_DIST, "server", "demo-config.json", NULL);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "carto-viewer", "tiles", NULL);
  g_autoptr(CartoTileDiskCache) disk = carto_tile_disk_cache_new (dir, 64 * 1024 * 1024);
  g_autoptr(CartoStyle) red = point_style (RED, 10);
  g_autoptr(CartoCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  TestServer *other;
  CartoTileCoord coord;
  gint64 tiles_before;
  const char *secrets[] = { NULL, NULL };

  other = test_server_start (config, &error);
  g_assert_no_error (error);
  credentials = carto_credentials_new ("demo-cities", test_server_get_key (other, "demo-cities", "master"),
                                       test_server_get_base_url (other, "demo-cities"),
                                       CARTO_CREDENTIALS_ALLOW_NON_SECURE, &error);
  g_assert_no_error (error);
  secrets[0] = carto_credentials_get_api_key (credentials);
  tile_at (6, madrid.longitude, madrid.latitude, &coord);

  {
    g_autoptr(CartoLayer) layer = new_layer ("populated_places", credentials, red);
    g_autoptr(CartoTileCache) memory = carto_tile_cache_new (64, 64 * 1024 * 1024);
    g_autoptr(CartoLayerPainter) painter =
      carto_layer_painter_new_full (layer, maps_test_get_session (), memory, disk);

    cairo_surface_destroy (paint_ok (painter, &coord, 1));
  }

  /* A restart: empty memory, same disk. The map is instantiated again
   * (online), the tile is not fetched. */
  tiles_before = test_server_get_count (other, "tile", &error);
  g_assert_no_error (error);
  {
    g_autoptr(CartoLayer) layer = new_layer ("populated_places", credentials, red);
    g_autoptr(CartoTileCache) memory = carto_tile_cache_new (64, 64 * 1024 * 1024);
    g_autoptr(CartoLayerPainter) painter =
      carto_layer_painter_new_full (layer, maps_test_get_session (), memory, disk);
    cairo_surface_t *surface = paint_ok (painter, &coord, 1);

    assert_colour (pixel_at_lonlat (surface, &coord, 1, madrid.longitude, madrid.latitude), RED);
    cairo_surface_destroy (surface);
  }
  g_assert_cmpint (test_server_get_count (other, "tile", &error), ==, tiles_before);

  /* No key in any file name or file, once the tiles are written. */
  g_assert_true (carto_tile_disk_cache_flush (disk, 10000));
  carto_test_assert_no_secret_in_dir (dir, secrets);

  /* The server is gone: the remembered map and the cached tile still show. */
  test_server_stop (other);
  {
    g_autoptr(CartoLayer) layer = new_layer ("populated_places", credentials, red);
    g_autoptr(CartoTileCache) memory = carto_tile_cache_new (64, 64 * 1024 * 1024);
    g_autoptr(CartoLayerPainter) painter =
      carto_layer_painter_new_full (layer, maps_test_get_session (), memory, disk);
    CartoTileCoord unseen = { coord.zoom, coord.x + 1, coord.y };
    cairo_surface_t *surface = paint_ok (painter, &coord, 1);

    assert_colour (pixel_at_lonlat (surface, &coord, 1, madrid.longitude, madrid.latitude), RED);
    cairo_surface_destroy (surface);
    g_assert_cmpint (carto_layer_get_state (layer), ==, CARTO_LAYER_STATE_READY);

    /* A tile never seen cannot show. */
    surface = paint (painter, &unseen, 1, NULL, &error);
    g_assert_null (surface);
    g_assert_error (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_NETWORK);
    g_clear_error (&error);
  }

  /* The bound holds. */
  {
    g_autoptr(CartoTileDiskCache) tiny = carto_tile_disk_cache_new (dir, 1024);

    g_assert_cmpuint (carto_tile_disk_cache_trim (tiny), <=, 1024);
  }
}

typedef struct
{
  guint pending;
  guint failed;
  guint64 painted_pixels;
} Batch;

static void
batch_paint_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = carto_tile_painter_paint_finish (CARTO_TILE_PAINTER (source), result, &error);

  if (surface == NULL)
    {
      g_test_message ("tile failed: %s", error->message);
      batch->failed++;
    }
  else
    {
      batch->painted_pixels += count_painted (surface);
      cairo_surface_destroy (surface);
    }
  batch->pending--;
}

/* All the tiles of a 1280×800 window at zoom 3, every layer at once, as
 * the map widget asks for them. */
static double
paint_viewport (CartoLayerPainter **painters,
                guint               n_painters,
                Batch              *batch)
{
  const int width = 1280, height = 800, zoom = 3;
  double cx, cy, wx, wy;
  gint64 start = g_get_monotonic_time ();
  int n = 1 << zoom;

  memset (batch, 0, sizeof *batch);
  carto_lonlat_to_world (0.0, 20.0, &wx, &wy);
  cx = wx * n * 256;
  cy = wy * n * 256;

  for (int ty = (int) floor ((cy - height / 2) / 256); ty <= (int) floor ((cy + height / 2) / 256); ty++)
    for (int tx = (int) floor ((cx - width / 2) / 256); tx <= (int) floor ((cx + width / 2) / 256); tx++)
      {
        CartoTileRequest request = { { zoom, (guint) ((tx % n + n) % n), (guint) ty }, 256, 1 };

        if (ty < 0 || ty >= n)
          continue;
        for (guint p = 0; p < n_painters; p++)
          {
            batch->pending++;
            carto_tile_painter_paint_async (CARTO_TILE_PAINTER (painters[p]), &request, NULL,
                                            batch_paint_cb, batch);
          }
      }

  while (batch->pending > 0)
    g_main_context_iteration (NULL, TRUE);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
test_viewport_z3 (void)
{
  g_autoptr(CartoCredentials) cities = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoCredentials) atlas = maps_test_credentials ("demo-atlas", "master");
  g_autoptr(CartoStyle) red = point_style (RED, 2);
  g_autoptr(CartoStyle) blue = point_style (BLUE, 2);
  g_autoptr(CartoLayer) places = new_layer ("populated_places", cities, red);
  g_autoptr(CartoLayer) countries = new_layer ("countries", atlas, NULL);
  g_autoptr(CartoLayerPainter) places_painter = new_painter (places);
  g_autoptr(CartoLayerPainter) countries_painter = new_painter (countries);
  CartoLayerPainter *both[] = { countries_painter, places_painter };
  gint64 tiles_before;
  Batch batch;
  double ms_countries, ms_places, ms_both, ms_restyle;

  ms_countries = paint_viewport (&both[0], 1, &batch);
  g_assert_cmpuint (batch.failed, ==, 0);
  g_assert_cmpuint (batch.painted_pixels, >, 0);
  ms_places = paint_viewport (&both[1], 1, &batch);
  g_assert_cmpuint (batch.failed, ==, 0);

  /* Both layers again from scratch, as a freshly opened map. */
  {
    g_autoptr(CartoLayerPainter) p1 = new_painter (countries);
    g_autoptr(CartoLayerPainter) p2 = new_painter (places);
    CartoLayerPainter *fresh[] = { p1, p2 };

    ms_both = paint_viewport (fresh, 2, &batch);
    g_assert_cmpuint (batch.failed, ==, 0);
  }

  tiles_before = maps_test_count ("tile");
  carto_layer_set_style (places, blue);
  ms_restyle = paint_viewport (&both[1], 1, &batch);
  g_assert_cmpuint (batch.failed, ==, 0);
  g_assert_cmpint (maps_test_count ("tile"), ==, tiles_before);

  g_test_message ("1280x800 at z3, cold: countries %.0f ms, 138k cities %.0f ms, both together %.0f ms; "
                  "restyle of the cities (decoded tiles, no network) %.0f ms",
                  ms_countries, ms_places, ms_both, ms_restyle);
  /* Generous: CI machines are slow and shared; the figures are the point. */
  g_assert_cmpfloat (ms_both, <, 20000);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Every log line, debug ones included, is checked for keys. */
  maps_test_guard_logs ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/layer-painter/paint-city", test_paint_city);
  g_test_add_func ("/layer-painter/state-follows-paints", test_state_follows_paints);
  g_test_add_func ("/layer-painter/error-state", test_error_state);
  g_test_add_func ("/layer-painter/restyle-without-network", test_restyle_without_network);
  g_test_add_func ("/layer-painter/shared-fetch", test_shared_fetch);
  g_test_add_func ("/layer-painter/cancel", test_cancel);
  g_test_add_func ("/layer-painter/credentials-change", test_credentials_change);
  g_test_add_func ("/layer-painter/two-accounts-and-default", test_two_accounts_and_default);
  g_test_add_func ("/layer-painter/pick-and-attributes", test_pick_and_attributes);
  g_test_add_func ("/layer-painter/style-breaks", test_style_breaks);
  g_test_add_func ("/layer-painter/disk-cache-offline", test_disk_cache_offline);
  g_test_add_func ("/layer-painter/viewport-z3", test_viewport_z3);

  maps_test_start_server (NULL);
  find_madrid ();
  status = g_test_run ();
  maps_test_stop_server ();

  return status;
}
