/* carto-vector-renderer.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <cairo.h>

#include "carto-mvt.h"
#include "carto-style.h"
#include "carto-tile-painter.h"

G_BEGIN_DECLS

void             carto_vector_renderer_render           (CartoMvtTile           *tile,
                                                         const char             *layer_name,
                                                         CartoStyle             *style,
                                                         const CartoTileRequest *request,
                                                         cairo_t                *cr);
cairo_surface_t *carto_vector_renderer_render_surface   (CartoMvtTile           *tile,
                                                         const char             *layer_name,
                                                         CartoStyle             *style,
                                                         const CartoTileRequest *request);
gboolean         carto_vector_renderer_render_highlight (CartoMvtTile           *tile,
                                                         const char             *layer_name,
                                                         CartoStyle             *style,
                                                         const CartoTileRequest *request,
                                                         gint64                  cartodb_id,
                                                         const CartoColor       *color,
                                                         cairo_t                *cr);

G_END_DECLS
