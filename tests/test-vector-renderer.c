/* test-vector-renderer.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renders known tiles and checks pixels (never whole-image equality, which
 * would break with any cairo version), plus hit testing on the same tiles.
 * Set CARTO_TEST_ARTIFACTS_DIR to keep the PNGs.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>

#include <carto.h>

#include "mvt-encoder.h"

typedef struct
{
  guint8 r, g, b, a;
} Pixel;

static const CartoTileRequest tile_req = { { 3, 4, 2 }, 256, 1 };

static void
save_png (cairo_surface_t *surface,
          const char      *name)
{
  const char *dir = g_getenv ("CARTO_TEST_ARTIFACTS_DIR");
  g_autofree char *subdir = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;

  subdir = g_build_filename (dir, "vector-renderer", NULL);
  g_assert_cmpint (g_mkdir_with_parents (subdir, 0755), ==, 0);
  path = g_strconcat (subdir, "/", name, ".png", NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
}

/* Un-premultiplied colour of one device pixel. */
static Pixel
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guint8 *data;
  guint32 argb;
  Pixel p;

  cairo_surface_flush (surface);
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  data = cairo_image_surface_get_data (surface);
  argb = *(const guint32 *) (const void *) (data + y * cairo_image_surface_get_stride (surface) + 4 * x);
  p.a = argb >> 24;
  if (p.a == 0)
    {
      p.r = p.g = p.b = 0;
      return p;
    }
  p.r = (guint8) (((argb >> 16) & 0xff) * 255 / p.a);
  p.g = (guint8) (((argb >> 8) & 0xff) * 255 / p.a);
  p.b = (guint8) ((argb & 0xff) * 255 / p.a);
  return p;
}

static void
assert_color (cairo_surface_t *surface,
              int              x,
              int              y,
              guint32          rgb,
              guint8           alpha)
{
  Pixel p = pixel_at (surface, x, y);

  if (ABS ((int) p.r - (int) ((rgb >> 16) & 0xff)) > 2 ||
      ABS ((int) p.g - (int) ((rgb >> 8) & 0xff)) > 2 ||
      ABS ((int) p.b - (int) (rgb & 0xff)) > 2 ||
      ABS ((int) p.a - (int) alpha) > 2)
    g_error ("pixel (%d, %d) is #%02x%02x%02x alpha %u, expected #%06x alpha %u",
             x, y, p.r, p.g, p.b, p.a, rgb, alpha);
}

static void
assert_empty (cairo_surface_t *surface,
              int              x,
              int              y)
{
  g_assert_cmpuint (pixel_at (surface, x, y).a, ==, 0);
}

static CartoStyle *
plain_style (guint32 rgb,
             double  size,
             double  stroke_width)
{
  CartoSymbol symbol;

  carto_symbol_init_default (&symbol, CARTO_MVT_GEOM_POINT);
  carto_color_init_rgb (&symbol.color, rgb);
  symbol.size = size;
  symbol.stroke_width = stroke_width;
  carto_color_init_rgb (&symbol.stroke_color, 0xffffff);
  return carto_style_new_single (&symbol);
}

static CartoMvtTile *
decode (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  CartoMvtTile *tile = carto_mvt_tile_decode (bytes, &error);

  g_assert_no_error (error);
  return tile;
}

static cairo_surface_t *
render (CartoMvtTile           *tile,
        CartoStyle             *style,
        const CartoTileRequest *request,
        const char             *png_name)
{
  cairo_surface_t *surface = carto_vector_renderer_render_surface (tile, NULL, style, request);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  save_png (surface, png_name);
  return surface;
}

