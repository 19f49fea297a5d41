/* carto-sql-result.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The parsed answer of one SQL API query (docs/carto-api.md §2.4). Rows stay
 * the JSON objects json-glib built: copying every cell into another shape
 * would double the memory of a page for nothing, and the objects are
 * immutable, so a result can be read from any thread.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "carto-sql-error-private.h"
#include "carto-sql-result-private.h"

/* A cell is one line in a table view; a megabyte of text in a label would
 * stall the UI, and nobody reads past this. */
#define MAX_DISPLAY_CHARS 1000

struct _CartoSqlResult
{
  GObject parent_instance;

  CartoSqlFormat format;
  JsonNode *root;             /* owns everything below */
  GListStore *fields;         /* CartoSqlField */
  GPtrArray *field_array;     /* the same, for indexed access per cell */
  GPtrArray *rows;            /* JsonObject, borrowed from root; NULL entries for
                               * features without properties */
  gint64 total_rows;
  double time;
  GStrv notices;
  GStrv warnings;
  GStrv infos;
};

G_DEFINE_FINAL_TYPE (CartoSqlResult, carto_sql_result, G_TYPE_OBJECT)

static const char * const empty_strv[] = { NULL };

static JsonNode *
member_of_type (JsonObject *object,
                const char *name,
                JsonNodeType type)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != type)
    return NULL;
  return node;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = member_of_type (object, name, JSON_NODE_VALUE);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
node_is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static GStrv
strv_from_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node = member_of_type (object, name, JSON_NODE_ARRAY);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL)
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (item));
          else if (!JSON_NODE_HOLDS_NULL (item))
            {
              g_autofree char *text = json_to_string (item, FALSE);
              g_strv_builder_add (builder, text);
            }
        }
    }

  return g_strv_builder_end (builder);
}

static GError *
bad_response (const char *why)
{
  g_debug ("Unexpected SQL API answer: %s", why);
  return g_error_new_literal (CARTO_SQL_ERROR, CARTO_SQL_ERROR_BAD_RESPONSE,
                              _("The server sent an answer that is not from the CARTO SQL API."));
}

static void
add_field (CartoSqlResult *self,
           CartoSqlField  *field)
{
  g_list_store_append (self->fields, field);
  g_ptr_array_add (self->field_array, g_object_ref (field));
}

static gboolean
parse_fields (CartoSqlResult  *self,
              JsonObject      *root,
              GError         **error)
{
  JsonNode *fields_node = json_object_get_member (root, "fields");
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (fields_node == NULL || JSON_NODE_HOLDS_NULL (fields_node))
    {
      /* Not sent: name the columns after the first row, types unknown. */
      if (self->rows->len > 0 && g_ptr_array_index (self->rows, 0) != NULL)
        {
          json_object_iter_init_ordered (&iter, g_ptr_array_index (self->rows, 0));
          while (json_object_iter_next_ordered (&iter, &name, &node))
            {
              g_autoptr(CartoSqlField) field = carto_sql_field_new (name, NULL, NULL, NULL, 0);
              add_field (self, field);
            }
        }
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (fields_node))
    {
      g_propagate_error (error, bad_response ("fields is not an object"));
      return FALSE;
    }

  /* The order of `fields` is the order of the columns in the query. */
  json_object_iter_init_ordered (&iter, json_node_get_object (fields_node));
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      g_autoptr(CartoSqlField) field = NULL;
      JsonObject *desc;
      JsonNode *srid;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_propagate_error (error, bad_response ("a field is not an object"));
          return FALSE;
        }
      desc = json_node_get_object (node);
      srid = json_object_get_member (desc, "srid");
      field = carto_sql_field_new (name,
                                   member_string (desc, "type"),
                                   member_string (desc, "pgtype"),
                                   member_string (desc, "wkbtype"),
                                   node_is_number (srid) ? (int) json_node_get_int (srid) : 0);
      add_field (self, field);
    }

  return TRUE;
}

