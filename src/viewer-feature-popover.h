/* viewer-feature-popover.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <carto.h>
#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VIEWER_TYPE_FEATURE_POPOVER (viewer_feature_popover_get_type ())
G_DECLARE_FINAL_TYPE (ViewerFeaturePopover, viewer_feature_popover, VIEWER, FEATURE_POPOVER, GtkPopover)

ViewerFeaturePopover *viewer_feature_popover_new  (void);
void                  viewer_feature_popover_show (ViewerFeaturePopover *self,
                                                   SoupSession          *session,
                                                   CartoLayer           *layer,
                                                   gint64                cartodb_id);
void                  viewer_feature_popover_show_error (ViewerFeaturePopover *self,
                                                         CartoLayer           *layer,
                                                         const char           *message);
gboolean              viewer_feature_popover_is_loaded (ViewerFeaturePopover *self);

G_END_DECLS
