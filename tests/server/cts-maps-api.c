/* cts-maps-api.c — Maps API anonymous maps (/api/v1/map) and MVT tiles
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cts-maps-api.h"
#include "cts-sql-api.h"

#define JSON_TYPE "application/json; charset=utf-8"
#define MVT_TYPE "application/x-protobuf"
#define TIMEOUT_MESSAGE "You are over platform's limits: SQL query timeout error. " \
                        "Refactor your query before running again or contact CARTO support for more details."

typedef struct {
  char *id;
  char *sql;
  char *tile_sql;      /* a scalar subquery yielding this layer's MVT */
} Layer;

struct _CtsLayergroup
{
  char *token;         /* the md5 part of the layergroupid */
  GPtrArray *layers;   /* Layer */
  gint64 last_used_us;
};

typedef struct {
  char *id;
  char *sql;
  char *geom_column;
  gboolean dates_as_numbers;
} LayerConfig;

typedef struct {
  CtsRequest *req;
  CtsDb *db;
  /* inputs */
  char *canonical;
  GPtrArray *layer_configs;  /* LayerConfig */
  guint extent;
  guint buffer;
  gboolean want_geometry_type;
  gboolean want_feature_count;
  gboolean want_columns;
  char *dbname;
  char *role;
  char *master_role;
  char *schema;
  guint timeout_ms;
  /* outputs */
  CtsLayergroup *layergroup;
  GPtrArray *stats_json;     /* per layer, the "stats" object */
  gint64 last_updated_ms;
  char *error;
  char *error_sqlstate;
  int error_layer;
} Instantiation;

typedef struct {
  CtsRequest *req;
  char *lgid;
} TileCall;

static void
layer_free (Layer *layer)
{
  g_free (layer->id);
  g_free (layer->sql);
  g_free (layer->tile_sql);
  g_free (layer);
}

static void
layer_config_free (LayerConfig *lc)
{
  g_free (lc->id);
  g_free (lc->sql);
  g_free (lc->geom_column);
  g_free (lc);
}

/**
 * cts_layergroup_free:
 * @layergroup: (transfer full): a layergroup
 *
 * Frees @layergroup.
 */
void
cts_layergroup_free (CtsLayergroup *layergroup)
{
  if (layergroup == NULL)
    return;
  g_free (layergroup->token);
  g_clear_pointer (&layergroup->layers, g_ptr_array_unref);
  g_free (layergroup);
}

static void
instantiation_free (Instantiation *inst)
{
  g_free (inst->canonical);
  g_clear_pointer (&inst->layer_configs, g_ptr_array_unref);
  g_free (inst->dbname);
  g_free (inst->role);
  g_free (inst->master_role);
  g_free (inst->schema);
  cts_layergroup_free (inst->layergroup);
  g_clear_pointer (&inst->stats_json, g_ptr_array_unref);
  g_free (inst->error);
  g_free (inst->error_sqlstate);
  g_free (inst);
}

static void
put_varint (GByteArray *out,
            guint64     value)
{
  while (value >= 0x80)
    {
      guint8 byte = (value & 0x7f) | 0x80;

      g_byte_array_append (out, &byte, 1);
      value >>= 7;
    }
  {
    guint8 byte = value;

    g_byte_array_append (out, &byte, 1);
  }
}

static void
put_bytes_field (GByteArray   *out,
                 guint         field,
                 const guint8 *data,
                 gsize         length)
{
  put_varint (out, (field << 3) | 2);
  put_varint (out, length);
  g_byte_array_append (out, data, length);
}

/**
 * cts_maps_fallback_tile:
 *
 * The body of a 429 tile: a valid MVT whose one layer,
 * `errorTileSquareLayer`, is one polygon covering the tile, the way
 * Windshaft's fallback tile signals "over the limits".
 *
 * Returns: (transfer full): the tile
 */
