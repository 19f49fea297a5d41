/* carto-sql-error-private.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "carto-sql-error.h"

G_BEGIN_DECLS

GError   *carto_sql_error_new_from_response  (guint         status,
                                              JsonNode     *root,
                                              const char   *username,
                                              const char   *api_key);
GError   *carto_sql_error_new_from_transport (const GError *error);
gboolean  carto_sql_error_is_retryable       (const GError *error);
void      carto_sql_error_set_retry_after    (GError       *error,
                                              guint         seconds);
char     *carto_sql_error_redact             (const char   *text,
                                              const char   *api_key);

G_END_DECLS
