/* carto-sql-result.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "carto-sql-field.h"

G_BEGIN_DECLS

/**
 * CartoSqlFormat:
 * @CARTO_SQL_FORMAT_JSON: `format=json`: fields with types, and rows
 * @CARTO_SQL_FORMAT_GEOJSON: `format=geojson`: a FeatureCollection whose
 *   geometries come from the `the_geom` column
 *
 * The answer format asked of the SQL API (docs/carto-api.md §2.3).
 */
typedef enum
{
  CARTO_SQL_FORMAT_JSON,
  CARTO_SQL_FORMAT_GEOJSON,
} CartoSqlFormat;

#define CARTO_TYPE_SQL_RESULT (carto_sql_result_get_type ())

G_DECLARE_FINAL_TYPE (CartoSqlResult, carto_sql_result, CARTO, SQL_RESULT, GObject)

CartoSqlResult     *carto_sql_result_new_from_bytes  (GBytes          *body,
                                                      CartoSqlFormat   format,
                                                      GError         **error);

CartoSqlFormat      carto_sql_result_get_format      (CartoSqlResult  *self);
guint               carto_sql_result_get_n_fields    (CartoSqlResult  *self);
CartoSqlField      *carto_sql_result_get_field       (CartoSqlResult  *self,
                                                      guint            field);
GListModel         *carto_sql_result_get_fields      (CartoSqlResult  *self);
int                 carto_sql_result_find_field      (CartoSqlResult  *self,
                                                      const char      *name);

guint               carto_sql_result_get_n_rows      (CartoSqlResult  *self);
gint64              carto_sql_result_get_total_rows  (CartoSqlResult  *self);
double              carto_sql_result_get_time        (CartoSqlResult  *self);
const char * const *carto_sql_result_get_notices     (CartoSqlResult  *self);
const char * const *carto_sql_result_get_warnings    (CartoSqlResult  *self);
const char * const *carto_sql_result_get_infos       (CartoSqlResult  *self);
JsonNode           *carto_sql_result_get_geojson     (CartoSqlResult  *self);

JsonObject         *carto_sql_result_get_row         (CartoSqlResult  *self,
                                                      guint            row);
JsonNode           *carto_sql_result_get_value       (CartoSqlResult  *self,
                                                      guint            row,
                                                      guint            field);
gboolean            carto_sql_result_is_null         (CartoSqlResult  *self,
                                                      guint            row,
                                                      guint            field);
const char         *carto_sql_result_get_string      (CartoSqlResult  *self,
                                                      guint            row,
                                                      guint            field);
double              carto_sql_result_get_double      (CartoSqlResult  *self,
                                                      guint            row,
                                                      guint            field);
gboolean            carto_sql_result_get_boolean     (CartoSqlResult  *self,
                                                      guint            row,
                                                      guint            field);
char               *carto_sql_result_dup_display_text (CartoSqlResult *self,
                                                       guint           row,
                                                       guint           field);

char               *carto_sql_value_dup_display_text (JsonNode          *value,
                                                      CartoSqlFieldType  type);
char               *carto_sql_geometry_dup_summary   (const char        *hex_ewkb);

G_END_DECLS
