/* viewer-tile-scheduler.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tiles on screen first, the map's margin after. libshumate 1.0 asks for
 * a tile more than the view on every side (at zoom 3 in a 1280×800
 * window, 42 tiles per layer where 20 show), all at once. Each CARTO tile
 * is a query the server runs and a download the connection limit queues,
 * so the tiles nobody sees yet would take the server's time from those on
 * screen. Tiles off screen wait here until no tile on screen is loading,
 * in any layer of the window; a pan that brings one into view starts it
 * at once.
 */

#include "config.h"

#include <math.h>

#include "viewer-tile-scheduler.h"

typedef struct
{
  GTask *task;
  ShumateMapSource *source;
  CartoTileCoord coord;
  ViewerTileJobFunc start;
} Job;

struct _ViewerTileScheduler
{
  GObject parent_instance;

  ShumateMap *map;               /* weak */
  ShumateViewport *viewport;
  gulong viewport_handler;
  GPtrArray *waiting;            /* Job */
  guint n_on_screen;
  guint release_id;
  gboolean releasing;
};

G_DEFINE_FINAL_TYPE (ViewerTileScheduler, viewer_tile_scheduler, G_TYPE_OBJECT)

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_clear_object (&job->source);
  g_free (job);
}

/* Does the tile at @x, @y (in tiles, unwrapped) overlap [lo, hi] (in
 * pixels at the tile's zoom) here or one world away? */
static gboolean
span_overlaps (double tile,
               double size,
               double n_tiles,
               double lo,
               double hi)
{
  for (int k = -1; k <= 1; k++)
    {
      double start = (tile + k * n_tiles) * size;

      if (start < hi && start + size > lo)
        return TRUE;
    }

  return FALSE;
}

/**
 * viewer_tile_scheduler_is_on_screen:
 * @self: a scheduler
 * @source: the source the tile belongs to (for its projection)
 * @coord: a tile
 *
 * Returns: whether any of @coord shows in the map widget now; %TRUE when
 *   that cannot be told (no size yet, another zoom level)
 */
gboolean
viewer_tile_scheduler_is_on_screen (ViewerTileScheduler  *self,
                                    ShumateMapSource     *source,
                                    const CartoTileCoord *coord)
{
  double zoom, scale, rotation, half_w, half_h, cx, cy, size, n_tiles;
  int width, height;

  g_return_val_if_fail (VIEWER_IS_TILE_SCHEDULER (self), TRUE);
  g_return_val_if_fail (coord != NULL, TRUE);

  if (self->map == NULL)
    return TRUE;
  width = gtk_widget_get_width (GTK_WIDGET (self->map));
  height = gtk_widget_get_height (GTK_WIDGET (self->map));
  zoom = shumate_viewport_get_zoom_level (self->viewport);
  if (width <= 0 || height <= 0 || coord->zoom != (guint) zoom)
    return TRUE;

  /* At a fractional zoom the tiles of the level below are drawn larger,
   * so fewer of them cover the widget. */
  scale = exp2 (zoom - coord->zoom);
  rotation = shumate_viewport_get_rotation (self->viewport);
  half_w = (fabs (cos (rotation)) * width + fabs (sin (rotation)) * height) / 2.0 / scale;
  half_h = (fabs (sin (rotation)) * width + fabs (cos (rotation)) * height) / 2.0 / scale;
  cx = shumate_map_source_get_x (source, coord->zoom,
                                 shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)));
  cy = shumate_map_source_get_y (source, coord->zoom,
                                 shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)));
  size = shumate_map_source_get_tile_size (source);
  n_tiles = exp2 (coord->zoom);

  return span_overlaps (coord->x, size, n_tiles, cx - half_w, cx + half_w) &&
         span_overlaps (coord->y, size, n_tiles, cy - half_h, cy + half_h);
}

static gboolean
is_cancelled (Job *job)
{
  return g_cancellable_is_cancelled (g_task_get_cancellable (job->task));
}

/* Squared distance, in tiles, from the view's centre to @job's tile. */
static double
distance_to_centre (ViewerTileScheduler *self,
                    Job                 *job)
{
  double size = shumate_map_source_get_tile_size (job->source);
  double cx = shumate_map_source_get_x (job->source, job->coord.zoom,
                                        shumate_location_get_longitude (SHUMATE_LOCATION (self->viewport)));
  double cy = shumate_map_source_get_y (job->source, job->coord.zoom,
                                        shumate_location_get_latitude (SHUMATE_LOCATION (self->viewport)));
  double n_tiles = exp2 (job->coord.zoom);
  double dx = fabs (job->coord.x + 0.5 - cx / size);
  double dy = job->coord.y + 0.5 - cy / size;

  dx = MIN (dx, n_tiles - dx);
  return dx * dx + dy * dy;
}

static int
compare_by_distance (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  double da = distance_to_centre (user_data, *(Job **) a);
  double db = distance_to_centre (user_data, *(Job **) b);

  return (da > db) - (da < db);
}

static void
start_job (ViewerTileScheduler *self,
           Job                 *job,
           gboolean             on_screen)
{
  if (on_screen)
    self->n_on_screen++;
  job->start (job->task, on_screen);
}

/* Starts the waiting jobs that are now on screen (or were cancelled);
 * with @all, every waiting job, nearest the centre first. */
