/* test-style.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <string.h>

#include <carto.h>

#include "mvt-encoder.h"

static void
assert_rgb (const CartoColor *color,
            guint32           rgb)
{
  g_autofree char *text = carto_color_to_string (color);
  g_autofree char *expected = g_strdup_printf ("#%06x", rgb);

  g_assert_cmpstr (text, ==, expected);
}

static CartoMvtValue
string_value (const char *text)
{
  return (CartoMvtValue) { .type = CARTO_MVT_VALUE_STRING, .string = text };
}

static CartoMvtValue
double_value (double number)
{
  return (CartoMvtValue) { .type = CARTO_MVT_VALUE_DOUBLE, .double_value = number };
}

static CartoMvtValue
int_value (gint64 number)
{
  return (CartoMvtValue) { .type = CARTO_MVT_VALUE_INT, .int_value = number };
}

static void
test_color (void)
{
  CartoColor c, d, mid;
  g_autofree char *text = NULL;

  g_assert_true (carto_color_parse (&c, "#abc"));
  assert_rgb (&c, 0xaabbcc);
  g_assert_true (carto_color_parse (&c, "#EE4D5A"));
  assert_rgb (&c, 0xee4d5a);
  g_assert_true (carto_color_parse (&c, "#ee4d5a80"));
  g_assert_cmpfloat_with_epsilon (c.alpha, 128 / 255.f, 1e-6);
  text = carto_color_to_string (&c);
  g_assert_cmpstr (text, ==, "#ee4d5a80");

  g_assert_false (carto_color_parse (&d, "ee4d5a"));
  g_assert_false (carto_color_parse (&d, "#ee4d5"));
  g_assert_false (carto_color_parse (&d, "#ggg"));
  g_assert_false (carto_color_parse (&d, ""));

  carto_color_init_rgb (&c, 0x000000);
  carto_color_init_rgb (&d, 0xffffff);
  carto_color_interpolate (&c, &d, 0.5, &mid);
  assert_rgb (&mid, 0x808080);
  carto_color_interpolate (&c, &d, 7, &mid);
  assert_rgb (&mid, 0xffffff);
  carto_color_interpolate (&c, &d, NAN, &mid);
  assert_rgb (&mid, 0x000000);
  g_assert_true (carto_color_equal (&mid, &c));
  g_assert_false (carto_color_equal (&d, &c));
}

static void
test_single (void)
{
  g_autoptr(CartoStyle) style = carto_style_new_single (NULL);
  CartoMvtValue v = string_value ("x");
  CartoLegend *legend;
  CartoSymbol symbol, line;

  g_assert_cmpint (carto_style_get_kind (style), ==, CARTO_STYLE_KIND_SINGLE);
  g_assert_null (carto_style_get_property_name (style));
  g_assert_null (carto_style_get_columns (style)[0]);
  assert_rgb (&carto_style_get_base (style)->color, 0xee4d5a);

  carto_style_evaluate (style, &v, &symbol);
  g_assert_true (carto_symbol_equal (&symbol, carto_style_get_base (style)));

  legend = carto_style_get_legend (style);
  g_assert_cmpint (carto_legend_get_kind (legend), ==, CARTO_LEGEND_KIND_SINGLE);
  g_assert_null (carto_legend_get_title (legend));
  g_assert_cmpuint (carto_legend_get_n_entries (legend), ==, 1);
  g_assert_true (carto_symbol_equal (&carto_legend_get_entry (legend, 0)->symbol, &symbol));

  carto_symbol_init_default (&line, CARTO_MVT_GEOM_LINESTRING);
  assert_rgb (&line.color, 0x4cc8a3);
  g_assert_false (carto_symbol_equal (&line, &symbol));
}

static void
test_category (void)
{
  const char *categories[] = { "Madrid", "3", "true" };
  CartoColor colors[3], others;
  g_autoptr(CartoStyle) style = NULL;
  CartoMvtValue v;
  CartoSymbol symbol;
  CartoLegend *legend;

  carto_palette_get_colors (carto_palette_lookup ("Bold"), 3, colors);
  carto_color_init_rgb (&others, 0x123456);
  style = carto_style_new_color_category (NULL, "name", categories, colors, 3, &others);

  g_assert_cmpstr (carto_style_get_columns (style)[0], ==, "name");
  g_assert_null (carto_style_get_columns (style)[1]);
  g_assert_cmpstr (carto_style_get_categories (style)[2], ==, "true");

  v = string_value ("Madrid");
  carto_style_evaluate (style, &v, &symbol);
  assert_rgb (&symbol.color, 0x7f3c8d);
  /* Numbers and booleans match their text. */
  v = int_value (3);
  carto_style_evaluate (style, &v, &symbol);
  assert_rgb (&symbol.color, 0x11a579);
  v = double_value (3.0);
  carto_style_evaluate (style, &v, &symbol);
  assert_rgb (&symbol.color, 0x11a579);
  v = (CartoMvtValue) { .type = CARTO_MVT_VALUE_BOOL, .bool_value = TRUE };
  carto_style_evaluate (style, &v, &symbol);
  assert_rgb (&symbol.color, 0x3969ac);

  v = string_value ("madrid");
  carto_style_evaluate (style, &v, &symbol);
  assert_rgb (&symbol.color, 0x123456);
  carto_style_evaluate (style, NULL, &symbol);
  assert_rgb (&symbol.color, 0x123456);
  g_assert_cmpfloat (symbol.size, ==, carto_style_get_base (style)->size);

  legend = carto_style_get_legend (style);
  g_assert_cmpint (carto_legend_get_kind (legend), ==, CARTO_LEGEND_KIND_CATEGORY);
  g_assert_cmpstr (carto_legend_get_title (legend), ==, "name");
  g_assert_cmpuint (carto_legend_get_n_entries (legend), ==, 4);
  g_assert_cmpstr (carto_legend_get_entry (legend, 0)->label, ==, "Madrid");
  assert_rgb (&carto_legend_get_entry (legend, 1)->symbol.color, 0x11a579);
  g_assert_cmpstr (carto_legend_get_entry (legend, 3)->label, ==, "Others");
  assert_rgb (&carto_legend_get_entry (legend, 3)->symbol.color, 0x123456);
}

