/* carto-palettes.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include "carto-color.h"

G_BEGIN_DECLS

/**
 * CartoPaletteKind:
 * @CARTO_PALETTE_KIND_QUALITATIVE: distinct colours for categories
 * @CARTO_PALETTE_KIND_SEQUENTIAL: light to dark, for ordered values
 * @CARTO_PALETTE_KIND_DIVERGING: two ramps meeting at a neutral middle
 *
 * What a palette is for, after the CARTOColors tags `qualitative`,
 * `quantitative` and `diverging`.
 */
typedef enum
{
  CARTO_PALETTE_KIND_QUALITATIVE,
  CARTO_PALETTE_KIND_SEQUENTIAL,
  CARTO_PALETTE_KIND_DIVERGING,
} CartoPaletteKind;

typedef struct _CartoPalette CartoPalette;

guint               carto_palette_get_n_palettes   (void);
const CartoPalette *carto_palette_get_nth          (guint               index);
const CartoPalette *carto_palette_lookup           (const char         *name);
const char         *carto_palette_get_name         (const CartoPalette *palette);
CartoPaletteKind    carto_palette_get_kind         (const CartoPalette *palette);
guint               carto_palette_get_max_colors   (const CartoPalette *palette);
void                carto_palette_get_colors       (const CartoPalette *palette,
                                                    guint               n_colors,
                                                    CartoColor         *colors);
void                carto_palette_get_other_color  (const CartoPalette *palette,
                                                    CartoColor         *color);

G_END_DECLS