GBytes *
cts_maps_fallback_tile (void)
{
  /* MoveTo(0,0) LineTo(4096,0)(0,4096)(-4096,0) ClosePath, zigzag deltas */
  const guint32 geometry[] = { 9, 0, 0, 26, 8192, 0, 0, 8192, 8191, 0, 15 };
  g_autoptr(GByteArray) packed = g_byte_array_new ();
  g_autoptr(GByteArray) feature = g_byte_array_new ();
  g_autoptr(GByteArray) layer = g_byte_array_new ();
  GByteArray *tile = g_byte_array_new ();
  const char *name = "errorTileSquareLayer";

  for (guint i = 0; i < G_N_ELEMENTS (geometry); i++)
    put_varint (packed, geometry[i]);
  put_varint (feature, (3 << 3) | 0);
  put_varint (feature, 3);
  put_bytes_field (feature, 4, packed->data, packed->len);

  put_varint (layer, (15 << 3) | 0);
  put_varint (layer, 2);
  put_bytes_field (layer, 1, (const guint8 *) name, strlen (name));
  put_bytes_field (layer, 2, feature->data, feature->len);
  put_varint (layer, (5 << 3) | 0);
  put_varint (layer, 4096);

  put_bytes_field (tile, 3, layer->data, layer->len);
  return g_byte_array_free_to_bytes (tile);
}

