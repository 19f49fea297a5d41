/* test-server-sql.c — the test server's SQL API v2 against the contract
 * (docs/carto-api.md §2)
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include "test-http.h"
#include "test-server-fixture.h"

static TestServer *server;

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

/* Runs q as the given key (NULL: none) and checks the status. */
static JsonNode *
sql (const char *q,
     const char *key_name,
     guint       expected_status)
{
  g_autofree char *url = key_name ? http_sql_url (base (), q, "api_key", key (key_name), NULL)
                                  : http_sql_url (base (), q, NULL);
  g_autoptr(HttpReply) reply = http_get (url);

  g_assert_no_error (reply->error);
  if (reply->status != expected_status)
    {
      g_autofree char *text = http_reply_text (reply);

      g_test_message ("%s → %u %s", q, reply->status, text);
    }
  g_assert_cmpuint (reply->status, ==, expected_status);
  return http_reply_json (reply);
}

static void
assert_error (JsonNode   *body,
              const char *message)
{
  g_autofree char *error = json_first_error (body);

  g_assert_cmpstr (error, ==, message);
}

static void
test_success_shape (void)
{
  g_autoptr(JsonNode) body = sql ("SELECT cartodb_id, name, the_geom FROM public_points WHERE cartodb_id = 1", NULL, 200);
  JsonNode *time;

  g_assert_cmpint (json_get_int (body, "rows.0.cartodb_id"), ==, 1);
  g_assert_cmpstr (json_get_string (body, "rows.0.name"), ==, "Madrid");
  /* hex EWKB: little endian, Point with SRID (0x20000001), SRID 4326 */
  g_assert_true (g_str_has_prefix (json_get_string (body, "rows.0.the_geom"), "0101000020E6100000"));
  g_assert_cmpint (json_get_int (body, "total_rows"), ==, 1);
  time = json_get (body, "time");
  g_assert_nonnull (time);
  g_assert_true (JSON_NODE_HOLDS_VALUE (time));
  g_assert_cmpstr (json_get_string (body, "fields.cartodb_id.type"), ==, "number");
  g_assert_cmpstr (json_get_string (body, "fields.cartodb_id.pgtype"), ==, "int4");
  g_assert_cmpstr (json_get_string (body, "fields.name.type"), ==, "string");
  g_assert_cmpstr (json_get_string (body, "fields.name.pgtype"), ==, "text");
  g_assert_cmpstr (json_get_string (body, "fields.the_geom.type"), ==, "geometry");
  g_assert_cmpstr (json_get_string (body, "fields.the_geom.wkbtype"), ==, "Point");
  g_assert_cmpint (json_get_int (body, "fields.the_geom.dims"), ==, 2);
  g_assert_cmpint (json_get_int (body, "fields.the_geom.srid"), ==, 4326);
  g_assert_null (json_get (body, "fields.the_geom.pgtype"));
}

