/* viewer-tile-scheduler.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <carto.h>
#include <shumate/shumate.h>

G_BEGIN_DECLS

/* Starts one tile's work; @on_screen says whether the tile was visible
 * when it started (then viewer_tile_scheduler_done() must follow). A job
 * whose task was cancelled while it waited is started too, so that it can
 * return its cancellation. */
typedef void (*ViewerTileJobFunc) (GTask    *task,
                                   gboolean  on_screen);

#define VIEWER_TYPE_TILE_SCHEDULER (viewer_tile_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (ViewerTileScheduler, viewer_tile_scheduler, VIEWER, TILE_SCHEDULER, GObject)

ViewerTileScheduler *viewer_tile_scheduler_new          (ShumateMap          *map);
gboolean             viewer_tile_scheduler_is_on_screen (ViewerTileScheduler *self,
                                                         ShumateMapSource    *source,
                                                         const CartoTileCoord *coord);
void                 viewer_tile_scheduler_add          (ViewerTileScheduler *self,
                                                         ShumateMapSource    *source,
                                                         const CartoTileCoord *coord,
                                                         GTask               *task,
                                                         ViewerTileJobFunc    start);
void                 viewer_tile_scheduler_done         (ViewerTileScheduler *self);
guint                viewer_tile_scheduler_get_n_on_screen (ViewerTileScheduler *self);
guint                viewer_tile_scheduler_get_n_waiting   (ViewerTileScheduler *self);

G_END_DECLS
