/* carto-symbol.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "carto-symbol.h"

/**
 * carto_symbol_init_default:
 * @symbol: (out caller-allocates): the symbol to fill
 * @type: the geometry the symbol will mostly draw
 *
 * Our defaults, in CARTO's colours: red points (`#ee4d5a`) with a white
 * outline, green lines (`#4cc8a3`), purple polygons (`#826dba`) with a thin
 * white outline and a little transparency so the basemap shows through.
 */
void
carto_symbol_init_default (CartoSymbol     *symbol,
                           CartoMvtGeomType type)
{
  g_return_if_fail (symbol != NULL);

  carto_color_init_rgb (&symbol->stroke_color, 0xffffff);
  symbol->opacity = 1.0;

  switch (type)
    {
    case CARTO_MVT_GEOM_LINESTRING:
      carto_color_init_rgb (&symbol->color, 0x4cc8a3);
      symbol->size = 1.5;
      symbol->stroke_width = 0.0;
      break;

    case CARTO_MVT_GEOM_POLYGON:
      carto_color_init_rgb (&symbol->color, 0x826dba);
      symbol->size = 6.0;
      symbol->stroke_width = 0.5;
      symbol->opacity = 0.9;
      break;

    case CARTO_MVT_GEOM_POINT:
    case CARTO_MVT_GEOM_UNKNOWN:
    default:
      carto_color_init_rgb (&symbol->color, 0xee4d5a);
      symbol->size = 6.0;
      symbol->stroke_width = 1.0;
      break;
    }
}

/**
 * carto_symbol_equal:
 * @a: a symbol
 * @b: another symbol
 *
 * Returns: %TRUE if @a and @b draw the same
 */
gboolean
carto_symbol_equal (const CartoSymbol *a,
                    const CartoSymbol *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return carto_color_equal (&a->color, &b->color) &&
         a->size == b->size &&
         carto_color_equal (&a->stroke_color, &b->stroke_color) &&
         a->stroke_width == b->stroke_width &&
         a->opacity == b->opacity;
}
