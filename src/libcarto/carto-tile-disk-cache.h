/* carto-tile-disk-cache.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <gio/gio.h>

#include "carto-layergroup.h"
#include "carto-tile-coord.h"

G_BEGIN_DECLS

#define CARTO_TYPE_TILE_DISK_CACHE (carto_tile_disk_cache_get_type ())

G_DECLARE_FINAL_TYPE (CartoTileDiskCache, carto_tile_disk_cache, CARTO, TILE_DISK_CACHE, GObject)

CartoTileDiskCache *carto_tile_disk_cache_new               (const char           *directory,
                                                             guint64               max_bytes);
CartoTileDiskCache *carto_tile_disk_cache_get_default       (void);

const char         *carto_tile_disk_cache_get_directory     (CartoTileDiskCache   *self);
guint64             carto_tile_disk_cache_get_max_bytes     (CartoTileDiskCache   *self);

GBytes             *carto_tile_disk_cache_lookup            (CartoTileDiskCache   *self,
                                                             const char           *cache_id,
                                                             const CartoTileCoord *coord);
void                carto_tile_disk_cache_store_later       (CartoTileDiskCache   *self,
                                                             const char           *cache_id,
                                                             const CartoTileCoord *coord,
                                                             GBytes               *bytes);
gboolean            carto_tile_disk_cache_flush             (CartoTileDiskCache   *self,
                                                             guint                 timeout_ms);
char               *carto_tile_disk_cache_dup_path          (CartoTileDiskCache   *self,
                                                             const char           *cache_id,
                                                             const CartoTileCoord *coord);
guint64             carto_tile_disk_cache_trim              (CartoTileDiskCache   *self);

CartoLayergroup    *carto_tile_disk_cache_lookup_layergroup (CartoTileDiskCache   *self,
                                                             const char           *config_id);
gboolean            carto_tile_disk_cache_store_layergroup  (CartoTileDiskCache   *self,
                                                             const char           *config_id,
                                                             CartoLayergroup      *layergroup,
                                                             GError              **error);

G_END_DECLS
