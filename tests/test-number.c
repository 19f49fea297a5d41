/* test-number.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>

#define NNBSP "\u202f"

static void
assert_formats (gint64      value,
                const char *expected)
{
  g_autofree char *text = carto_number_format_integer (value);

  g_assert_cmpstr (text, ==, expected);
}

/* The tests run in the C locale: no grouping of its own, so the SI's
 * narrow no-break space. */
static void
test_grouping (void)
{
  assert_formats (0, "0");
  assert_formats (999, "999");
  assert_formats (1000, "1" NNBSP "000");
  assert_formats (135233, "135" NNBSP "233");
  assert_formats (1000000, "1" NNBSP "000" NNBSP "000");
  assert_formats (-12000, "-12" NNBSP "000");
  assert_formats (-999, "-999");
  assert_formats (G_MININT64, "-9" NNBSP "223" NNBSP "372" NNBSP "036" NNBSP "854" NNBSP "775" NNBSP "808");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/number/grouping", test_grouping);

  return g_test_run ();
}
