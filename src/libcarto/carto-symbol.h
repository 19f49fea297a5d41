/* carto-symbol.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include "carto-color.h"
#include "carto-mvt.h"

G_BEGIN_DECLS

/**
 * CartoSymbol:
 * @color: fill of points and polygons, colour of lines
 * @size: diameter of points and width of lines, in logical pixels
 * @stroke_color: outline of points and polygons
 * @stroke_width: outline width in logical pixels; 0 draws none
 * @opacity: 0 to 1, multiplies the alpha of @color (not of the outline)
 *
 * How one feature is drawn: what a style yields per feature, and what a
 * legend entry shows. Sizes are logical pixels, so a HiDPI tile draws the
 * same symbol with twice the device pixels.
 */
/* The largest symbols a style may draw. Tiles carry
 * %CARTO_MAPS_TILE_BUFFER pixels of their neighbours, which must hold
 * half the largest point, half its outline and the hover halo, or points
 * near a tile edge would be cut there. */
#define CARTO_SYMBOL_MAX_SIZE 40
#define CARTO_SYMBOL_MAX_STROKE_WIDTH 10

typedef struct
{
  CartoColor color;
  double size;
  CartoColor stroke_color;
  double stroke_width;
  double opacity;
} CartoSymbol;

void     carto_symbol_init_default (CartoSymbol       *symbol,
                                    CartoMvtGeomType   type);
gboolean carto_symbol_equal        (const CartoSymbol *a,
                                    const CartoSymbol *b);

G_END_DECLS
