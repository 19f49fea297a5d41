/* carto-map.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A map: layers in drawing order, a basemap and a viewport. The layer list
 * is a GListModel with precise items-changed emissions, so the layer
 * sidebar and the map widget update only the rows and map layers that
 * changed. Position 0 is the bottom layer, drawn first, right above the
 * basemap; the last layer is on top.
 *
 * The map is a document's content. #CartoMap::changed says when that
 * content changed, for "unsaved changes": layers added, removed or moved,
 * a layer's saved properties, the basemap. The viewport is no content
 * (panning does not make a map unsaved); it is saved along with the rest
 * and only notifies its properties.
 */

#include "config.h"

#include <math.h>

#include "carto-map.h"

struct _CartoMap
{
  GObject parent_instance;

  /* owned */
  GPtrArray *layers;

  /* state */
  CartoBasemap basemap;
  double latitude;
  double longitude;
  double zoom;
  gboolean has_bounds;
  CartoBounds bounds;
};

static void carto_map_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartoMap, carto_map, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, carto_map_list_model_init))

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The layer properties a map file keeps: a change to any of them is a
 * change to the document. */
static const char *const layer_content_signals[] = {
  "notify::title",
  "notify::source",
  "notify::style",
  "notify::visible",
  "notify::opacity",
  "notify::credentials",
  "notify::aggregation",
};

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_BASEMAP,
  PROP_LATITUDE,
  PROP_LONGITUDE,
  PROP_ZOOM,
  PROP_BOUNDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define MAX_ZOOM 22.0

static void
emit_items_changed (CartoMap *self,
                    guint     position,
                    guint     removed,
                    guint     added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
emit_changed (CartoMap *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_layer_content_notify_cb (CartoLayer *layer,
                            GParamSpec *pspec,
                            CartoMap   *self)
{
  emit_changed (self);
}

static void
watch_layer (CartoMap   *self,
             CartoLayer *layer)
{
  for (guint i = 0; i < G_N_ELEMENTS (layer_content_signals); i++)
    g_signal_connect_object (layer, layer_content_signals[i],
                             G_CALLBACK (on_layer_content_notify_cb), self, 0);
}

static void
unwatch_layer (CartoMap   *self,
               CartoLayer *layer)
{
  /* By data alone: a function pointer is no gpointer in ISO C, and the
   * map connects nothing else to its layers. */
  g_signal_handlers_disconnect_matched (layer, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static gboolean
clear_bounds (CartoMap *self)
{
  if (!self->has_bounds)
    return FALSE;

  self->has_bounds = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOUNDS]);
  return TRUE;
}

static GType
carto_map_get_item_type (GListModel *model)
{
  return CARTO_TYPE_LAYER;
}

static guint
carto_map_get_n_items (GListModel *model)
{
  return CARTO_MAP (model)->layers->len;
}

static gpointer
carto_map_get_item (GListModel *model,
                    guint       position)
{
  CartoMap *self = CARTO_MAP (model);

  if (position >= self->layers->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->layers, position));
}

static void
carto_map_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = carto_map_get_item_type;
  iface->get_n_items = carto_map_get_n_items;
  iface->get_item = carto_map_get_item;
}

static void
carto_map_dispose (GObject *object)
{
  CartoMap *self = CARTO_MAP (object);

  /* Layers may outlive the map (an undo stack keeps them). */
  for (guint i = 0; self->layers != NULL && i < self->layers->len; i++)
    unwatch_layer (self, g_ptr_array_index (self->layers, i));
  if (self->layers != NULL)
    g_ptr_array_set_size (self->layers, 0);

  G_OBJECT_CLASS (carto_map_parent_class)->dispose (object);
}

static void
carto_map_finalize (GObject *object)
{
  CartoMap *self = CARTO_MAP (object);

  g_clear_pointer (&self->layers, g_ptr_array_unref);

  G_OBJECT_CLASS (carto_map_parent_class)->finalize (object);
}

