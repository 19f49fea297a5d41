/* test-server-maps.c — the test server's Maps API and MVT tiles
 * (docs/carto-api.md §5, §6)
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <string.h>

#include "mvt-walker.h"
#include "test-http.h"
#include "test-server-fixture.h"

static TestServer *server;

#define POINTS_CONFIG \
  "{\"version\":\"1.8.0\",\"buffersize\":{\"mvt\":64},\"layers\":[{\"type\":\"mapnik\",\"options\":{" \
  "\"sql\":\"SELECT cartodb_id, the_geom_webmercator, name, value FROM public_points\",\"vector_extent\":4096}}]}"
#define CITIES_CONFIG \
  "{\"version\":\"1.8.0\",\"buffersize\":{\"mvt\":64},\"layers\":[{\"type\":\"mapnik\",\"options\":{" \
  "\"sql\":\"SELECT cartodb_id, the_geom_webmercator, name, population FROM populated_places\"," \
  "\"vector_extent\":4096,\"aggregation\":false}}]}"
#define TIMEOUT_MESSAGE "You are over platform's limits: SQL query timeout error. " \
                        "Refactor your query before running again or contact CARTO support for more details."

static const char *
base (void)
{
  return test_server_get_base_url (server, "alice");
}

static const char *
key (const char *name)
{
  return test_server_get_key (server, "alice", name);
}

static char *
layer_config (const char *sql)
{
  g_autoptr(GString) escaped = g_string_new (NULL);

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }
  return g_strdup_printf ("{\"version\":\"1.8.0\",\"layers\":[{\"type\":\"mapnik\",\"options\":{\"sql\":\"%s\","
                          "\"vector_extent\":4096}}]}", escaped->str);
}

static HttpReply *
instantiate (const char *config,
             const char *key_name)
{
  g_autofree char *url = key_name ? g_strdup_printf ("%s/api/v1/map?api_key=%s", base (), key (key_name))
                                  : g_strdup_printf ("%s/api/v1/map", base ());

  return http_send ("POST", url, "application/json", config, NULL);
}

/* Instantiates and returns the layergroup id, asserting a 200. */
static char *
layergroup (const char *config,
            const char *key_name)
{
  g_autoptr(HttpReply) reply = instantiate (config, key_name);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  if (reply->status != 200)
    {
      g_autofree char *text = http_reply_text (reply);

      g_test_message ("instantiation → %u %s", reply->status, text);
    }
  g_assert_cmpuint (reply->status, ==, 200);
  return g_strdup (json_get_string (json, "layergroupid"));
}

static HttpReply *
tile (const char *lgid,
      const char *filter,
      const char *zxy,
      const char *key_name)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/map/%s%s%s/%s.mvt%s%s", base (), lgid,
                                          filter ? "/" : "", filter ? filter : "", zxy,
                                          key_name ? "?api_key=" : "", key_name ? key (key_name) : "");

  return http_get (url);
}

static GPtrArray *
decode (HttpReply *reply)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const guint8 *data;
  GPtrArray *layers;

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (http_reply_header (reply, "Content-Type"), ==, "application/x-protobuf");
  data = g_bytes_get_data (reply->body, &length);
  layers = mvt_walk (data, length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (layers);
  return layers;
}

static JsonNode *
master_sql (const char *q)
{
  g_autofree char *url = http_sql_url (base (), q, "api_key", key ("master"), NULL);
  g_autoptr(HttpReply) reply = http_get (url);

  g_assert_cmpuint (reply->status, ==, 200);
  return http_reply_json (reply);
}

static void
assert_maps_error (HttpReply  *reply,
                   guint       status,
                   const char *message,
                   const char *type,
                   const char *subtype)
{
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (json_get_string (json, "errors.0"), ==, message);
  g_assert_cmpstr (json_get_string (json, "errors_with_context.0.type"), ==, type);
  g_assert_cmpstr (json_get_string (json, "errors_with_context.0.message"), ==, message);
  g_assert_cmpstr (json_get_string (json, "errors_with_context.0.subtype"), ==, subtype);
}

