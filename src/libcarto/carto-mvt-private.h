/* carto-mvt-private.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decoded tile's layout, for the renderer, the style resolver and hit
 * testing, which walk thousands of features per tile and should not pay a
 * function call per vertex.
 */

#pragma once

#include "carto-mvt.h"

G_BEGIN_DECLS

/* A point set, a line or a ring: a run of the tile's point array. */
typedef struct
{
  guint32 first_point;
  guint32 n_points;
  gboolean is_hole;
} CartoMvtPart;

struct _CartoMvtFeature
{
  const CartoMvtLayer *layer;
  guint64 id;
  guint32 first_tag;  /* pair index into layer->tags */
  guint32 n_tags;
  guint32 first_part; /* index into tile->parts */
  guint32 n_parts;
  guint8 type;
  guint8 has_id;
};

struct _CartoMvtLayer
{
  const CartoMvtTile *tile;
  char *name;
  guint version;
  guint extent;

  CartoMvtFeature *features;
  guint n_features;

  /* Keys and string values point into one arena per layer. */
  char **keys;
  guint n_keys;
  CartoMvtValue *values;
  guint n_values;
  char *strings;

  /* (key index, value index) pairs, checked against n_keys/n_values. */
  guint32 *tags;
  guint n_tags;

  int cartodb_id_key; /* -1 when the layer has no such key */
};

struct _CartoMvtTile
{
  gatomicrefcount ref_count;

  CartoMvtLayer *layers;
  guint n_layers;

  CartoMvtPart *parts;
  guint n_parts;
  CartoMvtPoint *points;
  guint n_points;
};

static inline const CartoMvtPart *
carto_mvt_feature_parts (const CartoMvtFeature *feature)
{
  return feature->layer->tile->parts + feature->first_part;
}

static inline const CartoMvtPoint *
carto_mvt_part_points (const CartoMvtFeature *feature,
                       const CartoMvtPart    *part)
{
  return feature->layer->tile->points + part->first_point;
}

/* The value of @key_index for @feature, or NULL. */
static inline const CartoMvtValue *
carto_mvt_feature_lookup_key (const CartoMvtFeature *feature,
                              int                    key_index)
{
  const CartoMvtLayer *layer = feature->layer;
  const guint32 *tags;

  /* A layer without tags has no tag array at all. */
  if (key_index < 0 || feature->n_tags == 0)
    return NULL;

  tags = layer->tags + 2 * (gsize) feature->first_tag;

  for (guint i = 0; i < feature->n_tags; i++)
    if (tags[2 * i] == (guint32) key_index)
      return &layer->values[tags[2 * i + 1]];

  return NULL;
}

int carto_mvt_layer_find_key (const CartoMvtLayer *layer,
                              const char          *key);

G_END_DECLS
