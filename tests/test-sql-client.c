/* test-sql-client.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CartoSqlClient against carto-test-server (tests/server/test-config.json,
 * user alice): answer shapes, every error class, retries, cancellation,
 * GET/POST and where the key travels.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include "sql-test-utils.h"

#define SQL_PATH "/user/alice/api/v2/sql"

static gint64
sql_requests (void)
{
  g_autoptr(GError) error = NULL;
  gint64 n = test_server_get_count (sql_test_get_server (), SQL_PATH, &error);

  g_assert_no_error (error);
  return n;
}

static void
set_faults (const char *json)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (test_server_set_faults (sql_test_get_server (), json, &error));
  g_assert_no_error (error);
}

static void
assert_query_error (const char    *user,
                    const char    *key_name,
                    const char    *sql,
                    CartoSqlError  code)
{
  g_autoptr(CartoSqlClient) client = sql_test_client (user, key_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = sql_test_query (client, sql, CARTO_SQL_FORMAT_JSON,
                                                     CARTO_SQL_QUERY_IDEMPOTENT, &error);

  g_test_message ("%s as %s/%s → %s", sql, user, key_name, error ? error->message : "success");
  g_assert_null (result);
  g_assert_error (error, CARTO_SQL_ERROR, (int) code);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_success_shape (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "master");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = NULL;
  g_autofree char *point = NULL;
  g_autofree char *missing = NULL;
  CartoSqlField *geom;

  result = sql_test_query (client, "SELECT cartodb_id, name, value, the_geom FROM public_points ORDER BY cartodb_id",
                           CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carto_sql_result_get_n_rows (result), ==, 4);
  g_assert_cmpint (carto_sql_result_get_total_rows (result), ==, 4);
  g_assert_cmpfloat (carto_sql_result_get_time (result), >=, 0.0);
  g_assert_cmpuint (carto_sql_result_get_n_fields (result), ==, 4);
  g_assert_cmpstr (carto_sql_field_get_name (carto_sql_result_get_field (result, 0)), ==, "cartodb_id");
  g_assert_cmpstr (carto_sql_field_get_name (carto_sql_result_get_field (result, 3)), ==, "the_geom");
  g_assert_cmpint (carto_sql_field_get_field_type (carto_sql_result_get_field (result, 1)), ==, CARTO_SQL_FIELD_TYPE_STRING);
  g_assert_cmpint (carto_sql_field_get_field_type (carto_sql_result_get_field (result, 2)), ==, CARTO_SQL_FIELD_TYPE_NUMBER);
  geom = carto_sql_result_get_field (result, 3);
  g_assert_cmpint (carto_sql_field_get_field_type (geom), ==, CARTO_SQL_FIELD_TYPE_GEOMETRY);
  g_assert_cmpint (carto_sql_field_get_srid (geom), ==, 4326);

  g_assert_cmpstr (carto_sql_result_get_string (result, 1, 1), ==, "Lisboa");
  g_assert_cmpfloat (carto_sql_result_get_double (result, 2, 2), ==, 30.0);
  point = carto_sql_result_dup_display_text (result, 0, 3);
  g_assert_cmpstr (point, ==, "POINT (-3.7038 40.4168)");
  g_assert_true (carto_sql_result_is_null (result, 3, 2));
  g_assert_true (carto_sql_result_is_null (result, 3, 3));
  missing = carto_sql_result_dup_display_text (result, 3, 3);
  g_assert_cmpstr (missing, ==, "");
}

static void
test_all_types (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = NULL;
  const char *expected[] = { "tab\there \"quoted\"", "42", "1.5", "true", "2024-02-29T00:00:00Z",
                             "2024-02-29T11:34:56Z", "{\"k\":[1,2]}" };
  const CartoSqlFieldType types[] = { CARTO_SQL_FIELD_TYPE_STRING, CARTO_SQL_FIELD_TYPE_NUMBER,
                                      CARTO_SQL_FIELD_TYPE_NUMBER, CARTO_SQL_FIELD_TYPE_BOOLEAN,
                                      CARTO_SQL_FIELD_TYPE_DATE, CARTO_SQL_FIELD_TYPE_DATE,
                                      CARTO_SQL_FIELD_TYPE_OTHER };

  result = sql_test_query (client, "SELECT t, i, f, ok, d, ts, j FROM all_types",
                           CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (carto_sql_result_get_n_fields (result), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = carto_sql_result_dup_display_text (result, 0, i);

      g_assert_cmpstr (text, ==, expected[i]);
      g_assert_cmpint (carto_sql_field_get_field_type (carto_sql_result_get_field (result, i)), ==, types[i]);
    }
}

static void
test_geojson (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = NULL;
  JsonObject *fc;
  JsonArray *features;
  JsonObject *geometry;

  result = sql_test_query (client, "SELECT cartodb_id, name, the_geom FROM public_points "
                                   "WHERE the_geom IS NOT NULL ORDER BY cartodb_id",
                           CARTO_SQL_FORMAT_GEOJSON, CARTO_SQL_QUERY_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (carto_sql_result_get_format (result), ==, CARTO_SQL_FORMAT_GEOJSON);
  g_assert_cmpuint (carto_sql_result_get_n_rows (result), ==, 3);
  fc = json_node_get_object (carto_sql_result_get_geojson (result));
  g_assert_cmpstr (json_object_get_string_member (fc, "type"), ==, "FeatureCollection");
  features = json_object_get_array_member (fc, "features");
  g_assert_cmpuint (json_array_get_length (features), ==, 3);
  geometry = json_object_get_object_member (json_array_get_object_element (features, 0), "geometry");
  g_assert_cmpstr (json_object_get_string_member (geometry, "type"), ==, "Point");
  g_assert_cmpstr (json_object_get_string_member (carto_sql_result_get_row (result, 2), "name"), ==, "Paris");
  /* the_geom is the geometry, not a property (docs/carto-api.md §2.4). */
  g_assert_false (json_object_has_member (carto_sql_result_get_row (result, 0), "the_geom"));
}

