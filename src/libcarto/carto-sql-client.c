/* carto-sql-client.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CARTO SQL API v2 client (docs/carto-api.md §2). The key travels only
 * in the Authorization header (§2.2), so no URL we build, log or cache holds
 * it. Short queries are GETs and long ones form POSTs, the split
 * carto-python makes (§2.1). Bodies are read with a size cap and parsed in a
 * worker thread: a big result must not freeze the UI.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "carto-http-private.h"
#include "carto-sql-client.h"
#include "carto-sql-error-private.h"
#include "carto-sql-quote.h"
#include "carto-sql-result-private.h"

/* carto-python's GET limit (§2.1), which it applies to the SQL alone; we
 * apply it to the whole URL. */
#define MAX_GET_URL_LENGTH 1024
/* Past this a result is not something to show in a table, and memory is
 * not unbounded. */
#define MAX_BODY_BYTES (256 * 1024 * 1024)
#define DEFAULT_MAX_RETRIES 3
#define DEFAULT_MAX_RETRY_WAIT 30
/* One Retry-After longer than this is a server asking for minutes: give
 * the person the error rather than a frozen-looking spinner. */
#define MAX_SINGLE_WAIT 20

struct _CartoSqlClient
{
  GObject parent_instance;

  SoupSession *session;
  CartoCredentials *credentials;
  guint max_retries;
  guint max_retry_wait;
};

