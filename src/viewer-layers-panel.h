/* viewer-layers-panel.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <carto.h>

#include "viewer-context.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_LAYERS_PANEL (viewer_layers_panel_get_type ())
G_DECLARE_FINAL_TYPE (ViewerLayersPanel, viewer_layers_panel, VIEWER, LAYERS_PANEL, GtkWidget)

ViewerContext *viewer_layers_panel_get_context (ViewerLayersPanel *self);
void           viewer_layers_panel_set_context (ViewerLayersPanel *self,
                                                ViewerContext     *context);
CartoMap      *viewer_layers_panel_get_map     (ViewerLayersPanel *self);
void           viewer_layers_panel_set_map     (ViewerLayersPanel *self,
                                                CartoMap          *map);

G_END_DECLS
