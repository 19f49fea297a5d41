/* cts-server.c — HTTP front: addressing, keys, limits, faults, control, log
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include "cts-maps-api.h"
#include "cts-server.h"
#include "cts-sql-api.h"

#define SQL_UNKNOWN_USER "Sorry, we can't find CARTO user '%s'. Please check that you have entered the correct domain."
#define MAPS_UNKNOWN_USER "DB host or name not found in redis (try CARTODB/script/restore_redis)"
#define SQL_RATE_LIMITED "You are over platform's limits. Please contact us to know more details"
#define MAPS_RATE_LIMITED "You are over platform's limits: too many requests. Please contact us to know more details"

typedef struct {
  gint64 start_us;
  guint count;
} RateWindow;

static void continue_request (CtsRequest *req);

/* JSON helpers shared by the APIs: they build bodies by hand so that member
 * order and number spelling match what CARTO's Node.js services send. */

/**
 * cts_json_append_string:
 * @out: a string being built
 * @value: (nullable): UTF-8 text
 *
 * Appends @value as a JSON string (or `null`).
 */
void
cts_json_append_string (GString    *out,
                        const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (const unsigned char *p = (const unsigned char *) value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
        }
    }
  g_string_append_c (out, '"');
}

/**
 * cts_sql_error_body:
 * @message: the error
 * @context: (nullable): CARTO's context (e.g. `limit`)
 * @detail: (nullable): CARTO's detail (e.g. `datasource`)
 * @hint: (nullable): PostgreSQL's hint
 *
 * Returns: (transfer full): `{"error":[message],"context"…,"detail"…,"hint"…}`
 */
GString *
cts_sql_error_body (const char *message,
                    const char *context,
                    const char *detail,
                    const char *hint)
{
  GString *out = g_string_new ("{\"error\":[");

  cts_json_append_string (out, message);
  g_string_append_c (out, ']');
  if (context != NULL)
    {
      g_string_append (out, ",\"context\":");
      cts_json_append_string (out, context);
    }
  if (detail != NULL)
    {
      g_string_append (out, ",\"detail\":");
      cts_json_append_string (out, detail);
    }
  if (hint != NULL)
    {
      g_string_append (out, ",\"hint\":");
      cts_json_append_string (out, hint);
    }
  g_string_append_c (out, '}');
  return out;
}

/**
 * cts_maps_error_body:
 * @message: the error
 * @type: layer, auth, limit, tile or unknown
 * @subtype: (nullable): e.g. `api-key-not-found`
 * @layer_id: (nullable): the failing layer's id
 * @layer_index: the failing layer's index
 *
 * Returns: (transfer full): `{"errors":[…],"errors_with_context":[…]}`
 */
GString *
cts_maps_error_body (const char *message,
                     const char *type,
                     const char *subtype,
                     const char *layer_id,
                     int         layer_index)
{
  GString *out = g_string_new ("{\"errors\":[");

  cts_json_append_string (out, message);
  g_string_append (out, "],\"errors_with_context\":[{\"type\":");
  cts_json_append_string (out, type);
  g_string_append (out, ",\"message\":");
  cts_json_append_string (out, message);
  if (subtype != NULL)
    {
      g_string_append (out, ",\"subtype\":");
      cts_json_append_string (out, subtype);
    }
  if (layer_id != NULL)
    {
      g_string_append (out, ",\"layer\":{\"id\":");
      cts_json_append_string (out, layer_id);
      g_string_append_printf (out, ",\"index\":%d,\"type\":\"mapnik\"}", layer_index);
    }
  g_string_append (out, "}]}");
  return out;
}

static void
request_free (CtsRequest *req)
{
  g_clear_object (&req->msg);
  g_free (req->method);
  g_free (req->path);
  g_free (req->redacted_uri);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->params, g_hash_table_unref);
  g_free (req->user_name);
  g_free (req->api_path);
  g_free (req->sent_token);
  g_clear_pointer (&req->fault, cts_fault_free);
  g_clear_pointer (&req->headers, g_ptr_array_unref);
  g_free (req);
}

