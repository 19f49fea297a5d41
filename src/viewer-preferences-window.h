/* viewer-preferences-window.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viewer-context.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_PREFERENCES_WINDOW (viewer_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (ViewerPreferencesWindow, viewer_preferences_window, VIEWER, PREFERENCES_WINDOW, AdwPreferencesWindow)

ViewerPreferencesWindow *viewer_preferences_window_new     (GtkWindow     *parent,
                                                            ViewerContext *context);
ViewerPreferencesWindow *viewer_preferences_window_present (GtkWindow     *parent,
                                                            ViewerContext *context);

G_END_DECLS