/* A point at tile units (2048, 2048) is at logical pixel (128, 128). */
static void
test_point_centre (void)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("layer0", 2, 4096);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  g_autoptr(CartoStyle) style = plain_style (0xee4d5a, 20, 2);
  cairo_surface_t *surface;

  mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (2048, 2048));
  bytes = mvt_tile_encode (l, NULL);
  tile = decode (bytes);
  surface = render (tile, style, &tile_req, "point");

  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 256);
  assert_color (surface, 128, 128, 0xee4d5a, 255);
  assert_color (surface, 123, 133, 0xee4d5a, 255);
  /* The white outline straddles radius 10 (9 to 11 px). */
  assert_color (surface, 137, 128, 0xffffff, 255);
  assert_empty (surface, 128 + 12, 128);
  assert_empty (surface, 0, 0);
  assert_empty (surface, 255, 255);

  cairo_surface_destroy (surface);
}

static const gint32 outer_cw[] = { 1024, 1024, 3072, 1024, 3072, 3072, 1024, 3072 };
static const gint32 hole_ccw[] = { 1536, 1536, 1536, 2560, 2560, 2560, 2560, 1536 };

static MvtGeom *
polygon_geom (const gint32 *const *rings,
              guint                n_rings)
{
  MvtGeom *geom = mvt_geom_new ();

  for (guint i = 0; i < n_rings; i++)
    {
      mvt_geom_move_to (geom, rings[i], 1);
      mvt_geom_line_to (geom, rings[i] + 2, 3);
      mvt_geom_close (geom);
    }

  return geom;
}

/* Exterior 64..192 px, hole 96..160 px. */
static void
test_polygon_hole (void)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("layer0", 2, 4096);
  const gint32 *rings[] = { outer_cw, hole_ccw };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  g_autoptr(CartoStyle) style = plain_style (0x3969ac, 6, 0);
  cairo_surface_t *surface;

  mvt_layer_add_feature (l, CARTO_MVT_GEOM_POLYGON, polygon_geom (rings, 2));
  bytes = mvt_tile_encode (l, NULL);
  tile = decode (bytes);
  surface = render (tile, style, &tile_req, "polygon-hole");

  assert_color (surface, 70, 70, 0x3969ac, 255);
  assert_color (surface, 185, 128, 0x3969ac, 255);
  assert_empty (surface, 128, 128);
  assert_empty (surface, 100, 150);
  assert_empty (surface, 30, 30);
  assert_empty (surface, 200, 200);

  cairo_surface_destroy (surface);
}

static void
test_line (void)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("layer0", 2, 4096);
  MvtGeom *geom = mvt_geom_new ();
  gint32 xy[] = { -64, 2048, 4160, 2048 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  g_autoptr(CartoStyle) style = plain_style (0x11a579, 4, 0);
  cairo_surface_t *surface;

  mvt_geom_move_to (geom, xy, 1);
  mvt_geom_line_to (geom, xy + 2, 1);
  mvt_layer_add_feature (l, CARTO_MVT_GEOM_LINESTRING, geom);
  bytes = mvt_tile_encode (l, NULL);
  tile = decode (bytes);
  surface = render (tile, style, &tile_req, "line");

  /* Four pixels wide around y = 128: rows 126 to 129. */
  assert_color (surface, 0, 127, 0x11a579, 255);
  assert_color (surface, 255, 128, 0x11a579, 255);
  assert_empty (surface, 50, 120);
  assert_empty (surface, 50, 135);

  cairo_surface_destroy (surface);
}

/* Two neighbouring tiles (x and x + 1) each hold the shared features in
 * their buffer, as PostGIS clips them: a polygon spanning the edge and a
 * point on it. Stitched side by side they must show no seam. */