/* The log never holds a key: api_key and map_key values are replaced, and
 * the Authorization header is never written. */
static char *
redact_uri (GUri *uri)
{
  const char *query = g_uri_get_query (uri);
  GString *out = g_string_new (g_uri_get_path (uri));
  g_auto(GStrv) pairs = NULL;

  if (query == NULL)
    return g_string_free (out, FALSE);

  pairs = g_strsplit (query, "&", -1);
  g_string_append_c (out, '?');
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *raw_name = eq ? g_strndup (pairs[i], eq - pairs[i]) : g_strdup (pairs[i]);
      g_autofree char *name = g_uri_unescape_string (raw_name, NULL);

      if (i > 0)
        g_string_append_c (out, '&');
      if (name != NULL && (g_str_equal (name, "api_key") || g_str_equal (name, "map_key")))
        g_string_append_printf (out, "%s=REDACTED", raw_name);
      else
        g_string_append (out, pairs[i]);
    }
  return g_string_free (out, FALSE);
}

static void
log_request (CtsRequest *req,
             guint       status,
             gsize       length)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;

  if (req->server->log == NULL)
    return;
  now = g_date_time_new_now_utc ();
  stamp = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  fprintf (req->server->log, "%s %s %s %u %" G_GSIZE_FORMAT " %.1fms user=%s key=%s%s\n",
           stamp, req->method, req->redacted_uri, status, length,
           (g_get_monotonic_time () - req->start_us) / 1000.0,
           req->user ? req->user->name : "-",
           req->key ? req->key->name : "-",
           req->fault ? " fault" : "");
  fflush (req->server->log);
}

/**
 * cts_request_add_header:
 * @req: a request
 * @name: a response header
 * @value: its value
 *
 * Adds a header to the response cts_request_respond() will send.
 */
void
cts_request_add_header (CtsRequest *req,
                        const char *name,
                        const char *value)
{
  g_ptr_array_add (req->headers, g_strdup (name));
  g_ptr_array_add (req->headers, g_strdup (value));
}

static GBytes *
apply_body_faults (CtsRequest *req,
                   const char *content_type,
                   GBytes     *body)
{
  CtsFault *fault = req->fault;
  gsize length = body ? g_bytes_get_size (body) : 0;
  const guint8 *data = body ? g_bytes_get_data (body, NULL) : NULL;
  gboolean tile = content_type && g_str_equal (content_type, "application/x-protobuf");
  gboolean json = content_type && g_str_has_prefix (content_type, "application/json");

  if (fault->huge_body_bytes > 0)
    {
      gsize n = MAX (fault->huge_body_bytes, (guint64) 32);
      guint8 *huge = g_malloc (n);

      /* Valid JSON when JSON was due, so only a size cap can refuse it. */
      memset (huge, json ? ' ' : 'x', n);
      if (json)
        {
          memcpy (huge, "{\"rows\":[],\"padding\":\"", 22);
          memset (huge + 22, 'x', n - 24);
          huge[n - 2] = '"';
          huge[n - 1] = '}';
        }
      return g_bytes_new_take (huge, n);
    }
  if (tile && fault->truncate_tile && length > 1)
    return g_bytes_new (data, length / 2);
  if (tile && fault->garbage_tile)
    {
      gsize n = MAX (length, (gsize) 64);
      guint8 *garbage = g_malloc (n);

      for (gsize i = 0; i < n; i++)
        garbage[i] = (guint8) g_random_int_range (0, 256);
      /* 0xff… is never a valid protobuf field key start for MVT. */
      garbage[0] = 0xff;
      return g_bytes_new_take (garbage, n);
    }
  if (json && fault->invalid_json && length > 1)
    return g_bytes_new (data, length / 2);
  return body ? g_bytes_ref (body) : NULL;
}

/**
 * cts_request_respond:
 * @req: (transfer full): a request
 * @status: the HTTP status
 * @content_type: (nullable): the body's type
 * @body: (nullable): the body
 *
 * Sends the response (after the body faults of the request's fault, if
 * any), logs it, resumes the message and frees @req.
 */
