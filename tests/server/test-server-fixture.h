/* test-server-fixture.h — start carto-test-server from a test
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test code (GLib/GIO only), for any test binary: add
 * `test_server_fixture_dep` to its dependencies and `test_server_depends` to
 * its test()'s depends. The server executable comes from
 * $CARTO_TEST_SERVER_EXE, which tests/meson.build's test_env sets.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _TestServer TestServer;

TestServer *test_server_start          (const char         *config_path,
                                        GError            **error);
TestServer *test_server_start_full     (const char         *config_path,
                                        const char * const *extra_args,
                                        GError            **error);
guint       test_server_get_port       (TestServer         *server);
const char *test_server_get_root_url   (TestServer         *server);
const char *test_server_get_base_url   (TestServer         *server,
                                        const char         *user);
const char *test_server_get_cloud_host (TestServer         *server,
                                        const char         *user);
const char *test_server_get_key        (TestServer         *server,
                                        const char         *user,
                                        const char         *key_name);
const char *test_server_get_log_path   (TestServer         *server);
double      test_server_get_startup_seconds (TestServer    *server);
JsonNode   *test_server_get_stats      (TestServer         *server,
                                        GError            **error);
gint64      test_server_get_count      (TestServer         *server,
                                        const char         *name,
                                        GError            **error);
gboolean    test_server_set_faults     (TestServer         *server,
                                        const char         *json,
                                        GError            **error);
gboolean    test_server_set_limits     (TestServer         *server,
                                        const char         *json,
                                        GError            **error);
gboolean    test_server_reset          (TestServer         *server,
                                        GError            **error);
void        test_server_stop           (TestServer         *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_stop)

G_END_DECLS
