/* viewer-account-switcher.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viewer-context.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_ACCOUNT_SWITCHER (viewer_account_switcher_get_type ())
G_DECLARE_FINAL_TYPE (ViewerAccountSwitcher, viewer_account_switcher, VIEWER, ACCOUNT_SWITCHER, AdwBin)

ViewerAccountSwitcher *viewer_account_switcher_new         (void);
ViewerContext         *viewer_account_switcher_get_context (ViewerAccountSwitcher *self);
void                   viewer_account_switcher_set_context (ViewerAccountSwitcher *self,
                                                            ViewerContext         *context);
const char            *viewer_account_switcher_get_summary (ViewerAccountSwitcher *self);

G_END_DECLS
