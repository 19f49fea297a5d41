/* carto-sql-field.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One column of an SQL API result: the `fields` member of the answer
 * (docs/carto-api.md §2.4). Immutable, so results and pagers can share it.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "carto-enums.h"
#include "carto-sql-field.h"

struct _CartoSqlField
{
  GObject parent_instance;

  char *name;
  char *type_name;
  char *pgtype;
  char *wkbtype;
  int srid;
  CartoSqlFieldType field_type;
};

G_DEFINE_FINAL_TYPE (CartoSqlField, carto_sql_field, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_FIELD_TYPE,
  PROP_TYPE_NAME,
  PROP_PGTYPE,
  PROP_WKBTYPE,
  PROP_SRID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
carto_sql_field_finalize (GObject *object)
{
  CartoSqlField *self = CARTO_SQL_FIELD (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->type_name, g_free);
  g_clear_pointer (&self->pgtype, g_free);
  g_clear_pointer (&self->wkbtype, g_free);

  G_OBJECT_CLASS (carto_sql_field_parent_class)->finalize (object);
}

static void
carto_sql_field_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CartoSqlField *self = CARTO_SQL_FIELD (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_FIELD_TYPE:
      g_value_set_enum (value, self->field_type);
      break;
    case PROP_TYPE_NAME:
      g_value_set_string (value, self->type_name);
      break;
    case PROP_PGTYPE:
      g_value_set_string (value, self->pgtype);
      break;
    case PROP_WKBTYPE:
      g_value_set_string (value, self->wkbtype);
      break;
    case PROP_SRID:
      g_value_set_int (value, self->srid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_sql_field_class_init (CartoSqlFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carto_sql_field_finalize;
  object_class->get_property = carto_sql_field_get_property;

  /**
   * CartoSqlField:name:
   *
   * The column name.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlField:field-type:
   *
   * The CARTO type, as an enum.
   */
  properties[PROP_FIELD_TYPE] =
    g_param_spec_enum ("field-type", NULL, NULL,
                       CARTO_TYPE_SQL_FIELD_TYPE, CARTO_SQL_FIELD_TYPE_OTHER,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlField:type-name:
   *
   * The CARTO type as the server names it (`number`, `string`, `json`…).
   */
  properties[PROP_TYPE_NAME] =
    g_param_spec_string ("type-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlField:pgtype:
   *
   * The PostgreSQL type name (`int4`, `text`…), %NULL for geometries.
   */
  properties[PROP_PGTYPE] =
    g_param_spec_string ("pgtype", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlField:wkbtype:
   *
   * For geometries, the geometry type the server reports (`Point`,
   * `Unknown`…); %NULL otherwise.
   */
  properties[PROP_WKBTYPE] =
    g_param_spec_string ("wkbtype", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlField:srid:
   *
   * For geometries, the SRID the server reports; 0 when unknown.
   */
  properties[PROP_SRID] =
    g_param_spec_int ("srid", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_sql_field_init (CartoSqlField *self)
{
}

/**
 * carto_sql_field_type_from_name:
 * @type_name: a CARTO type name from a `fields` entry
 *
 * Maps the SQL API's type names (§2.4) to the enum. Arrays
 * (`number[]`) and unnamed types are %CARTO_SQL_FIELD_TYPE_OTHER.
 *
 * Returns: the field type
 */
CartoSqlFieldType
carto_sql_field_type_from_name (const char *type_name)
{
  if (type_name == NULL)
    return CARTO_SQL_FIELD_TYPE_OTHER;
  if (g_str_equal (type_name, "number"))
    return CARTO_SQL_FIELD_TYPE_NUMBER;
  if (g_str_equal (type_name, "string"))
    return CARTO_SQL_FIELD_TYPE_STRING;
  if (g_str_equal (type_name, "boolean"))
    return CARTO_SQL_FIELD_TYPE_BOOLEAN;
  if (g_str_equal (type_name, "date"))
    return CARTO_SQL_FIELD_TYPE_DATE;
  if (g_str_equal (type_name, "geometry") || g_str_equal (type_name, "geography"))
    return CARTO_SQL_FIELD_TYPE_GEOMETRY;
  return CARTO_SQL_FIELD_TYPE_OTHER;
}

/**
 * carto_sql_field_new:
 * @name: the column name
 * @type_name: (nullable): the CARTO type name; %NULL reads as `unknown`
 * @pgtype: (nullable): the PostgreSQL type name
 * @wkbtype: (nullable): the geometry type, for geometries
 * @srid: the SRID for geometries, else 0
 *
 * Returns: (transfer full): a new field description
 */
CartoSqlField *
carto_sql_field_new (const char *name,
                     const char *type_name,
                     const char *pgtype,
                     const char *wkbtype,
                     int         srid)
{
  CartoSqlField *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (CARTO_TYPE_SQL_FIELD, NULL);
  self->name = g_strdup (name);
  self->type_name = g_strdup (type_name != NULL ? type_name : "unknown");
  self->pgtype = g_strdup (pgtype);
  self->wkbtype = g_strdup (wkbtype);
  self->srid = srid;
  self->field_type = carto_sql_field_type_from_name (type_name);

  return self;
}

/**
 * carto_sql_field_get_name:
 * @self: a #CartoSqlField
 *
 * Returns: the column name
 */
const char *
carto_sql_field_get_name (CartoSqlField *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_FIELD (self), NULL);

  return self->name;
}

/**
 * carto_sql_field_get_field_type:
 * @self: a #CartoSqlField
 *
 * Returns: the CARTO type of the column
 */
CartoSqlFieldType
carto_sql_field_get_field_type (CartoSqlField *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_FIELD (self), CARTO_SQL_FIELD_TYPE_OTHER);

  return self->field_type;
}

/**
 * carto_sql_field_get_type_name:
 * @self: a #CartoSqlField
 *
 * Returns: the CARTO type name as the server sent it
 */
const char *
carto_sql_field_get_type_name (CartoSqlField *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_FIELD (self), NULL);

  return self->type_name;
}

/**
 * carto_sql_field_get_pgtype:
 * @self: a #CartoSqlField
 *
 * Returns: (nullable): the PostgreSQL type name, %NULL for geometries
 */
const char *
carto_sql_field_get_pgtype (CartoSqlField *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_FIELD (self), NULL);

  return self->pgtype;
}

/**
 * carto_sql_field_get_wkbtype:
 * @self: a #CartoSqlField
 *
 * The geometry type the server reports from the column's type modifier.
 * CARTO's own `the_geom` is a generic geometry, so this is often
 * `Unknown` or `Geometry`: sample the rows for the real type.
 *
 * Returns: (nullable): the geometry type, %NULL for other columns
 */
const char *
carto_sql_field_get_wkbtype (CartoSqlField *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_FIELD (self), NULL);

  return self->wkbtype;
}