static void
test_instantiate_shape (void)
{
  g_autoptr(HttpReply) reply = instantiate (POINTS_CONFIG, "master");
  g_autoptr(JsonNode) json = http_reply_json (reply);
  g_autoptr(GRegex) lgid_re = g_regex_new ("^[0-9a-f]{32}:[0-9]+$", 0, 0, NULL);
  const char *lgid = json_get_string (json, "layergroupid");
  g_autofree char *layer_tiles = g_strdup_printf ("%s/api/v1/map/%s/layer0/{z}/{x}/{y}.mvt?api_key=%s", base (), lgid, key ("master"));
  g_autofree char *all_tiles = g_strdup_printf ("%s/api/v1/map/%s/{z}/{x}/{y}.mvt?api_key=%s", base (), lgid, key ("master"));

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (g_regex_match (lgid_re, lgid, 0, NULL));
  g_assert_true (g_str_has_suffix (json_get_string (json, "last_updated"), "Z"));
  g_assert_cmpstr (json_get_string (json, "metadata.layers.0.type"), ==, "mapnik");
  g_assert_cmpstr (json_get_string (json, "metadata.layers.0.id"), ==, "layer0");
  g_assert_cmpint (json_get_int (json, "metadata.layers.0.meta.stats.estimatedFeatureCount"), >=, 1);
  g_assert_cmpstr (json_get_string (json, "metadata.layers.0.tilejson.vector.tilejson"), ==, "2.2.0");
  g_assert_cmpstr (json_get_string (json, "metadata.layers.0.tilejson.vector.tiles.0"), ==, layer_tiles);
  g_assert_cmpstr (json_get_string (json, "metadata.tilejson.vector.tiles.0"), ==, all_tiles);
  g_assert_cmpstr (json_get_string (json, "metadata.url.vector.urlTemplate"), ==, all_tiles);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_get (json, "metadata.url.vector.subdomains"))), ==, 0);
  g_assert_nonnull (json_get_string (json, "cdn_url.http"));
  g_assert_nonnull (json_get_string (json, "cdn_url.https"));
}

static void
test_urls_without_key (void)
{
  g_autoptr(HttpReply) reply = instantiate (POINTS_CONFIG, NULL);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (g_str_has_suffix (json_get_string (json, "metadata.url.vector.urlTemplate"), "/{z}/{x}/{y}.mvt"));
}

static void
test_urls_carry_header_key (void)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/map", base ());
  g_autofree char *pair = g_strdup_printf ("alice:%s", key ("reader"));
  g_autofree char *b64 = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *auth = g_strdup_printf ("Basic %s", b64);
  g_autofree char *suffix = g_strdup_printf ("?api_key=%s", key ("reader"));
  const char *headers[] = { "Authorization", auth, NULL };
  g_autoptr(HttpReply) reply = http_send ("POST", url, "application/json", POINTS_CONFIG, headers);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (g_str_has_suffix (json_get_string (json, "metadata.url.vector.urlTemplate"), suffix));
}

static void
test_get_config (void)
{
  g_autofree char *escaped = g_uri_escape_string (POINTS_CONFIG, NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s/api/v1/map?config=%s&api_key=%s", base (), escaped, key ("master"));
  g_autoptr(HttpReply) reply = http_get (url);
  g_autoptr(JsonNode) json = http_reply_json (reply);
  g_autofree char *posted = layergroup (POINTS_CONFIG, "master");

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (json_get_string (json, "layergroupid"), ==, posted);
}

static void
test_same_config_same_id (void)
{
  g_autofree char *a = layergroup (POINTS_CONFIG, "master");
  g_autofree char *b = layergroup (POINTS_CONFIG, "master");
  g_autofree char *other_role = layergroup (POINTS_CONFIG, "reader");
  g_autofree char *other_config = layergroup (CITIES_CONFIG, "master");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, other_role);
  g_assert_cmpstr (a, !=, other_config);
}

