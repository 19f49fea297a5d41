/* carto-legend-private.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carto-legend.h"

G_BEGIN_DECLS

/* Legends are built once, by their style, and immutable afterwards. */
CartoLegend *carto_legend_new       (CartoLegendKind    kind,
                                     const char        *title);
void         carto_legend_add_entry (CartoLegend       *legend,
                                     char              *label,
                                     const CartoSymbol *symbol);

G_END_DECLS
