/* viewer-legend.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <carto.h>

G_BEGIN_DECLS

#define VIEWER_TYPE_LEGEND (viewer_legend_get_type ())
G_DECLARE_FINAL_TYPE (ViewerLegend, viewer_legend, VIEWER, LEGEND, GtkWidget)

ViewerLegend *viewer_legend_new         (void);
CartoLayer   *viewer_legend_get_layer   (ViewerLegend *self);
void          viewer_legend_set_layer   (ViewerLegend *self,
                                         CartoLayer   *layer);
gboolean      viewer_legend_get_empty   (ViewerLegend *self);
guint         viewer_legend_get_n_items (ViewerLegend *self);

G_END_DECLS