static gboolean
parse_json (CartoSqlResult  *self,
            JsonObject      *root,
            GError         **error)
{
  JsonNode *rows = member_of_type (root, "rows", JSON_NODE_ARRAY);
  JsonNode *total = json_object_get_member (root, "total_rows");
  JsonNode *time = json_object_get_member (root, "time");
  JsonArray *array;

  if (rows == NULL)
    {
      g_propagate_error (error, bad_response ("no rows array"));
      return FALSE;
    }

  array = json_node_get_array (rows);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *row = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (row))
        {
          g_propagate_error (error, bad_response ("a row is not an object"));
          return FALSE;
        }
      g_ptr_array_add (self->rows, json_node_get_object (row));
    }

  if (!parse_fields (self, root, error))
    return FALSE;

  /* total_rows counts affected rows for DML: keep the server's number. */
  self->total_rows = node_is_number (total) ? json_node_get_int (total) : (gint64) self->rows->len;
  self->time = node_is_number (time) ? json_node_get_double (time) : -1.0;

  return TRUE;
}

static gboolean
parse_geojson (CartoSqlResult  *self,
               JsonObject      *root,
               GError         **error)
{
  JsonNode *features = member_of_type (root, "features", JSON_NODE_ARRAY);
  JsonArray *array;

  if (g_strcmp0 (member_string (root, "type"), "FeatureCollection") != 0 || features == NULL)
    {
      g_propagate_error (error, bad_response ("not a FeatureCollection"));
      return FALSE;
    }

  array = json_node_get_array (features);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *feature = json_array_get_element (array, i);
      JsonNode *properties;

      if (!JSON_NODE_HOLDS_OBJECT (feature))
        {
          g_propagate_error (error, bad_response ("a feature is not an object"));
          return FALSE;
        }
      properties = member_of_type (json_node_get_object (feature), "properties", JSON_NODE_OBJECT);
      g_ptr_array_add (self->rows, properties != NULL ? json_node_get_object (properties) : NULL);
    }

  self->total_rows = self->rows->len;
  self->time = -1.0;

  return TRUE;
}

static void
carto_sql_result_finalize (GObject *object)
{
  CartoSqlResult *self = CARTO_SQL_RESULT (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->fields);
  g_clear_pointer (&self->field_array, g_ptr_array_unref);
  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->notices, g_strfreev);
  g_clear_pointer (&self->warnings, g_strfreev);
  g_clear_pointer (&self->infos, g_strfreev);

  G_OBJECT_CLASS (carto_sql_result_parent_class)->finalize (object);
}

static void
carto_sql_result_class_init (CartoSqlResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carto_sql_result_finalize;
}

static void
carto_sql_result_init (CartoSqlResult *self)
{
  self->fields = g_list_store_new (CARTO_TYPE_SQL_FIELD);
  self->field_array = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows = g_ptr_array_new ();
  self->time = -1.0;
}

/**
 * carto_sql_result_new_from_root:
 * @root: a parsed SQL API body
 * @format: the format it was asked in
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with a
 *   %CARTO_SQL_ERROR when @root is an error answer or has the wrong shape
 */
CartoSqlResult *
carto_sql_result_new_from_root (JsonNode        *root,
                                CartoSqlFormat   format,
                                GError         **error)
{
  g_autoptr(CartoSqlResult) self = NULL;
  GError *answer_error;
  JsonObject *object;
  gboolean ok;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  answer_error = carto_sql_error_new_from_response (200, root, NULL, NULL);
  if (answer_error != NULL)
    {
      g_propagate_error (error, answer_error);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_propagate_error (error, bad_response ("the body is not an object"));
      return NULL;
    }

  self = g_object_new (CARTO_TYPE_SQL_RESULT, NULL);
  self->format = format;
  self->root = json_node_ref (root);
  object = json_node_get_object (root);

  if (format == CARTO_SQL_FORMAT_GEOJSON)
    ok = parse_geojson (self, object, error);
  else
    ok = parse_json (self, object, error);
  if (!ok)
    return NULL;

  self->notices = strv_from_member (object, "notices");
  self->warnings = strv_from_member (object, "warnings");
  self->infos = strv_from_member (object, "infos");

  return g_steal_pointer (&self);
}

/**
 * carto_sql_result_new_from_bytes:
 * @body: the body of an SQL API answer
 * @format: the format it was asked in
 * @error: return location for a #GError
 *
 * Parses an SQL API body. A body with an `error` member (which the API
 * sends even with status 200 when a query fails after streaming began,
 * §2.5) gives the matching %CARTO_SQL_ERROR.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set
 */
