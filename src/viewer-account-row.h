/* viewer-account-row.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <carto.h>

#include "viewer-context.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_ACCOUNT_ROW (viewer_account_row_get_type ())
G_DECLARE_FINAL_TYPE (ViewerAccountRow, viewer_account_row, VIEWER, ACCOUNT_ROW, AdwActionRow)

ViewerAccountRow *viewer_account_row_new         (ViewerContext    *context,
                                                  CartoAccount     *account);
CartoAccount     *viewer_account_row_get_account (ViewerAccountRow *self);

G_END_DECLS
