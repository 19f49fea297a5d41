/* carto-verify-result-private.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carto-verify-result.h"

G_BEGIN_DECLS

CartoVerifyResult *carto_verify_result_new (CartoVerifyStatus  status,
                                            CartoKeyAccess     key_access,
                                            guint              http_status,
                                            gint64             retry_after,
                                            const char        *message);

G_END_DECLS
