/* viewer-map-layers.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keeps the libshumate map in step with a CartoMap: one ShumateMapLayer
 * per CartoLayer, over a ViewerTileSource on that layer's painter, stacked
 * in model order (the first layer lowest) above the basemap. It reacts only
 * to what changed: items-changed touches only the inserted or removed
 * layers, and a move only restacks; visibility and opacity are bindings; a painter's "changed"
 * (a restyle) replaces that one layer's source, whose new id makes
 * libshumate paint again from the decoded tiles.
 *
 * Each layer's painter is told to prepare (instantiate its CARTO map) as
 * soon as the layer is added, while the window and the map lay out. Every
 * layer's tiles go through one ViewerTileScheduler: the tiles on screen
 * first.
 */

#include "config.h"

#include "viewer-map-layers.h"
#include "viewer-tile-source.h"

typedef struct
{
  ViewerMapLayers *self;   /* borrowed */
  CartoLayer *layer;
  CartoTilePainter *painter;
  ViewerTileSource *source;
  ShumateMapLayer *map_layer;
  /* The layer being replaced stays on screen until its successor has
   * painted, so a restyle never shows the map without the layer. */
  ShumateMapLayer *old_map_layer;
  gulong settled_id;
  guint old_timeout_id;
  gulong changed_id;
  guint generation;
} Entry;

struct _ViewerMapLayers
{
  GObject parent_instance;

  ShumateSimpleMap *map;     /* borrowed: the map view owns both */
  CartoMap *model;
  ViewerPainterFactory factory;
  gpointer factory_data;
  ShumateLayer *anchor;      /* the layer ours go above; borrowed */
  ViewerTileScheduler *scheduler;
  GPtrArray *entries;        /* Entry, in model order */
  guint scale_factor;
  guint serial;
};

G_DEFINE_FINAL_TYPE (ViewerMapLayers, viewer_map_layers, G_TYPE_OBJECT)

static ShumateMap *
shumate_map (ViewerMapLayers *self)
{
  return shumate_simple_map_get_map (self->map);
}

static void
apply_visibility (Entry *entry)
{
  gtk_widget_set_visible (GTK_WIDGET (entry->map_layer), carto_layer_get_visible (entry->layer));
  gtk_widget_set_opacity (GTK_WIDGET (entry->map_layer), carto_layer_get_opacity (entry->layer));
}

/* The layer just below @index: the previous entry, or the anchor. */
static ShumateLayer *
layer_below (ViewerMapLayers *self,
             guint            index)
{
  for (guint i = index; i > 0; i--)
    {
      Entry *prev = g_ptr_array_index (self->entries, i - 1);

      if (prev->map_layer != NULL)
        return SHUMATE_LAYER (prev->map_layer);
    }

  return self->anchor;
}

static void
drop_old_layer (Entry *entry)
{
  g_clear_handle_id (&entry->old_timeout_id, g_source_remove);
  if (entry->source != NULL)
    g_clear_signal_handler (&entry->settled_id, entry->source);
  if (entry->old_map_layer != NULL)
    {
      shumate_map_remove_layer (shumate_map (entry->self), SHUMATE_LAYER (entry->old_map_layer));
      g_clear_object (&entry->old_map_layer);
    }
}

static void
on_source_settled_cb (ViewerTileSource *source,
                      Entry            *entry)
{
  drop_old_layer (entry);
}

/* A layer whose tiles all fail never settles: do not keep the stale one
 * forever. */
static gboolean
old_layer_timeout_cb (gpointer data)
{
  Entry *entry = data;

  entry->old_timeout_id = 0;
  drop_old_layer (entry);
  return G_SOURCE_REMOVE;
}

/* libshumate 1.0 asks for a new layer's tiles from an idle callback at
 * the lowest priority, which a busy main loop (back-to-back frames of a
 * large map under a software renderer, a spinner elsewhere) can starve for
 * seconds: a restyled layer would stay missing all that time. Once the
 * layer has its size, a viewport notification makes every layer recompute
 * its grid at once; layers that have their tiles do nothing. */
