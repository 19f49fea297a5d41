/* test-map-file.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Map files: a round trip keeps every field and no key, every bad file is
 * refused with its own error and a message naming the problem, and saves
 * replace the file atomically, leaving nothing else behind. Accounts
 * resolve through the isolated session's gnome-keyring.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "credentials-test-utils.h"

static const char *const all_keys[] = { "alice-map-key-1", "bob-map-key-1", "carol-map-key-1", NULL };

/* Alice and Bob in the keyring, Carol the default. */
static CartoCredentialStore *
new_store (void)
{
  CartoCredentialStore *store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) alice = carto_test_credentials ("alice", all_keys[0]);
  g_autoptr(CartoCredentials) bob = carto_test_credentials ("bob", all_keys[1]);
  g_autoptr(CartoCredentials) carol = carto_test_credentials ("carol", all_keys[2]);
  g_autoptr(CartoAccount) a = carto_test_store_add (store, alice);
  g_autoptr(CartoAccount) b = carto_test_store_add (store, bob);
  g_autoptr(CartoAccount) c = carto_test_store_add (store, carol);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_assert_cmpstr (carto_account_get_username (a), ==, "alice");
  g_assert_cmpstr (carto_account_get_username (b), ==, "bob");

  ok = carto_credential_store_set_default (store, c, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return store;
}

/* Three layers: two accounts and the default, a table and SQL, three
 * style kinds, one hidden, one half transparent. */
static CartoMap *
new_map (CartoCredentialStore *store)
{
  CartoMap *map = carto_map_new ();
  CartoAccount *alice = carto_credential_store_lookup (store, "alice", "https://alice.carto.com");
  const char *categories[] = { "Africa", "Europe", "Ásia “east”", NULL };
  const double breaks[] = { 1000, 100000 };
  const double sizes[] = { 2, 5, 9 };
  CartoColor colors[3];
  CartoColor others;
  CartoSymbol base;
  g_autoptr(CartoSource) countries = carto_source_new ("countries", carto_account_get_credentials (alice), store);
  g_autoptr(CartoSource) cities = carto_source_new_for_account ("SELECT * FROM cities WHERE pop > 1000", "bob",
                                                                "https://bob.carto.com", store);
  g_autoptr(CartoSource) rivers = carto_source_new ("public.\"Rivers\"", NULL, store);
  g_autoptr(CartoStyle) by_continent = NULL;
  g_autoptr(CartoStyle) by_pop = NULL;
  g_autoptr(CartoStyle) plain = NULL;
  g_autoptr(CartoLayer) l1 = NULL;
  g_autoptr(CartoLayer) l2 = NULL;
  g_autoptr(CartoLayer) l3 = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    carto_color_init_rgb (&colors[i], 0x112233 * (i + 1));
  carto_color_init_rgb (&others, 0x777777);
  carto_symbol_init_default (&base, CARTO_MVT_GEOM_POINT);
  base.opacity = 0.8;
  base.size = 6.5;

  by_continent = carto_style_new_color_category (&base, "continent", categories, colors, 3, &others);
  by_pop = carto_style_new_size_bins (&base, "pop", CARTO_BIN_METHOD_QUANTILES, breaks, 2, sizes);
  carto_color_init_rgb (&base.color, 0x0055ff);
  plain = carto_style_new_single (&base);

  l1 = carto_layer_new (countries, by_continent);
  carto_layer_set_title (l1, "Countries");
  carto_layer_set_opacity (l1, 0.5);
  l2 = carto_layer_new (cities, by_pop);
  carto_layer_set_title (l2, "Cities");
  carto_layer_set_visible (l2, FALSE);
  carto_layer_set_aggregation (l2, TRUE);
  l3 = carto_layer_new (rivers, plain);
  carto_layer_set_title (l3, "Ríos \"grandes\"\n\ttab");

  carto_map_append_layer (map, l1);
  carto_map_append_layer (map, l2);
  carto_map_append_layer (map, l3);
  carto_map_set_basemap (map, CARTO_BASEMAP_POSITRON);
  carto_map_set_center (map, 40.4, -3.7);
  carto_map_set_zoom (map, 5.25);
  return map;
}