static void
test_adjacent_tiles (void)
{
  g_autoptr(MvtLayer) left = mvt_layer_new ("layer0", 2, 4096);
  g_autoptr(MvtLayer) right = mvt_layer_new ("layer0", 2, 4096);
  /* One polygon from x = 3000 to 5096 in left-tile units, clipped at the
   * 64-px (1024-unit) buffer of each tile. */
  const gint32 left_poly[] = { 3000, 1000, 4096 + 1024, 1000, 4096 + 1024, 2000, 3000, 2000 };
  const gint32 right_poly[] = { -1024, 1000, 1000, 1000, 1000, 2000, -1024, 2000 };
  const gint32 *lr[] = { left_poly }, *rr[] = { right_poly };
  g_autoptr(GBytes) lb = NULL, rb = NULL;
  g_autoptr(CartoMvtTile) lt = NULL, rt = NULL;
  g_autoptr(CartoStyle) style = plain_style (0xe73f74, 24, 0);
  CartoTileRequest right_req = tile_req;
  cairo_surface_t *ls, *rs, *both;
  cairo_t *cr;

  mvt_layer_add_feature (left, CARTO_MVT_GEOM_POLYGON, polygon_geom (lr, 1));
  mvt_layer_add_feature (right, CARTO_MVT_GEOM_POLYGON, polygon_geom (rr, 1));
  mvt_layer_add_feature (left, CARTO_MVT_GEOM_POINT, mvt_geom_point (4096, 3000));
  mvt_layer_add_feature (right, CARTO_MVT_GEOM_POINT, mvt_geom_point (0, 3000));
  lb = mvt_tile_encode (left, NULL);
  rb = mvt_tile_encode (right, NULL);
  lt = decode (lb);
  rt = decode (rb);
  right_req.coord.x++;

  ls = render (lt, style, &tile_req, "adjacent-left");
  rs = render (rt, style, &right_req, "adjacent-right");

  /* The polygon is solid on both sides of the edge (rows 63..124). */
  for (int y = 64; y < 124; y++)
    {
      assert_color (ls, 255, y, 0xe73f74, 255);
      assert_color (rs, 0, y, 0xe73f74, 255);
    }

  /* The point (centre on the edge, row 187.5, radius 12) is split in two
   * halves: solid on both sides of the edge, and mirror pixels match up
   * to antialiasing noise. */
  for (int dy = -10; dy < 10; dy++)
    {
      assert_color (ls, 255, 187 + dy, 0xe73f74, 255);
      assert_color (rs, 0, 187 + dy, 0xe73f74, 255);
    }
  for (int dx = 0; dx < 14; dx++)
    for (int dy = -14; dy < 14; dy++)
      g_assert_cmpint (ABS ((int) pixel_at (ls, 255 - dx, 187 + dy).a - (int) pixel_at (rs, dx, 187 + dy).a), <=, 8);
  assert_empty (ls, 255 - 13, 187);
  assert_empty (rs, 13, 187);

  both = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 512, 256);
  cr = cairo_create (both);
  cairo_set_source_surface (cr, ls, 0, 0);
  cairo_paint (cr);
  cairo_set_source_surface (cr, rs, 256, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  save_png (both, "adjacent-stitched");

  cairo_surface_destroy (both);
  cairo_surface_destroy (ls);
  cairo_surface_destroy (rs);
}

/* Scale 2: a 512-px surface, the point at the doubled position and with
 * a doubled radius (sizes are logical pixels). */
static void
test_hidpi (void)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("layer0", 2, 4096);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  g_autoptr(CartoStyle) style = plain_style (0x7f3c8d, 20, 0);
  CartoTileRequest req = tile_req;
  cairo_surface_t *lo, *hi;

  mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (1024, 1024));
  bytes = mvt_tile_encode (l, NULL);
  tile = decode (bytes);

  lo = render (tile, style, &tile_req, "hidpi-1x");
  req.scale_factor = 2;
  hi = render (tile, style, &req, "hidpi-2x");

  g_assert_cmpint (cairo_image_surface_get_width (hi), ==, 512);
  g_assert_cmpint (cairo_image_surface_get_height (hi), ==, 512);
  assert_color (lo, 64, 64, 0x7f3c8d, 255);
  assert_empty (lo, 64 + 15, 64);
  assert_color (hi, 128, 128, 0x7f3c8d, 255);
  assert_color (hi, 128 + 15, 128, 0x7f3c8d, 255);
  assert_empty (hi, 128 + 22, 128);
  assert_empty (hi, 64, 64);

  cairo_surface_destroy (lo);
  cairo_surface_destroy (hi);
}

