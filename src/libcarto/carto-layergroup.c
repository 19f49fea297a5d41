/* carto-layergroup.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An instantiated anonymous map (docs/carto-api.md §5.3): its id, the tile URL
 * template and the layers' metadata. CARTO copies the API key into every
 * URL it returns; the key is stripped here, on the way in, so a
 * layergroup can be logged, used as a cache key and written to disk.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "carto-http.h"
#include "carto-layergroup.h"
#include "carto-maps-client.h"

struct _CartoLayergroup
{
  GObject parent_instance;

  char *id;
  char *tile_url_template;
  char *cache_id;
  GStrv layer_ids;
  gint64 estimated_feature_count;
  char *geometry_type;
  GDateTime *last_updated;
};

G_DEFINE_FINAL_TYPE (CartoLayergroup, carto_layergroup, G_TYPE_OBJECT)

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static const char *
first_string (JsonArray *array)
{
  JsonNode *node;

  if (array == NULL || json_array_get_length (array) == 0)
    return NULL;

  node = json_array_get_element (array, 0);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* The all-layers template first (it is what CARTO.js uses); our maps have
 * one layer, so it serves the same tile as the layer's own. */
static const char *
find_template (JsonObject *metadata)
{
  const char *url;

  url = get_string (get_object (get_object (metadata, "url"), "vector"), "urlTemplate");
  if (url != NULL)
    return url;

  url = first_string (get_array (get_object (get_object (metadata, "tilejson"), "vector"), "tiles"));
  if (url != NULL)
    return url;

  {
    JsonArray *layers = get_array (metadata, "layers");
    JsonNode *first = layers && json_array_get_length (layers) > 0 ? json_array_get_element (layers, 0) : NULL;
    JsonObject *layer = first && JSON_NODE_HOLDS_OBJECT (first) ? json_node_get_object (first) : NULL;

    return first_string (get_array (get_object (get_object (layer, "tilejson"), "vector"), "tiles"));
  }
}

static char *
clean_template (const char  *url,
                JsonObject  *metadata,
                GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) stripped = NULL;
  g_autoptr(GString) text = NULL;
  const char *scheme;
  const char *subdomain;

  text = g_string_new (url);

  /* `{s}` picks a CDN host; the first one is as good as any. */
  subdomain = first_string (get_array (get_object (get_object (metadata, "url"), "vector"), "subdomains"));
  g_string_replace (text, "{s}", subdomain ? subdomain : "", 0);

  uri = g_uri_parse (text->str, G_URI_FLAGS_ENCODED, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0) ||
      strstr (text->str, "{z}") == NULL || strstr (text->str, "{x}") == NULL || strstr (text->str, "{y}") == NULL)
    {
      g_set_error_literal (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_BAD_RESPONSE,
                           _("The server’s map has no usable tile address."));
      return NULL;
    }

  stripped = carto_http_strip_api_key (uri);
  return g_uri_to_string (stripped);
}

static void
carto_layergroup_finalize (GObject *object)
{
  CartoLayergroup *self = CARTO_LAYERGROUP (object);

  g_free (self->id);
  g_free (self->tile_url_template);
  g_free (self->cache_id);
  g_strfreev (self->layer_ids);
  g_free (self->geometry_type);
  g_clear_pointer (&self->last_updated, g_date_time_unref);

  G_OBJECT_CLASS (carto_layergroup_parent_class)->finalize (object);
}

static void
carto_layergroup_class_init (CartoLayergroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carto_layergroup_finalize;
}

static void
carto_layergroup_init (CartoLayergroup *self)
{
  self->estimated_feature_count = -1;
}

/**
 * carto_layergroup_new_from_json:
 * @response: the Maps API's answer to an instantiation (§5.3),
 *   or what carto_layergroup_to_json() wrote
 * @error: return location for a %CARTO_MAPS_ERROR_BAD_RESPONSE
 *
 * Reads a layergroup. The tile URL template loses its `api_key`.
 *
 * Returns: (transfer full) (nullable): the layergroup, or %NULL if
 *   @response has no layergroup id or no usable tile URL
 */
