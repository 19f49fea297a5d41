/* test-credentials-verify-mock.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * carto_credentials_verify_async() against a scripted SoupServer in this
 * process: every classification, the request it sends (key only in the
 * Basic header), redirects, Retry-After forms, TLS failure, a closed port
 * and cancellation. test-credentials-verify.c checks the same against the
 * CARTO-compatible test server.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>

#include "credentials-test-utils.h"

#if defined(__SANITIZE_ADDRESS__)
#define BUILT_WITH_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BUILT_WITH_ASAN 1
#endif
#endif

#define KEY_MASTER "k3y-master-4e1b8d20"
#define KEY_OTHER "k3y-other-90af3c6e"

static const char * const all_keys[] = { KEY_MASTER, KEY_OTHER, NULL };

typedef struct
{
  SoupServer *server;
  char *base;       /* http://127.0.0.1:PORT */
  guint requests;
  GPtrArray *paused;
  char *last_authorization;
  char *last_query;
} Mock;

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

static void
respond_rows (SoupServerMessage *msg,
              const char        *query,
              const char        *role)
{
  if (g_strcmp0 (query, "SELECT current_user") == 0)
    {
      g_autofree char *json = g_strdup_printf ("{\"rows\":[{\"current_user\":\"%s\"}],\"time\":0.001,"
                                               "\"fields\":{\"current_user\":{\"type\":\"name\"}},\"total_rows\":1}",
                                               role);
      respond_json (msg, 200, json);
    }
  else
    {
      respond_json (msg, 200, "{\"rows\":[{\"?column?\":1}],\"time\":0.001,"
                              "\"fields\":{\"?column?\":{\"type\":\"number\"}},\"total_rows\":1}");
    }
}

/* /user/<behaviour>/api/v2/sql: the username picks the answer. */
static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Mock *mock = user_data;
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  const char *who;
  const char *q = query ? g_hash_table_lookup (query, "q") : NULL;

  mock->requests++;
  g_free (mock->last_authorization);
  mock->last_authorization = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                                     "Authorization"));
  g_free (mock->last_query);
  mock->last_query = g_strdup (g_uri_get_query (soup_server_message_get_uri (msg)));

  if (g_strv_length (parts) != 6 || g_strcmp0 (parts[1], "user") != 0 || g_strcmp0 (parts[3], "api") != 0)
    {
      respond_json (msg, 404, "{\"error\":[\"Not found\"]}");
      return;
    }
  who = parts[2];

  if (g_str_equal (who, "master"))
    respond_rows (msg, q, "cartodb_user_9f2c");
  else if (g_str_equal (who, "public"))
    respond_rows (msg, q, "publicuser");
  else if (g_str_equal (who, "orgpublic"))
    respond_rows (msg, q, "cartodb_publicuser_1a2b");
  else if (g_str_equal (who, "regular"))
    respond_rows (msg, q, "regular_role_5d1e0c");
  else if (g_str_equal (who, "unauth"))
    respond_json (msg, 401, "{\"error\":[\"Unauthorized\"]}");
  else if (g_str_equal (who, "forbid"))
    respond_json (msg, 403, "{\"error\":[\"permission denied\"]}");
  else if (g_str_equal (who, "nouser"))
    respond_json (msg, 404, "{\"error\":[\"Sorry, we can't find CARTO user 'nouser'. Please check that you have entered the correct domain.\"]}");
  else if (g_str_equal (who, "limited"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "7");
      respond_json (msg, 429, "{\"error\":[\"You are over platform's limits. Please contact us to know more details\"]}");
    }
  else if (g_str_equal (who, "limiteddate"))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 120);
      g_autofree char *date = g_date_time_format (later, "%a, %d %b %Y %H:%M:%S GMT");

      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", date);
      respond_json (msg, 429, "{\"error\":[\"limit\"]}");
    }
  else if (g_str_equal (who, "limitednone"))
    respond_json (msg, 429, "{\"error\":[\"limit\"]}");
  else if (g_str_equal (who, "broken"))
    respond_json (msg, 500, "<html>Internal Server Error</html>");
  else if (g_str_equal (who, "unavailable"))
    respond_json (msg, 503, "");
  else if (g_str_equal (who, "notjson"))
    respond_json (msg, 200, "hello");
  else if (g_str_equal (who, "streamerror"))
    respond_json (msg, 200, "{\"rows\":[],\"error\":[\"canceling statement due to statement timeout\"]}");
  else if (g_str_equal (who, "norole"))
    respond_json (msg, 200, g_strcmp0 (q, "SELECT 1") == 0 ? "{\"rows\":[{\"?column?\":1}]}" : "{\"rows\":[{\"x\":1}]}");
  else if (g_str_equal (who, "redirect"))
    {
      g_autofree char *to = g_strdup_printf ("%s/user/master/api/v2/sql", mock->base);

      soup_server_message_set_redirect (msg, 302, to);
    }
  else if (g_str_equal (who, "slow"))
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (mock->paused, g_object_ref (msg));
    }
  else
    respond_json (msg, 404, "{\"error\":[\"unknown\"]}");
}

