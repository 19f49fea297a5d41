/* mvt-encoder.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small Mapbox Vector Tile encoder for building test tiles, valid or
 * deliberately broken, without a protobuf compiler.
 */

#pragma once

#include <carto.h>

G_BEGIN_DECLS

/* Raw protobuf. */
void pb_varint          (GByteArray   *buf,
                         guint64       value);
void pb_key             (GByteArray   *buf,
                         guint         field,
                         guint         wire);
void pb_uint_field      (GByteArray   *buf,
                         guint         field,
                         guint64       value);
void pb_bytes_field     (GByteArray   *buf,
                         guint         field,
                         const void   *data,
                         gsize         len);
void pb_string_field    (GByteArray   *buf,
                         guint         field,
                         const char   *text);
void pb_packed_field    (GByteArray   *buf,
                         guint         field,
                         const guint32 *values,
                         guint         n_values);
void pb_double_field    (GByteArray   *buf,
                         guint         field,
                         double        value);
void pb_float_field     (GByteArray   *buf,
                         guint         field,
                         float         value);
GBytes *pb_to_bytes     (GByteArray   *buf);

/* Geometry command streams, with the cursor kept for us. */
typedef struct
{
  GArray *ints;
  gint64 cx;
  gint64 cy;
} MvtGeom;

MvtGeom *mvt_geom_new       (void);
void     mvt_geom_free      (MvtGeom       *geom);
void     mvt_geom_move_to   (MvtGeom       *geom,
                             const gint32  *xy,
                             guint          n_points);
void     mvt_geom_line_to   (MvtGeom       *geom,
                             const gint32  *xy,
                             guint          n_points);
void     mvt_geom_close     (MvtGeom       *geom);
void     mvt_geom_command   (MvtGeom       *geom,
                             guint          id,
                             guint          count);
void     mvt_geom_raw       (MvtGeom       *geom,
                             guint32        value);
MvtGeom *mvt_geom_point     (gint32         x,
                             gint32         y);
MvtGeom *mvt_geom_ring      (const gint32  *xy,
                             guint          n_points);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MvtGeom, mvt_geom_free)

/* Layers and features, with key and value tables deduplicated. */
typedef struct _MvtLayer MvtLayer;
typedef struct _MvtFeature MvtFeature;

MvtLayer   *mvt_layer_new          (const char   *name,
                                    guint         version,
                                    guint         extent);
void        mvt_layer_free         (MvtLayer     *layer);
MvtFeature *mvt_layer_add_feature  (MvtLayer     *layer,
                                    CartoMvtGeomType type,
                                    MvtGeom      *geom);
void        mvt_feature_set_id     (MvtFeature   *feature,
                                    guint64       id);
void        mvt_feature_add_string (MvtFeature   *feature,
                                    const char   *key,
                                    const char   *value);
void        mvt_feature_add_int    (MvtFeature   *feature,
                                    const char   *key,
                                    gint64        value);
void        mvt_feature_add_sint   (MvtFeature   *feature,
                                    const char   *key,
                                    gint64        value);
void        mvt_feature_add_uint   (MvtFeature   *feature,
                                    const char   *key,
                                    guint64       value);
void        mvt_feature_add_double (MvtFeature   *feature,
                                    const char   *key,
                                    double        value);
void        mvt_feature_add_float  (MvtFeature   *feature,
                                    const char   *key,
                                    float         value);
void        mvt_feature_add_bool   (MvtFeature   *feature,
                                    const char   *key,
                                    gboolean      value);
GByteArray *mvt_layer_encode       (MvtLayer     *layer);
GBytes     *mvt_tile_encode        (MvtLayer     *layer,
                                    ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MvtLayer, mvt_layer_free)

G_END_DECLS