CartoLayergroup *
carto_layergroup_new_from_json (JsonNode  *response,
                                GError   **error)
{
  g_autoptr(CartoLayergroup) self = NULL;
  g_autoptr(GStrvBuilder) ids = NULL;
  JsonObject *root;
  JsonObject *metadata;
  JsonArray *layers;
  const char *id;
  const char *url;
  const char *last_updated;

  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = JSON_NODE_HOLDS_OBJECT (response) ? json_node_get_object (response) : NULL;
  id = get_string (root, "layergroupid");
  metadata = get_object (root, "metadata");
  url = find_template (metadata);
  if (id == NULL || *id == '\0' || url == NULL)
    {
      g_set_error_literal (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_BAD_RESPONSE,
                           _("The server’s answer does not describe a map."));
      return NULL;
    }

  self = g_object_new (CARTO_TYPE_LAYERGROUP, NULL);
  self->id = g_strdup (id);
  self->tile_url_template = clean_template (url, metadata, error);
  if (self->tile_url_template == NULL)
    return NULL;
  /* The template names the host, the user and the layergroup, and no
   * secret; a digest keeps cache keys and file names short. */
  self->cache_id = g_compute_checksum_for_string (G_CHECKSUM_SHA256, self->tile_url_template, -1);

  last_updated = get_string (root, "last_updated");
  if (last_updated != NULL)
    self->last_updated = g_date_time_new_from_iso8601 (last_updated, NULL);

  ids = g_strv_builder_new ();
  layers = get_array (metadata, "layers");
  for (guint i = 0; layers != NULL && i < json_array_get_length (layers); i++)
    {
      JsonNode *node = json_array_get_element (layers, i);
      JsonObject *layer = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *stats = get_object (get_object (layer, "meta"), "stats");
      const char *layer_id = get_string (layer, "id");
      g_autofree char *fallback_id = g_strdup_printf ("layer%u", i);

      g_strv_builder_add (ids, layer_id ? layer_id : fallback_id);

      if (i == 0 && stats != NULL)
        {
          JsonNode *count = json_object_get_member (stats, "estimatedFeatureCount");
          const char *type = get_string (stats, "geometryType");

          if (count != NULL && JSON_NODE_HOLDS_VALUE (count) &&
              (json_node_get_value_type (count) == G_TYPE_INT64 || json_node_get_value_type (count) == G_TYPE_DOUBLE))
            self->estimated_feature_count = MAX (json_node_get_int (count), 0);
          /* PostGIS says ST_Point; CARTO's metadata says Point. */
          if (type != NULL)
            self->geometry_type = g_strdup (g_str_has_prefix (type, "ST_") ? type + 3 : type);
        }
    }
  self->layer_ids = g_strv_builder_end (ids);

  return g_steal_pointer (&self);
}

/**
 * carto_layergroup_to_json:
 * @self: a layergroup
 *
 * Writes @self in the shape of a Maps API answer, readable by
 * carto_layergroup_new_from_json(), e.g. to remember it on disk. It holds
 * no secret.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
carto_layergroup_to_json (CartoLayergroup *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (CARTO_IS_LAYERGROUP (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "layergroupid");
  json_builder_add_string_value (builder, self->id);
  if (self->last_updated != NULL)
    {
      g_autofree char *text = g_date_time_format_iso8601 (self->last_updated);

      json_builder_set_member_name (builder, "last_updated");
      json_builder_add_string_value (builder, text);
    }
  json_builder_set_member_name (builder, "metadata");
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  for (guint i = 0; self->layer_ids[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, self->layer_ids[i]);
      if (i == 0)
        {
          json_builder_set_member_name (builder, "meta");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "stats");
          json_builder_begin_object (builder);
          if (self->estimated_feature_count >= 0)
            {
              json_builder_set_member_name (builder, "estimatedFeatureCount");
              json_builder_add_int_value (builder, self->estimated_feature_count);
            }
          if (self->geometry_type != NULL)
            {
              json_builder_set_member_name (builder, "geometryType");
              json_builder_add_string_value (builder, self->geometry_type);
            }
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "url");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "vector");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "urlTemplate");
  json_builder_add_string_value (builder, self->tile_url_template);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * carto_layergroup_get_id:
 * @self: a layergroup
 *
 * The `layergroupid`: a digest of the MapConfig and the time the data last
 * changed, so it changes when the data does (§5.7).
 *
 * Returns: the id
 */
