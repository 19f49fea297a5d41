/* test-sql-quote.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>

static void
assert_identifier (const char *in,
                   const char *expected)
{
  g_autofree char *quoted = carto_sql_quote_identifier (in);

  g_assert_cmpstr (quoted, ==, expected);
}

static void
test_identifier (void)
{
  assert_identifier ("t", "\"t\"");
  assert_identifier ("my \"t\"", "\"my \"\"t\"\"\"");
  /* Case is kept: an unquoted MyTable would fold to mytable. */
  assert_identifier ("MyTable", "\"MyTable\"");
  assert_identifier ("", "\"\"");
  assert_identifier ("\"", "\"\"\"\"");
  assert_identifier ("a;DROP TABLE x;--", "\"a;DROP TABLE x;--\"");
  assert_identifier ("año 2024", "\"año 2024\"");
  assert_identifier ("it's", "\"it's\"");
}

static void
test_qualified (void)
{
  g_autofree char *both = carto_sql_quote_qualified ("s", "t");
  g_autofree char *none = carto_sql_quote_qualified (NULL, "t");
  g_autofree char *empty = carto_sql_quote_qualified ("", "t");
  g_autofree char *dotted = carto_sql_quote_qualified ("my.schema", "a\"b.c");

  g_assert_cmpstr (both, ==, "\"s\".\"t\"");
  g_assert_cmpstr (none, ==, "\"t\"");
  g_assert_cmpstr (empty, ==, "\"t\"");
  g_assert_cmpstr (dotted, ==, "\"my.schema\".\"a\"\"b.c\"");
}

static void
assert_literal (const char *in,
                const char *expected)
{
  g_autofree char *quoted = carto_sql_quote_literal (in);

  g_assert_cmpstr (quoted, ==, expected);
}

static void
test_literal (void)
{
  assert_literal ("abc", "'abc'");
  assert_literal ("", "''");
  assert_literal ("it's", "'it''s'");
  assert_literal ("''", "''''''");
  /* As PostgreSQL's quote_literal(): E'' with doubled backslashes. */
  assert_literal ("a\\b", "E'a\\\\b'");
  assert_literal ("\\'", "E'\\\\'''");
  assert_literal ("x\"y", "'x\"y'");
}

static void
test_trim_statement (void)
{
  g_autofree char *plain = carto_sql_quote_trim_statement ("SELECT 1");
  g_autofree char *trailing = carto_sql_quote_trim_statement ("  SELECT 1 ;  ;\n");
  g_autofree char *inner = carto_sql_quote_trim_statement ("SELECT ';' AS s;");
  g_autofree char *nothing = carto_sql_quote_trim_statement (" ;\t; ");

  g_assert_cmpstr (plain, ==, "SELECT 1");
  g_assert_cmpstr (trailing, ==, "SELECT 1");
  g_assert_cmpstr (inner, ==, "SELECT ';' AS s");
  g_assert_cmpstr (nothing, ==, "");
}

static void
test_subquery (void)
{
  g_autofree char *plain = carto_sql_quote_subquery ("SELECT * FROM t", "_s");
  g_autofree char *trailing = carto_sql_quote_subquery ("SELECT * FROM t;\n", "my \"q\"");
  g_autofree char *comment = carto_sql_quote_subquery ("SELECT * FROM t -- every row", "_s");

  g_assert_cmpstr (plain, ==, "(\nSELECT * FROM t\n) AS \"_s\"");
  g_assert_cmpstr (trailing, ==, "(\nSELECT * FROM t\n) AS \"my \"\"q\"\"\"");
  /* The comment ends at its line, before the parenthesis. */
  g_assert_cmpstr (comment, ==, "(\nSELECT * FROM t -- every row\n) AS \"_s\"");
}

static void
test_guards (void)
{
  char *result;

  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*identifier != NULL*");
  result = carto_sql_quote_identifier (NULL);
  g_test_assert_expected_messages ();
  g_assert_null (result);

  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*name != NULL*");
  result = carto_sql_quote_qualified ("s", NULL);
  g_test_assert_expected_messages ();
  g_assert_null (result);

  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*value != NULL*");
  result = carto_sql_quote_literal (NULL);
  g_test_assert_expected_messages ();
  g_assert_null (result);

  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*alias != NULL*");
  result = carto_sql_quote_subquery ("SELECT 1", "");
  g_test_assert_expected_messages ();
  g_assert_null (result);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sql-quote/identifier", test_identifier);
  g_test_add_func ("/sql-quote/qualified", test_qualified);
  g_test_add_func ("/sql-quote/literal", test_literal);
  g_test_add_func ("/sql-quote/trim-statement", test_trim_statement);
  g_test_add_func ("/sql-quote/subquery", test_subquery);
  g_test_add_func ("/sql-quote/guards", test_guards);

  return g_test_run ();
}