static void
release (ViewerTileScheduler *self,
         gboolean             all)
{
  g_autoptr(GPtrArray) ready = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);

  /* Starting a job may complete it and release again: one pass at a
   * time, over a list taken out of self->waiting first. */
  if (self->releasing)
    return;
  self->releasing = TRUE;

  for (guint i = 0; i < self->waiting->len;)
    {
      Job *job = g_ptr_array_index (self->waiting, i);

      if (all || is_cancelled (job) || viewer_tile_scheduler_is_on_screen (self, job->source, &job->coord))
        g_ptr_array_add (ready, g_ptr_array_steal_index (self->waiting, i));
      else
        i++;
    }

  g_ptr_array_sort_with_data (ready, compare_by_distance, self);
  for (guint i = 0; i < ready->len; i++)
    {
      Job *job = g_ptr_array_index (ready, i);

      start_job (self, job, !is_cancelled (job) &&
                            viewer_tile_scheduler_is_on_screen (self, job->source, &job->coord));
    }

  self->releasing = FALSE;
  if (self->n_on_screen == 0 && self->waiting->len > 0)
    release (self, TRUE);
}

/* libshumate asks for a layer's whole grid in one go, the margin first:
 * whether any of it is on screen is known once that call is over. */
static gboolean
release_if_idle_cb (gpointer data)
{
  ViewerTileScheduler *self = data;

  self->release_id = 0;
  if (self->n_on_screen == 0)
    release (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_viewport_notify_cb (ShumateViewport     *viewport,
                       GParamSpec          *pspec,
                       ViewerTileScheduler *self)
{
  if (self->waiting->len > 0)
    release (self, FALSE);
}

static void
viewer_tile_scheduler_dispose (GObject *object)
{
  ViewerTileScheduler *self = VIEWER_TILE_SCHEDULER (object);

  /* Nobody will start them now: start them all, so every task returns. */
  if (self->waiting != NULL && self->waiting->len > 0)
    release (self, TRUE);
  g_clear_handle_id (&self->release_id, g_source_remove);
  if (self->viewport != NULL)
    g_clear_signal_handler (&self->viewport_handler, self->viewport);
  g_clear_object (&self->viewport);
  g_clear_weak_pointer (&self->map);

  G_OBJECT_CLASS (viewer_tile_scheduler_parent_class)->dispose (object);
}

static void
viewer_tile_scheduler_finalize (GObject *object)
{
  ViewerTileScheduler *self = VIEWER_TILE_SCHEDULER (object);

  g_ptr_array_unref (self->waiting);

  G_OBJECT_CLASS (viewer_tile_scheduler_parent_class)->finalize (object);
}

static void
viewer_tile_scheduler_class_init (ViewerTileSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = viewer_tile_scheduler_dispose;
  object_class->finalize = viewer_tile_scheduler_finalize;
}

static void
viewer_tile_scheduler_init (ViewerTileScheduler *self)
{
  self->waiting = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
}

/**
 * viewer_tile_scheduler_new:
 * @map: the map whose widget decides what is on screen
 *
 * Returns: (transfer full): a scheduler for the tiles of @map's layers
 */
ViewerTileScheduler *
viewer_tile_scheduler_new (ShumateMap *map)
{
  ViewerTileScheduler *self;

  g_return_val_if_fail (SHUMATE_IS_MAP (map), NULL);

  self = g_object_new (VIEWER_TYPE_TILE_SCHEDULER, NULL);
  g_set_weak_pointer (&self->map, map);
  self->viewport = g_object_ref (shumate_map_get_viewport (map));
  self->viewport_handler = g_signal_connect (self->viewport, "notify",
                                             G_CALLBACK (on_viewport_notify_cb), self);
  return self;
}

/**
 * viewer_tile_scheduler_add:
 * @self: a scheduler
 * @source: the source @task fills a tile of
 * @coord: the tile
 * @task: the work, handed to @start
 * @start: starts the work: now if the tile is on screen, else once no
 *   tile on screen is loading or the tile comes into view
 */
void
viewer_tile_scheduler_add (ViewerTileScheduler  *self,
                           ShumateMapSource     *source,
                           const CartoTileCoord *coord,
                           GTask                *task,
                           ViewerTileJobFunc     start)
{
  Job *job;

  g_return_if_fail (VIEWER_IS_TILE_SCHEDULER (self));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (start != NULL);

  job = g_new0 (Job, 1);
  job->task = g_object_ref (task);
  job->source = g_object_ref (source);
  job->coord = *coord;
  job->start = start;

  if (viewer_tile_scheduler_is_on_screen (self, source, coord))
    {
      start_job (self, job, TRUE);
      job_free (job);
      return;
    }

  g_ptr_array_add (self->waiting, job);
  if (self->n_on_screen == 0 && self->release_id == 0)
    self->release_id = g_idle_add (release_if_idle_cb, self);
}

/**
 * viewer_tile_scheduler_done:
 * @self: a scheduler
 *
 * A job started on screen has ended. When it was the last one, the jobs
 * waiting off screen start.
 */
void
viewer_tile_scheduler_done (ViewerTileScheduler *self)
{
  g_return_if_fail (VIEWER_IS_TILE_SCHEDULER (self));
  g_return_if_fail (self->n_on_screen > 0);

  self->n_on_screen--;
  if (self->n_on_screen == 0 && self->waiting->len > 0)
    release (self, TRUE);
}

/**
 * viewer_tile_scheduler_get_n_on_screen:
 * @self: a scheduler
 *
 * Returns: how many tiles that were on screen when they started are
 *   still loading; 0 once the view is painted
 */
guint
viewer_tile_scheduler_get_n_on_screen (ViewerTileScheduler *self)
{
  g_return_val_if_fail (VIEWER_IS_TILE_SCHEDULER (self), 0);

  return self->n_on_screen;
}

/**
 * viewer_tile_scheduler_get_n_waiting:
 * @self: a scheduler
 *
 * Returns: how many tiles off screen wait for those on screen
 */
guint
viewer_tile_scheduler_get_n_waiting (ViewerTileScheduler *self)
{
  g_return_val_if_fail (VIEWER_IS_TILE_SCHEDULER (self), 0);

  return self->waiting->len;
}
