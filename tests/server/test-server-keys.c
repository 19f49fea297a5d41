/* test-server-keys.c — the test server's keys, privacy and catalogue
 * (docs/carto-api.md §3, §4)
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

/* §4.4's master-key catalogue query, as the client runs it. */
#define MASTER_CATALOGUE \
  "SELECT c.relname AS name, c.reltuples AS row_estimate, pg_total_relation_size(c.oid) AS size, " \
  "has_table_privilege('publicuser', c.oid, 'SELECT') AS is_public, m.updated_at " \
  "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " \
  "LEFT JOIN cartodb.cdb_tablemetadata m ON m.tabname = c.oid " \
  "WHERE c.relname IN (SELECT CDB_UserTables('all')) AND n.nspname = current_schema() ORDER BY 1"

static JsonNode *
sql_as (const char *user,
        const char *q,
        const char *key_name,
        guint       expected_status)
{
  const char *token = key_name ? test_server_get_key (server, user, key_name) : NULL;
  g_autofree char *url = token ? http_sql_url (test_server_get_base_url (server, user), q, "api_key", token, NULL)
                               : http_sql_url (test_server_get_base_url (server, user), q, NULL);
  g_autoptr(HttpReply) reply = http_get (url);

  g_assert_no_error (reply->error);
  if (reply->status != expected_status)
    {
      g_autofree char *text = http_reply_text (reply);

      g_test_message ("%s as %s → %u %s", q, key_name ? key_name : "(none)", reply->status, text);
    }
  g_assert_cmpuint (reply->status, ==, expected_status);
  return http_reply_json (reply);
}

static JsonNode *
sql (const char *q,
     const char *key_name,
     guint       expected_status)
{
  return sql_as ("alice", q, key_name, expected_status);
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The rows' single column, sorted and joined with commas. */
static char *
column_list (JsonNode   *body,
             const char *column)
{
  JsonArray *rows = json_node_get_array (json_get (body, "rows"));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (rows); i++)
    g_ptr_array_add (names, (gpointer) json_object_get_string_member (json_array_get_object_element (rows, i), column));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static void
test_current_user (void)
{
  g_autoptr(JsonNode) master = sql ("SELECT current_user AS u", "master", 200);
  g_autoptr(JsonNode) none = sql ("SELECT current_user AS u", NULL, 200);
  g_autoptr(JsonNode) def = sql ("SELECT current_user AS u", "default_public", 200);
  g_autoptr(JsonNode) reader = sql ("SELECT current_user AS u", "reader", 200);

  g_assert_cmpstr (json_get_string (master, "rows.0.u"), ==, "alice");
  g_assert_cmpstr (json_get_string (none, "rows.0.u"), ==, "publicuser");
  g_assert_cmpstr (json_get_string (def, "rows.0.u"), ==, "publicuser");
  g_assert_true (g_str_has_prefix (json_get_string (reader, "rows.0.u"), "alice_role_"));
}

static void
test_visibility (void)
{
  const struct {
    const char *key;
    guint public_status, link_status, private_status;
  } cases[] = {
    { NULL, 200, 200, 403 },
    { "default_public", 200, 200, 403 },
    { "master", 200, 200, 200 },
    { "reader", 200, 200, 200 },
    { "writer", 200, 200, 403 },
    { "sqlonly", 200, 200, 403 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) a = sql ("SELECT count(*) FROM public_points", cases[i].key, cases[i].public_status);
      g_autoptr(JsonNode) b = sql ("SELECT count(*) FROM link_points", cases[i].key, cases[i].link_status);
      g_autoptr(JsonNode) c = sql ("SELECT name FROM private_points", cases[i].key, cases[i].private_status);
      g_autofree char *error = json_first_error (c);

      /* sql() checked each status; the bodies must exist too. */
      g_assert_nonnull (a);
      g_assert_nonnull (b);

      if (cases[i].private_status == 403)
        g_assert_cmpstr (error, ==, "permission denied for table private_points");
      else
        g_assert_cmpstr (json_get_string (c, "rows.0.name"), ==, "Berlin");
    }
}

static void
test_regular_key_write (void)
{
  g_autoptr(JsonNode) before = sql ("SELECT updated_at FROM cartodb.cdb_tablemetadata WHERE tabname = 'public_points'::regclass",
                                    "master", 200);
  g_autoptr(JsonNode) inserted = NULL;
  g_autoptr(JsonNode) denied = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) mercator = NULL;
  g_autoptr(JsonNode) removed = NULL;

  g_usleep (1100 * 1000);
  inserted = sql ("INSERT INTO public_points (name, value, the_geom) VALUES ('Porto', 40, "
                  "ST_SetSRID(ST_MakePoint(-8.61, 41.15), 4326)) RETURNING cartodb_id", "writer", 200);
  denied = sql ("INSERT INTO public_points (name) VALUES ('no')", "reader", 403);
  after = sql ("SELECT updated_at FROM cartodb.cdb_tablemetadata WHERE tabname = 'public_points'::regclass",
               "master", 200);
  mercator = sql ("SELECT round(ST_X(the_geom_webmercator)) AS x FROM public_points WHERE name = 'Porto'", "master", 200);

  g_assert_cmpint (json_get_int (inserted, "rows.0.cartodb_id"), >, 4);
  g_assert_cmpstr (json_get_string (after, "rows.0.updated_at"), >, json_get_string (before, "rows.0.updated_at"));
  /* The trigger filled the_geom_webmercator: -8.61° → -958,472 m */
  g_assert_cmpint (json_get_int (mercator, "rows.0.x"), ==, -958461);

  removed = sql ("DELETE FROM public_points WHERE name = 'Porto'", "master", 200);
  g_assert_cmpint (json_get_int (removed, "total_rows"), ==, 1);
}

