/* viewer-tile-source.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The glue between libcarto's tile painters and libshumate: a
 * ShumateMapSource whose tiles are painted (off the main thread) by a
 * CartoTilePainter and handed to the tile as a ViewerTilePaintable. The embedded
 * basemap and CARTO vector layers both go through here.
 *
 * libshumate 1.0 has no per-tile scale factor, so the source is created for
 * the widget's scale factor and replaced when it changes. Tiles are cached
 * by libshumate under the source id, so the id must change whenever the
 * pixels would (see ViewerWindow).
 */

#include "config.h"

#include <gtk/gtk.h>

#include "viewer-renderer.h"
#include "viewer-tile-paintable.h"
#include "viewer-tile-source.h"

struct _ViewerTileSource
{
  ShumateMapSource parent_instance;

  CartoTilePainter *painter;
  ViewerTileScheduler *scheduler;
  guint scale_factor;
  /* Tiles asked for and not filled yet (waiting or being painted):
   * libshumate 1.0's map never reports its state. */
  guint n_pending;
  guint n_requested;
  guint n_painted;
};

typedef struct
{
  ShumateTile *tile;
  CartoTileRequest request;
  gboolean on_screen;
} FillData;

G_DEFINE_FINAL_TYPE (ViewerTileSource, viewer_tile_source, SHUMATE_TYPE_MAP_SOURCE)

enum {
  SETTLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char fill_tag[] = "viewer_tile_source_fill_tile_async";

static void
fill_data_free (FillData *data)
{
  g_clear_object (&data->tile);
  g_free (data);
}

static void
end_fill (ViewerTileSource *self,
          FillData         *data)
{
  self->n_pending--;
  if (data->on_screen)
    viewer_tile_scheduler_done (self->scheduler);
}

static void
paint_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ViewerTilePaintable) paintable = NULL;
  FillData *data = g_task_get_task_data (task);
  ShumateTile *tile = data->tile;
  ViewerTileSource *self = g_task_get_source_object (task);
  cairo_surface_t *surface;

  end_fill (self, data);
  surface = carto_tile_painter_paint_finish (CARTO_TILE_PAINTER (source), result, &error);

  /* A tile cancelled while it was painted must stay untouched: libshumate
   * may already have reused it. */
  if (surface == NULL || g_task_return_error_if_cancelled (task))
    {
      g_clear_pointer (&surface, cairo_surface_destroy);
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  paintable = viewer_tile_paintable_new (surface, viewer_renderer_draws_with_cairo ());
  cairo_surface_destroy (surface);

  shumate_tile_set_paintable (tile, GDK_PAINTABLE (paintable));
  shumate_tile_set_fade_in (tile, FALSE);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  self->n_painted++;
  g_task_return_boolean (task, TRUE);

  if (self->n_pending == 0)
    g_signal_emit (self, signals[SETTLED], 0);
}

/* Called now, or by the scheduler once the tiles on screen are done. */
static void
start_fill (GTask    *task,
            gboolean  on_screen)
{
  ViewerTileSource *self = g_task_get_source_object (task);
  FillData *data = g_task_get_task_data (task);

  data->on_screen = on_screen;
  if (g_task_return_error_if_cancelled (task))
    {
      end_fill (self, data);
      return;
    }

  shumate_tile_set_state (data->tile, SHUMATE_STATE_LOADING);
  carto_tile_painter_paint_async (self->painter, &data->request, g_task_get_cancellable (task),
                                  paint_cb, g_object_ref (task));
}

static void
viewer_tile_source_fill_tile_async (ShumateMapSource    *source,
                                    ShumateTile         *tile,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  ViewerTileSource *self = VIEWER_TILE_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  FillData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) fill_tag);
  data = g_new0 (FillData, 1);
  data->tile = g_object_ref (tile);
  g_task_set_task_data (task, data, (GDestroyNotify) fill_data_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  data->request.coord.zoom = shumate_tile_get_zoom_level (tile);
  data->request.coord.x = shumate_tile_get_x (tile);
  data->request.coord.y = shumate_tile_get_y (tile);
  data->request.tile_size = shumate_map_source_get_tile_size (source);
  data->request.scale_factor = self->scale_factor;

  if (!carto_tile_coord_is_valid (&data->request.coord))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "Tile %u/%u/%u is outside the map",
                               data->request.coord.zoom, data->request.coord.x, data->request.coord.y);
      return;
    }

  self->n_pending++;
  self->n_requested++;
  if (self->scheduler != NULL)
    viewer_tile_scheduler_add (self->scheduler, source, &data->request.coord, task, start_fill);
  else
    start_fill (task, FALSE);
}