static void
test_category_and_opacity (void)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("layer0", 2, 4096);
  const char *categories[] = { "a", "b" };
  CartoColor colors[2];
  CartoSymbol base;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  g_autoptr(CartoStyle) style = NULL;
  MvtFeature *f;
  cairo_surface_t *surface;

  f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (1024, 1024));
  mvt_feature_add_string (f, "kind", "a");
  f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (3072, 1024));
  mvt_feature_add_string (f, "kind", "b");
  f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (1024, 3072));
  mvt_feature_add_string (f, "kind", "z");
  mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (3072, 3072));
  bytes = mvt_tile_encode (l, NULL);
  tile = decode (bytes);

  carto_symbol_init_default (&base, CARTO_MVT_GEOM_POINT);
  base.size = 16;
  base.stroke_width = 0;
  base.opacity = 0.5;
  carto_color_init_rgb (&colors[0], 0xff0000);
  carto_color_init_rgb (&colors[1], 0x0000ff);
  style = carto_style_new_color_category (&base, "kind", categories, colors, 2, NULL);
  surface = render (tile, style, &tile_req, "category");

  assert_color (surface, 64, 64, 0xff0000, 128);
  assert_color (surface, 192, 64, 0x0000ff, 128);
  /* An unknown category and a missing property get the others grey. */
  assert_color (surface, 64, 192, 0xa5aa99, 128);
  assert_color (surface, 192, 192, 0xa5aa99, 128);

  cairo_surface_destroy (surface);
}

static void
test_layer_filter (void)
{
  g_autoptr(MvtLayer) a = mvt_layer_new ("a", 2, 4096);
  g_autoptr(MvtLayer) b = mvt_layer_new ("b", 2, 512);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  g_autoptr(CartoStyle) style = plain_style (0x000000, 10, 0);
  cairo_surface_t *surface;
  cairo_t *cr;

  mvt_layer_add_feature (a, CARTO_MVT_GEOM_POINT, mvt_geom_point (1024, 1024));
  /* Extent 512: (384, 384) is logical (192, 192). */
  mvt_layer_add_feature (b, CARTO_MVT_GEOM_POINT, mvt_geom_point (384, 384));
  bytes = mvt_tile_encode (a, b, NULL);
  tile = decode (bytes);

  surface = carto_tile_surface_new (&tile_req, &cr);
  carto_vector_renderer_render (tile, "a", style, &tile_req, cr);
  assert_color (surface, 64, 64, 0x000000, 255);
  assert_empty (surface, 192, 192);

  carto_vector_renderer_render (tile, "missing", style, &tile_req, cr);
  carto_vector_renderer_render (tile, NULL, style, &tile_req, cr);
  assert_color (surface, 192, 192, 0x000000, 255);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static GBytes *
highlight_tile (void)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("layer0", 2, 4096);
  MvtFeature *f;

  f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (1024, 1024));
  mvt_feature_add_int (f, "cartodb_id", 1);
  f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (3072, 3072));
  mvt_feature_add_int (f, "cartodb_id", 2);
  return mvt_tile_encode (l, NULL);
}

