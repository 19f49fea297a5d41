/* carto-tile-cache.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <glib-object.h>

#include "carto-mvt.h"
#include "carto-tile-coord.h"

G_BEGIN_DECLS

#define CARTO_TYPE_TILE_CACHE (carto_tile_cache_get_type ())

G_DECLARE_FINAL_TYPE (CartoTileCache, carto_tile_cache, CARTO, TILE_CACHE, GObject)

CartoTileCache *carto_tile_cache_new          (guint                 max_tiles,
                                               gsize                 max_bytes);
CartoTileCache *carto_tile_cache_get_default  (void);

CartoMvtTile   *carto_tile_cache_lookup       (CartoTileCache       *self,
                                               const char           *cache_id,
                                               const CartoTileCoord *coord);
void            carto_tile_cache_insert       (CartoTileCache       *self,
                                               const char           *cache_id,
                                               const CartoTileCoord *coord,
                                               CartoMvtTile         *tile,
                                               gsize                 cost);
void            carto_tile_cache_clear        (CartoTileCache       *self);

guint           carto_tile_cache_get_n_tiles  (CartoTileCache       *self);
gsize           carto_tile_cache_get_size     (CartoTileCache       *self);
guint           carto_tile_cache_get_max_tiles (CartoTileCache      *self);
gsize           carto_tile_cache_get_max_bytes (CartoTileCache      *self);

G_END_DECLS
