/* carto-tile-coord.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/* Web Mercator (EPSG:3857) latitude limit: the square world of XYZ tiles. */
#define CARTO_MAX_LATITUDE 85.0511287798066

/**
 * CartoBounds:
 * A longitude/latitude box in degrees (WGS 84).
 */
typedef struct
{
  double west;
  double south;
  double east;
  double north;
} CartoBounds;

/**
 * CartoTileCoord:
 * One XYZ tile (OSM/Google scheme: y grows southwards).
 */
typedef struct
{
  guint zoom;
  guint x;
  guint y;
} CartoTileCoord;

gboolean carto_tile_coord_is_valid      (const CartoTileCoord *coord);
void     carto_tile_coord_get_bounds    (const CartoTileCoord *coord,
                                         CartoBounds          *bounds);
void     carto_lonlat_to_world          (double                longitude,
                                         double                latitude,
                                         double               *x,
                                         double               *y);
void     carto_world_to_lonlat          (double                x,
                                         double                y,
                                         double               *longitude,
                                         double               *latitude);
void     carto_lonlat_to_tile_pixel     (const CartoTileCoord *coord,
                                         double                tile_size,
                                         double                longitude,
                                         double                latitude,
                                         double               *px,
                                         double               *py);

G_END_DECLS
