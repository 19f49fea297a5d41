/* viewer-recent-maps.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * VIEWER_RECENT_MAPS_ACTION:
 *
 * The window action the Open Recent items activate; its parameter is the
 * map's URI (`s`).
 */
#define VIEWER_RECENT_MAPS_ACTION "win.open-recent"

/**
 * VIEWER_RECENT_MAPS_MAX:
 *
 * How many recent maps the menu lists.
 */
#define VIEWER_RECENT_MAPS_MAX 10

#define VIEWER_TYPE_RECENT_MAPS (viewer_recent_maps_get_type ())
G_DECLARE_FINAL_TYPE (ViewerRecentMaps, viewer_recent_maps, VIEWER, RECENT_MAPS, GObject)

ViewerRecentMaps *viewer_recent_maps_new      (GtkRecentManager *manager);
GMenuModel       *viewer_recent_maps_get_menu (ViewerRecentMaps *self);
void              viewer_recent_maps_add      (ViewerRecentMaps *self,
                                               GFile            *file);

G_END_DECLS
