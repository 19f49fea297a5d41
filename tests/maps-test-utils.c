/* maps-test-utils.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include "credentials-test-utils.h"
#include "maps-test-utils.h"

/* Long enough for a z0 tile of 138k points on a slow CI machine. */
#define WAIT_TIMEOUT_SECONDS 60

static TestServer *server;
static SoupSession *session;
static GPtrArray *secrets;

/**
 * maps_test_guard_logs:
 *
 * Aborts the test binary as soon as a log message of any level, debug
 * included, holds one of the demo users' keys. Call it first in main(),
 * before g_test_init() logs anything: it reads the keys from
 * `$G_TEST_SRCDIR/server/demo-config.json` itself.
 */
void
maps_test_guard_logs (void)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  JsonArray *users;

  g_assert_nonnull (srcdir);
  path = g_build_filename (srcdir, "server", "demo-config.json", NULL);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);

  users = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "users");
  for (guint u = 0; u < json_array_get_length (users); u++)
    {
      JsonArray *keys = json_object_get_array_member (json_array_get_object_element (users, u), "keys");

      for (guint k = 0; k < json_array_get_length (keys); k++)
        {
          const char *token = json_object_get_string_member (json_array_get_object_element (keys, k), "token");

          if (!g_str_equal (token, CARTO_DEFAULT_PUBLIC_KEY))
            g_ptr_array_add (tokens, g_strdup (token));
        }
    }
  g_assert_cmpuint (tokens->len, >=, 4);
  g_ptr_array_add (tokens, NULL);

  carto_test_guard_secrets_in_logs ((const char *const *) tokens->pdata);
}

/**
 * maps_test_start_server:
 * @extra_args: (nullable): more carto-test-server options
 *
 * Starts the demo server (tests/server/demo-config.json) for this binary,
 * and the session the clients share.
 *
 * Returns: (transfer none): the server
 */
TestServer *
maps_test_start_server (const char * const *extra_args)
{
  g_autofree char *config = NULL;
  g_autoptr(GError) error = NULL;
  const char *users[] = { "demo-atlas", "demo-cities" };
  const char *keys[] = { "master", "atlas_reader", "cities_mapper" };

  g_assert_null (server);
  config = g_test_build_filename (G_TEST_DIST, "server", "demo-config.json", NULL);
  server = test_server_start_full (config, extra_args, &error);
  g_assert_no_error (error);
  g_assert_nonnull (server);
  session = carto_http_session_new ();

  secrets = g_ptr_array_new ();
  for (guint u = 0; u < G_N_ELEMENTS (users); u++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        const char *token = test_server_get_key (server, users[u], keys[k]);

        if (token != NULL)
          g_ptr_array_add (secrets, (gpointer) token);
      }
  g_ptr_array_add (secrets, NULL);

  return server;
}

/**
 * maps_test_get_server:
 *
 * Returns: (transfer none): the running server
 */
TestServer *
maps_test_get_server (void)
{
  g_assert_nonnull (server);
  return server;
}

/**
 * maps_test_stop_server:
 *
 * Stops the server and drops the session.
 */
void
maps_test_stop_server (void)
{
  g_clear_object (&session);
  g_clear_pointer (&server, test_server_stop);
  g_clear_pointer (&secrets, g_ptr_array_unref);
}

/**
 * maps_test_get_session:
 *
 * Returns: (transfer none): the session
 */
SoupSession *
maps_test_get_session (void)
{
  g_assert_nonnull (session);
  return session;
}

/**
 * maps_test_secrets:
 *
 * Returns: (array zero-terminated=1) (transfer none): every secret key of
 *   the demo users, to check nothing leaks them
 */
const char *const *
maps_test_secrets (void)
{
  g_assert_nonnull (secrets);
  return (const char *const *) secrets->pdata;
}

/**
 * maps_test_credentials_at:
 * @url_user: the user whose `/user/NAME` URL is addressed (may be unknown)
 * @user: the user whose key is taken
 * @key_name: `master`, `default_public`, a regular key's name, or a token
 *   of its own (an invalid key)
 *
 * Returns: (transfer full): credentials named after @url_user with
 *   @user's key
 */
CartoCredentials *
maps_test_credentials_at (const char *url_user,
                          const char *user,
                          const char *key_name)
{
  const char *base = test_server_get_base_url (server, url_user);
  const char *token = test_server_get_key (server, user, key_name);
  g_autofree char *unknown_base = NULL;
  g_autoptr(GError) error = NULL;
  CartoCredentials *credentials;

  if (base == NULL)
    base = unknown_base = g_strdup_printf ("%s/user/%s", test_server_get_root_url (server), url_user);
  if (token == NULL)
    token = key_name;

  credentials = carto_credentials_new (url_user, token, base, CARTO_CREDENTIALS_ALLOW_NON_SECURE, &error);
  g_assert_no_error (error);
  return credentials;
}

/**
 * maps_test_credentials:
 * @user: a user of the config, or an unknown name
 * @key_name: as for maps_test_credentials_at()
 *
 * Returns: (transfer full): credentials for @user with one of its keys
 */
CartoCredentials *
maps_test_credentials (const char *user,
                       const char *key_name)
{
  return maps_test_credentials_at (user, user, key_name);
}

/**
 * maps_test_count:
 * @name: a counter of the server's stats (`map`, `tile`, `sql`…)
 *
 * Returns: the server's count of requests
 */
gint64
maps_test_count (const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 count = test_server_get_count (server, name, &error);

  g_assert_no_error (error);
  return count;
}

/**
 * maps_test_set_faults:
 * @json: fault knobs, `{}` to clear
 */
void
maps_test_set_faults (const char *json)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (test_server_set_faults (server, json, &error));
  g_assert_no_error (error);
}

/**
 * maps_test_set_limits:
 * @json: limits, as the control endpoint takes them
 */
void
maps_test_set_limits (const char *json)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (test_server_set_limits (server, json, &error));
  g_assert_no_error (error);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * maps_test_wait:
 * @slot: where maps_test_result_cb() puts the result
 *
 * Iterates the main context until the result arrives, failing the test
 * after a minute.
 *
 * Returns: (transfer none): the result, still owned by @slot
 */
GAsyncResult *
maps_test_wait (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, timeout_cb, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (timed_out);
  g_source_remove (id);
  return *slot;
}

/**
 * maps_test_result_cb:
 * @source: the source object
 * @result: the result
 * @user_data: a `GAsyncResult **` slot
 *
 * Keeps a reference to @result in the slot.
 */
void
maps_test_result_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

/**
 * maps_test_sql:
 * @user: a demo user
 * @sql: a query, run with the user's master key
 *
 * Returns: (transfer full): the result
 */
CartoSqlResult *
maps_test_sql (const char *user,
               const char *sql)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials (user, "master");
  g_autoptr(CartoSqlClient) client = carto_sql_client_new (session, credentials);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CartoSqlResult *rows;

  carto_sql_client_query_async (client, sql, CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_FLAGS_NONE,
                                NULL, maps_test_result_cb, &result);
  rows = carto_sql_client_query_finish (client, maps_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}
