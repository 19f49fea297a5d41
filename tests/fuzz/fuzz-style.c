/* fuzz-style.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: arbitrary bytes parsed as JSON and read as a layer
 * style, as map files hand styles over. Whatever reads must write back to
 * a style that reads equal, draw a legend and evaluate values without a
 * crash, a leak or a critical.
 */

#include "config.h"

#include <stdint.h>

#include "carto-style.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical from our own guards is a bug the fuzzer found. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(CartoStyle) style = NULL;
  g_autoptr(CartoStyle) again = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(GError) error = NULL;
  const CartoMvtValue values[] = {
    { .type = CARTO_MVT_VALUE_STRING, .string = "Africa" },
    { .type = CARTO_MVT_VALUE_DOUBLE, .double_value = 1234.5 },
    { .type = CARTO_MVT_VALUE_INT, .int_value = -7 },
    { .type = CARTO_MVT_VALUE_BOOL, .bool_value = TRUE },
  };
  CartoSymbol symbol;

  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL) ||
      json_parser_get_root (parser) == NULL)
    return 0;

  style = carto_style_new_from_json (json_parser_get_root (parser), &error);
  if (style == NULL)
    {
      g_assert_true (error != NULL && error->domain == CARTO_STYLE_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_true (error == NULL);

  /* What it writes reads back as the same style. */
  written = carto_style_to_json (style);
  again = carto_style_new_from_json (written, &error);
  g_assert_true (error == NULL);
  g_assert_true (again != NULL && carto_style_equal (style, again));

  g_assert_true (carto_style_get_legend (style) != NULL);
  carto_style_evaluate (style, NULL, &symbol);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    carto_style_evaluate (style, &values[i], &symbol);

  return 0;
}
