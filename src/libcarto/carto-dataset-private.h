/* carto-dataset-private.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "carto-dataset.h"

G_BEGIN_DECLS

CartoDataset *carto_dataset_new                (CartoSqlClient      *client,
                                                const char          *schema,
                                                const char          *name);
void          carto_dataset_set_privacy        (CartoDataset        *self,
                                                CartoDatasetPrivacy  privacy);
void          carto_dataset_set_row_count      (CartoDataset        *self,
                                                gint64               rows,
                                                gboolean             is_estimate);
void          carto_dataset_set_size_bytes     (CartoDataset        *self,
                                                gint64               size);
void          carto_dataset_set_updated_at     (CartoDataset        *self,
                                                GDateTime           *updated_at);
void          carto_dataset_set_geometry_types (CartoDataset        *self,
                                                const char * const  *types);
char         *carto_dataset_build_geometry_sample_sql (const char   *quoted_name);

G_END_DECLS
