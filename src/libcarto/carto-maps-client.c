/* carto-maps-client.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Maps API (docs/carto-api.md §5): one anonymous, vector-only map per
 * layer, POSTed as JSON with the key in the Basic header only, and CARTO's
 * error answers (§5.6) sorted by what the user can do about them.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "carto-http-private.h"
#include "carto-maps-client-private.h"
#include "carto-symbol.h"

G_DEFINE_QUARK (carto-maps-error-quark, carto_maps_error)

/* A MapConfig answer is a few kB; anything near this is not CARTO. */
#define MAX_INSTANTIATION_BYTES (4 * 1024 * 1024)
/* Server messages go into a badge and a tooltip, not a log viewer. */
#define MAX_MESSAGE_CHARS 500

/* The largest point's radius, half its outline and the hover halo (3 px,
 * carto-vector-renderer.c) fit in the buffer. */
G_STATIC_ASSERT (CARTO_SYMBOL_MAX_SIZE / 2 + CARTO_SYMBOL_MAX_STROKE_WIDTH / 2 + 3 <= CARTO_MAPS_TILE_BUFFER);

typedef struct
{
  SoupSession *session;
  SoupMessage *message;
  gsize max_body_bytes;
} SendData;

typedef struct
{
  CartoCredentials *credentials;
  SoupMessage *message;
  char *redacted_url;
  gint64 start_us;
} InstantiateData;

static const char send_tag[] = "carto_maps_send_async";
static const char instantiate_tag[] = "carto_maps_client_instantiate_async";

static void
send_data_free (SendData *data)
{
  g_clear_object (&data->session);
  g_clear_object (&data->message);
  g_free (data);
}

static void
instantiate_data_free (InstantiateData *data)
{
  g_clear_object (&data->credentials);
  g_clear_object (&data->message);
  g_free (data->redacted_url);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SendData, send_data_free)

static GError *
error_from_transport (const GError *error)
{
  g_autoptr(GError) http = carto_http_error_from_transport (error);
  CartoMapsError code;

  if (g_error_matches (http, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&http);

  switch (http->code)
    {
    case CARTO_HTTP_ERROR_TIMEOUT:
      code = CARTO_MAPS_ERROR_TIMEOUT;
      break;
    case CARTO_HTTP_ERROR_BAD_RESPONSE:
      code = CARTO_MAPS_ERROR_BAD_RESPONSE;
      break;
    default:
      code = CARTO_MAPS_ERROR_NETWORK;
      break;
    }

  return g_error_new_literal (CARTO_MAPS_ERROR, code, http->message);
}

static void
body_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  body = carto_http_read_body_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      g_task_return_new_error (task, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_BAD_RESPONSE,
                               _("The server’s answer is too large (over %u MB)."),
                               (guint) MAX (data->max_body_bytes / (1024 * 1024), 1));
      return;
    }
  if (body == NULL)
    {
      g_task_return_error (task, error_from_transport (error));
      return;
    }

  g_task_return_pointer (task, body, (GDestroyNotify) g_bytes_unref);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendData *data = g_task_get_task_data (task);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;
  goffset length;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error_from_transport (error));
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (data->message));
  if (length > 0 && (guint64) length > data->max_body_bytes)
    {
      g_task_return_new_error (task, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_BAD_RESPONSE,
                               _("The server’s answer is too large (over %u MB)."),
                               (guint) MAX (data->max_body_bytes / (1024 * 1024), 1));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  carto_http_read_body_async (stream, data->max_body_bytes, cancellable, body_cb, g_steal_pointer (&task));
}

/**
 * carto_maps_send_async:
 * @session: the shared session
 * @message: a request with its authentication set
 * @max_body_bytes: the largest body accepted
 * @cancellable: (nullable): cancels the request
 * @callback: called with the body
 * @user_data: for @callback
 *
 * Sends @message (never following redirects, which could carry the
 * Authorization header elsewhere) and reads the body, whatever the
 * status, up to @max_body_bytes.
 */
