/* carto-maps-client.h
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

G_BEGIN_DECLS

/**
 * CARTO_MAPS_TILE_BUFFER:
 *
 * Pixels (of a 256-pixel tile) of the neighbouring tiles that each tile
 * carries: the MapConfig's `buffersize.mvt`. Windshaft's default is 64,
 * which makes a tile of points hold 2.25 times the points it shows; CARTO's
 * own deck.gl layers ask for 16. 32 holds the largest symbol a style may
 * draw (%CARTO_SYMBOL_MAX_SIZE), so points still cross tile edges
 * without a seam, at 1.56 times the points.
 */
#define CARTO_MAPS_TILE_BUFFER 32

/**
 * CARTO_MAPS_ERROR:
 *
 * Error domain of the Maps API: map instantiation and tiles. Errors use
 * #CartoMapsError.
 */
#define CARTO_MAPS_ERROR (carto_maps_error_quark ())

/**
 * CartoMapsError:
 * @CARTO_MAPS_ERROR_FAILED: anything else
 * @CARTO_MAPS_ERROR_INVALID_SQL: the layer's query or configuration was
 *   refused (syntax error, missing column…); the message is the server's
 * @CARTO_MAPS_ERROR_PERMISSION_DENIED: the key may not read the data
 *   (a private table with a public key, a key without the `maps` grant)
 * @CARTO_MAPS_ERROR_INVALID_KEY: the server does not know the API key
 * @CARTO_MAPS_ERROR_NOT_FOUND: no such table, user or map
 * @CARTO_MAPS_ERROR_RATE_LIMITED: over the server's rate limits or quota
 * @CARTO_MAPS_ERROR_TIMEOUT: the query or the server took too long
 * @CARTO_MAPS_ERROR_SERVER: the server failed (5xx)
 * @CARTO_MAPS_ERROR_NETWORK: the server could not be reached
 * @CARTO_MAPS_ERROR_BAD_RESPONSE: an answer we cannot read
 * @CARTO_MAPS_ERROR_EXPIRED: the map (layergroup) expired on the server;
 *   instantiate it again
 * @CARTO_MAPS_ERROR_NO_ACCOUNT: no credentials: the layer has no account
 *   and there is no default account
 *
 * Why a map or a tile could not be had. Messages are the server's own
 * when it sent one (never with an API key), else translated.
 */
typedef enum
{
  CARTO_MAPS_ERROR_FAILED,
  CARTO_MAPS_ERROR_INVALID_SQL,
  CARTO_MAPS_ERROR_PERMISSION_DENIED,
  CARTO_MAPS_ERROR_INVALID_KEY,
  CARTO_MAPS_ERROR_NOT_FOUND,
  CARTO_MAPS_ERROR_RATE_LIMITED,
  CARTO_MAPS_ERROR_TIMEOUT,
  CARTO_MAPS_ERROR_SERVER,
  CARTO_MAPS_ERROR_NETWORK,
  CARTO_MAPS_ERROR_BAD_RESPONSE,
  CARTO_MAPS_ERROR_EXPIRED,
  CARTO_MAPS_ERROR_NO_ACCOUNT,
} CartoMapsError;

/**
 * CartoMapsConfigFlags:
 * @CARTO_MAPS_CONFIG_FLAGS_NONE: every feature in the tiles
 *   (`"aggregation": false`)
 * @CARTO_MAPS_CONFIG_AGGREGATE: let the server aggregate points into a
 *   grid, whatever their number (one sample row per cell, with
 *   `_cdb_feature_count`)
 *
 * Options of the MapConfig of one vector layer.
 */
typedef enum /*< flags >*/
{
  CARTO_MAPS_CONFIG_FLAGS_NONE = 0,
  CARTO_MAPS_CONFIG_AGGREGATE = 1 << 0,
} CartoMapsConfigFlags;

GQuark           carto_maps_error_quark              (void);

char            *carto_maps_client_build_config      (const char           *sql,
                                                      CartoMapsConfigFlags  flags);

void             carto_maps_client_instantiate_async  (SoupSession          *session,
                                                       CartoCredentials     *credentials,
                                                       const char           *sql,
                                                       CartoMapsConfigFlags  flags,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
CartoLayergroup *carto_maps_client_instantiate_finish (GAsyncResult         *result,
                                                       GError              **error);

G_END_DECLS
