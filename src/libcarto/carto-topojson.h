/* carto-topojson.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <gio/gio.h>

#include "carto-tile-coord.h"

G_BEGIN_DECLS

#define CARTO_TOPOJSON_ERROR (carto_topojson_error_quark ())

typedef enum
{
  CARTO_TOPOJSON_ERROR_FAILED,
  CARTO_TOPOJSON_ERROR_INVALID,
  CARTO_TOPOJSON_ERROR_NO_SUCH_OBJECT,
} CartoTopojsonError;

GQuark carto_topojson_error_quark (void);

/**
 * CartoGeoRing:
 * @first: index of the ring's first point in the collection's point array
 * @n_points: number of points (the ring is closed: first == last)
 */
typedef struct
{
  guint first;
  guint n_points;
} CartoGeoRing;

/**
 * CartoGeoFeature:
 * @id: (nullable): the geometry's `id` (for world-atlas, ISO 3166 numeric)
 * @name: (nullable): the `name` property
 * @bounds: longitude/latitude box of the feature; for a feature that
 *   crosses the antimeridian, west or east lies beyond ±180
 * @world_bounds: the same box in normalised Web Mercator (x0, y0, x1, y1);
 *   x may then lie outside 0..1
 * @first_ring: index of the feature's first ring
 * @n_rings: number of rings (exteriors and holes, drawn even-odd)
 *
 * One polygonal feature. Points are stored in normalised Web Mercator
 * ("world") coordinates so painting a tile is one scale and translation.
 */
typedef struct
{
  char *id;
  char *name;
  CartoBounds bounds;
  double world_bounds[4];
  guint first_ring;
  guint n_rings;
} CartoGeoFeature;

typedef struct _CartoGeoCollection CartoGeoCollection;

#define CARTO_TYPE_GEO_COLLECTION (carto_geo_collection_get_type ())

GType                  carto_geo_collection_get_type       (void);
CartoGeoCollection    *carto_topojson_decode               (GBytes                   *json,
                                                            const char               *object_name,
                                                            GError                  **error);
CartoGeoCollection    *carto_geo_collection_ref            (CartoGeoCollection       *self);
void                   carto_geo_collection_unref          (CartoGeoCollection       *self);
guint                  carto_geo_collection_get_n_features (const CartoGeoCollection *self);
const CartoGeoFeature *carto_geo_collection_get_feature    (const CartoGeoCollection *self,
                                                            guint                     index);
const CartoGeoRing    *carto_geo_collection_get_ring       (const CartoGeoCollection *self,
                                                            guint                     index);
const double          *carto_geo_collection_get_points     (const CartoGeoCollection *self,
                                                            guint                    *n_points);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartoGeoCollection, carto_geo_collection_unref)

G_END_DECLS