static void
test_user_isolation (void)
{
  g_autoptr(JsonNode) other_db = sql ("SELECT * FROM bob_public", "master", 400);
  g_autoptr(JsonNode) bob_public = sql_as ("bob", "SELECT name FROM bob_public", NULL, 200);
  g_autoptr(JsonNode) bob_private = sql_as ("bob", "SELECT name FROM bob_private", NULL, 403);
  g_autofree char *url = http_sql_url (test_server_get_base_url (server, "alice"), "SELECT 1",
                                       "api_key", test_server_get_key (server, "bob", "master"), NULL);
  g_autoptr(HttpReply) foreign_key = http_get (url);
  g_autofree char *error = json_first_error (other_db);

  g_assert_cmpstr (error, ==, "relation \"bob_public\" does not exist");
  g_assert_cmpstr (json_get_string (bob_public, "rows.0.name"), ==, "Oslo");
  {
    g_autofree char *private_error = json_first_error (bob_private);

    g_assert_nonnull (private_error);
  }
  g_assert_cmpuint (foreign_key->status, ==, 401);
}

static void
test_cdb_user_tables (void)
{
  const struct {
    const char *key;
    const char *perm;
    const char *expected;
  } cases[] = {
    { NULL, "all", "all_types,countries,link_points,populated_places,public_points" },
    { NULL, "public", "all_types,countries,link_points,populated_places,public_points" },
    { NULL, "private", "" },
    { "master", "all", "all_types,countries,link_points,populated_places,private_points,public_points" },
    { "master", "private", "private_points" },
    { "reader", "private", "private_points" },
    { "writer", "private", "" },
    { "master", "bogus", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *q = g_strdup_printf ("SELECT CDB_UserTables('%s') AS name", cases[i].perm);
      g_autoptr(JsonNode) body = sql (q, cases[i].key, 200);
      g_autofree char *names = column_list (body, "name");

      g_assert_cmpstr (names, ==, cases[i].expected);
    }
}

static void
test_public_and_link_look_alike (void)
{
  g_autoptr(JsonNode) body = sql ("SELECT has_table_privilege('publicuser', 'public_points', 'SELECT') AS p, "
                                  "has_table_privilege('publicuser', 'link_points', 'SELECT') AS l, "
                                  "has_table_privilege('publicuser', 'private_points', 'SELECT') AS x", "master", 200);

  g_assert_true (json_node_get_boolean (json_get (body, "rows.0.p")));
  g_assert_true (json_node_get_boolean (json_get (body, "rows.0.l")));
  g_assert_false (json_node_get_boolean (json_get (body, "rows.0.x")));
}

static void
test_master_catalogue_query (void)
{
  g_autoptr(JsonNode) body = sql (MASTER_CATALOGUE, "master", 200);
  g_autoptr(JsonNode) denied = sql (MASTER_CATALOGUE, NULL, 403);
  g_autofree char *names = column_list (body, "name");
  g_autofree char *error = json_first_error (denied);
  JsonArray *rows = json_node_get_array (json_get (body, "rows"));

  g_assert_cmpstr (names, ==, "all_types,countries,link_points,populated_places,private_points,public_points");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *name = json_object_get_string_member (row, "name");

      g_assert_cmpint (json_object_get_int_member (row, "size"), >, 0);
      g_assert_nonnull (json_object_get_string_member (row, "updated_at"));
      g_assert_cmpint (json_object_get_boolean_member (row, "is_public"), ==, g_strcmp0 (name, "private_points") != 0);
      if (g_str_equal (name, "countries"))
        g_assert_cmpfloat (json_object_get_double_member (row, "row_estimate"), ==, 177);
    }
  /* Planning it as publicuser already fails on cdb_tablemetadata, before
   * the pg_ check can see pg_class: a 403 either way. */
  g_assert_cmpstr (error, ==, "permission denied for table cdb_tablemetadata");
}

