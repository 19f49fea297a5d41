/* carto-catalogue.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include "carto-dataset.h"

G_BEGIN_DECLS

/**
 * CARTO_PUBLIC_ROLE:
 *
 * The database role of `default_public` keys, which public and link
 * tables are granted to (docs/carto-api.md §3, §4.3).
 */
#define CARTO_PUBLIC_ROLE "publicuser"

void        carto_catalogue_list_async            (SoupSession          *session,
                                                   CartoCredentials     *credentials,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
void        carto_catalogue_list_for_client_async (CartoSqlClient       *client,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GListModel *carto_catalogue_list_finish           (GAsyncResult         *result,
                                                   gboolean             *out_is_master,
                                                   GError              **error);

G_END_DECLS
