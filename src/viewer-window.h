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

/**
 * ViewerWindowCloseAnswer:
 * @VIEWER_WINDOW_KEEP_OPEN: the person cancelled, or the save failed
 * @VIEWER_WINDOW_CLOSE: nothing is lost: no unsaved changes, or saved
 * @VIEWER_WINDOW_CLOSE_DISCARDING: the unsaved changes are thrown away
 *
 * Whether a window may close (viewer_window_confirm_close_async()).
 */
typedef enum
{
  VIEWER_WINDOW_KEEP_OPEN,
  VIEWER_WINDOW_CLOSE,
  VIEWER_WINDOW_CLOSE_DISCARDING,
} ViewerWindowCloseAnswer;

#define VIEWER_TYPE_WINDOW (viewer_window_get_type ())
G_DECLARE_FINAL_TYPE (ViewerWindow, viewer_window, VIEWER, WINDOW, AdwApplicationWindow)

ViewerWindow      *viewer_window_new                   (AdwApplication      *application,
                                                        ViewerContext       *context);
ViewerWindow      *viewer_window_new_for_document      (AdwApplication      *application,
                                                        ViewerContext       *context,
                                                        CartoMapDocument    *document);
CartoMapDocument  *viewer_window_get_document          (ViewerWindow        *self);
void               viewer_window_set_document          (ViewerWindow        *self,
                                                        CartoMapDocument    *document);
gboolean           viewer_window_get_pristine          (ViewerWindow        *self);
gboolean           viewer_window_get_opening           (ViewerWindow        *self);
gboolean           viewer_window_get_changes_discarded (ViewerWindow        *self);
void               viewer_window_open_file             (ViewerWindow        *self,
                                                        GFile               *file);
void               viewer_window_confirm_close_async   (ViewerWindow        *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
ViewerWindowCloseAnswer viewer_window_confirm_close_finish (ViewerWindow    *self,
                                                        GAsyncResult        *result);
CartoMap          *viewer_window_get_map               (ViewerWindow        *self);
ViewerMapView     *viewer_window_get_map_view          (ViewerWindow        *self);

G_END_DECLS
