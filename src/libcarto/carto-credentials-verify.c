/* carto-credentials-verify.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks credentials against their server the way docs/carto-api.md §3
 * ("Classifying a key") says: `SELECT 1` through the SQL API separates OK
 * from 401, 403, 404 and 429; `SELECT current_user` then names the database
 * role, which tells the public role, a regular key's role and the master key
 * apart.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "carto-credentials-verify.h"
#include "carto-http-private.h"
#include "carto-verify-result-private.h"

/* The public role of standalone users (cartodb-postgresql's CDB_UserTables);
 * organization users have `cartodb_publicuser_<id>`. */
#define PUBLIC_ROLE "publicuser"
#define PUBLIC_ROLE_PREFIX "cartodb_publicuser"
/* Regular keys run as `<user>_role_<hex>` (§3). */
#define REGULAR_ROLE_INFIX "_role_"

static char verify_tag;

typedef enum
{
  STEP_SELECT_ONE,
  STEP_CURRENT_USER,
} Step;

typedef struct
{
  SoupSession *session;
  SoupMessage *message;
  Step step;
  char *host;
} VerifyData;

static void
verify_data_free (VerifyData *data)
{
  g_clear_object (&data->session);
  g_clear_object (&data->message);
  g_free (data->host);
  g_free (data);
}

static void
return_result (GTask             *task,
               CartoVerifyStatus  status,
               CartoKeyAccess     access,
               guint              http_status,
               gint64             retry_after,
               const char        *message)
{
  g_task_return_pointer (task,
                         carto_verify_result_new (status, access, http_status, retry_after, message),
                         g_object_unref);
}

static CartoKeyAccess
access_from_role (const char *role)
{
  if (g_strcmp0 (role, PUBLIC_ROLE) == 0 || g_str_has_prefix (role, PUBLIC_ROLE_PREFIX))
    return CARTO_KEY_ACCESS_PUBLIC;
  if (strstr (role, REGULAR_ROLE_INFIX) != NULL)
    return CARTO_KEY_ACCESS_REGULAR;
  /* The master key runs as the user's own database user. */
  return CARTO_KEY_ACCESS_MASTER;
}

static void
return_transport_error (GTask        *task,
                        const GError *error)
{
  VerifyData *data = g_task_get_task_data (task);
  g_autoptr(GError) http_error = carto_http_error_from_transport (error);
  g_autofree char *message = NULL;
  CartoVerifyStatus status;

  if (g_error_matches (http_error, CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_TLS))
    {
      status = CARTO_VERIFY_STATUS_TLS_ERROR;
      message = g_strdup_printf (_("A secure connection to %s could not be established. Its certificate may not be valid."),
                                 data->host);
    }
  else if (g_error_matches (http_error, CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_BAD_RESPONSE))
    {
      status = CARTO_VERIFY_STATUS_BAD_RESPONSE;
      message = g_strdup_printf (_("The server %s sent an answer that cannot be read."), data->host);
    }
  else if (g_error_matches (http_error, CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_TIMEOUT))
    {
      status = CARTO_VERIFY_STATUS_UNREACHABLE;
      message = g_strdup_printf (_("The server %s did not answer in time. Check your network connection and try again."),
                                 data->host);
    }
  else
    {
      status = CARTO_VERIFY_STATUS_UNREACHABLE;
      message = g_strdup_printf (_("The server %s could not be reached. Check the server address and your network connection."),
                                 data->host);
    }

  return_result (task, status, CARTO_KEY_ACCESS_UNKNOWN, 0, -1, message);
}

