/* test-world-painter.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>

static GBytes *
load_world (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "world", "countries-110m.json", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

static void
test_decode_world (void)
{
  g_autoptr(GBytes) bytes = load_world ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoGeoCollection) world = carto_topojson_decode (bytes, "countries", &error);
  gboolean found_brazil = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (world);
  /* world-atlas 2.0.2: 177 country geometries, all polygonal. */
  g_assert_cmpuint (carto_geo_collection_get_n_features (world), ==, 177);

  for (guint i = 0; i < carto_geo_collection_get_n_features (world); i++)
    {
      const CartoGeoFeature *f = carto_geo_collection_get_feature (world, i);

      g_assert_cmpuint (f->n_rings, >, 0);
      if (g_strcmp0 (f->name, "Brazil") == 0)
        {
          found_brazil = TRUE;
          g_assert_cmpstr (f->id, ==, "076");
          g_assert_cmpfloat (f->bounds.west, >, -75);
          g_assert_cmpfloat (f->bounds.west, <, -73);
          g_assert_cmpfloat (f->bounds.south, >, -34);
          g_assert_cmpfloat (f->bounds.south, <, -33);
          g_assert_cmpfloat (f->bounds.north, >, 5);
          g_assert_cmpfloat (f->bounds.north, <, 6);
        }
    }
  g_assert_true (found_brazil);
}

static void
test_decode_errors (void)
{
  struct {
    const char *json;
    int code;
  } cases[] = {
    { "not json", CARTO_TOPOJSON_ERROR_INVALID },
    { "{\"type\":\"FeatureCollection\"}", CARTO_TOPOJSON_ERROR_INVALID },
    { "{\"type\":\"Topology\",\"objects\":{},\"arcs\":[]}", CARTO_TOPOJSON_ERROR_NO_SUCH_OBJECT },
    { "{\"type\":\"Topology\",\"objects\":{\"countries\":{\"type\":\"Polygon\",\"arcs\":[[0]]}}}",
      CARTO_TOPOJSON_ERROR_INVALID },
    /* An arc index out of range must be caught, not read. */
    { "{\"type\":\"Topology\",\"arcs\":[[[0,0],[1,0],[1,1],[0,0]]],"
      "\"objects\":{\"countries\":{\"type\":\"Polygon\",\"arcs\":[[5]]}}}",
      CARTO_TOPOJSON_ERROR_INVALID },
    { "{\"type\":\"Topology\",\"arcs\":[[[0,0],[1,0],[1,1],[0,0]]],"
      "\"objects\":{\"countries\":{\"type\":\"Polygon\",\"arcs\":[[-2]]}}}",
      CARTO_TOPOJSON_ERROR_INVALID },
    { "{\"type\":\"Topology\",\"arcs\":[[[0,\"x\"]]],"
      "\"objects\":{\"countries\":{\"type\":\"Polygon\",\"arcs\":[[0]]}}}",
      CARTO_TOPOJSON_ERROR_INVALID },
    { "{\"type\":\"Topology\",\"transform\":{\"scale\":[1]},\"arcs\":[],"
      "\"objects\":{\"countries\":{\"type\":\"GeometryCollection\",\"geometries\":[]}}}",
      CARTO_TOPOJSON_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) b = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = NULL;
      g_autoptr(CartoGeoCollection) c = carto_topojson_decode (b, "countries", &error);

      g_assert_null (c);
      g_assert_error (error, CARTO_TOPOJSON_ERROR, cases[i].code);
    }
}