void
cts_request_respond (CtsRequest *req,
                     guint       status,
                     const char *content_type,
                     GBytes     *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  g_autoptr(GBytes) sent = NULL;
  gsize length;

  if (req->fault != NULL && status == 200)
    sent = apply_body_faults (req, content_type, body);
  else
    sent = body ? g_bytes_ref (body) : NULL;

  for (guint i = 0; i + 1 < req->headers->len; i += 2)
    soup_message_headers_append (headers, g_ptr_array_index (req->headers, i),
                                 g_ptr_array_index (req->headers, i + 1));
  soup_server_message_set_status (req->msg, status, NULL);
  length = sent ? g_bytes_get_size (sent) : 0;
  if (sent != NULL && length > 0)
    soup_server_message_set_response (req->msg, content_type, SOUP_MEMORY_COPY,
                                      g_bytes_get_data (sent, NULL), length);
  log_request (req, status, length);
  soup_server_message_unpause (req->msg);
  request_free (req);
}

/**
 * cts_request_respond_string:
 * @req: (transfer full): a request
 * @status: the HTTP status
 * @content_type: the body's type
 * @body: (transfer full): the body
 *
 * Like cts_request_respond(), for a body built in a #GString.
 */
void
cts_request_respond_string (CtsRequest *req,
                            guint       status,
                            const char *content_type,
                            GString    *body)
{
  gsize len = body->len;
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_string_free (body, FALSE), len);

  cts_request_respond (req, status, content_type, bytes);
}

/**
 * cts_request_dup_base_url:
 * @req: a request
 *
 * Returns: (transfer full): the user's base URL in the form the request
 *   used: `http://HOST/user/NAME` or `http://NAME.HOST`
 */
char *
cts_request_dup_base_url (CtsRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *host = soup_message_headers_get_one (headers, "Host");
  g_autofree char *fallback = g_strdup_printf ("127.0.0.1:%u", req->server->port);

  if (host == NULL)
    host = fallback;
  if (req->cloud_form)
    return g_strdup_printf ("http://%s", host);
  return g_strdup_printf ("http://%s/user/%s", host, req->user_name);
}

/**
 * cts_request_get_param:
 * @req: a request
 * @name: a parameter
 *
 * Returns: (nullable): the parameter from the body, else the query string
 */
const char *
cts_request_get_param (CtsRequest *req,
                       const char *name)
{
  return g_hash_table_lookup (req->params, name);
}

static void
respond_api_error (CtsRequest *req,
                   guint       status,
                   const char *message,
                   const char *subtype)
{
  if (req->api == CTS_API_MAPS)
    cts_request_respond_string (req, status, "application/json; charset=utf-8",
                                cts_maps_error_body (message, "auth", subtype, NULL, 0));
  else
    cts_request_respond_string (req, status, "application/json; charset=utf-8",
                                cts_sql_error_body (message, NULL, NULL, NULL));
}

static void
respond_rate_limited (CtsRequest *req,
                      guint       retry_after)
{
  g_autofree char *retry = g_strdup_printf ("%u", MAX (retry_after, 1u));

  cts_request_add_header (req, "Retry-After", retry);
  if (g_str_equal (req->kind, "tile"))
    cts_request_respond (req, 429, "application/x-protobuf", req->server->fallback_tile);
  else if (req->api == CTS_API_MAPS)
    cts_request_respond_string (req, 429, "application/json; charset=utf-8",
                                cts_maps_error_body (MAPS_RATE_LIMITED, "limit", "rate-limit", NULL, 0));
  else
    cts_request_respond_string (req, 429, "application/json; charset=utf-8",
                                cts_sql_error_body (SQL_RATE_LIMITED, "limit", "rate-limit", NULL));
}