static void
return_status_error (GTask *task,
                     guint  status)
{
  CartoCredentials *credentials = g_task_get_source_object (task);
  VerifyData *data = g_task_get_task_data (task);
  const char *username = carto_credentials_get_username (credentials);
  g_autofree char *message = NULL;
  gint64 retry_after = -1;
  CartoVerifyStatus result;

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      result = CARTO_VERIFY_STATUS_INVALID_KEY;
      message = g_strdup_printf (_("The server does not accept the API key of “%s”. Copy the key again from the API keys page of your CARTO dashboard."),
                                 username);
      break;

    case SOUP_STATUS_FORBIDDEN:
      result = CARTO_VERIFY_STATUS_FORBIDDEN;
      message = g_strdup_printf (_("The API key of “%s” may not use the SQL API, or it belongs to another user."),
                                 username);
      break;

    case SOUP_STATUS_NOT_FOUND:
      result = CARTO_VERIFY_STATUS_UNKNOWN_USER;
      message = g_strdup_printf (_("The server %s has no CARTO user “%s”. Check the username and the server address."),
                                 data->host, username);
      break;

    case 429: /* libsoup 3.2 has no name for it */
      result = CARTO_VERIFY_STATUS_RATE_LIMITED;
      retry_after = carto_http_parse_retry_after (data->message);
      if (retry_after >= 0)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The server %s received too many requests. Try again in %d second.",
                                                "The server %s received too many requests. Try again in %d seconds.",
                                                (gulong)MIN (retry_after, G_MAXINT)),
                                   data->host, (int)MIN (retry_after, G_MAXINT));
      else
        message = g_strdup_printf (_("The server %s received too many requests. Try again in a moment."), data->host);
      break;

    default:
      if (status >= 500 && status < 600)
        {
          result = CARTO_VERIFY_STATUS_SERVER_ERROR;
          message = g_strdup_printf (_("The server %s had a problem (HTTP %u). Try again later."), data->host, status);
        }
      else
        {
          /* Redirects too: we do not follow them with the key attached. */
          result = CARTO_VERIFY_STATUS_BAD_RESPONSE;
          message = g_strdup_printf (_("The server %s does not answer like a CARTO server (HTTP %u). Check the server address."),
                                     data->host, status);
        }
      break;
    }

  return_result (task, result, CARTO_KEY_ACCESS_UNKNOWN, status, retry_after, message);
}

static void
return_bad_body (GTask *task)
{
  VerifyData *data = g_task_get_task_data (task);
  g_autofree char *message = g_strdup_printf (_("The server %s does not answer like a CARTO server. Check the server address."),
                                              data->host);

  return_result (task, CARTO_VERIFY_STATUS_BAD_RESPONSE, CARTO_KEY_ACCESS_UNKNOWN,
                 soup_message_get_status (data->message), -1, message);
}

/* The first row of a SQL API answer (§2.4); an `error` member in
 * a 200 is a failure that happened after streaming began (§2.5). */
static JsonObject *
first_row (JsonParser *parser,
           GBytes     *body)
{
  gsize length = 0;
  const char *text = g_bytes_get_data (body, &length);
  JsonObject *object;
  JsonArray *rows;
  JsonNode *root;
  JsonNode *row;

  if (text == NULL || !json_parser_load_from_data (parser, text, length, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (json_object_has_member (object, "error"))
    return NULL;
  if (!json_object_has_member (object, "rows") || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "rows")))
    return NULL;
  rows = json_object_get_array_member (object, "rows");
  if (json_array_get_length (rows) < 1)
    return NULL;
  row = json_array_get_element (rows, 0);
  if (!JSON_NODE_HOLDS_OBJECT (row))
    return NULL;
  return json_node_get_object (row);
}

static void send_query (GTask      *task,
                        const char *sql);