static void
carto_map_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CartoMap *self = CARTO_MAP (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->layers->len);
      break;
    case PROP_BASEMAP:
      g_value_set_uint (value, self->basemap);
      break;
    case PROP_LATITUDE:
      g_value_set_double (value, self->latitude);
      break;
    case PROP_LONGITUDE:
      g_value_set_double (value, self->longitude);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_BOUNDS:
      if (self->has_bounds)
        g_value_set_variant (value, g_variant_new ("(dddd)", self->bounds.west, self->bounds.south,
                                                   self->bounds.east, self->bounds.north));
      else
        g_value_set_variant (value, NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_map_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CartoMap *self = CARTO_MAP (object);

  switch (prop_id)
    {
    case PROP_BASEMAP:
      carto_map_set_basemap (self, g_value_get_uint (value));
      break;
    case PROP_LATITUDE:
      carto_map_set_center (self, g_value_get_double (value), self->longitude);
      break;
    case PROP_LONGITUDE:
      carto_map_set_center (self, self->latitude, g_value_get_double (value));
      break;
    case PROP_ZOOM:
      carto_map_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_BOUNDS:
      {
        GVariant *variant = g_value_get_variant (value);
        CartoBounds bounds;

        if (variant == NULL)
          {
            carto_map_set_bounds (self, NULL);
            break;
          }
        g_variant_get (variant, "(dddd)", &bounds.west, &bounds.south, &bounds.east, &bounds.north);
        carto_map_set_bounds (self, &bounds);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_map_class_init (CartoMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carto_map_dispose;
  object_class->finalize = carto_map_finalize;
  object_class->get_property = carto_map_get_property;
  object_class->set_property = carto_map_set_property;

  /**
   * CartoMap:n-items:
   *
   * The number of layers.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoMap:basemap:
   *
   * The #CartoBasemap under the layers.
   */
  properties[PROP_BASEMAP] =
    g_param_spec_uint ("basemap", NULL, NULL, 0, CARTO_BASEMAP_LAST, CARTO_BASEMAP_EMBEDDED,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoMap:latitude:
   *
   * The latitude of the viewport's centre, in degrees, within the Web
   * Mercator limits.
   */
  properties[PROP_LATITUDE] =
    g_param_spec_double ("latitude", NULL, NULL, -CARTO_MAX_LATITUDE, CARTO_MAX_LATITUDE, 20.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoMap:longitude:
   *
   * The longitude of the viewport's centre, in degrees, -180 to 180.
   */
  properties[PROP_LONGITUDE] =
    g_param_spec_double ("longitude", NULL, NULL, -180.0, 180.0, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoMap:zoom:
   *
   * The viewport's zoom level (fractional levels allowed).
   */
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.0, MAX_ZOOM, 2.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoMap:bounds:
   *
   * A box the viewport should show, as `(west, south, east, north)` in
   * degrees, or %NULL. Bounds say "fit this" (as CARTOframes' `Map(bounds=…)`):
   * the widget knows its size and picks the centre and zoom, and setting
   * the centre or zoom clears them.
   */
  properties[PROP_BOUNDS] =
    g_param_spec_variant ("bounds", NULL, NULL, G_VARIANT_TYPE ("(dddd)"), NULL,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CartoMap::changed:
   * @self: the map
   *
   * Emitted once per change to the map's content, what makes a map
   * document modified: a layer inserted, removed or moved; a layer's
   * title, source, style, visibility, opacity, credentials or
   * aggregation; the basemap. Never for the viewport (centre, zoom,
   * bounds), nor for a layer's painter state.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
carto_map_init (CartoMap *self)
{
  self->layers = g_ptr_array_new_with_free_func (g_object_unref);
  self->basemap = CARTO_BASEMAP_EMBEDDED;
  /* The inhabited world, in a window of the usual size. */
  self->latitude = 20.0;
  self->zoom = 2.0;
}

/**
 * carto_map_new:
 *
 * Returns: (transfer full): an empty map over the embedded basemap,
 *   showing the whole world
 */
CartoMap *
carto_map_new (void)
{
  return g_object_new (CARTO_TYPE_MAP, NULL);
}

/**
 * carto_map_get_layer:
 * @self: a map
 * @position: 0 for the bottom layer
 *
 * Returns: (transfer none) (nullable): the layer, or %NULL past the end
 */
CartoLayer *
carto_map_get_layer (CartoMap *self,
                     guint     position)
{
  g_return_val_if_fail (CARTO_IS_MAP (self), NULL);

  if (position >= self->layers->len)
    return NULL;

  return g_ptr_array_index (self->layers, position);
}

/**
 * carto_map_get_n_layers:
 * @self: a map
 *
 * Returns: the number of layers
 */
guint
carto_map_get_n_layers (CartoMap *self)
{
  g_return_val_if_fail (CARTO_IS_MAP (self), 0);

  return self->layers->len;
}

/**
 * carto_map_find_layer:
 * @self: a map
 * @layer: a layer
 * @position: (out) (optional): where @layer is
 *
 * Returns: whether @layer is in the map
 */
gboolean
carto_map_find_layer (CartoMap   *self,
                      CartoLayer *layer,
                      guint      *position)
{
  g_return_val_if_fail (CARTO_IS_MAP (self), FALSE);
  g_return_val_if_fail (CARTO_IS_LAYER (layer), FALSE);

  return g_ptr_array_find (self->layers, layer, position);
}

/**
 * carto_map_append_layer:
 * @self: a map
 * @layer: a layer not yet in the map
 *
 * Adds @layer on top of the others.
 */
void
carto_map_append_layer (CartoMap   *self,
                        CartoLayer *layer)
{
  g_return_if_fail (CARTO_IS_MAP (self));

  carto_map_insert_layer (self, self->layers->len, layer);
}

/**
 * carto_map_insert_layer:
 * @self: a map
 * @position: where to insert, 0 for the bottom; clamped to the end
 * @layer: a layer not yet in the map
 *
 * A layer appears at most once in a map.
 */
void
carto_map_insert_layer (CartoMap   *self,
                        guint       position,
                        CartoLayer *layer)
{
  g_return_if_fail (CARTO_IS_MAP (self));
  g_return_if_fail (CARTO_IS_LAYER (layer));
  g_return_if_fail (!g_ptr_array_find (self->layers, layer, NULL));

  position = MIN (position, self->layers->len);
  g_ptr_array_insert (self->layers, position, g_object_ref (layer));
  watch_layer (self, layer);
  emit_items_changed (self, position, 0, 1);
  emit_changed (self);
}

/**
 * carto_map_remove_layer:
 * @self: a map
 * @position: the layer to remove
 */
void
carto_map_remove_layer (CartoMap *self,
                        guint     position)
{
  g_return_if_fail (CARTO_IS_MAP (self));
  g_return_if_fail (position < self->layers->len);

  unwatch_layer (self, g_ptr_array_index (self->layers, position));
  g_ptr_array_remove_index (self->layers, position);
  emit_items_changed (self, position, 1, 0);
  emit_changed (self);
}

/**
 * carto_map_move_layer:
 * @self: a map
 * @from: the layer's position
 * @to: its new position (counted after it was taken out)
 *
 * Moves one layer up or down the drawing order. Emits one items-changed
 * covering the range between the two positions, so views keep the other
 * rows.
 */
void
carto_map_move_layer (CartoMap *self,
                      guint     from,
                      guint     to)
{
  gpointer layer;

  g_return_if_fail (CARTO_IS_MAP (self));
  g_return_if_fail (from < self->layers->len);
  g_return_if_fail (to < self->layers->len);

  if (from == to)
    return;

  layer = g_ptr_array_steal_index (self->layers, from);
  g_ptr_array_insert (self->layers, to, layer);
  emit_items_changed (self, MIN (from, to), MAX (from, to) - MIN (from, to) + 1,
                      MAX (from, to) - MIN (from, to) + 1);
  emit_changed (self);
}

/**
 * carto_map_get_basemap:
 * @self: a map
 *
 * Returns: the basemap under the layers
 */
CartoBasemap
carto_map_get_basemap (CartoMap *self)
{
  g_return_val_if_fail (CARTO_IS_MAP (self), CARTO_BASEMAP_EMBEDDED);

  return self->basemap;
}

/**
 * carto_map_set_basemap:
 * @self: a map
 * @basemap: the basemap to show
 */
void
carto_map_set_basemap (CartoMap     *self,
                       CartoBasemap  basemap)
{
  g_return_if_fail (CARTO_IS_MAP (self));
  g_return_if_fail ((guint) basemap <= CARTO_BASEMAP_LAST);

  if (self->basemap == basemap)
    return;

  self->basemap = basemap;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASEMAP]);
  emit_changed (self);
}

/**
 * carto_map_get_latitude:
 * @self: a map
 *
 * Returns: the latitude of the viewport's centre
 */
double
carto_map_get_latitude (CartoMap *self)
{
  g_return_val_if_fail (CARTO_IS_MAP (self), 0.0);

  return self->latitude;
}

/**
 * carto_map_get_longitude:
 * @self: a map
 *
 * Returns: the longitude of the viewport's centre
 */
double
carto_map_get_longitude (CartoMap *self)
{
  g_return_val_if_fail (CARTO_IS_MAP (self), 0.0);

  return self->longitude;
}

/**
 * carto_map_get_zoom:
 * @self: a map
 *
 * Returns: the viewport's zoom level
 */
double
carto_map_get_zoom (CartoMap *self)
{
  g_return_val_if_fail (CARTO_IS_MAP (self), 0.0);

  return self->zoom;
}

/**
 * carto_map_set_center:
 * @self: a map
 * @latitude: degrees; clamped to the Web Mercator limits
 * @longitude: degrees; wrapped into -180..180
 *
 * Moves the viewport and clears #CartoMap:bounds.
 */
void
carto_map_set_center (CartoMap *self,
                      double    latitude,
                      double    longitude)
{
  g_return_if_fail (CARTO_IS_MAP (self));
  g_return_if_fail (isfinite (latitude) && isfinite (longitude));

  latitude = CLAMP (latitude, -CARTO_MAX_LATITUDE, CARTO_MAX_LATITUDE);
  if (longitude < -180.0 || longitude > 180.0)
    longitude = fmod (fmod (longitude + 180.0, 360.0) + 360.0, 360.0) - 180.0;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->latitude != latitude)
    {
      self->latitude = latitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATITUDE]);
    }
  if (self->longitude != longitude)
    {
      self->longitude = longitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LONGITUDE]);
    }
  clear_bounds (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * carto_map_set_zoom:
 * @self: a map
 * @zoom: the zoom level, clamped to 0..22
 *
 * Zooms the viewport and clears #CartoMap:bounds.
 */
void
carto_map_set_zoom (CartoMap *self,
                    double    zoom)
{
  g_return_if_fail (CARTO_IS_MAP (self));
  g_return_if_fail (isfinite (zoom));

  zoom = CLAMP (zoom, 0.0, MAX_ZOOM);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->zoom != zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  clear_bounds (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * carto_map_get_bounds:
 * @self: a map
 * @bounds: (out) (optional): the box to fit
 *
 * Returns: whether the viewport is given as bounds to fit
 */
gboolean
carto_map_get_bounds (CartoMap    *self,
                      CartoBounds *bounds)
{
  g_return_val_if_fail (CARTO_IS_MAP (self), FALSE);

  if (self->has_bounds && bounds != NULL)
    *bounds = self->bounds;

  return self->has_bounds;
}

/**
 * carto_map_set_bounds:
 * @self: a map
 * @bounds: (nullable): the box the viewport should show (west may exceed
 *   east across the antimeridian), or %NULL to clear it
 *
 * Asks for a viewport fitting @bounds. The centre moves to the middle of
 * the box at once; the zoom, which depends on the widget's size, is left to
 * the widget (it then sets it, which clears the bounds).
 */
void
carto_map_set_bounds (CartoMap          *self,
                      const CartoBounds *bounds)
{
  double latitude, longitude, east;

  g_return_if_fail (CARTO_IS_MAP (self));

  if (bounds == NULL)
    {
      clear_bounds (self);
      return;
    }

  g_return_if_fail (isfinite (bounds->west) && isfinite (bounds->east) &&
                    isfinite (bounds->south) && isfinite (bounds->north));
  g_return_if_fail (bounds->south <= bounds->north);

  if (self->has_bounds &&
      self->bounds.west == bounds->west && self->bounds.south == bounds->south &&
      self->bounds.east == bounds->east && self->bounds.north == bounds->north)
    return;

  east = bounds->east < bounds->west ? bounds->east + 360.0 : bounds->east;
  latitude = (bounds->south + bounds->north) / 2.0;
  longitude = (bounds->west + east) / 2.0;

  g_object_freeze_notify (G_OBJECT (self));
  carto_map_set_center (self, latitude, longitude);
  self->has_bounds = TRUE;
  self->bounds = *bounds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BOUNDS]);
  g_object_thaw_notify (G_OBJECT (self));
}
