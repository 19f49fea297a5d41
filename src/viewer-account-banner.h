/* viewer-account-banner.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viewer-context.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_ACCOUNT_BANNER (viewer_account_banner_get_type ())
G_DECLARE_FINAL_TYPE (ViewerAccountBanner, viewer_account_banner, VIEWER, ACCOUNT_BANNER, AdwBin)

ViewerAccountBanner *viewer_account_banner_new          (void);
ViewerContext       *viewer_account_banner_get_context  (ViewerAccountBanner *self);
void                 viewer_account_banner_set_context  (ViewerAccountBanner *self,
                                                         ViewerContext       *context);
gboolean             viewer_account_banner_get_revealed (ViewerAccountBanner *self);

G_END_DECLS