static gboolean
request_tiles_tick_cb (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  ViewerMapLayers *self = user_data;

  if (gtk_widget_get_width (widget) <= 0)
    return G_SOURCE_CONTINUE;

  g_object_notify (G_OBJECT (shumate_simple_map_get_viewport (self->map)), "zoom-level");
  return G_SOURCE_REMOVE;
}

static void
build_map_layer (Entry *entry,
                 guint  index)
{
  ViewerMapLayers *self = entry->self;
  g_autofree char *id = NULL;
  ShumateMapLayer *old = entry->map_layer;
  ShumateLayer *below;

  id = g_strdup_printf ("carto-layer-%p-%u-%u", (void *) entry->layer, ++entry->generation, self->scale_factor);
  /* A replacement still waiting for its predecessor's successor: the
   * oldest goes now, the last painted one stays. */
  drop_old_layer (entry);
  /* A layer that has painted nothing yet (restyled before it was ever
   * shown) has nothing to keep on screen: it goes now rather than paint
   * the same tiles a second time. */
  if (old != NULL && viewer_tile_source_get_n_painted (entry->source) == 0)
    {
      shumate_map_remove_layer (shumate_map (self), SHUMATE_LAYER (old));
      g_clear_object (&entry->map_layer);
      old = NULL;
    }
  g_clear_object (&entry->source);
  entry->source = viewer_tile_source_new (entry->painter, id, self->scale_factor);
  viewer_tile_source_set_scheduler (entry->source, self->scheduler);
  shumate_map_source_set_name (SHUMATE_MAP_SOURCE (entry->source), carto_layer_get_title (entry->layer));

  entry->map_layer = g_object_ref_sink (shumate_map_layer_new (SHUMATE_MAP_SOURCE (entry->source),
                                                               shumate_simple_map_get_viewport (self->map)));
  apply_visibility (entry);

  /* The new layer goes right above the old one, which leaves once the
   * new one has painted: no flash of a missing layer between them. */
  below = old != NULL ? SHUMATE_LAYER (old) : layer_below (self, index);
  shumate_map_insert_layer_above (shumate_map (self), SHUMATE_LAYER (entry->map_layer), below);
  gtk_widget_add_tick_callback (GTK_WIDGET (entry->map_layer), request_tiles_tick_cb, self, NULL);
  if (old != NULL)
    {
      entry->old_map_layer = old;
      entry->settled_id = g_signal_connect (entry->source, "settled", G_CALLBACK (on_source_settled_cb), entry);
      entry->old_timeout_id = g_timeout_add_seconds (5, old_layer_timeout_cb, entry);
    }
}

static guint
entry_index (Entry *entry)
{
  guint index = 0;

  g_ptr_array_find (entry->self->entries, entry, &index);
  return index;
}

static void
on_painter_changed_cb (CartoTilePainter *painter,
                       Entry            *entry)
{
  build_map_layer (entry, entry_index (entry));
}

static void
on_layer_visibility_cb (CartoLayer *layer,
                        GParamSpec *pspec,
                        Entry      *entry)
{
  drop_old_layer (entry);
  apply_visibility (entry);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  drop_old_layer (entry);
  g_clear_signal_handler (&entry->changed_id, entry->painter);
  g_signal_handlers_disconnect_by_data (entry->layer, entry);
  if (entry->map_layer != NULL)
    {
      shumate_map_remove_layer (shumate_map (entry->self), SHUMATE_LAYER (entry->map_layer));
      g_clear_object (&entry->map_layer);
    }
  g_clear_object (&entry->source);
  g_clear_object (&entry->painter);
  g_clear_object (&entry->layer);
  g_free (entry);
}

