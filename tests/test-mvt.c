/* test-mvt.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include <carto.h>

#include "mvt-encoder.h"

/* Valid tiles double as the fuzzer's seed corpus (tests/fuzz/corpus/). */
static void
save_corpus (const char *name,
             GBytes     *bytes)
{
  const char *dir = g_getenv ("CARTO_TEST_ARTIFACTS_DIR");
  g_autofree char *corpus = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data;

  if (dir == NULL)
    return;

  corpus = g_build_filename (dir, "mvt-corpus", NULL);
  g_assert_cmpint (g_mkdir_with_parents (corpus, 0755), ==, 0);
  path = g_strconcat (corpus, "/", name, ".mvt", NULL);
  data = g_bytes_get_data (bytes, &len);
  g_file_set_contents (path, data, (gssize) len, &error);
  g_assert_no_error (error);
}

static CartoMvtTile *
decode_ok (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  CartoMvtTile *tile = carto_mvt_tile_decode (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (tile);
  return tile;
}

static void
assert_point (const CartoMvtPoint *p,
              gint32               x,
              gint32               y)
{
  g_assert_cmpint (p->x, ==, x);
  g_assert_cmpint (p->y, ==, y);
}

static void
test_empty (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new (NULL, 0);
  g_autoptr(CartoMvtTile) tile = decode_ok (bytes);

  g_assert_cmpuint (carto_mvt_tile_get_n_layers (tile), ==, 0);
  g_assert_cmpuint (carto_mvt_tile_get_n_features (tile), ==, 0);
  g_assert_null (carto_mvt_tile_find_layer (tile, "layer0"));
}

static void
test_points (void)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("points", 2, 4096);
  g_autoptr(MvtGeom) multi = mvt_geom_new ();
  gint32 xy[] = { 10, 20, -5, 4200, 4096, 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  const CartoMvtLayer *layer;
  const CartoMvtFeature *f;
  const CartoMvtPoint *pts;
  gboolean is_hole = TRUE;
  guint n;

  mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (100, 200));
  mvt_geom_move_to (multi, xy, 3);
  mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, g_steal_pointer (&multi));
  bytes = mvt_tile_encode (l, NULL);
  save_corpus ("points", bytes);
  tile = decode_ok (bytes);

  g_assert_cmpuint (carto_mvt_tile_get_n_layers (tile), ==, 1);
  layer = carto_mvt_tile_find_layer (tile, "points");
  g_assert_true (layer == carto_mvt_tile_get_layer (tile, 0));
  g_assert_cmpstr (carto_mvt_layer_get_name (layer), ==, "points");
  g_assert_cmpuint (carto_mvt_layer_get_version (layer), ==, 2);
  g_assert_cmpuint (carto_mvt_layer_get_extent (layer), ==, 4096);
  g_assert_cmpuint (carto_mvt_layer_get_n_features (layer), ==, 2);

  f = carto_mvt_layer_get_feature (layer, 0);
  g_assert_true (carto_mvt_feature_get_layer (f) == layer);
  g_assert_cmpint (carto_mvt_feature_get_geom_type (f), ==, CARTO_MVT_GEOM_POINT);
  g_assert_cmpuint (carto_mvt_feature_get_n_parts (f), ==, 1);
  pts = carto_mvt_feature_get_part (f, 0, &n, &is_hole);
  g_assert_cmpuint (n, ==, 1);
  g_assert_false (is_hole);
  assert_point (&pts[0], 100, 200);
  g_assert_false (carto_mvt_feature_get_id (f, NULL));
  g_assert_false (carto_mvt_feature_get_cartodb_id (f, NULL));

  /* A multipoint is one part; coordinates are absolute and may leave the
   * extent (the buffer). */
  f = carto_mvt_layer_get_feature (layer, 1);
  g_assert_cmpuint (carto_mvt_feature_get_n_parts (f), ==, 1);
  pts = carto_mvt_feature_get_part (f, 0, &n, NULL);
  g_assert_cmpuint (n, ==, 3);
  assert_point (&pts[0], 10, 20);
  assert_point (&pts[1], -5, 4200);
  assert_point (&pts[2], 4096, 0);
}

static void
test_lines (void)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("lines", 2, 512);
  g_autoptr(MvtGeom) line = mvt_geom_new ();
  g_autoptr(MvtGeom) multi = mvt_geom_new ();
  gint32 a[] = { 0, 0, 10, 0, 10, 10 };
  gint32 b[] = { 100, 100, 50, 50 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  const CartoMvtLayer *layer;
  const CartoMvtFeature *f;
  const CartoMvtPoint *pts;
  guint n;

  mvt_geom_move_to (line, a, 1);
  mvt_geom_line_to (line, a + 2, 2);
  mvt_layer_add_feature (l, CARTO_MVT_GEOM_LINESTRING, g_steal_pointer (&line));

  /* Two lines; the second LineTo is split in two commands. */
  mvt_geom_move_to (multi, a, 1);
  mvt_geom_line_to (multi, a + 2, 1);
  mvt_geom_line_to (multi, a + 4, 1);
  mvt_geom_move_to (multi, b, 1);
  mvt_geom_line_to (multi, b + 2, 1);
  mvt_layer_add_feature (l, CARTO_MVT_GEOM_LINESTRING, g_steal_pointer (&multi));

  bytes = mvt_tile_encode (l, NULL);
  save_corpus ("lines", bytes);
  tile = decode_ok (bytes);
  layer = carto_mvt_tile_get_layer (tile, 0);
  g_assert_cmpuint (carto_mvt_layer_get_extent (layer), ==, 512);

  f = carto_mvt_layer_get_feature (layer, 0);
  g_assert_cmpint (carto_mvt_feature_get_geom_type (f), ==, CARTO_MVT_GEOM_LINESTRING);
  g_assert_cmpuint (carto_mvt_feature_get_n_parts (f), ==, 1);
  pts = carto_mvt_feature_get_part (f, 0, &n, NULL);
  g_assert_cmpuint (n, ==, 3);
  assert_point (&pts[2], 10, 10);

  f = carto_mvt_layer_get_feature (layer, 1);
  g_assert_cmpuint (carto_mvt_feature_get_n_parts (f), ==, 2);
  pts = carto_mvt_feature_get_part (f, 0, &n, NULL);
  g_assert_cmpuint (n, ==, 3);
  pts = carto_mvt_feature_get_part (f, 1, &n, NULL);
  g_assert_cmpuint (n, ==, 2);
  assert_point (&pts[0], 100, 100);
  assert_point (&pts[1], 50, 50);
}

