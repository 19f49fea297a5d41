/* carto-sql-field.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CartoSqlFieldType:
 * @CARTO_SQL_FIELD_TYPE_OTHER: any other type; see
 *   carto_sql_field_get_type_name() (`json`, `number[]`, `unknown(1234)`…)
 * @CARTO_SQL_FIELD_TYPE_NUMBER: integers, floats and numerics
 * @CARTO_SQL_FIELD_TYPE_STRING: text, char and varchar
 * @CARTO_SQL_FIELD_TYPE_BOOLEAN: booleans
 * @CARTO_SQL_FIELD_TYPE_DATE: dates, times and timestamps (ISO 8601 text)
 * @CARTO_SQL_FIELD_TYPE_GEOMETRY: PostGIS geometry or geography (hex EWKB)
 *
 * The CARTO type of a column, as the SQL API names it in `fields`
 * (docs/carto-api.md §2.4).
 */
typedef enum
{
  CARTO_SQL_FIELD_TYPE_OTHER,
  CARTO_SQL_FIELD_TYPE_NUMBER,
  CARTO_SQL_FIELD_TYPE_STRING,
  CARTO_SQL_FIELD_TYPE_BOOLEAN,
  CARTO_SQL_FIELD_TYPE_DATE,
  CARTO_SQL_FIELD_TYPE_GEOMETRY,
} CartoSqlFieldType;

#define CARTO_TYPE_SQL_FIELD (carto_sql_field_get_type ())

G_DECLARE_FINAL_TYPE (CartoSqlField, carto_sql_field, CARTO, SQL_FIELD, GObject)

CartoSqlField     *carto_sql_field_new           (const char        *name,
                                                  const char        *type_name,
                                                  const char        *pgtype,
                                                  const char        *wkbtype,
                                                  int                srid);

const char        *carto_sql_field_get_name      (CartoSqlField     *self);
CartoSqlFieldType  carto_sql_field_get_field_type (CartoSqlField    *self);
const char        *carto_sql_field_get_type_name (CartoSqlField     *self);
const char        *carto_sql_field_get_pgtype    (CartoSqlField     *self);
const char        *carto_sql_field_get_wkbtype   (CartoSqlField     *self);
int                carto_sql_field_get_srid      (CartoSqlField     *self);
char              *carto_sql_field_dup_display_type (CartoSqlField  *self);

CartoSqlFieldType  carto_sql_field_type_from_name (const char       *type_name);

G_END_DECLS