static Entry *
entry_new (ViewerMapLayers *self,
           CartoLayer      *layer)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->self = self;
  entry->layer = g_object_ref (layer);
  entry->painter = self->factory (layer, self->factory_data);
  entry->changed_id = g_signal_connect (entry->painter, "changed", G_CALLBACK (on_painter_changed_cb), entry);
  g_signal_connect (layer, "notify::visible", G_CALLBACK (on_layer_visibility_cb), entry);
  g_signal_connect (layer, "notify::opacity", G_CALLBACK (on_layer_visibility_cb), entry);
  carto_tile_painter_prepare (entry->painter);

  return entry;
}

/* CartoMap reports a move as a range removed and added back in another
 * order. The same layers keep their painters, sources and tiles (a new
 * painter would instantiate its CARTO map again): only the stacking
 * changes. Returns FALSE when the range holds other layers. */
static gboolean
restack_moved (ViewerMapLayers *self,
               GListModel      *model,
               guint            position,
               guint            n)
{
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartoLayer) layer = g_list_model_get_item (model, position + i);
      Entry *found = NULL;

      for (guint j = position; found == NULL && j < position + n; j++)
        {
          Entry *entry = g_ptr_array_index (self->entries, j);

          if (entry->layer == layer && !g_ptr_array_find (order, entry, NULL))
            found = entry;
        }
      if (found == NULL)
        return FALSE;
      g_ptr_array_add (order, found);
    }

  for (guint i = 0; i < n; i++)
    {
      Entry *entry = g_ptr_array_index (order, i);

      self->entries->pdata[position + i] = entry;
      drop_old_layer (entry);
      g_object_ref (entry->map_layer);
      shumate_map_remove_layer (shumate_map (self), SHUMATE_LAYER (entry->map_layer));
      shumate_map_insert_layer_above (shumate_map (self), SHUMATE_LAYER (entry->map_layer),
                                      layer_below (self, position + i));
      g_object_unref (entry->map_layer);
    }

  return TRUE;
}

static void
on_items_changed_cb (GListModel      *model,
                     guint            position,
                     guint            removed,
                     guint            added,
                     ViewerMapLayers *self)
{
  if (removed > 1 && removed == added && restack_moved (self, model, position, removed))
    return;

  g_ptr_array_remove_range (self->entries, position, removed);

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(CartoLayer) layer = g_list_model_get_item (model, position + i);
      Entry *entry = entry_new (self, layer);

      g_ptr_array_insert (self->entries, (int) (position + i), entry);
      build_map_layer (entry, position + i);
    }
}

static void
viewer_map_layers_dispose (GObject *object)
{
  ViewerMapLayers *self = VIEWER_MAP_LAYERS (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (viewer_map_layers_parent_class)->dispose (object);
}

static void
viewer_map_layers_class_init (ViewerMapLayersClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = viewer_map_layers_dispose;
}

static void
viewer_map_layers_init (ViewerMapLayers *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->scale_factor = 1;
}

/**
 * viewer_map_layers_new:
 * @map: the map widget
 * @model: the layers to show
 * @factory: makes the painter of each layer
 * @factory_data: for @factory; must outlive the returned object
 *
 * Returns: (transfer full): an object that keeps @map showing @model
 */
ViewerMapLayers *
viewer_map_layers_new (ShumateSimpleMap     *map,
                       CartoMap             *model,
                       ViewerPainterFactory  factory,
                       gpointer              factory_data)
{
  ViewerMapLayers *self;

  g_return_val_if_fail (SHUMATE_IS_SIMPLE_MAP (map), NULL);
  g_return_val_if_fail (CARTO_IS_MAP (model), NULL);
  g_return_val_if_fail (factory != NULL, NULL);

  self = g_object_new (VIEWER_TYPE_MAP_LAYERS, NULL);
  self->map = map;
  self->model = g_object_ref (model);
  self->factory = factory;
  self->factory_data = factory_data;
  self->scheduler = viewer_tile_scheduler_new (shumate_simple_map_get_map (map));

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  on_items_changed_cb (G_LIST_MODEL (model), 0, 0, g_list_model_get_n_items (G_LIST_MODEL (model)), self);

  return self;
}

/**
 * viewer_map_layers_set_scale_factor:
 * @self: the layers
 * @scale_factor: the map widget's scale factor
 *
 * libshumate 1.0 has no per-tile scale: every layer gets a new source.
 */
void
viewer_map_layers_set_scale_factor (ViewerMapLayers *self,
                                    guint            scale_factor)
{
  g_return_if_fail (VIEWER_IS_MAP_LAYERS (self));

  scale_factor = MAX (scale_factor, 1);
  if (self->scale_factor == scale_factor)
    return;

  self->scale_factor = scale_factor;
  for (guint i = 0; i < self->entries->len; i++)
    build_map_layer (g_ptr_array_index (self->entries, i), i);
}

/**
 * viewer_map_layers_set_anchor:
 * @self: the layers
 * @anchor: (nullable): the map layer to stack above (the basemap), or
 *   %NULL for the bottom of the map
 *
 * Restacks every layer above @anchor, in model order.
 */
void
viewer_map_layers_set_anchor (ViewerMapLayers *self,
                              ShumateLayer    *anchor)
{
  g_return_if_fail (VIEWER_IS_MAP_LAYERS (self));

  /* Moving a map layer drops its tiles in flight: only when needed. */
  if (self->anchor == anchor)
    return;

  self->anchor = anchor;
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      drop_old_layer (entry);
      g_object_ref (entry->map_layer);
      shumate_map_remove_layer (shumate_map (self), SHUMATE_LAYER (entry->map_layer));
      shumate_map_insert_layer_above (shumate_map (self), SHUMATE_LAYER (entry->map_layer), layer_below (self, i));
      g_object_unref (entry->map_layer);
    }
}

