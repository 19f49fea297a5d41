/* viewer-map-layers.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <carto.h>
#include <shumate/shumate.h>

G_BEGIN_DECLS

/**
 * ViewerPainterFactory:
 * @layer: a layer of the map
 * @user_data: the factory's data
 *
 * Returns: (transfer full): the painter that draws @layer's tiles
 */
typedef CartoTilePainter *(*ViewerPainterFactory) (CartoLayer *layer,
                                                   gpointer    user_data);

#define VIEWER_TYPE_MAP_LAYERS (viewer_map_layers_get_type ())
G_DECLARE_FINAL_TYPE (ViewerMapLayers, viewer_map_layers, VIEWER, MAP_LAYERS, GObject)

ViewerMapLayers  *viewer_map_layers_new              (ShumateSimpleMap     *map,
                                                      CartoMap             *model,
                                                      ViewerPainterFactory  factory,
                                                      gpointer              factory_data);
void              viewer_map_layers_set_scale_factor (ViewerMapLayers      *self,
                                                      guint                 scale_factor);
void              viewer_map_layers_set_anchor       (ViewerMapLayers      *self,
                                                      ShumateLayer         *anchor);
gboolean          viewer_map_layers_is_idle          (ViewerMapLayers      *self);
gboolean          viewer_map_layers_is_view_painted  (ViewerMapLayers      *self);
GPtrArray        *viewer_map_layers_dup_pickable     (ViewerMapLayers      *self);
ShumateLayer     *viewer_map_layers_get_top_layer    (ViewerMapLayers      *self);

G_END_DECLS