static void
test_id_follows_table_updates (void)
{
  g_autofree char *before = layergroup (POINTS_CONFIG, "master");
  g_autoptr(JsonNode) touched = NULL;
  g_autofree char *after = NULL;

  g_usleep (10 * 1000);
  touched = master_sql ("UPDATE public_points SET value = value WHERE cartodb_id = 1");
  after = layergroup (POINTS_CONFIG, "master");

  /* Same config: same token; the :last-updated part moves on. */
  g_assert_cmpint (strchr (before, ':') - before, ==, 32);
  g_assert_cmpmem (before, 33, after, 33);
  g_assert_cmpint (g_ascii_strtoll (after + 33, NULL, 10), >, g_ascii_strtoll (before + 33, NULL, 10));
}

static void
test_layer_filters (void)
{
  const char *config =
    "{\"layers\":[{\"type\":\"mapnik\",\"options\":{\"sql\":\"SELECT cartodb_id, the_geom_webmercator FROM public_points\"}},"
    "{\"type\":\"cartodb\",\"id\":\"places\",\"options\":{\"sql\":\"SELECT cartodb_id, the_geom_webmercator FROM link_points\"}}]}";
  g_autofree char *lgid = layergroup (config, NULL);
  const struct {
    const char *filter;
    const char *names;
  } cases[] = {
    { NULL, "layer0,places" },
    { "all", "layer0,places" },
    { "mapnik", "layer0,places" },
    { "0", "layer0" },
    { "1", "places" },
    { "0,1", "layer0,places" },
    { "places", "places" },
    { "layer0", "layer0" },
  };
  g_autoptr(HttpReply) invalid = tile (lgid, "7", "0/0/0", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(HttpReply) reply = tile (lgid, cases[i].filter, "0/0/0", NULL);
      g_autoptr(GPtrArray) layers = decode (reply);
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint l = 0; l < layers->len; l++)
        g_string_append_printf (names, "%s%s", l ? "," : "", ((MvtLayer *) g_ptr_array_index (layers, l))->name);
      g_assert_cmpstr (names->str, ==, cases[i].names);
    }
  g_assert_cmpuint (invalid->status, ==, 400);
}

/* Where a point falls in a tile, by the Web Mercator formulas. */
static void
tile_position (double lon,
               double lat,
               int    z,
               int    x,
               int    y,
               double *px,
               double *py)
{
  double n = pow (2, z);
  double lat_rad = lat * G_PI / 180;

  *px = ((lon + 180) / 360 * n - x) * 4096;
  *py = ((1 - log (tan (lat_rad) + 1 / cos (lat_rad)) / G_PI) / 2 * n - y) * 4096;
}

