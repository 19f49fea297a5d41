/* carto-hit-test.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which feature is under the pointer, answered from the decoded geometry
 * with the shapes the renderer draws: the same symbol sizes from the same
 * style, the same nonzero rule for polygons. No round trip to the server.
 */

#include "config.h"

#include <math.h>

#include "carto-hit-test.h"
#include "carto-style-private.h"

/* Squared distance from (px, py) to the segment a–b. */
static double
segment_distance2 (double px,
                   double py,
                   double ax,
                   double ay,
                   double bx,
                   double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = 0.0;

  if (len2 > 0)
    t = CLAMP (((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0);

  dx = ax + t * dx - px;
  dy = ay + t * dy - py;
  return dx * dx + dy * dy;
}

/* In tile units: the nonzero winding number over every ring, which is
 * what cairo fills, so holes (wound the other way) are not hits. */
static gboolean
polygon_contains (const CartoMvtFeature *feature,
                  double                 px,
                  double                 py)
{
  int winding = 0;

  for (guint p = 0; p < feature->n_parts; p++)
    {
      const CartoMvtPart *part = carto_mvt_feature_parts (feature) + p;
      const CartoMvtPoint *pts = carto_mvt_part_points (feature, part);

      for (guint i = 0, j = part->n_points - 1; i < part->n_points; j = i++)
        {
          double ax = pts[j].x, ay = pts[j].y, bx = pts[i].x, by = pts[i].y;
          double side = (bx - ax) * (py - ay) - (px - ax) * (by - ay);

          if (ay <= py)
            {
              if (by > py && side > 0)
                winding++;
            }
          else if (by <= py && side < 0)
            winding--;
        }
    }

  return winding != 0;
}

static gboolean
feature_hit (const CartoMvtFeature *feature,
             const CartoSymbol     *symbol,
             double                 scale,
             double                 x,
             double                 y,
             double                 tolerance)
{
  double reach;

  switch (feature->type)
    {
    case CARTO_MVT_GEOM_POINT:
      reach = symbol->size / 2 + symbol->stroke_width / 2 + tolerance;
      for (guint p = 0; p < feature->n_parts; p++)
        {
          const CartoMvtPart *part = carto_mvt_feature_parts (feature) + p;
          const CartoMvtPoint *pts = carto_mvt_part_points (feature, part);

          for (guint i = 0; i < part->n_points; i++)
            {
              double dx = pts[i].x * scale - x, dy = pts[i].y * scale - y;

              if (dx * dx + dy * dy <= reach * reach)
                return TRUE;
            }
        }
      return FALSE;

    case CARTO_MVT_GEOM_LINESTRING:
      reach = symbol->size / 2 + tolerance;
      for (guint p = 0; p < feature->n_parts; p++)
        {
          const CartoMvtPart *part = carto_mvt_feature_parts (feature) + p;
          const CartoMvtPoint *pts = carto_mvt_part_points (feature, part);

          for (guint i = 1; i < part->n_points; i++)
            if (segment_distance2 (x, y,
                                   pts[i - 1].x * scale, pts[i - 1].y * scale,
                                   pts[i].x * scale, pts[i].y * scale) <= reach * reach)
              return TRUE;
        }
      return FALSE;

    case CARTO_MVT_GEOM_POLYGON:
      return polygon_contains (feature, x / scale, y / scale);

    case CARTO_MVT_GEOM_UNKNOWN:
    default:
      return FALSE;
    }
}

/**
 * carto_hit_test_find_feature:
 * @tile: a decoded tile
 * @layer_name: (nullable): the layer to search, or %NULL for all
 * @style: the style the tile is drawn with: point and line sizes count
 * @request: the tile; only its logical size is used
 * @x: logical pixels from the tile's left edge
 * @y: logical pixels from the tile's top edge
 * @tolerance: extra logical pixels around points and lines, so thin
 *   lines and small points can be hit (a few pixels, more for touch)
 *
 * Finds the topmost feature drawn at (@x, @y): the last one in drawing
 * order whose point symbol or line reaches within @tolerance, or whose
 * polygon contains the position (not its holes). Features from the
 * tile's buffer count, so a point drawn across the edge is found from
 * either tile. Thread-safe.
 *
 * Returns: (transfer none) (nullable): the feature, valid while @tile
 *   lives; ask it carto_mvt_feature_get_cartodb_id()
 */
const CartoMvtFeature *
carto_hit_test_find_feature (CartoMvtTile           *tile,
                             const char             *layer_name,
                             CartoStyle             *style,
                             const CartoTileRequest *request,
                             double                  x,
                             double                  y,
                             double                  tolerance)
{
  g_return_val_if_fail (tile != NULL, NULL);
  g_return_val_if_fail (CARTO_IS_STYLE (style), NULL);
  g_return_val_if_fail (request != NULL && request->tile_size > 0, NULL);
  g_return_val_if_fail (tolerance >= 0, NULL);

  for (guint l = tile->n_layers; l-- > 0;)
    {
      const CartoMvtLayer *layer = &tile->layers[l];
      const CartoMvtFeature *found = NULL;
      CartoStyleResolver resolver;
      double scale = (double) request->tile_size / layer->extent;

      if (layer_name != NULL && g_strcmp0 (layer->name, layer_name) != 0)
        continue;

      carto_style_resolver_init (&resolver, style, layer);
      for (guint i = layer->n_features; i-- > 0 && found == NULL;)
        {
          const CartoMvtFeature *feature = &layer->features[i];
          const CartoSymbol *symbol = carto_style_resolver_get (&resolver, feature);

          if (feature_hit (feature, symbol, scale, x, y, tolerance))
            found = feature;
        }
      carto_style_resolver_clear (&resolver);

      if (found != NULL)
        return found;
    }

  return NULL;
}
