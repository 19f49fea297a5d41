/* carto-style-private.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carto-mvt-private.h"
#include "carto-style.h"

G_BEGIN_DECLS

/*
 * A style applied to one layer of one tile: the property's key index is
 * looked up once, class symbols are computed once, and a category is
 * matched once per distinct value rather than once per feature. Lives on
 * the stack of one render or hit test; not shared between threads.
 */
typedef struct
{
  CartoStyle *style;          /* borrowed */
  const CartoMvtLayer *layer; /* borrowed */
  int key;                    /* property key index, -1 if absent */
  CartoSymbol *classes;       /* one per class, then the "no value" one */
  guint n_classes;
  gint32 *value_class;        /* categories: class per layer value, -1 unknown */
  CartoSymbol scratch;
} CartoStyleResolver;

void               carto_style_resolver_init  (CartoStyleResolver    *resolver,
                                               CartoStyle            *style,
                                               const CartoMvtLayer   *layer);
const CartoSymbol *carto_style_resolver_get   (CartoStyleResolver    *resolver,
                                               const CartoMvtFeature *feature);
void               carto_style_resolver_clear (CartoStyleResolver    *resolver);

G_END_DECLS