/* A reversed arc (~0) traces the same ring backwards. */
static void
test_decode_reversed_arc (void)
{
  const char *json =
    "{\"type\":\"Topology\",\"arcs\":[[[0,0],[10,0],[10,10],[0,10],[0,0]]],"
    "\"objects\":{\"countries\":{\"type\":\"GeometryCollection\",\"geometries\":["
    "{\"type\":\"Polygon\",\"arcs\":[[-1]],\"id\":7,\"properties\":{\"name\":\"Square\"}}]}}}";
  g_autoptr(GBytes) b = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoGeoCollection) c = carto_topojson_decode (b, "countries", &error);
  const CartoGeoFeature *f;
  const CartoGeoRing *ring;
  const double *pts;
  double lon, lat;

  g_assert_no_error (error);
  g_assert_cmpuint (carto_geo_collection_get_n_features (c), ==, 1);
  f = carto_geo_collection_get_feature (c, 0);
  g_assert_cmpstr (f->id, ==, "7");
  g_assert_cmpstr (f->name, ==, "Square");
  g_assert_cmpfloat_with_epsilon (f->bounds.east, 10, 1e-9);
  ring = carto_geo_collection_get_ring (c, f->first_ring);
  g_assert_cmpuint (ring->n_points, ==, 5);
  pts = carto_geo_collection_get_points (c, NULL);
  /* Second point of the reversed ring is the arc's fourth: (0, 10). */
  carto_world_to_lonlat (pts[2 * (ring->first + 1)], pts[2 * (ring->first + 1) + 1], &lon, &lat);
  g_assert_cmpfloat_with_epsilon (lon, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (lat, 10, 1e-9);
}

typedef struct
{
  cairo_surface_t *surface;
  GError *error;
  gboolean done;
} PaintResult;

static void
paint_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  PaintResult *r = user_data;

  r->surface = carto_tile_painter_paint_finish (CARTO_TILE_PAINTER (source), result, &r->error);
  r->done = TRUE;
}