/* Clockwise on screen (y down) is exterior in version 2. */
static const gint32 outer_cw[] = { 0, 0, 100, 0, 100, 100, 0, 100 };
static const gint32 hole_ccw[] = { 25, 25, 25, 75, 75, 75, 75, 25 };
static const gint32 other_cw[] = { 200, 0, 300, 0, 300, 100, 200, 100 };

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

static void
test_polygons (void)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("polygons", 2, 4096);
  const gint32 *simple[] = { outer_cw };
  const gint32 *holed[] = { outer_cw, hole_ccw };
  const gint32 *multi[] = { outer_cw, hole_ccw, other_cw };
  const gint32 degenerate[] = { 0, 0, 10, 10, 20, 20, 30, 30 };
  const gint32 *with_flat[] = { outer_cw, degenerate };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  const CartoMvtLayer *layer;
  const CartoMvtFeature *f;
  const CartoMvtPoint *pts;
  gboolean is_hole;
  guint n;

  mvt_layer_add_feature (l, CARTO_MVT_GEOM_POLYGON, polygon_geom (simple, 1));
  mvt_layer_add_feature (l, CARTO_MVT_GEOM_POLYGON, polygon_geom (holed, 2));
  mvt_layer_add_feature (l, CARTO_MVT_GEOM_POLYGON, polygon_geom (multi, 3));
  mvt_layer_add_feature (l, CARTO_MVT_GEOM_POLYGON, polygon_geom (with_flat, 2));
  bytes = mvt_tile_encode (l, NULL);
  save_corpus ("polygons", bytes);
  tile = decode_ok (bytes);
  layer = carto_mvt_tile_get_layer (tile, 0);

  f = carto_mvt_layer_get_feature (layer, 0);
  g_assert_cmpint (carto_mvt_feature_get_geom_type (f), ==, CARTO_MVT_GEOM_POLYGON);
  g_assert_cmpuint (carto_mvt_feature_get_n_parts (f), ==, 1);
  pts = carto_mvt_feature_get_part (f, 0, &n, &is_hole);
  g_assert_cmpuint (n, ==, 4);
  g_assert_false (is_hole);
  assert_point (&pts[2], 100, 100);

  f = carto_mvt_layer_get_feature (layer, 1);
  g_assert_cmpuint (carto_mvt_feature_get_n_parts (f), ==, 2);
  carto_mvt_feature_get_part (f, 0, &n, &is_hole);
  g_assert_false (is_hole);
  pts = carto_mvt_feature_get_part (f, 1, &n, &is_hole);
  g_assert_true (is_hole);
  assert_point (&pts[1], 25, 75);

  f = carto_mvt_layer_get_feature (layer, 2);
  g_assert_cmpuint (carto_mvt_feature_get_n_parts (f), ==, 3);
  carto_mvt_feature_get_part (f, 1, &n, &is_hole);
  g_assert_true (is_hole);
  pts = carto_mvt_feature_get_part (f, 2, &n, &is_hole);
  g_assert_false (is_hole);
  assert_point (&pts[0], 200, 0);

  /* A ring without area is dropped, not an error. */
  f = carto_mvt_layer_get_feature (layer, 3);
  g_assert_cmpuint (carto_mvt_feature_get_n_parts (f), ==, 1);
}

/* Version 1 did not fix the winding: the first ring sets it. */
static void
test_polygon_v1_winding (void)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("v1", 1, 4096);
  const gint32 outer_ccw[] = { 0, 0, 0, 100, 100, 100, 100, 0 };
  const gint32 hole_cw[] = { 25, 25, 75, 25, 75, 75, 25, 75 };
  const gint32 *rings[] = { outer_ccw, hole_cw };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  const CartoMvtFeature *f;
  gboolean is_hole;
  guint n;

  mvt_layer_add_feature (l, CARTO_MVT_GEOM_POLYGON, polygon_geom (rings, 2));
  bytes = mvt_tile_encode (l, NULL);
  tile = decode_ok (bytes);
  f = carto_mvt_layer_get_feature (carto_mvt_tile_get_layer (tile, 0), 0);
  carto_mvt_feature_get_part (f, 0, &n, &is_hole);
  g_assert_false (is_hole);
  carto_mvt_feature_get_part (f, 1, &n, &is_hole);
  g_assert_true (is_hole);
}

