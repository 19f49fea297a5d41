/* carto-cartoframes-file.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <gio/gio.h>

#include "carto-account.h"
#include "carto-credential-store.h"
#include "carto-credentials.h"

G_BEGIN_DECLS

GFile            *carto_cartoframes_file_get_default      (void);

CartoCredentials *carto_cartoframes_file_parse            (const char           *contents,
                                                           gssize                length,
                                                           GError              **error);
char             *carto_cartoframes_file_serialize        (CartoCredentials     *credentials);

void              carto_cartoframes_file_load_async       (GFile                *file,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
CartoCredentials *carto_cartoframes_file_load_finish      (GAsyncResult         *result,
                                                           GError              **error);

void              carto_cartoframes_file_save_async       (CartoCredentials     *credentials,
                                                           GFile                *file,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean          carto_cartoframes_file_save_finish      (GAsyncResult         *result,
                                                           GError              **error);

void              carto_cartoframes_file_import_async     (CartoCredentialStore *store,
                                                           GFile                *file,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
CartoAccount     *carto_cartoframes_file_import_finish    (CartoCredentialStore *store,
                                                           GAsyncResult         *result,
                                                           GError              **error);

G_END_DECLS
