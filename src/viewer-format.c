/* viewer-format.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Row counts as people read them: digits grouped, and estimates rounded
 * and marked as such, so "≈ 135 k rows" never passes for a count; and
 * fractions as percentages.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <carto.h>
#include <math.h>

#include "viewer-format.h"

/**
 * viewer_format_count:
 * @count: a count, at least 0
 *
 * Returns: (transfer full): @count with its digits grouped ("135 233")
 */
char *
viewer_format_count (gint64 count)
{
  return carto_number_format_integer (MAX (count, 0));
}

/**
 * viewer_format_approx_count:
 * @count: a count, at least 0
 *
 * Returns: (transfer full): @count rounded for a glance: exact below a
 *   thousand, then "1.2 k", "135 k", "4.5 M"
 */
char *
viewer_format_approx_count (gint64 count)
{
  double value = (double) MAX (count, 0);

  if (value < 1000.0)
    return viewer_format_count (count);
  if (value < 10000.0)
    /* Translators: an approximate number of thousands, e.g. "4.5 k" */
    return g_strdup_printf (_("%.1f k"), value / 1000.0);
  if (value < 999500.0)
    /* Translators: an approximate number of thousands, e.g. "135 k" */
    return g_strdup_printf (_("%.0f k"), value / 1000.0);
  if (value < 9.95e6)
    /* Translators: an approximate number of millions, e.g. "4.5 M" */
    return g_strdup_printf (_("%.1f M"), value / 1e6);
  if (value < 999.5e6)
    /* Translators: an approximate number of millions, e.g. "135 M" */
    return g_strdup_printf (_("%.0f M"), value / 1e6);
  /* Translators: an approximate number of billions, e.g. "1.2 G" */
  return g_strdup_printf (_("%.1f G"), value / 1e9);
}

/**
 * viewer_format_row_count:
 * @count: the rows, at least 0
 * @is_estimate: whether @count is the planner's estimate
 *
 * Returns: (transfer full): "135 233 rows", or "≈ 135 k rows" for an
 *   estimate
 */
char *
viewer_format_row_count (gint64   count,
                         gboolean is_estimate)
{
  gulong plural = (gulong) MIN (MAX (count, 0), G_MAXINT32);

  if (is_estimate)
    {
      g_autofree char *approx = viewer_format_approx_count (count);

      /* Translators: an estimated number of table rows, e.g. "≈ 135 k rows" */
      return g_strdup_printf (ngettext ("≈ %s row", "≈ %s rows", plural), approx);
    }
  else
    {
      g_autofree char *exact = viewer_format_count (count);

      /* Translators: a number of table rows, e.g. "135 233 rows" */
      return g_strdup_printf (ngettext ("%s row", "%s rows", plural), exact);
    }
}

/**
 * viewer_format_count_or_estimate:
 * @count: a count, at least 0
 * @is_estimate: whether @count is the planner's estimate
 *
 * Returns: (transfer full): "135 233", or "≈ 135 k" for an estimate
 */
char *
viewer_format_count_or_estimate (gint64   count,
                                 gboolean is_estimate)
{
  g_autofree char *approx = NULL;

  if (!is_estimate)
    return viewer_format_count (count);

  approx = viewer_format_approx_count (count);
  /* Translators: an estimated number, e.g. "≈ 135 k" */
  return g_strdup_printf (_("≈ %s"), approx);
}

/**
 * viewer_format_percent:
 * @fraction: from 0 to 1, such as an opacity
 *
 * Returns: (transfer full): @fraction as a whole percentage ("75 %"), as
 *   the user's language writes one
 */
char *
viewer_format_percent (double fraction)
{
  /* Translators: an opacity in percent; keep or move the %% sign as your
   * language writes percentages */
  return g_strdup_printf (_("%d %%"), (int) round (fraction * 100));
}