static void
test_field_types_and_values (void)
{
  g_autoptr(JsonNode) body = sql ("SELECT t, i, b, f, n, ok, d, ts, j, 'NaN'::float8 AS nan, "
                                  "'-Infinity'::float8 AS ninf, ARRAY[1,2] AS ia, ARRAY['x','y'] AS ta, "
                                  "NULL::text AS nothing, '1 day'::interval AS iv FROM all_types", NULL, 200);
  JsonNode *f = json_get (body, "rows.0.f");

  g_assert_cmpstr (json_get_string (body, "rows.0.t"), ==, "tab\there \"quoted\"");
  g_assert_cmpint (json_get_int (body, "rows.0.i"), ==, 42);
  g_assert_cmpfloat_with_epsilon (json_node_get_double (f), 1.5, 1e-12);
  /* int8 and numeric come out as JavaScript numbers (parseFloat). */
  g_assert_cmpfloat_with_epsilon (json_node_get_double (json_get (body, "rows.0.n")), 12.34, 1e-12);
  g_assert_cmpfloat_with_epsilon (json_node_get_double (json_get (body, "rows.0.b")), 9007199254740992.0, 2.0);
  g_assert_true (json_node_get_boolean (json_get (body, "rows.0.ok")));
  g_assert_cmpstr (json_get_string (body, "rows.0.d"), ==, "2024-02-29T00:00:00Z");
  g_assert_cmpstr (json_get_string (body, "rows.0.ts"), ==, "2024-02-29T11:34:56Z");
  g_assert_cmpint (json_get_int (body, "rows.0.j.k.1"), ==, 2);
  g_assert_cmpstr (json_get_string (body, "rows.0.nan"), ==, "NaN");
  g_assert_cmpstr (json_get_string (body, "rows.0.ninf"), ==, "-Infinity");
  g_assert_cmpint (json_get_int (body, "rows.0.ia.1"), ==, 2);
  g_assert_cmpstr (json_get_string (body, "rows.0.ta.0"), ==, "x");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_get (body, "rows.0.nothing")));

  g_assert_cmpstr (json_get_string (body, "fields.t.type"), ==, "string");
  g_assert_cmpstr (json_get_string (body, "fields.b.type"), ==, "number");
  g_assert_cmpstr (json_get_string (body, "fields.b.pgtype"), ==, "int8");
  g_assert_cmpstr (json_get_string (body, "fields.f.pgtype"), ==, "float8");
  g_assert_cmpstr (json_get_string (body, "fields.n.type"), ==, "number");
  g_assert_cmpstr (json_get_string (body, "fields.ok.type"), ==, "boolean");
  g_assert_cmpstr (json_get_string (body, "fields.d.type"), ==, "date");
  g_assert_cmpstr (json_get_string (body, "fields.ts.type"), ==, "date");
  g_assert_cmpstr (json_get_string (body, "fields.ts.pgtype"), ==, "timestamptz");
  g_assert_cmpstr (json_get_string (body, "fields.j.type"), ==, "jsonb");
  g_assert_cmpstr (json_get_string (body, "fields.ia.type"), ==, "number[]");
  g_assert_cmpstr (json_get_string (body, "fields.ia.pgtype"), ==, "_int4");
  g_assert_cmpstr (json_get_string (body, "fields.ta.type"), ==, "string[]");
  /* CARTO's substring rule: "interval" contains "int". */
  g_assert_cmpstr (json_get_string (body, "fields.iv.type"), ==, "number");
}

static void
test_geometry_without_typmod (void)
{
  /* cartodb-psql decodes typmod -1 as srid -1, 4 dims, no wkbtype. */
  g_autoptr(JsonNode) body = sql ("SELECT ST_MakePoint(1, 2) AS g", NULL, 200);

  g_assert_cmpstr (json_get_string (body, "fields.g.type"), ==, "geometry");
  g_assert_cmpint (json_get_int (body, "fields.g.srid"), ==, -1);
  g_assert_cmpint (json_get_int (body, "fields.g.dims"), ==, 4);
  g_assert_null (json_get (body, "fields.g.wkbtype"));
}

static void
test_post_form_and_json (void)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v2/sql", base ());
  g_autoptr(HttpReply) form = http_post_form (url, "q", "SELECT name FROM private_points", "api_key", key ("master"), NULL);
  g_autofree char *json_body = g_strdup_printf ("{\"q\":\"SELECT count(*) AS n FROM private_points\",\"api_key\":\"%s\"}",
                                                key ("master"));
  g_autoptr(HttpReply) json = http_send ("POST", url, "application/json", json_body, NULL);
  g_autoptr(JsonNode) a = http_reply_json (form);
  g_autoptr(JsonNode) b = http_reply_json (json);

  g_assert_cmpuint (form->status, ==, 200);
  g_assert_cmpstr (json_get_string (a, "rows.0.name"), ==, "Berlin");
  g_assert_cmpuint (json->status, ==, 200);
  g_assert_cmpint (json_get_int (b, "rows.0.n"), ==, 1);
}

static void
test_post_multipart (void)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v2/sql", base ());
  const char *body = "--XyZ\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nSELECT 7 AS seven\r\n--XyZ--\r\n";
  g_autoptr(HttpReply) reply = http_send ("POST", url, "multipart/form-data; boundary=XyZ", body, NULL);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (json_get_int (json, "rows.0.seven"), ==, 7);
}

