/* viewer-wrap-box.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VIEWER_TYPE_WRAP_BOX (viewer_wrap_box_get_type ())
G_DECLARE_FINAL_TYPE (ViewerWrapBox, viewer_wrap_box, VIEWER, WRAP_BOX, GtkWidget)

GtkWidget *viewer_wrap_box_new (void);

G_END_DECLS
