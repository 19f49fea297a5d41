/* carto-sql-quote.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quoting for the SQL we build. Table and column names come from the
 * server or from the user, and CARTO names may hold capitals, spaces or
 * quotes: every identifier we splice is quoted, always, never "only when
 * needed", so there is no rule to get wrong.
 *
 * A user's query is spliced the same way, through one function: every
 * query built around one (its columns, the map's SQL, classes, extents,
 * pages, counts) wraps it with carto_sql_quote_subquery().
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

/**
 * carto_sql_quote_trim_statement:
 * @sql: one SQL statement
 *
 * @sql without the whitespace around it and without trailing semicolons,
 * which would end the statement early inside a subquery.
 *
 * Returns: (transfer full): the trimmed statement
 */
char *
carto_sql_quote_trim_statement (const char *sql)
{
  char *trimmed;
  gsize len;

  g_return_val_if_fail (sql != NULL, NULL);

  trimmed = g_strstrip (g_strdup (sql));
  len = strlen (trimmed);
  while (len > 0 && (trimmed[len - 1] == ';' || g_ascii_isspace (trimmed[len - 1])))
    trimmed[--len] = '\0';

  return trimmed;
}

/**
 * carto_sql_quote_subquery:
 * @sql: a query written by someone else: a Source's, the console's
 * @alias: the subquery's name, quoted here
 *
 * Wraps @sql as a subquery for a FROM clause: `(`, a newline, @sql
 * trimmed by carto_sql_quote_trim_statement(), a newline, then
 * `) AS "@alias"`. The newlines keep a `--` comment on the last line of
 * @sql from eating the closing parenthesis.
 *
 * Returns: (transfer full): the FROM item
 */
char *
carto_sql_quote_subquery (const char *sql,
                          const char *alias)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *quoted_alias = NULL;

  g_return_val_if_fail (sql != NULL, NULL);
  g_return_val_if_fail (alias != NULL && *alias != '\0', NULL);

  trimmed = carto_sql_quote_trim_statement (sql);
  quoted_alias = carto_sql_quote_identifier (alias);

  return g_strdup_printf ("(\n%s\n) AS %s", trimmed, quoted_alias);
}
