/* cts-sql-api.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cts-server.h"

G_BEGIN_DECLS

void        cts_sql_api_handle      (CtsRequest *req);
void        cts_keys_api_handle     (CtsRequest *req);
char       *cts_sql_type_for        (const char *pgtype);
void        cts_append_js_number    (GString    *out,
                                     double      value);
gboolean    cts_sql_is_timeout      (const char *message);

G_END_DECLS
