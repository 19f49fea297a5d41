/* carto-highlight-painter.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include "carto-layer-painter.h"
#include "carto-tile-painter.h"

G_BEGIN_DECLS

#define CARTO_TYPE_HIGHLIGHT_PAINTER (carto_highlight_painter_get_type ())
G_DECLARE_FINAL_TYPE (CartoHighlightPainter, carto_highlight_painter, CARTO, HIGHLIGHT_PAINTER, GObject)

CartoHighlightPainter *carto_highlight_painter_new         (void);
void                   carto_highlight_painter_set_feature (CartoHighlightPainter *self,
                                                            CartoLayerPainter     *painter,
                                                            gint64                 cartodb_id);
gint64                 carto_highlight_painter_get_feature (CartoHighlightPainter *self);

G_END_DECLS
