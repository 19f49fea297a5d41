/* viewer-account-dialog.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <carto.h>

#include "viewer-context.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_ACCOUNT_DIALOG (viewer_account_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ViewerAccountDialog, viewer_account_dialog, VIEWER, ACCOUNT_DIALOG, AdwWindow)

ViewerAccountDialog *viewer_account_dialog_new               (GtkWindow           *parent,
                                                              ViewerContext       *context,
                                                              CartoAccount        *account);
ViewerAccountDialog *viewer_account_dialog_new_for_reference (GtkWindow           *parent,
                                                              ViewerContext       *context,
                                                              const char          *username,
                                                              const char          *base_url);
CartoCredentials    *viewer_account_dialog_get_credentials   (ViewerAccountDialog *self);

G_END_DECLS