G_DEFINE_FINAL_TYPE (CartoSqlClient, carto_sql_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CREDENTIALS,
  PROP_MAX_RETRIES,
  PROP_MAX_RETRY_WAIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char query_tag[] = "carto_sql_client_query_async";
static const char describe_tag[] = "carto_sql_client_describe_async";
static const char estimate_tag[] = "carto_sql_client_estimate_rows_async";

typedef struct
{
  char *sql;
  CartoSqlFormat format;
  CartoSqlQueryFlags flags;
  guint retries;          /* sent again this many times */
  guint waited;           /* seconds slept between tries, in all */
  SoupMessage *message;
  GSource *sleep_source;
  GSource *cancel_source;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_assert (data->sleep_source == NULL && data->cancel_source == NULL);

  g_free (data->sql);
  g_clear_object (&data->message);
  g_free (data);
}

/* What the parser thread needs, copied: it must not touch the client. */
typedef struct
{
  GBytes *body;
  guint status;
  CartoSqlFormat format;
  char *username;
  char *api_key;
} ParseInput;

static void
parse_input_free (ParseInput *input)
{
  g_bytes_unref (input->body);
  g_free (input->username);
  if (input->api_key != NULL)
    memset (input->api_key, 0, strlen (input->api_key));
  g_free (input->api_key);
  g_free (input);
}

static void send_request (GTask *task);

static SoupMessage *
build_message (CartoSqlClient *self,
               const char     *sql,
               CartoSqlFormat  format)
{
  g_autofree char *endpoint = carto_credentials_dup_sql_api_url (self->credentials);
  g_autofree char *form = NULL;
  SoupMessage *message;

  if (format == CARTO_SQL_FORMAT_GEOJSON)
    form = soup_form_encode ("q", sql, "format", "geojson", NULL);
  else
    form = soup_form_encode ("q", sql, NULL);

  if (strlen (endpoint) + 1 + strlen (form) < MAX_GET_URL_LENGTH)
    {
      g_autofree char *uri = g_strconcat (endpoint, "?", form, NULL);
      message = soup_message_new (SOUP_METHOD_GET, uri);
    }
  else
    message = soup_message_new_from_encoded_form (SOUP_METHOD_POST, endpoint,
                                                  g_steal_pointer (&form));

  if (message == NULL)
    return NULL;

  /* A redirect would carry the Authorization header to wherever the
   * server points; the SQL API never redirects, so refuse to follow. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Accept", "application/json");
  carto_credentials_apply_auth (self->credentials, message);

  g_debug ("SQL API %s %s (query of %zu bytes)",
           soup_message_get_method (message), endpoint, strlen (sql));

  return message;
}

static void
clear_sleep (QueryData *data)
{
  if (data->sleep_source != NULL)
    {
      g_source_destroy (data->sleep_source);
      g_clear_pointer (&data->sleep_source, g_source_unref);
    }
  if (data->cancel_source != NULL)
    {
      g_source_destroy (data->cancel_source);
      g_clear_pointer (&data->cancel_source, g_source_unref);
    }
}

static gboolean
sleep_done_cb (gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  QueryData *data = g_task_get_task_data (task);

  clear_sleep (data);
  data->retries++;
  send_request (g_steal_pointer (&task));

  return G_SOURCE_REMOVE;
}

static gboolean
sleep_cancelled_cb (GCancellable *cancellable,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QueryData *data = g_task_get_task_data (task);

  clear_sleep (data);
  g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

/* Sleeps on the task's main context, never blocking it; cancelling wakes
 * the sleep at once. Whichever source fires first owns @task. */
static void
sleep_then_retry (GTask *task,
                  guint  seconds)
{
  QueryData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  data->waited += seconds;
  data->sleep_source = g_timeout_source_new (seconds * 1000);
  g_source_set_callback (data->sleep_source, sleep_done_cb, task, NULL);
  g_source_attach (data->sleep_source, g_task_get_context (task));

  if (cancellable != NULL)
    {
      data->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (data->cancel_source, G_SOURCE_FUNC (sleep_cancelled_cb), task, NULL);
      g_source_attach (data->cancel_source, g_task_get_context (task));
    }
}

static void
parse_thread (GTask        *parse_task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseInput *input = task_data;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  GError *error = NULL;
  JsonNode *root = NULL;
  CartoSqlResult *result;
  const char *bytes;
  gsize len;

  if (g_task_return_error_if_cancelled (parse_task))
    return;

  bytes = g_bytes_get_data (input->body, &len);
  if (len > 0 && json_parser_load_from_data (parser, bytes, (gssize) len, &parse_error))
    root = json_parser_get_root (parser);
  else if (parse_error != NULL)
    g_debug ("SQL API body (HTTP %u) is not JSON: %s", input->status, parse_error->message);

  error = carto_sql_error_new_from_response (input->status, root, input->username, input->api_key);
  if (error != NULL)
    {
      g_task_return_error (parse_task, error);
      return;
    }

  if (root == NULL)
    {
      g_task_return_new_error (parse_task, CARTO_SQL_ERROR, CARTO_SQL_ERROR_BAD_RESPONSE,
                               _("The server sent an answer that is not from the CARTO SQL API."));
      return;
    }

  result = carto_sql_result_new_from_root (root, input->format, &error);
  if (result == NULL)
    g_task_return_error (parse_task, error);
  else
    g_task_return_pointer (parse_task, result, g_object_unref);
}

static void
parse_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CartoSqlClient *self = g_task_get_source_object (task);
  QueryData *data = g_task_get_task_data (task);
  g_autoptr(CartoSqlResult) sql_result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 retry_after;

  sql_result = g_task_propagate_pointer (G_TASK (result), &error);
  if (sql_result != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&sql_result), g_object_unref);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!carto_sql_error_is_retryable (error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  retry_after = carto_http_parse_retry_after (data->message);
  if (retry_after >= 0)
    carto_sql_error_set_retry_after (error, (guint) retry_after);

  if ((data->flags & CARTO_SQL_QUERY_IDEMPOTENT) != 0 && data->retries < self->max_retries)
    {
      /* Without Retry-After, back off 1, 2, 4… seconds. */
      guint wait = retry_after >= 0 ? (guint) retry_after : 1u << MIN (data->retries, 10);

      if (wait <= MAX_SINGLE_WAIT && data->waited + wait <= self->max_retry_wait)
        {
          g_debug ("SQL API rate limit: retrying in %u s (retry %u of %u)",
                   wait, data->retries + 1, self->max_retries);
          g_clear_object (&data->message);
          sleep_then_retry (g_steal_pointer (&task), wait);
          return;
        }
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

static void
finish_body (GTask  *task,
             GBytes *body)
{
  CartoSqlClient *self = g_task_get_source_object (task);
  QueryData *data = g_task_get_task_data (task);
  GTask *parse_task;
  ParseInput *input = g_new0 (ParseInput, 1);

  input->body = g_bytes_ref (body);
  input->status = soup_message_get_status (data->message);
  input->format = data->format;
  input->username = g_strdup (carto_credentials_get_username (self->credentials));
  input->api_key = g_strdup (carto_credentials_get_api_key (self->credentials));

  parse_task = g_task_new (NULL, g_task_get_cancellable (task), parse_cb, task);
  g_task_set_task_data (parse_task, input, (GDestroyNotify) parse_input_free);
  g_task_run_in_thread (parse_task, parse_thread);
  g_object_unref (parse_task);
}

static void
body_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  body = carto_http_read_body_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      g_task_return_new_error (task, CARTO_SQL_ERROR, CARTO_SQL_ERROR_TOO_LARGE,
                               _("The result is larger than %u MB. Add a LIMIT, or select fewer columns."),
                               (guint) (MAX_BODY_BYTES / (1024 * 1024)));
      return;
    }
  if (body == NULL)
    {
      g_task_return_error (task, carto_sql_error_new_from_transport (error));
      return;
    }

  finish_body (g_steal_pointer (&task), body);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, carto_sql_error_new_from_transport (error));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  carto_http_read_body_async (stream, MAX_BODY_BYTES, cancellable, body_cb, g_steal_pointer (&task));
}

