/* viewer-world-map.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <carto.h>
#include <shumate/shumate.h>

#include "viewer-tile-source.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_WORLD_MAP (viewer_world_map_get_type ())
G_DECLARE_FINAL_TYPE (ViewerWorldMap, viewer_world_map, VIEWER, WORLD_MAP, GObject)

ViewerWorldMap   *viewer_world_map_new        (ShumateSimpleMap *map);
ViewerTileSource *viewer_world_map_get_source (ViewerWorldMap   *self);
ShumateLayer     *viewer_world_map_get_layer  (ViewerWorldMap   *self);

G_END_DECLS
