/* carto-hit-test.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include "carto-mvt.h"
#include "carto-style.h"
#include "carto-tile-painter.h"

G_BEGIN_DECLS

const CartoMvtFeature *carto_hit_test_find_feature (CartoMvtTile           *tile,
                                                    const char             *layer_name,
                                                    CartoStyle             *style,
                                                    const CartoTileRequest *request,
                                                    double                  x,
                                                    double                  y,
                                                    double                  tolerance);

G_END_DECLS