/* A fixed window per user and API, with CARTO's headers on every answer. */
static gboolean
check_rate_limit (CtsRequest *req)
{
  CtsLimits *limits = &req->server->limits;
  g_autofree char *window_key = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *remaining = NULL;
  g_autofree char *reset = NULL;
  gint64 now = g_get_monotonic_time ();
  gint64 period_us;
  gint64 left_us;
  RateWindow *window;
  guint reset_s;

  if (limits->rate_limit_requests == 0)
    return TRUE;

  period_us = (gint64) limits->rate_limit_period_s * G_USEC_PER_SEC;
  window_key = g_strdup_printf ("%s\n%d", req->user->name, req->api);
  window = g_hash_table_lookup (req->server->rate_windows, window_key);
  if (window == NULL)
    {
      window = g_new0 (RateWindow, 1);
      window->start_us = now;
      g_hash_table_insert (req->server->rate_windows, g_strdup (window_key), window);
    }
  if (now - window->start_us >= period_us)
    {
      window->start_us = now;
      window->count = 0;
    }
  window->count++;

  left_us = MAX (0, window->start_us + period_us - now);
  reset_s = (guint) ((left_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  limit = g_strdup_printf ("%u", limits->rate_limit_requests);
  remaining = g_strdup_printf ("%u", window->count >= limits->rate_limit_requests ? 0 : limits->rate_limit_requests - window->count);
  reset = g_strdup_printf ("%u", reset_s);
  cts_request_add_header (req, "Carto-Rate-Limit-Limit", limit);
  cts_request_add_header (req, "Carto-Rate-Limit-Remaining", remaining);
  cts_request_add_header (req, "Carto-Rate-Limit-Reset", reset);

  if (window->count > limits->rate_limit_requests)
    {
      respond_rate_limited (req, reset_s);
      return FALSE;
    }
  return TRUE;
}

static void
merge_json_body (GHashTable *params,
                 const char *data,
                 gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (!json_parser_load_from_data (parser, data, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  json_object_iter_init (&iter, json_node_get_object (json_parser_get_root (parser)));
  while (json_object_iter_next (&iter, &member, &value))
    {
      char *text;

      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (value));
      else if (JSON_NODE_HOLDS_NULL (value))
        continue;
      else
        text = json_to_string (value, FALSE);
      g_hash_table_insert (params, g_strdup (member), text);
    }
}

static GHashTable *
parse_body_params (CtsRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) bytes = NULL;
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gsize length;
  const char *data;

  if (body == NULL || content_type == NULL)
    return params;
  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    return params;

  if (g_ascii_strcasecmp (content_type, "application/x-www-form-urlencoded") == 0)
    {
      g_autofree char *text = g_strndup (data, length);
      g_autoptr(GHashTable) form = soup_form_decode (text);
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_insert (params, g_strdup (k), g_strdup (v));
    }
  else if (g_ascii_strcasecmp (content_type, "application/json") == 0)
    merge_json_body (params, data, length);
  else if (g_ascii_strcasecmp (content_type, "multipart/form-data") == 0)
    {
      /* Read part by part: libsoup 3.2's soup_form_decode_multipart()
       * frees the multipart it is lent. */
      g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (headers, bytes);

      for (int i = 0; multipart != NULL && i < soup_multipart_get_length (multipart); i++)
        {
          SoupMessageHeaders *part_headers = NULL;
          GBytes *part_body = NULL;
          g_autofree char *disposition = NULL;
          g_autoptr(GHashTable) disposition_params = NULL;
          const char *name;

          if (!soup_multipart_get_part (multipart, i, &part_headers, &part_body) ||
              !soup_message_headers_get_content_disposition (part_headers, &disposition, &disposition_params))
            continue;
          name = g_hash_table_lookup (disposition_params, "name");
          if (name != NULL && g_hash_table_lookup (disposition_params, "filename") == NULL)
            {
              gsize part_length = 0;
              const char *part_data = g_bytes_get_data (part_body, &part_length);

              g_hash_table_insert (params, g_strdup (name), g_strndup (part_data, part_length));
            }
        }
    }
  return params;
}

/* CARTO's order: Basic credentials, then api_key/map_key in the query,
 * then in the body. */
static gboolean
resolve_key (CtsRequest *req,
             GHashTable *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *auth = soup_message_headers_get_one (headers, "Authorization");
  const char *sources[] = { "api_key", "map_key" };

  if (auth != NULL && g_ascii_strncasecmp (auth, "Basic ", 6) == 0)
    {
      gsize length = 0;
      g_autofree guchar *decoded = g_base64_decode (auth + 6, &length);
      g_autofree char *text = g_strndup ((const char *) decoded, length);
      char *colon = strchr (text, ':');
      const char *username = text;

      if (colon != NULL)
        {
          *colon = '\0';
          req->sent_token = g_strdup (colon + 1);
        }
      if (g_strcmp0 (username, req->user->name) != 0 &&
          (req->api != CTS_API_MAPS || *username != '\0'))
        {
          if (req->api == CTS_API_MAPS)
            respond_api_error (req, 403, "Forbidden", "api-key-username-mismatch");
          else
            respond_api_error (req, 403, "permission denied", NULL);
          return FALSE;
        }
    }

  for (guint i = 0; req->sent_token == NULL && i < G_N_ELEMENTS (sources); i++)
    if (req->query != NULL && g_hash_table_lookup (req->query, sources[i]) != NULL)
      req->sent_token = g_strdup (g_hash_table_lookup (req->query, sources[i]));
  for (guint i = 0; req->sent_token == NULL && body != NULL && i < G_N_ELEMENTS (sources); i++)
    if (g_hash_table_lookup (body, sources[i]) != NULL)
      req->sent_token = g_strdup (g_hash_table_lookup (body, sources[i]));

  if (req->sent_token != NULL)
    {
      req->key = cts_user_find_key_by_token (req->user, req->sent_token);
      if (req->key == NULL)
        {
          if (req->api == CTS_API_MAPS)
            respond_api_error (req, 401, "Unauthorized", "api-key-not-found");
          else
            respond_api_error (req, 401, "Unauthorized", NULL);
          return FALSE;
        }
    }
  else
    req->key = cts_user_find_key_by_type (req->user, CTS_KEY_DEFAULT);

  if (req->api == CTS_API_SQL && !req->key->grants_sql)
    {
      respond_api_error (req, 403, "forbidden", NULL);
      return FALSE;
    }
  if (req->api == CTS_API_MAPS && !req->key->grants_maps)
    {
      respond_api_error (req, 403, "Forbidden", "api-key-does-not-grant-access");
      return FALSE;
    }
  return TRUE;
}

static void
respond_fault_status (CtsRequest *req)
{
  CtsFault *fault = req->fault;
  g_autofree char *text = NULL;

  if (fault->status == 429)
    {
      respond_rate_limited (req, fault->retry_after);
      return;
    }
  if (fault->retry_after > 0)
    {
      g_autofree char *retry = g_strdup_printf ("%u", fault->retry_after);

      cts_request_add_header (req, "Retry-After", retry);
    }
  text = g_strdup_printf ("<html><body><h1>%u %s</h1></body></html>\n", fault->status,
                          soup_status_get_phrase (fault->status));
  cts_request_respond_string (req, fault->status, "text/html", g_string_new (text));
}

/* Answers with headers that promise more than is sent, then aborts the TCP
 * connection (RST), as a dying proxy would. */
static void
reset_connection (CtsRequest *req)
{
  const char *partial = g_str_equal (req->kind, "tile")
                          ? "\x1a\x80\x01\x0a\x06layer0\x12"
                          : "{\"rows\":[{\"cartodb_id\":1,";
  const char *type = g_str_equal (req->kind, "tile") ? "application/x-protobuf" : "application/json; charset=utf-8";
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: 4096\r\n\r\n", type);
  GIOStream *stream = soup_server_message_steal_connection (req->msg);
  GOutputStream *out;

  log_request (req, 200, strlen (partial));
  if (stream != NULL)
    {
      out = g_io_stream_get_output_stream (stream);
      g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
      g_output_stream_write_all (out, partial, strlen (partial), NULL, NULL, NULL);
      g_output_stream_flush (out, NULL, NULL);
      if (G_IS_SOCKET_CONNECTION (stream))
        {
          GSocket *socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (stream));

          struct linger lin = { 1, 0 };

          setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &lin, sizeof lin);
        }
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
    }
  request_free (req);
}

