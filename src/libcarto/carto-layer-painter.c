/* carto-layer-painter.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paints one CartoLayer's tiles and picks its features: a
 * CartoLayerTileLoader brings each tile decoded (the map, the caches, the
 * shared fetches), and the painter draws it with the layer's style in a
 * worker thread, or hit-tests it.
 *
 * Decoded tiles outlive styles: a restyle emits #CartoTilePainter::changed
 * and the tiles painted again come from memory, without the network. A
 * style reading a column the tiles lack makes the loader forget its map;
 * so do a new source, new credentials and aggregation.
 *
 * The layer's state follows the paints: LOADING while any is in flight,
 * then READY, or ERROR with the first failure's message (the server's).
 * A layer without effective credentials (no account, or one named by a
 * map file that the store lacks) makes no request: each paint fails at
 * once with the layer's "needs the account …" error, and the new
 * effective credentials that adding the account brings start it again.
 */

#include "config.h"

#include <math.h>

#include "carto-hit-test.h"
#include "carto-layer-painter.h"
#include "carto-layer-private.h"
#include "carto-layer-tile-loader.h"
#include "carto-vector-renderer.h"

#define TILE_SIZE 256

struct _CartoLayerPainter
{
  GObject parent_instance;

  /* owned */
  CartoLayerTileLoader *loader;
  CartoLayer *layer;           /* the loader's */

  /* state */
  guint n_in_flight;
  guint batch_done;
  char *batch_error;
  CartoLayerState state_before;
  char *error_before;
};

static void carto_layer_painter_iface_init (CartoTilePainterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartoLayerPainter, carto_layer_painter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CARTO_TYPE_TILE_PAINTER,
                                                      carto_layer_painter_iface_init))

enum {
  PROP_0,
  PROP_LOADER,
  PROP_LAYER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char paint_tag[] = "carto_layer_painter_paint_async";
static const char pick_tag[] = "carto_layer_painter_pick_async";

typedef struct
{
  CartoTileRequest request;
  CartoStyle *style;
} PaintData;

typedef struct
{
  CartoMvtTile *tile;
  CartoStyle *style;
  CartoTileRequest request;
  char *layer_name;
  double x;
  double y;
  double tolerance;
} WorkData;

typedef struct
{
  gboolean found;
  gint64 cartodb_id;
} PickResult;

static void
paint_data_free (PaintData *data)
{
  g_clear_object (&data->style);
  g_free (data);
}

static void
work_data_free (WorkData *data)
{
  g_clear_pointer (&data->tile, carto_mvt_tile_unref);
  g_clear_object (&data->style);
  g_free (data->layer_name);
  g_free (data);
}

/* State of the layer */

static void
begin_paint (CartoLayerPainter *self)
{
  if (self->n_in_flight++ > 0)
    return;

  self->batch_done = 0;
  g_clear_pointer (&self->batch_error, g_free);
  self->state_before = carto_layer_get_state (self->layer);
  g_free (self->error_before);
  self->error_before = g_strdup (carto_layer_get_error_message (self->layer));
  if (self->state_before != CARTO_LAYER_STATE_ERROR)
    carto_layer_set_state (self->layer, CARTO_LAYER_STATE_LOADING, NULL);
}

static void
note_error (CartoLayerPainter *self,
            const GError      *error)
{
  if (self->batch_error != NULL)
    return;

  self->batch_error = g_strdup (error->message);
  carto_layer_set_state (self->layer, CARTO_LAYER_STATE_ERROR, error->message);
}

static void
end_paint (CartoLayerPainter *self,
           const GError      *error)
{
  g_assert (self->n_in_flight > 0);

  if (error == NULL)
    self->batch_done++;
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->batch_done++;
      note_error (self, error);
    }

  if (--self->n_in_flight > 0)
    return;

  if (self->batch_error != NULL)
    carto_layer_set_state (self->layer, CARTO_LAYER_STATE_ERROR, self->batch_error);
  else if (self->batch_done > 0)
    carto_layer_set_state (self->layer, CARTO_LAYER_STATE_READY, NULL);
  else
    /* Every paint was cancelled: nothing new is known. */
    carto_layer_set_state (self->layer, self->state_before, self->error_before);
}

static void
paint_return (GTask           *task,
              cairo_surface_t *surface,
              GError          *error)
{
  CartoLayerPainter *self = g_task_get_source_object (task);

  end_paint (self, error);
  if (surface != NULL)
    g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
  else
    g_task_return_error (task, error);
}

