/* carto-classify.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

double *carto_classify_quantiles       (const double *sorted_values,
                                        gsize         n_values,
                                        guint         n_bins,
                                        guint        *n_breaks);
double *carto_classify_equal_intervals (double        min,
                                        double        max,
                                        guint         n_bins,
                                        guint        *n_breaks);
guint   carto_classify_clean_breaks    (double       *breaks,
                                        guint         n_breaks);
char   *carto_classify_quantiles_sql   (const char   *source_query,
                                        const char   *column,
                                        guint         n_bins);
char   *carto_classify_range_sql       (const char   *source_query,
                                        const char   *column);
char   *carto_classify_categories_sql  (const char   *source_query,
                                        const char   *column,
                                        guint         limit);

G_END_DECLS