static void
test_cloud_addressing (void)
{
  g_autofree char *escaped = g_uri_escape_string ("SELECT current_user AS u", NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("%s/api/v2/sql?q=%s&api_key=%s", test_server_get_root_url (server),
                                          escaped, key ("master"));
  const char *headers[] = { "Host", test_server_get_cloud_host (server, "alice"), NULL };
  g_autoptr(HttpReply) reply = http_send ("GET", url, NULL, NULL, headers);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (json_get_string (json, "rows.0.u"), ==, "alice");
}

static void
test_geojson (void)
{
  g_autofree char *url = http_sql_url (base (), "SELECT cartodb_id, name, the_geom, the_geom_webmercator FROM public_points ORDER BY cartodb_id",
                                       "format", "geojson", "dp", "1", NULL);
  g_autoptr(HttpReply) reply = http_get (url);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (json_get_string (json, "type"), ==, "FeatureCollection");
  g_assert_cmpstr (json_get_string (json, "features.0.type"), ==, "Feature");
  g_assert_cmpstr (json_get_string (json, "features.0.geometry.type"), ==, "Point");
  /* dp=1: -3.7038 → -3.7 */
  g_assert_cmpfloat_with_epsilon (json_node_get_double (json_get (json, "features.0.geometry.coordinates.0")), -3.7, 1e-9);
  g_assert_cmpstr (json_get_string (json, "features.0.properties.name"), ==, "Madrid");
  g_assert_null (json_get (json, "features.0.properties.the_geom"));
  g_assert_null (json_get (json, "features.0.properties.the_geom_webmercator"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_get (json, "features.3.geometry")));
  g_assert_nonnull (http_reply_header (reply, "Content-Disposition"));
}

static void
test_skipfields (void)
{
  g_autofree char *url = http_sql_url (base (), "SELECT cartodb_id, name, value FROM public_points WHERE cartodb_id = 2",
                                       "skipfields", "value,cartodb_id", NULL);
  g_autoptr(HttpReply) reply = http_get (url);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (json_get_string (json, "rows.0.name"), ==, "Lisboa");
  g_assert_null (json_get (json, "rows.0.value"));
  g_assert_null (json_get (json, "rows.0.cartodb_id"));
  g_assert_null (json_get (json, "fields.value"));
  g_assert_nonnull (json_get (json, "fields.name"));
}

static void
test_paging (void)
{
  g_autofree char *url = http_sql_url (base (), "SELECT cartodb_id FROM public_points ORDER BY cartodb_id",
                                       "rows_per_page", "2", "page", "1", NULL);
  g_autoptr(HttpReply) reply = http_get (url);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpint (json_get_int (json, "total_rows"), ==, 2);
  g_assert_cmpint (json_get_int (json, "rows.0.cartodb_id"), ==, 3);
}

static void
test_jsonp (void)
{
  g_autofree char *url = http_sql_url (base (), "SELECT * FROM nope", "callback", "cb", NULL);
  g_autoptr(HttpReply) reply = http_get (url);
  g_autofree char *text = http_reply_text (reply);

  /* JSONP is always a 200, errors included. */
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_true (g_str_has_prefix (text, "cb({\"error\":"));
}

static void
test_error_after_first_row (void)
{
  /* Rows 1 and 2 stream before 1/0: CARTO answers 200 with "error". */
  g_autoptr(JsonNode) body = sql ("SELECT x, 1 / (3 - x) AS y FROM generate_series(1, 5) AS x", NULL, 200);

  g_assert_cmpint (json_get_int (body, "rows.1.x"), ==, 2);
  assert_error (body, "division by zero");
}

static void
test_notices (void)
{
  g_autoptr(JsonNode) body = sql ("DO $$BEGIN RAISE NOTICE 'hello'; RAISE WARNING 'careful'; END$$", NULL, 200);

  g_assert_cmpstr (json_get_string (body, "notices.0"), ==, "hello");
  g_assert_cmpstr (json_get_string (body, "warnings.0"), ==, "careful");
}

static void
test_dml_total_rows (void)
{
  g_autoptr(JsonNode) body = sql ("UPDATE all_types SET i = i WHERE true", "master", 200);

  g_assert_cmpint (json_get_int (body, "total_rows"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_get (body, "rows"))), ==, 0);
}

static void
test_error_syntax (void)
{
  g_autoptr(JsonNode) body = sql ("SELECT * FROM public_points WHERE and", NULL, 400);

  assert_error (body, "syntax error at or near \"and\"");
}

static void
test_error_table_not_found (void)
{
  g_autoptr(JsonNode) body = sql ("SELECT * FROM t", NULL, 400);

  assert_error (body, "relation \"t\" does not exist");
}

static void
test_error_no_privilege (void)
{
  g_autoptr(JsonNode) body = sql ("SELECT * FROM private_points", NULL, 403);

  assert_error (body, "permission denied for table private_points");
}

static void
test_error_write_default_public (void)
{
  g_autoptr(JsonNode) without = sql ("INSERT INTO public_points (name) VALUES ('x')", NULL, 403);
  g_autoptr(JsonNode) with = sql ("DELETE FROM public_points", "default_public", 403);

  assert_error (without, "permission denied for table public_points");
  assert_error (with, "permission denied for table public_points");
}

static void
test_error_invalid_key (void)
{
  g_autofree char *url = http_sql_url (base (), "SELECT 1", "api_key", "no-such-key", NULL);
  g_autoptr(HttpReply) reply = http_get (url);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 401);
  assert_error (json, "Unauthorized");
}

