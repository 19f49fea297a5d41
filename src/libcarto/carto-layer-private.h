/* carto-layer-private.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the layer's painter reports what it is doing; the columns are
 * remembered for carto-layer-queries.c. The layer, its queries and its tile
 * loader word "no account" the same way.
 */

#pragma once

#include "carto-layer.h"

G_BEGIN_DECLS

void carto_layer_set_state (CartoLayer      *self,
                            CartoLayerState  state,
                            const char      *error_message);

CartoSqlResult *carto_layer_get_cached_columns (CartoLayer     *self,
                                                const char     *key);
void            carto_layer_cache_columns      (CartoLayer     *self,
                                                const char     *key,
                                                CartoSqlResult *columns);

GError         *carto_layer_new_no_account_error (CartoLayer   *self);

G_END_DECLS