static void
test_highlight (void)
{
  g_autoptr(GBytes) bytes = highlight_tile ();
  g_autoptr(CartoMvtTile) tile = decode (bytes);
  g_autoptr(CartoStyle) style = plain_style (0xee4d5a, 10, 0);
  CartoColor yellow;
  cairo_surface_t *surface;
  cairo_t *cr;

  carto_color_init_rgb (&yellow, 0xffff00);
  surface = carto_tile_surface_new (&tile_req, &cr);

  g_assert_false (carto_vector_renderer_render_highlight (tile, "layer0", style, &tile_req, 3, &yellow, cr));
  assert_empty (surface, 192, 192);

  g_assert_true (carto_vector_renderer_render_highlight (tile, "layer0", style, &tile_req, 2, &yellow, cr));
  save_png (surface, "highlight");
  assert_color (surface, 192, 192, 0xee4d5a, 255);
  /* The halo: a 3-px ring centred 6.5 px out. */
  assert_color (surface, 192 + 6, 192, 0xffff00, 255);
  assert_empty (surface, 192 + 10, 192);
  /* Only the highlighted row is drawn. */
  assert_empty (surface, 64, 64);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The tile PostGIS wrote (tests/data/README.md): 16 units per pixel. */
static void
test_postgis_tile (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "postgis-sample.mvt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  g_autoptr(CartoStyle) style = plain_style (0x008695, 8, 0);
  cairo_surface_t *surface;
  char *contents;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (contents, len);
  tile = decode (bytes);
  surface = carto_vector_renderer_render_surface (tile, "layer0", style, &tile_req);
  save_png (surface, "postgis");

  assert_color (surface, 64, 64, 0x008695, 255);     /* Madrid */
  assert_color (surface, 136, 136, 0x008695, 255);   /* Frame's ring */
  assert_empty (surface, 160, 160);                  /* Frame's hole */
  assert_color (surface, 12, 194, 0x008695, 255);    /* an island */
  assert_empty (surface, 25, 194);                   /* between islands */
  assert_color (surface, 40, 128, 0x008695, 255);    /* the line */

  cairo_surface_destroy (surface);
}

/* Hit testing sees the shapes the renderer draws. */
static void
test_hit_test (void)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("layer0", 2, 4096);
  const gint32 *rings[] = { outer_cw, hole_ccw };
  gint32 line[] = { 0, 3584, 4096, 3584 };
  MvtGeom *geom = mvt_geom_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  g_autoptr(CartoStyle) style = plain_style (0x000000, 10, 2);
  const CartoMvtFeature *hit;
  MvtFeature *f;
  gint64 id;

  f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POLYGON, polygon_geom (rings, 2));
  mvt_feature_add_int (f, "cartodb_id", 10);
  f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (1024, 1024));
  mvt_feature_add_int (f, "cartodb_id", 20);
  mvt_geom_move_to (geom, line, 1);
  mvt_geom_line_to (geom, line + 2, 1);
  f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_LINESTRING, geom);
  mvt_feature_add_int (f, "cartodb_id", 30);
  /* A point in the buffer, left of the tile: its symbol reaches in. */
  f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (-48, 2048));
  mvt_feature_add_int (f, "cartodb_id", 40);
  bytes = mvt_tile_encode (l, NULL);
  tile = decode (bytes);

  /* The point is drawn after the polygon corner it sits on: on top. */
  hit = carto_hit_test_find_feature (tile, "layer0", style, &tile_req, 64, 64, 0);
  g_assert_nonnull (hit);
  g_assert_true (carto_mvt_feature_get_cartodb_id (hit, &id));
  g_assert_cmpint (id, ==, 20);
  /* Radius 5 plus half the outline: 6 px reach. */
  hit = carto_hit_test_find_feature (tile, NULL, style, &tile_req, 64 - 5.9, 64, 0);
  g_assert_true (carto_mvt_feature_get_cartodb_id (hit, &id));
  g_assert_cmpint (id, ==, 20);
  hit = carto_hit_test_find_feature (tile, NULL, style, &tile_req, 64 - 6.1, 64, 0);
  g_assert_null (hit);
  hit = carto_hit_test_find_feature (tile, NULL, style, &tile_req, 64 - 8, 64, 3);
  g_assert_true (carto_mvt_feature_get_cartodb_id (hit, &id));
  g_assert_cmpint (id, ==, 20);

  /* Inside the polygon, but not in its hole. */
  hit = carto_hit_test_find_feature (tile, NULL, style, &tile_req, 80, 120, 0);
  g_assert_true (carto_mvt_feature_get_cartodb_id (hit, &id));
  g_assert_cmpint (id, ==, 10);
  g_assert_null (carto_hit_test_find_feature (tile, NULL, style, &tile_req, 128, 128, 0));
  g_assert_null (carto_hit_test_find_feature (tile, NULL, style, &tile_req, 200, 100, 0));

  /* The line (width 10 at y = 224) with and without tolerance. */
  hit = carto_hit_test_find_feature (tile, NULL, style, &tile_req, 100, 228, 0);
  g_assert_true (carto_mvt_feature_get_cartodb_id (hit, &id));
  g_assert_cmpint (id, ==, 30);
  g_assert_null (carto_hit_test_find_feature (tile, NULL, style, &tile_req, 100, 232, 0));
  g_assert_nonnull (carto_hit_test_find_feature (tile, NULL, style, &tile_req, 100, 232, 4));

  /* The buffer point at x = -3 px reaches 3 px into the tile. */
  hit = carto_hit_test_find_feature (tile, NULL, style, &tile_req, 1, 128, 0);
  g_assert_true (carto_mvt_feature_get_cartodb_id (hit, &id));
  g_assert_cmpint (id, ==, 40);

  g_assert_null (carto_hit_test_find_feature (tile, "other", style, &tile_req, 64, 64, 0));
}

