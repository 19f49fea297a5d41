/* viewer-add-layer-dialog.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <carto.h>

G_BEGIN_DECLS

#define VIEWER_TYPE_ADD_LAYER_DIALOG (viewer_add_layer_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ViewerAddLayerDialog, viewer_add_layer_dialog, VIEWER, ADD_LAYER_DIALOG, AdwWindow)

ViewerAddLayerDialog *viewer_add_layer_dialog_new (GtkWindow            *parent,
                                                   CartoCredentialStore *store);

G_END_DECLS
