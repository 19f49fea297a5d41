/* viewer-cartoframes-transfer.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <carto.h>

G_BEGIN_DECLS

void          viewer_cartoframes_import_async  (GtkWindow            *parent,
                                                CartoCredentialStore *store,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
CartoAccount *viewer_cartoframes_import_finish (GAsyncResult         *result,
                                                GError              **error);

void          viewer_cartoframes_export_async  (GtkWindow            *parent,
                                                CartoAccount         *account,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GFile        *viewer_cartoframes_export_finish (GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