static gboolean
latency_done_cb (gpointer data)
{
  continue_request (data);
  return G_SOURCE_REMOVE;
}

/* After the fault's latency: what the fault does instead of an answer, then
 * the user, the key, the limits and the API itself. */
static void
continue_request (CtsRequest *req)
{
  g_autoptr(GHashTable) body = NULL;

  if (req->fault != NULL && req->fault->redirect_to != NULL)
    {
      GUri *uri = soup_server_message_get_uri (req->msg);
      const char *query = g_uri_get_query (uri);
      g_autofree char *location = g_strdup_printf ("%s%s%s%s", req->fault->redirect_to, req->path,
                                                   query ? "?" : "", query ? query : "");

      cts_request_add_header (req, "Location", location);
      cts_request_respond (req, 302, NULL, NULL);
      return;
    }
  if (req->fault != NULL && req->fault->status != 0)
    {
      respond_fault_status (req);
      return;
    }
  if (req->fault != NULL && req->fault->reset)
    {
      reset_connection (req);
      return;
    }

  if (req->user == NULL)
    {
      g_autofree char *message = g_strdup_printf (SQL_UNKNOWN_USER, req->user_name ? req->user_name : "");

      if (req->api == CTS_API_MAPS)
        cts_request_respond_string (req, 404, "application/json; charset=utf-8",
                                    cts_maps_error_body (MAPS_UNKNOWN_USER, "unknown", NULL, NULL, 0));
      else
        cts_request_respond_string (req, 404, "application/json; charset=utf-8",
                                    cts_sql_error_body (message, NULL, NULL, NULL));
      return;
    }

  if (req->api != CTS_API_MAPS && g_str_equal (req->method, "POST"))
    body = parse_body_params (req);
  if (!resolve_key (req, body))
    return;

  req->params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (req->query != NULL)
    {
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, req->query);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_insert (req->params, g_strdup (k), g_strdup (v));
    }
  if (body != NULL)
    {
      GHashTableIter iter;
      gpointer k, v;

      g_hash_table_iter_init (&iter, body);
      while (g_hash_table_iter_next (&iter, &k, &v))
        g_hash_table_insert (req->params, g_strdup (k), g_strdup (v));
    }

  if (!check_rate_limit (req))
    return;

  switch (req->api)
    {
    case CTS_API_SQL:
      cts_sql_api_handle (req);
      break;
    case CTS_API_MAPS:
      cts_maps_api_handle (req);
      break;
    case CTS_API_KEYS:
      cts_keys_api_handle (req);
      break;
    case CTS_API_NONE:
    default:
      cts_request_respond_string (req, 404, "application/json; charset=utf-8",
                                  cts_sql_error_body ("Not Found", NULL, NULL, NULL));
      break;
    }
}

