/* carto-http.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "carto-http-private.h"

G_DEFINE_QUARK (carto-http-error-quark, carto_http_error)

/* A viewport at 1280×800 needs ~24 tiles; libsoup's default of 2 per host
 * would serialise them. */
#define MAX_CONNS_PER_HOST 8
#define MAX_CONNS 32
/* An I/O inactivity timeout, not a total: CARTO lets a query run up to
 * 25 s (Enterprise) before its own statement timeout answers, so ours must
 * be longer or the console would cut off answers that are coming. */
#define TIMEOUT_SECONDS 30
/* Bodies are read in steps this big. */
#define READ_CHUNK_BYTES (64 * 1024)

typedef struct
{
  GInputStream *stream;
  GByteArray *body;
  gsize max_bytes;
} ReadData;

static const char read_body_tag[] = "carto_http_read_body_async";

/**
 * carto_http_session_new:
 *
 * Creates the one HTTP session the application shares: a timeout shorter
 * than libsoup's default minute but longer than CARTO's own query limit, enough parallel
 * connections per host for a viewport of tiles, and a User-Agent naming us
 * (the trailing space makes libsoup append its own name).
 *
 * Returns: (transfer full): a new session
 */
SoupSession *
carto_http_session_new (void)
{
  return soup_session_new_with_options ("user-agent", "CartoViewer/" PACKAGE_VERSION " ",
                                        "timeout", TIMEOUT_SECONDS,
                                        "idle-timeout", 60,
                                        "max-conns-per-host", MAX_CONNS_PER_HOST,
                                        "max-conns", MAX_CONNS,
                                        NULL);
}

static gboolean
is_secret_param (const char *name)
{
  return g_ascii_strcasecmp (name, "api_key") == 0 ||
         g_ascii_strcasecmp (name, "map_key") == 0;
}

/**
 * carto_http_strip_api_key:
 * @uri: a URI, maybe with `api_key`/`map_key` query parameters
 *
 * CARTO copies the key into every URL it returns (docs/carto-api.md §5.3);
 * keys travel only in the Authorization header here, so they are removed
 * before a URL is stored, logged or used as a cache key. User info is
 * dropped too.
 *
 * Returns: (transfer full): @uri without secrets
 */
GUri *
carto_http_strip_api_key (GUri *uri)
{
  g_autoptr(GString) query = NULL;
  const char *q;

  g_return_val_if_fail (uri != NULL, NULL);

  q = g_uri_get_query (uri);
  if (q != NULL)
    {
      GUriParamsIter iter;
      char *name = NULL;
      char *value = NULL;

      query = g_string_new (NULL);
      g_uri_params_iter_init (&iter, q, -1, "&", G_URI_PARAMS_NONE);
      while (g_uri_params_iter_next (&iter, &name, &value, NULL))
        {
          if (!is_secret_param (name))
            {
              g_autofree char *ename = g_uri_escape_string (name, NULL, FALSE);
              g_autofree char *evalue = g_uri_escape_string (value, NULL, FALSE);

              if (query->len > 0)
                g_string_append_c (query, '&');
              g_string_append_printf (query, "%s=%s", ename, evalue);
            }
          g_clear_pointer (&name, g_free);
          g_clear_pointer (&value, g_free);
        }
    }

  return g_uri_build (g_uri_get_flags (uri) | G_URI_FLAGS_ENCODED_QUERY,
                      g_uri_get_scheme (uri),
                      NULL,
                      g_uri_get_host (uri),
                      g_uri_get_port (uri),
                      g_uri_get_path (uri),
                      query && query->len > 0 ? query->str : NULL,
                      g_uri_get_fragment (uri));
}

/**
 * carto_http_redact_uri:
 * @uri: a URI
 *
 * Returns: (transfer full): a string of @uri safe for logs and messages
 */
char *
carto_http_redact_uri (GUri *uri)
{
  g_autoptr(GUri) clean = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  clean = carto_http_strip_api_key (uri);
  return g_uri_to_string (clean);
}

/**
 * carto_http_redact_uri_string:
 * @uri: a URI string, possibly invalid
 *
 * Returns: (transfer full): the string without secrets; an unparsable
 *   input becomes a placeholder rather than being echoed
 */
char *
carto_http_redact_uri_string (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL)
    return g_strdup ("(invalid URI)");

  return carto_http_redact_uri (parsed);
}

/**
 * carto_http_error_from_transport:
 * @error: a GIO, TLS, resolver or libsoup error from sending a request
 *
 * Translates a library error into a %CARTO_HTTP_ERROR with a message a
 * person can act on; the library's own message goes to the debug log only.
 * Cancellation stays %G_IO_ERROR_CANCELLED, so callers can ignore it.
 *
 * Returns: (transfer full): a new error
 */
