/* carto-topojson.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A TopoJSON (https://github.com/topojson/topojson-specification) decoder
 * for the polygons of the embedded world map. Topology arcs are quantized
 * and delta-coded; polygons reference them by index (~i for reversed).
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "carto-topojson.h"

struct _CartoGeoCollection
{
  gatomicrefcount ref_count;
  GArray *features;   /* CartoGeoFeature */
  GArray *rings;      /* CartoGeoRing */
  GArray *points;     /* double pairs, normalised Web Mercator */
};

/* Written out: G_DEFINE_BOXED_TYPE's transparent-union cast trips -Wpedantic. */
GType
carto_geo_collection_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType t = g_boxed_type_register_static (g_intern_static_string ("CartoGeoCollection"),
                                              (GBoxedCopyFunc) carto_geo_collection_ref,
                                              (GBoxedFreeFunc) carto_geo_collection_unref);
      g_once_init_leave (&type_id, t);
    }

  return type_id;
}

G_DEFINE_QUARK (carto-topojson-error-quark, carto_topojson_error)

/* Decoded arcs in lon/lat, one GArray of double pairs each. */
typedef struct
{
  GPtrArray *arcs;
} Topology;

static void
feature_clear (gpointer data)
{
  CartoGeoFeature *f = data;

  g_clear_pointer (&f->id, g_free);
  g_clear_pointer (&f->name, g_free);
}

