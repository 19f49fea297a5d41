/* viewer-rename-popover.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VIEWER_TYPE_RENAME_POPOVER (viewer_rename_popover_get_type ())
G_DECLARE_FINAL_TYPE (ViewerRenamePopover, viewer_rename_popover, VIEWER, RENAME_POPOVER, GtkPopover)

ViewerRenamePopover *viewer_rename_popover_new         (const char          *heading);
void                 viewer_rename_popover_popup_with  (ViewerRenamePopover *self,
                                                        const char          *text);
GtkEditable         *viewer_rename_popover_get_entry   (ViewerRenamePopover *self);

G_END_DECLS
