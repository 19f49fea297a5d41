/* test-maps-client.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Maps API client and the tile fetcher against the demo server:
 * instantiation, tile URLs without keys, error classes, tiles (200, 204,
 * 429, an expired map) and two accounts' private data.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <string.h>

#include "maps-test-utils.h"

#define CITIES_SQL "SELECT cartodb_id, the_geom_webmercator, \"name\" FROM (SELECT * FROM \"populated_places\") AS _cdb_src"

static CartoLayergroup *
instantiate (CartoCredentials      *credentials,
             const char            *sql,
             CartoMapsConfigFlags   flags,
             GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_maps_client_instantiate_async (maps_test_get_session (), credentials, sql, flags, NULL,
                                       maps_test_result_cb, &result);
  return carto_maps_client_instantiate_finish (maps_test_wait (&result), error);
}

static CartoLayergroup *
instantiate_ok (const char *user,
                const char *key_name,
                const char *sql)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials (user, key_name);
  g_autoptr(GError) error = NULL;
  CartoLayergroup *layergroup = instantiate (credentials, sql, CARTO_MAPS_CONFIG_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_true (CARTO_IS_LAYERGROUP (layergroup));
  return layergroup;
}

static void
assert_no_secret (const char *text)
{
  const char *const *secrets = maps_test_secrets ();

  for (guint i = 0; secrets[i] != NULL; i++)
    g_assert_null (strstr (text, secrets[i]));
}

static void
assert_instantiate_error (const char *url_user,
                          const char *user,
                          const char *key_name,
                          const char *sql,
                          int         code,
                          const char *message_part)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials_at (url_user, user, key_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoLayergroup) layergroup = instantiate (credentials, sql, CARTO_MAPS_CONFIG_FLAGS_NONE, &error);

  g_assert_null (layergroup);
  g_assert_error (error, CARTO_MAPS_ERROR, code);
  g_test_message ("%s as %s/%s: %s", url_user, user, key_name, error->message);
  if (message_part != NULL)
    g_assert_nonnull (strstr (error->message, message_part));
  assert_no_secret (error->message);
}

static GBytes *
fetch (CartoTileFetcher     *fetcher,
       const CartoTileCoord *coord,
       CartoLayergroup     **used,
       GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CartoLayergroup) layergroup = NULL;

  carto_tile_fetcher_ensure_layergroup_async (fetcher, NULL, maps_test_result_cb, &result);
  layergroup = carto_tile_fetcher_ensure_layergroup_finish (fetcher, maps_test_wait (&result), error);
  if (layergroup == NULL)
    return NULL;

  g_clear_object (&result);
  carto_tile_fetcher_fetch_async (fetcher, layergroup, coord, NULL, maps_test_result_cb, &result);
  return carto_tile_fetcher_fetch_finish (fetcher, maps_test_wait (&result), used, error);
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

static void
test_config (void)
{
  g_autofree char *plain = carto_maps_client_build_config ("SELECT 1", CARTO_MAPS_CONFIG_FLAGS_NONE);
  g_autofree char *again = carto_maps_client_build_config ("SELECT 1", CARTO_MAPS_CONFIG_FLAGS_NONE);
  g_autofree char *aggregated = carto_maps_client_build_config ("SELECT 1", CARTO_MAPS_CONFIG_AGGREGATE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonObject *options;

  g_assert_cmpstr (plain, ==, again);

  g_assert_true (json_parser_load_from_data (parser, plain, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "version"), ==, "1.8.0");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "buffersize"), "mvt"), ==, CARTO_MAPS_TILE_BUFFER);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "layers")), ==, 1);
  options = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (root, "layers"), 0),
                                           "options");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (root, "layers"), 0),
                                                  "type"), ==, "mapnik");
  g_assert_cmpstr (json_object_get_string_member (options, "sql"), ==, "SELECT 1");
  g_assert_cmpint (json_object_get_int_member (options, "vector_extent"), ==, 4096);
  g_assert_false (json_object_get_boolean_member (options, "aggregation"));
  g_assert_false (json_object_has_member (options, "cartocss"));

  g_assert_true (json_parser_load_from_data (parser, aggregated, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  options = json_object_get_object_member (json_array_get_object_element (json_object_get_array_member (root, "layers"), 0),
                                           "options");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (options, "aggregation")));
}

static void
test_instantiate (void)
{
  g_autoptr(CartoLayergroup) layergroup = NULL;
  g_autoptr(CartoLayergroup) same = NULL;
  g_autoptr(CartoLayergroup) other = NULL;
  g_autoptr(CartoLayergroup) copy = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *json_text = NULL;
  g_autofree char *url = NULL;
  CartoTileCoord coord = { 3, 4, 2 };
  const char *template;

  layergroup = instantiate_ok ("demo-cities", "master", CITIES_SQL);
  template = carto_layergroup_get_tile_url_template (layergroup);
  g_test_message ("template: %s", template);

  g_assert_cmpstr (carto_layergroup_get_id (layergroup), !=, "");
  g_assert_true (g_str_has_prefix (template, test_server_get_base_url (maps_test_get_server (), "demo-cities")));
  g_assert_nonnull (strstr (template, carto_layergroup_get_id (layergroup)));
  g_assert_nonnull (strstr (template, "{z}/{x}/{y}"));
  /* The server put the key in the URL; it is gone. */
  g_assert_null (strstr (template, "api_key"));
  assert_no_secret (template);

  g_assert_cmpstr (carto_layergroup_get_mvt_layer_name (layergroup), ==, "layer0");
  g_assert_cmpuint (g_strv_length ((char **) carto_layergroup_get_layer_ids (layergroup)), ==, 1);
  g_assert_cmpint (carto_layergroup_get_estimated_feature_count (layergroup), >, 100000);
  g_assert_cmpstr (carto_layergroup_get_geometry_type (layergroup), ==, "Point");
  g_assert_nonnull (carto_layergroup_get_last_updated (layergroup));
  g_assert_cmpuint (strlen (carto_layergroup_get_cache_id (layergroup)), ==, 64);

  url = carto_layergroup_dup_tile_url (layergroup, &coord);
  g_assert_true (g_str_has_suffix (url, "/3/4/2.mvt"));

  /* Same SQL, same map; other SQL, another map. */
  same = instantiate_ok ("demo-cities", "master", CITIES_SQL);
  g_assert_cmpstr (carto_layergroup_get_id (same), ==, carto_layergroup_get_id (layergroup));
  g_assert_cmpstr (carto_layergroup_get_cache_id (same), ==, carto_layergroup_get_cache_id (layergroup));
  other = instantiate_ok ("demo-cities", "master",
                          "SELECT cartodb_id, the_geom_webmercator FROM populated_places WHERE population > 1000000");
  g_assert_cmpstr (carto_layergroup_get_id (other), !=, carto_layergroup_get_id (layergroup));
  g_assert_cmpstr (carto_layergroup_get_cache_id (other), !=, carto_layergroup_get_cache_id (layergroup));

  /* What goes to disk reads back the same, and holds no key. */
  json = carto_layergroup_to_json (layergroup);
  json_text = json_to_string (json, FALSE);
  assert_no_secret (json_text);
  copy = carto_layergroup_new_from_json (json, NULL);
  g_assert_nonnull (copy);
  g_assert_cmpstr (carto_layergroup_get_id (copy), ==, carto_layergroup_get_id (layergroup));
  g_assert_cmpstr (carto_layergroup_get_tile_url_template (copy), ==, template);
  g_assert_cmpstr (carto_layergroup_get_cache_id (copy), ==, carto_layergroup_get_cache_id (layergroup));
  g_assert_cmpint (carto_layergroup_get_estimated_feature_count (copy), ==,
                   carto_layergroup_get_estimated_feature_count (layergroup));
  g_assert_cmpstr (carto_layergroup_get_geometry_type (copy), ==, "Point");
}

