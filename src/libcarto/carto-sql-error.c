/* carto-sql-error.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The SQL API's answers mapped to CARTO_SQL_ERROR (docs/carto-api.md §2.5).
 * The status alone is not enough: 400 covers syntax errors and missing
 * tables, 429 covers both rate limits (retry later) and statement timeouts
 * (never retry), and an error that happens after streaming began comes with
 * 200. The server's own fields ride along as extended error data, so the UI
 * can show the hint under the message.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "carto-credentials.h"
#include "carto-http.h"
#include "carto-sql-error-private.h"

typedef struct
{
  char *server_message;
  char *hint;
  char *detail;
  guint retry_after;
} CartoSqlErrorPrivate;

static void
carto_sql_error_private_init (CartoSqlErrorPrivate *priv)
{
  priv->server_message = NULL;
  priv->hint = NULL;
  priv->detail = NULL;
  priv->retry_after = 0;
}

static void
carto_sql_error_private_copy (const CartoSqlErrorPrivate *src,
                              CartoSqlErrorPrivate       *dest)
{
  dest->server_message = g_strdup (src->server_message);
  dest->hint = g_strdup (src->hint);
  dest->detail = g_strdup (src->detail);
  dest->retry_after = src->retry_after;
}

static void
carto_sql_error_private_clear (CartoSqlErrorPrivate *priv)
{
  g_clear_pointer (&priv->server_message, g_free);
  g_clear_pointer (&priv->hint, g_free);
  g_clear_pointer (&priv->detail, g_free);
}

/**
 * carto_sql_error_quark:
 *
 * The extended error domain of the SQL API client: its errors carry the
 * server's message, hint, detail and Retry-After (see the getters below),
 * and keep them through g_error_copy().
 *
 * Returns: the %CARTO_SQL_ERROR domain
 */
G_DEFINE_EXTENDED_ERROR (CartoSqlError, carto_sql_error)

#define REDACTED "********"

/**
 * carto_sql_error_redact:
 * @text: (nullable): text that came from the server
 * @api_key: (nullable): the key the request was sent with
 *
 * The SQL API never echoes the key, but a proxy or a future version might,
 * and whatever we take from the server is shown and logged: the key is
 * masked. `default_public` is not a secret.
 *
 * Returns: (transfer full) (nullable): @text without the key
 */
