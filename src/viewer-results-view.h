/* viewer-results-view.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <carto.h>

G_BEGIN_DECLS

#define VIEWER_TYPE_RESULTS_VIEW (viewer_results_view_get_type ())
G_DECLARE_FINAL_TYPE (ViewerResultsView, viewer_results_view, VIEWER, RESULTS_VIEW, GtkWidget)

ViewerResultsView *viewer_results_view_new             (void);
CartoSqlPager     *viewer_results_view_get_pager       (ViewerResultsView *self);
void               viewer_results_view_set_pager       (ViewerResultsView *self,
                                                        CartoSqlPager     *pager);
void               viewer_results_view_set_result      (ViewerResultsView *self,
                                                        CartoSqlResult    *result);
void               viewer_results_view_set_known_total (ViewerResultsView *self,
                                                        gint64             total);
void               viewer_results_view_set_placeholder (ViewerResultsView *self,
                                                        const char        *icon_name,
                                                        const char        *title,
                                                        const char        *description);
GtkColumnView     *viewer_results_view_get_column_view (ViewerResultsView *self);
const char        *viewer_results_view_get_status     (ViewerResultsView *self);
const char        *viewer_results_view_get_state      (ViewerResultsView *self);

G_END_DECLS