static void
test_tile_feature_count (void)
{
  g_autofree char *lgid = layergroup (CITIES_CONFIG, NULL);
  g_autoptr(HttpReply) reply = tile (lgid, "layer0", "3/4/2", NULL);
  g_autoptr(GPtrArray) layers = decode (reply);
  /* Counted by PostGIS, independently of MVT: points within the tile
   * grown by the 64 px buffer (a quarter tile). */
  g_autoptr(JsonNode) count = master_sql (
      "WITH e AS (SELECT ST_TileEnvelope(3, 4, 2) AS g) "
      "SELECT count(*) AS n FROM populated_places, e "
      "WHERE ST_Intersects(the_geom_webmercator, ST_Expand(e.g, (ST_XMax(e.g) - ST_XMin(e.g)) / 4))");
  g_autoptr(JsonNode) paris = master_sql (
      "SELECT cartodb_id, ST_X(the_geom) AS lon, ST_Y(the_geom) AS lat FROM populated_places "
      "WHERE name = 'Paris' AND country = 'FR' ORDER BY population DESC LIMIT 1");
  MvtLayer *layer;
  gint64 paris_id = json_get_int (paris, "rows.0.cartodb_id");
  gboolean found = FALSE;
  double px, py;

  g_assert_cmpuint (layers->len, ==, 1);
  layer = g_ptr_array_index (layers, 0);
  g_assert_cmpstr (layer->name, ==, "layer0");
  g_assert_cmpuint (layer->version, ==, 2);
  g_assert_cmpuint (layer->extent, ==, 4096);
  g_assert_cmpint (json_get_int (count, "rows.0.n"), >, 10000);
  g_assert_cmpint (layer->features->len, ==, json_get_int (count, "rows.0.n"));
  g_test_message ("tile 3/4/2: %u features, %" G_GSIZE_FORMAT " bytes, %.3f s",
                  layer->features->len, g_bytes_get_size (reply->body), reply->seconds);

  tile_position (json_node_get_double (json_get (paris, "rows.0.lon")),
                 json_node_get_double (json_get (paris, "rows.0.lat")), 3, 4, 2, &px, &py);
  for (guint i = 0; i < layer->features->len; i++)
    {
      MvtFeature *f = &g_array_index (layer->features, MvtFeature, i);

      g_assert_cmpuint (f->type, ==, 1);
      g_assert_true (f->has_id_prop);
      if (f->cartodb_id == paris_id)
        {
          found = TRUE;
          g_assert_cmpfloat (fabs (f->x - px), <=, 1.0);
          g_assert_cmpfloat (fabs (f->y - py), <=, 1.0);
        }
    }
  g_assert_true (found);
}

