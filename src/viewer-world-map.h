/* viewer-world-map.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <carto.h>

#include "viewer-tile-source.h"

G_BEGIN_DECLS

CartoWorldPainter *viewer_world_painter_new    (void);
ViewerTileSource  *viewer_world_map_source_new (CartoWorldPainter *painter,
                                                const char        *id,
                                                guint              scale_factor);

G_END_DECLS
