/* credentials-test-utils.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the credential tests: waiting for async results, and
 * checking that no API key reaches a log line or a file.
 */

#pragma once

#include <carto.h>

G_BEGIN_DECLS

void          carto_test_guard_secrets_in_logs      (const char * const *secrets);
guint         carto_test_count_secrets_in_dir       (const char         *dir,
                                                     const char * const *secrets);
void          carto_test_assert_no_secret_in_dir    (const char         *dir,
                                                     const char * const *secrets);
void          carto_test_assert_no_secret_in_session (const char * const *secrets);

GAsyncResult *carto_test_wait_for_result            (GAsyncResult      **slot);

CartoCredentials *carto_test_credentials            (const char         *username,
                                                     const char         *api_key);
CartoAccount *carto_test_store_add                  (CartoCredentialStore *store,
                                                     CartoCredentials   *credentials);
void          carto_test_result_cb                  (GObject            *source,
                                                     GAsyncResult       *result,
                                                     gpointer            user_data);

G_END_DECLS
