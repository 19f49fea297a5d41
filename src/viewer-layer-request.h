/* viewer-layer-request.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <carto.h>

G_BEGIN_DECLS

/**
 * VIEWER_LAYER_REQUEST_ACTION:
 *
 * The window action that adds a layer to its map; its parameter is a
 * request (`a{sv}`) from viewer_layer_request_new().
 */
#define VIEWER_LAYER_REQUEST_ACTION "win.add-layer"

GVariant   *viewer_layer_request_new             (const char           *data,
                                                  const char           *username,
                                                  const char           *base_url,
                                                  const char           *title,
                                                  const char           *style_json);
GVariant   *viewer_layer_request_new_for_dataset (CartoDataset         *dataset);
GVariant   *viewer_layer_request_new_quiet       (GVariant             *request);
gboolean    viewer_layer_request_send            (GtkWidget            *widget,
                                                  GVariant             *request);
CartoLayer *viewer_layer_request_add             (GVariant             *request,
                                                  CartoMap             *map,
                                                  CartoCredentialStore *store,
                                                  GtkWidget            *toast_widget);

G_END_DECLS
