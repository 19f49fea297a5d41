/* viewer-window.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viewer-context.h"
#include "viewer-map-view.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_WINDOW (viewer_window_get_type ())
G_DECLARE_FINAL_TYPE (ViewerWindow, viewer_window, VIEWER, WINDOW, AdwApplicationWindow)

ViewerWindow  *viewer_window_new          (AdwApplication *application,
                                           ViewerContext  *context);
CartoMap      *viewer_window_get_map      (ViewerWindow   *self);
ViewerMapView *viewer_window_get_map_view (ViewerWindow   *self);

G_END_DECLS
