/* carto-tile-coord.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "carto-tile-coord.h"

/**
 * carto_tile_coord_is_valid:
 * @coord: a tile
 *
 * Returns: whether x and y lie inside the 2^zoom × 2^zoom grid.
 */
gboolean
carto_tile_coord_is_valid (const CartoTileCoord *coord)
{
  g_return_val_if_fail (coord != NULL, FALSE);

  if (coord->zoom > 30)
    return FALSE;

  return coord->x < (1u << coord->zoom) && coord->y < (1u << coord->zoom);
}

/**
 * carto_lonlat_to_world:
 * @longitude: degrees
 * @latitude: degrees, clamped to the Mercator limit
 * @x: (out): 0..1 from the antimeridian eastwards
 * @y: (out): 0..1 from the north edge southwards
 *
 * Projects to normalised Web Mercator "world" coordinates, the unit square
 * every zoom level scales up.
 */
void
carto_lonlat_to_world (double  longitude,
                       double  latitude,
                       double *x,
                       double *y)
{
  double lat = CLAMP (latitude, -CARTO_MAX_LATITUDE, CARTO_MAX_LATITUDE);
  double s = sin (lat * G_PI / 180.0);

  *x = (longitude + 180.0) / 360.0;
  *y = 0.5 - log ((1.0 + s) / (1.0 - s)) / (4.0 * G_PI);
}

/**
 * carto_world_to_lonlat:
 * @x: normalised world x
 * @y: normalised world y
 * @longitude: (out): degrees
 * @latitude: (out): degrees
 *
 * Inverse of carto_lonlat_to_world().
 */
void
carto_world_to_lonlat (double  x,
                       double  y,
                       double *longitude,
                       double *latitude)
{
  *longitude = x * 360.0 - 180.0;
  *latitude = 90.0 - 360.0 * atan (exp ((y - 0.5) * 2.0 * G_PI)) / G_PI;
}

/**
 * carto_tile_coord_get_bounds:
 * @coord: a valid tile
 * @bounds: (out caller-allocates): the longitude/latitude box it covers
 */
void
carto_tile_coord_get_bounds (const CartoTileCoord *coord,
                             CartoBounds          *bounds)
{
  double n;

  g_return_if_fail (coord != NULL);
  g_return_if_fail (bounds != NULL);

  n = ldexp (1.0, (int) coord->zoom);
  carto_world_to_lonlat (coord->x / n, coord->y / n, &bounds->west, &bounds->north);
  carto_world_to_lonlat ((coord->x + 1) / n, (coord->y + 1) / n, &bounds->east, &bounds->south);
}

/**
 * carto_lonlat_to_tile_pixel:
 * @coord: the tile being drawn
 * @tile_size: its size in device pixels
 * @longitude: degrees
 * @latitude: degrees
 * @px: (out): pixel x inside the tile (may fall outside 0..tile_size)
 * @py: (out): pixel y inside the tile
 */
void
carto_lonlat_to_tile_pixel (const CartoTileCoord *coord,
                            double                tile_size,
                            double                longitude,
                            double                latitude,
                            double               *px,
                            double               *py)
{
  double wx, wy;
  double n = ldexp (1.0, (int) coord->zoom);

  carto_lonlat_to_world (longitude, latitude, &wx, &wy);
  *px = (wx * n - coord->x) * tile_size;
  *py = (wy * n - coord->y) * tile_size;
}
