/* carto-sql-client.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <libsoup/soup.h>

#include "carto-credentials.h"
#include "carto-sql-error.h"
#include "carto-sql-result.h"

G_BEGIN_DECLS

/**
 * CartoSqlQueryFlags:
 * @CARTO_SQL_QUERY_FLAGS_NONE: send once
 * @CARTO_SQL_QUERY_IDEMPOTENT: the query only reads, so repeating it is
 *   harmless: on a rate limit (429 `rate-limit`) it is sent again after the
 *   server's `Retry-After`, a bounded number of times
 *
 * How a query may be handled.
 */
typedef enum /*< flags >*/
{
  CARTO_SQL_QUERY_FLAGS_NONE = 0,
  CARTO_SQL_QUERY_IDEMPOTENT = 1 << 0,
} CartoSqlQueryFlags;

#define CARTO_TYPE_SQL_CLIENT (carto_sql_client_get_type ())

G_DECLARE_FINAL_TYPE (CartoSqlClient, carto_sql_client, CARTO, SQL_CLIENT, GObject)

CartoSqlClient   *carto_sql_client_new                  (SoupSession         *session,
                                                         CartoCredentials    *credentials);

SoupSession      *carto_sql_client_get_session          (CartoSqlClient      *self);
CartoCredentials *carto_sql_client_get_credentials      (CartoSqlClient      *self);
guint             carto_sql_client_get_max_retries      (CartoSqlClient      *self);
void              carto_sql_client_set_max_retries      (CartoSqlClient      *self,
                                                         guint                max_retries);
guint             carto_sql_client_get_max_retry_wait   (CartoSqlClient      *self);
void              carto_sql_client_set_max_retry_wait   (CartoSqlClient      *self,
                                                         guint                seconds);

void              carto_sql_client_query_async          (CartoSqlClient      *self,
                                                         const char          *sql,
                                                         CartoSqlFormat       format,
                                                         CartoSqlQueryFlags   flags,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
CartoSqlResult   *carto_sql_client_query_finish         (CartoSqlClient      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

void              carto_sql_client_describe_async       (CartoSqlClient      *self,
                                                         const char          *sql,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
CartoSqlResult   *carto_sql_client_describe_finish      (CartoSqlClient      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

void              carto_sql_client_estimate_rows_async  (CartoSqlClient      *self,
                                                         const char          *sql,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gint64            carto_sql_client_estimate_rows_finish (CartoSqlClient      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
