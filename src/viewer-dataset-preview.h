/* viewer-dataset-preview.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <carto.h>

#include "viewer-results-view.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_DATASET_PREVIEW (viewer_dataset_preview_get_type ())
G_DECLARE_FINAL_TYPE (ViewerDatasetPreview, viewer_dataset_preview, VIEWER, DATASET_PREVIEW, AdwWindow)

ViewerDatasetPreview *viewer_dataset_preview_new              (GtkWindow            *parent,
                                                               CartoDataset         *dataset);
ViewerDatasetPreview *viewer_dataset_preview_present          (GtkWindow            *parent,
                                                               CartoDataset         *dataset);
CartoDataset         *viewer_dataset_preview_get_dataset      (ViewerDatasetPreview *self);
ViewerResultsView    *viewer_dataset_preview_get_results_view (ViewerDatasetPreview *self);
gboolean              viewer_dataset_preview_get_extent_loaded (ViewerDatasetPreview *self);

G_END_DECLS
