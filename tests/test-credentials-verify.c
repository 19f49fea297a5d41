/* test-credentials-verify.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * carto_credentials_verify_async() against the CARTO-compatible test server
 * (tests/server/): the master key, public access, a regular key with and
 * without the SQL grant, a wrong key, an unknown user, a server that is
 * down, and the server's 500 and 429 faults.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>

#include "credentials-test-utils.h"
#include "test-server-fixture.h"

#define KEY_WRONG "k3y-verify-wrong-6c2f81a9"

static TestServer *server;
static char **all_keys;

static CartoCredentials *
server_creds (const char *user,
              const char *key)
{
  g_autoptr(GError) error = NULL;
  CartoCredentials *c = carto_credentials_new (NULL, key, test_server_get_base_url (server, user),
                                               CARTO_CREDENTIALS_ALLOW_NON_SECURE, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (carto_credentials_get_username (c), ==, user);
  return c;
}

static CartoVerifyResult *
verify (CartoCredentials *credentials)
{
  g_autoptr(SoupSession) session = carto_http_session_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CartoVerifyResult *r;

  carto_credentials_verify_async (credentials, session, NULL, carto_test_result_cb, &result);
  r = carto_credentials_verify_finish (credentials, carto_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  for (guint i = 0; all_keys[i] != NULL; i++)
    g_assert_null (strstr (carto_verify_result_get_message (r), all_keys[i]));
  return r;
}

static void
set_faults (const char *json)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (test_server_set_faults (server, json, &error));
  g_assert_no_error (error);
}

static void
test_master_key (void)
{
  g_autoptr(CartoCredentials) c = server_creds ("alice", test_server_get_key (server, "alice", "master"));
  g_autoptr(CartoVerifyResult) r = verify (c);

  g_assert_cmpint (carto_verify_result_get_status (r), ==, CARTO_VERIFY_STATUS_OK);
  g_assert_cmpint (carto_verify_result_get_key_access (r), ==, CARTO_KEY_ACCESS_MASTER);
  g_assert_nonnull (strstr (carto_verify_result_get_message (r), "alice"));
}

static void
test_public_key (void)
{
  g_autoptr(CartoCredentials) none = server_creds ("alice", NULL);
  g_autoptr(CartoCredentials) explicit = server_creds ("alice", test_server_get_key (server, "alice", "default_public"));
  g_autoptr(CartoVerifyResult) r = verify (none);
  g_autoptr(CartoVerifyResult) e = verify (explicit);

  g_assert_true (carto_credentials_is_public (none));
  g_assert_cmpint (carto_verify_result_get_status (r), ==, CARTO_VERIFY_STATUS_OK);
  g_assert_cmpint (carto_verify_result_get_key_access (r), ==, CARTO_KEY_ACCESS_PUBLIC);
  g_assert_cmpint (carto_verify_result_get_status (e), ==, CARTO_VERIFY_STATUS_OK);
  g_assert_cmpint (carto_verify_result_get_key_access (e), ==, CARTO_KEY_ACCESS_PUBLIC);
}

static void
test_regular_key (void)
{
  g_autoptr(CartoCredentials) reader = server_creds ("alice", test_server_get_key (server, "alice", "reader"));
  g_autoptr(CartoCredentials) maps_only = server_creds ("alice", test_server_get_key (server, "alice", "mapsonly"));
  g_autoptr(CartoVerifyResult) r = verify (reader);
  g_autoptr(CartoVerifyResult) m = verify (maps_only);

  g_assert_cmpint (carto_verify_result_get_status (r), ==, CARTO_VERIFY_STATUS_OK);
  g_assert_cmpint (carto_verify_result_get_key_access (r), ==, CARTO_KEY_ACCESS_REGULAR);

  /* A key without the SQL grant: 403 `forbidden`. */
  g_assert_cmpint (carto_verify_result_get_status (m), ==, CARTO_VERIFY_STATUS_FORBIDDEN);
  g_assert_cmpuint (carto_verify_result_get_http_status (m), ==, 403);
}

static void
test_wrong_key (void)
{
  g_autoptr(CartoCredentials) c = server_creds ("alice", KEY_WRONG);
  g_autoptr(CartoVerifyResult) r = verify (c);

  g_assert_cmpint (carto_verify_result_get_status (r), ==, CARTO_VERIFY_STATUS_INVALID_KEY);
  g_assert_cmpuint (carto_verify_result_get_http_status (r), ==, 401);
  g_assert_cmpint (carto_verify_result_get_key_access (r), ==, CARTO_KEY_ACCESS_UNKNOWN);
}

/* Another user's key: the Basic username must be the URL's user. */
static void
test_other_users_key (void)
{
  g_autoptr(CartoCredentials) c = server_creds ("alice", test_server_get_key (server, "bob", "master"));
  g_autoptr(CartoVerifyResult) r = verify (c);

  g_assert_false (carto_verify_result_is_ok (r));
  g_assert_true (carto_verify_result_get_status (r) == CARTO_VERIFY_STATUS_INVALID_KEY ||
                 carto_verify_result_get_status (r) == CARTO_VERIFY_STATUS_FORBIDDEN);
}

static void
test_unknown_user (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("%s/user/nobody", test_server_get_root_url (server));
  g_autoptr(CartoCredentials) c = carto_credentials_new (NULL, KEY_WRONG, url, CARTO_CREDENTIALS_ALLOW_NON_SECURE, &error);
  g_autoptr(CartoVerifyResult) r = NULL;

  g_assert_no_error (error);
  r = verify (c);
  g_assert_cmpint (carto_verify_result_get_status (r), ==, CARTO_VERIFY_STATUS_UNKNOWN_USER);
  g_assert_cmpuint (carto_verify_result_get_http_status (r), ==, 404);
  g_assert_nonnull (strstr (carto_verify_result_get_message (r), "nobody"));
}