/* Sizes come from the style: a bigger symbol is hit further away. */
static void
test_hit_test_style_size (void)
{
  g_autoptr(GBytes) bytes = highlight_tile ();
  g_autoptr(CartoMvtTile) tile = decode (bytes);
  g_autoptr(CartoStyle) small = plain_style (0, 4, 0);
  g_autoptr(CartoStyle) ramp = carto_style_new_size_continuous (NULL, "cartodb_id", 1, 2, 4, 40);

  g_assert_null (carto_hit_test_find_feature (tile, NULL, small, &tile_req, 192 + 15, 192, 0));
  g_assert_nonnull (carto_hit_test_find_feature (tile, NULL, ramp, &tile_req, 192 + 15, 192, 0));
  g_assert_null (carto_hit_test_find_feature (tile, NULL, ramp, &tile_req, 64 + 15, 64, 0));
}

/* Rendering is a pure function: threads sharing one tile and one style
 * produce the same pixels as a lone render. */
typedef struct
{
  CartoMvtTile *tile;
  CartoStyle *style;
} ThreadData;

static gpointer
render_thread (gpointer data)
{
  ThreadData *td = data;

  return carto_vector_renderer_render_surface (td->tile, NULL, td->style, &tile_req);
}

static GBytes *
many_points_tile (guint n,
                  guint seed)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("layer0", 2, 4096);
  GRand *rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < n; i++)
    {
      MvtFeature *f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT,
                                             mvt_geom_point (g_rand_int_range (rand, -64, 4160),
                                                             g_rand_int_range (rand, -64, 4160)));
      mvt_feature_add_int (f, "cartodb_id", i + 1);
      mvt_feature_add_int (f, "pop", g_rand_int_range (rand, 1000, 10000000));
      mvt_feature_add_string (f, "name", (i % 3) == 0 ? "Town" : (i % 3) == 1 ? "City" : "Village");
    }

  g_rand_free (rand);
  return mvt_tile_encode (l, NULL);
}

static CartoStyle *
bins_style (void)
{
  const double breaks[] = { 10000, 100000, 1000000 };
  CartoColor colors[4];

  carto_palette_get_colors (carto_palette_lookup ("Sunset"), 4, colors);
  return carto_style_new_color_bins (NULL, "pop", CARTO_BIN_METHOD_MANUAL, breaks, 3, colors);
}