char *
carto_sql_error_redact (const char *text,
                        const char *api_key)
{
  if (text == NULL)
    return NULL;

  if (api_key == NULL || *api_key == '\0' ||
      g_str_equal (api_key, CARTO_DEFAULT_PUBLIC_KEY) ||
      strstr (text, api_key) == NULL)
    return g_strdup (text);

  {
    g_auto(GStrv) parts = g_strsplit (text, api_key, -1);
    return g_strjoinv (REDACTED, parts);
  }
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* `error` is an array of strings in the SQL API; accept a bare string too,
 * as some proxies in front of it answer that way. */
static char *
dup_error_text (JsonNode *error_node)
{
  g_autoptr(GString) text = NULL;
  JsonArray *array;

  if (JSON_NODE_HOLDS_VALUE (error_node) &&
      json_node_get_value_type (error_node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (error_node));

  if (!JSON_NODE_HOLDS_ARRAY (error_node))
    return NULL;

  array = json_node_get_array (error_node);
  text = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, json_node_get_string (item));
    }

  if (text->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
contains_nocase (const char *haystack,
                 const char *needle)
{
  g_autofree char *lower = NULL;

  if (haystack == NULL)
    return FALSE;
  lower = g_ascii_strdown (haystack, -1);
  return strstr (lower, needle) != NULL;
}

/* `relation "x" does not exist`, as PostgreSQL words a missing table. */
static gboolean
is_missing_relation (const char *message)
{
  const char *rel;

  if (message == NULL)
    return FALSE;
  rel = strstr (message, "relation \"");
  return rel != NULL && strstr (rel, "\" does not exist") != NULL;
}

static GError *
new_error (CartoSqlError  code,
           const char    *message,
           const char    *server_message,
           const char    *hint,
           const char    *detail)
{
  GError *error = g_error_new_literal (CARTO_SQL_ERROR, code, message);
  CartoSqlErrorPrivate *priv = carto_sql_error_get_private (error);

  priv->server_message = g_strdup (server_message);
  priv->hint = g_strdup (hint);
  priv->detail = g_strdup (detail);
  return error;
}

static const char *
timeout_message (void)
{
  return _("The query ran longer than the server allows and was stopped. "
           "Try a simpler query, or add a LIMIT.");
}

/* A 429: `detail` says which limit (§2.5). */
static GError *
limit_error (const char *server_message,
             const char *hint,
             const char *detail)
{
  if (g_strcmp0 (detail, "datasource") == 0 || contains_nocase (server_message, "timeout"))
    {
      if (contains_nocase (server_message, "timeout"))
        return new_error (CARTO_SQL_ERROR_TIMEOUT, timeout_message (),
                          server_message, hint, detail);
      return new_error (CARTO_SQL_ERROR_TOO_LARGE,
                        _("The result is larger than the server allows. "
                          "Add a LIMIT, or select fewer columns."),
                        server_message, hint, detail);
    }

  return new_error (CARTO_SQL_ERROR_RATE_LIMITED,
                    _("Too many requests: the server asks to wait a moment before trying again."),
                    server_message, hint, detail);
}

/* A 400, or a 200 whose body says it failed after all. */
static GError *
query_error (const char *server_message,
             const char *hint,
             const char *detail)
{
  if (server_message == NULL)
    return new_error (CARTO_SQL_ERROR_SQL, _("The server rejected the query."),
                      NULL, hint, detail);
  if (contains_nocase (server_message, "you are over platform's limits"))
    return limit_error (server_message, hint, detail);
  if (contains_nocase (server_message, "statement timeout"))
    return new_error (CARTO_SQL_ERROR_TIMEOUT, timeout_message (),
                      server_message, hint, detail);
  if (contains_nocase (server_message, "permission denied"))
    return new_error (CARTO_SQL_ERROR_PERMISSION_DENIED, server_message,
                      server_message, hint, detail);
  if (is_missing_relation (server_message))
    return new_error (CARTO_SQL_ERROR_NOT_FOUND, server_message,
                      server_message, hint, detail);
  return new_error (CARTO_SQL_ERROR_SQL, server_message, server_message, hint, detail);
}

/**
 * carto_sql_error_new_from_response:
 * @status: the HTTP status
 * @root: (nullable): the parsed body, %NULL when it is not JSON
 * @username: the account's username, for messages
 * @api_key: (nullable): the key the request carried, to mask it
 *
 * Returns: (transfer full) (nullable): the error the answer stands for,
 *   %NULL when it is a success
 */
GError *
carto_sql_error_new_from_response (guint       status,
                                   JsonNode   *root,
                                   const char *username,
                                   const char *api_key)
{
  JsonObject *object = NULL;
  JsonNode *error_node = NULL;
  g_autofree char *raw_message = NULL;
  g_autofree char *server_message = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *detail = NULL;

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      object = json_node_get_object (root);
      error_node = json_object_get_member (object, "error");
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status) && error_node == NULL)
    return NULL;

  if (error_node != NULL)
    {
      raw_message = dup_error_text (error_node);
      server_message = carto_sql_error_redact (raw_message, api_key);
      hint = carto_sql_error_redact (member_string (object, "hint"), api_key);
      detail = carto_sql_error_redact (member_string (object, "detail"), api_key);
      g_debug ("SQL API error (HTTP %u): %s", status,
               server_message != NULL ? server_message : "(no message)");
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status) || status == SOUP_STATUS_BAD_REQUEST)
    return query_error (server_message, hint, detail);

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return new_error (CARTO_SQL_ERROR_INVALID_KEY,
                        _("The API key was not accepted. Check the account’s API key."),
                        server_message, hint, detail);

    case SOUP_STATUS_FORBIDDEN:
      /* The bare words tell nothing; a real message names the table. */
      if (server_message == NULL ||
          g_ascii_strcasecmp (server_message, "forbidden") == 0 ||
          g_ascii_strcasecmp (server_message, "permission denied") == 0)
        return new_error (CARTO_SQL_ERROR_PERMISSION_DENIED,
                          _("The API key does not allow this query."),
                          server_message, hint, detail);
      return new_error (CARTO_SQL_ERROR_PERMISSION_DENIED, server_message,
                        server_message, hint, detail);

    case SOUP_STATUS_NOT_FOUND:
      {
        g_autofree char *message =
          g_strdup_printf (_("The server does not know the CARTO user “%s”. "
                             "Check the account’s username and base URL."),
                           username != NULL ? username : "");
        return new_error (CARTO_SQL_ERROR_UNKNOWN_USER, message,
                          server_message, hint, detail);
      }

    case SOUP_STATUS_REQUEST_TIMEOUT:
    case SOUP_STATUS_GATEWAY_TIMEOUT:
      return new_error (CARTO_SQL_ERROR_TIMEOUT,
                        _("The server did not answer in time."),
                        server_message, hint, detail);

    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      return new_error (CARTO_SQL_ERROR_TOO_LARGE,
                        _("The query is too long for the server."),
                        server_message, hint, detail);

    case 429: /* libsoup 3.2 has no name for it */
      return limit_error (server_message, hint, detail);

    default:
      break;
    }

  if (status >= 500)
    {
      g_autofree char *message =
        g_strdup_printf (_("The server had a problem (HTTP %u). Try again later."), status);
      return new_error (CARTO_SQL_ERROR_SERVER, message, server_message, hint, detail);
    }

  if (status >= 300 && status < 400)
    return new_error (CARTO_SQL_ERROR_BAD_RESPONSE,
                      _("The server redirected the request elsewhere. Check the account’s base URL."),
                      server_message, hint, detail);

  if (server_message != NULL)
    return query_error (server_message, hint, detail);

  {
    g_autofree char *message =
      g_strdup_printf (_("The server refused the request (HTTP %u)."), status);
    return new_error (CARTO_SQL_ERROR_FAILED, message, NULL, hint, detail);
  }
}

