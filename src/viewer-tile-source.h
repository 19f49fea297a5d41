/* viewer-tile-source.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <carto.h>
#include <shumate/shumate.h>

#include "viewer-tile-scheduler.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_TILE_SOURCE (viewer_tile_source_get_type ())
G_DECLARE_FINAL_TYPE (ViewerTileSource, viewer_tile_source, VIEWER, TILE_SOURCE, ShumateMapSource)

ViewerTileSource *viewer_tile_source_new              (CartoTilePainter *painter,
                                                       const char       *id,
                                                       guint             scale_factor);
CartoTilePainter *viewer_tile_source_get_painter      (ViewerTileSource *self);
guint             viewer_tile_source_get_scale_factor (ViewerTileSource *self);
guint             viewer_tile_source_get_n_pending    (ViewerTileSource *self);
guint             viewer_tile_source_get_n_requested  (ViewerTileSource *self);
guint             viewer_tile_source_get_n_painted    (ViewerTileSource *self);
void              viewer_tile_source_set_scheduler    (ViewerTileSource    *self,
                                                       ViewerTileScheduler *scheduler);

G_END_DECLS
