/* carto-number.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whole numbers as people read them, with their digits grouped: legends
 * of a population and row counts alike.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "carto-number.h"

/* The locale's digit grouping; the C locale has none, and a narrow
 * no-break space (the SI's separator) then keeps long numbers readable. */
static const char *
thousands_separator (void)
{
  const char *sep = localeconv ()->thousands_sep;

  return sep != NULL && *sep != '\0' ? sep : "\u202f";
}

/**
 * carto_number_format_integer:
 * @value: a number
 *
 * Returns: (transfer full): @value with its digits grouped in threes
 *   ("135 233", "-12 000"), the locale's separator between them
 */
char *
carto_number_format_integer (gint64 value)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  const char *sep = thousands_separator ();
  const char *first = digits[0] == '-' ? digits + 1 : digits;
  gsize len = strlen (first);
  GString *out = g_string_new (first == digits ? NULL : "-");

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, first[i]);
    }

  return g_string_free (out, FALSE);
}
