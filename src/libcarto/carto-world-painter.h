/* carto-world-painter.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include "carto-tile-painter.h"
#include "carto-topojson.h"

G_BEGIN_DECLS

#define CARTO_TYPE_WORLD_PAINTER (carto_world_painter_get_type ())
G_DECLARE_FINAL_TYPE (CartoWorldPainter, carto_world_painter, CARTO, WORLD_PAINTER, GObject)

CartoWorldPainter *carto_world_painter_new      (GBytes            *topojson);
gboolean           carto_world_painter_get_dark (CartoWorldPainter *self);
void               carto_world_painter_set_dark (CartoWorldPainter *self,
                                                 gboolean           dark);

G_END_DECLS
