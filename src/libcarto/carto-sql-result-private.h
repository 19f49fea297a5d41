/* carto-sql-result-private.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carto-sql-result.h"

G_BEGIN_DECLS

CartoSqlResult *carto_sql_result_new_from_root (JsonNode        *root,
                                                CartoSqlFormat   format,
                                                GError         **error);

G_END_DECLS
