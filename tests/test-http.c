/* test-http.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>
#include <string.h>

#include "carto-http-private.h"

static void
test_redact (void)
{
  struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "https://u.carto.com/api/v1/map/abc/0/1/2/3.mvt?api_key=s3cr3t",
      "https://u.carto.com/api/v1/map/abc/0/1/2/3.mvt" },
    { "https://h/user/u/api/v2/sql?q=SELECT%201&API_KEY=s3cr3t&format=json",
      "https://h/user/u/api/v2/sql?q=SELECT%201&format=json" },
    { "http://127.0.0.1:8080/a?map_key=s3cr3t#frag", "http://127.0.0.1:8080/a#frag" },
    { "https://user:s3cr3t@host/x", "https://host/x" },
    { "not a uri", "(invalid URI)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *r = carto_http_redact_uri_string (cases[i].in);

      g_assert_cmpstr (r, ==, cases[i].out);
      g_assert_null (strstr (r, "s3cr3t"));
    }
}

static void
test_session (void)
{
  g_autoptr(SoupSession) s = carto_http_session_new ();

  g_assert_cmpuint (soup_session_get_max_conns_per_host (s), >=, 6);
  g_assert_cmpuint (soup_session_get_timeout (s), ==, 30);
  g_assert_true (g_str_has_prefix (soup_session_get_user_agent (s), "CartoViewer/"));
}

static gint64
retry_after (const char *value)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", "http://127.0.0.1/");

  if (value != NULL)
    soup_message_headers_replace (soup_message_get_response_headers (message), "Retry-After", value);
  return carto_http_parse_retry_after (message);
}

static char *
http_date (int seconds_from_now)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) when = g_date_time_add_seconds (now, seconds_from_now);

  return g_date_time_format (when, "%a, %d %b %Y %H:%M:%S GMT");
}

static void
test_retry_after (void)
{
  g_autofree char *later = http_date (120);
  g_autofree char *past = http_date (-120);

  g_assert_cmpint (retry_after (NULL), ==, -1);
  g_assert_cmpint (retry_after ("7"), ==, 7);
  g_assert_cmpint (retry_after (" 0 "), ==, 0);
  g_assert_cmpint (retry_after ("soon"), ==, -1);
  g_assert_cmpint (retry_after ("-3"), ==, -1);
  /* A date is counted from now, rounded up: never early. */
  g_assert_cmpint (retry_after (later), >=, 119);
  g_assert_cmpint (retry_after (later), <=, 121);
  g_assert_cmpint (retry_after (past), ==, 0);
}

static void
read_body_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GBytes *
read_body (const char    *text,
           gsize          max_bytes,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (g_strdup (text), strlen (text), g_free);
  g_autoptr(GAsyncResult) result = NULL;

  carto_http_read_body_async (stream, max_bytes, cancellable, read_body_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return carto_http_read_body_finish (result, error);
}

static void
test_read_body (void)
{
  g_autofree char *big = g_strnfill (200 * 1024, 'x');
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(GBytes) small = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) capped = NULL;
  g_autoptr(GBytes) none = NULL;
  g_autoptr(GBytes) stopped = NULL;
  g_autoptr(GError) error = NULL;

  small = read_body ("{\"rows\":[]}", 1024, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (small, NULL), g_bytes_get_size (small), "{\"rows\":[]}", 11);

  none = read_body ("", 1024, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (none), ==, 0);

  /* Several steps, up to the cap exactly. */
  whole = read_body (big, strlen (big), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (whole), ==, strlen (big));

  capped = read_body (big, strlen (big) - 1, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_null (capped);
  g_clear_error (&error);

  g_cancellable_cancel (cancelled);
  stopped = read_body (big, strlen (big), cancelled, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (stopped);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/http/redact", test_redact);
  g_test_add_func ("/http/session", test_session);
  g_test_add_func ("/http/retry-after", test_retry_after);
  g_test_add_func ("/http/read-body", test_read_body);

  return g_test_run ();
}
