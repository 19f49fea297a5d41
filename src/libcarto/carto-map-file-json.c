/* carto-map-file-json.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON text for map and session files, below both and below their file
 * I/O: written in a stable, readable form, and read only after the checks
 * json-glib does not make on user input (UTF-8, nesting depth). The map
 * file error domain lives here, the lowest piece that reports in it.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "carto-map-file-private.h"

/* The deepest nesting a map has is 5 (layer, style, base); sessions add 2.
 * json-glib parses and frees recursively, so a file of 8 MiB of `[` would
 * overflow the stack: refuse anything past this before it parses. */
#define MAX_JSON_DEPTH 32

G_DEFINE_QUARK (carto-map-file-error-quark, carto_map_file_error)

/* Writing JSON: stable member order, two-space indent, UTF-8 as is, and
 * numbers as short as round-trips (json-glib writes 0.8 as
 * 0.80000000000000004). */

static void
append_indent (GString *out,
               guint    depth)
{
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_double (GString *out,
               double   value)
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
  /* 5.0 stays a real number for readers that care. */
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
append_value (GString  *out,
              JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      append_string (out, json_node_get_string (node));
      break;
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      append_double (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    default:
      g_string_append (out, "null");
    }
}

static gboolean
is_scalar_array (JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNodeType type = JSON_NODE_TYPE (json_array_get_element (array, i));

      if (type == JSON_NODE_OBJECT || type == JSON_NODE_ARRAY)
        return FALSE;
    }
  return TRUE;
}

static void
append_node (GString  *out,
             JsonNode *node,
             guint     depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        if (members == NULL)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append (out, "{\n");
        for (GList *l = members; l != NULL; l = l->next)
          {
            append_indent (out, depth + 1);
            append_string (out, l->data);
            g_string_append (out, ": ");
            append_node (out, json_object_get_member (object, l->data), depth + 1);
            g_string_append (out, l->next != NULL ? ",\n" : "\n");
          }
        append_indent (out, depth);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        /* Lists of numbers or colours read best on one line. */
        gboolean inline_items = is_scalar_array (array);

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        g_string_append (out, inline_items ? "[" : "[\n");
        for (guint i = 0; i < n; i++)
          {
            if (!inline_items)
              append_indent (out, depth + 1);
            append_node (out, json_array_get_element (array, i), depth + 1);
            if (i + 1 < n)
              g_string_append (out, inline_items ? ", " : ",\n");
            else if (!inline_items)
              g_string_append_c (out, '\n');
          }
        if (!inline_items)
          append_indent (out, depth);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      append_value (out, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
    }
}

/**
 * carto_map_file_json_to_bytes:
 * @root: a JSON node
 *
 * Returns: (transfer full): @root pretty-printed, UTF-8, with a trailing
 *   newline
 */
GBytes *
carto_map_file_json_to_bytes (JsonNode *root)
{
  GString *out = g_string_new (NULL);

  append_node (out, root, 0);
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}

/* Reading JSON */

static gboolean
fail (GError           **error,
      CartoMapFileError  code,
      const char        *message)
{
  g_set_error_literal (error, CARTO_MAP_FILE_ERROR, code, message);
  return FALSE;
}

/* The deepest nesting of arrays and objects, counted outside strings and
 * stopped at the limit, so json-glib never recurses past it. */
static gboolean
depth_within_limit (const char *data,
                    gsize       size)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < size; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

/**
 * carto_map_file_parse_json:
 * @bytes: the file's content
 * @error: return location for %CARTO_MAP_FILE_ERROR_INVALID
 *
 * Parses @bytes as JSON after checking what json-glib does not: UTF-8
 * throughout (no NUL), and a bounded nesting depth. Thread-safe.
 *
 * Returns: (transfer full) (nullable): the root node
 */
JsonNode *
carto_map_file_parse_json (GBytes  *bytes,
                           GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  JsonNode *root;
  const char *data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);

  if (size == 0)
    {
      fail (error, CARTO_MAP_FILE_ERROR_INVALID, _("The file is empty."));
      return NULL;
    }
  if (!g_utf8_validate_len (data, size, NULL))
    {
      fail (error, CARTO_MAP_FILE_ERROR_INVALID, _("The file is not UTF-8 text."));
      return NULL;
    }
  if (!depth_within_limit (data, size))
    {
      fail (error, CARTO_MAP_FILE_ERROR_INVALID, _("The file is nested too deeply to be a map."));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, &json_error))
    {
      g_set_error (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID,
                   _("The file is not valid JSON, or it is incomplete (%s)."), json_error->message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL)
    {
      fail (error, CARTO_MAP_FILE_ERROR_INVALID, _("The file is empty."));
      return NULL;
    }

  return root;
}
