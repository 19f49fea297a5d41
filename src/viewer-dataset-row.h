/* viewer-dataset-row.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <carto.h>

G_BEGIN_DECLS

#define VIEWER_TYPE_DATASET_ROW (viewer_dataset_row_get_type ())
G_DECLARE_FINAL_TYPE (ViewerDatasetRow, viewer_dataset_row, VIEWER, DATASET_ROW, GtkWidget)

ViewerDatasetRow *viewer_dataset_row_new         (void);
CartoDataset     *viewer_dataset_row_get_dataset (ViewerDatasetRow *self);
void              viewer_dataset_row_set_dataset (ViewerDatasetRow *self,
                                                  CartoDataset     *dataset);

const char       *viewer_geometry_kind_get_icon_name (CartoGeometryKind kind);
const char       *viewer_geometry_kind_get_label     (CartoGeometryKind kind);
const char       *viewer_dataset_privacy_get_label   (CartoDatasetPrivacy privacy);
const char       *viewer_dataset_privacy_get_tooltip (CartoDatasetPrivacy privacy);

G_END_DECLS