static char *
quote_ident (const char *name)
{
  g_autoptr(GString) out = g_string_new ("\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
quote_literal (const char *value)
{
  g_autoptr(GString) out = g_string_new ("'");

  /* standard_conforming_strings is on: only quotes need doubling. */
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append_c (out, '\'');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Windshaft-cartodb's status from a message, when the error sets none. */
static guint
status_from_message (const char *message)
{
  if (strstr (message, "permission denied") != NULL || strstr (message, "authentication failed") != NULL)
    return 403;
  if (g_regex_match_simple ("Postgis Plugin.*[\\s|\\n].*column.*does not exist", message, 0, 0))
    return 400;
  if (strstr (message, "does not exist") != NULL)
    {
      if (strstr (message, " role ") != NULL)
        return 403;
      if (g_regex_match_simple ("function .* does not exist", message, 0, 0))
        return 400;
      return 404;
    }
  return 400;
}

static CtsQueryResult *
run (Instantiation *inst,
     const char    *role,
     const char    *sql,
     int            n_params,
     const char * const *params,
     gboolean       binary)
{
  CtsQuerySpec spec = { 0 };

  spec.dbname = inst->dbname;
  spec.role = role;
  spec.schema = inst->schema;
  spec.sql = sql;
  spec.n_params = n_params;
  spec.params = params;
  spec.statement_timeout_ms = inst->timeout_ms;
  spec.binary = binary;
  return cts_db_run_query (inst->db, &spec);
}

static gboolean
fail_layer (Instantiation  *inst,
            int             index,
            CtsQueryResult *result)
{
  inst->error = g_strdup_printf ("PgMvtRenderer: %s", result->error->message);
  inst->error_sqlstate = g_strdup (result->error->sqlstate);
  inst->error_layer = index;
  return FALSE;
}

static gboolean
mvt_property_type (const char *pgtype)
{
  const char * const allowed[] = {
    "bool", "int2", "int4", "int8", "float4", "float8", "numeric",
    "bpchar", "varchar", "text", "unknown", NULL,
  };

  return pgtype != NULL && g_strv_contains (allowed, pgtype);
}

static const char *
metadata_column_type (const char *pgtype)
{
  g_autofree char *type = cts_sql_type_for (pgtype);

  if (type == NULL)
    return "string";
  if (g_str_equal (type, "number") || g_str_equal (type, "boolean") ||
      g_str_equal (type, "date") || g_str_equal (type, "geometry"))
    return g_intern_string (type);
  return "string";
}

/* What Windshaft's pg-mvt renderer does per layer: clip to the tile plus its
 * buffer, keep rows touching the buffered tile, properties from the
 * columns MVT can hold. */
static char *
build_tile_sql (LayerConfig    *lc,
                CtsQueryResult *columns,
                guint           extent,
                guint           buffer)
{
  g_autoptr(GString) props = g_string_new (NULL);
  g_autofree char *geom = quote_ident (lc->geom_column);
  g_autofree char *name = quote_literal (lc->id);
  guint buffer_units = (buffer * extent + 128) / 256;

  for (int i = 0; i < columns->n_fields; i++)
    {
      const char *field = columns->field_names[i];
      const char *pgtype = cts_query_result_type_name (columns, i);
      g_autofree char *q = quote_ident (field);

      if (g_str_equal (field, lc->geom_column))
        continue;
      if (mvt_property_type (pgtype))
        g_string_append_printf (props, "cdbq.%s, ", q);
      else if (lc->dates_as_numbers && pgtype != NULL &&
               (g_str_equal (pgtype, "date") || g_str_equal (pgtype, "timestamp") || g_str_equal (pgtype, "timestamptz")))
        g_string_append_printf (props, "extract(epoch from cdbq.%s)::float8 AS %s, ", q, q);
    }

  return g_strdup_printf (
      "(SELECT ST_AsMVT(q, %s, %u, 'cts_mvt_geom') FROM ("
      "SELECT %sST_AsMVTGeom(cdbq.%s, ST_TileEnvelope($1::int, $2::int, $3::int), %u, %u, true) AS cts_mvt_geom "
      "FROM (%s) AS cdbq "
      "WHERE cdbq.%s && ST_Expand(ST_TileEnvelope($1::int, $2::int, $3::int), "
      "(ST_XMax(ST_TileEnvelope($1::int, $2::int, $3::int)) - ST_XMin(ST_TileEnvelope($1::int, $2::int, $3::int))) * %u / 256.0)"
      ") AS q WHERE q.cts_mvt_geom IS NOT NULL)",
      name, extent, props->str, geom, extent, buffer_units, lc->sql, geom, buffer);
}

static gint64
plan_rows (CtsQueryResult *result)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *array;
  JsonObject *plan;

  if (result->error != NULL || result->rows->len != 1)
    return 0;
  if (!json_parser_load_from_data (parser, ((char **) g_ptr_array_index (result->rows, 0))[0], -1, NULL))
    return 0;
  root = json_parser_get_root (parser);
  array = JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root) : NULL;
  if (array == NULL || json_array_get_length (array) == 0)
    return 0;
  plan = json_object_get_object_member (json_array_get_object_element (array, 0), "Plan");
  return plan ? json_object_get_int_member_with_default (plan, "Plan Rows", 0) : 0;
}

static gboolean
instantiate_layer (Instantiation *inst,
                   int            index)
{
  LayerConfig *lc = g_ptr_array_index (inst->layer_configs, index);
  g_autofree char *limit0 = g_strdup_printf ("SELECT * FROM (%s) AS cdbq LIMIT 0", lc->sql);
  g_autofree char *explain = g_strdup_printf ("EXPLAIN (FORMAT JSON) SELECT * FROM (%s) AS cdbq", lc->sql);
  g_autoptr(CtsQueryResult) columns = run (inst, inst->role, limit0, 0, NULL, FALSE);
  g_autoptr(CtsQueryResult) tile = NULL;
  g_autoptr(CtsQueryResult) estimate = NULL;
  g_autoptr(GString) stats = g_string_new ("{");
  const char *zxy[] = { "30", "0", "0" };
  g_autofree char *tile_sql = NULL;
  Layer *layer;

  if (columns->error != NULL)
    return fail_layer (inst, index, columns);

  /* Windshaft renders tile 30/0/0 of every layer, so a broken query fails
   * here rather than at the first tile. */
  tile_sql = build_tile_sql (lc, columns, inst->extent, inst->buffer);
  {
    g_autofree char *select = g_strdup_printf ("SELECT %s", tile_sql);

    tile = run (inst, inst->role, select, 3, zxy, TRUE);
  }
  if (tile->error != NULL)
    return fail_layer (inst, index, tile);

  estimate = run (inst, inst->role, explain, 0, NULL, FALSE);
  g_string_append_printf (stats, "\"estimatedFeatureCount\":%" G_GINT64_FORMAT, plan_rows (estimate));

  if (inst->want_feature_count)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM (%s) AS cdbq", lc->sql);
      g_autoptr(CtsQueryResult) count = run (inst, inst->role, sql, 0, NULL, FALSE);

      if (count->error == NULL && count->rows->len == 1)
        g_string_append_printf (stats, ",\"featureCount\":%s", ((char **) g_ptr_array_index (count->rows, 0))[0]);
    }
  if (inst->want_geometry_type)
    {
      g_autofree char *geom = quote_ident (lc->geom_column);
      g_autofree char *sql = g_strdup_printf ("SELECT ST_GeometryType(cdbq.%s) FROM (%s) AS cdbq "
                                              "WHERE cdbq.%s IS NOT NULL LIMIT 1", geom, lc->sql, geom);
      g_autoptr(CtsQueryResult) type = run (inst, inst->role, sql, 0, NULL, FALSE);

      if (type->error == NULL && type->rows->len == 1)
        {
          g_string_append (stats, ",\"geometryType\":");
          cts_json_append_string (stats, ((char **) g_ptr_array_index (type->rows, 0))[0]);
        }
    }
  if (inst->want_columns)
    {
      g_string_append (stats, ",\"columns\":{");
      for (int i = 0; i < columns->n_fields; i++)
        {
          if (i > 0)
            g_string_append_c (stats, ',');
          cts_json_append_string (stats, columns->field_names[i]);
          g_string_append_printf (stats, ":{\"type\":\"%s\"}",
                                  metadata_column_type (cts_query_result_type_name (columns, i)));
        }
      g_string_append_c (stats, '}');
    }
  g_string_append_c (stats, '}');
  g_ptr_array_add (inst->stats_json, g_string_free (g_steal_pointer (&stats), FALSE));

  /* The layergroup id changes when a table the layer reads changes. */
  {
    const char *params[] = { lc->sql };
    g_autoptr(CtsQueryResult) tables = run (inst, inst->role, "SELECT cartodb.CDB_QueryTablesText($1)",
                                            1, params, FALSE);

    if (tables->error == NULL && tables->rows->len == 1)
      {
        const char *list[] = { ((char **) g_ptr_array_index (tables->rows, 0))[0] };
        g_autoptr(CtsQueryResult) updated = run (inst, inst->master_role,
            "SELECT (extract(epoch from max(updated_at)) * 1000)::int8 FROM cartodb.cdb_tablemetadata "
            "WHERE tabname IN (SELECT t::regclass FROM unnest($1::text[]) AS t)", 1, list, FALSE);

        if (updated->error == NULL && updated->rows->len == 1 &&
            ((char **) g_ptr_array_index (updated->rows, 0))[0] != NULL)
          inst->last_updated_ms = MAX (inst->last_updated_ms,
                                       g_ascii_strtoll (((char **) g_ptr_array_index (updated->rows, 0))[0], NULL, 10));
      }
  }

  layer = g_new0 (Layer, 1);
  layer->id = g_strdup (lc->id);
  layer->sql = g_strdup (lc->sql);
  layer->tile_sql = g_steal_pointer (&tile_sql);
  g_ptr_array_add (inst->layergroup->layers, layer);
  return TRUE;
}

