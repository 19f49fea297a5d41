/* carto-layer-painter.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <libsoup/soup.h>

#include "carto-layer.h"
#include "carto-layergroup.h"
#include "carto-tile-cache.h"
#include "carto-tile-disk-cache.h"
#include "carto-tile-painter.h"

G_BEGIN_DECLS

#define CARTO_TYPE_LAYER_PAINTER (carto_layer_painter_get_type ())

G_DECLARE_FINAL_TYPE (CartoLayerPainter, carto_layer_painter, CARTO, LAYER_PAINTER, GObject)

CartoLayerPainter  *carto_layer_painter_new            (CartoLayer          *layer,
                                                        SoupSession         *session);
CartoLayerPainter  *carto_layer_painter_new_full       (CartoLayer          *layer,
                                                        SoupSession         *session,
                                                        CartoTileCache      *tile_cache,
                                                        CartoTileDiskCache  *disk_cache);

CartoLayer         *carto_layer_painter_get_layer      (CartoLayerPainter   *self);
CartoTileCache     *carto_layer_painter_get_tile_cache (CartoLayerPainter   *self);
CartoTileDiskCache *carto_layer_painter_get_disk_cache (CartoLayerPainter   *self);
CartoLayergroup    *carto_layer_painter_get_layergroup (CartoLayerPainter   *self);

void                carto_layer_painter_reload         (CartoLayerPainter   *self);

gboolean            carto_layer_painter_pick           (CartoLayerPainter   *self,
                                                        guint                zoom,
                                                        double               longitude,
                                                        double               latitude,
                                                        double               tolerance,
                                                        gint64              *cartodb_id);
void                carto_layer_painter_pick_async     (CartoLayerPainter   *self,
                                                        guint                zoom,
                                                        double               longitude,
                                                        double               latitude,
                                                        double               tolerance,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean            carto_layer_painter_pick_finish    (CartoLayerPainter   *self,
                                                        GAsyncResult        *result,
                                                        gboolean            *found,
                                                        gint64              *cartodb_id,
                                                        GError             **error);

G_END_DECLS