static void
assert_maps_equal (CartoMap *a,
                   CartoMap *b)
{
  CartoBounds ba, bb;

  g_assert_cmpint (carto_map_get_basemap (a), ==, carto_map_get_basemap (b));
  g_assert_cmpfloat (carto_map_get_latitude (a), ==, carto_map_get_latitude (b));
  g_assert_cmpfloat (carto_map_get_longitude (a), ==, carto_map_get_longitude (b));
  g_assert_cmpfloat (carto_map_get_zoom (a), ==, carto_map_get_zoom (b));
  g_assert_cmpint (carto_map_get_bounds (a, &ba), ==, carto_map_get_bounds (b, &bb));
  if (carto_map_get_bounds (a, NULL))
    {
      g_assert_cmpfloat (ba.west, ==, bb.west);
      g_assert_cmpfloat (ba.south, ==, bb.south);
      g_assert_cmpfloat (ba.east, ==, bb.east);
      g_assert_cmpfloat (ba.north, ==, bb.north);
    }
  g_assert_cmpuint (carto_map_get_n_layers (a), ==, carto_map_get_n_layers (b));

  for (guint i = 0; i < carto_map_get_n_layers (a); i++)
    {
      CartoLayer *la = carto_map_get_layer (a, i);
      CartoLayer *lb = carto_map_get_layer (b, i);
      CartoSource *sa = carto_layer_get_source (la);
      CartoSource *sb = carto_layer_get_source (lb);
      CartoCredentials *ea = carto_layer_get_effective_credentials (la);
      CartoCredentials *eb = carto_layer_get_effective_credentials (lb);

      g_assert_cmpstr (carto_layer_get_title (la), ==, carto_layer_get_title (lb));
      g_assert_cmpstr (carto_source_get_data (sa), ==, carto_source_get_data (sb));
      g_assert_cmpint (carto_source_is_query (sa), ==, carto_source_is_query (sb));
      g_assert_cmpstr (carto_source_get_sql (sa), ==, carto_source_get_sql (sb));
      g_assert_cmpstr (carto_source_get_account_username (sa), ==, carto_source_get_account_username (sb));
      g_assert_cmpstr (carto_source_get_account_base_url (sa), ==, carto_source_get_account_base_url (sb));
      g_assert_cmpint (carto_source_get_account_missing (sa), ==, carto_source_get_account_missing (sb));
      g_assert_true (carto_style_equal (carto_layer_get_style (la), carto_layer_get_style (lb)));
      g_assert_cmpint (carto_layer_get_visible (la), ==, carto_layer_get_visible (lb));
      g_assert_cmpfloat (carto_layer_get_opacity (la), ==, carto_layer_get_opacity (lb));
      g_assert_cmpint (carto_layer_get_aggregation (la), ==, carto_layer_get_aggregation (lb));
      g_assert_true (carto_layer_get_credentials (lb) == NULL);
      g_assert_cmpint (carto_layer_get_account_missing (la), ==, carto_layer_get_account_missing (lb));
      g_assert_nonnull (eb);
      g_assert_true (carto_credentials_equal (ea, eb));
    }
}

static void
assert_no_key (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  for (guint i = 0; all_keys[i] != NULL; i++)
    g_assert_null (memmem (data, size, all_keys[i], strlen (all_keys[i])));
}

