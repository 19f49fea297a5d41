/* viewer-world-map.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The embedded world map (Natural Earth countries in the GResource) as a
 * map source, for the main map and for the dataset thumbnails alike, so
 * both draw the same map with the same attribution.
 */

#include "config.h"

#include <adwaita.h>

#include "viewer-world-map.h"

/**
 * viewer_world_painter_new:
 *
 * Returns: (transfer full): a painter of the embedded world map, in the
 *   current light or dark style (follow later changes with
 *   carto_world_painter_set_dark())
 */
CartoWorldPainter *
viewer_world_painter_new (void)
{
  g_autoptr(GBytes) world = NULL;
  CartoWorldPainter *painter;

  world = g_resources_lookup_data (RESOURCE_PATH "/world/countries-110m.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  /* Compiled into the binary: missing means a broken build. */
  g_assert (world != NULL);

  painter = carto_world_painter_new (world);
  carto_world_painter_set_dark (painter, adw_style_manager_get_dark (adw_style_manager_get_default ()));

  return painter;
}

/**
 * viewer_world_map_source_new:
 * @painter: the world painter
 * @id: the source id; libshumate caches tiles under it, so give a new one
 *   whenever the painter's pixels change
 * @scale_factor: the widget's scale factor
 *
 * Returns: (transfer full): a map source drawing @painter, named and
 *   attributed as the embedded basemap
 */
ViewerTileSource *
viewer_world_map_source_new (CartoWorldPainter *painter,
                             const char        *id,
                             guint              scale_factor)
{
  ViewerTileSource *source;

  g_return_val_if_fail (CARTO_IS_WORLD_PAINTER (painter), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  source = viewer_tile_source_new (CARTO_TILE_PAINTER (painter), id, MAX (scale_factor, 1));
  shumate_map_source_set_name (SHUMATE_MAP_SOURCE (source), carto_basemap_get_title (CARTO_BASEMAP_EMBEDDED));
  shumate_map_source_set_license (SHUMATE_MAP_SOURCE (source), carto_basemap_get_attribution (CARTO_BASEMAP_EMBEDDED));
  shumate_map_source_set_license_uri (SHUMATE_MAP_SOURCE (source), carto_basemap_get_attribution_uri (CARTO_BASEMAP_EMBEDDED));

  return source;
}