static CtsFault *
take_fault (CtsServer  *server,
            const char *path)
{
  for (guint i = 0; i < server->faults->len; i++)
    {
      CtsFault *fault = g_ptr_array_index (server->faults, i);
      CtsFault *copy;

      if (fault->path_prefix != NULL && !g_str_has_prefix (path, fault->path_prefix))
        continue;
      copy = cts_fault_copy (fault);
      if (fault->remaining > 0 && --fault->remaining == 0)
        g_ptr_array_remove_index (server->faults, i);
      return copy;
    }
  return NULL;
}

static void
reset_limits (CtsServer *server)
{
  server->limits = server->config->limits;
  g_hash_table_remove_all (server->rate_windows);
}

static gboolean
apply_limits (CtsServer  *server,
              const char *data,
              gsize       length,
              GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (!json_parser_load_from_data (parser, data, length, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, CTS_ERROR, CTS_ERROR_CONFIG, "limits must be an object");
      return FALSE;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  if (json_object_has_member (object, "statement_timeout_ms"))
    server->limits.statement_timeout_ms = json_object_get_int_member (object, "statement_timeout_ms");
  if (json_object_has_member (object, "max_rows"))
    server->limits.max_rows = json_object_get_int_member (object, "max_rows");
  if (json_object_has_member (object, "max_result_bytes"))
    server->limits.max_result_bytes = json_object_get_int_member (object, "max_result_bytes");
  if (json_object_has_member (object, "map_ttl_s"))
    server->limits.map_ttl_s = json_object_get_int_member (object, "map_ttl_s");
  if (json_object_has_member (object, "rate_limit"))
    {
      JsonObject *rate = json_object_get_object_member (object, "rate_limit");

      server->limits.rate_limit_requests = rate ? json_object_get_int_member_with_default (rate, "requests", 0) : 0;
      server->limits.rate_limit_period_s = rate ? MAX (1, json_object_get_int_member_with_default (rate, "period_s", 1)) : 1;
      g_hash_table_remove_all (server->rate_windows);
    }
  return TRUE;
}

static void
handle_control (CtsServer         *server,
                SoupServerMessage *msg,
                const char        *path)
{
  GSocketAddress *remote = soup_server_message_get_remote_address (msg);
  const char *method = soup_server_message_get_method (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = body ? soup_message_body_flatten (body) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = NULL;
  guint status = 200;

  if (!G_IS_INET_SOCKET_ADDRESS (remote) ||
      !g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote))))
    {
      soup_server_message_set_status (msg, 403, NULL);
      return;
    }

  if (g_str_equal (path, "/_control/stats") && g_str_equal (method, "GET"))
    reply = cts_stats_to_json (server->stats);
  else if (g_str_equal (path, "/_control/reset") && g_str_equal (method, "POST"))
    {
      cts_stats_reset (server->stats);
      g_ptr_array_set_size (server->faults, 0);
      reset_limits (server);
      reply = g_strdup ("{\"ok\":true}");
    }
  else if (g_str_equal (path, "/_control/faults") && g_str_equal (method, "POST"))
    {
      gsize length = 0;
      const char *data = bytes ? g_bytes_get_data (bytes, &length) : "{}";
      g_autoptr(GPtrArray) faults = cts_faults_parse (data, length ? length : 2, &error);

      if (faults == NULL)
        status = 400;
      else
        {
          g_ptr_array_set_size (server->faults, 0);
          for (guint i = 0; i < faults->len; i++)
            g_ptr_array_add (server->faults, cts_fault_copy (g_ptr_array_index (faults, i)));
          reply = g_strdup ("{\"ok\":true}");
        }
    }
  else if (g_str_equal (path, "/_control/limits") && g_str_equal (method, "POST"))
    {
      gsize length = 0;
      const char *data = bytes ? g_bytes_get_data (bytes, &length) : "{}";

      if (!apply_limits (server, data, length ? length : 2, &error))
        status = 400;
      else
        reply = g_strdup ("{\"ok\":true}");
    }
  else
    status = 404;

  if (reply == NULL)
    {
      GString *out = g_string_new ("{\"error\":");

      cts_json_append_string (out, error ? error->message : "no such control endpoint");
      g_string_append_c (out, '}');
      reply = g_string_free (out, FALSE);
    }
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, reply, strlen (reply));
}

