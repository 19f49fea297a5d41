/* viewer-basemap-source.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <carto.h>
#include <shumate/shumate.h>

G_BEGIN_DECLS

#define VIEWER_TYPE_BASEMAP_SOURCE (viewer_basemap_source_get_type ())
G_DECLARE_FINAL_TYPE (ViewerBasemapSource, viewer_basemap_source, VIEWER, BASEMAP_SOURCE, ShumateDataSource)

ViewerBasemapSource *viewer_basemap_source_new          (SoupSession         *session,
                                                         CartoBasemap         basemap,
                                                         gboolean             double_resolution,
                                                         const char          *api_key);
CartoBasemap         viewer_basemap_source_get_basemap  (ViewerBasemapSource *self);
guint                viewer_basemap_source_get_n_pending (ViewerBasemapSource *self);
void                 viewer_basemap_source_set_base_uri (ViewerBasemapSource *self,
                                                         const char          *base_uri);

G_END_DECLS