static CartoGeoCollection *
collection_new (void)
{
  CartoGeoCollection *self = g_new0 (CartoGeoCollection, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->features = g_array_new (FALSE, TRUE, sizeof (CartoGeoFeature));
  g_array_set_clear_func (self->features, feature_clear);
  self->rings = g_array_new (FALSE, FALSE, sizeof (CartoGeoRing));
  self->points = g_array_new (FALSE, FALSE, sizeof (double));

  return self;
}

/* json-glib's own accessors emit criticals on a missing or mistyped
 * member; hostile input must only ever produce a GError. */
static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return (node != NULL && JSON_NODE_HOLDS_OBJECT (node)) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return (node != NULL && JSON_NODE_HOLDS_ARRAY (node)) ? json_node_get_array (node) : NULL;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_number (JsonNode *node,
            double   *out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out = (double) json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *out = json_node_get_double (node);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
read_pair (JsonNode *node,
           double   *a,
           double   *b)
{
  JsonArray *arr;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  arr = json_node_get_array (node);
  if (json_array_get_length (arr) < 2)
    return FALSE;

  return get_number (json_array_get_element (arr, 0), a) &&
         get_number (json_array_get_element (arr, 1), b);
}

static gboolean
decode_arcs (JsonObject *root,
             Topology   *topo,
             GError    **error)
{
  JsonArray *arcs;
  double scale[2] = { 1.0, 1.0 };
  double translate[2] = { 0.0, 0.0 };
  gboolean quantized = FALSE;

  if (json_object_has_member (root, "transform"))
    {
      JsonObject *t = member_object (root, "transform");

      if (t == NULL ||
          !read_pair (json_object_get_member (t, "scale"), &scale[0], &scale[1]) ||
          !read_pair (json_object_get_member (t, "translate"), &translate[0], &translate[1]))
        {
          g_set_error (error, CARTO_TOPOJSON_ERROR, CARTO_TOPOJSON_ERROR_INVALID,
                       _("The map data has an invalid transform."));
          return FALSE;
        }
      quantized = TRUE;
    }

  arcs = member_array (root, "arcs");
  if (arcs == NULL)
    {
      g_set_error (error, CARTO_TOPOJSON_ERROR, CARTO_TOPOJSON_ERROR_INVALID,
                   _("The map data has no arcs."));
      return FALSE;
    }

  for (guint i = 0; i < json_array_get_length (arcs); i++)
    {
      JsonNode *arc_node = json_array_get_element (arcs, i);
      g_autoptr(GArray) pts = g_array_new (FALSE, FALSE, sizeof (double));
      double x = 0, y = 0;
      JsonArray *arc;

      if (!JSON_NODE_HOLDS_ARRAY (arc_node))
        goto invalid;

      arc = json_node_get_array (arc_node);
      for (guint j = 0; j < json_array_get_length (arc); j++)
        {
          double a, b, lonlat[2];

          if (!read_pair (json_array_get_element (arc, j), &a, &b))
            goto invalid;

          if (quantized)
            {
              x += a;
              y += b;
              lonlat[0] = x * scale[0] + translate[0];
              lonlat[1] = y * scale[1] + translate[1];
            }
          else
            {
              lonlat[0] = a;
              lonlat[1] = b;
            }
          g_array_append_vals (pts, lonlat, 2);
        }

      g_ptr_array_add (topo->arcs, g_steal_pointer (&pts));
    }

  return TRUE;

invalid:
  g_set_error (error, CARTO_TOPOJSON_ERROR, CARTO_TOPOJSON_ERROR_INVALID,
               _("The map data has a malformed arc."));
  return FALSE;
}

static void
extend_bounds (CartoGeoFeature *f,
               double           lon,
               double           lat)
{
  f->bounds.west = MIN (f->bounds.west, lon);
  f->bounds.east = MAX (f->bounds.east, lon);
  f->bounds.south = MIN (f->bounds.south, lat);
  f->bounds.north = MAX (f->bounds.north, lat);
}

/* Appends one ring made of the referenced arcs, dropping the point each arc
 * shares with the previous one. */
static gboolean
append_ring (CartoGeoCollection *self,
             Topology           *topo,
             CartoGeoFeature    *feature,
             JsonArray          *arc_refs,
             GError            **error)
{
  CartoGeoRing ring = { self->points->len / 2, 0 };
  double prev_lon = 0.0;

  for (guint i = 0; i < json_array_get_length (arc_refs); i++)
    {
      JsonNode *ref_node = json_array_get_element (arc_refs, i);
      gint64 ref;
      gboolean reversed;
      guint index;
      GArray *arc;
      guint n;

      if (!JSON_NODE_HOLDS_VALUE (ref_node) || json_node_get_value_type (ref_node) != G_TYPE_INT64)
        goto invalid;

      ref = json_node_get_int (ref_node);
      reversed = ref < 0;
      if ((reversed ? ~ref : ref) >= (gint64) topo->arcs->len)
        goto invalid;

      index = (guint) (reversed ? ~ref : ref);
      arc = g_ptr_array_index (topo->arcs, index);
      n = arc->len / 2;

      for (guint k = (i == 0 ? 0 : 1); k < n; k++)
        {
          guint p = reversed ? n - 1 - k : k;
          double lon = g_array_index (arc, double, 2 * p);
          double lat = g_array_index (arc, double, 2 * p + 1);
          double world[2];

          /* Rings cut at the antimeridian (Russia, Fiji) jump from 180 to
           * -180; unwrapping keeps them continuous past ±180 instead of
           * drawing a band across the world. Painters draw such features
           * once more, shifted by a world width. */
          if (ring.n_points > 0)
            {
              while (lon - prev_lon > 180.0)
                lon -= 360.0;
              while (lon - prev_lon < -180.0)
                lon += 360.0;
            }
          prev_lon = lon;

          extend_bounds (feature, lon, lat);
          carto_lonlat_to_world (lon, lat, &world[0], &world[1]);
          g_array_append_vals (self->points, world, 2);
          ring.n_points++;
        }
    }

  if (ring.n_points < 4)
    {
      /* A degenerate ring draws nothing; dropping it keeps painting simple. */
      g_array_set_size (self->points, ring.first * 2);
      return TRUE;
    }

  g_array_append_val (self->rings, ring);
  feature->n_rings++;
  return TRUE;

invalid:
  g_set_error (error, CARTO_TOPOJSON_ERROR, CARTO_TOPOJSON_ERROR_INVALID,
               _("The map data references an arc that does not exist."));
  return FALSE;
}

static gboolean
append_polygon (CartoGeoCollection *self,
                Topology           *topo,
                CartoGeoFeature    *feature,
                JsonNode           *rings_node,
                GError            **error)
{
  JsonArray *rings;

  if (!JSON_NODE_HOLDS_ARRAY (rings_node))
    goto invalid;

  rings = json_node_get_array (rings_node);
  for (guint i = 0; i < json_array_get_length (rings); i++)
    {
      JsonNode *ring = json_array_get_element (rings, i);

      if (!JSON_NODE_HOLDS_ARRAY (ring))
        goto invalid;
      if (!append_ring (self, topo, feature, json_node_get_array (ring), error))
        return FALSE;
    }

  return TRUE;

invalid:
  g_set_error (error, CARTO_TOPOJSON_ERROR, CARTO_TOPOJSON_ERROR_INVALID,
               _("The map data has a malformed polygon."));
  return FALSE;
}

static gboolean
append_geometry (CartoGeoCollection *self,
                 Topology           *topo,
                 JsonObject         *geometry,
                 GError            **error)
{
  CartoGeoFeature feature = { 0 };
  const char *type = member_string (geometry, "type");
  JsonNode *arcs = json_object_get_member (geometry, "arcs");
  JsonNode *id = json_object_get_member (geometry, "id");
  JsonObject *props = member_object (geometry, "properties");
  double x0, y0, x1, y1;

  /* Null geometries and non-polygonal ones carry nothing a basemap fills. */
  if (g_strcmp0 (type, "Polygon") != 0 && g_strcmp0 (type, "MultiPolygon") != 0)
    return TRUE;

  feature.bounds = (CartoBounds) { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  feature.first_ring = self->rings->len;

  if (arcs == NULL || !JSON_NODE_HOLDS_ARRAY (arcs))
    goto invalid;

  if (g_str_equal (type, "Polygon"))
    {
      if (!append_polygon (self, topo, &feature, arcs, error))
        return FALSE;
    }
  else
    {
      JsonArray *polygons = json_node_get_array (arcs);

      for (guint i = 0; i < json_array_get_length (polygons); i++)
        if (!append_polygon (self, topo, &feature, json_array_get_element (polygons, i), error))
          return FALSE;
    }

  if (feature.n_rings == 0)
    return TRUE;

  if (id != NULL && JSON_NODE_HOLDS_VALUE (id))
    {
      if (json_node_get_value_type (id) == G_TYPE_STRING)
        feature.id = g_strdup (json_node_get_string (id));
      else if (json_node_get_value_type (id) == G_TYPE_INT64)
        feature.id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id));
    }
  if (props != NULL)
    feature.name = g_strdup (member_string (props, "name"));

  carto_lonlat_to_world (feature.bounds.west, feature.bounds.north, &x0, &y0);
  carto_lonlat_to_world (feature.bounds.east, feature.bounds.south, &x1, &y1);
  feature.world_bounds[0] = x0;
  feature.world_bounds[1] = y0;
  feature.world_bounds[2] = x1;
  feature.world_bounds[3] = y1;

  g_array_append_val (self->features, feature);
  return TRUE;

invalid:
  g_set_error (error, CARTO_TOPOJSON_ERROR, CARTO_TOPOJSON_ERROR_INVALID,
               _("The map data has a malformed geometry."));
  return FALSE;
}

/**
 * carto_topojson_decode:
 * @json: a TopoJSON topology
 * @object_name: the object to decode (e.g. "countries")
 * @error: return location for a %CARTO_TOPOJSON_ERROR
 *
 * Decodes the Polygon and MultiPolygon geometries of one object of a
 * topology. Other geometry types are skipped. Runs in any thread.
 *
 * Returns: (transfer full) (nullable): the features, or %NULL on error
 */
CartoGeoCollection *
carto_topojson_decode (GBytes     *json,
                       const char *object_name,
                       GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(CartoGeoCollection) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) arcs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  Topology topo = { arcs };
  gsize size;
  const char *data;
  JsonNode *root_node;
  JsonObject *root, *objects, *object;
  JsonArray *geometries;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (object_name != NULL, NULL);

  data = g_bytes_get_data (json, &size);
  if (!json_parser_load_from_data (parser, data, (gssize) size, &local_error))
    {
      g_debug ("TopoJSON parse error: %s", local_error->message);
      g_set_error (error, CARTO_TOPOJSON_ERROR, CARTO_TOPOJSON_ERROR_INVALID,
                   _("The map data is not valid JSON."));
      return NULL;
    }

  root_node = json_parser_get_root (parser);
  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node) ||
      g_strcmp0 (member_string (json_node_get_object (root_node), "type"), "Topology") != 0)
    {
      g_set_error (error, CARTO_TOPOJSON_ERROR, CARTO_TOPOJSON_ERROR_INVALID,
                   _("The map data is not a TopoJSON topology."));
      return NULL;
    }
  root = json_node_get_object (root_node);

  objects = member_object (root, "objects");
  object = objects ? member_object (objects, object_name) : NULL;
  if (object == NULL)
    {
      g_set_error (error, CARTO_TOPOJSON_ERROR, CARTO_TOPOJSON_ERROR_NO_SUCH_OBJECT,
                   _("The map data has no “%s” layer."), object_name);
      return NULL;
    }

  if (!decode_arcs (root, &topo, error))
    return NULL;

  self = collection_new ();

  if (g_strcmp0 (member_string (object, "type"), "GeometryCollection") == 0)
    {
      geometries = member_array (object, "geometries");
      if (geometries == NULL)
        {
          g_set_error (error, CARTO_TOPOJSON_ERROR, CARTO_TOPOJSON_ERROR_INVALID,
                       _("The map data has a malformed geometry."));
          return NULL;
        }
      for (guint i = 0; i < json_array_get_length (geometries); i++)
        {
          JsonNode *g = json_array_get_element (geometries, i);

          if (!JSON_NODE_HOLDS_OBJECT (g))
            {
              g_set_error (error, CARTO_TOPOJSON_ERROR, CARTO_TOPOJSON_ERROR_INVALID,
                           _("The map data has a malformed geometry."));
              return NULL;
            }
          if (!append_geometry (self, &topo, json_node_get_object (g), error))
            return NULL;
        }
    }
  else if (!append_geometry (self, &topo, object, error))
    {
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * carto_geo_collection_ref:
 * @self: a collection
 *
 * Returns: (transfer full): @self
 */
CartoGeoCollection *
carto_geo_collection_ref (CartoGeoCollection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * carto_geo_collection_unref:
 * @self: (transfer full): a collection
 */
void
carto_geo_collection_unref (CartoGeoCollection *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_array_unref (self->features);
      g_array_unref (self->rings);
      g_array_unref (self->points);
      g_free (self);
    }
}

/**
 * carto_geo_collection_get_n_features:
 * @self: a collection
 *
 * Returns: the number of polygonal features
 */
guint
carto_geo_collection_get_n_features (const CartoGeoCollection *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->features->len;
}

/**
 * carto_geo_collection_get_feature:
 * @self: a collection
 * @index: below carto_geo_collection_get_n_features()
 *
 * Returns: (transfer none): the feature
 */
const CartoGeoFeature *
carto_geo_collection_get_feature (const CartoGeoCollection *self,
                                  guint                     index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->features->len, NULL);

  return &g_array_index (self->features, CartoGeoFeature, index);
}

/**
 * carto_geo_collection_get_ring:
 * @self: a collection
 * @index: a ring index (see #CartoGeoFeature)
 *
 * Returns: (transfer none): the ring
 */
const CartoGeoRing *
carto_geo_collection_get_ring (const CartoGeoCollection *self,
                               guint                     index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->rings->len, NULL);

  return &g_array_index (self->rings, CartoGeoRing, index);
}

/**
 * carto_geo_collection_get_points:
 * @self: a collection
 * @n_points: (out) (optional): number of points (pairs)
 *
 * Returns: (transfer none): x, y pairs in normalised Web Mercator
 */
const double *
carto_geo_collection_get_points (const CartoGeoCollection *self,
                                 guint                    *n_points)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_points)
    *n_points = self->points->len / 2;
  return (const double *) (void *) self->points->data;
}
