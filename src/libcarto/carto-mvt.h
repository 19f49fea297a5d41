/* carto-mvt.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CARTO_MVT_ERROR:
 *
 * Error domain of the vector tile decoder. Errors use #CartoMvtError.
 */
#define CARTO_MVT_ERROR (carto_mvt_error_quark ())

/**
 * CartoMvtError:
 * @CARTO_MVT_ERROR_FAILED: any other problem
 * @CARTO_MVT_ERROR_TRUNCATED: the data ends inside a value, or a length or
 *   count runs past the end of its message
 * @CARTO_MVT_ERROR_MALFORMED: not valid protobuf for the schema: bad wire
 *   type or field number, overlong varint, repeated singular field,
 *   invalid UTF-8, duplicate layer name
 * @CARTO_MVT_ERROR_UNSUPPORTED_VERSION: a layer version other than 1 or 2
 * @CARTO_MVT_ERROR_BAD_EXTENT: a layer extent of 0 or above
 *   %CARTO_MVT_MAX_EXTENT
 * @CARTO_MVT_ERROR_BAD_TAGS: an odd tag count or a tag index out of range
 * @CARTO_MVT_ERROR_BAD_GEOMETRY: an unknown command or geometry type, or
 *   commands that do not form the declared geometry type
 * @CARTO_MVT_ERROR_BAD_VALUE: a value without exactly one typed field
 * @CARTO_MVT_ERROR_MISSING_FIELD: a required field (layer name or version,
 *   feature geometry) is absent
 *
 * Why a tile was rejected.
 */
typedef enum
{
  CARTO_MVT_ERROR_FAILED,
  CARTO_MVT_ERROR_TRUNCATED,
  CARTO_MVT_ERROR_MALFORMED,
  CARTO_MVT_ERROR_UNSUPPORTED_VERSION,
  CARTO_MVT_ERROR_BAD_EXTENT,
  CARTO_MVT_ERROR_BAD_TAGS,
  CARTO_MVT_ERROR_BAD_GEOMETRY,
  CARTO_MVT_ERROR_BAD_VALUE,
  CARTO_MVT_ERROR_MISSING_FIELD,
} CartoMvtError;

/**
 * CARTO_MVT_MAX_EXTENT:
 *
 * The largest layer extent the decoder accepts. Real tiles use 4096 (our
 * Maps API requests) up to 16384; anything beyond 2^20 is hostile input.
 */
#define CARTO_MVT_MAX_EXTENT (1u << 20)

/**
 * CartoMvtGeomType:
 * @CARTO_MVT_GEOM_UNKNOWN: no usable geometry; the feature is kept for its
 *   properties but never drawn
 * @CARTO_MVT_GEOM_POINT: one or more points (a multipoint)
 * @CARTO_MVT_GEOM_LINESTRING: one or more lines
 * @CARTO_MVT_GEOM_POLYGON: one or more polygons, each an exterior ring
 *   followed by its holes
 *
 * The geometry types of the MVT 2.1 spec, with its numbering.
 */
typedef enum
{
  CARTO_MVT_GEOM_UNKNOWN = 0,
  CARTO_MVT_GEOM_POINT = 1,
  CARTO_MVT_GEOM_LINESTRING = 2,
  CARTO_MVT_GEOM_POLYGON = 3,
} CartoMvtGeomType;

/**
 * CartoMvtValueType:
 * @CARTO_MVT_VALUE_STRING: `string`
 * @CARTO_MVT_VALUE_FLOAT: `float`, widened into `double_value`
 * @CARTO_MVT_VALUE_DOUBLE: `double`
 * @CARTO_MVT_VALUE_INT: `int64`
 * @CARTO_MVT_VALUE_UINT: `uint64`
 * @CARTO_MVT_VALUE_SINT: `sint64` (zigzag on the wire), in `int_value`
 * @CARTO_MVT_VALUE_BOOL: `bool`
 *
 * The wire type a property value had. PostGIS writes integers as `int64`
 * or `sint64` and reals as `double` or `float`.
 */
typedef enum
{
  CARTO_MVT_VALUE_STRING,
  CARTO_MVT_VALUE_FLOAT,
  CARTO_MVT_VALUE_DOUBLE,
  CARTO_MVT_VALUE_INT,
  CARTO_MVT_VALUE_UINT,
  CARTO_MVT_VALUE_SINT,
  CARTO_MVT_VALUE_BOOL,
} CartoMvtValueType;