static void
paint_sync (CartoTilePainter *painter,
            guint             zoom,
            guint             x,
            guint             y,
            guint             scale,
            GCancellable     *cancellable,
            PaintResult      *r)
{
  CartoTileRequest req = { { zoom, x, y }, 256, scale };

  carto_tile_painter_paint_async (painter, &req, cancellable, paint_cb, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static guint32
pixel_at_lonlat (cairo_surface_t *s,
                 guint zoom, guint x, guint y,
                 double lon, double lat)
{
  CartoTileCoord c = { zoom, x, y };
  double px, py;
  int side = cairo_image_surface_get_width (s);

  carto_lonlat_to_tile_pixel (&c, side, lon, lat, &px, &py);
  g_assert_cmpfloat (px, >=, 0);
  g_assert_cmpfloat (px, <, side);
  g_assert_cmpfloat (py, >=, 0);
  g_assert_cmpfloat (py, <, side);
  return *(guint32 *) (void *) (cairo_image_surface_get_data (s) +
                                (int) py * cairo_image_surface_get_stride (s) + 4 * (int) px);
}

static void
test_paint_land_and_water (void)
{
  g_autoptr(GBytes) bytes = load_world ();
  g_autoptr(CartoWorldPainter) painter = carto_world_painter_new (bytes);
  PaintResult r = { 0 };
  guint32 water, land;

  paint_sync (CARTO_TILE_PAINTER (painter), 0, 0, 0, 1, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpint (cairo_image_surface_get_width (r.surface), ==, 256);

  water = pixel_at_lonlat (r.surface, 0, 0, 0, -30, -30);   /* South Atlantic */
  land = pixel_at_lonlat (r.surface, 0, 0, 0, -55, -10);    /* Brazil */
  g_assert_cmphex (water, !=, land);
  g_assert_cmphex (pixel_at_lonlat (r.surface, 0, 0, 0, 100, 60), ==, land);   /* Siberia */
  g_assert_cmphex (pixel_at_lonlat (r.surface, 0, 0, 0, -150, 0), ==, water);  /* Pacific */
  /* Russia and Fiji cross the antimeridian: no band of land across the
   * oceans at their latitudes, and both sides of the cut are land. */
  g_assert_cmphex (pixel_at_lonlat (r.surface, 0, 0, 0, -160, 73), ==, water);
  g_assert_cmphex (pixel_at_lonlat (r.surface, 0, 0, 0, -150, -17), ==, water);
  g_assert_cmphex (pixel_at_lonlat (r.surface, 0, 0, 0, -30, -17), ==, water);
  g_assert_cmphex (pixel_at_lonlat (r.surface, 0, 0, 0, 170, 67), ==, land);
  /* East of the cut, Chukotka is one pixel from its coast at zoom 0. */
  g_assert_cmphex (pixel_at_lonlat (r.surface, 0, 0, 0, -175, 67), !=, water);
  cairo_surface_destroy (r.surface);
}

/* HiDPI: the surface is scale × tile size, and the geography does not move. */
static void
test_paint_hidpi (void)
{
  g_autoptr(GBytes) bytes = load_world ();
  g_autoptr(CartoWorldPainter) painter = carto_world_painter_new (bytes);
  PaintResult r1 = { 0 }, r2 = { 0 };

  paint_sync (CARTO_TILE_PAINTER (painter), 3, 1, 3, 1, NULL, &r1);
  paint_sync (CARTO_TILE_PAINTER (painter), 3, 1, 3, 2, NULL, &r2);
  g_assert_no_error (r1.error);
  g_assert_no_error (r2.error);
  g_assert_cmpint (cairo_image_surface_get_width (r2.surface), ==, 512);
  /* Inside Texas and in the Gulf of Mexico, at both scales. */
  g_assert_cmphex (pixel_at_lonlat (r1.surface, 3, 1, 3, -99, 31), ==,
                   pixel_at_lonlat (r2.surface, 3, 1, 3, -99, 31));
  g_assert_cmphex (pixel_at_lonlat (r1.surface, 3, 1, 3, -93, 25), ==,
                   pixel_at_lonlat (r2.surface, 3, 1, 3, -93, 25));
  g_assert_cmphex (pixel_at_lonlat (r2.surface, 3, 1, 3, -99, 31), !=,
                   pixel_at_lonlat (r2.surface, 3, 1, 3, -93, 25));
  cairo_surface_destroy (r1.surface);
  cairo_surface_destroy (r2.surface);
}

static void
test_paint_cancelled (void)
{
  g_autoptr(GBytes) bytes = load_world ();
  g_autoptr(CartoWorldPainter) painter = carto_world_painter_new (bytes);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  PaintResult r = { 0 };

  g_cancellable_cancel (cancellable);
  paint_sync (CARTO_TILE_PAINTER (painter), 2, 1, 1, 1, cancellable, &r);
  g_assert_null (r.surface);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
}

static void
on_changed (CartoTilePainter *painter,
            gpointer          user_data)
{
  (*(guint *) user_data)++;
}

static void
test_dark_palette (void)
{
  g_autoptr(GBytes) bytes = load_world ();
  g_autoptr(CartoWorldPainter) painter = carto_world_painter_new (bytes);
  PaintResult light = { 0 }, dark = { 0 };
  guint changed = 0;

  g_signal_connect (painter, "changed", G_CALLBACK (on_changed), &changed);
  paint_sync (CARTO_TILE_PAINTER (painter), 0, 0, 0, 1, NULL, &light);
  carto_world_painter_set_dark (painter, TRUE);
  carto_world_painter_set_dark (painter, TRUE);
  g_assert_cmpuint (changed, ==, 1);
  paint_sync (CARTO_TILE_PAINTER (painter), 0, 0, 0, 1, NULL, &dark);

  /* Dark water is darker than light water. */
  {
    guint32 lw = pixel_at_lonlat (light.surface, 0, 0, 0, -150, 0);
    guint32 dw = pixel_at_lonlat (dark.surface, 0, 0, 0, -150, 0);

    g_assert_cmpuint ((dw >> 8) & 0xff, <, (lw >> 8) & 0xff);
  }
  cairo_surface_destroy (light.surface);
  cairo_surface_destroy (dark.surface);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/topojson/world", test_decode_world);
  g_test_add_func ("/topojson/errors", test_decode_errors);
  g_test_add_func ("/topojson/reversed-arc", test_decode_reversed_arc);
  g_test_add_func ("/world-painter/land-and-water", test_paint_land_and_water);
  g_test_add_func ("/world-painter/hidpi", test_paint_hidpi);
  g_test_add_func ("/world-painter/cancelled", test_paint_cancelled);
  g_test_add_func ("/world-painter/dark", test_dark_palette);

  return g_test_run ();
}