static void
test_color_bins (void)
{
  const double breaks[] = { 10, 20.5 };
  CartoColor colors[3];
  g_autoptr(CartoStyle) style = NULL;
  const struct {
    double value;
    guint32 rgb;
  } cases[] = {
    { -1e9, 0xf3e79b }, { 10, 0xf3e79b }, { 10.001, 0xeb7f86 }, { 20.5, 0xeb7f86 }, { 21, 0x5c53a5 },
  };
  CartoLegend *legend;
  CartoMvtValue v;
  CartoSymbol symbol;
  const double *got;
  guint n;

  carto_palette_get_colors (carto_palette_lookup ("sunset"), 3, colors);
  style = carto_style_new_color_bins (NULL, "pop", CARTO_BIN_METHOD_QUANTILES, breaks, 2, colors);

  g_assert_cmpint (carto_style_get_bin_method (style), ==, CARTO_BIN_METHOD_QUANTILES);
  got = carto_style_get_breaks (style, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (got[1], ==, 20.5);

  /* Classes include their upper break. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      v = double_value (cases[i].value);
      carto_style_evaluate (style, &v, &symbol);
      assert_rgb (&symbol.color, cases[i].rgb);
    }
  v = int_value (15);
  carto_style_evaluate (style, &v, &symbol);
  assert_rgb (&symbol.color, 0xeb7f86);
  v = string_value ("15");
  carto_style_evaluate (style, &v, &symbol);
  assert_rgb (&symbol.color, 0xa5aa99);
  v = double_value (NAN);
  carto_style_evaluate (style, &v, &symbol);
  assert_rgb (&symbol.color, 0xa5aa99);

  legend = carto_style_get_legend (style);
  g_assert_cmpint (carto_legend_get_kind (legend), ==, CARTO_LEGEND_KIND_BINS);
  g_assert_cmpuint (carto_legend_get_n_entries (legend), ==, 3);
  g_assert_cmpstr (carto_legend_get_entry (legend, 0)->label, ==, "≤ 10");
  g_assert_cmpstr (carto_legend_get_entry (legend, 1)->label, ==, "10 – 20.5");
  g_assert_cmpstr (carto_legend_get_entry (legend, 2)->label, ==, "> 20.5");
  assert_rgb (&carto_legend_get_entry (legend, 2)->symbol.color, 0x5c53a5);
}

static void
test_color_continuous (void)
{
  CartoColor ramp[3];
  g_autoptr(CartoStyle) style = NULL;
  CartoLegend *legend;
  CartoMvtValue v;
  CartoSymbol symbol;
  double min, max;

  carto_color_init_rgb (&ramp[0], 0x000000);
  carto_color_init_rgb (&ramp[1], 0xff0000);
  carto_color_init_rgb (&ramp[2], 0xffffff);
  style = carto_style_new_color_continuous (NULL, "t", 0, 100, ramp, 3);
  carto_style_get_range (style, &min, &max);
  g_assert_cmpfloat (max, ==, 100);

  v = double_value (25);
  carto_style_evaluate (style, &v, &symbol);
  assert_rgb (&symbol.color, 0x800000);
  v = int_value (75);
  carto_style_evaluate (style, &v, &symbol);
  assert_rgb (&symbol.color, 0xff8080);
  v = double_value (-5);
  carto_style_evaluate (style, &v, &symbol);
  assert_rgb (&symbol.color, 0x000000);
  v = double_value (1e6);
  carto_style_evaluate (style, &v, &symbol);
  assert_rgb (&symbol.color, 0xffffff);
  carto_style_evaluate (style, NULL, &symbol);
  assert_rgb (&symbol.color, 0xa5aa99);

  legend = carto_style_get_legend (style);
  g_assert_cmpint (carto_legend_get_kind (legend), ==, CARTO_LEGEND_KIND_COLOR_RAMP);
  g_assert_cmpuint (carto_legend_get_n_entries (legend), ==, 3);
  g_assert_cmpstr (carto_legend_get_entry (legend, 0)->label, ==, "0");
  g_assert_cmpstr (carto_legend_get_entry (legend, 1)->label, ==, "50");
  g_assert_cmpstr (carto_legend_get_entry (legend, 2)->label, ==, "100");
}

static void
test_sizes (void)
{
  const double breaks[] = { 1000 };
  const double sizes[] = { 4, 12 };
  g_autoptr(CartoStyle) bins = carto_style_new_size_bins (NULL, "pop", CARTO_BIN_METHOD_MANUAL, breaks, 1, sizes);
  g_autoptr(CartoStyle) ramp = carto_style_new_size_continuous (NULL, "pop", 0, 1000000, 2, 22);
  CartoLegend *legend;
  CartoMvtValue v;
  CartoSymbol symbol;

  v = int_value (999);
  carto_style_evaluate (bins, &v, &symbol);
  g_assert_cmpfloat (symbol.size, ==, 4);
  v = int_value (5000);
  carto_style_evaluate (bins, &v, &symbol);
  g_assert_cmpfloat (symbol.size, ==, 12);
  assert_rgb (&symbol.color, 0xee4d5a);
  carto_style_evaluate (bins, NULL, &symbol);
  g_assert_cmpfloat (symbol.size, ==, 6);

  v = int_value (500000);
  carto_style_evaluate (ramp, &v, &symbol);
  g_assert_cmpfloat_with_epsilon (symbol.size, 12, 1e-9);
  v = int_value (2000000);
  carto_style_evaluate (ramp, &v, &symbol);
  g_assert_cmpfloat_with_epsilon (symbol.size, 22, 1e-9);

  legend = carto_style_get_legend (bins);
  g_assert_cmpint (carto_legend_get_kind (legend), ==, CARTO_LEGEND_KIND_BINS);
  g_assert_cmpfloat (carto_legend_get_entry (legend, 1)->symbol.size, ==, 12);
  legend = carto_style_get_legend (ramp);
  g_assert_cmpint (carto_legend_get_kind (legend), ==, CARTO_LEGEND_KIND_SIZE_RAMP);
  g_assert_cmpuint (carto_legend_get_n_entries (legend), ==, 2);
  /* Grouped digits: the C locale has no separator, so a narrow no-break space. */
  g_assert_cmpstr (carto_legend_get_entry (legend, 1)->label, ==, "1\u202f000\u202f000");
  g_assert_cmpfloat (carto_legend_get_entry (legend, 1)->symbol.size, ==, 22);
}

/* A single class when every value is equal. */
static void
test_no_breaks (void)
{
  CartoColor color;
  g_autoptr(CartoStyle) style = NULL;
  CartoMvtValue v = int_value (3);
  CartoSymbol symbol;

  carto_color_init_rgb (&color, 0x010203);
  style = carto_style_new_color_bins (NULL, "x", CARTO_BIN_METHOD_EQUAL_INTERVALS, NULL, 0, &color);
  carto_style_evaluate (style, &v, &symbol);
  assert_rgb (&symbol.color, 0x010203);
  g_assert_cmpstr (carto_legend_get_entry (carto_style_get_legend (style), 0)->label, ==, "All");
}

static void
test_evaluate_feature (void)
{
  g_autoptr(MvtLayer) l = mvt_layer_new ("layer0", 2, 4096);
  const double breaks[] = { 100 };
  CartoColor colors[2];
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  g_autoptr(CartoStyle) style = NULL;
  g_autoptr(GError) error = NULL;
  const CartoMvtLayer *layer;
  CartoSymbol symbol;
  MvtFeature *f;

  f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (1, 1));
  mvt_feature_add_int (f, "pop", 50);
  f = mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (1, 1));
  mvt_feature_add_double (f, "pop", 500);
  mvt_layer_add_feature (l, CARTO_MVT_GEOM_POINT, mvt_geom_point (1, 1));
  bytes = mvt_tile_encode (l, NULL);
  tile = carto_mvt_tile_decode (bytes, &error);
  g_assert_no_error (error);
  layer = carto_mvt_tile_get_layer (tile, 0);

  carto_color_init_rgb (&colors[0], 0x0000ff);
  carto_color_init_rgb (&colors[1], 0xff0000);
  style = carto_style_new_color_bins (NULL, "pop", CARTO_BIN_METHOD_MANUAL, breaks, 1, colors);

  carto_style_evaluate_feature (style, carto_mvt_layer_get_feature (layer, 0), &symbol);
  assert_rgb (&symbol.color, 0x0000ff);
  carto_style_evaluate_feature (style, carto_mvt_layer_get_feature (layer, 1), &symbol);
  assert_rgb (&symbol.color, 0xff0000);
  carto_style_evaluate_feature (style, carto_mvt_layer_get_feature (layer, 2), &symbol);
  assert_rgb (&symbol.color, 0xa5aa99);
}

