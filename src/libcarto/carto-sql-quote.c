/* carto-sql-quote.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quoting for the SQL we build. Table and column names come from the
 * server or from the user, and CARTO names may hold capitals, spaces or
 * quotes: every identifier we splice is quoted, always, never "only when
 * needed", so there is no rule to get wrong.
 */

#include "config.h"

#include <string.h>

#include "carto-sql-quote.h"

/**
 * carto_sql_quote_identifier:
 * @identifier: a table, schema or column name
 *
 * Quotes @identifier for PostgreSQL: wrapped in double quotes, inner
 * double quotes doubled, so `my "t"` becomes `"my ""t"""`. The case of the
 * name is kept.
 *
 * Returns: (transfer full): the quoted identifier
 */
char *
carto_sql_quote_identifier (const char *identifier)
{
  GString *out;

  g_return_val_if_fail (identifier != NULL, NULL);

  out = g_string_sized_new (strlen (identifier) + 2);
  g_string_append_c (out, '"');
  for (const char *p = identifier; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}

/**
 * carto_sql_quote_qualified:
 * @schema: (nullable): a schema name, or %NULL for the search path's
 * @name: a table name
 *
 * Quotes a possibly schema-qualified name: `"s"."t"`, or `"t"` without a
 * schema. Each part is quoted on its own, so a dot inside a name stays
 * part of that name.
 *
 * Returns: (transfer full): the quoted name
 */
char *
carto_sql_quote_qualified (const char *schema,
                           const char *name)
{
  g_autofree char *quoted_name = NULL;
  g_autofree char *quoted_schema = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  quoted_name = carto_sql_quote_identifier (name);
  if (schema == NULL || *schema == '\0')
    return g_steal_pointer (&quoted_name);

  quoted_schema = carto_sql_quote_identifier (schema);
  return g_strconcat (quoted_schema, ".", quoted_name, NULL);
}

/**
 * carto_sql_quote_literal:
 * @value: a string value
 *
 * Quotes @value as a PostgreSQL string literal the way PostgreSQL's own
 * `quote_literal()` does: single quotes doubled, and, when @value holds a
 * backslash, the escape-string form `E'…'` with backslashes doubled, so
 * the literal means the same whatever `standard_conforming_strings` is.
 *
 * Returns: (transfer full): the quoted literal
 */
char *
carto_sql_quote_literal (const char *value)
{
  GString *out;

  g_return_val_if_fail (value != NULL, NULL);

  out = g_string_sized_new (strlen (value) + 3);
  if (strchr (value, '\\') != NULL)
    g_string_append_c (out, 'E');
  g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, *p);
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');

  return g_string_free (out, FALSE);
}