static void
test_threads (void)
{
  g_autoptr(GBytes) bytes = many_points_tile (2000, 3);
  g_autoptr(CartoMvtTile) tile = decode (bytes);
  g_autoptr(CartoStyle) style = bins_style ();
  ThreadData td = { tile, style };
  cairo_surface_t *reference = render_thread (&td);
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("render", render_thread, &td);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      cairo_surface_t *surface = g_thread_join (threads[i]);
      int stride = cairo_image_surface_get_stride (surface);

      g_assert_cmpmem (cairo_image_surface_get_data (surface), stride * 256,
                       cairo_image_surface_get_data (reference), stride * 256);
      cairo_surface_destroy (surface);
    }

  cairo_surface_destroy (reference);
}

/* Points are rasterized by hand on image surfaces; any other target goes
 * through cairo. Both must draw the same circles. */
static void
test_fast_path_matches_cairo (void)
{
  g_autoptr(GBytes) bytes = many_points_tile (300, 9);
  g_autoptr(CartoMvtTile) tile = decode (bytes);
  g_autoptr(CartoStyle) style = bins_style ();

  for (guint scale = 1; scale <= 2; scale++)
    {
      CartoTileRequest req = tile_req;
      cairo_surface_t *fast, *slow, *recording;
      cairo_t *cr;
      guint64 total = 0;
      int max_diff = 0, side;

      req.scale_factor = scale;
      side = 256 * scale;
      fast = carto_vector_renderer_render_surface (tile, NULL, style, &req);

      recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cr = cairo_create (recording);
      cairo_scale (cr, scale, scale);
      carto_vector_renderer_render (tile, NULL, style, &req, cr);
      cairo_destroy (cr);
      slow = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
      cr = cairo_create (slow);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
      cairo_surface_destroy (recording);
      save_png (slow, scale == 1 ? "cairo-path-1x" : "cairo-path-2x");
      save_png (fast, scale == 1 ? "fast-path-1x" : "fast-path-2x");

      /* Premultiplied bytes: unpremultiplied colours of nearly
       * transparent pixels are noise. */
      cairo_surface_flush (fast);
      cairo_surface_flush (slow);
      for (int y = 0; y < side; y++)
        for (int x = 0; x < side * 4; x++)
          {
            int offset = y * cairo_image_surface_get_stride (fast) + x;
            int d = ABS ((int) cairo_image_surface_get_data (fast)[offset] -
                         (int) cairo_image_surface_get_data (slow)[offset]);

            max_diff = MAX (max_diff, d);
            total += (guint64) d;
          }

      g_test_message ("scale %u: max difference %d, mean %.3f", scale, max_diff, (double) total / (side * side * 4));
      /* Antialiasing differs on edge pixels only, and a little; a circle
       * off by one pixel would differ by 255 on its edges. */
      g_assert_cmpint (max_diff, <=, 48);
      g_assert_cmpfloat ((double) total / (side * side * 4), <, 2.0);

      cairo_surface_destroy (fast);
      cairo_surface_destroy (slow);
    }
}

/* The demo's worst case: ~15 000 cities in one zoom-3 tile, and country
 * polygons. Prints decode and render times; asserts only sanity, since
 * CI machines vary. */
static GBytes *
polygons_tile (guint n_polygons,
               guint n_vertices)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("layer0", 2, 4096);
  GRand *rand = g_rand_new_with_seed (11);
  g_autofree gint32 *ring = g_new (gint32, 2 * n_vertices);

  for (guint i = 0; i < n_polygons; i++)
    {
      double cx = g_rand_double_range (rand, 0, 4096);
      double cy = g_rand_double_range (rand, 0, 4096);
      double r = g_rand_double_range (rand, 40, 600);
      MvtGeom *geom = mvt_geom_new ();
      MvtFeature *f;

      /* Clockwise on screen: increasing angle with y pointing down. */
      for (guint v = 0; v < n_vertices; v++)
        {
          double a = 2 * G_PI * v / n_vertices;
          double rr = r * (0.7 + 0.3 * g_rand_double (rand));

          ring[2 * v] = (gint32) (cx + rr * cos (a));
          ring[2 * v + 1] = (gint32) (cy + rr * sin (a));
        }
      mvt_geom_move_to (geom, ring, 1);
      mvt_geom_line_to (geom, ring + 2, n_vertices - 1);
      mvt_geom_close (geom);
      f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POLYGON, geom);
      mvt_feature_add_int (f, "cartodb_id", i + 1);
      mvt_feature_add_int (f, "pop", g_rand_int_range (rand, 1000, 10000000));
    }

  g_rand_free (rand);
  return mvt_tile_encode (l, NULL);
}

