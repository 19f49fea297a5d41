/* viewer-layer-row.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <carto.h>

#include "viewer-context.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_LAYER_ROW (viewer_layer_row_get_type ())
G_DECLARE_FINAL_TYPE (ViewerLayerRow, viewer_layer_row, VIEWER, LAYER_ROW, AdwExpanderRow)

ViewerLayerRow *viewer_layer_row_new          (CartoLayer     *layer,
                                               CartoMap       *map,
                                               ViewerContext  *context);
CartoLayer     *viewer_layer_row_get_layer    (ViewerLayerRow *self);
CartoMap       *viewer_layer_row_get_map      (ViewerLayerRow *self);
ViewerContext  *viewer_layer_row_get_context  (ViewerLayerRow *self);
gboolean        viewer_layer_row_get_busy     (ViewerLayerRow *self);

G_END_DECLS
