/* viewer-style-editor.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <carto.h>

G_BEGIN_DECLS

#define VIEWER_TYPE_STYLE_EDITOR (viewer_style_editor_get_type ())
G_DECLARE_FINAL_TYPE (ViewerStyleEditor, viewer_style_editor, VIEWER, STYLE_EDITOR, GtkPopover)

ViewerStyleEditor *viewer_style_editor_new          (CartoLayer        *layer);
CartoLayer        *viewer_style_editor_get_layer    (ViewerStyleEditor *self);
SoupSession       *viewer_style_editor_get_session  (ViewerStyleEditor *self);
void               viewer_style_editor_set_session  (ViewerStyleEditor *self,
                                                     SoupSession       *session);
gboolean           viewer_style_editor_get_busy     (ViewerStyleEditor *self);
const char        *viewer_style_editor_get_error    (ViewerStyleEditor *self);
void               viewer_style_editor_set_kind     (ViewerStyleEditor *self,
                                                     CartoStyleKind     kind);
gboolean           viewer_style_editor_set_column   (ViewerStyleEditor *self,
                                                     const char        *column);
gboolean           viewer_style_editor_set_palette  (ViewerStyleEditor *self,
                                                     const char        *palette);
void               viewer_style_editor_set_classes  (ViewerStyleEditor *self,
                                                     guint              n_classes,
                                                     CartoBinMethod     method);

char              *viewer_style_dup_description     (CartoStyle        *style);

G_END_DECLS