/* The loader's map */

/* The map's configuration changed: every tile is stale, and a failure
 * remembered is forgotten. */
static void
on_loader_reset_cb (CartoLayerTileLoader *loader,
                    CartoLayerPainter    *self)
{
  g_clear_pointer (&self->batch_error, g_free);
  if (self->n_in_flight == 0)
    carto_layer_set_state (self->layer, CARTO_LAYER_STATE_IDLE, NULL);
  carto_tile_painter_emit_changed (CARTO_TILE_PAINTER (self));
}

static void
on_loader_data_changed_cb (CartoLayerTileLoader *loader,
                           CartoLayerPainter    *self)
{
  carto_tile_painter_emit_changed (CARTO_TILE_PAINTER (self));
}

static void
on_layer_style_notify_cb (CartoLayer        *layer,
                          GParamSpec        *pspec,
                          CartoLayerPainter *self)
{
  /* Columns the map already has: the decoded tiles serve the new style
   * as they are, with no request. Only a new column needs a new map,
   * and the loader's reset repaints. */
  if (!carto_layer_tile_loader_check_map (self->loader))
    carto_tile_painter_emit_changed (CARTO_TILE_PAINTER (self));
}

/* Painting */

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  WorkData *data = task_data;
  cairo_surface_t *surface;

  if (g_task_return_error_if_cancelled (task))
    return;

  surface = carto_vector_renderer_render_surface (data->tile, data->layer_name, data->style, &data->request);

  /* Checked again so a tile cancelled mid-paint is never handed back. */
  if (g_task_return_error_if_cancelled (task))
    {
      cairo_surface_destroy (surface);
      return;
    }

  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

static void
render_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  cairo_surface_t *surface;

  surface = g_task_propagate_pointer (G_TASK (result), &error);
  paint_return (task, surface, error);
}

static void
render_tile (GTask           *task,
             CartoMvtTile    *tile,
             CartoLayergroup *layergroup)
{
  PaintData *paint = g_task_get_task_data (task);
  g_autoptr(GTask) render = NULL;
  WorkData *data;

  data = g_new0 (WorkData, 1);
  data->tile = carto_mvt_tile_ref (tile);
  data->style = g_object_ref (paint->style);
  data->request = paint->request;
  data->layer_name = g_strdup (carto_layergroup_get_mvt_layer_name (layergroup));

  render = g_task_new (NULL, g_task_get_cancellable (task), render_cb, g_object_ref (task));
  g_task_set_task_data (render, data, (GDestroyNotify) work_data_free);
  g_task_run_in_thread (render, render_thread);
}

static void
paint_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CartoLayergroup) layergroup = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  GError *error = NULL;

  tile = carto_layer_tile_loader_load_finish (CARTO_LAYER_TILE_LOADER (object), result, &layergroup, &error);
  if (tile == NULL)
    {
      paint_return (task, NULL, error);
      return;
    }

  render_tile (task, tile, layergroup);
}

static void
carto_layer_painter_paint_async (CartoTilePainter       *painter,
                                 const CartoTileRequest *request,
                                 GCancellable           *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  CartoLayerPainter *self = CARTO_LAYER_PAINTER (painter);
  g_autoptr(GTask) task = NULL;
  PaintData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) paint_tag);

  data = g_new0 (PaintData, 1);
  data->request = *request;
  data->style = g_object_ref (carto_layer_get_style (self->layer));
  g_task_set_task_data (task, data, (GDestroyNotify) paint_data_free);

  begin_paint (self);
  carto_layer_tile_loader_load_async (self->loader, &request->coord, cancellable, paint_loaded_cb,
                                      g_steal_pointer (&task));
}

static void
carto_layer_painter_prepare (CartoTilePainter *painter)
{
  carto_layer_tile_loader_prepare (CARTO_LAYER_PAINTER (painter)->loader);
}

static cairo_surface_t *
carto_layer_painter_paint_finish (CartoTilePainter *painter,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, painter), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
carto_layer_painter_iface_init (CartoTilePainterInterface *iface)
{
  iface->paint_async = carto_layer_painter_paint_async;
  iface->paint_finish = carto_layer_painter_paint_finish;
  iface->prepare = carto_layer_painter_prepare;
}

/* Picking */