static void
mock_setup (Mock          *mock,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  mock->server = soup_server_new (NULL, NULL);
  mock->paused = g_ptr_array_new_with_free_func (g_object_unref);
  soup_server_add_handler (mock->server, NULL, handler, mock, NULL);
  g_assert_true (soup_server_listen_local (mock->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (mock->server);
  mock->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);
}

static void
mock_teardown (Mock          *mock,
               gconstpointer  data)
{
  for (guint i = 0; i < mock->paused->len; i++)
    {
      SoupServerMessage *msg = g_ptr_array_index (mock->paused, i);

      soup_server_message_set_status (msg, 500, NULL);
      soup_server_message_unpause (msg);
    }
  g_ptr_array_unref (mock->paused);
  soup_server_disconnect (mock->server);
  g_clear_object (&mock->server);
  g_free (mock->base);
  g_free (mock->last_authorization);
  g_free (mock->last_query);
}

static CartoCredentials *
creds_for (const char *base,
           const char *user,
           const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("%s/user/%s", base, user);
  CartoCredentials *c = carto_credentials_new (NULL, key, url, CARTO_CREDENTIALS_ALLOW_NON_SECURE, &error);

  g_assert_no_error (error);
  return c;
}

static CartoVerifyResult *
verify (CartoCredentials *credentials,
        GCancellable     *cancellable,
        GError          **error)
{
  g_autoptr(SoupSession) session = carto_http_session_new ();
  g_autoptr(GAsyncResult) result = NULL;

  carto_credentials_verify_async (credentials, session, cancellable, carto_test_result_cb, &result);
  return carto_credentials_verify_finish (credentials, carto_test_wait_for_result (&result), error);
}

static CartoVerifyResult *
verify_user (Mock       *mock,
             const char *user,
             const char *key)
{
  g_autoptr(CartoCredentials) c = creds_for (mock->base, user, key);
  g_autoptr(GError) error = NULL;
  CartoVerifyResult *r = verify (c, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_nonnull (carto_verify_result_get_message (r));
  g_assert_null (strstr (carto_verify_result_get_message (r), KEY_MASTER));
  g_assert_null (strstr (carto_verify_result_get_message (r), KEY_OTHER));
  return r;
}

static void
test_master (Mock          *mock,
             gconstpointer  data)
{
  g_autoptr(CartoVerifyResult) r = verify_user (mock, "master", KEY_MASTER);
  g_autofree char *b64 = g_base64_encode ((const guchar *)"master:" KEY_MASTER, strlen ("master:" KEY_MASTER));
  g_autofree char *expected = g_strconcat ("Basic ", b64, NULL);

  g_assert_cmpint (carto_verify_result_get_status (r), ==, CARTO_VERIFY_STATUS_OK);
  g_assert_true (carto_verify_result_is_ok (r));
  g_assert_cmpint (carto_verify_result_get_key_access (r), ==, CARTO_KEY_ACCESS_MASTER);
  g_assert_cmpuint (carto_verify_result_get_http_status (r), ==, 200);
  g_assert_nonnull (strstr (carto_verify_result_get_message (r), "master"));

  /* Two queries; the key only in the header, never in the URL. */
  g_assert_cmpuint (mock->requests, ==, 2);
  g_assert_cmpstr (mock->last_authorization, ==, expected);
  g_assert_null (strstr (mock->last_query, KEY_MASTER));
  g_assert_null (strstr (mock->last_query, "api_key"));
}

static void
test_access_kinds (Mock          *mock,
                   gconstpointer  data)
{
  struct {
    const char *user;
    CartoKeyAccess access;
  } cases[] = {
    { "public", CARTO_KEY_ACCESS_PUBLIC },
    { "orgpublic", CARTO_KEY_ACCESS_PUBLIC },
    { "regular", CARTO_KEY_ACCESS_REGULAR },
    { "master", CARTO_KEY_ACCESS_MASTER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CartoVerifyResult) r = verify_user (mock, cases[i].user, i == 0 ? NULL : KEY_OTHER);

      g_assert_cmpint (carto_verify_result_get_status (r), ==, CARTO_VERIFY_STATUS_OK);
      g_assert_cmpint (carto_verify_result_get_key_access (r), ==, cases[i].access);
    }
}

static void
test_failures (Mock          *mock,
               gconstpointer  data)
{
  struct {
    const char *user;
    CartoVerifyStatus status;
    guint http;
  } cases[] = {
    { "unauth", CARTO_VERIFY_STATUS_INVALID_KEY, 401 },
    { "forbid", CARTO_VERIFY_STATUS_FORBIDDEN, 403 },
    { "nouser", CARTO_VERIFY_STATUS_UNKNOWN_USER, 404 },
    { "broken", CARTO_VERIFY_STATUS_SERVER_ERROR, 500 },
    { "unavailable", CARTO_VERIFY_STATUS_SERVER_ERROR, 503 },
    { "notjson", CARTO_VERIFY_STATUS_BAD_RESPONSE, 200 },
    { "streamerror", CARTO_VERIFY_STATUS_BAD_RESPONSE, 200 },
    { "norole", CARTO_VERIFY_STATUS_BAD_RESPONSE, 200 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CartoVerifyResult) r = verify_user (mock, cases[i].user, KEY_OTHER);

      g_assert_cmpint (carto_verify_result_get_status (r), ==, cases[i].status);
      g_assert_false (carto_verify_result_is_ok (r));
      g_assert_cmpint (carto_verify_result_get_key_access (r), ==, CARTO_KEY_ACCESS_UNKNOWN);
      g_assert_cmpuint (carto_verify_result_get_http_status (r), ==, cases[i].http);
      g_assert_cmpint (carto_verify_result_get_retry_after (r), ==, -1);
    }
}

static void
test_rate_limited (Mock          *mock,
                   gconstpointer  data)
{
  g_autoptr(CartoVerifyResult) seconds = verify_user (mock, "limited", KEY_OTHER);
  g_autoptr(CartoVerifyResult) date = verify_user (mock, "limiteddate", KEY_OTHER);
  g_autoptr(CartoVerifyResult) none = verify_user (mock, "limitednone", KEY_OTHER);

  g_assert_cmpint (carto_verify_result_get_status (seconds), ==, CARTO_VERIFY_STATUS_RATE_LIMITED);
  g_assert_cmpint (carto_verify_result_get_retry_after (seconds), ==, 7);
  g_assert_nonnull (strstr (carto_verify_result_get_message (seconds), "7"));
  g_assert_cmpuint (carto_verify_result_get_http_status (seconds), ==, 429);

  g_assert_cmpint (carto_verify_result_get_status (date), ==, CARTO_VERIFY_STATUS_RATE_LIMITED);
  g_assert_cmpint (carto_verify_result_get_retry_after (date), >=, 100);
  g_assert_cmpint (carto_verify_result_get_retry_after (date), <=, 120);

  g_assert_cmpint (carto_verify_result_get_status (none), ==, CARTO_VERIFY_STATUS_RATE_LIMITED);
  g_assert_cmpint (carto_verify_result_get_retry_after (none), ==, -1);
}

/* A redirect could send the key anywhere: it is not followed. */
static void
test_redirect_not_followed (Mock          *mock,
                            gconstpointer  data)
{
  g_autoptr(CartoVerifyResult) r = verify_user (mock, "redirect", KEY_OTHER);

  g_assert_cmpint (carto_verify_result_get_status (r), ==, CARTO_VERIFY_STATUS_BAD_RESPONSE);
  g_assert_cmpuint (carto_verify_result_get_http_status (r), ==, 302);
  g_assert_cmpuint (mock->requests, ==, 1);
}

static void
test_cancel (Mock          *mock,
             gconstpointer  data)
{
  g_autoptr(CartoCredentials) c = creds_for (mock->base, "slow", KEY_OTHER);
  g_autoptr(SoupSession) session = carto_http_session_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CartoVerifyResult) r = NULL;
  g_autoptr(GError) error = NULL;

  carto_credentials_verify_async (c, session, cancellable, carto_test_result_cb, &result);
  while (mock->paused->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  r = carto_credentials_verify_finish (c, carto_test_wait_for_result (&result), &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_server_down (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoCredentials) c = NULL;
  g_autoptr(CartoVerifyResult) r = NULL;
  g_autofree char *base = NULL;
  guint port;

  /* A port that was free a moment ago and now has no listener. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_assert_true (g_socket_close (socket, &error));

  base = g_strdup_printf ("http://127.0.0.1:%u", port);
  c = creds_for (base, "alice", KEY_OTHER);
  r = verify (c, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (carto_verify_result_get_status (r), ==, CARTO_VERIFY_STATUS_UNREACHABLE);
  g_assert_cmpuint (carto_verify_result_get_http_status (r), ==, 0);
  g_assert_nonnull (strstr (carto_verify_result_get_message (r), "127.0.0.1"));
}

static gboolean
on_incoming_cb (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source,
                gpointer           user_data)
{
  const char reply[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";

  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             reply, sizeof reply - 1, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

/* https:// to a server that answers in plain text: the TLS handshake
 * fails (GnuTLS sees no TLS record). */
static void
test_tls_error (void)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoCredentials) c = NULL;
  g_autoptr(CartoVerifyResult) r = NULL;
  g_autofree char *base = NULL;
  guint16 port;

#ifdef BUILT_WITH_ASAN
  /* LeakSanitizer's tracer crashes at exit once glib-networking has run a
   * GnuTLS handshake in the process; the normal build runs this case. */
  g_test_skip ("TLS handshakes crash LeakSanitizer at exit");
  return;
#endif

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming_cb), NULL);
  g_socket_service_start (service);

  base = g_strdup_printf ("https://127.0.0.1:%u", port);
  c = creds_for (base, "master", KEY_MASTER);
  r = verify (c, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (carto_verify_result_get_status (r), ==, CARTO_VERIFY_STATUS_TLS_ERROR);
  g_assert_cmpuint (carto_verify_result_get_http_status (r), ==, 0);
  g_socket_service_stop (service);
}

static void
test_guards (void)
{
  g_autoptr(CartoCredentials) c = creds_for ("http://127.0.0.1:9", "alice", NULL);

  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*SOUP_IS_SESSION*");
  carto_credentials_verify_async (c, NULL, NULL, NULL, NULL);
  g_test_assert_expected_messages ();
}

static void
test_no_secret_on_disk (void)
{
  carto_test_assert_no_secret_in_session (all_keys);
}

int
main (int argc, char *argv[])
{
  carto_test_guard_secrets_in_logs (all_keys);
  /* Debian 12's GNOME proxy module aborts when its schema is missing, as it
   * is under G_TEST_OPTION_ISOLATE_DIRS; tests use no proxy anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/credentials-verify-mock/mock/master", Mock, NULL, mock_setup, test_master, mock_teardown);
  g_test_add ("/credentials-verify-mock/mock/access-kinds", Mock, NULL, mock_setup, test_access_kinds, mock_teardown);
  g_test_add ("/credentials-verify-mock/mock/failures", Mock, NULL, mock_setup, test_failures, mock_teardown);
  g_test_add ("/credentials-verify-mock/mock/rate-limited", Mock, NULL, mock_setup, test_rate_limited, mock_teardown);
  g_test_add ("/credentials-verify-mock/mock/redirect-not-followed", Mock, NULL, mock_setup, test_redirect_not_followed, mock_teardown);
  g_test_add ("/credentials-verify-mock/mock/cancel", Mock, NULL, mock_setup, test_cancel, mock_teardown);
  g_test_add_func ("/credentials-verify-mock/tls-error", test_tls_error);
  g_test_add_func ("/credentials-verify-mock/server-down", test_server_down);
  g_test_add_func ("/credentials-verify-mock/guards", test_guards);
  g_test_add_func ("/secrets/no-secret-on-disk", test_no_secret_on_disk);

  return g_test_run ();
}