/**
 * carto_sql_error_new_from_transport:
 * @error: an error from sending a request or reading its answer
 *
 * Returns: (transfer full): a %CARTO_SQL_ERROR, or a copy of @error when it
 *   is %G_IO_ERROR_CANCELLED
 */
GError *
carto_sql_error_new_from_transport (const GError *error)
{
  g_autoptr(GError) http = NULL;
  CartoSqlError code;

  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  http = carto_http_error_from_transport (error);
  if (g_error_matches (http, CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_TIMEOUT))
    code = CARTO_SQL_ERROR_TIMEOUT;
  else if (g_error_matches (http, CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_BAD_RESPONSE))
    code = CARTO_SQL_ERROR_BAD_RESPONSE;
  else if (http->domain == CARTO_HTTP_ERROR && http->code == CARTO_HTTP_ERROR_FAILED)
    return new_error (CARTO_SQL_ERROR_NETWORK,
                      _("The connection to the server broke. Check your network connection and try again."),
                      NULL, NULL, NULL);
  else
    code = CARTO_SQL_ERROR_NETWORK;

  return new_error (code, http->message, NULL, NULL, NULL);
}

/**
 * carto_sql_error_is_retryable:
 * @error: an error of a query
 *
 * Only rate limits are worth repeating unchanged: a timeout would time out
 * again, and everything else needs a person.
 *
 * Returns: whether repeating the same idempotent query may succeed
 */
gboolean
carto_sql_error_is_retryable (const GError *error)
{
  return g_error_matches (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_RATE_LIMITED);
}

/**
 * carto_sql_error_set_retry_after:
 * @error: a %CARTO_SQL_ERROR
 * @seconds: the server's `Retry-After`
 */
void
carto_sql_error_set_retry_after (GError *error,
                                 guint   seconds)
{
  g_return_if_fail (error != NULL && error->domain == CARTO_SQL_ERROR);

  carto_sql_error_get_private (error)->retry_after = seconds;
}

/**
 * carto_sql_error_get_server_message:
 * @error: an error
 *
 * The server's own words, when the message shown is ours (e.g. for
 * %CARTO_SQL_ERROR_TIMEOUT), for a details section or a log. The API key
 * is masked.
 *
 * Returns: (nullable): the server's message, %NULL when it sent none or
 *   @error is not a %CARTO_SQL_ERROR
 */
const char *
carto_sql_error_get_server_message (const GError *error)
{
  if (error == NULL || error->domain != CARTO_SQL_ERROR)
    return NULL;
  return carto_sql_error_get_private (error)->server_message;
}

/**
 * carto_sql_error_get_hint:
 * @error: an error
 *
 * PostgreSQL's hint for an SQL error (e.g. `No function matches the given
 * name and argument types…`), to show under the message.
 *
 * Returns: (nullable): the hint, %NULL when there is none or @error is not
 *   a %CARTO_SQL_ERROR
 */
const char *
carto_sql_error_get_hint (const GError *error)
{
  if (error == NULL || error->domain != CARTO_SQL_ERROR)
    return NULL;
  return carto_sql_error_get_private (error)->hint;
}

/**
 * carto_sql_error_get_detail:
 * @error: an error
 *
 * The server's `detail`: PostgreSQL's detail line for SQL errors, or the
 * limit hit for 429s (`rate-limit`, `datasource`).
 *
 * Returns: (nullable): the detail, %NULL when there is none or @error is
 *   not a %CARTO_SQL_ERROR
 */
const char *
carto_sql_error_get_detail (const GError *error)
{
  if (error == NULL || error->domain != CARTO_SQL_ERROR)
    return NULL;
  return carto_sql_error_get_private (error)->detail;
}

/**
 * carto_sql_error_get_retry_after:
 * @error: an error
 *
 * Returns: for %CARTO_SQL_ERROR_RATE_LIMITED, the seconds the server asked
 *   to wait (`Retry-After`); 0 when unknown or for other errors
 */
guint
carto_sql_error_get_retry_after (const GError *error)
{
  if (error == NULL || error->domain != CARTO_SQL_ERROR)
    return 0;
  return carto_sql_error_get_private (error)->retry_after;
}