static void
instantiate_thread (GTask        *task,
                    gpointer      source,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Instantiation *inst = task_data;

  for (guint i = 0; i < inst->layer_configs->len; i++)
    if (!instantiate_layer (inst, i))
      break;
  g_task_return_boolean (task, TRUE);
}

static void
append_tiles_template (GString    *out,
                       const char *url)
{
  g_string_append (out, "{\"vector\":{\"tilejson\":\"2.2.0\",\"tiles\":[");
  cts_json_append_string (out, url);
  g_string_append (out, "]}}");
}

static void
instantiate_done_cb (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  Instantiation *inst = user_data;
  CtsRequest *req = inst->req;
  g_autofree char *base = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *lgid = NULL;
  g_autofree char *last_updated = NULL;
  g_autofree char *host = NULL;
  g_autoptr(GDateTime) when = NULL;
  GString *out;

  if (inst->error != NULL)
    {
      LayerConfig *lc = g_ptr_array_index (inst->layer_configs, inst->error_layer);

      if (cts_sql_is_timeout (inst->error))
        cts_request_respond_string (req, 429, JSON_TYPE,
                                    cts_maps_error_body (TIMEOUT_MESSAGE, "limit", "datasource", NULL, 0));
      else
        cts_request_respond_string (req, status_from_message (inst->error), JSON_TYPE,
                                    cts_maps_error_body (inst->error, "layer", "query", lc->id, inst->error_layer));
      instantiation_free (inst);
      return;
    }

  lgid = g_strdup_printf ("%s:%" G_GINT64_FORMAT, inst->layergroup->token, inst->last_updated_ms);
  inst->layergroup->last_used_us = g_get_monotonic_time ();
  {
    char *token = g_strdup (inst->layergroup->token);

    g_hash_table_replace (req->server->layergroups, token, g_steal_pointer (&inst->layergroup));
  }

  base = cts_request_dup_base_url (req);
  host = g_strdup (base + strlen ("http://"));
  if (strchr (host, '/') != NULL)
    *strchr (host, '/') = '\0';
  /* Like CARTO, every URL carries the key the map was made with, even one
   * sent in a header. */
  if (req->sent_token != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (req->sent_token, NULL, FALSE);

      suffix = g_strdup_printf ("?api_key=%s", escaped);
    }
  else
    suffix = g_strdup ("");
  when = g_date_time_new_from_unix_utc (inst->last_updated_ms / 1000);
  {
    g_autofree char *seconds = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");

    last_updated = g_strdup_printf ("%s.%03dZ", seconds, (int) (inst->last_updated_ms % 1000));
  }

  out = g_string_new ("{\"layergroupid\":");
  cts_json_append_string (out, lgid);
  g_string_append (out, ",\"last_updated\":");
  cts_json_append_string (out, last_updated);
  g_string_append (out, ",\"metadata\":{\"layers\":[");
  for (guint i = 0; i < inst->layer_configs->len; i++)
    {
      LayerConfig *lc = g_ptr_array_index (inst->layer_configs, i);
      g_autofree char *url = g_strdup_printf ("%s/api/v1/map/%s/%s/{z}/{x}/{y}.mvt%s", base, lgid, lc->id, suffix);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"type\":\"mapnik\",\"id\":");
      cts_json_append_string (out, lc->id);
      g_string_append (out, ",\"meta\":{\"stats\":");
      g_string_append (out, g_ptr_array_index (inst->stats_json, i));
      g_string_append (out, "},\"tilejson\":");
      append_tiles_template (out, url);
      g_string_append_c (out, '}');
    }
  {
    g_autofree char *url = g_strdup_printf ("%s/api/v1/map/%s/{z}/{x}/{y}.mvt%s", base, lgid, suffix);

    g_string_append (out, "],\"dataviews\":{},\"analyses\":[],\"tilejson\":");
    append_tiles_template (out, url);
    g_string_append (out, ",\"url\":{\"vector\":{\"urlTemplate\":");
    cts_json_append_string (out, url);
    g_string_append (out, ",\"subdomains\":[]}}},\"cdn_url\":{\"http\":");
  }
  cts_json_append_string (out, host);
  g_string_append (out, ",\"https\":");
  cts_json_append_string (out, host);
  g_string_append (out, "}}");

  cts_request_add_header (req, "Cache-Control", "no-cache,max-age=0,must-revalidate,public");
  cts_request_respond_string (req, 200, JSON_TYPE, out);
  instantiation_free (inst);
}

