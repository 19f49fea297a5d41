/* viewer-map-view.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <carto.h>
#include <shumate/shumate.h>

#include "viewer-context.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_MAP_VIEW (viewer_map_view_get_type ())
G_DECLARE_FINAL_TYPE (ViewerMapView, viewer_map_view, VIEWER, MAP_VIEW, GtkWidget)

ViewerMapView    *viewer_map_view_new                 (void);
ViewerContext    *viewer_map_view_get_context         (ViewerMapView *self);
void              viewer_map_view_set_context         (ViewerMapView *self,
                                                       ViewerContext *context);
CartoMap         *viewer_map_view_get_map             (ViewerMapView *self);
void              viewer_map_view_set_map             (ViewerMapView *self,
                                                       CartoMap      *map);
ShumateSimpleMap *viewer_map_view_get_simple_map      (ViewerMapView *self);
void              viewer_map_view_zoom_in             (ViewerMapView *self);
void              viewer_map_view_zoom_out            (ViewerMapView *self);
void              viewer_map_view_inspect_location    (ViewerMapView *self,
                                                       double         latitude,
                                                       double         longitude);
gboolean          viewer_map_view_hover_location      (ViewerMapView *self,
                                                       double         latitude,
                                                       double         longitude);
GtkPopover       *viewer_map_view_get_feature_popover (ViewerMapView *self);
gboolean          viewer_map_view_is_idle             (ViewerMapView *self);
gboolean          viewer_map_view_is_view_painted     (ViewerMapView *self);

G_END_DECLS