static void
send_request (GTask *task)
{
  CartoSqlClient *self = g_task_get_source_object (task);
  QueryData *data = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  g_clear_object (&data->message);
  data->message = build_message (self, data->sql, data->format);
  if (data->message == NULL)
    {
      g_task_return_new_error (task, CARTO_SQL_ERROR, CARTO_SQL_ERROR_FAILED,
                               _("The account’s base URL cannot be used for SQL queries."));
      g_object_unref (task);
      return;
    }

  soup_session_send_async (self->session, data->message, G_PRIORITY_DEFAULT,
                           g_task_get_cancellable (task), send_cb, task);
}

static void
carto_sql_client_dispose (GObject *object)
{
  CartoSqlClient *self = CARTO_SQL_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_object (&self->credentials);

  G_OBJECT_CLASS (carto_sql_client_parent_class)->dispose (object);
}

static void
carto_sql_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CartoSqlClient *self = CARTO_SQL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_CREDENTIALS:
      g_value_set_object (value, self->credentials);
      break;
    case PROP_MAX_RETRIES:
      g_value_set_uint (value, self->max_retries);
      break;
    case PROP_MAX_RETRY_WAIT:
      g_value_set_uint (value, self->max_retry_wait);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_sql_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CartoSqlClient *self = CARTO_SQL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_CREDENTIALS:
      self->credentials = g_value_dup_object (value);
      break;
    case PROP_MAX_RETRIES:
      carto_sql_client_set_max_retries (self, g_value_get_uint (value));
      break;
    case PROP_MAX_RETRY_WAIT:
      carto_sql_client_set_max_retry_wait (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_sql_client_class_init (CartoSqlClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carto_sql_client_dispose;
  object_class->get_property = carto_sql_client_get_property;
  object_class->set_property = carto_sql_client_set_property;

  /**
   * CartoSqlClient:session:
   *
   * The application's HTTP session.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlClient:credentials:
   *
   * The account queries run as.
   */
  properties[PROP_CREDENTIALS] =
    g_param_spec_object ("credentials", NULL, NULL, CARTO_TYPE_CREDENTIALS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlClient:max-retries:
   *
   * How many times an idempotent query is sent again after a rate limit.
   */
  properties[PROP_MAX_RETRIES] =
    g_param_spec_uint ("max-retries", NULL, NULL, 0, 10, DEFAULT_MAX_RETRIES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlClient:max-retry-wait:
   *
   * The most seconds one query may spend waiting between retries, in all.
   */
  properties[PROP_MAX_RETRY_WAIT] =
    g_param_spec_uint ("max-retry-wait", NULL, NULL, 0, 600, DEFAULT_MAX_RETRY_WAIT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_sql_client_init (CartoSqlClient *self)
{
  self->max_retries = DEFAULT_MAX_RETRIES;
  self->max_retry_wait = DEFAULT_MAX_RETRY_WAIT;
}

/**
 * carto_sql_client_new:
 * @session: the application's HTTP session (carto_http_session_new())
 * @credentials: the account to query as
 *
 * Returns: (transfer full): a new client
 */
CartoSqlClient *
carto_sql_client_new (SoupSession      *session,
                      CartoCredentials *credentials)
{
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (credentials), NULL);

  return g_object_new (CARTO_TYPE_SQL_CLIENT,
                       "session", session,
                       "credentials", credentials,
                       NULL);
}

/**
 * carto_sql_client_get_session:
 * @self: a #CartoSqlClient
 *
 * Returns: (transfer none): the HTTP session
 */
SoupSession *
carto_sql_client_get_session (CartoSqlClient *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_CLIENT (self), NULL);

  return self->session;
}

/**
 * carto_sql_client_get_credentials:
 * @self: a #CartoSqlClient
 *
 * Returns: (transfer none): the account queries run as
 */
CartoCredentials *
carto_sql_client_get_credentials (CartoSqlClient *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_CLIENT (self), NULL);

  return self->credentials;
}

/**
 * carto_sql_client_get_max_retries:
 * @self: a #CartoSqlClient
 *
 * Returns: how many times an idempotent query is retried after a rate limit
 */
guint
carto_sql_client_get_max_retries (CartoSqlClient *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_CLIENT (self), 0);

  return self->max_retries;
}

/**
 * carto_sql_client_set_max_retries:
 * @self: a #CartoSqlClient
 * @max_retries: retries after a rate limit, at most 10 (default 3, as
 *   CARTOframes)
 */
void
carto_sql_client_set_max_retries (CartoSqlClient *self,
                                  guint           max_retries)
{
  g_return_if_fail (CARTO_IS_SQL_CLIENT (self));
  g_return_if_fail (max_retries <= 10);

  if (self->max_retries == max_retries)
    return;
  self->max_retries = max_retries;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RETRIES]);
}

