/* carto-sql-pager.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include "carto-sql-client.h"
#include "carto-sql-row.h"

G_BEGIN_DECLS

#define CARTO_SQL_PAGER_DEFAULT_PAGE_SIZE 100
#define CARTO_SQL_PAGER_DEFAULT_MAX_PAGES 10

#define CARTO_TYPE_SQL_PAGER (carto_sql_pager_get_type ())

G_DECLARE_FINAL_TYPE (CartoSqlPager, carto_sql_pager, CARTO, SQL_PAGER, GObject)

CartoSqlPager  *carto_sql_pager_new_for_table       (CartoSqlClient      *client,
                                                     const char          *schema,
                                                     const char          *table,
                                                     guint                page_size);
CartoSqlPager  *carto_sql_pager_new_for_query       (CartoSqlClient      *client,
                                                     const char          *sql,
                                                     guint                page_size);

void            carto_sql_pager_load_more_async     (CartoSqlPager       *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        carto_sql_pager_load_more_finish    (CartoSqlPager       *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void            carto_sql_pager_cancel              (CartoSqlPager       *self);

CartoSqlClient *carto_sql_pager_get_client          (CartoSqlPager       *self);
guint           carto_sql_pager_get_page_size       (CartoSqlPager       *self);
guint           carto_sql_pager_get_max_pages       (CartoSqlPager       *self);
void            carto_sql_pager_set_max_pages       (CartoSqlPager       *self,
                                                     guint                max_pages);
GListModel     *carto_sql_pager_get_fields          (CartoSqlPager       *self);
gint64          carto_sql_pager_get_total_rows      (CartoSqlPager       *self);
gboolean        carto_sql_pager_get_total_is_estimate (CartoSqlPager     *self);
gboolean        carto_sql_pager_get_loading         (CartoSqlPager       *self);
gboolean        carto_sql_pager_get_complete        (CartoSqlPager       *self);
const GError   *carto_sql_pager_get_error           (CartoSqlPager       *self);
gboolean        carto_sql_pager_get_uses_keyset     (CartoSqlPager       *self);
guint           carto_sql_pager_get_n_rows_held     (CartoSqlPager       *self);

G_END_DECLS