void
carto_maps_send_async (SoupSession         *session,
                       SoupMessage         *message,
                       gsize                max_body_bytes,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SendData *data;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (SOUP_IS_MESSAGE (message));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) send_tag);

  data = g_new0 (SendData, 1);
  data->session = g_object_ref (session);
  data->message = g_object_ref (message);
  data->max_body_bytes = max_body_bytes;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);

  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_async (session, message, G_PRIORITY_DEFAULT, cancellable,
                           send_cb, g_steal_pointer (&task));
}

/**
 * carto_maps_send_finish:
 * @result: the result passed to the callback
 * @error: return location for a %CARTO_MAPS_ERROR (transport problems
 *   only; the status is the caller's to check)
 *
 * Returns: (transfer full) (nullable): the body, possibly empty
 */
GBytes *
carto_maps_send_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
scrub_message (const char       *message,
               CartoCredentials *credentials)
{
  g_autoptr(GString) text = g_string_new (message);
  const char *key = credentials ? carto_credentials_get_api_key (credentials) : NULL;

  /* A server could echo a query parameter back; ours never sends the key
   * outside the header, but the message goes on screen, so make sure. */
  if (key != NULL && *key != '\0')
    g_string_replace (text, key, "…", 0);

  if (g_utf8_strlen (text->str, -1) > MAX_MESSAGE_CHARS)
    {
      const char *end = g_utf8_offset_to_pointer (text->str, MAX_MESSAGE_CHARS);

      g_string_truncate (text, end - text->str);
      g_string_append (text, "…");
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
json_string_member (JsonObject *object,
                    const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* `{"errors":["msg"],"errors_with_context":[{"type","message","subtype"}]}` */
static void
parse_error_body (GBytes      *body,
                  char       **message,
                  char       **type,
                  char       **subtype)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;
  JsonNode *node;

  if (body == NULL || g_bytes_get_size (body) == 0)
    return;
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL))
    return;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);

  node = json_object_get_member (object, "errors_with_context");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (node), 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        {
          JsonObject *context = json_node_get_object (first);

          *message = g_strdup (json_string_member (context, "message"));
          *type = g_strdup (json_string_member (context, "type"));
          *subtype = g_strdup (json_string_member (context, "subtype"));
        }
    }

  node = json_object_get_member (object, "errors");
  if (*message == NULL && node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
      json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (node), 0);

      if (JSON_NODE_HOLDS_VALUE (first) && json_node_get_value_type (first) == G_TYPE_STRING)
        *message = g_strdup (json_node_get_string (first));
    }
}

/**
 * carto_maps_error_from_response:
 * @message: a request that got a non-success status
 * @body: (nullable): the answer's body
 * @credentials: (nullable): the credentials sent, so the key is kept out
 *   of the message
 *
 * Returns: (transfer full): a %CARTO_MAPS_ERROR with the server's message
 *   when it sent one
 */
