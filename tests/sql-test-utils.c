/* sql-test-utils.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include "sql-test-utils.h"

static TestServer *server;
static SoupSession *session;

/**
 * sql_test_start_server:
 *
 * Starts the server of tests/server/test-config.json (users alice and bob)
 * for this binary, and the HTTP session the clients share.
 *
 * Returns: (transfer none): the server
 */
TestServer *
sql_test_start_server (void)
{
  g_autofree char *config = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (server);
  config = g_test_build_filename (G_TEST_DIST, "server", "test-config.json", NULL);
  server = test_server_start (config, &error);
  g_assert_no_error (error);
  g_assert_nonnull (server);
  session = carto_http_session_new ();

  return server;
}

TestServer *
sql_test_get_server (void)
{
  g_assert_nonnull (server);
  return server;
}

void
sql_test_stop_server (void)
{
  g_clear_object (&session);
  g_clear_pointer (&server, test_server_stop);
}

SoupSession *
sql_test_get_session (void)
{
  g_assert_nonnull (session);
  return session;
}

/**
 * sql_test_credentials:
 * @user: a user of the config, or an unknown name
 * @key_name: `master`, `default_public`, a regular key's name, or a token
 *   of its own (an invalid key)
 *
 * Returns: (transfer full): credentials for the server's `/user/NAME` URL
 */
CartoCredentials *
sql_test_credentials (const char *user,
                      const char *key_name)
{
  const char *base = test_server_get_base_url (server, user);
  const char *token = test_server_get_key (server, user, key_name);
  g_autofree char *unknown_base = NULL;
  g_autoptr(GError) error = NULL;
  CartoCredentials *credentials;

  if (base == NULL)
    base = unknown_base = g_strdup_printf ("%s/user/%s", test_server_get_root_url (server), user);
  if (token == NULL)
    token = key_name;

  credentials = carto_credentials_new (user, token, base, CARTO_CREDENTIALS_ALLOW_NON_SECURE, &error);
  g_assert_no_error (error);
  return credentials;
}

CartoSqlClient *
sql_test_client (const char *user,
                 const char *key_name)
{
  g_autoptr(CartoCredentials) credentials = sql_test_credentials (user, key_name);

  return carto_sql_client_new (session, credentials);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * sql_test_wait:
 * @slot: where sql_test_result_cb() stores the result
 * @timeout_seconds: fail the test after this long
 *
 * Returns: (transfer none): the result, owned by @slot
 */
GAsyncResult *
sql_test_wait (GAsyncResult **slot,
               guint          timeout_seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (timeout_seconds, timeout_cb, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);

  return *slot;
}

void
sql_test_result_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

CartoSqlResult *
sql_test_query (CartoSqlClient      *client,
                const char          *sql,
                CartoSqlFormat       format,
                CartoSqlQueryFlags   flags,
                GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_sql_client_query_async (client, sql, format, flags, NULL, sql_test_result_cb, &result);
  sql_test_wait (&result, 60);
  return carto_sql_client_query_finish (client, result, error);
}

/* Counts zeroed, faults cleared, limits back to the config's. */
void
sql_test_reset_server (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (test_server_reset (server, &error));
  g_assert_no_error (error);
}

char *
sql_test_read_log (void)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (test_server_get_log_path (server), &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}
