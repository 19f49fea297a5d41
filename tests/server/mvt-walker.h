/* mvt-walker.h — a tiny independent MVT 2.1 reader for the server's tests
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint type;            /* 1 point, 2 line, 3 polygon */
  gint64 x;              /* the first MoveTo, in tile units */
  gint64 y;
  gboolean has_id_prop;
  gint64 cartodb_id;     /* the "cartodb_id" property */
  guint n_tags;
} MvtFeature;

typedef struct {
  char *name;
  guint version;
  guint extent;
  GPtrArray *keys;       /* char * */
  GArray *features;      /* MvtFeature */
} MvtLayer;

GPtrArray *mvt_walk       (const guint8 *data,
                           gsize         length,
                           GError      **error);
void       mvt_layer_free (MvtLayer     *layer);

G_END_DECLS
