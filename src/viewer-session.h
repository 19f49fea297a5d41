/* viewer-session.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <carto.h>

G_BEGIN_DECLS

/**
 * VIEWER_SESSION_SAVE_DELAY_MS:
 *
 * How long after a change the session is written: changes within it
 * (every frame of a pan) make one write.
 */
#define VIEWER_SESSION_SAVE_DELAY_MS 1000

#define VIEWER_TYPE_SESSION (viewer_session_get_type ())
G_DECLARE_FINAL_TYPE (ViewerSession, viewer_session, VIEWER, SESSION, GObject)

ViewerSession *viewer_session_new              (GFile                *file);
GFile         *viewer_session_dup_default_file (void);
GFile         *viewer_session_get_file         (ViewerSession        *self);
void           viewer_session_restore_async    (ViewerSession        *self,
                                                CartoCredentialStore *store,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GPtrArray     *viewer_session_restore_finish   (ViewerSession        *self,
                                                GAsyncResult         *result,
                                                GError              **error);
GFile         *viewer_session_dup_kept_aside_file (ViewerSession     *self);
void           viewer_session_set_document     (ViewerSession        *self,
                                                gconstpointer         owner,
                                                CartoMapDocument     *document);
void           viewer_session_remove           (ViewerSession        *self,
                                                gconstpointer         owner);
void           viewer_session_discard          (ViewerSession        *self,
                                                gconstpointer         owner);
void           viewer_session_save_now         (ViewerSession        *self);
gboolean       viewer_session_get_busy         (ViewerSession        *self);
guint          viewer_session_get_n_documents  (ViewerSession        *self);

G_END_DECLS
