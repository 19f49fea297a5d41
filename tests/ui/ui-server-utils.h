/* ui-server-utils.h — UI tests against the CARTO-compatible test server
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "test-server-fixture.h"
#include "viewer-context.h"
#include "viewer-window.h"

G_BEGIN_DECLS

CartoCredentials *ui_test_add_server_account (ViewerContext *context,
                                              TestServer    *server,
                                              const char    *user);
CartoLayer       *ui_test_add_layer          (ViewerWindow     *window,
                                              const char       *data,
                                              CartoCredentials *credentials,
                                              const char       *title,
                                              CartoStyle       *style);
CartoLayer       *ui_test_add_layer_quietly  (ViewerWindow     *window,
                                              const char       *data,
                                              CartoCredentials *credentials,
                                              const char       *title,
                                              CartoStyle       *style);

void              ui_test_save_document      (CartoMapDocument *document,
                                              GFile            *file);

G_END_DECLS