static void
test_tile_properties (void)
{
  g_autofree char *config = layer_config ("SELECT * FROM public_points");
  g_autofree char *lgid = layergroup (config, NULL);
  g_autoptr(HttpReply) reply = tile (lgid, NULL, "0/0/0", NULL);
  g_autoptr(GPtrArray) layers = decode (reply);
  MvtLayer *layer = g_ptr_array_index (layers, 0);

  /* Three points have a geometry; the_geom (a geometry) is not a property. */
  g_assert_cmpuint (layer->features->len, ==, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (layer->keys, "cartodb_id", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (layer->keys, "name", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (layer->keys, "value", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (layer->keys, "the_geom", g_str_equal, NULL));
}

static void
test_empty_tile (void)
{
  g_autofree char *lgid = layergroup (POINTS_CONFIG, NULL);
  g_autoptr(HttpReply) reply = tile (lgid, "layer0", "14/0/0", NULL);

  g_assert_cmpuint (reply->status, ==, 204);
  g_assert_cmpuint (reply->body ? g_bytes_get_size (reply->body) : 0, ==, 0);
}

static guint64
feature_id_sum (GPtrArray *layers)
{
  MvtLayer *layer = g_ptr_array_index (layers, 0);
  guint64 sum = 0;

  for (guint i = 0; i < layer->features->len; i++)
    sum += g_array_index (layer->features, MvtFeature, i).cartodb_id;
  return sum;
}

static void
test_x_wraps (void)
{
  g_autofree char *lgid = layergroup (CITIES_CONFIG, NULL);
  g_autoptr(HttpReply) a = tile (lgid, NULL, "2/-1/1", NULL);
  g_autoptr(HttpReply) b = tile (lgid, NULL, "2/3/1", NULL);
  g_autoptr(HttpReply) c = tile (lgid, NULL, "2/2/1", NULL);
  g_autoptr(GPtrArray) la = decode (a);
  g_autoptr(GPtrArray) lb = decode (b);
  g_autoptr(GPtrArray) lc = decode (c);

  /* Same features (a parallel scan may order them differently). */
  g_assert_cmpuint (feature_id_sum (la), ==, feature_id_sum (lb));
  g_assert_cmpuint (feature_id_sum (la), !=, feature_id_sum (lc));
}

static void
test_tile_privacy (void)
{
  g_autofree char *config = layer_config ("SELECT cartodb_id, the_geom_webmercator FROM private_points");
  g_autofree char *lgid = layergroup (config, "master");
  g_autoptr(HttpReply) none = tile (lgid, NULL, "0/0/0", NULL);
  g_autoptr(HttpReply) reader = tile (lgid, NULL, "0/0/0", "reader");
  g_autoptr(HttpReply) master = tile (lgid, NULL, "0/0/0", "master");
  g_autoptr(JsonNode) json = http_reply_json (none);

  g_assert_cmpuint (none->status, ==, 403);
  g_assert_cmpstr (json_get_string (json, "errors.0"), ==, "PgMvtRenderer: permission denied for table private_points");
  g_assert_cmpuint (reader->status, ==, 200);
  g_assert_cmpuint (master->status, ==, 200);
}

static void
test_error_unknown_layergroup (void)
{
  g_autoptr(HttpReply) reply = tile ("0123456789abcdef0123456789abcdef:1", NULL, "0/0/0", NULL);

  assert_maps_error (reply, 400, "Invalid or nonexistent map configuration token '0123456789abcdef0123456789abcdef:1'",
                     "unknown", NULL);
}

static void
test_error_expired_layergroup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lgid = NULL;
  g_autoptr(HttpReply) fresh = NULL;
  g_autoptr(HttpReply) expired = NULL;

  g_assert_true (test_server_set_limits (server, "{\"map_ttl_s\": 1}", &error));
  lgid = layergroup (POINTS_CONFIG, "mapsonly");
  fresh = tile (lgid, NULL, "0/0/0", "mapsonly");
  g_usleep (1500 * 1000);
  expired = tile (lgid, NULL, "0/0/0", "mapsonly");
  g_assert_cmpuint (fresh->status, ==, 200);
  g_assert_cmpuint (expired->status, ==, 400);
  g_assert_true (test_server_reset (server, &error));
}

static void
test_error_unsupported_format (void)
{
  g_autofree char *lgid = layergroup (POINTS_CONFIG, NULL);
  g_autofree char *url = g_strdup_printf ("%s/api/v1/map/%s/0/0/0/0.png", base (), lgid);
  g_autoptr(HttpReply) reply = http_get (url);

  assert_maps_error (reply, 400, "Unsupported format: 'cartocss' option is missing for png", "unknown", NULL);
}

static void
test_error_bad_coordinates (void)
{
  g_autofree char *lgid = layergroup (POINTS_CONFIG, NULL);
  g_autoptr(HttpReply) letters = tile (lgid, NULL, "a/0/0", NULL);
  g_autoptr(HttpReply) negative_y = tile (lgid, NULL, "1/0/-1", NULL);

  g_assert_cmpuint (letters->status, ==, 400);
  g_assert_cmpuint (negative_y->status, ==, 400);
}

static void
test_error_not_json (void)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/map", base ());
  g_autoptr(HttpReply) reply = http_send ("POST", url, "text/plain", POINTS_CONFIG, NULL);

  assert_maps_error (reply, 400, "POST data must be of type application/json", "unknown", NULL);
}

static void
test_error_get_without_config (void)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/map", base ());
  g_autoptr(HttpReply) reply = http_get (url);

  assert_maps_error (reply, 400, "layergroup GET needs a \"config\" parameter", "unknown", NULL);
}

static void
assert_layer_error (const char *sql,
                    const char *key_name,
                    guint       status,
                    const char *message)
{
  g_autofree char *config = layer_config (sql);
  g_autoptr(HttpReply) reply = instantiate (config, key_name);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, status);
  g_assert_cmpstr (json_get_string (json, "errors.0"), ==, message);
  g_assert_cmpstr (json_get_string (json, "errors_with_context.0.type"), ==, "layer");
  g_assert_cmpstr (json_get_string (json, "errors_with_context.0.layer.id"), ==, "layer0");
  g_assert_cmpint (json_get_int (json, "errors_with_context.0.layer.index"), ==, 0);
  g_assert_cmpstr (json_get_string (json, "errors_with_context.0.layer.type"), ==, "mapnik");
}