static void
respond_maps_error (CtsRequest *req,
                    guint       status,
                    const char *message)
{
  cts_request_respond_string (req, status, JSON_TYPE, cts_maps_error_body (message, "unknown", NULL, NULL, 0));
}

static gboolean
get_bool_member (JsonObject *object,
                 const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static void
handle_instantiate (CtsRequest *req)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *config_text = NULL;
  g_autofree char *seed = NULL;
  JsonObject *root;
  JsonObject *buffersize;
  JsonObject *metadata;
  JsonArray *layers;
  Instantiation *inst;
  GTask *task;

  if (g_str_equal (req->method, "POST"))
    {
      SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
      const char *type = soup_message_headers_get_content_type (headers, NULL);

      if (type == NULL || g_ascii_strcasecmp (type, "application/json") != 0)
        {
          respond_maps_error (req, 400, "POST data must be of type application/json");
          return;
        }
      body = soup_message_body_flatten (soup_server_message_get_request_body (req->msg));
      config_text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    }
  else if (g_str_equal (req->method, "GET"))
    {
      const char *config = cts_request_get_param (req, "config");

      if (config == NULL)
        {
          respond_maps_error (req, 400, "layergroup GET needs a \"config\" parameter");
          return;
        }
      config_text = g_strdup (config);
    }
  else
    {
      respond_maps_error (req, 405, "Method not allowed");
      return;
    }

  if (!json_parser_load_from_data (parser, config_text, -1, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_autofree char *message = g_strdup_printf ("Invalid MapConfig: %s", error ? error->message : "not an object");

      respond_maps_error (req, 400, message);
      return;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  layers = json_object_has_member (root, "layers") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "layers"))
             ? json_object_get_array_member (root, "layers") : NULL;
  if (layers == NULL || json_array_get_length (layers) == 0)
    {
      respond_maps_error (req, 400, "Missing layers array from layergroup config");
      return;
    }

  inst = g_new0 (Instantiation, 1);
  inst->req = req;
  inst->db = req->server->db;
  inst->layer_configs = g_ptr_array_new_with_free_func ((GDestroyNotify) layer_config_free);
  inst->stats_json = g_ptr_array_new_with_free_func (g_free);
  inst->extent = 4096;
  inst->buffer = 64;
  inst->dbname = g_strdup (req->user->database);
  inst->role = g_strdup (req->key->role);
  inst->master_role = g_strdup (req->user->role);
  inst->schema = g_strdup (req->user->schema);
  inst->timeout_ms = req->server->limits.statement_timeout_ms;

  buffersize = json_object_has_member (root, "buffersize") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "buffersize"))
                 ? json_object_get_object_member (root, "buffersize") : NULL;
  if (buffersize != NULL && json_object_has_member (buffersize, "mvt"))
    inst->buffer = (guint) CLAMP (json_object_get_int_member (buffersize, "mvt"), 0, 1024);

  for (guint i = 0; i < json_array_get_length (layers); i++)
    {
      JsonObject *layer = json_array_get_object_element (layers, i);
      JsonObject *options = layer && json_object_has_member (layer, "options") &&
                            JSON_NODE_HOLDS_OBJECT (json_object_get_member (layer, "options"))
                              ? json_object_get_object_member (layer, "options") : NULL;
      const char *type = layer ? json_object_get_string_member_with_default (layer, "type", "mapnik") : NULL;
      const char *sql = options ? json_object_get_string_member_with_default (options, "sql", NULL) : NULL;
      LayerConfig *lc;

      if (type == NULL || (!g_str_equal (type, "mapnik") && !g_str_equal (type, "cartodb")))
        {
          g_autofree char *message = g_strdup_printf ("Unsupported layer type: %s (this test server serves vector-only mapnik layers)",
                                                      type ? type : "(none)");

          respond_maps_error (req, 400, message);
          instantiation_free (inst);
          return;
        }
      if (sql == NULL)
        {
          g_autofree char *message = g_strdup_printf ("Missing sql for layer %u options", i);

          respond_maps_error (req, 400, message);
          instantiation_free (inst);
          return;
        }
      if (json_object_has_member (options, "cartocss"))
        {
          g_autofree char *message = g_strdup_printf ("Layer %u has cartocss: this test server serves vector-only maps (MVT)", i);

          respond_maps_error (req, 400, message);
          instantiation_free (inst);
          return;
        }
      if (i == 0 && json_object_has_member (options, "vector_extent"))
        inst->extent = (guint) CLAMP (json_object_get_int_member (options, "vector_extent"), 256, 65536);

      lc = g_new0 (LayerConfig, 1);
      lc->id = json_object_has_member (layer, "id") ? g_strdup (json_object_get_string_member (layer, "id"))
                                                    : g_strdup_printf ("layer%u", i);
      lc->sql = g_strdup (sql);
      lc->geom_column = g_strdup (json_object_get_string_member_with_default (options, "geom_column", "the_geom_webmercator"));
      lc->dates_as_numbers = get_bool_member (options, "dates_as_numbers");
      g_ptr_array_add (inst->layer_configs, lc);
    }

  metadata = json_object_has_member (root, "metadata") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "metadata"))
               ? json_object_get_object_member (root, "metadata") : NULL;
  inst->want_geometry_type = get_bool_member (metadata, "geometryType");
  inst->want_feature_count = get_bool_member (metadata, "featureCount");
  inst->want_columns = get_bool_member (metadata, "columns");

  /* Same config, user and role → same id, so tile URLs stay cacheable. */
  inst->canonical = json_to_string (json_parser_get_root (parser), FALSE);
  seed = g_strdup_printf ("%s\n%s\n%s", inst->canonical, req->user->name, req->key->role);
  inst->layergroup = g_new0 (CtsLayergroup, 1);
  inst->layergroup->token = g_compute_checksum_for_string (G_CHECKSUM_MD5, seed, -1);
  inst->layergroup->layers = g_ptr_array_new_with_free_func ((GDestroyNotify) layer_free);

  task = g_task_new (NULL, NULL, instantiate_done_cb, inst);
  g_task_set_task_data (task, inst, NULL);
  g_task_run_in_thread (task, instantiate_thread);
  g_object_unref (task);
}

