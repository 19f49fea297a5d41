/* cts-control.c — request counts and fault knobs for the control endpoint
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cts-config.h"
#include "cts-control.h"

/**
 * cts_stats_new:
 *
 * Returns: (transfer full): zeroed counters
 */
CtsStats *
cts_stats_new (void)
{
  CtsStats *stats = g_new0 (CtsStats, 1);

  stats->paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return stats;
}

/**
 * cts_stats_free:
 * @stats: (transfer full): counters
 *
 * Frees @stats.
 */
void
cts_stats_free (CtsStats *stats)
{
  if (stats == NULL)
    return;
  g_hash_table_destroy (stats->paths);
  g_free (stats);
}

/**
 * cts_stats_count:
 * @stats: counters
 * @kind: sql, map, tile, keys or other
 * @path: the request path, without its query
 *
 * Counts one request.
 */
void
cts_stats_count (CtsStats   *stats,
                 const char *kind,
                 const char *path)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (stats->paths, path));

  stats->total++;
  if (g_str_equal (kind, "sql"))
    stats->sql++;
  else if (g_str_equal (kind, "map"))
    stats->map++;
  else if (g_str_equal (kind, "tile"))
    stats->tile++;
  else if (g_str_equal (kind, "keys"))
    stats->keys++;
  else
    stats->other++;
  g_hash_table_insert (stats->paths, g_strdup (path), GUINT_TO_POINTER (n + 1));
}

/**
 * cts_stats_reset:
 * @stats: counters
 *
 * Sets every counter back to zero.
 */
void
cts_stats_reset (CtsStats *stats)
{
  stats->total = stats->sql = stats->map = stats->tile = stats->keys = stats->other = 0;
  g_hash_table_remove_all (stats->paths);
}

/**
 * cts_stats_to_json:
 * @stats: counters
 *
 * Returns: (transfer full): `{"total":…,"sql":…,"map":…,"tile":…,"keys":…,
 *   "other":…,"paths":{"/user/…":n}}`
 */
char *
cts_stats_to_json (CtsStats *stats)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GHashTableIter iter;
  gpointer key, value;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, stats->total);
  json_builder_set_member_name (builder, "sql");
  json_builder_add_int_value (builder, stats->sql);
  json_builder_set_member_name (builder, "map");
  json_builder_add_int_value (builder, stats->map);
  json_builder_set_member_name (builder, "tile");
  json_builder_add_int_value (builder, stats->tile);
  json_builder_set_member_name (builder, "keys");
  json_builder_add_int_value (builder, stats->keys);
  json_builder_set_member_name (builder, "other");
  json_builder_add_int_value (builder, stats->other);
  json_builder_set_member_name (builder, "paths");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, stats->paths);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_int_value (builder, GPOINTER_TO_UINT (value));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/**
 * cts_fault_copy:
 * @fault: a fault
 *
 * Returns: (transfer full): a copy
 */
CtsFault *
cts_fault_copy (const CtsFault *fault)
{
  CtsFault *copy = g_memdup2 (fault, sizeof *fault);

  copy->path_prefix = g_strdup (fault->path_prefix);
  copy->redirect_to = g_strdup (fault->redirect_to);
  return copy;
}

/**
 * cts_fault_free:
 * @fault: (transfer full): a fault
 *
 * Frees @fault.
 */
void
cts_fault_free (CtsFault *fault)
{
  if (fault == NULL)
    return;
  g_free (fault->path_prefix);
  g_free (fault->redirect_to);
  g_free (fault);
}

static CtsFault *
fault_parse (JsonObject *object,
             GError    **error)
{
  g_autoptr(CtsFault) fault = g_new0 (CtsFault, 1);
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  fault->remaining = -1;
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &value))
    {
      if (!JSON_NODE_HOLDS_VALUE (value))
        {
          g_set_error (error, CTS_ERROR, CTS_ERROR_CONFIG, "fault %s: expected a value", member);
          return NULL;
        }
      if (g_str_equal (member, "path_prefix"))
        fault->path_prefix = g_strdup (json_node_get_string (value));
      else if (g_str_equal (member, "count"))
        fault->remaining = MAX (0, json_node_get_int (value));
      else if (g_str_equal (member, "latency_ms"))
        fault->latency_ms = json_node_get_int (value);
      else if (g_str_equal (member, "status"))
        fault->status = json_node_get_int (value);
      else if (g_str_equal (member, "retry_after"))
        fault->retry_after = json_node_get_int (value);
      else if (g_str_equal (member, "reset"))
        fault->reset = json_node_get_boolean (value);
      else if (g_str_equal (member, "truncate_tile"))
        fault->truncate_tile = json_node_get_boolean (value);
      else if (g_str_equal (member, "garbage_tile"))
        fault->garbage_tile = json_node_get_boolean (value);
      else if (g_str_equal (member, "invalid_json"))
        fault->invalid_json = json_node_get_boolean (value);
      else if (g_str_equal (member, "huge_body_bytes"))
        fault->huge_body_bytes = json_node_get_int (value);
      else if (g_str_equal (member, "redirect_to"))
        fault->redirect_to = g_strdup (json_node_get_string (value));
      else
        {
          g_set_error (error, CTS_ERROR, CTS_ERROR_CONFIG, "unknown fault knob %s", member);
          return NULL;
        }
    }
  if (fault->status != 0 && (fault->status < 300 || fault->status > 599))
    {
      g_set_error (error, CTS_ERROR, CTS_ERROR_CONFIG, "fault status must be 300–599");
      return NULL;
    }
  return g_steal_pointer (&fault);
}

/**
 * cts_faults_parse:
 * @json: a fault object, an array of them, or `{}` for none
 * @length: @json's length, or -1
 * @error: return location for a #GError
 *
 * Knobs: `path_prefix`, `count`, `latency_ms`, `status`, `retry_after`,
 * `reset`, `truncate_tile`, `garbage_tile`, `invalid_json`,
 * `huge_body_bytes`, `redirect_to` (see README.md).
 *
 * Returns: (transfer full) (element-type CtsFault): the faults, or %NULL
 */
GPtrArray *
cts_faults_parse (const char *json,
                  gsize       length,
                  GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) faults = g_ptr_array_new_with_free_func ((GDestroyNotify) cts_fault_free);
  JsonNode *root;

  if (!json_parser_load_from_data (parser, json, length, error))
    return NULL;
  root = json_parser_get_root (parser);

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      if (json_object_get_size (object) > 0)
        {
          CtsFault *fault = fault_parse (object, error);

          if (fault == NULL)
            return NULL;
          g_ptr_array_add (faults, fault);
        }
    }
  else if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *object = json_array_get_object_element (array, i);
          CtsFault *fault = object ? fault_parse (object, error) : NULL;

          if (fault == NULL)
            {
              if (object == NULL)
                g_set_error (error, CTS_ERROR, CTS_ERROR_CONFIG, "faults must be objects");
              return NULL;
            }
          g_ptr_array_add (faults, fault);
        }
    }
  else
    {
      g_set_error (error, CTS_ERROR, CTS_ERROR_CONFIG, "faults must be an object or an array");
      return NULL;
    }

  return g_steal_pointer (&faults);
}
