/* sql-test-utils.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the SQL client, pager and catalogue tests: one test server per
 * binary, clients for its users and keys, and waiting for async results
 * under a timeout.
 */

#pragma once

#include <carto.h>

#include "test-server-fixture.h"

G_BEGIN_DECLS

TestServer       *sql_test_start_server   (void);
TestServer       *sql_test_get_server     (void);
void              sql_test_stop_server    (void);
SoupSession      *sql_test_get_session    (void);

CartoCredentials *sql_test_credentials    (const char      *user,
                                           const char      *key_name);
CartoSqlClient   *sql_test_client         (const char      *user,
                                           const char      *key_name);

GAsyncResult     *sql_test_wait           (GAsyncResult   **slot,
                                           guint            timeout_seconds);
void              sql_test_result_cb      (GObject         *source,
                                           GAsyncResult    *result,
                                           gpointer         user_data);
CartoSqlResult   *sql_test_query          (CartoSqlClient  *client,
                                           const char      *sql,
                                           CartoSqlFormat   format,
                                           CartoSqlQueryFlags flags,
                                           GError         **error);
void              sql_test_reset_server   (void);
char             *sql_test_read_log       (void);

G_END_DECLS