static void
test_properties (void)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("props", 2, 4096);
  MvtFeature *mf = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (1, 1));
  MvtFeature *mf2;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  const CartoMvtLayer *layer;
  const CartoMvtFeature *f;
  const CartoMvtValue *v;
  const char *key = NULL;
  double d;
  gint64 i;
  guint64 id;
  char *text;

  mvt_feature_set_id (mf, G_GUINT64_CONSTANT (18446744073709551615));
  mvt_feature_add_int (mf, "cartodb_id", 42);
  mvt_feature_add_string (mf, "name", "Málaga");
  mvt_feature_add_double (mf, "pop", 578460.5);
  mvt_feature_add_float (mf, "ratio", 0.1f);
  mvt_feature_add_uint (mf, "big", G_GUINT64_CONSTANT (18446744073709551615));
  mvt_feature_add_sint (mf, "delta", -7);
  mvt_feature_add_int (mf, "neg", -3);
  mvt_feature_add_bool (mf, "capital", TRUE);

  /* Shares the "name" key and the TRUE value with the first feature. */
  mf2 = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (2, 2));
  mvt_feature_set_id (mf2, 7);
  mvt_feature_add_bool (mf2, "capital", TRUE);
  mvt_feature_add_double (mf2, "cartodb_id", 43.0);

  bytes = mvt_tile_encode (l, NULL);
  save_corpus ("properties", bytes);
  tile = decode_ok (bytes);
  layer = carto_mvt_tile_get_layer (tile, 0);
  f = carto_mvt_layer_get_feature (layer, 0);

  g_assert_true (carto_mvt_feature_get_id (f, &id));
  g_assert_cmpuint (id, ==, G_GUINT64_CONSTANT (18446744073709551615));
  g_assert_true (carto_mvt_feature_get_cartodb_id (f, &i));
  g_assert_cmpint (i, ==, 42);
  g_assert_cmpuint (carto_mvt_feature_get_n_properties (f), ==, 8);
  g_assert_cmpuint (carto_mvt_layer_get_n_keys (layer), ==, 8);

  v = carto_mvt_feature_get_nth_property (f, 1, &key);
  g_assert_cmpstr (key, ==, "name");
  g_assert_cmpint (v->type, ==, CARTO_MVT_VALUE_STRING);
  g_assert_cmpstr (v->string, ==, "Málaga");
  g_assert_false (carto_mvt_value_get_double (v, &d));

  v = carto_mvt_feature_get_property (f, "pop");
  g_assert_cmpint (v->type, ==, CARTO_MVT_VALUE_DOUBLE);
  g_assert_cmpfloat (v->double_value, ==, 578460.5);
  g_assert_false (carto_mvt_value_get_int64 (v, &i));
  text = carto_mvt_value_to_string (v);
  g_assert_cmpstr (text, ==, "578460.5");
  g_free (text);

  v = carto_mvt_feature_get_property (f, "ratio");
  g_assert_cmpint (v->type, ==, CARTO_MVT_VALUE_FLOAT);
  g_assert_cmpfloat ((float) v->double_value, ==, 0.1f);
  text = carto_mvt_value_to_string (v);
  g_assert_cmpstr (text, ==, "0.1");
  g_free (text);

  v = carto_mvt_feature_get_property (f, "big");
  g_assert_cmpint (v->type, ==, CARTO_MVT_VALUE_UINT);
  g_assert_cmpuint (v->uint_value, ==, G_GUINT64_CONSTANT (18446744073709551615));
  g_assert_false (carto_mvt_value_get_int64 (v, &i));
  g_assert_true (carto_mvt_value_get_double (v, &d));
  text = carto_mvt_value_to_string (v);
  g_assert_cmpstr (text, ==, "18446744073709551615");
  g_free (text);

  v = carto_mvt_feature_get_property (f, "delta");
  g_assert_cmpint (v->type, ==, CARTO_MVT_VALUE_SINT);
  g_assert_cmpint (v->int_value, ==, -7);

  v = carto_mvt_feature_get_property (f, "neg");
  g_assert_cmpint (v->type, ==, CARTO_MVT_VALUE_INT);
  g_assert_cmpint (v->int_value, ==, -3);
  g_assert_true (carto_mvt_value_get_double (v, &d));
  g_assert_cmpfloat (d, ==, -3.0);
  text = carto_mvt_value_to_string (v);
  g_assert_cmpstr (text, ==, "-3");
  g_free (text);

  v = carto_mvt_feature_get_property (f, "capital");
  g_assert_cmpint (v->type, ==, CARTO_MVT_VALUE_BOOL);
  g_assert_true (v->bool_value);
  g_assert_false (carto_mvt_value_get_double (v, &d));
  text = carto_mvt_value_to_string (v);
  g_assert_cmpstr (text, ==, "true");
  g_free (text);

  g_assert_null (carto_mvt_feature_get_property (f, "missing"));

  /* An integral double counts as a cartodb_id; values are shared. */
  f = carto_mvt_layer_get_feature (layer, 1);
  g_assert_true (carto_mvt_feature_get_id (f, &id));
  g_assert_cmpuint (id, ==, 7);
  g_assert_true (carto_mvt_feature_get_cartodb_id (f, &i));
  g_assert_cmpint (i, ==, 43);
  g_assert_null (carto_mvt_feature_get_property (f, "name"));
  g_assert_true (carto_mvt_feature_get_property (f, "capital") ==
                 carto_mvt_feature_get_property (carto_mvt_layer_get_feature (layer, 0), "capital"));

  g_assert_true (carto_mvt_layer_find_by_cartodb_id (layer, 43) == f);
  g_assert_null (carto_mvt_layer_find_by_cartodb_id (layer, 44));
}

