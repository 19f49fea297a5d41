/* carto-http-private.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HTTP plumbing the SQL API, Maps API and verification clients share:
 * reading a body with a cap, and the server's `Retry-After`. Errors stay
 * GIO's here; each client translates them into its own domain.
 */

#pragma once

#include "carto-http.h"

G_BEGIN_DECLS

gint64  carto_http_parse_retry_after (SoupMessage         *message);

void    carto_http_read_body_async   (GInputStream        *stream,
                                      gsize                max_bytes,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GBytes *carto_http_read_body_finish  (GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS
