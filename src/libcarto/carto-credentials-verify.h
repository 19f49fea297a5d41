/* carto-credentials-verify.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <libsoup/soup.h>

#include "carto-credentials.h"
#include "carto-verify-result.h"

G_BEGIN_DECLS

void               carto_credentials_verify_async  (CartoCredentials    *self,
                                                    SoupSession         *session,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
CartoVerifyResult *carto_credentials_verify_finish (CartoCredentials    *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