static gboolean
locate (guint           zoom,
        double          longitude,
        double          latitude,
        CartoTileCoord *coord,
        double         *x,
        double         *y)
{
  double wx, wy, n, fx, fy;

  if (!isfinite (longitude) || !isfinite (latitude) || zoom > 30)
    return FALSE;

  /* The map repeats east and west; tiles exist for one world. */
  longitude = fmod (fmod (longitude + 180.0, 360.0) + 360.0, 360.0) - 180.0;
  carto_lonlat_to_world (longitude, latitude, &wx, &wy);

  n = ldexp (1.0, (int) zoom);
  fx = CLAMP (wx * n, 0.0, n - 1e-9);
  fy = CLAMP (wy * n, 0.0, n - 1e-9);
  coord->zoom = zoom;
  coord->x = (guint) floor (fx);
  coord->y = (guint) floor (fy);
  *x = (fx - coord->x) * TILE_SIZE;
  *y = (fy - coord->y) * TILE_SIZE;

  return TRUE;
}

static gboolean
hit_test (CartoMvtTile *tile,
          const char   *layer_name,
          CartoStyle   *style,
          double        x,
          double        y,
          double        tolerance,
          gint64       *cartodb_id)
{
  CartoTileRequest request = { { 0, 0, 0 }, TILE_SIZE, 1 };
  const CartoMvtFeature *feature;

  feature = carto_hit_test_find_feature (tile, layer_name, style, &request, x, y, tolerance);

  return feature != NULL && carto_mvt_feature_get_cartodb_id (feature, cartodb_id);
}

static void
pick_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WorkData *data = task_data;
  PickResult *pick = g_new0 (PickResult, 1);

  pick->found = hit_test (data->tile, data->layer_name, data->style,
                          data->x, data->y, data->tolerance, &pick->cartodb_id);
  g_task_return_pointer (task, pick, g_free);
}

static void
pick_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WorkData *data = g_task_get_task_data (task);
  g_autoptr(CartoLayergroup) layergroup = NULL;
  GError *error = NULL;

  data->tile = carto_layer_tile_loader_load_finish (CARTO_LAYER_TILE_LOADER (object), result, &layergroup, &error);
  if (data->tile == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->layer_name = g_strdup (carto_layergroup_get_mvt_layer_name (layergroup));
  g_task_run_in_thread (task, pick_thread);
}

/* GObject */

static void
carto_layer_painter_constructed (GObject *object)
{
  CartoLayerPainter *self = CARTO_LAYER_PAINTER (object);

  G_OBJECT_CLASS (carto_layer_painter_parent_class)->constructed (object);

  g_assert (CARTO_IS_LAYER_TILE_LOADER (self->loader));
  self->layer = g_object_ref (carto_layer_tile_loader_get_layer (self->loader));

  g_signal_connect_object (self->loader, "reset", G_CALLBACK (on_loader_reset_cb), self, 0);
  g_signal_connect_object (self->loader, "data-changed", G_CALLBACK (on_loader_data_changed_cb), self, 0);
  g_signal_connect_object (self->layer, "notify::style", G_CALLBACK (on_layer_style_notify_cb), self, 0);
}

static void
carto_layer_painter_dispose (GObject *object)
{
  CartoLayerPainter *self = CARTO_LAYER_PAINTER (object);

  g_clear_object (&self->loader);
  g_clear_object (&self->layer);

  G_OBJECT_CLASS (carto_layer_painter_parent_class)->dispose (object);
}

static void
carto_layer_painter_finalize (GObject *object)
{
  CartoLayerPainter *self = CARTO_LAYER_PAINTER (object);

  g_free (self->batch_error);
  g_free (self->error_before);

  G_OBJECT_CLASS (carto_layer_painter_parent_class)->finalize (object);
}

