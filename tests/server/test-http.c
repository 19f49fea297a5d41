/* test-http.c — plain libsoup requests for the server's tests
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-http.h"

static SoupSession *
session (void)
{
  static SoupSession *shared;

  /* A proxy-less resolver: the default one reads GSettings, which the
   * isolated test dirs do not have. */
  if (shared == NULL)
    {
      g_autoptr(GProxyResolver) resolver = g_simple_proxy_resolver_new (NULL, NULL);

      shared = soup_session_new_with_options ("timeout", 60, "max-conns-per-host", 8,
                                              "proxy-resolver", resolver, NULL);
    }
  return shared;
}

/**
 * http_send:
 * @method: GET, POST…
 * @url: the URL
 * @content_type: (nullable): the body's type
 * @body: (nullable): the body
 * @headers: (nullable) (array zero-terminated=1): name, value pairs
 *
 * Sends synchronously, never following redirects.
 *
 * Returns: (transfer full): the reply; check its error
 */
HttpReply *
http_send (const char         *method,
           const char         *url,
           const char         *content_type,
           const char         *body,
           const char * const *headers)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  HttpReply *reply = g_new0 (HttpReply, 1);
  gint64 start = g_get_monotonic_time ();

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  for (guint i = 0; headers != NULL && headers[i] != NULL && headers[i + 1] != NULL; i += 2)
    soup_message_headers_replace (soup_message_get_request_headers (msg), headers[i], headers[i + 1]);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  reply->body = soup_session_send_and_read (session (), msg, NULL, &reply->error);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  reply->seconds = (g_get_monotonic_time () - start) / 1e6;
  return reply;
}

/**
 * http_get:
 * @url: the URL
 *
 * Returns: (transfer full): the reply
 */
HttpReply *
http_get (const char *url)
{
  return http_send ("GET", url, NULL, NULL, NULL);
}

/**
 * http_post_form:
 * @url: the URL
 * @...: name, value pairs, then %NULL
 *
 * Returns: (transfer full): the reply to an urlencoded form POST
 */
HttpReply *
http_post_form (const char *url,
                ...)
{
  g_autoptr(GString) form = g_string_new (NULL);
  const char *name;
  va_list args;

  va_start (args, url);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

      g_string_append_printf (form, "%s%s=%s", form->len ? "&" : "", name, escaped);
    }
  va_end (args);
  return http_send ("POST", url, "application/x-www-form-urlencoded", form->str, NULL);
}

/**
 * http_reply_free:
 * @reply: (transfer full): a reply
 *
 * Frees @reply.
 */
void
http_reply_free (HttpReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_error (&reply->error);
  g_free (reply);
}

/**
 * http_reply_json:
 * @reply: a reply
 *
 * Returns: (transfer full) (nullable): the body parsed as JSON
 */
JsonNode *
http_reply_json (HttpReply *reply)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data;

  if (reply->body == NULL)
    return NULL;
  data = g_bytes_get_data (reply->body, &length);
  if (length == 0 || !json_parser_load_from_data (parser, data, length, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

/**
 * http_reply_header:
 * @reply: a reply
 * @name: a header
 *
 * Returns: (nullable): its value
 */
const char *
http_reply_header (HttpReply  *reply,
                   const char *name)
{
  return soup_message_headers_get_one (reply->headers, name);
}

/**
 * http_reply_text:
 * @reply: a reply
 *
 * Returns: (transfer full): the body as a string ("" when none)
 */
char *
http_reply_text (HttpReply *reply)
{
  gsize length = 0;
  const char *data = reply->body ? g_bytes_get_data (reply->body, &length) : NULL;

  return g_strndup (data ? data : "", length);
}

/**
 * http_sql_url:
 * @base_url: a user's base URL
 * @q: the query
 * @...: more name, value parameters, then %NULL
 *
 * Returns: (transfer full): `{base_url}/api/v2/sql?q=…&…`, escaped
 */
char *
http_sql_url (const char *base_url,
              const char *q,
              ...)
{
  g_autofree char *escaped = g_uri_escape_string (q, NULL, FALSE);
  GString *url = g_string_new (NULL);
  const char *name;
  va_list args;

  g_string_append_printf (url, "%s/api/v2/sql?q=%s", base_url, escaped);
  va_start (args, q);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *v = g_uri_escape_string (value, NULL, FALSE);

      g_string_append_printf (url, "&%s=%s", name, v);
    }
  va_end (args);
  return g_string_free (url, FALSE);
}

/**
 * json_get:
 * @node: (nullable): a JSON document
 * @path: members and array indices separated by dots, e.g. `rows.0.name`
 *
 * Returns: (transfer none) (nullable): the node there
 */
JsonNode *
json_get (JsonNode   *node,
          const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; node != NULL && parts[i] != NULL; i++)
    {
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);

          node = json_object_has_member (object, parts[i]) ? json_object_get_member (object, parts[i]) : NULL;
        }
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint64 index = g_ascii_strtoull (parts[i], NULL, 10);

          node = index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;
        }
      else
        node = NULL;
    }
  return node;
}

/**
 * json_get_string:
 * @node: (nullable): a JSON document
 * @path: see json_get()
 *
 * Returns: (nullable): the string there
 */
const char *
json_get_string (JsonNode   *node,
                 const char *path)
{
  JsonNode *value = json_get (node, path);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (value);
}

/**
 * json_get_int:
 * @node: (nullable): a JSON document
 * @path: see json_get()
 *
 * Returns: the integer there, or G_MININT64
 */
gint64
json_get_int (JsonNode   *node,
              const char *path)
{
  JsonNode *value = json_get (node, path);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
    return G_MININT64;
  return json_node_get_int (value);
}

/**
 * json_first_error:
 * @node: (nullable): a SQL API or Maps API error body
 *
 * Returns: (transfer full) (nullable): `error[0]` or `errors[0]`
 */
char *
json_first_error (JsonNode *node)
{
  const char *message = json_get_string (node, "error.0");

  if (message == NULL)
    message = json_get_string (node, "errors.0");
  return g_strdup (message);
}
