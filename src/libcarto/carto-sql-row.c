/* carto-sql-row.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of a CartoSqlPager, the item a table view binds. A row keeps its
 * page's result alive while a view holds it; a row of a page not (or no
 * longer) in memory is a placeholder without a result, replaced through
 * `items-changed` once its page arrives.
 */

#include "config.h"

#include "carto-sql-row.h"

struct _CartoSqlRow
{
  GObject parent_instance;

  CartoSqlResult *result;   /* NULL for a placeholder */
  guint index;              /* in result */
  guint position;           /* in the pager */
};

G_DEFINE_FINAL_TYPE (CartoSqlRow, carto_sql_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
carto_sql_row_dispose (GObject *object)
{
  CartoSqlRow *self = CARTO_SQL_ROW (object);

  g_clear_object (&self->result);

  G_OBJECT_CLASS (carto_sql_row_parent_class)->dispose (object);
}

static void
carto_sql_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CartoSqlRow *self = CARTO_SQL_ROW (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->result != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_sql_row_class_init (CartoSqlRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carto_sql_row_dispose;
  object_class->get_property = carto_sql_row_get_property;

  /**
   * CartoSqlRow:position:
   *
   * The row's position in its pager (the row number, from 0).
   */
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlRow:loaded:
   *
   * Whether the row has its data; %FALSE for a placeholder shown while
   * its page loads.
   */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_sql_row_init (CartoSqlRow *self)
{
}

/**
 * carto_sql_row_new:
 * @result: (nullable): the page holding the row, %NULL for a placeholder
 * @index: the row's index in @result
 * @position: the row's position in its list
 *
 * Returns: (transfer full): a new row
 */
CartoSqlRow *
carto_sql_row_new (CartoSqlResult *result,
                   guint           index,
                   guint           position)
{
  CartoSqlRow *self;

  g_return_val_if_fail (result == NULL || CARTO_IS_SQL_RESULT (result), NULL);
  g_return_val_if_fail (result == NULL || index < carto_sql_result_get_n_rows (result), NULL);

  self = g_object_new (CARTO_TYPE_SQL_ROW, NULL);
  self->result = result != NULL ? g_object_ref (result) : NULL;
  self->index = index;
  self->position = position;

  return self;
}

/**
 * carto_sql_row_get_position:
 * @self: a #CartoSqlRow
 *
 * Returns: the row's position in its list
 */
guint
carto_sql_row_get_position (CartoSqlRow *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_ROW (self), 0);

  return self->position;
}

/**
 * carto_sql_row_get_loaded:
 * @self: a #CartoSqlRow
 *
 * Returns: whether the row has data (else it is a placeholder)
 */
gboolean
carto_sql_row_get_loaded (CartoSqlRow *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_ROW (self), FALSE);

  return self->result != NULL;
}

/**
 * carto_sql_row_get_result:
 * @self: a #CartoSqlRow
 *
 * Returns: (transfer none) (nullable): the result holding the row, %NULL
 *   for a placeholder
 */
CartoSqlResult *
carto_sql_row_get_result (CartoSqlRow *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_ROW (self), NULL);

  return self->result;
}

/**
 * carto_sql_row_get_index:
 * @self: a #CartoSqlRow
 *
 * Returns: the row's index in carto_sql_row_get_result()
 */
guint
carto_sql_row_get_index (CartoSqlRow *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_ROW (self), 0);

  return self->index;
}

/**
 * carto_sql_row_get_value:
 * @self: a #CartoSqlRow
 * @field: a column index of the result
 *
 * Returns: (transfer none) (nullable): the cell, %NULL for placeholders
 */
JsonNode *
carto_sql_row_get_value (CartoSqlRow *self,
                         guint        field)
{
  g_return_val_if_fail (CARTO_IS_SQL_ROW (self), NULL);

  if (self->result == NULL || field >= carto_sql_result_get_n_fields (self->result))
    return NULL;
  return carto_sql_result_get_value (self->result, self->index, field);
}

/**
 * carto_sql_row_is_null:
 * @self: a #CartoSqlRow
 * @field: a column index of the result
 *
 * Returns: whether the cell is SQL `NULL`; %FALSE for placeholders, whose
 *   value is unknown
 */
gboolean
carto_sql_row_is_null (CartoSqlRow *self,
                       guint        field)
{
  g_return_val_if_fail (CARTO_IS_SQL_ROW (self), FALSE);

  if (self->result == NULL || field >= carto_sql_result_get_n_fields (self->result))
    return FALSE;
  return carto_sql_result_is_null (self->result, self->index, field);
}

/**
 * carto_sql_row_dup_display_text:
 * @self: a #CartoSqlRow
 * @field: a column index of the result
 *
 * Returns: (transfer full): the cell as text (see
 *   carto_sql_value_dup_display_text()), empty for placeholders
 */
char *
carto_sql_row_dup_display_text (CartoSqlRow *self,
                                guint        field)
{
  g_return_val_if_fail (CARTO_IS_SQL_ROW (self), NULL);

  if (self->result == NULL || field >= carto_sql_result_get_n_fields (self->result))
    return g_strdup ("");
  return carto_sql_result_dup_display_text (self->result, self->index, field);
}
