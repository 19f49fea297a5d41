/* viewer-map-dialogs.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * ViewerSaveChangesResponse:
 * @VIEWER_SAVE_CHANGES_CANCEL: keep the window open, change nothing
 * @VIEWER_SAVE_CHANGES_DISCARD: close, and lose the unsaved changes
 * @VIEWER_SAVE_CHANGES_SAVE: save (Save As for an untitled map), then close
 *
 * What the person answered when asked about unsaved changes.
 */
typedef enum
{
  VIEWER_SAVE_CHANGES_CANCEL,
  VIEWER_SAVE_CHANGES_DISCARD,
  VIEWER_SAVE_CHANGES_SAVE,
} ViewerSaveChangesResponse;

void                      viewer_map_dialogs_choose_open_async   (GtkWindow            *parent,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
GPtrArray                *viewer_map_dialogs_choose_open_finish  (GAsyncResult         *result,
                                                                  GError              **error);
void                      viewer_map_dialogs_choose_save_async   (GtkWindow            *parent,
                                                                  const char           *title,
                                                                  GFile                *current,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
GFile                    *viewer_map_dialogs_choose_save_finish  (GAsyncResult         *result,
                                                                  GError              **error);
void                      viewer_map_dialogs_ask_save_changes_async  (GtkWindow            *parent,
                                                                      const char           *title,
                                                                      GCancellable         *cancellable,
                                                                      GAsyncReadyCallback   callback,
                                                                      gpointer              user_data);
ViewerSaveChangesResponse viewer_map_dialogs_ask_save_changes_finish (GAsyncResult         *result);
GtkWindow                *viewer_map_dialogs_show_error          (GtkWindow            *parent,
                                                                  GFile                *file,
                                                                  gboolean              saving,
                                                                  const GError         *error);

G_END_DECLS