static void
test_error_after_first_row (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = NULL;

  /* 200 with rows, then "error": a failure, not two rows. */
  result = sql_test_query (client, "SELECT x, 1 / (3 - x) AS y FROM generate_series(1, 5) AS x",
                           CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_FLAGS_NONE, &error);
  g_assert_null (result);
  g_assert_error (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_SQL);
  g_assert_cmpstr (error->message, ==, "division by zero");
}

static void
test_errors (void)
{
  assert_query_error ("alice", "master", "SELECT FROM WHERE and", CARTO_SQL_ERROR_SQL);
  assert_query_error ("alice", "master", "SELECT * FROM no_such_table", CARTO_SQL_ERROR_NOT_FOUND);
  assert_query_error ("alice", "default_public", "SELECT * FROM private_points", CARTO_SQL_ERROR_PERMISSION_DENIED);
  assert_query_error ("alice", "default_public", "INSERT INTO public_points (name) VALUES ('x')",
                      CARTO_SQL_ERROR_PERMISSION_DENIED);
  assert_query_error ("alice", "reader", "SELECT relname FROM pg_class", CARTO_SQL_ERROR_PERMISSION_DENIED);
  assert_query_error ("alice", "mapsonly", "SELECT 1", CARTO_SQL_ERROR_PERMISSION_DENIED);
  assert_query_error ("alice", "not-a-real-key-0000", "SELECT 1", CARTO_SQL_ERROR_INVALID_KEY);
  assert_query_error ("nobody", "default_public", "SELECT 1", CARTO_SQL_ERROR_UNKNOWN_USER);

  {
    g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "master");
    g_autoptr(GError) error = NULL;
    g_autoptr(CartoSqlResult) result = sql_test_query (client, "SELECT * FROM public_points WHERE name = 'a' and",
                                                       CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_FLAGS_NONE, &error);

    g_assert_null (result);
    g_assert_error (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_SQL);
    /* The server's own words, for the console. */
    g_assert_nonnull (strstr (error->message, "syntax error"));
  }
}

static void
test_statement_timeout (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) limits_error = NULL;
  g_autoptr(CartoSqlResult) result = NULL;

  sql_test_reset_server ();
  g_assert_true (test_server_set_limits (sql_test_get_server (), "{\"statement_timeout_ms\": 200}", &limits_error));
  g_assert_no_error (limits_error);

  /* IDEMPOTENT, yet never retried: it would time out again. */
  result = sql_test_query (client, "SELECT pg_sleep(3)", CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT, &error);
  g_assert_null (result);
  g_assert_error (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_TIMEOUT);
  g_assert_nonnull (strstr (carto_sql_error_get_server_message (error), "timeout"));
  g_assert_cmpint (sql_requests (), ==, 1);

  sql_test_reset_server ();
}

static void
test_rate_limit_retried (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = NULL;
  gint64 start;

  sql_test_reset_server ();
  set_faults ("{\"path_prefix\": \"" SQL_PATH "\", \"status\": 429, \"retry_after\": 1, \"count\": 2}");

  start = g_get_monotonic_time ();
  result = sql_test_query (client, "SELECT 1 AS one", CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (carto_sql_result_get_double (result, 0, 0), ==, 1.0);
  /* Two 429s, each followed by the Retry-After second, then success. */
  g_assert_cmpint (sql_requests (), ==, 3);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC);

  sql_test_reset_server ();
}