static void
test_any_key_queries (void)
{
  const char *keys[] = { NULL, "reader", "master" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(JsonNode) tables = sql ("SELECT CDB_UserTables('all') AS name", keys[i], 200);
      g_autoptr(JsonNode) explain = sql ("EXPLAIN (FORMAT JSON) SELECT * FROM \"alice\".\"populated_places\"", keys[i], 200);
      g_autoptr(JsonNode) types = sql ("SELECT DISTINCT GeometryType(the_geom) AS t FROM \"alice\".\"public_points\" LIMIT 5",
                                       keys[i], 200);
      g_autoptr(JsonNode) columns = sql ("SELECT * FROM \"alice\".\"public_points\" LIMIT 0", keys[i], 200);
      JsonNode *plan = json_get (explain, "rows.0.QUERY PLAN.0.Plan.Plan Rows");

      g_assert_cmpuint (json_array_get_length (json_node_get_array (json_get (tables, "rows"))), >=, 5);
      g_assert_nonnull (plan);
      g_assert_cmpfloat (json_node_get_double (plan), >, 100000);
      g_assert_cmpstr (json_get_string (types, "rows.0.t"), ==, "POINT");
      g_assert_cmpint (json_get_int (columns, "total_rows"), ==, 0);
      g_assert_cmpstr (json_get_string (columns, "fields.cartodb_id.pgtype"), ==, "int4");
      g_assert_cmpint (json_get_int (columns, "fields.the_geom.srid"), ==, 4326);
      g_assert_cmpint (json_get_int (columns, "fields.the_geom_webmercator.srid"), ==, 3857);
      g_assert_cmpstr (json_get_string (columns, "fields.value.type"), ==, "number");
    }
}

static void
test_table_metadata_master_only (void)
{
  g_autoptr(JsonNode) denied = sql ("SELECT * FROM cartodb.cdb_tablemetadata", NULL, 403);
  g_autoptr(JsonNode) reader = sql ("SELECT * FROM cartodb.cdb_tablemetadata", "reader", 403);
  g_autoptr(JsonNode) master = sql ("SELECT count(*) AS n FROM cartodb.cdb_tablemetadata", "master", 200);
  g_autofree char *error = json_first_error (denied);

  g_assert_cmpstr (error, ==, "permission denied for table cdb_tablemetadata");
  {
    g_autofree char *reader_error = json_first_error (reader);

    g_assert_cmpstr (reader_error, ==, "permission denied for table cdb_tablemetadata");
  }
  g_assert_cmpint (json_get_int (master, "rows.0.n"), ==, 6);
}

static void
test_query_tables_text (void)
{
  g_autoptr(JsonNode) body = sql ("SELECT CDB_QueryTablesText('SELECT * FROM public_points p JOIN link_points l USING (name)') AS t",
                                  NULL, 200);

  g_assert_cmpstr (json_get_string (body, "rows.0.t.0"), ==, "alice.link_points");
  g_assert_cmpstr (json_get_string (body, "rows.0.t.1"), ==, "alice.public_points");
}

