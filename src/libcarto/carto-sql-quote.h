/* carto-sql-quote.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

char *carto_sql_quote_identifier (const char *identifier);
char *carto_sql_quote_qualified  (const char *schema,
                                  const char *name);
char *carto_sql_quote_literal    (const char *value);
char *carto_sql_quote_trim_statement (const char *sql);
char *carto_sql_quote_subquery   (const char *sql,
                                  const char *alias);

G_END_DECLS