GError *
carto_maps_error_from_response (SoupMessage      *message,
                                GBytes           *body,
                                CartoCredentials *credentials)
{
  g_autofree char *server_message = NULL;
  g_autofree char *type = NULL;
  g_autofree char *subtype = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) generic = NULL;
  guint status;
  CartoMapsError code;

  g_return_val_if_fail (SOUP_IS_MESSAGE (message), NULL);

  status = soup_message_get_status (message);
  parse_error_body (body, &server_message, &type, &subtype);

  if (SOUP_STATUS_IS_REDIRECTION (status))
    return g_error_new_literal (CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_BAD_RESPONSE,
                                _("The server sent the request elsewhere; check the account’s server address."));

  switch (status)
    {
    case SOUP_STATUS_BAD_REQUEST:
      /* Windshaft says 400 for an unknown token ("should be 404"). */
      if (server_message != NULL && strstr (server_message, "map configuration token") != NULL)
        code = CARTO_MAPS_ERROR_EXPIRED;
      else
        code = CARTO_MAPS_ERROR_INVALID_SQL;
      break;
    case SOUP_STATUS_UNAUTHORIZED:
      code = CARTO_MAPS_ERROR_INVALID_KEY;
      break;
    case SOUP_STATUS_FORBIDDEN:
      code = CARTO_MAPS_ERROR_PERMISSION_DENIED;
      break;
    case SOUP_STATUS_NOT_FOUND:
      /* Windshaft answers 404 for anything that "does not exist": a
       * missing column is the query's fault, a missing table or user is
       * not found. */
      if (server_message != NULL && strstr (server_message, "column") != NULL)
        code = CARTO_MAPS_ERROR_INVALID_SQL;
      else
        code = CARTO_MAPS_ERROR_NOT_FOUND;
      break;
    case 429:
      /* Statement and render timeouts are 429 too, subtype "datasource"
       * or "render" (§5.6); only waiting helps the others. */
      if (g_strcmp0 (subtype, "datasource") == 0 || g_strcmp0 (subtype, "render") == 0 ||
          (server_message != NULL && strstr (server_message, "timeout") != NULL))
        code = CARTO_MAPS_ERROR_TIMEOUT;
      else
        code = CARTO_MAPS_ERROR_RATE_LIMITED;
      break;
    default:
      code = status >= 500 ? CARTO_MAPS_ERROR_SERVER : CARTO_MAPS_ERROR_FAILED;
      break;
    }

  if (server_message != NULL && *server_message != '\0')
    {
      text = scrub_message (server_message, credentials);
      return g_error_new_literal (CARTO_MAPS_ERROR, code, text);
    }

  if (code == CARTO_MAPS_ERROR_EXPIRED)
    return g_error_new_literal (CARTO_MAPS_ERROR, code, _("The map expired on the server."));
  if (code == CARTO_MAPS_ERROR_RATE_LIMITED)
    return g_error_new_literal (CARTO_MAPS_ERROR, code,
                                _("The server is over its limits: some tiles could not be loaded. Try again in a moment."));
  if (code == CARTO_MAPS_ERROR_INVALID_SQL)
    return g_error_new_literal (CARTO_MAPS_ERROR, code, _("The server refused the layer’s query."));

  generic = carto_http_error_from_status (status);
  return g_error_new_literal (CARTO_MAPS_ERROR, code, generic->message);
}

/**
 * carto_maps_client_build_config:
 * @sql: the layer's query, returning `cartodb_id` and `the_geom_webmercator`
 *   (see carto_layer_dup_map_sql())
 * @flags: options
 *
 * The MapConfig of one vector-only layer (§5.2): version 1.8.0, a
 * %CARTO_MAPS_TILE_BUFFER-pixel MVT buffer, `vector_extent` 4096 (so
 * geometries are not simplified to 256 units), aggregation off unless asked,
 * and the geometry type in the metadata. Equal input gives equal text, so
 * the server gives the same layergroup id.
 *
 * Returns: (transfer full): the JSON text
 */
char *
carto_maps_client_build_config (const char           *sql,
                                CartoMapsConfigFlags  flags)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (sql != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, "1.8.0");
  json_builder_set_member_name (builder, "buffersize");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mvt");
  json_builder_add_int_value (builder, CARTO_MAPS_TILE_BUFFER);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "mapnik");
  json_builder_set_member_name (builder, "options");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sql");
  json_builder_add_string_value (builder, sql);
  json_builder_set_member_name (builder, "vector_extent");
  json_builder_add_int_value (builder, 4096);
  json_builder_set_member_name (builder, "aggregation");
  if (flags & CARTO_MAPS_CONFIG_AGGREGATE)
    {
      /* The default threshold is 100 000 rows; 1 means "always". */
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "threshold");
      json_builder_add_int_value (builder, 1);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "metadata");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "geometryType");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static gboolean