static void
time_tile (const char *what,
           GBytes     *bytes,
           CartoStyle *style,
           guint       scale)
{
  CartoTileRequest req = tile_req;
  guint runs = g_test_perf () ? 20 : 2;
  double decode_ms = 0, render_ms = 0;
  guint n_features = 0;

  req.scale_factor = scale;

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CartoMvtTile) tile = NULL;
      cairo_surface_t *surface;
      gint64 t0, t1, t2;

      t0 = g_get_monotonic_time ();
      tile = carto_mvt_tile_decode (bytes, &error);
      t1 = g_get_monotonic_time ();
      g_assert_no_error (error);
      surface = carto_vector_renderer_render_surface (tile, "layer0", style, &req);
      t2 = g_get_monotonic_time ();

      if (i == 0)
        {
          g_autofree char *name = g_strdup_printf ("benchmark-%s-%ux", what, scale);

          save_png (surface, name);
        }
      cairo_surface_destroy (surface);
      decode_ms += (t1 - t0) / 1000.0;
      render_ms += (t2 - t1) / 1000.0;
      n_features = carto_mvt_tile_get_n_features (tile);
    }

  g_test_message ("%s: %u features, %" G_GSIZE_FORMAT " bytes, scale %u: decode %.2f ms, render %.2f ms",
                  what, n_features, g_bytes_get_size (bytes), scale, decode_ms / runs, render_ms / runs);
  g_assert_cmpuint (n_features, >, 0);
}

static void
test_benchmark (void)
{
  g_autoptr(GBytes) points = many_points_tile (15000, 5);
  g_autoptr(GBytes) polygons = polygons_tile (200, 50);
  g_autoptr(GBytes) dense = polygons_tile (200, 400);
  g_autoptr(CartoStyle) style = bins_style ();
  g_autoptr(CartoStyle) single = plain_style (0xee4d5a, 6, 1);

  time_tile ("points-bins", points, style, 1);
  time_tile ("points-single", points, single, 1);
  time_tile ("points-bins", points, style, 2);
  time_tile ("polygons", polygons, style, 1);
  time_tile ("polygons", polygons, style, 2);
  time_tile ("dense-polygons", dense, style, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/vector-renderer/point-centre", test_point_centre);
  g_test_add_func ("/vector-renderer/polygon-hole", test_polygon_hole);
  g_test_add_func ("/vector-renderer/line", test_line);
  g_test_add_func ("/vector-renderer/adjacent-tiles", test_adjacent_tiles);
  g_test_add_func ("/vector-renderer/hidpi", test_hidpi);
  g_test_add_func ("/vector-renderer/category-and-opacity", test_category_and_opacity);
  g_test_add_func ("/vector-renderer/layer-filter", test_layer_filter);
  g_test_add_func ("/vector-renderer/highlight", test_highlight);
  g_test_add_func ("/vector-renderer/postgis-tile", test_postgis_tile);
  g_test_add_func ("/vector-renderer/hit-test", test_hit_test);
  g_test_add_func ("/vector-renderer/hit-test-style-size", test_hit_test_style_size);
  g_test_add_func ("/vector-renderer/threads", test_threads);
  g_test_add_func ("/vector-renderer/fast-path-matches-cairo", test_fast_path_matches_cairo);
  g_test_add_func ("/vector-renderer/benchmark", test_benchmark);

  return g_test_run ();
}
