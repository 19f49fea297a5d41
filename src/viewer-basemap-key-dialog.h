/* viewer-basemap-key-dialog.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VIEWER_TYPE_BASEMAP_KEY_DIALOG (viewer_basemap_key_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ViewerBasemapKeyDialog, viewer_basemap_key_dialog, VIEWER, BASEMAP_KEY_DIALOG, AdwMessageDialog)

ViewerBasemapKeyDialog *viewer_basemap_key_dialog_new (GtkWindow *parent,
                                                       gboolean   has_key);

G_END_DECLS