static void
server_cb (SoupServer        *soup,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  CtsServer *server = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  CtsRequest *req;
  const char *api_path;

  if (g_str_has_prefix (path, "/_control/"))
    {
      handle_control (server, msg, path);
      return;
    }

  req = g_new0 (CtsRequest, 1);
  req->server = server;
  req->msg = g_object_ref (msg);
  req->start_us = g_get_monotonic_time ();
  req->method = g_strdup (soup_server_message_get_method (msg));
  req->path = g_strdup (path);
  req->redacted_uri = redact_uri (soup_server_message_get_uri (msg));
  req->headers = g_ptr_array_new_with_free_func (g_free);
  req->query = query ? g_hash_table_ref (query) : NULL;
  soup_server_message_pause (msg);

  /* /user/NAME/… (on-premise) or NAME.host (cloud). */
  if (g_str_has_prefix (path, "/user/"))
    {
      const char *name = path + strlen ("/user/");
      const char *slash = strchr (name, '/');

      req->user_name = slash ? g_strndup (name, slash - name) : g_strdup (name);
      api_path = slash ? slash : "/";
    }
  else
    {
      const char *host = soup_message_headers_get_one (headers, "Host");
      const char *dot = host ? strchr (host, '.') : NULL;
      const char *colon = host ? strchr (host, ':') : NULL;

      if (dot != NULL && (colon == NULL || dot < colon))
        req->user_name = g_strndup (host, dot - host);
      else if (host != NULL)
        req->user_name = colon ? g_strndup (host, colon - host) : g_strdup (host);
      req->cloud_form = TRUE;
      api_path = path;
    }
  req->api_path = g_strdup (api_path);
  req->user = cts_config_find_user (server->config, req->user_name);

  if (g_str_equal (api_path, "/api/v2/sql") || g_str_equal (api_path, "/api/v2/sql/"))
    {
      req->api = CTS_API_SQL;
      req->kind = "sql";
    }
  else if (g_str_equal (api_path, "/api/v1/map") || g_str_equal (api_path, "/api/v1/map/"))
    {
      req->api = CTS_API_MAPS;
      req->kind = "map";
    }
  else if (g_str_has_prefix (api_path, "/api/v1/map/"))
    {
      req->api = CTS_API_MAPS;
      req->kind = "tile";
    }
  else if (g_str_has_prefix (api_path, "/api/v3/"))
    {
      req->api = CTS_API_KEYS;
      req->kind = "keys";
    }
  else
    {
      req->api = CTS_API_NONE;
      req->kind = "other";
    }

  cts_stats_count (server->stats, req->kind, path);
  req->fault = take_fault (server, path);

  if (req->fault != NULL && req->fault->latency_ms > 0)
    g_timeout_add (req->fault->latency_ms, latency_done_cb, req);
  else
    continue_request (req);
}

