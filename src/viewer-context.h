/* viewer-context.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <carto.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define VIEWER_TYPE_CONTEXT (viewer_context_get_type ())
G_DECLARE_FINAL_TYPE (ViewerContext, viewer_context, VIEWER, CONTEXT, GObject)

ViewerContext        *viewer_context_new                  (void);
SoupSession          *viewer_context_get_soup_session     (ViewerContext *self);
GSettings            *viewer_context_get_settings         (ViewerContext *self);
CartoCredentialStore *viewer_context_get_credential_store (ViewerContext *self);
void                  viewer_context_load_accounts        (ViewerContext *self);
gboolean              viewer_context_get_accounts_loading (ViewerContext *self);
const GError         *viewer_context_get_accounts_error   (ViewerContext *self);
const char           *viewer_context_get_basemap_key      (ViewerContext *self);
void                  viewer_context_set_basemap_key      (ViewerContext *self,
                                                           const char    *key);
gboolean              viewer_context_get_basemap_key_loading (ViewerContext *self);

G_END_DECLS