static void
test_value_to_string (void)
{
  struct {
    CartoMvtValue value;
    const char *text;
  } cases[] = {
    { { .type = CARTO_MVT_VALUE_DOUBLE, .double_value = 0.1 }, "0.1" },
    { { .type = CARTO_MVT_VALUE_DOUBLE, .double_value = 1.0 / 3.0 }, "0.3333333333333333" },
    { { .type = CARTO_MVT_VALUE_DOUBLE, .double_value = 3.0 }, "3" },
    { { .type = CARTO_MVT_VALUE_DOUBLE, .double_value = -2.5e20 }, "-2.5e+20" },
    { { .type = CARTO_MVT_VALUE_FLOAT, .double_value = (float) 605.77 }, "605.77" },
    { { .type = CARTO_MVT_VALUE_BOOL, .bool_value = FALSE }, "false" },
    { { .type = CARTO_MVT_VALUE_SINT, .int_value = G_MININT64 }, "-9223372036854775808" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = carto_mvt_value_to_string (&cases[i].value);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_layers (void)
{
  g_autoptr(MvtLayer) a = mvt_layer_new ("layer0", 2, 4096);
  g_autoptr(MvtLayer) b = mvt_layer_new ("layer1", 1, 8192);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  g_autoptr(CartoMvtTile) again = NULL;

  mvt_layer_add_feature (a, CARTO_MVT_GEOM_POINT, mvt_geom_point (1, 1));
  mvt_layer_add_feature (b, CARTO_MVT_GEOM_POINT, mvt_geom_point (1, 1));
  mvt_layer_add_feature (b, CARTO_MVT_GEOM_POINT, mvt_geom_point (2, 2));
  bytes = mvt_tile_encode (a, b, NULL);
  save_corpus ("layers", bytes);
  tile = decode_ok (bytes);

  g_assert_cmpuint (carto_mvt_tile_get_n_layers (tile), ==, 2);
  g_assert_cmpuint (carto_mvt_tile_get_n_features (tile), ==, 3);
  g_assert_cmpuint (carto_mvt_layer_get_version (carto_mvt_tile_find_layer (tile, "layer1")), ==, 1);
  g_assert_cmpuint (carto_mvt_layer_get_extent (carto_mvt_tile_find_layer (tile, "layer1")), ==, 8192);
  g_assert_null (carto_mvt_tile_find_layer (tile, "layer2"));

  /* References share one immutable tile. */
  again = carto_mvt_tile_ref (tile);
  g_assert_true (again == tile);
  g_assert_true (g_type_is_a (CARTO_TYPE_MVT_TILE, G_TYPE_BOXED));
}

/* Fields the schema does not know are skipped by wire type, at every
 * level; a missing extent means 4096. */
static void
test_unknown_fields (void)
{
  g_autoptr(GByteArray) value = g_byte_array_new ();
  g_autoptr(GByteArray) feature = g_byte_array_new ();
  g_autoptr(GByteArray) layer = g_byte_array_new ();
  g_autoptr(GByteArray) tile = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) decoded = NULL;
  const CartoMvtLayer *l;
  const guint32 geometry[] = { 9, 2, 4 };
  const guint32 tags[] = { 0, 0 };
  const guint8 junk[] = { 1, 2, 3 };

  pb_uint_field (value, 9, 5);
  pb_string_field (value, 1, "x");
  pb_double_field (value, 10, 1.0);

  pb_packed_field (feature, 2, tags, 2);
  pb_uint_field (feature, 3, CARTO_MVT_GEOM_POINT);
  pb_float_field (feature, 12, 2.0f);
  pb_packed_field (feature, 4, geometry, 3);

  pb_bytes_field (layer, 16, junk, sizeof junk);
  pb_string_field (layer, 1, "extra");
  pb_bytes_field (layer, 2, feature->data, feature->len);
  pb_string_field (layer, 3, "k");
  pb_bytes_field (layer, 4, value->data, value->len);
  pb_uint_field (layer, 15, 2);

  pb_uint_field (tile, 1, 99);
  pb_bytes_field (tile, 3, layer->data, layer->len);
  pb_double_field (tile, 7, 3.0);

  bytes = pb_to_bytes (tile);
  save_corpus ("unknown-fields", bytes);
  decoded = decode_ok (bytes);
  l = carto_mvt_tile_get_layer (decoded, 0);
  g_assert_cmpuint (carto_mvt_layer_get_extent (l), ==, 4096);
  g_assert_cmpstr (carto_mvt_feature_get_property (carto_mvt_layer_get_feature (l, 0), "k")->string, ==, "x");
}

/* A tile PostGIS 3.3 wrote (ST_AsMVT/ST_AsMVTGeom, tile 0/0/0, extent
 * 4096, buffer 64), from geometries given in tile units; see
 * tests/data/README.md. This checks our reading of the winding rule and
 * value types against a real encoder. */
static void
test_postgis_tile (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "postgis-sample.mvt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  const CartoMvtLayer *layer;
  const CartoMvtFeature *f;
  const CartoMvtPoint *pts;
  const CartoMvtValue *v;
  gboolean is_hole;
  guint64 id;
  gint64 cartodb_id;
  guint n;
  char *contents;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (contents, len);
  tile = decode_ok (bytes);

  g_assert_cmpuint (carto_mvt_tile_get_n_layers (tile), ==, 2);
  layer = carto_mvt_tile_find_layer (tile, "layer0");
  g_assert_nonnull (layer);
  g_assert_cmpuint (carto_mvt_layer_get_version (layer), ==, 2);
  g_assert_cmpuint (carto_mvt_layer_get_n_features (layer), ==, 6);

  /* 1: a point with every column type. CARTO sends no feature ids. */
  f = carto_mvt_layer_get_feature (layer, 0);
  g_assert_false (carto_mvt_feature_get_id (f, NULL));
  g_assert_true (carto_mvt_feature_get_cartodb_id (f, &cartodb_id));
  g_assert_cmpint (cartodb_id, ==, 1);
  pts = carto_mvt_feature_get_part (f, 0, &n, NULL);
  g_assert_cmpuint (n, ==, 1);
  assert_point (&pts[0], 1024, 1024);
  g_assert_cmpstr (carto_mvt_feature_get_property (f, "name")->string, ==, "Madrid");
  v = carto_mvt_feature_get_property (f, "pop");
  g_assert_true (carto_mvt_value_get_int64 (v, &cartodb_id));
  g_assert_cmpint (cartodb_id, ==, 3200000);
  v = carto_mvt_feature_get_property (f, "area");
  g_assert_cmpint (v->type, ==, CARTO_MVT_VALUE_DOUBLE);
  g_assert_cmpfloat (v->double_value, ==, 605.77);
  v = carto_mvt_feature_get_property (f, "ratio");
  g_assert_cmpint (v->type, ==, CARTO_MVT_VALUE_FLOAT);
  g_assert_cmpfloat (v->double_value, ==, 0.5);
  v = carto_mvt_feature_get_property (f, "capital");
  g_assert_cmpint (v->type, ==, CARTO_MVT_VALUE_BOOL);
  g_assert_true (v->bool_value);
  /* SQL NULLs are left out. */
  g_assert_null (carto_mvt_feature_get_property (f, "delta"));

  /* 2: a multipoint. */
  f = carto_mvt_layer_get_feature (layer, 1);
  pts = carto_mvt_feature_get_part (f, 0, &n, NULL);
  g_assert_cmpuint (n, ==, 2);
  assert_point (&pts[1], 200, 300);

  /* 3: a line across the tile. */
  f = carto_mvt_layer_get_feature (layer, 2);
  g_assert_cmpint (carto_mvt_feature_get_geom_type (f), ==, CARTO_MVT_GEOM_LINESTRING);
  pts = carto_mvt_feature_get_part (f, 0, &n, NULL);
  g_assert_cmpuint (n, ==, 2);

  /* 4: a polygon with a hole, whatever order PostGIS wrote them in. */
  f = carto_mvt_layer_get_feature (layer, 3);
  g_assert_cmpint (carto_mvt_feature_get_geom_type (f), ==, CARTO_MVT_GEOM_POLYGON);
  g_assert_cmpuint (carto_mvt_feature_get_n_parts (f), ==, 2);
  carto_mvt_feature_get_part (f, 0, &n, &is_hole);
  g_assert_false (is_hole);
  g_assert_cmpuint (n, ==, 4);
  carto_mvt_feature_get_part (f, 1, &n, &is_hole);
  g_assert_true (is_hole);

  /* 5: a multipolygon. */
  f = carto_mvt_layer_get_feature (layer, 4);
  g_assert_cmpuint (carto_mvt_feature_get_n_parts (f), ==, 2);
  carto_mvt_feature_get_part (f, 1, &n, &is_hole);
  g_assert_false (is_hole);

  /* 6: a point in the buffer, right of the tile; a negative sint64. */
  f = carto_mvt_layer_get_feature (layer, 5);
  pts = carto_mvt_feature_get_part (f, 0, &n, NULL);
  assert_point (&pts[0], 4100, 4000);
  v = carto_mvt_feature_get_property (f, "delta");
  g_assert_cmpint (v->type, ==, CARTO_MVT_VALUE_SINT);
  g_assert_cmpint (v->int_value, ==, -7);

  /* ST_AsMVT's feature_id_name writes real ids. */
  layer = carto_mvt_tile_find_layer (tile, "with_ids");
  g_assert_nonnull (layer);
  g_assert_true (carto_mvt_feature_get_id (carto_mvt_layer_get_feature (layer, 1), &id));
  g_assert_cmpuint (id, ==, 2);
}

/* Malformed input: each case must fail with its own error code. */

typedef GBytes *(*BuildFunc) (void);

static GBytes *
wrap_layer (GByteArray *layer)
{
  g_autoptr(GByteArray) tile = g_byte_array_new ();

  pb_bytes_field (tile, 3, layer->data, layer->len);
  return pb_to_bytes (tile);
}

/* A layer holding one feature with the given raw parts. */
static GBytes *
tile_with_feature (guint64        type,
                   const guint32 *geometry,
                   guint          n_geometry,
                   const guint32 *tags,
                   guint          n_tags)
{
  g_autoptr(GByteArray) feature = g_byte_array_new ();
  g_autoptr(GByteArray) value = g_byte_array_new ();
  g_autoptr(GByteArray) layer = g_byte_array_new ();

  if (tags != NULL)
    pb_packed_field (feature, 2, tags, n_tags);
  pb_uint_field (feature, 3, type);
  if (geometry != NULL)
    pb_packed_field (feature, 4, geometry, n_geometry);

  pb_string_field (value, 1, "v");

  pb_string_field (layer, 1, "l");
  pb_bytes_field (layer, 2, feature->data, feature->len);
  pb_string_field (layer, 3, "k");
  pb_bytes_field (layer, 4, value->data, value->len);
  pb_uint_field (layer, 15, 2);

  return wrap_layer (layer);
}

static GBytes *
raw_bytes (const guint8 *data,
           gsize         len)
{
  return g_bytes_new (data, len);
}

static GBytes *
build_truncated_varint (void)
{
  /* Layer field whose length varint never ends. */
  static const guint8 data[] = { 0x1a, 0x80 };
  return raw_bytes (data, sizeof data);
}

static GBytes *
build_overlong_varint (void)
{
  static const guint8 data[] = { 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01 };
  return raw_bytes (data, sizeof data);
}

static GBytes *
build_varint_overflow (void)
{
  /* Ten bytes whose last carries more than the 64th bit. */
  static const guint8 data[] = { 0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02 };
  return raw_bytes (data, sizeof data);
}

static GBytes *
build_length_overrun (void)
{
  static const guint8 data[] = { 0x1a, 0x05, 0x0a, 0x01 };
  return raw_bytes (data, sizeof data);
}

static GBytes *
build_group_wire_type (void)
{
  static const guint8 data[] = { 0x0b };
  return raw_bytes (data, sizeof data);
}

static GBytes *
build_field_zero (void)
{
  static const guint8 data[] = { 0x00, 0x01 };
  return raw_bytes (data, sizeof data);
}

static GBytes *
build_truncated_fixed64 (void)
{
  static const guint8 data[] = { 0x09, 1, 2, 3 };
  return raw_bytes (data, sizeof data);
}

static GBytes *
build_layers_wrong_wire (void)
{
  static const guint8 data[] = { 0x18, 0x01 };
  return raw_bytes (data, sizeof data);
}

static GBytes *
layer_with (const char *name,
            gboolean    has_version,
            guint64     version,
            gboolean    has_extent,
            guint64     extent)
{
  g_autoptr(GByteArray) layer = g_byte_array_new ();

  if (name != NULL)
    pb_string_field (layer, 1, name);
  if (has_extent)
    pb_uint_field (layer, 5, extent);
  if (has_version)
    pb_uint_field (layer, 15, version);

  return wrap_layer (layer);
}

static GBytes *
build_version_3 (void)
{
  return layer_with ("l", TRUE, 3, FALSE, 0);
}

static GBytes *
build_version_0 (void)
{
  return layer_with ("l", TRUE, 0, FALSE, 0);
}

static GBytes *
build_no_version (void)
{
  return layer_with ("l", FALSE, 0, FALSE, 0);
}

static GBytes *
build_no_name (void)
{
  return layer_with (NULL, TRUE, 2, FALSE, 0);
}

static GBytes *
build_extent_zero (void)
{
  return layer_with ("l", TRUE, 2, TRUE, 0);
}

static GBytes *
build_extent_huge (void)
{
  return layer_with ("l", TRUE, 2, TRUE, G_GUINT64_CONSTANT (1) << 40);
}

static GBytes *
build_extent_just_over (void)
{
  return layer_with ("l", TRUE, 2, TRUE, CARTO_MVT_MAX_EXTENT + 1);
}

static GBytes *
build_layer_name_varint (void)
{
  g_autoptr(GByteArray) layer = g_byte_array_new ();

  pb_uint_field (layer, 1, 5);
  pb_uint_field (layer, 15, 2);
  return wrap_layer (layer);
}

static GBytes *
build_duplicate_name_field (void)
{
  g_autoptr(GByteArray) layer = g_byte_array_new ();

  pb_string_field (layer, 1, "a");
  pb_string_field (layer, 1, "b");
  pb_uint_field (layer, 15, 2);
  return wrap_layer (layer);
}

static GBytes *
build_duplicate_layer (void)
{
  g_autoptr(MvtLayer) a = mvt_layer_new ("same", 2, 4096);
  g_autoptr(MvtLayer) b = mvt_layer_new ("same", 2, 4096);

  return mvt_tile_encode (a, b, NULL);
}

static GBytes *
build_bad_utf8_key (void)
{
  g_autoptr(GByteArray) layer = g_byte_array_new ();

  pb_string_field (layer, 1, "l");
  pb_string_field (layer, 3, "\xff\xfe");
  pb_uint_field (layer, 15, 2);
  return wrap_layer (layer);
}

static GBytes *
build_nul_in_name (void)
{
  g_autoptr(GByteArray) layer = g_byte_array_new ();

  pb_bytes_field (layer, 1, "a\0b", 3);
  pb_uint_field (layer, 15, 2);
  return wrap_layer (layer);
}

static GBytes *
value_tile (GByteArray *value)
{
  g_autoptr(GByteArray) layer = g_byte_array_new ();

  pb_string_field (layer, 1, "l");
  pb_bytes_field (layer, 4, value->data, value->len);
  pb_uint_field (layer, 15, 2);
  return wrap_layer (layer);
}

static GBytes *
build_empty_value (void)
{
  g_autoptr(GByteArray) value = g_byte_array_new ();

  pb_uint_field (value, 9, 1);
  return value_tile (value);
}

static GBytes *
build_two_typed_value (void)
{
  g_autoptr(GByteArray) value = g_byte_array_new ();

  pb_string_field (value, 1, "a");
  pb_uint_field (value, 4, 1);
  return value_tile (value);
}

static GBytes *
build_value_wrong_wire (void)
{
  g_autoptr(GByteArray) value = g_byte_array_new ();

  pb_uint_field (value, 3, 1);
  return value_tile (value);
}

static const guint32 point_geometry[] = { 9, 2, 2 };

static GBytes *
build_odd_tags (void)
{
  static const guint32 tags[] = { 0, 0, 0 };
  return tile_with_feature (1, point_geometry, 3, tags, 3);
}

static GBytes *
build_tag_key_range (void)
{
  static const guint32 tags[] = { 1, 0 };
  return tile_with_feature (1, point_geometry, 3, tags, 2);
}

static GBytes *
build_tag_value_range (void)
{
  static const guint32 tags[] = { 0, 1 };
  return tile_with_feature (1, point_geometry, 3, tags, 2);
}

static GBytes *
build_tag_huge (void)
{
  static const guint32 tags[] = { 0, 0xffffffff };
  return tile_with_feature (1, point_geometry, 3, tags, 2);
}

static GBytes *
build_unknown_command (void)
{
  static const guint32 geom[] = { 9, 2, 2, (5 << 3) | 3 };
  return tile_with_feature (2, geom, G_N_ELEMENTS (geom), NULL, 0);
}

static GBytes *
build_point_count_zero (void)
{
  static const guint32 geom[] = { 1 };
  return tile_with_feature (1, geom, 1, NULL, 0);
}

static GBytes *
build_point_count_overrun (void)
{
  /* MoveTo with 2^28 points and only one pair of parameters. */
  static const guint32 geom[] = { 1 | (1u << 31), 2, 2 };
  return tile_with_feature (1, geom, 3, NULL, 0);
}

static GBytes *
build_point_with_line_to (void)
{
  static const guint32 geom[] = { 9, 2, 2, 10, 2, 2 };
  return tile_with_feature (1, geom, 6, NULL, 0);
}

static GBytes *
build_point_missing_param (void)
{
  static const guint32 geom[] = { 17, 2, 2, 4 };
  return tile_with_feature (1, geom, 4, NULL, 0);
}

static GBytes *
build_line_one_point (void)
{
  static const guint32 geom[] = { 9, 2, 2 };
  return tile_with_feature (2, geom, 3, NULL, 0);
}

static GBytes *
build_line_move_to_two (void)
{
  static const guint32 geom[] = { 17, 2, 2, 4, 4, 10, 2, 2 };
  return tile_with_feature (2, geom, 8, NULL, 0);
}

static GBytes *
build_line_close_path (void)
{
  static const guint32 geom[] = { 9, 2, 2, 10, 4, 4, 15 };
  return tile_with_feature (2, geom, 7, NULL, 0);
}

static GBytes *
build_line_to_count_zero (void)
{
  static const guint32 geom[] = { 9, 2, 2, 2 };
  return tile_with_feature (2, geom, 4, NULL, 0);
}

static GBytes *
build_ring_unclosed (void)
{
  static const guint32 geom[] = { 9, 0, 0, 26, 200, 0, 0, 200, 199, 0 };
  return tile_with_feature (3, geom, G_N_ELEMENTS (geom), NULL, 0);
}

static GBytes *
build_ring_two_points (void)
{
  static const guint32 geom[] = { 9, 0, 0, 10, 200, 0, 15 };
  return tile_with_feature (3, geom, G_N_ELEMENTS (geom), NULL, 0);
}

static GBytes *
build_close_path_count (void)
{
  static const guint32 geom[] = { 9, 0, 0, 18, 200, 0, 0, 200, (2 << 3) | 7 };
  return tile_with_feature (3, geom, G_N_ELEMENTS (geom), NULL, 0);
}

static GBytes *
build_polygon_starts_with_hole (void)
{
  /* (0,0) → (0,100) → (100,100): counter-clockwise on screen. */
  static const guint32 geom[] = { 9, 0, 0, 18, 0, 200, 200, 0, 15 };
  return tile_with_feature (3, geom, G_N_ELEMENTS (geom), NULL, 0);
}

static GBytes *
build_geom_type_4 (void)
{
  return tile_with_feature (4, point_geometry, 3, NULL, 0);
}

static GBytes *
build_no_geometry (void)
{
  return tile_with_feature (1, NULL, 0, NULL, 0);
}

static GBytes *
build_empty_geometry (void)
{
  return tile_with_feature (1, point_geometry, 0, NULL, 0);
}

static GBytes *
build_coordinate_overflow (void)
{
  /* Two moves of +2^31-1 each overflow int32. */
  static const guint32 geom[] = { 17, 0xfffffffe, 0, 0xfffffffe, 0 };
  return tile_with_feature (1, geom, G_N_ELEMENTS (geom), NULL, 0);
}

static GBytes *
build_geometry_param_64bit (void)
{
  g_autoptr(GByteArray) feature = g_byte_array_new ();
  g_autoptr(GByteArray) geom = g_byte_array_new ();
  g_autoptr(GByteArray) layer = g_byte_array_new ();

  pb_varint (geom, 9);
  pb_varint (geom, G_GUINT64_CONSTANT (1) << 40);
  pb_varint (geom, 2);
  pb_uint_field (feature, 3, 1);
  pb_bytes_field (feature, 4, geom->data, geom->len);
  pb_string_field (layer, 1, "l");
  pb_bytes_field (layer, 2, feature->data, feature->len);
  pb_uint_field (layer, 15, 2);
  return wrap_layer (layer);
}

static GBytes *
build_duplicate_geometry (void)
{
  g_autoptr(GByteArray) feature = g_byte_array_new ();
  g_autoptr(GByteArray) layer = g_byte_array_new ();

  pb_uint_field (feature, 3, 1);
  pb_packed_field (feature, 4, point_geometry, 3);
  pb_packed_field (feature, 4, point_geometry, 3);
  pb_string_field (layer, 1, "l");
  pb_bytes_field (layer, 2, feature->data, feature->len);
  pb_uint_field (layer, 15, 2);
  return wrap_layer (layer);
}

static GBytes *
build_truncated_packed (void)
{
  g_autoptr(GByteArray) feature = g_byte_array_new ();
  g_autoptr(GByteArray) layer = g_byte_array_new ();
  const guint8 geom[] = { 9, 0x80 };

  pb_uint_field (feature, 3, 1);
  pb_bytes_field (feature, 4, geom, sizeof geom);
  pb_string_field (layer, 1, "l");
  pb_bytes_field (layer, 2, feature->data, feature->len);
  pb_uint_field (layer, 15, 2);
  return wrap_layer (layer);
}

static const struct {
  const char *name;
  BuildFunc build;
  CartoMvtError code;
} malformed_cases[] = {
  { "truncated-varint", build_truncated_varint, CARTO_MVT_ERROR_TRUNCATED },
  { "overlong-varint", build_overlong_varint, CARTO_MVT_ERROR_MALFORMED },
  { "varint-overflow", build_varint_overflow, CARTO_MVT_ERROR_MALFORMED },
  { "length-overrun", build_length_overrun, CARTO_MVT_ERROR_TRUNCATED },
  { "group-wire-type", build_group_wire_type, CARTO_MVT_ERROR_MALFORMED },
  { "field-zero", build_field_zero, CARTO_MVT_ERROR_MALFORMED },
  { "truncated-fixed64", build_truncated_fixed64, CARTO_MVT_ERROR_TRUNCATED },
  { "layers-wrong-wire", build_layers_wrong_wire, CARTO_MVT_ERROR_MALFORMED },
  { "version-3", build_version_3, CARTO_MVT_ERROR_UNSUPPORTED_VERSION },
  { "version-0", build_version_0, CARTO_MVT_ERROR_UNSUPPORTED_VERSION },
  { "no-version", build_no_version, CARTO_MVT_ERROR_MISSING_FIELD },
  { "no-name", build_no_name, CARTO_MVT_ERROR_MISSING_FIELD },
  { "extent-zero", build_extent_zero, CARTO_MVT_ERROR_BAD_EXTENT },
  { "extent-huge", build_extent_huge, CARTO_MVT_ERROR_BAD_EXTENT },
  { "extent-just-over", build_extent_just_over, CARTO_MVT_ERROR_BAD_EXTENT },
  { "layer-name-varint", build_layer_name_varint, CARTO_MVT_ERROR_MALFORMED },
  { "duplicate-name-field", build_duplicate_name_field, CARTO_MVT_ERROR_MALFORMED },
  { "duplicate-layer", build_duplicate_layer, CARTO_MVT_ERROR_MALFORMED },
  { "bad-utf8-key", build_bad_utf8_key, CARTO_MVT_ERROR_MALFORMED },
  { "nul-in-name", build_nul_in_name, CARTO_MVT_ERROR_MALFORMED },
  { "empty-value", build_empty_value, CARTO_MVT_ERROR_BAD_VALUE },
  { "two-typed-value", build_two_typed_value, CARTO_MVT_ERROR_BAD_VALUE },
  { "value-wrong-wire", build_value_wrong_wire, CARTO_MVT_ERROR_MALFORMED },
  { "odd-tags", build_odd_tags, CARTO_MVT_ERROR_BAD_TAGS },
  { "tag-key-range", build_tag_key_range, CARTO_MVT_ERROR_BAD_TAGS },
  { "tag-value-range", build_tag_value_range, CARTO_MVT_ERROR_BAD_TAGS },
  { "tag-huge", build_tag_huge, CARTO_MVT_ERROR_BAD_TAGS },
  { "unknown-command", build_unknown_command, CARTO_MVT_ERROR_BAD_GEOMETRY },
  { "point-count-zero", build_point_count_zero, CARTO_MVT_ERROR_BAD_GEOMETRY },
  { "point-count-overrun", build_point_count_overrun, CARTO_MVT_ERROR_TRUNCATED },
  { "point-with-line-to", build_point_with_line_to, CARTO_MVT_ERROR_BAD_GEOMETRY },
  { "point-missing-param", build_point_missing_param, CARTO_MVT_ERROR_TRUNCATED },
  { "line-one-point", build_line_one_point, CARTO_MVT_ERROR_BAD_GEOMETRY },
  { "line-move-to-two", build_line_move_to_two, CARTO_MVT_ERROR_BAD_GEOMETRY },
  { "line-close-path", build_line_close_path, CARTO_MVT_ERROR_BAD_GEOMETRY },
  { "line-to-count-zero", build_line_to_count_zero, CARTO_MVT_ERROR_BAD_GEOMETRY },
  { "ring-unclosed", build_ring_unclosed, CARTO_MVT_ERROR_BAD_GEOMETRY },
  { "ring-two-points", build_ring_two_points, CARTO_MVT_ERROR_BAD_GEOMETRY },
  { "close-path-count", build_close_path_count, CARTO_MVT_ERROR_BAD_GEOMETRY },
  { "polygon-starts-with-hole", build_polygon_starts_with_hole, CARTO_MVT_ERROR_BAD_GEOMETRY },
  { "geom-type-4", build_geom_type_4, CARTO_MVT_ERROR_BAD_GEOMETRY },
  { "no-geometry", build_no_geometry, CARTO_MVT_ERROR_MISSING_FIELD },
  { "empty-geometry", build_empty_geometry, CARTO_MVT_ERROR_BAD_GEOMETRY },
  { "coordinate-overflow", build_coordinate_overflow, CARTO_MVT_ERROR_BAD_GEOMETRY },
  { "geometry-param-64bit", build_geometry_param_64bit, CARTO_MVT_ERROR_MALFORMED },
  { "duplicate-geometry", build_duplicate_geometry, CARTO_MVT_ERROR_MALFORMED },
  { "truncated-packed", build_truncated_packed, CARTO_MVT_ERROR_TRUNCATED },
};

static void
test_malformed (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(GBytes) bytes = malformed_cases[i].build ();
  g_autoptr(GError) error = NULL;
  CartoMvtTile *tile = carto_mvt_tile_decode (bytes, &error);

  g_assert_null (tile);
  g_assert_error (error, CARTO_MVT_ERROR, (int) malformed_cases[i].code);
  g_test_message ("%s: %s", malformed_cases[i].name, error->message);
}

/* A valid point feature still decodes when the malformed cases' layer
 * builder is used correctly: guards the test helpers themselves. */
static void
test_malformed_baseline (void)
{
  static const guint32 tags[] = { 0, 0 };
  g_autoptr(GBytes) bytes = tile_with_feature (1, point_geometry, 3, tags, 2);
  g_autoptr(CartoMvtTile) tile = decode_ok (bytes);

  g_assert_cmpuint (carto_mvt_tile_get_n_features (tile), ==, 1);
}

static GBytes *
mixed_tile (void)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("mixed", 2, 4096);
  const gint32 *rings[] = { outer_cw, hole_ccw };
  gint32 line[] = { 0, 0, 50, 50, 100, 0 };
  MvtGeom *g = mvt_geom_new ();
  MvtFeature *f;

  mvt_geom_move_to (g, line, 1);
  mvt_geom_line_to (g, line + 2, 2);
  f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_LINESTRING, g);
  mvt_feature_add_string (f, "kind", "road");
  f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POLYGON, polygon_geom (rings, 2));
  mvt_feature_add_double (f, "area", 12.5);
  mvt_feature_set_id (f, 3);
  f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (5, 5));
  mvt_feature_add_int (f, "cartodb_id", 1);

  return mvt_tile_encode (l, NULL);
}

