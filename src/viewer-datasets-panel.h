/* viewer-datasets-panel.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <carto.h>

#include "viewer-context.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_DATASETS_PANEL (viewer_datasets_panel_get_type ())
G_DECLARE_FINAL_TYPE (ViewerDatasetsPanel, viewer_datasets_panel, VIEWER, DATASETS_PANEL, GtkWidget)

ViewerDatasetsPanel *viewer_datasets_panel_new         (void);
ViewerContext       *viewer_datasets_panel_get_context (ViewerDatasetsPanel *self);
void                 viewer_datasets_panel_set_context (ViewerDatasetsPanel *self,
                                                        ViewerContext       *context);
CartoMap            *viewer_datasets_panel_get_map     (ViewerDatasetsPanel *self);
void                 viewer_datasets_panel_set_map     (ViewerDatasetsPanel *self,
                                                        CartoMap            *map);
CartoAccount        *viewer_datasets_panel_get_account (ViewerDatasetsPanel *self);
GListModel          *viewer_datasets_panel_get_datasets (ViewerDatasetsPanel *self);
const char          *viewer_datasets_panel_get_state   (ViewerDatasetsPanel *self);
void                 viewer_datasets_panel_reload      (ViewerDatasetsPanel *self);

G_END_DECLS
