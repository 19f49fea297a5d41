/* carto-layer-tile-loader.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <libsoup/soup.h>

#include "carto-layer.h"
#include "carto-layergroup.h"
#include "carto-mvt.h"
#include "carto-tile-cache.h"
#include "carto-tile-coord.h"
#include "carto-tile-disk-cache.h"

G_BEGIN_DECLS

#define CARTO_TYPE_LAYER_TILE_LOADER (carto_layer_tile_loader_get_type ())

G_DECLARE_FINAL_TYPE (CartoLayerTileLoader, carto_layer_tile_loader, CARTO, LAYER_TILE_LOADER, GObject)

CartoLayerTileLoader *carto_layer_tile_loader_new            (CartoLayer            *layer,
                                                              SoupSession           *session,
                                                              CartoTileCache        *tile_cache,
                                                              CartoTileDiskCache    *disk_cache);

CartoLayer           *carto_layer_tile_loader_get_layer      (CartoLayerTileLoader  *self);
SoupSession          *carto_layer_tile_loader_get_session    (CartoLayerTileLoader  *self);
CartoTileCache       *carto_layer_tile_loader_get_tile_cache (CartoLayerTileLoader  *self);
CartoTileDiskCache   *carto_layer_tile_loader_get_disk_cache (CartoLayerTileLoader  *self);
CartoLayergroup      *carto_layer_tile_loader_get_layergroup (CartoLayerTileLoader  *self);

void                  carto_layer_tile_loader_prepare        (CartoLayerTileLoader  *self);
void                  carto_layer_tile_loader_reload         (CartoLayerTileLoader  *self);
gboolean              carto_layer_tile_loader_check_map      (CartoLayerTileLoader  *self);

CartoMvtTile         *carto_layer_tile_loader_lookup         (CartoLayerTileLoader  *self,
                                                              const CartoTileCoord  *coord,
                                                              CartoLayergroup      **layergroup);
void                  carto_layer_tile_loader_load_async     (CartoLayerTileLoader  *self,
                                                              const CartoTileCoord  *coord,
                                                              GCancellable          *cancellable,
                                                              GAsyncReadyCallback    callback,
                                                              gpointer               user_data);
CartoMvtTile         *carto_layer_tile_loader_load_finish    (CartoLayerTileLoader  *self,
                                                              GAsyncResult          *result,
                                                              CartoLayergroup      **layergroup,
                                                              GError               **error);

G_END_DECLS