static void
test_error_layer_sql (void)
{
  /* Instantiation renders a tile, so bad SQL fails here (§5.5, §5.6). */
  assert_layer_error ("SELECT * FROM nope", NULL, 404, "PgMvtRenderer: relation \"nope\" does not exist");
  assert_layer_error ("SELECT cartodb_id FROM public_points", NULL, 404,
                      "PgMvtRenderer: column cdbq.the_geom_webmercator does not exist");
  assert_layer_error ("SELECT cartodb_id, no_such_fn(the_geom_webmercator) AS the_geom_webmercator FROM public_points",
                      NULL, 400, "PgMvtRenderer: function no_such_fn(geometry) does not exist");
  assert_layer_error ("SELECT cartodb_id, the_geom_webmercator FROM private_points", NULL, 403,
                      "PgMvtRenderer: permission denied for table private_points");
}

static void
test_error_instantiation_timeout (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = layer_config ("SELECT cartodb_id, the_geom_webmercator FROM public_points WHERE (SELECT true FROM pg_sleep(0.5))");
  g_autoptr(HttpReply) reply = NULL;

  g_assert_true (test_server_set_limits (server, "{\"statement_timeout_ms\": 100}", &error));
  reply = instantiate (config, NULL);
  assert_maps_error (reply, 429, TIMEOUT_MESSAGE, "limit", "datasource");
  g_assert_true (test_server_reset (server, &error));
}

static void
test_error_tile_timeout (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = layer_config ("SELECT cartodb_id, the_geom_webmercator FROM public_points WHERE (SELECT true FROM pg_sleep(0.3))");
  g_autofree char *lgid = layergroup (config, NULL);
  g_autoptr(HttpReply) reply = NULL;
  g_autoptr(GPtrArray) layers = NULL;
  gsize length = 0;
  const guint8 *data;

  g_assert_true (test_server_set_limits (server, "{\"statement_timeout_ms\": 100}", &error));
  reply = tile (lgid, NULL, "0/0/0", NULL);
  g_assert_true (test_server_reset (server, &error));

  /* A 429 tile is a protobuf fallback tile, not JSON (§5.4). */
  g_assert_cmpuint (reply->status, ==, 429);
  g_assert_cmpstr (http_reply_header (reply, "Content-Type"), ==, "application/x-protobuf");
  data = g_bytes_get_data (reply->body, &length);
  layers = mvt_walk (data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (layers->len, ==, 1);
  g_assert_cmpstr (((MvtLayer *) g_ptr_array_index (layers, 0))->name, ==, "errorTileSquareLayer");
}

static void
test_error_tile_rate_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lgid = layergroup (POINTS_CONFIG, NULL);
  g_autoptr(HttpReply) first = NULL;
  g_autoptr(HttpReply) second = NULL;

  g_assert_true (test_server_set_limits (server, "{\"rate_limit\": {\"requests\": 1, \"period_s\": 60}}", &error));
  first = tile (lgid, NULL, "0/0/0", NULL);
  second = tile (lgid, NULL, "0/0/0", NULL);
  g_assert_true (test_server_reset (server, &error));

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (http_reply_header (first, "Carto-Rate-Limit-Limit"), ==, "1");
  g_assert_cmpuint (second->status, ==, 429);
  g_assert_cmpstr (http_reply_header (second, "Content-Type"), ==, "application/x-protobuf");
  g_assert_cmpstr (http_reply_header (second, "Carto-Rate-Limit-Remaining"), ==, "0");
  g_assert_cmpint (g_ascii_strtoll (http_reply_header (second, "Retry-After"), NULL, 10), >=, 1);
}