static void
test_rate_limit_gives_up (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) once_error = NULL;
  g_autoptr(CartoSqlResult) result = NULL;
  g_autoptr(CartoSqlResult) once = NULL;

  sql_test_reset_server ();
  set_faults ("{\"path_prefix\": \"" SQL_PATH "\", \"status\": 429, \"retry_after\": 1}");
  carto_sql_client_set_max_retries (client, 2);

  result = sql_test_query (client, "SELECT 1", CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT, &error);
  g_assert_null (result);
  g_assert_error (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_RATE_LIMITED);
  g_assert_cmpuint (carto_sql_error_get_retry_after (error), ==, 1);
  g_assert_cmpint (sql_requests (), ==, 3);

  /* Not idempotent: sent once. */
  sql_test_reset_server ();
  set_faults ("{\"path_prefix\": \"" SQL_PATH "\", \"status\": 429, \"retry_after\": 1}");
  once = sql_test_query (client, "SELECT 1", CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_FLAGS_NONE, &once_error);
  g_assert_null (once);
  g_assert_error (once_error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_RATE_LIMITED);
  g_assert_cmpint (sql_requests (), ==, 1);

  sql_test_reset_server ();
}

static void
test_rate_limit_wait_is_capped (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = NULL;
  gint64 start;

  /* A Retry-After over the total budget is not waited for. */
  sql_test_reset_server ();
  set_faults ("{\"path_prefix\": \"" SQL_PATH "\", \"status\": 429, \"retry_after\": 120}");
  start = g_get_monotonic_time ();
  result = sql_test_query (client, "SELECT 1", CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT, &error);
  g_assert_error (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_RATE_LIMITED);
  g_assert_cmpuint (carto_sql_error_get_retry_after (error), ==, 120);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (sql_requests (), ==, 1);

  sql_test_reset_server ();
}

static void
test_real_rate_limit (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(GError) limits_error = NULL;

  /* The server's own limiter, not a fault: the third query in the window
   * waits for Retry-After and then succeeds. */
  sql_test_reset_server ();
  g_assert_true (test_server_set_limits (sql_test_get_server (),
                                         "{\"rate_limit\": {\"requests\": 2, \"period_s\": 1}}", &limits_error));
  g_assert_no_error (limits_error);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CartoSqlResult) result = sql_test_query (client, "SELECT 1", CARTO_SQL_FORMAT_JSON,
                                                         CARTO_SQL_QUERY_IDEMPOTENT, &error);

      g_assert_no_error (error);
      g_assert_nonnull (result);
    }
  g_assert_cmpint (sql_requests (), >=, 4);

  sql_test_reset_server ();
}