static void
test_error_unknown_user (void)
{
  g_autofree char *other = g_strdup_printf ("%s/user/nobody", test_server_get_root_url (server));
  g_autofree char *url = http_sql_url (other, "SELECT 1", NULL);
  g_autoptr(HttpReply) reply = http_get (url);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 404);
  assert_error (json, "Sorry, we can't find CARTO user 'nobody'. Please check that you have entered the correct domain.");
}

static void
test_error_no_sql_grant (void)
{
  g_autoptr(JsonNode) body = sql ("SELECT 1", "mapsonly", 403);

  assert_error (body, "forbidden");
}

static void
test_error_system_tables (void)
{
  g_autoptr(JsonNode) pub = sql ("SELECT relname FROM pg_class LIMIT 1", NULL, 403);
  g_autoptr(JsonNode) regular = sql ("SELECT count(*) FROM information_schema.tables", "reader", 403);
  g_autoptr(JsonNode) master = sql ("SELECT count(*) AS n FROM pg_class", "master", 200);

  assert_error (pub, "system tables are forbidden");
  assert_error (regular, "system tables are forbidden");
  g_assert_cmpint (json_get_int (master, "rows.0.n"), >, 0);
}

static void
test_error_timeout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;

  g_assert_true (test_server_set_limits (server, "{\"statement_timeout_ms\": 100}", &error));
  g_assert_no_error (error);
  body = sql ("SELECT pg_sleep(2)", NULL, 429);
  assert_error (body, TIMEOUT_MESSAGE);
  g_assert_cmpstr (json_get_string (body, "context"), ==, "limit");
  g_assert_cmpstr (json_get_string (body, "detail"), ==, "datasource");
  g_assert_true (test_server_reset (server, &error));
}

static void
test_error_rate_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = http_sql_url (base (), "SELECT 1", NULL);
  g_autoptr(HttpReply) first = NULL;
  g_autoptr(HttpReply) second = NULL;
  g_autoptr(HttpReply) third = NULL;
  g_autoptr(JsonNode) json = NULL;

  g_assert_true (test_server_set_limits (server, "{\"rate_limit\": {\"requests\": 2, \"period_s\": 60}}", &error));
  first = http_get (url);
  second = http_get (url);
  third = http_get (url);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (http_reply_header (first, "Carto-Rate-Limit-Limit"), ==, "2");
  g_assert_cmpstr (http_reply_header (first, "Carto-Rate-Limit-Remaining"), ==, "1");
  g_assert_cmpuint (second->status, ==, 200);
  g_assert_cmpstr (http_reply_header (second, "Carto-Rate-Limit-Remaining"), ==, "0");
  g_assert_cmpuint (third->status, ==, 429);
  g_assert_cmpstr (http_reply_header (third, "Carto-Rate-Limit-Remaining"), ==, "0");
  g_assert_nonnull (http_reply_header (third, "Carto-Rate-Limit-Reset"));
  g_assert_cmpint (g_ascii_strtoll (http_reply_header (third, "Retry-After"), NULL, 10), >=, 1);
  json = http_reply_json (third);
  assert_error (json, "You are over platform's limits. Please contact us to know more details");
  g_assert_cmpstr (json_get_string (json, "context"), ==, "limit");
  g_assert_cmpstr (json_get_string (json, "detail"), ==, "rate-limit");
  g_assert_true (test_server_reset (server, &error));
}

static void
test_error_missing_q (void)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v2/sql", base ());
  g_autoptr(HttpReply) reply = http_get (url);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 400);
  assert_error (json, "You must indicate a sql query");
}

static void
test_error_invalid_format (void)
{
  g_autofree char *url = http_sql_url (base (), "SELECT 1", "format", "nope", NULL);
  g_autoptr(HttpReply) reply = http_get (url);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 400);
  assert_error (json, "Invalid format: nope");
}

static char *
basic (const char *user,
       const char *token)
{
  g_autofree char *pair = g_strdup_printf ("%s:%s", user, token);
  g_autofree char *b64 = g_base64_encode ((const guchar *) pair, strlen (pair));

  return g_strdup_printf ("Basic %s", b64);
}

static void
test_basic_auth (void)
{
  g_autofree char *url = http_sql_url (base (), "SELECT current_user AS u", NULL);
  g_autofree char *auth = basic ("alice", key ("master"));
  const char *headers[] = { "Authorization", auth, NULL };
  g_autoptr(HttpReply) reply = http_send ("GET", url, NULL, NULL, headers);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (json_get_string (json, "rows.0.u"), ==, "alice");
}