/**
 * viewer_map_layers_is_idle:
 * @self: the layers
 *
 * Returns: whether no layer is painting tiles
 */
gboolean
viewer_map_layers_is_idle (ViewerMapLayers *self)
{
  g_return_val_if_fail (VIEWER_IS_MAP_LAYERS (self), TRUE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (viewer_tile_source_get_n_pending (entry->source) > 0 || entry->old_map_layer != NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * viewer_map_layers_is_view_painted:
 * @self: the layers
 *
 * Returns: whether every layer has had its tiles asked for and none of
 *   those on screen is still loading (tiles off screen may be)
 */
gboolean
viewer_map_layers_is_view_painted (ViewerMapLayers *self)
{
  g_return_val_if_fail (VIEWER_IS_MAP_LAYERS (self), TRUE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (carto_layer_get_visible (entry->layer) && viewer_tile_source_get_n_requested (entry->source) == 0)
        return FALSE;
    }

  return viewer_tile_scheduler_get_n_on_screen (self->scheduler) == 0;
}

/**
 * viewer_map_layers_dup_pickable:
 * @self: the layers
 *
 * What a click or the pointer can find a feature in: each visible layer's
 * painter (which knows its layer), in the order a person sees them.
 *
 * Returns: (transfer full) (element-type CartoLayerPainter): the painters,
 *   topmost first
 */
GPtrArray *
viewer_map_layers_dup_pickable (ViewerMapLayers *self)
{
  GPtrArray *painters;

  g_return_val_if_fail (VIEWER_IS_MAP_LAYERS (self), NULL);

  painters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = self->entries->len; i > 0; i--)
    {
      Entry *entry = g_ptr_array_index (self->entries, i - 1);

      if (carto_layer_get_visible (entry->layer) && CARTO_IS_LAYER_PAINTER (entry->painter))
        g_ptr_array_add (painters, g_object_ref (entry->painter));
    }

  return painters;
}

/**
 * viewer_map_layers_get_top_layer:
 * @self: the layers
 *
 * Returns: (transfer none) (nullable): the topmost map layer of ours, or
 *   the anchor when there is none
 */
ShumateLayer *
viewer_map_layers_get_top_layer (ViewerMapLayers *self)
{
  g_return_val_if_fail (VIEWER_IS_MAP_LAYERS (self), NULL);

  return layer_below (self, self->entries->len);
}