static void
test_server_errors (void)
{
  const struct { const char *fault; CartoSqlError code; } cases[] = {
    { "{\"path_prefix\": \"" SQL_PATH "\", \"status\": 500}", CARTO_SQL_ERROR_SERVER },
    { "{\"path_prefix\": \"" SQL_PATH "\", \"status\": 503, \"retry_after\": 1}", CARTO_SQL_ERROR_SERVER },
    { "{\"path_prefix\": \"" SQL_PATH "\", \"invalid_json\": true}", CARTO_SQL_ERROR_BAD_RESPONSE },
    { "{\"path_prefix\": \"" SQL_PATH "\", \"reset\": true}", CARTO_SQL_ERROR_NETWORK },
    { "{\"path_prefix\": \"" SQL_PATH "\", \"redirect_to\": \"http://127.0.0.1:9\"}", CARTO_SQL_ERROR_BAD_RESPONSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
      g_autoptr(GError) error = NULL;
      g_autoptr(CartoSqlResult) result = NULL;

      sql_test_reset_server ();
      set_faults (cases[i].fault);
      result = sql_test_query (client, "SELECT cartodb_id FROM public_points", CARTO_SQL_FORMAT_JSON,
                               CARTO_SQL_QUERY_IDEMPOTENT, &error);
      g_test_message ("%s → %s", cases[i].fault, error ? error->message : "success");
      g_assert_null (result);
      g_assert_error (error, CARTO_SQL_ERROR, (int) cases[i].code);
      /* None of these is retried: only rate limits are. */
      g_assert_cmpint (sql_requests (), ==, 1);
    }

  sql_test_reset_server ();
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_REMOVE;
}

static void
assert_cancelled_fast (const char *fault,
                       gint64      expected_requests)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(CartoSqlResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  sql_test_reset_server ();
  set_faults (fault);

  start = g_get_monotonic_time ();
  carto_sql_client_query_async (client, "SELECT 1", CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT,
                                cancellable, sql_test_result_cb, &async_result);
  g_timeout_add (300, cancel_cb, cancellable);
  sql_test_wait (&async_result, 30);
  result = carto_sql_client_query_finish (client, async_result, &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpint (sql_requests (), ==, expected_requests);

  sql_test_reset_server ();
}

static void
test_cancel_during_request (void)
{
  assert_cancelled_fast ("{\"path_prefix\": \"" SQL_PATH "\", \"latency_ms\": 5000}", 1);
}

static void
test_cancel_during_retry_wait (void)
{
  /* One 429, then the 10 s wait is cut short. */
  assert_cancelled_fast ("{\"path_prefix\": \"" SQL_PATH "\", \"status\": 429, \"retry_after\": 10}", 1);
}

typedef struct
{
  GPtrArray *methods;
  GPtrArray *uris;
  GPtrArray *auth;
} Sent;

static void
on_request_queued_cb (SoupSession *session,
                      SoupMessage *message,
                      gpointer     user_data)
{
  Sent *sent = user_data;
  const char *auth = soup_message_headers_get_one (soup_message_get_request_headers (message), "Authorization");

  g_ptr_array_add (sent->methods, g_strdup (soup_message_get_method (message)));
  g_ptr_array_add (sent->uris, g_uri_to_string (soup_message_get_uri (message)));
  g_ptr_array_add (sent->auth, g_strdup (auth));
}

static void
test_get_post_and_key_transport (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "master");
  const char *key = test_server_get_key (sql_test_get_server (), "alice", "master");
  SoupSession *session = sql_test_get_session ();
  g_autoptr(GString) long_sql = g_string_new ("SELECT '");
  g_autoptr(CartoSqlResult) short_result = NULL;
  g_autoptr(CartoSqlResult) long_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *expected_auth = NULL;
  g_autofree char *pair = NULL;
  g_autofree char *b64 = NULL;
  Sent sent = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free),
                g_ptr_array_new_with_free_func (g_free) };
  gulong handler;

  for (guint i = 0; i < 20000; i++)
    g_string_append_c (long_sql, "abcdefghij"[i % 10]);
  g_string_append (long_sql, "' AS s");

  sql_test_reset_server ();
  handler = g_signal_connect (session, "request-queued", G_CALLBACK (on_request_queued_cb), &sent);

  short_result = sql_test_query (client, "SELECT current_user AS u", CARTO_SQL_FORMAT_JSON,
                                 CARTO_SQL_QUERY_FLAGS_NONE, &error);
  g_assert_no_error (error);
  /* The master key runs as the user's own role. */
  g_assert_cmpstr (carto_sql_result_get_string (short_result, 0, 0), ==, "alice");

  long_result = sql_test_query (client, long_sql->str, CARTO_SQL_FORMAT_JSON,
                                CARTO_SQL_QUERY_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (carto_sql_result_get_string (long_result, 0, 0)), ==, 20000);
  g_signal_handler_disconnect (session, handler);

  g_assert_cmpuint (sent.methods->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (sent.methods, 0), ==, "GET");
  g_assert_cmpstr (g_ptr_array_index (sent.methods, 1), ==, "POST");

  pair = g_strdup_printf ("alice:%s", key);
  b64 = g_base64_encode ((const guchar *) pair, strlen (pair));
  expected_auth = g_strdup_printf ("Basic %s", b64);
  for (guint i = 0; i < sent.uris->len; i++)
    {
      g_assert_null (strstr (g_ptr_array_index (sent.uris, i), key));
      g_assert_null (strstr (g_ptr_array_index (sent.uris, i), "api_key"));
      g_assert_cmpstr (g_ptr_array_index (sent.auth, i), ==, expected_auth);
    }
  g_assert_true (g_str_has_suffix (g_ptr_array_index (sent.uris, 1), "/api/v2/sql"));

  /* The server saw a GET and a POST, and its log holds no key. */
  log = sql_test_read_log ();
  g_assert_nonnull (strstr (log, "GET " SQL_PATH "?q="));
  g_assert_nonnull (strstr (log, "POST " SQL_PATH " 200"));
  g_assert_null (strstr (log, key));
  g_assert_cmpint (sql_requests (), ==, 2);

  g_ptr_array_unref (sent.methods);
  g_ptr_array_unref (sent.uris);
  g_ptr_array_unref (sent.auth);
}