static void
tile_call_free (TileCall *call)
{
  g_free (call->lgid);
  g_free (call);
}

static void
tile_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  TileCall *call = user_data;
  CtsRequest *req = call->req;
  g_autoptr(CtsQueryResult) result = cts_db_run_query_finish (res);

  if (result->error != NULL)
    {
      g_autofree char *message = NULL;

      /* Timeouts on .mvt come back as a protobuf fallback tile. */
      if (cts_sql_is_timeout (result->error->message))
        cts_request_respond (req, 429, MVT_TYPE, req->server->fallback_tile);
      else
        {
          message = g_strdup_printf ("PgMvtRenderer: %s", result->error->message);
          cts_request_respond_string (req, status_from_message (message), JSON_TYPE,
                                      cts_maps_error_body (message, "unknown", NULL, NULL, 0));
        }
    }
  else
    {
      char **row = result->rows->len == 1 ? g_ptr_array_index (result->rows, 0) : NULL;
      int *lengths = result->rows->len == 1 ? g_ptr_array_index (result->lengths, 0) : NULL;

      if (row == NULL || row[0] == NULL || lengths[0] == 0)
        cts_request_respond (req, 204, NULL, NULL);
      else
        {
          g_autoptr(GBytes) tile = g_bytes_new (row[0], lengths[0]);

          cts_request_add_header (req, "Cache-Control", "public,max-age=31536000");
          cts_request_respond (req, 200, MVT_TYPE, tile);
        }
    }
  tile_call_free (call);
}