static void
carto_layer_painter_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CartoLayerPainter *self = CARTO_LAYER_PAINTER (object);

  switch (prop_id)
    {
    case PROP_LOADER:
      g_value_set_object (value, self->loader);
      break;
    case PROP_LAYER:
      g_value_set_object (value, self->layer);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_layer_painter_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CartoLayerPainter *self = CARTO_LAYER_PAINTER (object);

  switch (prop_id)
    {
    case PROP_LOADER:
      self->loader = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_layer_painter_class_init (CartoLayerPainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = carto_layer_painter_constructed;
  object_class->dispose = carto_layer_painter_dispose;
  object_class->finalize = carto_layer_painter_finalize;
  object_class->get_property = carto_layer_painter_get_property;
  object_class->set_property = carto_layer_painter_set_property;

  /**
   * CartoLayerPainter:loader:
   *
   * Where the painted tiles come from, decoded: the layer's map and the
   * caches.
   */
  properties[PROP_LOADER] =
    g_param_spec_object ("loader", NULL, NULL, CARTO_TYPE_LAYER_TILE_LOADER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayerPainter:layer:
   *
   * The layer painted: the loader's.
   */
  properties[PROP_LAYER] =
    g_param_spec_object ("layer", NULL, NULL, CARTO_TYPE_LAYER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_layer_painter_init (CartoLayerPainter *self)
{
}

/* Public API */

/**
 * carto_layer_painter_new:
 * @layer: the layer to paint
 * @session: the shared session
 *
 * A painter using the process-wide caches: decoded tiles in memory
 * (carto_tile_cache_get_default()) and raw tiles on disk
 * (carto_tile_disk_cache_get_default()). Create it, and use it, on the
 * main thread.
 *
 * Returns: (transfer full): a painter; hand it to the map widget as a
 *   #CartoTilePainter
 */
CartoLayerPainter *
carto_layer_painter_new (CartoLayer  *layer,
                         SoupSession *session)
{
  return carto_layer_painter_new_full (layer, session,
                                       carto_tile_cache_get_default (),
                                       carto_tile_disk_cache_get_default ());
}

/**
 * carto_layer_painter_new_full:
 * @layer: the layer to paint
 * @session: the shared session
 * @tile_cache: (nullable): where decoded tiles are kept; %NULL for the
 *   process-wide cache
 * @disk_cache: (nullable): where raw tiles are kept across runs; %NULL
 *   for none
 *
 * Returns: (transfer full): a painter
 */
CartoLayerPainter *
carto_layer_painter_new_full (CartoLayer         *layer,
                              SoupSession        *session,
                              CartoTileCache     *tile_cache,
                              CartoTileDiskCache *disk_cache)
{
  g_autoptr(CartoLayerTileLoader) loader = NULL;

  g_return_val_if_fail (CARTO_IS_LAYER (layer), NULL);
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (tile_cache == NULL || CARTO_IS_TILE_CACHE (tile_cache), NULL);
  g_return_val_if_fail (disk_cache == NULL || CARTO_IS_TILE_DISK_CACHE (disk_cache), NULL);

  loader = carto_layer_tile_loader_new (layer, session, tile_cache, disk_cache);
  return g_object_new (CARTO_TYPE_LAYER_PAINTER, "loader", loader, NULL);
}

/**
 * carto_layer_painter_get_layer:
 * @self: a painter
 *
 * Returns: (transfer none): the layer painted
 */
CartoLayer *
carto_layer_painter_get_layer (CartoLayerPainter *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER_PAINTER (self), NULL);

  return self->layer;
}

/**
 * carto_layer_painter_get_tile_cache:
 * @self: a painter
 *
 * Returns: (transfer none): where decoded tiles are kept
 */
CartoTileCache *
carto_layer_painter_get_tile_cache (CartoLayerPainter *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER_PAINTER (self), NULL);

  return carto_layer_tile_loader_get_tile_cache (self->loader);
}

/**
 * carto_layer_painter_get_disk_cache:
 * @self: a painter
 *
 * Returns: (transfer none) (nullable): where raw tiles are kept
 */
CartoTileDiskCache *
carto_layer_painter_get_disk_cache (CartoLayerPainter *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER_PAINTER (self), NULL);

  return carto_layer_tile_loader_get_disk_cache (self->loader);
}

/**
 * carto_layer_painter_get_layergroup:
 * @self: a painter
 *
 * Returns: (transfer none) (nullable): the map tiles come from, once
 *   instantiated (its estimated feature count and geometry type may
 *   interest the UI)
 */
CartoLayergroup *
carto_layer_painter_get_layergroup (CartoLayerPainter *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER_PAINTER (self), NULL);

  return carto_layer_tile_loader_get_layergroup (self->loader);
}

/**
 * carto_layer_painter_reload:
 * @self: a painter
 *
 * Forgets the map and any failure remembered (a "Retry" after an error),
 * then emits #CartoTilePainter::changed so tiles are painted again. Tiles
 * already decoded are reused if the server gives the same map back.
 */
void
carto_layer_painter_reload (CartoLayerPainter *self)
{
  g_return_if_fail (CARTO_IS_LAYER_PAINTER (self));

  carto_layer_tile_loader_reload (self->loader);
}

/**
 * carto_layer_painter_pick:
 * @self: a painter
 * @zoom: the zoom level of the tiles shown
 * @longitude: where the pointer is, degrees
 * @latitude: where the pointer is, degrees
 * @tolerance: logical pixels of slack around points and lines
 * @cartodb_id: (out) (optional): the feature's `cartodb_id`
 *
 * Finds the feature drawn at a position, using only tiles already decoded
 * in memory: cheap enough for hover on the main thread.
 *
 * Returns: whether a feature is there
 */
gboolean
carto_layer_painter_pick (CartoLayerPainter *self,
                          guint              zoom,
                          double             longitude,
                          double             latitude,
                          double             tolerance,
                          gint64            *cartodb_id)
{
  g_autoptr(CartoMvtTile) tile = NULL;
  CartoLayergroup *layergroup = NULL;
  CartoTileCoord coord;
  double x, y;
  gint64 id = 0;

  g_return_val_if_fail (CARTO_IS_LAYER_PAINTER (self), FALSE);
  g_return_val_if_fail (tolerance >= 0, FALSE);

  if (!locate (zoom, longitude, latitude, &coord, &x, &y))
    return FALSE;

  tile = carto_layer_tile_loader_lookup (self->loader, &coord, &layergroup);
  if (tile == NULL)
    return FALSE;

  if (!hit_test (tile, carto_layergroup_get_mvt_layer_name (layergroup), carto_layer_get_style (self->layer),
                 x, y, tolerance, &id))
    return FALSE;

  if (cartodb_id != NULL)
    *cartodb_id = id;
  return TRUE;
}

/**
 * carto_layer_painter_pick_async:
 * @self: a painter
 * @zoom: the zoom level of the tiles shown
 * @longitude: where the click was, degrees
 * @latitude: where the click was, degrees
 * @tolerance: logical pixels of slack around points and lines
 * @cancellable: (nullable): cancels the pick
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Finds the feature drawn at a position, loading its tile if needed,
 * and hit-testing in a worker thread (a z0 tile can hold 100 000 points).
 */
void
carto_layer_painter_pick_async (CartoLayerPainter   *self,
                                guint                zoom,
                                double               longitude,
                                double               latitude,
                                double               tolerance,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WorkData *data;

  g_return_if_fail (CARTO_IS_LAYER_PAINTER (self));
  g_return_if_fail (tolerance >= 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) pick_tag);

  data = g_new0 (WorkData, 1);
  data->style = g_object_ref (carto_layer_get_style (self->layer));
  data->request.tile_size = TILE_SIZE;
  data->request.scale_factor = 1;
  data->tolerance = tolerance;
  g_task_set_task_data (task, data, (GDestroyNotify) work_data_free);

  if (!locate (zoom, longitude, latitude, &data->request.coord, &data->x, &data->y))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "The position is not on the map");
      return;
    }

  carto_layer_tile_loader_load_async (self->loader, &data->request.coord, cancellable, pick_loaded_cb,
                                      g_steal_pointer (&task));
}

/**
 * carto_layer_painter_pick_finish:
 * @self: a painter
 * @result: the result passed to the callback
 * @found: (out): whether a feature is there
 * @cartodb_id: (out) (optional): the feature's `cartodb_id`, when found
 * @error: return location for a %CARTO_MAPS_ERROR or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE when the tile could be searched (whether or not a
 *   feature was found), %FALSE with @error set otherwise
 */
gboolean
carto_layer_painter_pick_finish (CartoLayerPainter  *self,
                                 GAsyncResult       *result,
                                 gboolean           *found,
                                 gint64             *cartodb_id,
                                 GError            **error)
{
  g_autofree PickResult *pick = NULL;

  g_return_val_if_fail (CARTO_IS_LAYER_PAINTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (found != NULL, FALSE);

  pick = g_task_propagate_pointer (G_TASK (result), error);
  *found = pick != NULL && pick->found;
  if (pick == NULL)
    return FALSE;

  if (pick->found && cartodb_id != NULL)
    *cartodb_id = pick->cartodb_id;
  return TRUE;
}