/* Every prefix of a valid tile either decodes (it ends between layers) or
 * fails with our error; none crashes or reads past the end (run under
 * ASan or valgrind to see that). */
static void
test_every_prefix (void)
{
  g_autoptr(GBytes) full = mixed_tile ();
  gsize len;
  const guint8 *data = g_bytes_get_data (full, &len);
  guint failures = 0;

  save_corpus ("mixed", full);

  for (gsize n = 0; n < len; n++)
    {
      /* A copy of exactly n bytes, so ASan sees any overread. */
      g_autofree guint8 *copy = g_memdup2 (data, n);
      g_autoptr(GBytes) prefix = g_bytes_new_take (g_steal_pointer (&copy), n);
      g_autoptr(GError) error = NULL;
      g_autoptr(CartoMvtTile) tile = carto_mvt_tile_decode (prefix, &error);

      if (tile == NULL)
        {
          g_assert_error (error, CARTO_MVT_ERROR, CARTO_MVT_ERROR_TRUNCATED);
          failures++;
        }
    }

  /* Only the empty prefix is a whole tile. */
  g_assert_cmpuint (failures, ==, len - 1);
}

/* Single-byte corruptions: any outcome but a crash is fine. */
static void
test_corruptions (void)
{
  g_autoptr(GBytes) full = mixed_tile ();
  gsize len;
  const guint8 *data = g_bytes_get_data (full, &len);
  const guint8 replacements[] = { 0x00, 0x01, 0x07, 0x7f, 0x80, 0xff };
  guint decoded = 0, rejected = 0;

  for (gsize i = 0; i < len; i++)
    for (guint r = 0; r < G_N_ELEMENTS (replacements); r++)
      {
        g_autofree guint8 *copy = g_memdup2 (data, len);
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(CartoMvtTile) tile = NULL;

        copy[i] = replacements[r];
        bytes = g_bytes_new_take (g_steal_pointer (&copy), len);
        tile = carto_mvt_tile_decode (bytes, &error);
        if (tile != NULL)
          {
            g_assert_no_error (error);
            decoded++;
          }
        else
          {
            g_assert_true (error->domain == CARTO_MVT_ERROR);
            rejected++;
          }
      }

  g_assert_cmpuint (decoded + rejected, ==, len * G_N_ELEMENTS (replacements));
  g_assert_cmpuint (rejected, >, 0);
}