static void
layergroup_free (gpointer data)
{
  cts_layergroup_free (data);
}

/**
 * cts_server_new:
 * @config: (transfer none): the config, which must outlive the server
 * @db: (transfer none): the pool, which must outlive the server
 * @port: a port, or 0 for any free one
 * @log: (nullable): where request lines go
 * @error: return location for a #GError
 *
 * Listens on 127.0.0.1 only.
 *
 * Returns: (transfer full): the server, or %NULL
 */
CtsServer *
cts_server_new (CtsConfig *config,
                CtsDb     *db,
                guint      port,
                FILE      *log,
                GError   **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  CtsServer *server = g_new0 (CtsServer, 1);
  GSList *uris;

  server->config = config;
  server->db = db;
  server->log = log;
  server->stats = cts_stats_new ();
  server->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) cts_fault_free);
  server->rate_windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  server->layergroups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, layergroup_free);
  server->fallback_tile = cts_maps_fallback_tile ();
  reset_limits (server);

  server->soup = soup_server_new ("server-header", "carto-test-server ", NULL);
  soup_server_add_handler (server->soup, NULL, server_cb, server, NULL);
  if (!soup_server_listen (server->soup, address, 0, error))
    {
      cts_server_free (server);
      return NULL;
    }
  uris = soup_server_get_uris (server->soup);
  server->port = uris ? (guint) g_uri_get_port (uris->data) : port;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

/**
 * cts_server_free:
 * @server: (transfer full): a server
 *
 * Stops listening and frees @server.
 */
void
cts_server_free (CtsServer *server)
{
  if (server == NULL)
    return;
  if (server->soup != NULL)
    soup_server_disconnect (server->soup);
  g_clear_object (&server->soup);
  cts_stats_free (server->stats);
  g_clear_pointer (&server->faults, g_ptr_array_unref);
  g_clear_pointer (&server->rate_windows, g_hash_table_unref);
  g_clear_pointer (&server->layergroups, g_hash_table_unref);
  g_clear_pointer (&server->fallback_tile, g_bytes_unref);
  g_free (server);
}