/**
 * carto_sql_client_get_max_retry_wait:
 * @self: a #CartoSqlClient
 *
 * Returns: the most seconds one query waits between retries, in all
 */
guint
carto_sql_client_get_max_retry_wait (CartoSqlClient *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_CLIENT (self), 0);

  return self->max_retry_wait;
}

/**
 * carto_sql_client_set_max_retry_wait:
 * @self: a #CartoSqlClient
 * @seconds: the most seconds one query may wait between retries, in all
 *   (default 30); a retry that would wait longer is not made
 */
void
carto_sql_client_set_max_retry_wait (CartoSqlClient *self,
                                     guint           seconds)
{
  g_return_if_fail (CARTO_IS_SQL_CLIENT (self));
  g_return_if_fail (seconds <= 600);

  if (self->max_retry_wait == seconds)
    return;
  self->max_retry_wait = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RETRY_WAIT]);
}

/**
 * carto_sql_client_query_async:
 * @self: a #CartoSqlClient
 * @sql: the query
 * @format: the answer format
 * @flags: %CARTO_SQL_QUERY_IDEMPOTENT for reads that may be retried
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the query is done
 * @user_data: data for @callback
 *
 * Runs @sql through the SQL API as the client's account. The key is sent
 * only in the `Authorization: Basic` header. Queries that fit a 1024-byte
 * URL are GETs, longer ones form-encoded POSTs. The body is parsed off the
 * main thread, and checked for an `error` member even with status 200.
 *
 * With %CARTO_SQL_QUERY_IDEMPOTENT, a rate-limit answer (429 `rate-limit`)
 * is retried after the server's `Retry-After` (else 1, 2, 4… s), at most
 * #CartoSqlClient:max-retries times and #CartoSqlClient:max-retry-wait
 * seconds in all; the wait never blocks the main loop and ends at once on
 * cancellation. Statement timeouts are never retried.
 */
void
carto_sql_client_query_async (CartoSqlClient      *self,
                              const char          *sql,
                              CartoSqlFormat       format,
                              CartoSqlQueryFlags   flags,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  QueryData *data;

  g_return_if_fail (CARTO_IS_SQL_CLIENT (self));
  g_return_if_fail (sql != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) query_tag);

  data = g_new0 (QueryData, 1);
  data->sql = g_strdup (sql);
  data->format = format;
  data->flags = flags;
  g_task_set_task_data (task, data, (GDestroyNotify) query_data_free);

  send_request (g_steal_pointer (&task));
}

/**
 * carto_sql_client_query_finish:
 * @self: a #CartoSqlClient
 * @result: the #GAsyncResult
 * @error: return location for a %CARTO_SQL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
CartoSqlResult *
carto_sql_client_query_finish (CartoSqlClient  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (CARTO_IS_SQL_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == (gpointer) query_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
describe_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  CartoSqlResult *fields;

  fields = carto_sql_client_query_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (fields == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, fields, g_object_unref);
}

/**
 * carto_sql_client_describe_async:
 * @self: a #CartoSqlClient
 * @sql: a `SELECT` (or `WITH … SELECT`) query, or a table's
 *   `SELECT * FROM "schema"."table"`
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Asks for the columns @sql returns, with their types (and, for
 * geometries, their type and SRID), without reading a row: `LIMIT 0`
 * over @sql as a subquery, as CARTOframes does (§4.2). The
 * server still plans @sql, so a wrong query fails here with its message.
 */
