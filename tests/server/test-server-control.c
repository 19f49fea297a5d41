/* test-server-control.c — the test server's control endpoint, faults and log
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include "mvt-walker.h"
#include "test-http.h"
#include "test-server-fixture.h"

static TestServer *server;
static char *config_path;

#define POINTS_CONFIG \
  "{\"layers\":[{\"type\":\"mapnik\",\"options\":{\"sql\":\"SELECT cartodb_id, the_geom_webmercator, name FROM populated_places\"," \
  "\"vector_extent\":4096,\"aggregation\":false}}]}"

static const char *
base (void)
{
  return test_server_get_base_url (server, "alice");
}

static void
set_faults (const char *json)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (test_server_set_faults (server, json, &error));
  g_assert_no_error (error);
}

static void
reset (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (test_server_reset (server, &error));
  g_assert_no_error (error);
}

static HttpReply *
sql_get (void)
{
  g_autofree char *url = http_sql_url (base (), "SELECT name FROM public_points ORDER BY cartodb_id", NULL);

  return http_get (url);
}

static char *
layergroup (void)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/map", base ());
  g_autoptr(HttpReply) reply = http_send ("POST", url, "application/json", POINTS_CONFIG, NULL);
  g_autoptr(JsonNode) json = http_reply_json (reply);

  g_assert_cmpuint (reply->status, ==, 200);
  return g_strdup (json_get_string (json, "layergroupid"));
}

static HttpReply *
tile_get (const char *lgid)
{
  g_autofree char *url = g_strdup_printf ("%s/api/v1/map/%s/2/2/1.mvt", base (), lgid);

  return http_get (url);
}

static gboolean
is_mvt (HttpReply *reply)
{
  g_autoptr(GPtrArray) layers = NULL;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (reply->body, &length);

  layers = mvt_walk (data, length, NULL);
  return layers != NULL && layers->len == 1;
}

static void
test_stats (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lgid = NULL;
  const char *sql_path = "/user/alice/api/v2/sql";
  g_autofree char *tile_path = NULL;

  reset ();
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(HttpReply) reply = sql_get ();

      g_assert_cmpuint (reply->status, ==, 200);
    }
  lgid = layergroup ();
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(HttpReply) reply = tile_get (lgid);

      g_assert_cmpuint (reply->status, ==, 200);
    }
  tile_path = g_strdup_printf ("/user/alice/api/v1/map/%s/2/2/1.mvt", lgid);

  g_assert_cmpint (test_server_get_count (server, "total", &error), ==, 6);
  g_assert_cmpint (test_server_get_count (server, "sql", &error), ==, 2);
  g_assert_cmpint (test_server_get_count (server, "map", &error), ==, 1);
  g_assert_cmpint (test_server_get_count (server, "tile", &error), ==, 3);
  g_assert_cmpint (test_server_get_count (server, sql_path, &error), ==, 2);
  g_assert_cmpint (test_server_get_count (server, tile_path, &error), ==, 3);
  g_assert_cmpint (test_server_get_count (server, "/user/alice/never", &error), ==, 0);
  g_assert_no_error (error);

  reset ();
  g_assert_cmpint (test_server_get_count (server, "total", &error), ==, 0);
  g_assert_cmpint (test_server_get_count (server, tile_path, &error), ==, 0);
}

static void
test_unknown_control_path (void)
{
  g_autofree char *url = g_strdup_printf ("%s/_control/nope", test_server_get_root_url (server));
  g_autoptr(HttpReply) reply = http_get (url);

  g_assert_cmpuint (reply->status, ==, 404);
}

static void
test_bad_fault_rejected (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (test_server_set_faults (server, "{\"no_such_knob\": 1}", &error));
  g_assert_nonnull (error);
}

static void
test_fault_latency (void)
{
  g_autoptr(HttpReply) reply = NULL;

  set_faults ("{\"latency_ms\": 400}");
  reply = sql_get ();
  reset ();
  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpfloat (reply->seconds, >=, 0.4);
}

static void
test_fault_status (void)
{
  const guint statuses[] = { 500, 502, 503 };

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"status\": %u, \"retry_after\": 7}", statuses[i]);
      g_autoptr(HttpReply) reply = NULL;

      set_faults (json);
      reply = sql_get ();
      reset ();
      g_assert_cmpuint (reply->status, ==, statuses[i]);
      g_assert_cmpstr (http_reply_header (reply, "Retry-After"), ==, "7");
    }
}

static void
test_fault_status_429 (void)
{
  g_autofree char *lgid = layergroup ();
  g_autoptr(HttpReply) sql = NULL;
  g_autoptr(HttpReply) tile = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *error = NULL;

  set_faults ("{\"status\": 429, \"retry_after\": 3}");
  sql = sql_get ();
  tile = tile_get (lgid);
  reset ();

  g_assert_cmpuint (sql->status, ==, 429);
  g_assert_cmpstr (http_reply_header (sql, "Retry-After"), ==, "3");
  json = http_reply_json (sql);
  error = json_first_error (json);
  g_assert_cmpstr (error, ==, "You are over platform's limits. Please contact us to know more details");
  g_assert_cmpuint (tile->status, ==, 429);
  g_assert_cmpstr (http_reply_header (tile, "Content-Type"), ==, "application/x-protobuf");
}

static void
test_fault_reset (void)
{
  g_autoptr(HttpReply) reply = NULL;
  g_autoptr(HttpReply) after = NULL;

  set_faults ("{\"reset\": true}");
  reply = sql_get ();
  reset ();
  after = sql_get ();

  g_assert_nonnull (reply->error);
  g_test_message ("reset gave: %s", reply->error->message);
  g_assert_cmpuint (after->status, ==, 200);
}

static void
test_fault_truncate_tile (void)
{
  g_autofree char *lgid = layergroup ();
  g_autoptr(HttpReply) good = tile_get (lgid);
  g_autoptr(HttpReply) cut = NULL;

  set_faults ("{\"truncate_tile\": true}");
  cut = tile_get (lgid);
  reset ();

  g_assert_cmpuint (good->status, ==, 200);
  g_assert_true (is_mvt (good));
  g_assert_cmpuint (cut->status, ==, 200);
  /* Half the tile; a parallel scan may order features differently, so
   * two renderings need not have the very same size. */
  g_assert_cmpuint (g_bytes_get_size (cut->body), <, g_bytes_get_size (good->body) * 6 / 10);
  g_assert_cmpuint (g_bytes_get_size (cut->body), >, g_bytes_get_size (good->body) * 4 / 10);
  g_assert_false (is_mvt (cut));
}