const char *
carto_layergroup_get_id (CartoLayergroup *self)
{
  g_return_val_if_fail (CARTO_IS_LAYERGROUP (self), NULL);

  return self->id;
}

/**
 * carto_layergroup_get_tile_url_template:
 * @self: a layergroup
 *
 * Returns: the MVT URL with `{z}`, `{x}` and `{y}` placeholders, without
 *   the `api_key` the server put in it
 */
const char *
carto_layergroup_get_tile_url_template (CartoLayergroup *self)
{
  g_return_val_if_fail (CARTO_IS_LAYERGROUP (self), NULL);

  return self->tile_url_template;
}

/**
 * carto_layergroup_get_cache_id:
 * @self: a layergroup
 *
 * A SHA-256 digest (hex) of the tile URL template: it changes with the
 * server, the user and the layergroup, and is derived from no secret.
 *
 * Returns: the digest
 */
const char *
carto_layergroup_get_cache_id (CartoLayergroup *self)
{
  g_return_val_if_fail (CARTO_IS_LAYERGROUP (self), NULL);

  return self->cache_id;
}

/**
 * carto_layergroup_get_layer_ids:
 * @self: a layergroup
 *
 * Returns: (array zero-terminated=1) (transfer none): the map's layer ids
 */
const char *const *
carto_layergroup_get_layer_ids (CartoLayergroup *self)
{
  g_return_val_if_fail (CARTO_IS_LAYERGROUP (self), NULL);

  return (const char *const *) self->layer_ids;
}

/**
 * carto_layergroup_get_mvt_layer_name:
 * @self: a layergroup
 *
 * The name of the first map layer's layer inside tiles (`layer0` unless
 * the MapConfig named it), or %NULL when the server listed no layers.
 *
 * Returns: (nullable): the name
 */
const char *
carto_layergroup_get_mvt_layer_name (CartoLayergroup *self)
{
  g_return_val_if_fail (CARTO_IS_LAYERGROUP (self), NULL);

  return self->layer_ids[0];
}

/**
 * carto_layergroup_get_estimated_feature_count:
 * @self: a layergroup
 *
 * Returns: the planner's estimate of the first layer's rows, or -1
 */
gint64
carto_layergroup_get_estimated_feature_count (CartoLayergroup *self)
{
  g_return_val_if_fail (CARTO_IS_LAYERGROUP (self), -1);

  return self->estimated_feature_count;
}

/**
 * carto_layergroup_get_geometry_type:
 * @self: a layergroup
 *
 * Returns: (nullable): the first layer's geometry type (`Point`,
 *   `MultiPolygon`…), when the server said
 */
const char *
carto_layergroup_get_geometry_type (CartoLayergroup *self)
{
  g_return_val_if_fail (CARTO_IS_LAYERGROUP (self), NULL);

  return self->geometry_type;
}

/**
 * carto_layergroup_get_last_updated:
 * @self: a layergroup
 *
 * Returns: (transfer none) (nullable): when the map's data last changed
 */
GDateTime *
carto_layergroup_get_last_updated (CartoLayergroup *self)
{
  g_return_val_if_fail (CARTO_IS_LAYERGROUP (self), NULL);

  return self->last_updated;
}

/**
 * carto_layergroup_dup_tile_url:
 * @self: a layergroup
 * @coord: a valid tile
 *
 * Returns: (transfer full): the tile's URL, without any key
 */
char *
carto_layergroup_dup_tile_url (CartoLayergroup      *self,
                               const CartoTileCoord *coord)
{
  g_autoptr(GString) url = NULL;
  char number[16];

  g_return_val_if_fail (CARTO_IS_LAYERGROUP (self), NULL);
  g_return_val_if_fail (coord != NULL, NULL);

  url = g_string_new (self->tile_url_template);
  g_snprintf (number, sizeof number, "%u", coord->zoom);
  g_string_replace (url, "{z}", number, 0);
  g_snprintf (number, sizeof number, "%u", coord->x);
  g_string_replace (url, "{x}", number, 0);
  g_snprintf (number, sizeof number, "%u", coord->y);
  g_string_replace (url, "{y}", number, 0);

  return g_string_free (g_steal_pointer (&url), FALSE);
}
