/* fuzz-map-file.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libFuzzer target: arbitrary bytes through carto_map_file_parse(), as a
 * map file from anyone may hold, with a real (empty) credential store:
 * building one needs no keyring. A map that parses must serialize, and
 * its serialization must parse back and serialize to the same bytes.
 * Errors must be ours, one per failure, and in UTF-8.
 */

#include "config.h"

#include <stdint.h>

#define CARTO_INSIDE
#include "carto-map-file.h"
#undef CARTO_INSIDE

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static CartoCredentialStore *store;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical from our own guards is a bug the fuzzer found. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  store = carto_credential_store_new (NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) rewritten = NULL;
  g_autoptr(CartoMap) map = NULL;
  g_autoptr(CartoMap) again = NULL;
  g_autoptr(GError) error = NULL;

  map = carto_map_file_parse (bytes, store, &error);
  if (map == NULL)
    {
      g_assert_true (error != NULL && error->domain == CARTO_MAP_FILE_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_true (error == NULL);

  written = carto_map_file_serialize (map);
  again = carto_map_file_parse (written, NULL, &error);
  g_assert_true (error == NULL && again != NULL);
  rewritten = carto_map_file_serialize (again);
  g_assert_true (g_bytes_equal (written, rewritten));

  return 0;
}