static gboolean
parse_int (const char *text,
           gboolean    allow_negative,
           gint64     *value)
{
  const char *p = text;
  char *end = NULL;

  if (allow_negative && *p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (const char *q = p; *q != '\0'; q++)
    if (!g_ascii_isdigit (*q))
      return FALSE;
  *value = g_ascii_strtoll (text, &end, 10);
  return *end == '\0';
}

static void
handle_tile (CtsRequest *req)
{
  CtsServer *server = req->server;
  g_auto(GStrv) parts = g_strsplit (req->api_path + strlen ("/api/v1/map/"), "/", -1);
  guint n = g_strv_length (parts);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autofree char *token = NULL;
  g_autofree char *z_text = NULL;
  g_autofree char *x_text = NULL;
  g_autofree char *y_text = NULL;
  g_autofree char *last = NULL;
  const char *filter = NULL;
  const char *params[3];
  CtsLayergroup *lg;
  CtsQuerySpec spec = { 0 };
  gint64 z, x, y;
  char *dot;
  gboolean any = FALSE;
  TileCall *call;

  if (n != 4 && n != 5)
    {
      respond_maps_error (req, 404, "Not Found");
      return;
    }
  if (n == 5)
    filter = parts[1];

  last = g_strdup (parts[n - 1]);
  dot = strrchr (last, '.');
  if (dot == NULL)
    {
      respond_maps_error (req, 404, "Not Found");
      return;
    }
  *dot = '\0';
  if (!g_str_equal (dot + 1, "mvt"))
    {
      g_autofree char *message = g_strdup_printf ("Unsupported format: 'cartocss' option is missing for %s", dot + 1);

      respond_maps_error (req, 400, message);
      return;
    }
  if (!parse_int (parts[n - 3], FALSE, &z) || !parse_int (parts[n - 2], TRUE, &x) ||
      !parse_int (last, FALSE, &y) || z > 30)
    {
      respond_maps_error (req, 400, "Invalid tile coordinates: z and y must be integers ≥ 0, x an integer");
      return;
    }
  /* x wraps around the antimeridian. */
  x = ((x % ((gint64) 1 << z)) + ((gint64) 1 << z)) % ((gint64) 1 << z);

  token = g_strdup (parts[0]);
  if (strchr (token, ':') != NULL)
    *strchr (token, ':') = '\0';
  lg = g_hash_table_lookup (server->layergroups, token);
  if (lg != NULL && server->limits.map_ttl_s > 0 &&
      g_get_monotonic_time () - lg->last_used_us > (gint64) server->limits.map_ttl_s * G_USEC_PER_SEC)
    {
      g_hash_table_remove (server->layergroups, token);
      lg = NULL;
    }
  if (lg == NULL)
    {
      g_autofree char *message = g_strdup_printf ("Invalid or nonexistent map configuration token '%s'", parts[0]);

      respond_maps_error (req, 400, message);
      return;
    }
  lg->last_used_us = g_get_monotonic_time ();

  {
    g_auto(GStrv) wanted = filter && !g_str_equal (filter, "all") && !g_str_equal (filter, "mapnik")
                             ? g_strsplit (filter, ",", -1) : NULL;
    gboolean *selected = g_new0 (gboolean, lg->layers->len);

    for (guint i = 0; i < lg->layers->len; i++)
      selected[i] = wanted == NULL;
    for (guint w = 0; wanted != NULL && wanted[w] != NULL; w++)
      {
        gint64 index;
        gboolean found = FALSE;

        if (parse_int (wanted[w], FALSE, &index) && index < lg->layers->len)
          found = selected[index] = TRUE;
        for (guint i = 0; !found && i < lg->layers->len; i++)
          if (g_str_equal (((Layer *) g_ptr_array_index (lg->layers, i))->id, wanted[w]))
            found = selected[i] = TRUE;
        if (!found)
          {
            g_free (selected);
            respond_maps_error (req, 400, "Invalid layer filtering");
            return;
          }
      }
    for (guint i = 0; i < lg->layers->len; i++)
      {
        if (!selected[i])
          continue;
        g_string_append_printf (sql, "%scoalesce(%s, ''::bytea)", any ? " || " : "",
                                ((Layer *) g_ptr_array_index (lg->layers, i))->tile_sql);
        any = TRUE;
      }
    g_free (selected);
  }

  z_text = g_strdup_printf ("%" G_GINT64_FORMAT, z);
  x_text = g_strdup_printf ("%" G_GINT64_FORMAT, x);
  y_text = g_strdup_printf ("%" G_GINT64_FORMAT, y);
  params[0] = z_text;
  params[1] = x_text;
  params[2] = y_text;

  spec.dbname = req->user->database;
  spec.role = req->key->role;
  spec.schema = req->user->schema;
  spec.sql = sql->str;
  spec.n_params = 3;
  spec.params = params;
  spec.statement_timeout_ms = server->limits.statement_timeout_ms;
  spec.binary = TRUE;

  call = g_new0 (TileCall, 1);
  call->req = req;
  call->lgid = g_strdup (parts[0]);
  cts_db_run_query_async (server->db, &spec, tile_done_cb, call);
}

/**
 * cts_maps_api_handle:
 * @req: (transfer full): a request under /api/v1/map with its key resolved
 *
 * Instantiates anonymous vector maps and serves their MVT tiles as
 * Windshaft's PostGIS renderer does (docs/carto-api.md §5).
 */
void
cts_maps_api_handle (CtsRequest *req)
{
  if (g_str_equal (req->kind, "map"))
    handle_instantiate (req);
  else
    handle_tile (req);
}
