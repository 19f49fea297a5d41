/* carto-tile-fetcher.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <libsoup/soup.h>

#include "carto-credentials.h"
#include "carto-layergroup.h"
#include "carto-maps-client.h"
#include "carto-tile-coord.h"
#include "carto-tile-disk-cache.h"

G_BEGIN_DECLS

#define CARTO_TYPE_TILE_FETCHER (carto_tile_fetcher_get_type ())

G_DECLARE_FINAL_TYPE (CartoTileFetcher, carto_tile_fetcher, CARTO, TILE_FETCHER, GObject)

CartoTileFetcher     *carto_tile_fetcher_new                    (SoupSession          *session,
                                                                 CartoCredentials     *credentials,
                                                                 const char           *sql,
                                                                 CartoMapsConfigFlags  flags,
                                                                 CartoTileDiskCache   *disk_cache);

SoupSession          *carto_tile_fetcher_get_session            (CartoTileFetcher     *self);
CartoCredentials     *carto_tile_fetcher_get_credentials        (CartoTileFetcher     *self);
const char           *carto_tile_fetcher_get_sql                (CartoTileFetcher     *self);
CartoMapsConfigFlags  carto_tile_fetcher_get_flags              (CartoTileFetcher     *self);
CartoLayergroup      *carto_tile_fetcher_get_layergroup         (CartoTileFetcher     *self);
gboolean              carto_tile_fetcher_get_offline            (CartoTileFetcher     *self);
guint                 carto_tile_fetcher_get_n_instantiations   (CartoTileFetcher     *self);

void                  carto_tile_fetcher_ensure_layergroup_async  (CartoTileFetcher    *self,
                                                                   GCancellable        *cancellable,
                                                                   GAsyncReadyCallback  callback,
                                                                   gpointer             user_data);
CartoLayergroup      *carto_tile_fetcher_ensure_layergroup_finish (CartoTileFetcher    *self,
                                                                   GAsyncResult        *result,
                                                                   GError             **error);

void                  carto_tile_fetcher_fetch_async            (CartoTileFetcher     *self,
                                                                 CartoLayergroup      *layergroup,
                                                                 const CartoTileCoord *coord,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
GBytes               *carto_tile_fetcher_fetch_finish           (CartoTileFetcher     *self,
                                                                 GAsyncResult         *result,
                                                                 CartoLayergroup     **layergroup,
                                                                 GError              **error);

void                  carto_tile_fetcher_reset                  (CartoTileFetcher     *self);

G_END_DECLS