static void
test_palettes (void)
{
  const char *expected[] = {
    "Bold", "Prism", "Vivid", "Safe", "Pastel", "Antique",
    "Sunset", "Teal", "Burg", "PinkYl", "Mint", "Emrld", "BluYl", "Peach",
    "Magenta", "Purp", "TealGrn", "OrYel", "TealRose", "Temps",
  };
  const CartoPalette *bold = carto_palette_lookup ("bold");
  const CartoPalette *sunset = carto_palette_lookup ("Sunset");
  const guint32 sunset5[] = { 0xf3e79b, 0xfab27f, 0xeb7f86, 0xb95e9a, 0x5c53a5 };
  CartoColor colors[16], seven[7], other;
  guint n_qualitative = 0;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (carto_palette_lookup (expected[i]));
  g_assert_null (carto_palette_lookup ("Nope"));
  g_assert_cmpuint (carto_palette_get_n_palettes (), ==, 32);

  for (guint i = 0; i < carto_palette_get_n_palettes (); i++)
    {
      const CartoPalette *p = carto_palette_get_nth (i);
      guint n = carto_palette_get_max_colors (p);

      g_assert_true (carto_palette_lookup (carto_palette_get_name (p)) == p);
      if (carto_palette_get_kind (p) == CARTO_PALETTE_KIND_QUALITATIVE)
        {
          g_assert_cmpuint (n, ==, 11);
          n_qualitative++;
        }
      else
        g_assert_cmpuint (n, ==, 7);

      /* Every variant has distinct neighbours: no table misalignment. */
      for (guint k = 2; k <= n; k++)
        {
          carto_palette_get_colors (p, k, colors);
          for (guint j = 1; j < k; j++)
            g_assert_false (carto_color_equal (&colors[j - 1], &colors[j]));
        }
    }
  g_assert_cmpuint (n_qualitative, ==, 6);

  g_assert_cmpstr (carto_palette_get_name (bold), ==, "Bold");
  g_assert_cmpint (carto_palette_get_kind (bold), ==, CARTO_PALETTE_KIND_QUALITATIVE);
  carto_palette_get_colors (bold, 12, colors);
  assert_rgb (&colors[0], 0x7f3c8d);
  assert_rgb (&colors[10], 0x4b4b8f);
  assert_rgb (&colors[11], 0x7f3c8d);
  carto_palette_get_other_color (bold, &other);
  assert_rgb (&other, 0xa5aa99);
  carto_palette_get_other_color (carto_palette_lookup ("Prism"), &other);
  assert_rgb (&other, 0x666666);

  g_assert_cmpint (carto_palette_get_kind (sunset), ==, CARTO_PALETTE_KIND_SEQUENTIAL);
  carto_palette_get_colors (sunset, 5, colors);
  for (guint i = 0; i < 5; i++)
    assert_rgb (&colors[i], sunset5[i]);

  /* Beyond 7 classes: interpolated along the 7-class ramp, same ends. */
  carto_palette_get_colors (sunset, 7, seven);
  carto_palette_get_colors (sunset, 10, colors);
  g_assert_true (carto_color_equal (&colors[0], &seven[0]));
  g_assert_true (carto_color_equal (&colors[9], &seven[6]));
  carto_palette_get_colors (sunset, 13, colors);
  g_assert_true (carto_color_equal (&colors[6], &seven[3]));
  carto_palette_get_colors (sunset, 1, colors);
  assert_rgb (&colors[0], 0xeb7f86);

  g_assert_cmpint (carto_palette_get_kind (carto_palette_lookup ("Temps")), ==, CARTO_PALETTE_KIND_DIVERGING);
}