static void
test_round_trip (void)
{
  g_autoptr(CartoCredentialStore) store = new_store ();
  g_autoptr(CartoMap) map = new_map (store);
  g_autoptr(CartoMap) back = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;
  gsize size;

  bytes = carto_map_file_serialize (map);
  text = g_bytes_get_data (bytes, &size);
  g_test_message ("%.*s", (int) size, text);

  /* Pretty, stable, UTF-8, a trailing newline, keys in a fixed order. */
  g_assert_true (g_utf8_validate_len (text, size, NULL));
  g_assert_true (g_str_has_prefix (text, "{\n  \"format\": \"carto-viewer-map\",\n  \"version\": 1,\n"
                                         "  \"basemap\": \"positron\",\n  \"viewport\": {\n"));
  g_assert_cmpint (text[size - 1], ==, '\n');
  g_assert_cmpint (text[size - 2], ==, '}');
  g_assert_nonnull (memmem (text, size, "\"opacity\": 0.5,", 15));
  g_assert_nonnull (memmem (text, size, "\"zoom\": 5.25", 12));
  g_assert_nonnull (memmem (text, size, "Ásia “east”", strlen ("Ásia “east”")));
  g_assert_nonnull (memmem (text, size, "\"sql\": \"SELECT", 14));
  g_assert_nonnull (memmem (text, size, "\"table\": \"countries\"", 20));
  g_assert_nonnull (memmem (text, size, "\"account\": null", 15));
  g_assert_true (memmem (text, size, "\"account\": null", 15) > memmem (text, size, "Rivers", 6));
  assert_no_key (bytes);

  back = carto_map_file_parse (bytes, store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  assert_maps_equal (map, back);

  /* The layers resolve to the right accounts. */
  g_assert_cmpstr (carto_credentials_get_api_key (carto_layer_get_effective_credentials (carto_map_get_layer (back, 0))),
                   ==, all_keys[0]);
  g_assert_cmpstr (carto_credentials_get_api_key (carto_layer_get_effective_credentials (carto_map_get_layer (back, 1))),
                   ==, all_keys[1]);
  g_assert_cmpstr (carto_credentials_get_api_key (carto_layer_get_effective_credentials (carto_map_get_layer (back, 2))),
                   ==, all_keys[2]);
  g_assert_null (carto_source_get_account_username (carto_layer_get_source (carto_map_get_layer (back, 2))));

  /* Writing what was read gives the same bytes. */
  again = carto_map_file_serialize (back);
  g_assert_true (g_bytes_equal (bytes, again));
}

/* A layer's own credentials are the account it is read with; bounds to fit
 * survive; an empty map is a valid map. */
static void
test_round_trip_details (void)
{
  g_autoptr(CartoMap) map = carto_map_new ();
  g_autoptr(CartoMap) back = NULL;
  g_autoptr(CartoMap) empty_back = NULL;
  g_autoptr(CartoMap) empty = carto_map_new ();
  g_autoptr(CartoSource) source = carto_source_new ("t", NULL, NULL);
  g_autoptr(CartoLayer) layer = carto_layer_new (source, NULL);
  g_autoptr(CartoCredentials) own = carto_test_credentials ("dora", "dora-map-key-1");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CartoBounds bounds = { 170.0, -10.0, -170.0, 10.0 };
  CartoBounds got;

  carto_layer_set_credentials (layer, own);
  carto_map_append_layer (map, layer);
  carto_map_set_bounds (map, &bounds);

  bytes = carto_map_file_serialize (map);
  g_assert_null (memmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "dora-map-key-1", 14));
  back = carto_map_file_parse (bytes, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpstr (carto_source_get_account_username (carto_layer_get_source (carto_map_get_layer (back, 0))), ==,
                   "dora");
  g_assert_cmpstr (carto_source_get_account_base_url (carto_layer_get_source (carto_map_get_layer (back, 0))), ==,
                   "https://dora.carto.com");
  /* No store: the named account is missing, the layer kept. */
  g_assert_true (carto_layer_get_account_missing (carto_map_get_layer (back, 0)));
  g_assert_null (carto_layer_get_title (carto_map_get_layer (back, 0)));
  g_assert_true (carto_map_get_bounds (back, &got));
  g_assert_cmpfloat (got.west, ==, 170.0);
  g_assert_cmpfloat (got.east, ==, -170.0);

  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = carto_map_file_serialize (empty);
  empty_back = carto_map_file_parse (bytes, NULL, &error);
  g_assert_no_error (error);
  assert_maps_equal (empty, empty_back);
}

static CartoMap *
parse_text (const char  *text,
            GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return carto_map_file_parse (bytes, NULL, error);
}

#define HEADER "\"format\": \"carto-viewer-map\", \"version\": 1"
#define LAYER(body) "{" HEADER ", \"layers\": [" body "]}"

static void
test_lenient (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoMap) minimal = NULL;
  g_autoptr(CartoMap) extra = NULL;
  g_autoptr(CartoMap) clamped = NULL;
  CartoLayer *layer;

  /* Everything but the header has a default. */
  minimal = parse_text ("{" HEADER "}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (minimal);
  g_assert_cmpuint (carto_map_get_n_layers (minimal), ==, 0);
  g_assert_cmpint (carto_map_get_basemap (minimal), ==, CARTO_BASEMAP_EMBEDDED);

  /* Members a later version-1 writer adds are ignored; so is a basemap
   * this version lacks. */
  extra = parse_text ("{" HEADER ", \"future\": {\"x\": [1, 2]}, \"basemap\": \"satellite-2030\", "
                      "\"layers\": [{\"source\": {\"table\": \"t\", \"filter\": 1}, \"label\": true, "
                      "\"account\": null, \"title\": null, \"style\": null}]}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (extra);
  g_assert_cmpint (carto_map_get_basemap (extra), ==, CARTO_BASEMAP_EMBEDDED);
  layer = carto_map_get_layer (extra, 0);
  g_assert_cmpstr (carto_source_get_data (carto_layer_get_source (layer)), ==, "t");
  g_assert_null (carto_source_get_account_username (carto_layer_get_source (layer)));
  g_assert_true (carto_layer_get_visible (layer));
  g_assert_cmpfloat (carto_layer_get_opacity (layer), ==, 1.0);
  g_assert_false (carto_layer_get_aggregation (layer));
  g_assert_cmpint (carto_style_get_kind (carto_layer_get_style (layer)), ==, CARTO_STYLE_KIND_SINGLE);

  /* The viewport is clamped as the map widget clamps it. */
  clamped = parse_text ("{" HEADER ", \"viewport\": {\"latitude\": 100, \"longitude\": 190, \"zoom\": 40}}", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (carto_map_get_latitude (clamped), CARTO_MAX_LATITUDE, 1e-9);
  g_assert_cmpfloat_with_epsilon (carto_map_get_longitude (clamped), -170.0, 1e-9);
  g_assert_cmpfloat (carto_map_get_zoom (clamped), ==, 22.0);
}

typedef struct
{
  const char *text;
  CartoMapFileError code;
  const char *const message_parts[3];
} BadCase;

static void
test_bad_content (void)
{
  const BadCase cases[] = {
    { "{\"format\": \"carto-viewer-map\", \"version\": 1,", CARTO_MAP_FILE_ERROR_INVALID, { "not valid JSON", "incomplete" } },
    { "{" HEADER ", \"layers\": [}", CARTO_MAP_FILE_ERROR_INVALID, { "not valid JSON" } },
    { "", CARTO_MAP_FILE_ERROR_INVALID, { "empty" } },
    { "   \n", CARTO_MAP_FILE_ERROR_INVALID, { "empty" } },
    { "{\"format\": \"carto-viewer-map\xff\"}", CARTO_MAP_FILE_ERROR_INVALID, { "UTF-8" } },
    { "[1, 2]", CARTO_MAP_FILE_ERROR_NOT_A_MAP, { "not a CARTO Viewer map" } },
    { "{\"format\": \"carto-viewer-session\", \"version\": 1}", CARTO_MAP_FILE_ERROR_NOT_A_MAP, { "not a CARTO Viewer map" } },
    { "{\"version\": 1}", CARTO_MAP_FILE_ERROR_NOT_A_MAP, { "not a CARTO Viewer map" } },
    { "{\"format\": \"carto-viewer-map\", \"version\": 2}", CARTO_MAP_FILE_ERROR_TOO_NEW,
      { "newer version of CARTO Viewer", "format version 2", "reads format version 1" } },
    { "{\"format\": \"carto-viewer-map\", \"version\": \"1\"}", CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "“version”" } },
    { "{\"format\": \"carto-viewer-map\", \"version\": 0}", CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "“version”" } },
    { "{" HEADER ", \"viewport\": {\"zoom\": \"5\"}}", CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "“zoom” must be a number" } },
    { "{" HEADER ", \"viewport\": []}", CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "“viewport” must be an object" } },
    { "{" HEADER ", \"viewport\": {\"bounds\": [1, 2, 3]}}", CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "“bounds”" } },
    { "{" HEADER ", \"viewport\": {\"bounds\": [0, 20, 10, 10]}}", CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "south" } },
    { "{" HEADER ", \"basemap\": 3}", CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "“basemap” must be text" } },
    { "{" HEADER ", \"layers\": {}}", CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "“layers” must be a list" } },
    { LAYER ("3"), CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "Layer 1 is not an object" } },
    { LAYER ("{\"title\": \"Roads\"}"), CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "Layer 1 (“Roads”)", "no “source”" } },
    { LAYER ("{\"source\": {\"table\": \"a\"}}, {\"source\": {}}"), CARTO_MAP_FILE_ERROR_INVALID_CONTENT,
      { "Layer 2: ", "“table” or an “sql”" } },
    { LAYER ("{\"source\": {\"table\": \"a\", \"sql\": \"SELECT 1\"}}"), CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "either" } },
    { LAYER ("{\"source\": {\"table\": 7}}"), CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "“table” must be text" } },
    { LAYER ("{\"source\": {\"table\": \"  \"}}"), CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "empty" } },
    { LAYER ("{\"source\": {\"table\": \"SELECT * FROM t\"}}"), CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "queries go in “sql”" } },
    { LAYER ("{\"source\": {\"sql\": \"DELETE FROM t\"}}"), CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "SELECT or WITH" } },
    { LAYER ("{\"source\": {\"table\": \"t\"}, \"opacity\": 1.5}"), CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "“opacity”", "0 to 1" } },
    { LAYER ("{\"source\": {\"table\": \"t\"}, \"opacity\": \"half\"}"), CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "“opacity” must be a number" } },
    { LAYER ("{\"source\": {\"table\": \"t\"}, \"visible\": \"yes\"}"), CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "“visible” must be true or false" } },
    { LAYER ("{\"source\": {\"table\": \"t\"}, \"aggregation\": 1}"), CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "“aggregation”" } },
    { LAYER ("{\"source\": {\"table\": \"t\"}, \"title\": 5}"), CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "“title” must be text" } },
    { LAYER ("{\"source\": {\"table\": \"t\"}, \"account\": \"bob\"}"), CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "“account” must be an object" } },
    { LAYER ("{\"source\": {\"table\": \"t\"}, \"account\": {\"username\": \"bob\"}}"), CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "“base_url”" } },
    { LAYER ("{\"source\": {\"table\": \"t\"}, \"account\": {\"username\": \"bob\", \"base_url\": \"ftp://bob.example\"}}"),
      CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "account is not valid" } },
    { LAYER ("{\"source\": {\"table\": \"t\"}}, {\"title\": \"Heat\", \"source\": {\"table\": \"t\"}, \"style\": {\"kind\": \"heatmap\"}}"),
      CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "Layer 2 (“Heat”)", "Invalid style", "heatmap" } },
    { LAYER ("{\"source\": {\"table\": \"t\"}, \"style\": {\"kind\": \"single\", \"base\": {\"opacity\": 3}}}"),
      CARTO_MAP_FILE_ERROR_INVALID_CONTENT, { "Layer 1: ", "Invalid style" } },
  };
  g_autoptr(GString) nested = g_string_new ("");
  g_autoptr(CartoMap) map = NULL;
  g_autoptr(GBytes) whole = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CartoMap) bad = NULL;

      {
        g_autofree char *shown = g_strescape (cases[i].text, NULL);

        g_test_message ("case %u: %s", i, shown);
      }
      bad = parse_text (cases[i].text, &error);
      g_assert_error (error, CARTO_MAP_FILE_ERROR, (gint) cases[i].code);
      g_assert_null (bad);
      g_test_message ("→ %s", error->message);
      for (guint j = 0; j < G_N_ELEMENTS (cases[i].message_parts) && cases[i].message_parts[j] != NULL; j++)
        g_assert_nonnull (strstr (error->message, cases[i].message_parts[j]));
    }

  /* A truncated file: every prefix of a real one. */
  map = carto_map_new ();
  whole = carto_map_file_serialize (map);
  for (gsize len = 1; len + 2 < g_bytes_get_size (whole); len += 7)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) part = g_bytes_new_from_bytes (whole, 0, len);
      g_autoptr(CartoMap) bad = carto_map_file_parse (part, NULL, &error);

      g_assert_error (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID);
      g_assert_null (bad);
    }

  /* Nesting that would take json-glib's recursion down: refused first. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, '[');
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CartoMap) bad = parse_text (nested->str, &error);

    g_assert_error (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID);
    g_assert_null (bad);
    g_assert_nonnull (strstr (error->message, "nested too deeply"));
  }
  /* Brackets inside strings do not count. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CartoMap) fine = NULL;
    g_autofree char *text = g_strdup_printf (LAYER ("{\"title\": \"%s\\\"[[\", \"source\": {\"table\": \"t\"}}"),
                                             nested->str);

    fine = parse_text (text, &error);
    g_assert_no_error (error);
    g_assert_nonnull (fine);
  }
}

/* Files on disk */

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("map-file-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static CartoMap *
load (GFile   *file,
      GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_map_file_load_async (file, NULL, NULL, carto_test_result_cb, &result);
  return carto_map_file_load_finish (carto_test_wait_for_result (&result), error);
}

static gboolean
save (CartoMap *map,
      GFile    *file,
      GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_map_file_save_async (map, file, NULL, carto_test_result_cb, &result);
  return carto_map_file_save_finish (carto_test_wait_for_result (&result), error);
}

static void
assert_load_fails (GFile             *file,
                   CartoMapFileError  code,
                   const char        *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoMap) map = load (file, &error);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *quoted = g_strdup_printf ("Could not open “%s”.", name);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *folder = g_file_get_path (parent);

  g_assert_error (error, CARTO_MAP_FILE_ERROR, (gint) code);
  g_assert_null (map);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, quoted));
  g_assert_nonnull (strstr (error->message, part));
  /* The file's name, not its path. */
  g_assert_null (strstr (error->message, folder));
}