static void
return_ok (GTask      *task,
           const char *role)
{
  CartoCredentials *credentials = g_task_get_source_object (task);
  const char *username = carto_credentials_get_username (credentials);
  CartoKeyAccess access = access_from_role (role);
  g_autofree char *message = NULL;

  switch (access)
    {
    case CARTO_KEY_ACCESS_PUBLIC:
      message = g_strdup_printf (_("Connected as “%s” with public access: only public datasets can be read."), username);
      break;

    case CARTO_KEY_ACCESS_REGULAR:
      message = g_strdup_printf (_("Connected as “%s”. This API key can read the datasets it was granted."), username);
      break;

    case CARTO_KEY_ACCESS_MASTER:
    case CARTO_KEY_ACCESS_UNKNOWN:
    default:
      message = g_strdup_printf (_("Connected as “%s”. This is the master key: it can use every dataset of the account."),
                                 username);
      break;
    }

  return_result (task, CARTO_VERIFY_STATUS_OK, access, SOUP_STATUS_OK, -1, message);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VerifyData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *row;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        return_transport_error (task, error);
      return;
    }

  status = soup_message_get_status (data->message);
  g_debug ("Verifying credentials: step %d answered HTTP %u", data->step, status);
  if (status != SOUP_STATUS_OK)
    {
      return_status_error (task, status);
      return;
    }

  parser = json_parser_new ();
  row = first_row (parser, body);
  if (row == NULL)
    {
      return_bad_body (task);
      return;
    }

  if (data->step == STEP_SELECT_ONE)
    {
      data->step = STEP_CURRENT_USER;
      send_query (g_steal_pointer (&task), "SELECT current_user");
      return;
    }

  if (!json_object_has_member (row, "current_user") ||
      json_node_get_value_type (json_object_get_member (row, "current_user")) != G_TYPE_STRING ||
      *json_object_get_string_member (row, "current_user") == '\0')
    {
      return_bad_body (task);
      return;
    }

  return_ok (task, json_object_get_string_member (row, "current_user"));
}

static void
send_query (GTask      *task,
            const char *sql)
{
  CartoCredentials *credentials = g_task_get_source_object (task);
  VerifyData *data = g_task_get_task_data (task);
  g_autofree char *endpoint = carto_credentials_dup_sql_api_url (credentials);
  g_autofree char *escaped = g_uri_escape_string (sql, NULL, FALSE);
  g_autofree char *url = g_strconcat (endpoint, "?q=", escaped, NULL);

  g_clear_object (&data->message);
  /* The base URL was validated when the credentials were made. */
  data->message = soup_message_new (SOUP_METHOD_GET, url);
  g_assert (data->message != NULL);

  /* A redirect would carry the key to wherever the server points. */
  soup_message_add_flags (data->message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (data->message), "Accept", "application/json");
  carto_credentials_apply_auth (credentials, data->message);

  soup_session_send_and_read_async (data->session, data->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), send_cb, task);
}

/**
 * carto_credentials_verify_async:
 * @self: the credentials to check
 * @session: the application's #SoupSession
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Asks the account's SQL API `SELECT 1`, then `SELECT current_user`, with
 * the key in the Basic `Authorization` header (never in the URL), and
 * classifies the outcome: accepted (and whether the key is the master key,
 * a regular key or public access), unknown user, invalid key, forbidden,
 * server unreachable, TLS failure, rate-limited, server error or an answer
 * that is not CARTO's. Redirects are not followed, so the key reaches only
 * the base URL's host.
 */
void
carto_credentials_verify_async (CartoCredentials    *self,
                                SoupSession         *session,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VerifyData *data;

  g_return_if_fail (CARTO_IS_CREDENTIALS (self));
  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, &verify_tag);
  data = g_new0 (VerifyData, 1);
  data->session = g_object_ref (session);
  data->step = STEP_SELECT_ONE;
  data->host = carto_credentials_dup_host (self);
  g_task_set_task_data (task, data, (GDestroyNotify)verify_data_free);

  send_query (g_steal_pointer (&task), "SELECT 1");
}

/**
 * carto_credentials_verify_finish:
 * @self: the credentials given to carto_credentials_verify_async()
 * @result: the #GAsyncResult
 * @error: return location for %G_IO_ERROR_CANCELLED
 *
 * Every outcome of the check, failures included, is a result; only
 * cancellation is an error.
 *
 * Returns: (transfer full): the result, or %NULL if cancelled
 */
CartoVerifyResult *
carto_credentials_verify_finish (CartoCredentials  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &verify_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