static void
test_quantiles (void)
{
  const double values[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  const double skewed[] = { 1, 1, 1, 1, 1, 1, 1, 1, 2, 3 };
  g_autofree double *b3 = NULL, *b2 = NULL, *b5 = NULL, *bs = NULL, *none = NULL;
  guint n;

  /* Checked against PostgreSQL 15's percentile_disc over the same rows. */
  b3 = carto_classify_quantiles (values, 10, 3, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (b3[0], ==, 4);
  g_assert_cmpfloat (b3[1], ==, 7);

  b2 = carto_classify_quantiles (values, 10, 2, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (b2[0], ==, 5);

  b5 = carto_classify_quantiles (values, 10, 5, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (b5[0], ==, 2);
  g_assert_cmpfloat (b5[3], ==, 8);

  /* Repeated quantiles collapse. */
  bs = carto_classify_quantiles (skewed, 10, 5, &n);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpfloat (bs[0], ==, 1);

  none = carto_classify_quantiles (NULL, 0, 4, &n);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_equal_intervals (void)
{
  g_autofree double *b = NULL, *flat = NULL;
  double dirty[] = { 3, NAN, 1, 3, INFINITY, 2 };
  guint n;

  b = carto_classify_equal_intervals (0, 100, 4, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (b[0], ==, 25);
  g_assert_cmpfloat (b[2], ==, 75);

  flat = carto_classify_equal_intervals (5, 5, 4, &n);
  g_assert_cmpuint (n, ==, 0);

  n = carto_classify_clean_breaks (dirty, G_N_ELEMENTS (dirty));
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (dirty[0], ==, 1);
  g_assert_cmpfloat (dirty[1], ==, 2);
  g_assert_cmpfloat (dirty[2], ==, 3);
}

/* The exact texts were run against PostgreSQL 15 with a column named
 * po"p: quantiles 4 and 7 for 1..10, min 1 and max 10. */
static void
test_sql (void)
{
  g_autofree char *quantiles = carto_classify_quantiles_sql ("SELECT * FROM v ;\n", "po\"p", 3);
  g_autofree char *quintiles = carto_classify_quantiles_sql ("SELECT * FROM v", "pop", 5);
  g_autofree char *range = carto_classify_range_sql ("SELECT * FROM v", "po\"p");
  g_autofree char *categories = carto_classify_categories_sql ("SELECT * FROM v", "name", 10);

  g_assert_cmpstr (quantiles, ==,
                   "SELECT unnest(percentile_disc(ARRAY[0.3333333333333333,0.6666666666666666]::float8[]) "
                   "WITHIN GROUP (ORDER BY \"po\"\"p\"::float8)) AS break_value "
                   "FROM (\nSELECT * FROM v\n) AS \"_carto_source\"");
  g_assert_true (strstr (quintiles, "ARRAY[0.2,0.4,0.6,0.8]::float8[]") != NULL);
  g_assert_cmpstr (range, ==,
                   "SELECT min(\"po\"\"p\")::float8 AS min, max(\"po\"\"p\")::float8 AS max "
                   "FROM (\nSELECT * FROM v\n) AS \"_carto_source\"");
  g_assert_cmpstr (categories, ==,
                   "SELECT \"name\"::text AS category, count(*) AS count "
                   "FROM (\nSELECT * FROM v\n) AS \"_carto_source\" "
                   "WHERE \"name\" IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10");
}

static GPtrArray *
all_kinds (void)
{
  GPtrArray *styles = g_ptr_array_new_with_free_func (g_object_unref);
  const char *categories[] = { "a", "b\"c" };
  const double breaks[] = { -1.5, 10, 1e9 };
  const double sizes[] = { 1, 2, 3.5, 4 };
  CartoColor colors[4], others;
  CartoSymbol base;

  carto_symbol_init_default (&base, CARTO_MVT_GEOM_POLYGON);
  carto_color_parse (&base.stroke_color, "#11223380");
  carto_palette_get_colors (carto_palette_lookup ("Vivid"), 4, colors);
  carto_color_init_rgb (&others, 0x445566);

  g_ptr_array_add (styles, carto_style_new_single (&base));
  g_ptr_array_add (styles, carto_style_new_color_category (&base, "kind", categories, colors, 2, &others));
  g_ptr_array_add (styles, carto_style_new_color_bins (NULL, "pop", CARTO_BIN_METHOD_EQUAL_INTERVALS, breaks, 3, colors));
  g_ptr_array_add (styles, carto_style_new_color_continuous (&base, "pop", -3, 7.25, colors, 4));
  g_ptr_array_add (styles, carto_style_new_size_bins (NULL, "pop", CARTO_BIN_METHOD_QUANTILES, breaks, 3, sizes));
  g_ptr_array_add (styles, carto_style_new_size_continuous (NULL, "pop", 0, 1, 2, 30));
  return styles;
}

static void
test_json_roundtrip (void)
{
  g_autoptr(GPtrArray) styles = all_kinds ();

  for (guint i = 0; i < styles->len; i++)
    {
      CartoStyle *style = styles->pdata[i];
      g_autoptr(JsonNode) node = carto_style_to_json (style);
      g_autofree char *text = json_to_string (node, FALSE);
      g_autoptr(JsonNode) parsed = json_from_string (text, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CartoStyle) back = carto_style_new_from_json (parsed, &error);

      g_test_message ("%s", text);
      g_assert_no_error (error);
      g_assert_true (carto_style_equal (style, back));
      g_assert_cmpint (carto_style_get_kind (back), ==, carto_style_get_kind (style));

      for (guint j = 0; j < styles->len; j++)
        if (j != i)
          g_assert_false (carto_style_equal (style, styles->pdata[j]));
    }
}

static void
test_json_format (void)
{
  const double breaks[] = { 10 };
  CartoColor colors[2];
  g_autoptr(CartoStyle) style = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  carto_color_init_rgb (&colors[0], 0x000000);
  carto_color_init_rgb (&colors[1], 0xffffff);
  style = carto_style_new_color_bins (NULL, "pop", CARTO_BIN_METHOD_QUANTILES, breaks, 1, colors);
  node = carto_style_to_json (style);
  text = json_to_string (node, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"kind\":\"color-bins\",\"property\":\"pop\","
                   "\"base\":{\"color\":\"#ee4d5a\",\"size\":6.0,\"stroke-color\":\"#ffffff\","
                   "\"stroke-width\":1.0,\"opacity\":1.0},"
                   "\"others-color\":\"#a5aa99\",\"method\":\"quantiles\",\"breaks\":[10.0],"
                   "\"colors\":[\"#000000\",\"#ffffff\"]}");
}

static void
test_json_invalid (void)
{
  const char *cases[] = {
    "[]",
    "{}",
    "{\"kind\":\"sparkles\"}",
    "{\"kind\":{}}",
    "{\"kind\":\"color-bins\",\"method\":\"quantiles\",\"breaks\":[1],\"colors\":[\"#000\",\"#fff\"]}",
    "{\"kind\":\"color-bins\",\"property\":\"p\",\"method\":\"quantiles\",\"breaks\":[2,1],\"colors\":[\"#000\",\"#fff\",\"#fff\"]}",
    "{\"kind\":\"color-bins\",\"property\":\"p\",\"method\":\"quantiles\",\"breaks\":[1],\"colors\":[\"#000\"]}",
    "{\"kind\":\"color-bins\",\"property\":\"p\",\"method\":\"magic\",\"breaks\":[1],\"colors\":[\"#000\",\"#fff\"]}",
    "{\"kind\":\"color-bins\",\"property\":\"p\",\"method\":\"manual\",\"breaks\":[\"1\"],\"colors\":[\"#000\",\"#fff\"]}",
    "{\"kind\":\"color-category\",\"property\":\"p\",\"categories\":[\"a\"],\"colors\":[\"red\"]}",
    "{\"kind\":\"color-category\",\"property\":\"p\",\"categories\":[\"a\",\"b\"],\"colors\":[\"#000\"]}",
    "{\"kind\":\"color-category\",\"property\":\"p\",\"categories\":[1],\"colors\":[\"#000\"]}",
    "{\"kind\":\"color-continuous\",\"property\":\"p\",\"range\":[5,1],\"colors\":[\"#000\",\"#fff\"]}",
    "{\"kind\":\"color-continuous\",\"property\":\"p\",\"range\":[1,5],\"colors\":[\"#000\"]}",
    "{\"kind\":\"size-continuous\",\"property\":\"p\",\"range\":[1,5],\"sizes\":[1,-2]}",
    "{\"kind\":\"size-bins\",\"property\":\"p\",\"method\":\"manual\",\"breaks\":[1],\"sizes\":[1]}",
    "{\"kind\":\"single\",\"base\":{\"opacity\":2}}",
    "{\"kind\":\"single\",\"base\":{\"size\":\"big\"}}",
    "{\"kind\":\"single\",\"base\":[]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CartoStyle) style = NULL;

      g_assert_nonnull (node);
      style = carto_style_new_from_json (node, &error);
      g_assert_null (style);
      g_assert_error (error, CARTO_STYLE_ERROR, CARTO_STYLE_ERROR_INVALID);
      g_test_message ("%s → %s", cases[i], error->message);
    }
}

static void
test_copy_with_base (void)
{
  g_autoptr(GPtrArray) styles = all_kinds ();
  CartoSymbol base;

  carto_symbol_init_default (&base, CARTO_MVT_GEOM_POINT);
  base.opacity = 0.25;

  for (guint i = 0; i < styles->len; i++)
    {
      CartoStyle *style = styles->pdata[i];
      g_autoptr(CartoStyle) copy = carto_style_copy_with_base (style, &base);
      g_autoptr(CartoStyle) again = carto_style_copy_with_base (copy, carto_style_get_base (style));

      g_assert_false (carto_style_equal (style, copy));
      g_assert_cmpfloat (carto_style_get_base (copy)->opacity, ==, 0.25);
      g_assert_true (carto_style_equal (style, again));
    }
}

/* Bad constructor arguments are programming errors: criticals. */
static void
test_guards (void)
{
  const double descending[] = { 2, 1 };
  CartoColor colors[3] = { 0 };
  CartoStyle *style;

  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*breaks_valid*");
  style = carto_style_new_color_bins (NULL, "p", CARTO_BIN_METHOD_MANUAL, descending, 2, colors);
  g_test_assert_expected_messages ();
  g_assert_null (style);

  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*n_ramp >= 2*");
  style = carto_style_new_color_continuous (NULL, "p", 0, 1, colors, 1);
  g_test_assert_expected_messages ();
  g_assert_null (style);

  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*property != NULL*");
  style = carto_style_new_color_category (NULL, NULL, NULL, NULL, 0, NULL);
  g_test_assert_expected_messages ();
  g_assert_null (style);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/style/color", test_color);
  g_test_add_func ("/style/single", test_single);
  g_test_add_func ("/style/category", test_category);
  g_test_add_func ("/style/color-bins", test_color_bins);
  g_test_add_func ("/style/color-continuous", test_color_continuous);
  g_test_add_func ("/style/sizes", test_sizes);
  g_test_add_func ("/style/no-breaks", test_no_breaks);
  g_test_add_func ("/style/evaluate-feature", test_evaluate_feature);
  g_test_add_func ("/style/palettes", test_palettes);
  g_test_add_func ("/style/classify/quantiles", test_quantiles);
  g_test_add_func ("/style/classify/equal-intervals", test_equal_intervals);
  g_test_add_func ("/style/classify/sql", test_sql);
  g_test_add_func ("/style/json-roundtrip", test_json_roundtrip);
  g_test_add_func ("/style/json-format", test_json_format);
  g_test_add_func ("/style/json-invalid", test_json_invalid);
  g_test_add_func ("/style/copy-with-base", test_copy_with_base);
  g_test_add_func ("/style/guards", test_guards);

  return g_test_run ();
}
