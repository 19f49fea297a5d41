/* carto-sql-error.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

#define CARTO_SQL_ERROR (carto_sql_error_quark ())

/**
 * CartoSqlError:
 * @CARTO_SQL_ERROR_FAILED: anything else
 * @CARTO_SQL_ERROR_SQL: the query is wrong (syntax error, unknown column…);
 *   the message is the server's, see also carto_sql_error_get_hint()
 * @CARTO_SQL_ERROR_NOT_FOUND: a table (relation) the query names does not
 *   exist, or is not visible to the key
 * @CARTO_SQL_ERROR_UNKNOWN_USER: the server has no such CARTO user (404):
 *   the account's username or base URL is wrong
 * @CARTO_SQL_ERROR_PERMISSION_DENIED: the key may not do this (403): a
 *   private table with a public key, a write with a read-only key, a system
 *   table with a non-master key, or a key without the SQL grant
 * @CARTO_SQL_ERROR_INVALID_KEY: the API key is not accepted (401)
 * @CARTO_SQL_ERROR_RATE_LIMITED: too many requests (429 rate limit), after
 *   the retries allowed; see carto_sql_error_get_retry_after()
 * @CARTO_SQL_ERROR_TIMEOUT: the query ran longer than the server allows
 *   (429 `datasource`), or the server did not answer in time
 * @CARTO_SQL_ERROR_TOO_LARGE: the result is bigger than the server or this
 *   client accepts; add a `LIMIT`
 * @CARTO_SQL_ERROR_SERVER: the server failed (5xx)
 * @CARTO_SQL_ERROR_NETWORK: the server could not be reached, the
 *   connection broke, or the secure connection failed
 * @CARTO_SQL_ERROR_BAD_RESPONSE: the answer is not the SQL API's JSON
 *
 * Errors of the SQL API client, by what a person can do about them.
 * Messages are the server's own for @CARTO_SQL_ERROR_SQL,
 * @CARTO_SQL_ERROR_NOT_FOUND and @CARTO_SQL_ERROR_PERMISSION_DENIED (they
 * name the table or the syntax problem), translated text of ours
 * otherwise. No message ever contains an API key. Cancellation is
 * reported as %G_IO_ERROR_CANCELLED, never in this domain.
 */
typedef enum
{
  CARTO_SQL_ERROR_FAILED,
  CARTO_SQL_ERROR_SQL,
  CARTO_SQL_ERROR_NOT_FOUND,
  CARTO_SQL_ERROR_UNKNOWN_USER,
  CARTO_SQL_ERROR_PERMISSION_DENIED,
  CARTO_SQL_ERROR_INVALID_KEY,
  CARTO_SQL_ERROR_RATE_LIMITED,
  CARTO_SQL_ERROR_TIMEOUT,
  CARTO_SQL_ERROR_TOO_LARGE,
  CARTO_SQL_ERROR_SERVER,
  CARTO_SQL_ERROR_NETWORK,
  CARTO_SQL_ERROR_BAD_RESPONSE,
} CartoSqlError;

GQuark      carto_sql_error_quark              (void);

const char *carto_sql_error_get_server_message (const GError *error);
const char *carto_sql_error_get_hint           (const GError *error);
const char *carto_sql_error_get_detail         (const GError *error);
guint       carto_sql_error_get_retry_after    (const GError *error);

G_END_DECLS
