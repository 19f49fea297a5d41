/* carto-layergroup.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "carto-tile-coord.h"

G_BEGIN_DECLS

#define CARTO_TYPE_LAYERGROUP (carto_layergroup_get_type ())

G_DECLARE_FINAL_TYPE (CartoLayergroup, carto_layergroup, CARTO, LAYERGROUP, GObject)

CartoLayergroup   *carto_layergroup_new_from_json               (JsonNode        *response,
                                                                 GError         **error);
JsonNode          *carto_layergroup_to_json                     (CartoLayergroup *self);

const char        *carto_layergroup_get_id                      (CartoLayergroup *self);
const char        *carto_layergroup_get_tile_url_template       (CartoLayergroup *self);
const char        *carto_layergroup_get_cache_id                (CartoLayergroup *self);
const char *const *carto_layergroup_get_layer_ids               (CartoLayergroup *self);
const char        *carto_layergroup_get_mvt_layer_name          (CartoLayergroup *self);
gint64             carto_layergroup_get_estimated_feature_count (CartoLayergroup *self);
const char        *carto_layergroup_get_geometry_type           (CartoLayergroup *self);
GDateTime         *carto_layergroup_get_last_updated            (CartoLayergroup *self);

char              *carto_layergroup_dup_tile_url                (CartoLayergroup      *self,
                                                                 const CartoTileCoord *coord);

G_END_DECLS