static void
test_fault_garbage_tile (void)
{
  g_autofree char *lgid = layergroup ();
  g_autoptr(HttpReply) garbage = NULL;

  set_faults ("{\"garbage_tile\": true}");
  garbage = tile_get (lgid);
  reset ();

  g_assert_cmpuint (garbage->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (garbage->body), >=, 64);
  g_assert_false (is_mvt (garbage));
}

static void
test_fault_invalid_json (void)
{
  g_autoptr(HttpReply) reply = NULL;
  g_autoptr(JsonNode) json = NULL;

  set_faults ("{\"invalid_json\": true}");
  reply = sql_get ();
  reset ();

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (reply->body), >, 0);
  json = http_reply_json (reply);
  g_assert_null (json);
}

static void
test_fault_huge_body (void)
{
  g_autoptr(HttpReply) reply = NULL;
  g_autoptr(JsonNode) json = NULL;

  set_faults ("{\"huge_body_bytes\": 5000000}");
  reply = sql_get ();
  reset ();

  g_assert_cmpuint (reply->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (reply->body), ==, 5000000);
  json = http_reply_json (reply);
  g_assert_nonnull (json);
}

static void
test_fault_redirect (void)
{
  g_autoptr(HttpReply) reply = NULL;
  const char *location;

  set_faults ("{\"redirect_to\": \"http://127.0.0.2:9\"}");
  reply = sql_get ();
  reset ();

  g_assert_cmpuint (reply->status, ==, 302);
  location = http_reply_header (reply, "Location");
  g_assert_nonnull (location);
  g_assert_true (g_str_has_prefix (location, "http://127.0.0.2:9/user/alice/api/v2/sql?q="));
}