static void
test_errors (void)
{
  const char *private_sql = "SELECT cartodb_id, the_geom_webmercator FROM country_stats_private";

  assert_instantiate_error ("demo-cities", "demo-cities", "master",
                            "SELECT cartodb_id, the_geom_webmercator FROM populated_places WHERE",
                            CARTO_MAPS_ERROR_INVALID_SQL, "syntax error");
  assert_instantiate_error ("demo-cities", "demo-cities", "master",
                            "SELECT cartodb_id, the_geom_webmercator, no_such_column FROM populated_places",
                            CARTO_MAPS_ERROR_INVALID_SQL, "no_such_column");
  /* A private table with the public key. */
  assert_instantiate_error ("demo-atlas", "demo-atlas", "default_public", private_sql,
                            CARTO_MAPS_ERROR_PERMISSION_DENIED, "permission denied");
  assert_instantiate_error ("demo-atlas", "demo-atlas", "not-a-real-key-0000", private_sql,
                            CARTO_MAPS_ERROR_INVALID_KEY, NULL);
  assert_instantiate_error ("nobody-here", "nobody-here", "default_public", private_sql,
                            CARTO_MAPS_ERROR_NOT_FOUND, NULL);
  /* Another account's table does not exist in this account. */
  assert_instantiate_error ("demo-atlas", "demo-atlas", "master",
                            "SELECT cartodb_id, the_geom_webmercator FROM populated_places",
                            CARTO_MAPS_ERROR_NOT_FOUND, "populated_places");

  maps_test_set_faults ("{\"path_prefix\": \"/user/demo-atlas/api/v1/map\", \"status\": 429, \"count\": 1}");
  assert_instantiate_error ("demo-atlas", "demo-atlas", "master", private_sql,
                            CARTO_MAPS_ERROR_RATE_LIMITED, NULL);
  maps_test_set_faults ("{\"path_prefix\": \"/user/demo-atlas/api/v1/map\", \"status\": 500, \"count\": 1}");
  assert_instantiate_error ("demo-atlas", "demo-atlas", "master", private_sql,
                            CARTO_MAPS_ERROR_SERVER, NULL);
  maps_test_set_faults ("{\"path_prefix\": \"/user/demo-atlas/api/v1/map\", \"redirect_to\": \"http://127.0.0.1:9\", \"count\": 1}");
  assert_instantiate_error ("demo-atlas", "demo-atlas", "master", private_sql,
                            CARTO_MAPS_ERROR_BAD_RESPONSE, NULL);
  maps_test_set_faults ("{}");

  /* Nothing listens on the discard port. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CartoCredentials) credentials =
      carto_credentials_new ("demo-atlas", "default_public", "http://127.0.0.1:9/user/demo-atlas",
                             CARTO_CREDENTIALS_ALLOW_NON_SECURE, &error);
    g_autoptr(CartoLayergroup) layergroup = NULL;

    g_assert_no_error (error);
    layergroup = instantiate (credentials, private_sql, CARTO_MAPS_CONFIG_FLAGS_NONE, &error);
    g_assert_null (layergroup);
    g_assert_error (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_NETWORK);
  }

  /* Cancelled before it starts. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-atlas", "master");
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(CartoLayergroup) layergroup = NULL;

    g_cancellable_cancel (cancellable);
    carto_maps_client_instantiate_async (maps_test_get_session (), credentials, private_sql,
                                         CARTO_MAPS_CONFIG_FLAGS_NONE, cancellable, maps_test_result_cb, &result);
    layergroup = carto_maps_client_instantiate_finish (maps_test_wait (&result), &error);
    g_assert_null (layergroup);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

/* demo-atlas' private table and demo-cities' link table, each readable
 * only with its own account's key. */
static void
test_two_accounts (void)
{
  const char *atlas_sql = "SELECT cartodb_id, the_geom_webmercator FROM country_stats_private";
  const char *cities_sql = "SELECT cartodb_id, the_geom_webmercator FROM capital_cities";
  g_autoptr(CartoLayergroup) atlas = instantiate_ok ("demo-atlas", "master", atlas_sql);
  g_autoptr(CartoLayergroup) reader = instantiate_ok ("demo-atlas", "atlas_reader", atlas_sql);
  g_autoptr(CartoLayergroup) cities = instantiate_ok ("demo-cities", "cities_mapper", cities_sql);

  g_assert_cmpstr (carto_layergroup_get_cache_id (atlas), !=, carto_layergroup_get_cache_id (cities));
  g_assert_nonnull (reader);

  /* A key of one account, on the other account's URL, is unknown there. */
  assert_instantiate_error ("demo-cities", "demo-atlas", "master", cities_sql, CARTO_MAPS_ERROR_INVALID_KEY, NULL);
  assert_instantiate_error ("demo-atlas", "demo-cities", "master", atlas_sql, CARTO_MAPS_ERROR_INVALID_KEY, NULL);
  /* And each account's table is missing in the other account. */
  assert_instantiate_error ("demo-atlas", "demo-atlas", "master", cities_sql, CARTO_MAPS_ERROR_NOT_FOUND, NULL);
  assert_instantiate_error ("demo-cities", "demo-cities", "master", atlas_sql, CARTO_MAPS_ERROR_NOT_FOUND, NULL);
}

static gint64
sql_count (const char *sql)
{
  g_autoptr(CartoSqlResult) result = maps_test_sql ("demo-cities", sql);

  g_assert_cmpuint (carto_sql_result_get_n_rows (result), ==, 1);
  return (gint64) carto_sql_result_get_double (result, 0, 0);
}

static void
test_tiles (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoTileFetcher) fetcher =
    carto_tile_fetcher_new (maps_test_get_session (), credentials, CITIES_SQL, CARTO_MAPS_CONFIG_FLAGS_NONE, NULL);
  g_autoptr(CartoLayergroup) used = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  g_autofree char *count_sql = NULL;
  const CartoMvtLayer *layer;
  CartoTileCoord madrid;
  CartoTileCoord ocean;
  gint64 expected;
  gint64 tiles_before = maps_test_count ("tile");

  /* Madrid's z4 tile: Iberia, France, North Africa. */
  tile_at (4, -3.70, 40.42, &madrid);
  bytes = fetch (fetcher, &madrid, &used, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_true (used == carto_tile_fetcher_get_layergroup (fetcher));
  g_assert_cmpint (maps_test_count ("tile"), ==, tiles_before + 1);

  tile = carto_mvt_tile_decode (bytes, &error);
  g_assert_no_error (error);
  layer = carto_mvt_tile_find_layer (tile, "layer0");
  g_assert_nonnull (layer);
  g_assert_cmpuint (carto_mvt_layer_get_extent (layer), ==, 4096);

  /* Every city the server's envelope holds, buffer included
   * (CARTO_MAPS_TILE_BUFFER px of 256), is in the tile. */
  count_sql = g_strdup_printf ("SELECT count(*) FROM populated_places WHERE the_geom_webmercator && "
                               "ST_Expand(ST_TileEnvelope(%u, %u, %u), "
                               "(ST_XMax(ST_TileEnvelope(%u, %u, %u)) - ST_XMin(ST_TileEnvelope(%u, %u, %u))) * %d / 256)",
                               madrid.zoom, madrid.x, madrid.y, madrid.zoom, madrid.x, madrid.y,
                               madrid.zoom, madrid.x, madrid.y, CARTO_MAPS_TILE_BUFFER);
  expected = sql_count (count_sql);
  g_test_message ("tile %u/%u/%u: %u features, %" G_GINT64_FORMAT " in SQL, %" G_GSIZE_FORMAT " bytes",
                  madrid.zoom, madrid.x, madrid.y, carto_mvt_layer_get_n_features (layer), expected,
                  g_bytes_get_size (bytes));
  g_assert_cmpint (expected, >, 1000);
  g_assert_cmpint (carto_mvt_layer_get_n_features (layer), ==, expected);
  {
    const CartoMvtFeature *feature = carto_mvt_layer_get_feature (layer, 0);
    gint64 id = 0;

    g_assert_true (carto_mvt_feature_get_cartodb_id (feature, &id));
    g_assert_cmpint (id, >, 0);
    g_assert_nonnull (carto_mvt_feature_get_property (feature, "name"));
  }

  /* The South Pacific at z10 has no city: 204, an empty tile. */
  tile_at (10, -140.0, -45.0, &ocean);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_object (&used);
  bytes = fetch (fetcher, &ocean, &used, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);

  /* 429 with its protobuf fallback tile is an error, not a tile. */
  {
    g_autofree char *fault = g_strdup_printf ("{\"path_prefix\": \"/user/demo-cities/api/v1/map/%s\", \"status\": 429, \"count\": 1}",
                                              carto_layergroup_get_id (used));
    g_autoptr(GBytes) limited = NULL;

    maps_test_set_faults (fault);
    limited = fetch (fetcher, &madrid, NULL, &error);
    g_assert_null (limited);
    g_assert_error (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_RATE_LIMITED);
    g_clear_error (&error);
    maps_test_set_faults ("{}");
  }

  /* One instantiation served them all. */
  g_assert_cmpuint (carto_tile_fetcher_get_n_instantiations (fetcher), ==, 1);
}

static void
test_expired (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoTileFetcher) fetcher =
    carto_tile_fetcher_new (maps_test_get_session (), credentials,
                            "SELECT cartodb_id, the_geom_webmercator FROM populated_places WHERE population > 100000",
                            CARTO_MAPS_CONFIG_FLAGS_NONE, NULL);
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GError) error = NULL;
  CartoTileCoord coord = { 2, 1, 1 };
  CartoTileCoord other = { 2, 2, 1 };
  gint64 maps_before;

  maps_test_set_limits ("{\"map_ttl_s\": 1}");
  first = fetch (fetcher, &coord, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  maps_before = maps_test_count ("map");

  /* The server forgets the map; the next tile instantiates it again. */
  g_usleep (2100 * 1000);
  second = fetch (fetcher, &other, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_cmpuint (g_bytes_get_size (second), >, 0);
  g_assert_cmpint (maps_test_count ("map"), ==, maps_before + 1);
  g_assert_cmpuint (carto_tile_fetcher_get_n_instantiations (fetcher), ==, 2);

  maps_test_set_limits ("{\"map_ttl_s\": 7200}");
}

static void
test_remembered_failure (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-atlas", "default_public");
  g_autoptr(CartoTileFetcher) fetcher =
    carto_tile_fetcher_new (maps_test_get_session (), credentials,
                            "SELECT cartodb_id, the_geom_webmercator FROM country_stats_private",
                            CARTO_MAPS_CONFIG_FLAGS_NONE, NULL);
  CartoTileCoord coord = { 0, 0, 0 };
  gint64 maps_before = maps_test_count ("map");

  /* A permission error is the user's to fix: asked once, not per tile. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = fetch (fetcher, &coord, NULL, &error);

      g_assert_null (bytes);
      g_assert_error (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_PERMISSION_DENIED);
    }
  g_assert_cmpint (maps_test_count ("map"), ==, maps_before + 1);

  carto_tile_fetcher_reset (fetcher);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = fetch (fetcher, &coord, NULL, &error);

    g_assert_null (bytes);
    g_assert_error (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_PERMISSION_DENIED);
  }
  g_assert_cmpint (maps_test_count ("map"), ==, maps_before + 2);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Every log line, debug ones included, is checked for keys. */
  maps_test_guard_logs ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/maps-client/config", test_config);
  g_test_add_func ("/maps-client/instantiate", test_instantiate);
  g_test_add_func ("/maps-client/errors", test_errors);
  g_test_add_func ("/maps-client/two-accounts", test_two_accounts);
  g_test_add_func ("/maps-client/tiles", test_tiles);
  g_test_add_func ("/maps-client/expired", test_expired);
  g_test_add_func ("/maps-client/remembered-failure", test_remembered_failure);

  maps_test_start_server (NULL);
  status = g_test_run ();
  maps_test_stop_server ();

  return status;
}
