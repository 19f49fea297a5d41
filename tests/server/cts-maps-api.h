/* cts-maps-api.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cts-server.h"

G_BEGIN_DECLS

typedef struct _CtsLayergroup CtsLayergroup;

void    cts_maps_api_handle    (CtsRequest    *req);
void    cts_layergroup_free    (CtsLayergroup *layergroup);
GBytes *cts_maps_fallback_tile (void);

G_END_DECLS
