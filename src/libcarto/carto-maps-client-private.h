/* carto-maps-client-private.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the tile fetcher shares with the Maps API client: sending a request
 * with a bounded body, and reading CARTO's error answers.
 */

#pragma once

#include "carto-maps-client.h"

G_BEGIN_DECLS

void    carto_maps_send_async          (SoupSession         *session,
                                        SoupMessage         *message,
                                        gsize                max_body_bytes,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GBytes *carto_maps_send_finish         (GAsyncResult        *result,
                                        GError             **error);

GError *carto_maps_error_from_response (SoupMessage         *message,
                                        GBytes              *body,
                                        CartoCredentials    *credentials);

G_END_DECLS