static void
test_cartodbfy_shape (void)
{
  g_autoptr(JsonNode) indexes = sql ("SELECT indexdef FROM pg_indexes WHERE tablename = 'populated_places' ORDER BY 1",
                                     "master", 200);
  g_autoptr(JsonNode) clipped = sql ("SELECT min(ST_YMin(the_geom_webmercator)) AS ymin, "
                                     "min(ST_YMin(the_geom)) AS lat FROM countries", "master", 200);
  g_autofree char *defs = column_list (indexes, "indexdef");

  g_assert_nonnull (strstr (defs, "USING gist (the_geom)"));
  g_assert_nonnull (strstr (defs, "USING gist (the_geom_webmercator)"));
  g_assert_nonnull (strstr (defs, "(cartodb_id)"));
  /* Natural Earth 110m Antarctica reaches -85.61°; Web Mercator stops at ±85.0511° */
  g_assert_cmpfloat (json_node_get_double (json_get (clipped, "rows.0.lat")), <, -85.06);
  g_assert_cmpfloat (json_node_get_double (json_get (clipped, "rows.0.ymin")), >=, -20037508.35);
}

static void
test_api_keys_endpoint (void)
{
  const char *base = test_server_get_base_url (server, "alice");
  g_autofree char *master_url = g_strdup_printf ("%s/api/v3/api_keys?api_key=%s", base, test_server_get_key (server, "alice", "master"));
  g_autofree char *default_url = g_strdup_printf ("%s/api/v3/api_keys", base);
  g_autofree char *reader_url = g_strdup_printf ("%s/api/v3/api_keys?api_key=%s", base, test_server_get_key (server, "alice", "reader"));
  g_autofree char *me_url = g_strdup_printf ("%s/api/v3/me", base);
  g_autoptr(HttpReply) master = http_get (master_url);
  g_autoptr(HttpReply) def = http_get (default_url);
  g_autoptr(HttpReply) reader = http_get (reader_url);
  g_autoptr(HttpReply) me = http_get (me_url);
  g_autoptr(JsonNode) m = http_reply_json (master);
  g_autoptr(JsonNode) d = http_reply_json (def);
  g_autoptr(JsonNode) r = http_reply_json (reader);
  g_autoptr(JsonNode) u = http_reply_json (me);

  g_assert_cmpuint (master->status, ==, 200);
  g_assert_cmpint (json_get_int (m, "count"), ==, 6);
  g_assert_cmpint (json_get_int (d, "count"), ==, 1);
  g_assert_cmpstr (json_get_string (d, "result.0.type"), ==, "default");
  g_assert_cmpstr (json_get_string (d, "result.0.token"), ==, "default_public");
  g_assert_cmpint (json_get_int (r, "count"), ==, 1);
  g_assert_cmpstr (json_get_string (r, "result.0.type"), ==, "regular");
  g_assert_cmpstr (json_get_string (r, "result.0.grants.1.tables.0.name"), ==, "private_points");
  g_assert_cmpstr (json_get_string (u, "config.user_name"), ==, "alice");
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

  g_test_add_func ("/server-keys/current-user", test_current_user);
  g_test_add_func ("/server-keys/visibility", test_visibility);
  g_test_add_func ("/server-keys/regular-key-write", test_regular_key_write);
  g_test_add_func ("/server-keys/user-isolation", test_user_isolation);
  g_test_add_func ("/server-keys/cdb-user-tables", test_cdb_user_tables);
  g_test_add_func ("/server-keys/public-and-link-look-alike", test_public_and_link_look_alike);
  g_test_add_func ("/server-keys/master-catalogue-query", test_master_catalogue_query);
  g_test_add_func ("/server-keys/any-key-queries", test_any_key_queries);
  g_test_add_func ("/server-keys/table-metadata-master-only", test_table_metadata_master_only);
  g_test_add_func ("/server-keys/query-tables-text", test_query_tables_text);
  g_test_add_func ("/server-keys/cartodbfy-shape", test_cartodbfy_shape);
  g_test_add_func ("/server-keys/api-keys-endpoint", test_api_keys_endpoint);

  status = g_test_run ();
  test_server_stop (server);
  return status;
}