template_is_safe (CartoCredentials *credentials,
                  CartoLayergroup  *layergroup)
{
  const char *base = carto_credentials_get_base_url (credentials);
  const char *tiles = carto_layergroup_get_tile_url_template (layergroup);

  /* The key goes to the tile host in a header: never downgrade it to
   * plain HTTP when the account is on HTTPS. */
  return !g_str_has_prefix (base, "https:") || g_str_has_prefix (tiles, "https:");
}

static void
instantiate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  InstantiateData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(CartoLayergroup) layergroup = NULL;
  guint status;

  body = carto_maps_send_finish (result, &error);
  if (body == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Map instantiation at %s failed: %s", data->redacted_url, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (data->message);
  if (status != SOUP_STATUS_OK)
    {
      error = carto_maps_error_from_response (data->message, body, data->credentials);
      g_debug ("Map instantiation at %s: HTTP %u: %s", data->redacted_url, status, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) ||
      json_parser_get_root (parser) == NULL)
    {
      g_task_return_new_error (task, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_BAD_RESPONSE,
                               _("The server’s answer does not describe a map."));
      return;
    }

  layergroup = carto_layergroup_new_from_json (json_parser_get_root (parser), &error);
  if (layergroup == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!template_is_safe (data->credentials, layergroup))
    {
      g_task_return_new_error (task, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_BAD_RESPONSE,
                               _("The server asked for tiles over an insecure connection."));
      return;
    }

  g_debug ("Map instantiated at %s in %.0f ms: %s", data->redacted_url,
           (g_get_monotonic_time () - data->start_us) / 1000.0,
           carto_layergroup_get_tile_url_template (layergroup));
  g_task_return_pointer (task, g_steal_pointer (&layergroup), g_object_unref);
}

/**
 * carto_maps_client_instantiate_async:
 * @session: the shared session
 * @credentials: the account to instantiate with; the key travels in the
 *   Basic header only
 * @sql: the layer's query (see carto_layer_dup_map_sql())
 * @flags: MapConfig options
 * @cancellable: (nullable): cancels the request
 * @callback: called on the caller's thread-default main context
 * @user_data: for @callback
 *
 * POSTs the MapConfig of carto_maps_client_build_config() to the
 * account's Maps API and reads the layergroup.
 */
void
carto_maps_client_instantiate_async (SoupSession          *session,
                                     CartoCredentials     *credentials,
                                     const char           *sql,
                                     CartoMapsConfigFlags  flags,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) config = NULL;
  g_autofree char *url = NULL;
  InstantiateData *data;
  char *text;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (CARTO_IS_CREDENTIALS (credentials));
  g_return_if_fail (sql != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) instantiate_tag);

  url = carto_credentials_dup_maps_api_url (credentials);
  data = g_new0 (InstantiateData, 1);
  data->credentials = g_object_ref (credentials);
  data->redacted_url = carto_http_redact_uri_string (url);
  data->start_us = g_get_monotonic_time ();
  data->message = soup_message_new (SOUP_METHOD_POST, url);
  g_task_set_task_data (task, data, (GDestroyNotify) instantiate_data_free);

  if (data->message == NULL)
    {
      g_task_return_new_error (task, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_FAILED,
                               _("The account’s server address is not valid."));
      return;
    }

  text = carto_maps_client_build_config (sql, flags);
  config = g_bytes_new_take (text, strlen (text));
  soup_message_set_request_body_from_bytes (data->message, "application/json", config);
  carto_credentials_apply_auth (credentials, data->message);

  carto_maps_send_async (session, data->message, MAX_INSTANTIATION_BYTES, cancellable,
                         instantiate_cb, g_steal_pointer (&task));
}

/**
 * carto_maps_client_instantiate_finish:
 * @result: the result passed to the callback
 * @error: return location for a %CARTO_MAPS_ERROR, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the layergroup
 */
CartoLayergroup *
carto_maps_client_instantiate_finish (GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