static void
test_fault_scope_and_count (void)
{
  g_autofree char *lgid = layergroup ();
  g_autoptr(HttpReply) sql = NULL;
  g_autoptr(HttpReply) t1 = NULL;
  g_autoptr(HttpReply) t2 = NULL;
  g_autoptr(HttpReply) t3 = NULL;

  set_faults ("{\"status\": 503, \"path_prefix\": \"/user/alice/api/v1/map/\", \"count\": 2}");
  sql = sql_get ();
  t1 = tile_get (lgid);
  t2 = tile_get (lgid);
  t3 = tile_get (lgid);
  reset ();

  g_assert_cmpuint (sql->status, ==, 200);
  g_assert_cmpuint (t1->status, ==, 503);
  g_assert_cmpuint (t2->status, ==, 503);
  g_assert_cmpuint (t3->status, ==, 200);
}

static void
test_faults_from_command_line (void)
{
  g_autoptr(GError) error = NULL;
  const char *args[] = { "--faults", "{\"status\": 502, \"count\": 1}", NULL };
  g_autoptr(TestServer) other = test_server_start_full (config_path, args, &error);
  g_autofree char *url = NULL;
  g_autoptr(HttpReply) first = NULL;
  g_autoptr(HttpReply) second = NULL;

  g_assert_no_error (error);
  url = http_sql_url (test_server_get_base_url (other, "alice"), "SELECT 1", NULL);
  first = http_get (url);
  second = http_get (url);
  g_assert_cmpuint (first->status, ==, 502);
  g_assert_cmpuint (second->status, ==, 200);
}

static void
test_startup (void)
{
  g_autofree char *log = NULL;

  g_assert_cmpfloat (test_server_get_startup_seconds (server), >, 0);
  g_assert_cmpfloat (test_server_get_startup_seconds (server), <, 60);
  g_assert_true (g_file_get_contents (test_server_get_log_path (server), &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "ready in "));
}

