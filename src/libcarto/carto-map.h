/* carto-map.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <gio/gio.h>

#include "carto-basemap.h"
#include "carto-layer.h"
#include "carto-tile-coord.h"

G_BEGIN_DECLS

#define CARTO_TYPE_MAP (carto_map_get_type ())

G_DECLARE_FINAL_TYPE (CartoMap, carto_map, CARTO, MAP, GObject)

CartoMap     *carto_map_new            (void);

CartoLayer   *carto_map_get_layer      (CartoMap          *self,
                                        guint              position);
guint         carto_map_get_n_layers   (CartoMap          *self);
gboolean      carto_map_find_layer     (CartoMap          *self,
                                        CartoLayer        *layer,
                                        guint             *position);
void          carto_map_append_layer   (CartoMap          *self,
                                        CartoLayer        *layer);
void          carto_map_insert_layer   (CartoMap          *self,
                                        guint              position,
                                        CartoLayer        *layer);
void          carto_map_remove_layer   (CartoMap          *self,
                                        guint              position);
void          carto_map_move_layer     (CartoMap          *self,
                                        guint              from,
                                        guint              to);

CartoBasemap  carto_map_get_basemap    (CartoMap          *self);
void          carto_map_set_basemap    (CartoMap          *self,
                                        CartoBasemap       basemap);

double        carto_map_get_latitude   (CartoMap          *self);
double        carto_map_get_longitude  (CartoMap          *self);
double        carto_map_get_zoom       (CartoMap          *self);
void          carto_map_set_center     (CartoMap          *self,
                                        double             latitude,
                                        double             longitude);
void          carto_map_set_zoom       (CartoMap          *self,
                                        double             zoom);
gboolean      carto_map_get_bounds     (CartoMap          *self,
                                        CartoBounds       *bounds);
void          carto_map_set_bounds     (CartoMap          *self,
                                        const CartoBounds *bounds);

G_END_DECLS