static void
test_error_rate_limit_instantiation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HttpReply) first = NULL;
  g_autoptr(HttpReply) second = NULL;

  g_assert_true (test_server_set_limits (server, "{\"rate_limit\": {\"requests\": 1, \"period_s\": 60}}", &error));
  first = instantiate (POINTS_CONFIG, NULL);
  second = instantiate (POINTS_CONFIG, NULL);
  g_assert_true (test_server_reset (server, &error));

  g_assert_cmpuint (first->status, ==, 200);
  assert_maps_error (second, 429, "You are over platform's limits: too many requests. Please contact us to know more details",
                     "limit", "rate-limit");
  g_assert_nonnull (http_reply_header (second, "Retry-After"));
}

static void
test_error_unknown_key (void)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/map?api_key=no-such-key", base ());
  g_autoptr(HttpReply) reply = http_send ("POST", url, "application/json", POINTS_CONFIG, NULL);
  g_autofree char *text = http_reply_text (reply);

  g_assert_cmpuint (reply->status, ==, 401);
  g_assert_cmpstr (text, ==, "{\"errors\":[\"Unauthorized\"],\"errors_with_context\":[{\"type\":\"auth\","
                             "\"message\":\"Unauthorized\",\"subtype\":\"api-key-not-found\"}]}");
}

static void
test_error_maps_not_granted (void)
{
  g_autoptr(HttpReply) reply = instantiate (POINTS_CONFIG, "sqlonly");

  assert_maps_error (reply, 403, "Forbidden", "auth", "api-key-does-not-grant-access");
}

static void
test_error_basic_username (void)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/map", base ());
  g_autofree char *bob = g_strdup_printf ("bob:%s", key ("master"));
  g_autofree char *bob64 = g_base64_encode ((const guchar *) bob, strlen (bob));
  g_autofree char *bob_auth = g_strdup_printf ("Basic %s", bob64);
  g_autofree char *empty = g_strdup_printf (":%s", key ("master"));
  g_autofree char *empty64 = g_base64_encode ((const guchar *) empty, strlen (empty));
  g_autofree char *empty_auth = g_strdup_printf ("Basic %s", empty64);
  const char *bob_headers[] = { "Authorization", bob_auth, NULL };
  const char *empty_headers[] = { "Authorization", empty_auth, NULL };
  g_autoptr(HttpReply) mismatch = http_send ("POST", url, "application/json", POINTS_CONFIG, bob_headers);
  g_autoptr(HttpReply) nameless = http_send ("POST", url, "application/json", POINTS_CONFIG, empty_headers);

  assert_maps_error (mismatch, 403, "Forbidden", "auth", "api-key-username-mismatch");
  /* The Maps API lets an empty username pass (the SQL API does not). */
  g_assert_cmpuint (nameless->status, ==, 200);
}

static void
test_error_unknown_user (void)
{
  g_autofree char *url = g_strdup_printf ("%s/user/nobody/api/v1/map", test_server_get_root_url (server));
  g_autoptr(HttpReply) reply = http_send ("POST", url, "application/json", POINTS_CONFIG, NULL);

  assert_maps_error (reply, 404, "DB host or name not found in redis (try CARTODB/script/restore_redis)", "unknown", NULL);
}

static void
test_cloud_addressing (void)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/map", test_server_get_root_url (server));
  const char *host = test_server_get_cloud_host (server, "alice");
  const char *headers[] = { "Host", host, NULL };
  g_autoptr(HttpReply) reply = http_send ("POST", url, "application/json", POINTS_CONFIG, headers);
  g_autoptr(JsonNode) json = http_reply_json (reply);
  g_autofree char *prefix = g_strdup_printf ("http://%s/api/v1/map/", host);
  g_autofree char *tile_url = NULL;
  g_autoptr(HttpReply) tile_reply = NULL;

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (g_str_has_prefix (json_get_string (json, "metadata.url.vector.urlTemplate"), prefix));

  tile_url = g_strdup_printf ("%s/api/v1/map/%s/0/0/0.mvt", test_server_get_root_url (server),
                              json_get_string (json, "layergroupid"));
  tile_reply = http_send ("GET", tile_url, NULL, NULL, headers);
  g_assert_cmpuint (tile_reply->status, ==, 200);
}

