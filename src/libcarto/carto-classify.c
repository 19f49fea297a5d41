/* carto-classify.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Breaks and categories for bins and category styles. Issue 6 computes
 * them once over the whole Source through the SQL API; the queries are
 * built here and the caller runs them. The same arithmetic on a sorted
 * sample is offered for offline use and to check the SQL against.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "carto-classify.h"
#include "carto-sql-quote.h"

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/**
 * carto_classify_clean_breaks:
 * @breaks: (array length=n_breaks) (inout): breaks, as a query returned them
 * @n_breaks: how many
 *
 * Sorts @breaks in place and drops non-finite values and duplicates, so
 * they suit the bins style constructors. Quantiles of skewed data repeat
 * (many equal values), which leaves fewer classes than asked for.
 *
 * Returns: the number of breaks left at the start of @breaks
 */
guint
carto_classify_clean_breaks (double *breaks,
                             guint   n_breaks)
{
  guint n = 0;

  g_return_val_if_fail (n_breaks == 0 || breaks != NULL, 0);

  for (guint i = 0; i < n_breaks; i++)
    if (isfinite (breaks[i]))
      breaks[n++] = breaks[i];

  if (n > 1)
    qsort (breaks, n, sizeof (double), compare_doubles);

  n_breaks = n;
  n = 0;
  for (guint i = 0; i < n_breaks; i++)
    if (n == 0 || breaks[i] != breaks[n - 1])
      breaks[n++] = breaks[i];

  return n;
}

/**
 * carto_classify_quantiles:
 * @sorted_values: (array length=n_values): finite values, ascending
 * @n_values: how many
 * @n_bins: the number of classes wanted, at least 1
 * @n_breaks: (out): the number of breaks returned, at most `n_bins - 1`
 *
 * The breaks PostgreSQL's `percentile_disc` gives for the fractions
 * `i / n_bins`: the first value whose position (1-based, over @n_values)
 * reaches the fraction, so carto_classify_quantiles_sql() run over the
 * same data agrees. Duplicates are dropped.
 *
 * Returns: (array length=n_breaks) (transfer full): the breaks
 */
double *
carto_classify_quantiles (const double *sorted_values,
                          gsize         n_values,
                          guint         n_bins,
                          guint        *n_breaks)
{
  double *breaks;
  guint n = 0;

  g_return_val_if_fail (n_values == 0 || sorted_values != NULL, NULL);
  g_return_val_if_fail (n_bins >= 1, NULL);
  g_return_val_if_fail (n_breaks != NULL, NULL);

  breaks = g_new (double, n_bins);
  if (n_values > 0)
    for (guint i = 1; i < n_bins; i++)
      {
        /* PostgreSQL's percentile_disc_final(): ceil(fraction * count). */
        double fraction = (double) i / n_bins;
        gint64 row = (gint64) ceil (fraction * (double) n_values);

        breaks[n++] = sorted_values[CLAMP (row, 1, (gint64) n_values) - 1];
      }

  *n_breaks = carto_classify_clean_breaks (breaks, n);
  return breaks;
}

/**
 * carto_classify_equal_intervals:
 * @min: the smallest value
 * @max: the largest value, at least @min
 * @n_bins: the number of classes, at least 1
 * @n_breaks: (out): `n_bins - 1`, or 0 when @min equals @max
 *
 * Returns: (array length=n_breaks) (transfer full): breaks splitting
 *   @min..@max into @n_bins equal intervals
 */
double *
carto_classify_equal_intervals (double min,
                                double max,
                                guint  n_bins,
                                guint *n_breaks)
{
  double *breaks;
  guint n = 0;

  g_return_val_if_fail (isfinite (min) && isfinite (max) && min <= max, NULL);
  g_return_val_if_fail (n_bins >= 1, NULL);
  g_return_val_if_fail (n_breaks != NULL, NULL);

  breaks = g_new (double, n_bins);
  if (min < max)
    for (guint i = 1; i < n_bins; i++)
      breaks[n++] = min + (max - min) * i / n_bins;

  *n_breaks = carto_classify_clean_breaks (breaks, n);
  return breaks;
}

/* Shortest text that PostgreSQL reads back as exactly @value, so the
 * fractions it uses are the doubles carto_classify_quantiles() uses. */
static void
append_double (GString *sql,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_string_append (sql, buf);
}

/**
 * carto_classify_quantiles_sql:
 * @source_query: the Source's SQL (`SELECT * FROM "table"` for a table)
 * @column: a numeric column
 * @n_bins: the number of classes, at least 2
 *
 * Builds the SQL API query for quantile breaks. It returns one row per
 * break, in a float8 column `break_value`, ascending and possibly repeated
 * (pass them through carto_classify_clean_breaks()). NULLs are ignored.
 *
 * Returns: (transfer full): the query
 */
char *
carto_classify_quantiles_sql (const char *source_query,
                              const char *column,
                              guint       n_bins)
{
  g_autofree char *from = NULL;
  g_autofree char *quoted = NULL;
  GString *sql;

  g_return_val_if_fail (source_query != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (n_bins >= 2, NULL);

  from = carto_sql_quote_subquery (source_query, "_carto_source");
  quoted = carto_sql_quote_identifier (column);

  sql = g_string_new ("SELECT unnest(percentile_disc(ARRAY[");
  for (guint i = 1; i < n_bins; i++)
    {
      if (i > 1)
        g_string_append_c (sql, ',');
      append_double (sql, (double) i / n_bins);
    }
  g_string_append_printf (sql, "]::float8[]) WITHIN GROUP (ORDER BY %s::float8)) AS break_value FROM %s",
                          quoted, from);

  return g_string_free (sql, FALSE);
}

/**
 * carto_classify_range_sql:
 * @source_query: the Source's SQL
 * @column: a numeric column
 *
 * Builds the SQL API query for equal-interval breaks and continuous
 * ranges: one row with float8 columns `min` and `max` (both NULL when the
 * column has no values).
 *
 * Returns: (transfer full): the query
 */
char *
carto_classify_range_sql (const char *source_query,
                          const char *column)
{
  g_autofree char *from = NULL;
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (source_query != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);

  from = carto_sql_quote_subquery (source_query, "_carto_source");
  quoted = carto_sql_quote_identifier (column);

  return g_strdup_printf ("SELECT min(%s)::float8 AS min, max(%s)::float8 AS max FROM %s",
                          quoted, quoted, from);
}

/**
 * carto_classify_categories_sql:
 * @source_query: the Source's SQL
 * @column: any column
 * @limit: how many categories, CARTO uses 10
 *
 * Builds the SQL API query for the most common values: rows of
 * `category` (text, as carto_mvt_value_to_string() formats tile values)
 * and `count`, most common first, ties by text.
 *
 * Returns: (transfer full): the query
 */
char *
carto_classify_categories_sql (const char *source_query,
                               const char *column,
                               guint       limit)
{
  g_autofree char *from = NULL;
  g_autofree char *quoted = NULL;

  g_return_val_if_fail (source_query != NULL, NULL);
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (limit > 0, NULL);

  from = carto_sql_quote_subquery (source_query, "_carto_source");
  quoted = carto_sql_quote_identifier (column);

  return g_strdup_printf ("SELECT %s::text AS category, count(*) AS count FROM %s "
                          "WHERE %s IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT %u",
                          quoted, from, quoted, limit);
}