void
carto_sql_client_describe_async (CartoSqlClient      *self,
                                 const char          *sql,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *from = NULL;
  g_autofree char *columns_sql = NULL;

  g_return_if_fail (CARTO_IS_SQL_CLIENT (self));
  g_return_if_fail (sql != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) describe_tag);

  from = carto_sql_quote_subquery (sql, "_carto_columns");
  columns_sql = g_strdup_printf ("SELECT * FROM %s LIMIT 0", from);
  carto_sql_client_query_async (self, columns_sql, CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT,
                                cancellable, describe_cb, g_steal_pointer (&task));
}

/**
 * carto_sql_client_describe_finish:
 * @self: a #CartoSqlClient
 * @result: the #GAsyncResult
 * @error: return location for a %CARTO_SQL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the answer: its fields are the
 *   columns, and it has no rows; %NULL with @error set
 */
CartoSqlResult *
carto_sql_client_describe_finish (CartoSqlClient  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (CARTO_IS_SQL_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == (gpointer) describe_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* `EXPLAIN (FORMAT JSON)` answers one row whose one column is the plan:
 * parsed JSON in CARTO, text in some servers. */
static gboolean
plan_rows_from_result (CartoSqlResult *result,
                       gint64         *rows)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *plan;
  JsonNode *node;
  JsonObject *object;

  if (carto_sql_result_get_n_rows (result) < 1 || carto_sql_result_get_n_fields (result) < 1)
    return FALSE;

  plan = carto_sql_result_get_value (result, 0, 0);
  if (plan != NULL && JSON_NODE_HOLDS_VALUE (plan) && json_node_get_value_type (plan) == G_TYPE_STRING)
    {
      parser = json_parser_new_immutable ();
      if (!json_parser_load_from_data (parser, json_node_get_string (plan), -1, NULL))
        return FALSE;
      plan = json_parser_get_root (parser);
    }

  if (plan == NULL || !JSON_NODE_HOLDS_ARRAY (plan) ||
      json_array_get_length (json_node_get_array (plan)) < 1)
    return FALSE;
  node = json_array_get_element (json_node_get_array (plan), 0);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  node = json_object_get_member (json_node_get_object (node), "Plan");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  node = json_object_get_member (object, "Plan Rows");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_INT64 && json_node_get_value_type (node) != G_TYPE_DOUBLE))
    return FALSE;

  *rows = (gint64) json_node_get_double (node);
  return TRUE;
}

static void
estimate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CartoSqlResult) sql_result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 rows = -1;

  sql_result = carto_sql_client_query_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (sql_result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!plan_rows_from_result (sql_result, &rows))
    {
      g_debug ("EXPLAIN answer without Plan Rows");
      g_task_return_new_error (task, CARTO_SQL_ERROR, CARTO_SQL_ERROR_BAD_RESPONSE,
                               _("The server sent an answer that is not from the CARTO SQL API."));
      return;
    }

  g_task_return_int (task, rows);
}

/**
 * carto_sql_client_estimate_rows_async:
 * @self: a #CartoSqlClient
 * @sql: a `SELECT` (or `WITH … SELECT`) query
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Estimates how many rows @sql returns from the planner's `Plan Rows` of
 * `EXPLAIN (FORMAT JSON)` (§4.4), without running it: as cheap for
 * ten million rows as for ten. It is an estimate: as good as the table's
 * statistics (ANALYZE), and rough for filters and joins. Any key may
 * EXPLAIN its own readable tables.
 */
void
carto_sql_client_estimate_rows_async (CartoSqlClient      *self,
                                      const char          *sql,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *explain = NULL;

  g_return_if_fail (CARTO_IS_SQL_CLIENT (self));
  g_return_if_fail (sql != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) estimate_tag);

  explain = g_strconcat ("EXPLAIN (FORMAT JSON) ", sql, NULL);
  carto_sql_client_query_async (self, explain, CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT,
                                cancellable, estimate_cb, g_steal_pointer (&task));
}

/**
 * carto_sql_client_estimate_rows_finish:
 * @self: a #CartoSqlClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: the estimated row count, or -1 with @error set
 */
gint64
carto_sql_client_estimate_rows_finish (CartoSqlClient  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (CARTO_IS_SQL_CLIENT (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == (gpointer) estimate_tag, -1);

  return g_task_propagate_int (G_TASK (result), error);
}