static void
test_metadata_options (void)
{
  const char *config =
    "{\"layers\":[{\"type\":\"mapnik\",\"options\":{\"sql\":\"SELECT * FROM public_points\"}}],"
    "\"metadata\":{\"geometryType\":true,\"featureCount\":true,\"columns\":true}}";
  g_autoptr(HttpReply) reply = instantiate (config, NULL);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (json_get_int (json, "metadata.layers.0.meta.stats.featureCount"), ==, 4);
  g_assert_cmpstr (json_get_string (json, "metadata.layers.0.meta.stats.geometryType"), ==, "ST_Point");
  g_assert_cmpstr (json_get_string (json, "metadata.layers.0.meta.stats.columns.name.type"), ==, "string");
  g_assert_cmpstr (json_get_string (json, "metadata.layers.0.meta.stats.columns.value.type"), ==, "number");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *config = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* Debian 12's GNOME proxy module aborts without its GSettings schema,
   * which the isolated dirs hide; loopback needs no proxy anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  config = g_test_build_filename (G_TEST_DIST, "server", "test-config.json", NULL);
  server = test_server_start (config, &error);
  g_assert_no_error (error);

  g_test_add_func ("/server-maps/instantiate-shape", test_instantiate_shape);
  g_test_add_func ("/server-maps/urls-without-key", test_urls_without_key);
  g_test_add_func ("/server-maps/urls-carry-header-key", test_urls_carry_header_key);
  g_test_add_func ("/server-maps/get-config", test_get_config);
  g_test_add_func ("/server-maps/same-config-same-id", test_same_config_same_id);
  g_test_add_func ("/server-maps/id-follows-table-updates", test_id_follows_table_updates);
  g_test_add_func ("/server-maps/layer-filters", test_layer_filters);
  g_test_add_func ("/server-maps/tile-feature-count", test_tile_feature_count);
  g_test_add_func ("/server-maps/tile-properties", test_tile_properties);
  g_test_add_func ("/server-maps/empty-tile", test_empty_tile);
  g_test_add_func ("/server-maps/x-wraps", test_x_wraps);
  g_test_add_func ("/server-maps/tile-privacy", test_tile_privacy);
  g_test_add_func ("/server-maps/cloud-addressing", test_cloud_addressing);
  g_test_add_func ("/server-maps/metadata-options", test_metadata_options);
  g_test_add_func ("/server-maps/error/unknown-layergroup", test_error_unknown_layergroup);
  g_test_add_func ("/server-maps/error/expired-layergroup", test_error_expired_layergroup);
  g_test_add_func ("/server-maps/error/unsupported-format", test_error_unsupported_format);
  g_test_add_func ("/server-maps/error/bad-coordinates", test_error_bad_coordinates);
  g_test_add_func ("/server-maps/error/not-json", test_error_not_json);
  g_test_add_func ("/server-maps/error/get-without-config", test_error_get_without_config);
  g_test_add_func ("/server-maps/error/layer-sql", test_error_layer_sql);
  g_test_add_func ("/server-maps/error/instantiation-timeout", test_error_instantiation_timeout);
  g_test_add_func ("/server-maps/error/tile-timeout", test_error_tile_timeout);
  g_test_add_func ("/server-maps/error/tile-rate-limit", test_error_tile_rate_limit);
  g_test_add_func ("/server-maps/error/rate-limit-instantiation", test_error_rate_limit_instantiation);
  g_test_add_func ("/server-maps/error/unknown-key", test_error_unknown_key);
  g_test_add_func ("/server-maps/error/maps-not-granted", test_error_maps_not_granted);
  g_test_add_func ("/server-maps/error/basic-username", test_error_basic_username);
  g_test_add_func ("/server-maps/error/unknown-user", test_error_unknown_user);

  status = g_test_run ();
  test_server_stop (server);
  return status;
}