static void
test_basic_auth_first_wins (void)
{
  /* Basic comes first: a wrong api_key in the query is never looked at. */
  g_autofree char *url = http_sql_url (base (), "SELECT current_user AS u", "api_key", "no-such-key", NULL);
  g_autofree char *auth = basic ("alice", key ("master"));
  const char *headers[] = { "Authorization", auth, NULL };
  g_autoptr(HttpReply) reply = http_send ("GET", url, NULL, NULL, headers);

  g_assert_cmpuint (reply->status, ==, 200);
}

static void
test_basic_auth_username_mismatch (void)
{
  g_autofree char *url = http_sql_url (base (), "SELECT 1", NULL);
  g_autofree char *auth = basic ("bob", key ("master"));
  g_autofree char *empty = basic ("", key ("master"));
  const char *headers[] = { "Authorization", auth, NULL };
  const char *headers_empty[] = { "Authorization", empty, NULL };
  g_autoptr(HttpReply) reply = http_send ("GET", url, NULL, NULL, headers);
  g_autoptr(HttpReply) reply_empty = http_send ("GET", url, NULL, NULL, headers_empty);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 403);
  assert_error (json, "permission denied");
  g_assert_cmpuint (reply_empty->status, ==, 403);
}

static void
test_map_key_param (void)
{
  g_autofree char *url = http_sql_url (base (), "SELECT name FROM private_points", "map_key", key ("master"), NULL);
  g_autoptr(HttpReply) reply = http_get (url);

  g_assert_cmpuint (reply->status, ==, 200);
}

static void
test_query_key_beats_body_key (void)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v2/sql?api_key=%s", base (), key ("master"));
  g_autoptr(HttpReply) reply = http_post_form (url, "q", "SELECT current_user AS u", "api_key", "default_public", NULL);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpstr (json_get_string (json, "rows.0.u"), ==, "alice");
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

  g_test_add_func ("/server-sql/success-shape", test_success_shape);
  g_test_add_func ("/server-sql/field-types-and-values", test_field_types_and_values);
  g_test_add_func ("/server-sql/geometry-without-typmod", test_geometry_without_typmod);
  g_test_add_func ("/server-sql/post-form-and-json", test_post_form_and_json);
  g_test_add_func ("/server-sql/post-multipart", test_post_multipart);
  g_test_add_func ("/server-sql/cloud-addressing", test_cloud_addressing);
  g_test_add_func ("/server-sql/format-geojson-dp", test_geojson);
  g_test_add_func ("/server-sql/skipfields", test_skipfields);
  g_test_add_func ("/server-sql/paging", test_paging);
  g_test_add_func ("/server-sql/jsonp", test_jsonp);
  g_test_add_func ("/server-sql/error-after-first-row", test_error_after_first_row);
  g_test_add_func ("/server-sql/notices", test_notices);
  g_test_add_func ("/server-sql/dml-total-rows", test_dml_total_rows);
  g_test_add_func ("/server-sql/error/syntax", test_error_syntax);
  g_test_add_func ("/server-sql/error/table-not-found", test_error_table_not_found);
  g_test_add_func ("/server-sql/error/no-privilege", test_error_no_privilege);
  g_test_add_func ("/server-sql/error/write-default-public", test_error_write_default_public);
  g_test_add_func ("/server-sql/error/invalid-key", test_error_invalid_key);
  g_test_add_func ("/server-sql/error/unknown-user", test_error_unknown_user);
  g_test_add_func ("/server-sql/error/no-sql-grant", test_error_no_sql_grant);
  g_test_add_func ("/server-sql/error/system-tables", test_error_system_tables);
  g_test_add_func ("/server-sql/error/statement-timeout", test_error_timeout);
  g_test_add_func ("/server-sql/error/rate-limit", test_error_rate_limit);
  g_test_add_func ("/server-sql/error/missing-q", test_error_missing_q);
  g_test_add_func ("/server-sql/error/invalid-format", test_error_invalid_format);
  g_test_add_func ("/server-sql/auth/basic", test_basic_auth);
  g_test_add_func ("/server-sql/auth/basic-first-wins", test_basic_auth_first_wins);
  g_test_add_func ("/server-sql/auth/basic-username-mismatch", test_basic_auth_username_mismatch);
  g_test_add_func ("/server-sql/auth/map-key-param", test_map_key_param);
  g_test_add_func ("/server-sql/auth/query-key-before-body-key", test_query_key_beats_body_key);

  status = g_test_run ();
  test_server_stop (server);
  return status;
}
