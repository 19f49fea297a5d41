/* viewer-window.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "viewer-context.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_WINDOW (viewer_window_get_type ())
G_DECLARE_FINAL_TYPE (ViewerWindow, viewer_window, VIEWER, WINDOW, AdwApplicationWindow)

ViewerWindow     *viewer_window_new            (AdwApplication *application,
                                                ViewerContext  *context);
ShumateSimpleMap *viewer_window_get_map        (ViewerWindow   *self);
CartoMap         *viewer_window_get_carto_map  (ViewerWindow   *self);
void              viewer_window_inspect_location (ViewerWindow *self,
                                                  double        latitude,
                                                  double        longitude);
GtkPopover       *viewer_window_get_feature_popover (ViewerWindow *self);
gboolean          viewer_window_hover_location   (ViewerWindow *self,
                                                  double        latitude,
                                                  double        longitude);
GdkTexture       *viewer_window_render_texture (ViewerWindow   *self);
gboolean          viewer_window_is_map_idle    (ViewerWindow   *self);
gboolean          viewer_window_is_view_painted (ViewerWindow  *self);

G_END_DECLS