GError *
carto_http_error_from_transport (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  g_debug ("HTTP transport error: %s (%s %d)", error->message,
           g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new_literal (CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_TIMEOUT,
                                _("The server did not answer in time."));

  if (error->domain == G_TLS_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    return g_error_new_literal (CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_TLS,
                                _("A secure connection to the server could not be established."));

  if (error->domain == G_RESOLVER_ERROR ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    return g_error_new_literal (CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_OFFLINE,
                                _("The server could not be reached. Check your network connection."));

  if (error->domain == SOUP_SESSION_ERROR)
    return g_error_new_literal (CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_BAD_RESPONSE,
                                _("The server sent an answer that cannot be read."));

  return g_error_new_literal (CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_FAILED,
                              _("The request to the server failed."));
}

/**
 * carto_http_error_from_status:
 * @status: an HTTP status that is not a success
 *
 * Returns: (transfer full): a %CARTO_HTTP_ERROR for @status, with a
 *   generic message; callers with the server's own message use that
 */
GError *
carto_http_error_from_status (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return g_error_new_literal (CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_UNAUTHORIZED,
                                  _("The API key was not accepted."));
    case SOUP_STATUS_FORBIDDEN:
      return g_error_new_literal (CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_FORBIDDEN,
                                  _("The API key does not allow this."));
    case SOUP_STATUS_NOT_FOUND:
      return g_error_new_literal (CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_NOT_FOUND,
                                  _("The server does not know this address."));
    case 429: /* libsoup 3.2 has no name for it */
      return g_error_new_literal (CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_RATE_LIMITED,
                                  _("Too many requests: the server asks to wait a moment."));
    default:
      if (status >= 500)
        return g_error_new (CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_SERVER,
                            _("The server had a problem (HTTP %u). Try again later."), status);
      return g_error_new (CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_FAILED,
                          _("The server refused the request (HTTP %u)."), status);
    }
}

/**
 * carto_http_parse_retry_after:
 * @message: a message with its answer
 *
 * How long the server asks to wait before the next request. `Retry-After`
 * is seconds in CARTO (§2.6); HTTP also allows a date (RFC 9110
 * §10.2.3), counted from now and rounded up so a retry is never early.
 *
 * Returns: the seconds to wait, or -1 when the header is absent or
 *   unreadable
 */
gint64
carto_http_parse_retry_after (SoupMessage *message)
{
  const char *header;
  g_autofree char *value = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan diff;
  guint64 seconds;

  g_return_val_if_fail (SOUP_IS_MESSAGE (message), -1);

  header = soup_message_headers_get_one (soup_message_get_response_headers (message), "Retry-After");
  if (header == NULL)
    return -1;

  value = g_strstrip (g_strdup (header));
  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT, &seconds, NULL))
    return (gint64) seconds;

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  diff = g_date_time_difference (when, now);
  return diff <= 0 ? 0 : MIN (diff / G_TIME_SPAN_SECOND + 1, G_MAXINT);
}

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->stream);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_free (data);
}

static void read_next_chunk (GTask *task);

static void
read_chunk_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReadData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&data->body)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (data->body->len + g_bytes_get_size (chunk) > data->max_bytes)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                               "The body is larger than %" G_GSIZE_FORMAT " bytes", data->max_bytes);
      return;
    }

  g_byte_array_append (data->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_next_chunk (g_steal_pointer (&task));
}

static void
read_next_chunk (GTask *task)
{
  ReadData *data = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK_BYTES, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), read_chunk_cb, task);
}

/**
 * carto_http_read_body_async:
 * @stream: a response body, as soup_session_send_async() gives it
 * @max_bytes: the largest body accepted
 * @cancellable: (nullable): stops the reading
 * @callback: called with the body
 * @user_data: for @callback
 *
 * Reads the whole of @stream, in steps, without blocking the main loop.
 */
void
carto_http_read_body_async (GInputStream        *stream,
                            gsize                max_bytes,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  ReadData *data;

  g_return_if_fail (G_IS_INPUT_STREAM (stream));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) read_body_tag);

  data = g_new0 (ReadData, 1);
  data->stream = g_object_ref (stream);
  data->body = g_byte_array_new ();
  data->max_bytes = max_bytes;
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);

  read_next_chunk (task);
}

/**
 * carto_http_read_body_finish:
 * @result: the result passed to the callback
 * @error: return location for the stream's own error (untranslated: the
 *   caller puts it in its domain), %G_IO_ERROR_MESSAGE_TOO_LARGE past
 *   the cap, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the body, or %NULL with @error set
 */
GBytes *
carto_http_read_body_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == (gpointer) read_body_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
