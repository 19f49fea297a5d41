/* viewer-toast.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void viewer_toast_show (GtkWidget *widget,
                        AdwToast  *toast);

G_END_DECLS