static void
test_estimate_rows (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(CartoSqlResult) count = NULL;
  g_autoptr(GError) error = NULL;
  gint64 estimate;
  double exact;

  carto_sql_client_estimate_rows_async (client, "SELECT * FROM populated_places", NULL,
                                        sql_test_result_cb, &async_result);
  sql_test_wait (&async_result, 30);
  estimate = carto_sql_client_estimate_rows_finish (client, async_result, &error);
  g_assert_no_error (error);

  count = sql_test_query (client, "SELECT count(*) AS n FROM populated_places", CARTO_SQL_FORMAT_JSON,
                          CARTO_SQL_QUERY_FLAGS_NONE, &error);
  g_assert_no_error (error);
  exact = carto_sql_result_get_double (count, 0, 0);
  g_test_message ("populated_places: estimate %" G_GINT64_FORMAT ", count %.0f", estimate, exact);
  g_assert_cmpfloat (exact, >, 100000);
  g_assert_cmpfloat (ABS ((double) estimate - exact) / exact, <, 0.1);
}

static CartoSqlResult *
describe (CartoSqlClient  *client,
          const char      *sql,
          GError         **error)
{
  g_autoptr(GAsyncResult) async_result = NULL;

  carto_sql_client_describe_async (client, sql, NULL, sql_test_result_cb, &async_result);
  sql_test_wait (&async_result, 30);
  return carto_sql_client_describe_finish (client, async_result, error);
}

/* Columns with their types and no row, whatever the query ends with. */
static void
test_describe (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(CartoSqlResult) fields = NULL;
  g_autoptr(CartoSqlResult) bad = NULL;
  g_autoptr(GError) error = NULL;
  int geom, name;

  fields = describe (client, "SELECT cartodb_id, name, the_geom\nFROM populated_places -- every city\n;\n", &error);
  g_assert_no_error (error);
  g_assert_nonnull (fields);
  g_assert_cmpuint (carto_sql_result_get_n_fields (fields), ==, 3);
  g_assert_cmpuint (carto_sql_result_get_n_rows (fields), ==, 0);
  name = carto_sql_result_find_field (fields, "name");
  geom = carto_sql_result_find_field (fields, "the_geom");
  g_assert_cmpint (name, ==, 1);
  g_assert_cmpint (carto_sql_field_get_field_type (carto_sql_result_get_field (fields, (guint) name)), ==,
                   CARTO_SQL_FIELD_TYPE_STRING);
  g_assert_cmpint (geom, ==, 2);
  g_assert_cmpint (carto_sql_field_get_field_type (carto_sql_result_get_field (fields, (guint) geom)), ==,
                   CARTO_SQL_FIELD_TYPE_GEOMETRY);
  g_assert_cmpint (carto_sql_field_get_srid (carto_sql_result_get_field (fields, (guint) geom)), ==, 4326);

  /* The server still plans the query: its mistakes are its message. */
  bad = describe (client, "SELECT * FROM no_such_table", &error);
  g_assert_null (bad);
  g_assert_error (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no_such_table"));
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* Debian 12's GNOME proxy module aborts without its GSettings schema,
   * which the isolated dirs hide; loopback needs no proxy anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  sql_test_start_server ();

  g_test_add_func ("/sql-client/success-shape", test_success_shape);
  g_test_add_func ("/sql-client/all-types", test_all_types);
  g_test_add_func ("/sql-client/geojson", test_geojson);
  g_test_add_func ("/sql-client/error-after-first-row", test_error_after_first_row);
  g_test_add_func ("/sql-client/errors", test_errors);
  g_test_add_func ("/sql-client/statement-timeout", test_statement_timeout);
  g_test_add_func ("/sql-client/rate-limit/retried", test_rate_limit_retried);
  g_test_add_func ("/sql-client/rate-limit/gives-up", test_rate_limit_gives_up);
  g_test_add_func ("/sql-client/rate-limit/wait-is-capped", test_rate_limit_wait_is_capped);
  g_test_add_func ("/sql-client/rate-limit/server-limiter", test_real_rate_limit);
  g_test_add_func ("/sql-client/server-errors", test_server_errors);
  g_test_add_func ("/sql-client/cancel/during-request", test_cancel_during_request);
  g_test_add_func ("/sql-client/cancel/during-retry-wait", test_cancel_during_retry_wait);
  g_test_add_func ("/sql-client/get-post-and-key-transport", test_get_post_and_key_transport);
  g_test_add_func ("/sql-client/estimate-rows", test_estimate_rows);
  g_test_add_func ("/sql-client/describe", test_describe);

  status = g_test_run ();
  sql_test_stop_server ();
  return status;
}