/* Decoding 15 000 points should take milliseconds; print the figure. */
static void
test_benchmark (void)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("layer0", 2, 4096);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  GRand *rand = g_rand_new_with_seed (7);
  gint64 start;
  guint runs = g_test_perf () ? 50 : 3;

  for (guint i = 0; i < 15000; i++)
    {
      MvtFeature *f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT,
                                             mvt_geom_point (g_rand_int_range (rand, -64, 4160),
                                                             g_rand_int_range (rand, -64, 4160)));
      mvt_feature_add_int (f, "cartodb_id", i + 1);
      mvt_feature_add_int (f, "pop", g_rand_int_range (rand, 1000, 10000000));
      mvt_feature_add_string (f, "name", (i % 7) ? "Town" : "City");
    }
  g_rand_free (rand);
  bytes = mvt_tile_encode (l, NULL);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;

      g_clear_pointer (&tile, carto_mvt_tile_unref);
      tile = carto_mvt_tile_decode (bytes, &error);
      g_assert_no_error (error);
    }

  g_assert_cmpuint (carto_mvt_tile_get_n_features (tile), ==, 15000);
  g_test_message ("decode: 15000 points, %" G_GSIZE_FORMAT " bytes: %.2f ms",
                  g_bytes_get_size (bytes),
                  (g_get_monotonic_time () - start) / 1000.0 / runs);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/mvt/empty", test_empty);
  g_test_add_func ("/mvt/points", test_points);
  g_test_add_func ("/mvt/lines", test_lines);
  g_test_add_func ("/mvt/polygons", test_polygons);
  g_test_add_func ("/mvt/polygon-v1-winding", test_polygon_v1_winding);
  g_test_add_func ("/mvt/properties", test_properties);
  g_test_add_func ("/mvt/value-to-string", test_value_to_string);
  g_test_add_func ("/mvt/layers", test_layers);
  g_test_add_func ("/mvt/unknown-fields", test_unknown_fields);
  g_test_add_func ("/mvt/postgis-tile", test_postgis_tile);
  g_test_add_func ("/mvt/malformed/baseline", test_malformed_baseline);
  for (guint i = 0; i < G_N_ELEMENTS (malformed_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/mvt/malformed/", malformed_cases[i].name, NULL);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_malformed);
    }
  g_test_add_func ("/mvt/every-prefix", test_every_prefix);
  g_test_add_func ("/mvt/corruptions", test_corruptions);
  g_test_add_func ("/mvt/benchmark", test_benchmark);

  return g_test_run ();
}
