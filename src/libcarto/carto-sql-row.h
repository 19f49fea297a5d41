/* carto-sql-row.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include "carto-sql-result.h"

G_BEGIN_DECLS

#define CARTO_TYPE_SQL_ROW (carto_sql_row_get_type ())

G_DECLARE_FINAL_TYPE (CartoSqlRow, carto_sql_row, CARTO, SQL_ROW, GObject)

CartoSqlRow    *carto_sql_row_new               (CartoSqlResult *result,
                                                 guint           index,
                                                 guint           position);

guint           carto_sql_row_get_position      (CartoSqlRow    *self);
gboolean        carto_sql_row_get_loaded        (CartoSqlRow    *self);
CartoSqlResult *carto_sql_row_get_result        (CartoSqlRow    *self);
guint           carto_sql_row_get_index         (CartoSqlRow    *self);
JsonNode       *carto_sql_row_get_value         (CartoSqlRow    *self,
                                                 guint           field);
gboolean        carto_sql_row_is_null           (CartoSqlRow    *self,
                                                 guint           field);
char           *carto_sql_row_dup_display_text  (CartoSqlRow    *self,
                                                 guint           field);

G_END_DECLS
