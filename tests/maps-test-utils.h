/* maps-test-utils.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the Maps API and layer painter tests: the demo server (users
 * demo-atlas and demo-cities), the session, credentials by key name, and
 * waiting for async results.
 */

#pragma once

#include <carto.h>

#include "test-server-fixture.h"

G_BEGIN_DECLS

void              maps_test_guard_logs     (void);
TestServer       *maps_test_start_server   (const char * const *extra_args);
TestServer       *maps_test_get_server     (void);
void              maps_test_stop_server    (void);
SoupSession      *maps_test_get_session    (void);
CartoCredentials *maps_test_credentials    (const char         *user,
                                            const char         *key_name);
CartoCredentials *maps_test_credentials_at (const char         *url_user,
                                            const char         *user,
                                            const char         *key_name);
const char *const *maps_test_secrets       (void);
gint64            maps_test_count          (const char         *name);
void              maps_test_set_faults     (const char         *json);
void              maps_test_set_limits     (const char         *json);
GAsyncResult     *maps_test_wait           (GAsyncResult      **slot);
void              maps_test_result_cb      (GObject            *source,
                                            GAsyncResult       *result,
                                            gpointer            user_data);
CartoSqlResult   *maps_test_sql            (const char         *user,
                                            const char         *sql);

G_END_DECLS