/* Every way a key can arrive, then not one key in the log. */
static void
test_log_has_no_keys (void)
{
  const char *users[] = { "alice", "bob" };
  const char *alice_keys[] = { "master", "reader", "writer", "mapsonly", "sqlonly" };
  const char *master = test_server_get_key (server, "alice", "master");
  g_autofree char *sql_url = http_sql_url (base (), "SELECT 1", "api_key", master, NULL);
  g_autofree char *map_key_url = http_sql_url (base (), "SELECT 1", "map_key", master, NULL);
  g_autofree char *bad_url = http_sql_url (base (), "SELECT 1", "api_key", "alice-master-4d8e1f0b9a7c-wrong", NULL);
  g_autofree char *post_url = g_strdup_printf ("%s/api/v2/sql", base ());
  g_autofree char *json_body = g_strdup_printf ("{\"q\":\"SELECT 1\",\"api_key\":\"%s\"}", master);
  g_autofree char *map_url = g_strdup_printf ("%s/api/v1/map?api_key=%s", base (), test_server_get_key (server, "alice", "reader"));
  g_autofree char *pair = g_strdup_printf ("alice:%s", test_server_get_key (server, "alice", "writer"));
  g_autofree char *b64 = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *auth = g_strdup_printf ("Basic %s", b64);
  const char *headers[] = { "Authorization", auth, NULL };
  g_autofree char *log = NULL;
  g_autofree char *bob_url = http_sql_url (test_server_get_base_url (server, "bob"), "SELECT 1",
                                           "api_key", test_server_get_key (server, "bob", "master"), NULL);
  g_autofree char *tile_url = NULL;

  {
    g_autoptr(HttpReply) a = http_get (sql_url);
    g_autoptr(HttpReply) b = http_get (map_key_url);
    g_autoptr(HttpReply) c = http_get (bad_url);
    g_autoptr(HttpReply) d = http_post_form (post_url, "q", "SELECT 1", "api_key", master, NULL);
    g_autoptr(HttpReply) e = http_send ("POST", post_url, "application/json", json_body, NULL);
    g_autoptr(HttpReply) f = http_send ("POST", map_url, "application/json", POINTS_CONFIG, NULL);
    g_autoptr(HttpReply) g = http_send ("GET", sql_url, NULL, NULL, headers);
    g_autoptr(HttpReply) h = http_get (bob_url);
    g_autoptr(JsonNode) map = http_reply_json (f);
    g_autoptr(HttpReply) i = NULL;

    /* Each request put its key somewhere else: all must have been served
     * (and logged) for the log check below to mean anything. */
    g_assert_cmpuint (a->status, ==, 200);
    g_assert_cmpuint (b->status, ==, 200);
    g_assert_cmpuint (c->status, ==, 401);
    g_assert_cmpuint (d->status, ==, 200);
    g_assert_cmpuint (e->status, ==, 200);
    g_assert_cmpuint (f->status, ==, 200);
    g_assert_cmpuint (g->status, ==, 200);
    g_assert_cmpuint (h->status, !=, 0);
    tile_url = g_strdup_printf ("%s/api/v1/map/%s/0/0/0.mvt?api_key=%s", base (),
                                json_get_string (map, "layergroupid"),
                                test_server_get_key (server, "alice", "reader"));
    i = http_get (tile_url);
    g_assert_cmpuint (i->status, ==, 200);
  }

  g_assert_true (g_file_get_contents (test_server_get_log_path (server), &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "api_key=REDACTED"));
  g_assert_nonnull (strstr (log, "map_key=REDACTED"));
  for (guint u = 0; u < G_N_ELEMENTS (users); u++)
    for (guint k = 0; k < G_N_ELEMENTS (alice_keys); k++)
      {
        const char *token = test_server_get_key (server, users[u], alice_keys[k]);

        if (token == NULL)
          continue;
        if (strstr (log, token) != NULL)
          g_test_message ("key %s/%s found in the log", users[u], alice_keys[k]);
        g_assert_null (strstr (log, token));
      }
  g_assert_null (strstr (log, b64));
  g_assert_null (strstr (log, "alice-"));
  g_assert_null (strstr (log, "bob-master"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Debian 12's GNOME proxy module aborts without its GSettings schema,
   * which the isolated dirs hide; loopback needs no proxy anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  config_path = g_test_build_filename (G_TEST_DIST, "server", "test-config.json", NULL);
  server = test_server_start (config_path, &error);
  g_assert_no_error (error);

  g_test_add_func ("/server-control/startup", test_startup);
  g_test_add_func ("/server-control/stats", test_stats);
  g_test_add_func ("/server-control/unknown-control-path", test_unknown_control_path);
  g_test_add_func ("/server-control/bad-fault-rejected", test_bad_fault_rejected);
  g_test_add_func ("/server-control/fault/latency", test_fault_latency);
  g_test_add_func ("/server-control/fault/status", test_fault_status);
  g_test_add_func ("/server-control/fault/status-429", test_fault_status_429);
  g_test_add_func ("/server-control/fault/reset", test_fault_reset);
  g_test_add_func ("/server-control/fault/truncate-tile", test_fault_truncate_tile);
  g_test_add_func ("/server-control/fault/garbage-tile", test_fault_garbage_tile);
  g_test_add_func ("/server-control/fault/invalid-json", test_fault_invalid_json);
  g_test_add_func ("/server-control/fault/huge-body", test_fault_huge_body);
  g_test_add_func ("/server-control/fault/redirect", test_fault_redirect);
  g_test_add_func ("/server-control/fault/scope-and-count", test_fault_scope_and_count);
  g_test_add_func ("/server-control/fault/from-command-line", test_faults_from_command_line);
  g_test_add_func ("/server-control/log-has-no-keys", test_log_has_no_keys);

  status = g_test_run ();
  test_server_stop (server);
  g_free (config_path);
  return status;
}