CartoSqlResult *
carto_sql_result_new_from_bytes (GBytes          *body,
                                 CartoSqlFormat   format,
                                 GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  const char *data;
  gsize len;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (body, &len);
  if (len == 0 || !json_parser_load_from_data (parser, data, (gssize) len, &parse_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_propagate_error (error, bad_response (parse_error != NULL ? parse_error->message : "empty body"));
      return NULL;
    }

  return carto_sql_result_new_from_root (json_parser_get_root (parser), format, error);
}

/**
 * carto_sql_result_get_format:
 * @self: a #CartoSqlResult
 *
 * Returns: the format the query was answered in
 */
CartoSqlFormat
carto_sql_result_get_format (CartoSqlResult *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_RESULT (self), CARTO_SQL_FORMAT_JSON);

  return self->format;
}

/**
 * carto_sql_result_get_n_fields:
 * @self: a #CartoSqlResult
 *
 * Returns: the number of columns; 0 for %CARTO_SQL_FORMAT_GEOJSON, which
 *   has no field descriptions
 */
guint
carto_sql_result_get_n_fields (CartoSqlResult *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_RESULT (self), 0);

  return self->field_array->len;
}

/**
 * carto_sql_result_get_field:
 * @self: a #CartoSqlResult
 * @field: a column index, below carto_sql_result_get_n_fields()
 *
 * Returns: (transfer none): the column's description
 */
CartoSqlField *
carto_sql_result_get_field (CartoSqlResult *self,
                            guint           field)
{
  g_return_val_if_fail (CARTO_IS_SQL_RESULT (self), NULL);
  g_return_val_if_fail (field < self->field_array->len, NULL);

  return g_ptr_array_index (self->field_array, field);
}

/**
 * carto_sql_result_get_fields:
 * @self: a #CartoSqlResult
 *
 * The columns in query order, to build a table view's columns from.
 *
 * Returns: (transfer none): a list of #CartoSqlField
 */
GListModel *
carto_sql_result_get_fields (CartoSqlResult *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_RESULT (self), NULL);

  return G_LIST_MODEL (self->fields);
}

/**
 * carto_sql_result_find_field:
 * @self: a #CartoSqlResult
 * @name: a column name
 *
 * Returns: the index of the column called @name, or -1
 */
int
carto_sql_result_find_field (CartoSqlResult *self,
                             const char     *name)
{
  guint n;

  g_return_val_if_fail (CARTO_IS_SQL_RESULT (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  n = carto_sql_result_get_n_fields (self);
  for (guint i = 0; i < n; i++)
    {
      if (g_str_equal (carto_sql_field_get_name (carto_sql_result_get_field (self, i)), name))
        return (int) i;
    }
  return -1;
}

/**
 * carto_sql_result_get_n_rows:
 * @self: a #CartoSqlResult
 *
 * Returns: the number of rows (features, for GeoJSON) in this result
 */
guint
carto_sql_result_get_n_rows (CartoSqlResult *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_RESULT (self), 0);

  return self->rows->len;
}

/**
 * carto_sql_result_get_total_rows:
 * @self: a #CartoSqlResult
 *
 * The server's `total_rows`: the rows returned, or for `INSERT`, `UPDATE`
 * and `DELETE` the rows affected.
 *
 * Returns: the row count the server reported
 */
gint64
carto_sql_result_get_total_rows (CartoSqlResult *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_RESULT (self), 0);

  return self->total_rows;
}

/**
 * carto_sql_result_get_time:
 * @self: a #CartoSqlResult
 *
 * Returns: the server's own query time in seconds, or -1 when it did not
 *   report one (GeoJSON answers)
 */
double
carto_sql_result_get_time (CartoSqlResult *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_RESULT (self), -1.0);

  return self->time;
}

/**
 * carto_sql_result_get_notices:
 * @self: a #CartoSqlResult
 *
 * Returns: (transfer none): PostgreSQL's notices (`RAISE NOTICE`), maybe empty
 */
const char * const *
carto_sql_result_get_notices (CartoSqlResult *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_RESULT (self), empty_strv);

  return (const char * const *) self->notices;
}

/**
 * carto_sql_result_get_warnings:
 * @self: a #CartoSqlResult
 *
 * Returns: (transfer none): PostgreSQL's warnings, maybe empty
 */
const char * const *
carto_sql_result_get_warnings (CartoSqlResult *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_RESULT (self), empty_strv);

  return (const char * const *) self->warnings;
}

/**
 * carto_sql_result_get_infos:
 * @self: a #CartoSqlResult
 *
 * Returns: (transfer none): PostgreSQL's info messages, maybe empty
 */
const char * const *
carto_sql_result_get_infos (CartoSqlResult *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_RESULT (self), empty_strv);

  return (const char * const *) self->infos;
}