static void
test_server_down (void)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoCredentials) c = NULL;
  g_autoptr(CartoVerifyResult) r = NULL;
  g_autofree char *url = NULL;

  /* A closed port: bound a moment ago, nobody listens now. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  url = g_strdup_printf ("http://127.0.0.1:%u/user/alice",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_assert_true (g_socket_close (socket, &error));

  c = carto_credentials_new (NULL, test_server_get_key (server, "alice", "master"), url,
                             CARTO_CREDENTIALS_ALLOW_NON_SECURE, &error);
  g_assert_no_error (error);
  r = verify (c);
  g_assert_cmpint (carto_verify_result_get_status (r), ==, CARTO_VERIFY_STATUS_UNREACHABLE);
  g_assert_cmpuint (carto_verify_result_get_http_status (r), ==, 0);
}

static void
test_server_error (void)
{
  g_autoptr(CartoCredentials) c = server_creds ("alice", test_server_get_key (server, "alice", "master"));
  g_autoptr(CartoVerifyResult) r = NULL;

  set_faults ("{\"status\": 500}");
  r = verify (c);
  set_faults ("{}");

  g_assert_cmpint (carto_verify_result_get_status (r), ==, CARTO_VERIFY_STATUS_SERVER_ERROR);
  g_assert_cmpuint (carto_verify_result_get_http_status (r), ==, 500);
}

static void
test_rate_limited (void)
{
  g_autoptr(CartoCredentials) c = server_creds ("alice", test_server_get_key (server, "alice", "master"));
  g_autoptr(CartoVerifyResult) r = NULL;
  g_autoptr(CartoVerifyResult) after = NULL;

  set_faults ("{\"status\": 429, \"retry_after\": 3}");
  r = verify (c);
  set_faults ("{}");

  g_assert_cmpint (carto_verify_result_get_status (r), ==, CARTO_VERIFY_STATUS_RATE_LIMITED);
  g_assert_cmpuint (carto_verify_result_get_http_status (r), ==, 429);
  g_assert_cmpint (carto_verify_result_get_retry_after (r), ==, 3);
  g_assert_nonnull (strstr (carto_verify_result_get_message (r), "3"));

  /* The fault is gone: the same credentials work again. */
  after = verify (c);
  g_assert_cmpint (carto_verify_result_get_status (after), ==, CARTO_VERIFY_STATUS_OK);
}

/* The server logs every request it gets: no key in any of them, because
 * keys travel in the Authorization header only. */
static void
test_no_key_in_server_log (void)
{
  g_autofree char *log = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoCredentials) c = server_creds ("alice", test_server_get_key (server, "alice", "master"));
  g_autoptr(CartoVerifyResult) r = verify (c);

  g_assert_cmpint (carto_verify_result_get_status (r), ==, CARTO_VERIFY_STATUS_OK);
  g_assert_true (g_file_get_contents (test_server_get_log_path (server), &log, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (log, "/user/alice/api/v2/sql"));
  for (guint i = 0; all_keys[i] != NULL; i++)
    {
      if (g_str_equal (all_keys[i], "default_public"))
        continue;
      g_assert_null (strstr (log, all_keys[i]));
    }
}

static void
test_no_secret_on_disk (void)
{
  carto_test_assert_no_secret_in_session ((const char * const *)all_keys);
}

int
main (int argc, char *argv[])
{
  g_autofree char *config = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  const char *names[] = { "master", "reader", "mapsonly" };
  int status;

  /* Debian 12's GNOME proxy module aborts when its schema is missing, as it
   * is under G_TEST_OPTION_ISOLATE_DIRS; loopback needs no proxy. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  config = g_test_build_filename (G_TEST_DIST, "server", "test-config.json", NULL);
  server = test_server_start (config, &error);
  g_assert_no_error (error);

  /* Every key this binary sends must stay out of logs and files. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_strv_builder_add (keys, test_server_get_key (server, "alice", names[i]));
  g_strv_builder_add (keys, test_server_get_key (server, "bob", "master"));
  g_strv_builder_add (keys, KEY_WRONG);
  all_keys = g_strv_builder_end (keys);
  carto_test_guard_secrets_in_logs ((const char * const *)all_keys);

  g_test_add_func ("/credentials-verify/master-key", test_master_key);
  g_test_add_func ("/credentials-verify/public-key", test_public_key);
  g_test_add_func ("/credentials-verify/regular-key", test_regular_key);
  g_test_add_func ("/credentials-verify/wrong-key", test_wrong_key);
  g_test_add_func ("/credentials-verify/other-users-key", test_other_users_key);
  g_test_add_func ("/credentials-verify/unknown-user", test_unknown_user);
  g_test_add_func ("/credentials-verify/server-down", test_server_down);
  g_test_add_func ("/credentials-verify/server-error", test_server_error);
  g_test_add_func ("/credentials-verify/rate-limited", test_rate_limited);
  g_test_add_func ("/credentials-verify/no-key-in-server-log", test_no_key_in_server_log);
  g_test_add_func ("/secrets/no-secret-on-disk", test_no_secret_on_disk);

  status = g_test_run ();
  test_server_stop (server);
  g_strfreev (all_keys);
  return status;
}