/**
 * carto_sql_field_get_srid:
 * @self: a #CartoSqlField
 *
 * Returns: the SRID of a geometry column, 0 when unknown or not a geometry
 */
int
carto_sql_field_get_srid (CartoSqlField *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_FIELD (self), 0);

  return self->srid;
}

/**
 * carto_sql_field_dup_display_type:
 * @self: a #CartoSqlField
 *
 * The type as a column header or schema list shows it: the CARTO type
 * with the PostgreSQL type (`number (int4)`), or for geometries the
 * geometry type and SRID (`geometry (Point, SRID 4326)`).
 *
 * Returns: (transfer full): the text
 */
char *
carto_sql_field_dup_display_type (CartoSqlField *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_FIELD (self), NULL);

  if (self->field_type == CARTO_SQL_FIELD_TYPE_GEOMETRY)
    {
      gboolean has_type = self->wkbtype != NULL && *self->wkbtype != '\0';

      if (has_type && self->srid > 0)
        /* Translators: a geometry column's type, e.g. "geometry (Point, SRID 4326)" */
        return g_strdup_printf (_("%s (%s, SRID %d)"), self->type_name, self->wkbtype, self->srid);
      if (has_type)
        return g_strdup_printf ("%s (%s)", self->type_name, self->wkbtype);
      if (self->srid > 0)
        return g_strdup_printf (_("%s (SRID %d)"), self->type_name, self->srid);
      return g_strdup (self->type_name);
    }

  if (self->pgtype != NULL && g_strcmp0 (self->pgtype, self->type_name) != 0)
    return g_strdup_printf ("%s (%s)", self->type_name, self->pgtype);

  return g_strdup (self->type_name);
}