/**
 * CartoMvtValue:
 * @type: which member holds the value
 * @string: for %CARTO_MVT_VALUE_STRING: valid UTF-8, owned by the tile
 * @double_value: for %CARTO_MVT_VALUE_FLOAT and %CARTO_MVT_VALUE_DOUBLE
 * @int_value: for %CARTO_MVT_VALUE_INT and %CARTO_MVT_VALUE_SINT
 * @uint_value: for %CARTO_MVT_VALUE_UINT
 * @bool_value: for %CARTO_MVT_VALUE_BOOL
 *
 * A typed property value, owned by its tile.
 */
typedef struct
{
  CartoMvtValueType type;
  union
  {
    const char *string;
    double double_value;
    gint64 int_value;
    guint64 uint_value;
    gboolean bool_value;
  };
} CartoMvtValue;

/**
 * CartoMvtPoint:
 * @x: tile units from the left edge (may be negative or beyond the
 *   extent: features reach into the tile buffer)
 * @y: tile units from the top edge, growing downwards
 *
 * One decoded vertex, in absolute tile coordinates.
 */
typedef struct
{
  gint32 x;
  gint32 y;
} CartoMvtPoint;

typedef struct _CartoMvtTile CartoMvtTile;
typedef struct _CartoMvtLayer CartoMvtLayer;
typedef struct _CartoMvtFeature CartoMvtFeature;

#define CARTO_TYPE_MVT_TILE (carto_mvt_tile_get_type ())

GQuark                 carto_mvt_error_quark             (void);
GType                  carto_mvt_tile_get_type           (void);

CartoMvtTile          *carto_mvt_tile_decode             (GBytes                 *bytes,
                                                          GError                **error);
CartoMvtTile          *carto_mvt_tile_ref                (CartoMvtTile           *tile);
void                   carto_mvt_tile_unref              (CartoMvtTile           *tile);
guint                  carto_mvt_tile_get_n_layers       (CartoMvtTile           *tile);
const CartoMvtLayer   *carto_mvt_tile_get_layer          (CartoMvtTile           *tile,
                                                          guint                   index);
const CartoMvtLayer   *carto_mvt_tile_find_layer         (CartoMvtTile           *tile,
                                                          const char             *name);
guint                  carto_mvt_tile_get_n_features     (CartoMvtTile           *tile);

const char            *carto_mvt_layer_get_name          (const CartoMvtLayer    *layer);
guint                  carto_mvt_layer_get_version       (const CartoMvtLayer    *layer);
guint                  carto_mvt_layer_get_extent        (const CartoMvtLayer    *layer);
guint                  carto_mvt_layer_get_n_features    (const CartoMvtLayer    *layer);
const CartoMvtFeature *carto_mvt_layer_get_feature       (const CartoMvtLayer    *layer,
                                                          guint                   index);
guint                  carto_mvt_layer_get_n_keys        (const CartoMvtLayer    *layer);
const char            *carto_mvt_layer_get_key           (const CartoMvtLayer    *layer,
                                                          guint                   index);
const CartoMvtFeature *carto_mvt_layer_find_by_cartodb_id (const CartoMvtLayer   *layer,
                                                          gint64                  cartodb_id);

const CartoMvtLayer   *carto_mvt_feature_get_layer       (const CartoMvtFeature  *feature);
CartoMvtGeomType       carto_mvt_feature_get_geom_type   (const CartoMvtFeature  *feature);
gboolean               carto_mvt_feature_get_id          (const CartoMvtFeature  *feature,
                                                          guint64                *id);
gboolean               carto_mvt_feature_get_cartodb_id  (const CartoMvtFeature  *feature,
                                                          gint64                 *cartodb_id);
guint                  carto_mvt_feature_get_n_properties (const CartoMvtFeature *feature);
const CartoMvtValue   *carto_mvt_feature_get_nth_property (const CartoMvtFeature *feature,
                                                          guint                   index,
                                                          const char            **key);
const CartoMvtValue   *carto_mvt_feature_get_property    (const CartoMvtFeature  *feature,
                                                          const char             *key);
guint                  carto_mvt_feature_get_n_parts     (const CartoMvtFeature  *feature);
const CartoMvtPoint   *carto_mvt_feature_get_part        (const CartoMvtFeature  *feature,
                                                          guint                   index,
                                                          guint                  *n_points,
                                                          gboolean               *is_hole);

gboolean               carto_mvt_value_get_double        (const CartoMvtValue    *value,
                                                          double                 *number);
gboolean               carto_mvt_value_get_int64         (const CartoMvtValue    *value,
                                                          gint64                 *number);
char                  *carto_mvt_value_to_string         (const CartoMvtValue    *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartoMvtTile, carto_mvt_tile_unref)

G_END_DECLS