static void
test_load_errors (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *missing_path = g_build_filename (dir, "missing.cartomap", NULL);
  g_autofree char *folder_path = g_build_filename (dir, "folder.cartomap", NULL);
  g_autofree char *big_path = g_build_filename (dir, "big.cartomap", NULL);
  g_autofree char *broken_path = g_build_filename (dir, "broken.cartomap", NULL);
  g_autofree char *newer_path = g_build_filename (dir, "newer.cartomap", NULL);
  g_autofree char *locked_path = g_build_filename (dir, "locked.cartomap", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(GFile) big = g_file_new_for_path (big_path);
  g_autoptr(GFile) broken = g_file_new_for_path (broken_path);
  g_autoptr(GFile) newer = g_file_new_for_path (newer_path);
  g_autoptr(GFile) locked = g_file_new_for_path (locked_path);
  g_autofree char *huge = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  assert_load_fails (missing, CARTO_MAP_FILE_ERROR_NOT_FOUND, "does not exist");

  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  assert_load_fails (folder, CARTO_MAP_FILE_ERROR_NOT_REGULAR, "folder");

  /* One byte over the limit, though it would parse. */
  huge = g_malloc (CARTO_MAP_FILE_MAX_SIZE + 1);
  memset (huge, ' ', CARTO_MAP_FILE_MAX_SIZE + 1);
  memcpy (huge, "{" HEADER "}", strlen ("{" HEADER "}"));
  ok = g_file_set_contents (big_path, huge, CARTO_MAP_FILE_MAX_SIZE + 1, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  assert_load_fails (big, CARTO_MAP_FILE_ERROR_TOO_LARGE, "too large");
  /* At the limit it reads. */
  ok = g_file_set_contents (big_path, huge, CARTO_MAP_FILE_MAX_SIZE, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  {
    g_autoptr(CartoMap) fine = load (big, &error);

    g_assert_no_error (error);
    g_assert_nonnull (fine);
  }

  ok = g_file_set_contents (broken_path, "{\"format\": \"carto-viewer-map\", \"vers", -1, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  assert_load_fails (broken, CARTO_MAP_FILE_ERROR_INVALID, "not valid JSON");

  ok = g_file_set_contents (newer_path, "{\"format\": \"carto-viewer-map\", \"version\": 2}", -1, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  assert_load_fails (newer, CARTO_MAP_FILE_ERROR_TOO_NEW, "newer version");

  ok = g_file_set_contents (locked_path, "{" HEADER "}", -1, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (g_chmod (locked_path, 0), ==, 0);
  if (geteuid () == 0)
    g_test_message ("root reads any file: the permission case is not testable here");
  else
    assert_load_fails (locked, CARTO_MAP_FILE_ERROR_PERMISSION_DENIED, "permission");
}

static GStrv
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    g_strv_builder_add (builder, name);
  return g_strv_builder_end (builder);
}

static void
test_save (void)
{
  g_autoptr(CartoCredentialStore) store = new_store ();
  g_autoptr(CartoMap) map = new_map (store);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "Europe.cartomap", NULL);
  g_autofree char *nowhere_path = g_build_filename (dir, "no-such-folder", "x.cartomap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path (nowhere_path);
  g_autoptr(GFile) as_folder = g_file_new_for_path (dir);
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  gsize size;
  gboolean ok;

  /* A new file. */
  ok = save (map, file, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ok = g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  expected = carto_map_file_serialize (map);
  g_assert_cmpmem (contents, size, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));

  /* Replacing it keeps its permissions and leaves nothing beside it. */
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  carto_layer_set_title (carto_map_get_layer (map, 0), "Countries of the world");
  ok = save (map, file, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_clear_pointer (&contents, g_free);
  ok = g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "Countries of the world"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  names = list_dir (dir);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "Europe.cartomap");
  carto_test_assert_no_secret_in_dir (dir, all_keys);

  /* And it reads back. */
  {
    g_autoptr(CartoMap) back = NULL;
    g_autoptr(GAsyncResult) result = NULL;

    carto_map_file_load_async (file, store, NULL, carto_test_result_cb, &result);
    back = carto_map_file_load_finish (carto_test_wait_for_result (&result), &error);
    g_assert_no_error (error);
    assert_maps_equal (map, back);
  }

  /* Where it cannot go. */
  ok = save (map, nowhere, &error);
  g_assert_error (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_NOT_FOUND);
  g_assert_false (ok);
  g_assert_true (g_str_has_prefix (error->message, "Could not save “x.cartomap”."));
  g_clear_error (&error);

  ok = save (map, as_folder, &error);
  g_assert_error (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_NOT_REGULAR);
  g_assert_false (ok);
  g_clear_error (&error);

  g_strfreev (names);
  names = list_dir (dir);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  carto_test_guard_secrets_in_logs (all_keys);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/map-file/round-trip-details", test_round_trip_details);
  g_test_add_func ("/map-file/lenient", test_lenient);
  g_test_add_func ("/map-file/bad-content", test_bad_content);
  g_test_add_func ("/map-file/load-errors", test_load_errors);
  if (g_strcmp0 (g_getenv ("CARTO_TEST_KEYRING"), "none") != 0)
    {
      g_test_add_func ("/map-file/round-trip", test_round_trip);
      g_test_add_func ("/map-file/save", test_save);
    }

  return g_test_run ();
}