static gboolean
viewer_tile_source_fill_tile_finish (ShumateMapSource *source,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
viewer_tile_source_dispose (GObject *object)
{
  ViewerTileSource *self = VIEWER_TILE_SOURCE (object);

  g_clear_object (&self->painter);
  g_clear_object (&self->scheduler);

  G_OBJECT_CLASS (viewer_tile_source_parent_class)->dispose (object);
}

static void
viewer_tile_source_class_init (ViewerTileSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->dispose = viewer_tile_source_dispose;

  /**
   * ViewerTileSource::settled:
   *
   * A tile was painted and none is being painted any more: what the map
   * asked for so far is on screen.
   */
  signals[SETTLED] = g_signal_new ("settled",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);

  source_class->fill_tile_async = viewer_tile_source_fill_tile_async;
  source_class->fill_tile_finish = viewer_tile_source_fill_tile_finish;
}

static void
viewer_tile_source_init (ViewerTileSource *self)
{
  self->scale_factor = 1;
}

/**
 * viewer_tile_source_new:
 * @painter: paints the tiles
 * @id: unique among sources, and different whenever the pixels differ
 *   (libshumate caches tiles under it)
 * @scale_factor: the map widget's scale factor
 *
 * Returns: (transfer full): a map source for @painter; set its name and
 *   licence with the ShumateMapSource setters
 */
ViewerTileSource *
viewer_tile_source_new (CartoTilePainter *painter,
                        const char       *id,
                        guint             scale_factor)
{
  ViewerTileSource *self;

  g_return_val_if_fail (CARTO_IS_TILE_PAINTER (painter), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (VIEWER_TYPE_TILE_SOURCE,
                       "id", id,
                       "tile-size", 256,
                       "min-zoom-level", 0,
                       "max-zoom-level", 20,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
  self->painter = g_object_ref (painter);
  self->scale_factor = MAX (scale_factor, 1);

  return self;
}

/**
 * viewer_tile_source_set_scheduler:
 * @self: a source
 * @scheduler: (nullable): decides when each tile starts; %NULL: at once
 *
 * Set before the source is given to a map layer.
 */
void
viewer_tile_source_set_scheduler (ViewerTileSource    *self,
                                  ViewerTileScheduler *scheduler)
{
  g_return_if_fail (VIEWER_IS_TILE_SOURCE (self));
  g_return_if_fail (scheduler == NULL || VIEWER_IS_TILE_SCHEDULER (scheduler));
  g_return_if_fail (self->n_pending == 0);

  g_set_object (&self->scheduler, scheduler);
}

/**
 * viewer_tile_source_get_n_painted:
 * @self: a source
 *
 * Returns: how many tiles this source has painted so far
 */
guint
viewer_tile_source_get_n_painted (ViewerTileSource *self)
{
  g_return_val_if_fail (VIEWER_IS_TILE_SOURCE (self), 0);

  return self->n_painted;
}

/**
 * viewer_tile_source_get_n_requested:
 * @self: a source
 *
 * Returns: how many tiles the map has asked this source for so far
 */
guint
viewer_tile_source_get_n_requested (ViewerTileSource *self)
{
  g_return_val_if_fail (VIEWER_IS_TILE_SOURCE (self), 0);

  return self->n_requested;
}

/**
 * viewer_tile_source_get_painter:
 * @self: a source
 *
 * Returns: (transfer none): the painter
 */
CartoTilePainter *
viewer_tile_source_get_painter (ViewerTileSource *self)
{
  g_return_val_if_fail (VIEWER_IS_TILE_SOURCE (self), NULL);

  return self->painter;
}

/**
 * viewer_tile_source_get_scale_factor:
 * @self: a source
 *
 * Returns: the scale factor tiles are painted at
 */
guint
viewer_tile_source_get_scale_factor (ViewerTileSource *self)
{
  g_return_val_if_fail (VIEWER_IS_TILE_SOURCE (self), 1);

  return self->scale_factor;
}

/**
 * viewer_tile_source_get_n_pending:
 * @self: a source
 *
 * Returns: how many tiles were asked for and are not filled yet,
 *   waiting for their turn or being painted
 */
guint
viewer_tile_source_get_n_pending (ViewerTileSource *self)
{
  g_return_val_if_fail (VIEWER_IS_TILE_SOURCE (self), 0);

  return self->n_pending;
}