/**
 * carto_sql_result_get_geojson:
 * @self: a #CartoSqlResult
 *
 * Returns: (transfer none) (nullable): the FeatureCollection of a
 *   %CARTO_SQL_FORMAT_GEOJSON result, %NULL for JSON results
 */
JsonNode *
carto_sql_result_get_geojson (CartoSqlResult *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_RESULT (self), NULL);

  if (self->format != CARTO_SQL_FORMAT_GEOJSON)
    return NULL;
  return self->root;
}

/**
 * carto_sql_result_get_row:
 * @self: a #CartoSqlResult
 * @row: a row index, below carto_sql_result_get_n_rows()
 *
 * Returns: (transfer none) (nullable): the row as the server sent it,
 *   column name → value; for GeoJSON, the feature's properties (%NULL
 *   when it has none)
 */
JsonObject *
carto_sql_result_get_row (CartoSqlResult *self,
                          guint           row)
{
  g_return_val_if_fail (CARTO_IS_SQL_RESULT (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  return g_ptr_array_index (self->rows, row);
}

/**
 * carto_sql_result_get_value:
 * @self: a #CartoSqlResult
 * @row: a row index
 * @field: a column index
 *
 * Returns: (transfer none) (nullable): the cell; %NULL when the row lacks
 *   the column
 */
JsonNode *
carto_sql_result_get_value (CartoSqlResult *self,
                            guint           row,
                            guint           field)
{
  JsonObject *object;

  g_return_val_if_fail (CARTO_IS_SQL_RESULT (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  g_return_val_if_fail (field < carto_sql_result_get_n_fields (self), NULL);

  object = g_ptr_array_index (self->rows, row);
  if (object == NULL)
    return NULL;
  return json_object_get_member (object,
                                 carto_sql_field_get_name (carto_sql_result_get_field (self, field)));
}

/**
 * carto_sql_result_is_null:
 * @self: a #CartoSqlResult
 * @row: a row index
 * @field: a column index
 *
 * Returns: whether the cell is SQL `NULL` (or missing)
 */
gboolean
carto_sql_result_is_null (CartoSqlResult *self,
                          guint           row,
                          guint           field)
{
  JsonNode *value = carto_sql_result_get_value (self, row, field);

  return value == NULL || JSON_NODE_HOLDS_NULL (value);
}

/**
 * carto_sql_result_get_string:
 * @self: a #CartoSqlResult
 * @row: a row index
 * @field: a column index
 *
 * Text, dates and geometries (hex EWKB) arrive as JSON strings.
 *
 * Returns: (nullable): the cell's string, %NULL when it is not a string
 */
const char *
carto_sql_result_get_string (CartoSqlResult *self,
                             guint           row,
                             guint           field)
{
  JsonNode *value = carto_sql_result_get_value (self, row, field);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (value);
}

/**
 * carto_sql_result_get_double:
 * @self: a #CartoSqlResult
 * @row: a row index
 * @field: a column index
 *
 * Returns: the cell as a number; `NaN`/`Infinity`, which the API sends as
 *   strings, become the IEEE values; NAN for anything not a number
 */
double
carto_sql_result_get_double (CartoSqlResult *self,
                             guint           row,
                             guint           field)
{
  JsonNode *value = carto_sql_result_get_value (self, row, field);
  const char *text;

  if (node_is_number (value))
    return json_node_get_double (value);

  text = carto_sql_result_get_string (self, row, field);
  if (g_strcmp0 (text, "Infinity") == 0)
    return INFINITY;
  if (g_strcmp0 (text, "-Infinity") == 0)
    return -INFINITY;
  return NAN;
}

/**
 * carto_sql_result_get_boolean:
 * @self: a #CartoSqlResult
 * @row: a row index
 * @field: a column index
 *
 * Returns: the cell's boolean; %FALSE when it is not a boolean
 */
gboolean
carto_sql_result_get_boolean (CartoSqlResult *self,
                              guint           row,
                              guint           field)
{
  JsonNode *value = carto_sql_result_get_value (self, row, field);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_BOOLEAN)
    return FALSE;
  return json_node_get_boolean (value);
}

/**
 * carto_sql_result_dup_display_text:
 * @self: a #CartoSqlResult
 * @row: a row index
 * @field: a column index
 *
 * The cell as a table view shows it; see carto_sql_value_dup_display_text().
 *
 * Returns: (transfer full): the text, empty for `NULL`
 */
char *
carto_sql_result_dup_display_text (CartoSqlResult *self,
                                   guint           row,
                                   guint           field)
{
  g_return_val_if_fail (CARTO_IS_SQL_RESULT (self), NULL);
  g_return_val_if_fail (field < carto_sql_result_get_n_fields (self), NULL);

  return carto_sql_value_dup_display_text (carto_sql_result_get_value (self, row, field),
                                           carto_sql_field_get_field_type (carto_sql_result_get_field (self, field)));
}

static char *
truncate_for_display (const char *text)
{
  const char *end;

  if (g_utf8_strlen (text, MAX_DISPLAY_CHARS + 1) <= MAX_DISPLAY_CHARS)
    return g_strdup (text);

  end = g_utf8_offset_to_pointer (text, MAX_DISPLAY_CHARS);
  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

/* The shortest decimal text that reads back as the same double, so 0.1
 * shows as 0.1 and not 0.10000000000000001. */
static char *
format_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("NaN");
  if (isinf (value))
    return g_strdup (value > 0 ? "Infinity" : "-Infinity");

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return g_strdup (buf);
}

/* Fixed decimals without trailing zeros: 12.4964, not 12.496400. */
static void
append_coordinate (GString *out,
                   double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  gsize len;

  g_ascii_formatd (buf, sizeof buf, "%.6f", value);
  len = strlen (buf);
  while (len > 0 && buf[len - 1] == '0')
    buf[--len] = '\0';
  if (len > 0 && buf[len - 1] == '.')
    buf[--len] = '\0';
  if (g_str_equal (buf, "-0"))
    g_strlcpy (buf, "0", sizeof buf);
  g_string_append (out, buf);
}

typedef struct
{
  const char *hex;
  gsize len;         /* in bytes, half the hex length */
  gboolean little;
} Ewkb;

static gboolean
ewkb_read (const Ewkb *wkb,
           gsize       offset,
           guint8     *out,
           gsize       n)
{
  if (offset + n > wkb->len)
    return FALSE;

  for (gsize i = 0; i < n; i++)
    {
      int hi = g_ascii_xdigit_value (wkb->hex[2 * (offset + i)]);
      int lo = g_ascii_xdigit_value (wkb->hex[2 * (offset + i) + 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      out[i] = (guint8) (hi << 4 | lo);
    }
  return TRUE;
}

static gboolean
ewkb_read_uint32 (const Ewkb *wkb,
                  gsize       offset,
                  guint32    *out)
{
  guint8 b[4];

  if (!ewkb_read (wkb, offset, b, sizeof b))
    return FALSE;
  if (wkb->little)
    *out = (guint32) b[0] | (guint32) b[1] << 8 | (guint32) b[2] << 16 | (guint32) b[3] << 24;
  else
    *out = (guint32) b[3] | (guint32) b[2] << 8 | (guint32) b[1] << 16 | (guint32) b[0] << 24;
  return TRUE;
}

static gboolean
ewkb_read_double (const Ewkb *wkb,
                  gsize       offset,
                  double     *out)
{
  guint8 b[8];
  guint64 bits = 0;

  if (!ewkb_read (wkb, offset, b, sizeof b))
    return FALSE;
  for (int i = 0; i < 8; i++)
    bits |= (guint64) b[wkb->little ? i : 7 - i] << (8 * i);
  memcpy (out, &bits, sizeof *out);
  return TRUE;
}

static const char *
geometry_type_name (guint32 type)
{
  static const char * const names[] = {
    NULL, "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING",
    "MULTIPOLYGON", "GEOMETRYCOLLECTION", "CIRCULARSTRING", "COMPOUNDCURVE",
    "CURVEPOLYGON", "MULTICURVE", "MULTISURFACE", NULL, NULL,
    "POLYHEDRALSURFACE", "TIN", "TRIANGLE",
  };

  if (type < G_N_ELEMENTS (names) && names[type] != NULL)
    return names[type];
  return "GEOMETRY";
}

static char *
count_text (guint32     type,
            const char *name,
            guint32     n)
{
  switch (type)
    {
    case 2: /* LineString */
    case 4: /* MultiPoint */
      /* Translators: a geometry's summary in a table cell, e.g. "LINESTRING, 12 points" */
      return g_strdup_printf (ngettext ("%s, %u point", "%s, %u points", n), name, n);
    case 3: /* Polygon */
      return g_strdup_printf (ngettext ("%s, %u ring", "%s, %u rings", n), name, n);
    case 5: /* MultiLineString */
      return g_strdup_printf (ngettext ("%s, %u line", "%s, %u lines", n), name, n);
    case 6: /* MultiPolygon */
      return g_strdup_printf (ngettext ("%s, %u polygon", "%s, %u polygons", n), name, n);
    default:
      return g_strdup_printf (ngettext ("%s, %u part", "%s, %u parts", n), name, n);
    }
}

/**
 * carto_sql_geometry_dup_summary:
 * @hex_ewkb: a geometry as the SQL API sends it (hex EWKB)
 *
 * A short text for a table cell: the coordinates of a point
 * (`POINT (12.4964 41.9028)`), the type and size of anything else
 * (`MULTIPOLYGON, 3 polygons`), `… EMPTY` for empty geometries. Only the
 * header is decoded, so huge geometries cost nothing.
 *
 * Returns: (transfer full) (nullable): the summary, %NULL when @hex_ewkb
 *   is not hex EWKB
 */
char *
carto_sql_geometry_dup_summary (const char *hex_ewkb)
{
  Ewkb wkb = { 0, };
  guint8 order;
  guint32 type, base, srid, n;
  gboolean has_z, has_m;
  gsize offset = 5;
  const char *name;

  g_return_val_if_fail (hex_ewkb != NULL, NULL);

  wkb.hex = hex_ewkb;
  wkb.len = strlen (hex_ewkb) / 2;
  if (!ewkb_read (&wkb, 0, &order, 1) || order > 1)
    return NULL;
  wkb.little = order == 1;
  if (!ewkb_read_uint32 (&wkb, 1, &type))
    return NULL;

  /* EWKB flags Z, M and SRID in the high bits; ISO WKB adds 1000s. */
  has_z = (type & 0x80000000u) != 0;
  has_m = (type & 0x40000000u) != 0;
  if ((type & 0x20000000u) != 0)
    {
      if (!ewkb_read_uint32 (&wkb, offset, &srid))
        return NULL;
      offset += 4;
    }
  base = type & 0x0fffffffu;
  if (base >= 1000 && base < 4000)
    {
      has_z = has_z || base / 1000 == 1 || base / 1000 == 3;
      has_m = has_m || base / 1000 == 2 || base / 1000 == 3;
      base %= 1000;
    }
  name = geometry_type_name (base);

  if (base == 1)
    {
      guint dims = 2 + (has_z ? 1 : 0) + (has_m ? 1 : 0);
      g_autoptr(GString) out = g_string_new (name);

      for (guint i = 0; i < dims; i++)
        {
          double c;

          if (!ewkb_read_double (&wkb, offset + 8 * i, &c))
            return NULL;
          if (isnan (c))
            return g_strconcat (name, " EMPTY", NULL);
          g_string_append (out, i == 0 ? " (" : " ");
          append_coordinate (out, c);
        }
      g_string_append_c (out, ')');
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  if (!ewkb_read_uint32 (&wkb, offset, &n))
    return g_strdup (name);
  if (n == 0)
    return g_strconcat (name, " EMPTY", NULL);
  return count_text (base, name, n);
}

/**
 * carto_sql_value_dup_display_text:
 * @value: (nullable): a cell of a result
 * @type: the column's type
 *
 * The cell as a table view shows it: empty for `NULL` (check
 * carto_sql_result_is_null() to style it), numbers in the shortest exact
 * form with a `.` decimal point, `true`/`false`, dates as the server's
 * ISO 8601 text, geometries as carto_sql_geometry_dup_summary(), JSON
 * values and arrays as compact JSON. Text longer than 1000 characters is
 * cut with an ellipsis.
 *
 * Returns: (transfer full): the text
 */
char *
carto_sql_value_dup_display_text (JsonNode          *value,
                                  CartoSqlFieldType  type)
{
  g_autofree char *text = NULL;
  GType value_type;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");

  if (!JSON_NODE_HOLDS_VALUE (value))
    {
      text = json_to_string (value, FALSE);
      return truncate_for_display (text);
    }

  value_type = json_node_get_value_type (value);
  if (value_type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
  if (value_type == G_TYPE_DOUBLE)
    return format_double (json_node_get_double (value));
  if (value_type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? "true" : "false");

  if (type == CARTO_SQL_FIELD_TYPE_GEOMETRY)
    {
      char *summary = carto_sql_geometry_dup_summary (json_node_get_string (value));

      if (summary != NULL)
        return summary;
    }

  return truncate_for_display (json_node_get_string (value));
}
