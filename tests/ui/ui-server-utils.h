/* ui-server-utils.h — UI tests against the CARTO-compatible test server
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "test-server-fixture.h"
#include "viewer-context.h"

G_BEGIN_DECLS

CartoCredentials *ui_test_add_server_account (ViewerContext *context,
                                              TestServer    *server,
                                              const char    *user);

G_END_DECLS
