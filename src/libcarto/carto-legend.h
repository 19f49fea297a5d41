/* carto-legend.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include "carto-symbol.h"

G_BEGIN_DECLS

/**
 * CartoLegendKind:
 * @CARTO_LEGEND_KIND_SINGLE: one entry, the symbol every feature gets
 * @CARTO_LEGEND_KIND_CATEGORY: one swatch per category, then "Others"
 * @CARTO_LEGEND_KIND_BINS: one entry per class, labelled with its range
 * @CARTO_LEGEND_KIND_COLOR_RAMP: the ramp's stops in order, to draw as a
 *   gradient labelled at both ends
 * @CARTO_LEGEND_KIND_SIZE_RAMP: the smallest and largest symbol
 *
 * How the UI should draw a legend.
 */
typedef enum
{
  CARTO_LEGEND_KIND_SINGLE,
  CARTO_LEGEND_KIND_CATEGORY,
  CARTO_LEGEND_KIND_BINS,
  CARTO_LEGEND_KIND_COLOR_RAMP,
  CARTO_LEGEND_KIND_SIZE_RAMP,
} CartoLegendKind;

/**
 * CartoLegendEntry:
 * @label: what the entry stands for: a category, a range (`10 – 20`), a
 *   ramp end; translated; empty for a single-symbol legend
 * @symbol: how features of this entry are drawn
 *
 * One row of a legend.
 */
typedef struct
{
  const char *label;
  CartoSymbol symbol;
} CartoLegendEntry;

typedef struct _CartoLegend CartoLegend;

#define CARTO_TYPE_LEGEND (carto_legend_get_type ())

GType                   carto_legend_get_type        (void);
CartoLegend            *carto_legend_ref             (CartoLegend *legend);
void                    carto_legend_unref           (CartoLegend *legend);
CartoLegendKind         carto_legend_get_kind        (CartoLegend *legend);
const char             *carto_legend_get_title       (CartoLegend *legend);
guint                   carto_legend_get_n_entries   (CartoLegend *legend);
const CartoLegendEntry *carto_legend_get_entry       (CartoLegend *legend,
                                                      guint        index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartoLegend, carto_legend_unref)

G_END_DECLS
