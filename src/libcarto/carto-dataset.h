/* carto-dataset.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include "carto-sql-client.h"
#include "carto-sql-pager.h"

G_BEGIN_DECLS

/**
 * CartoDatasetPrivacy:
 * @CARTO_DATASET_PRIVACY_UNKNOWN: not known
 * @CARTO_DATASET_PRIVACY_PUBLIC_OR_LINK: anyone with the account's
 *   `default_public` key may read it. CARTO's PUBLIC and LINK privacies
 *   both grant that (LINK only hides the dataset from the public profile
 *   page) and look the same in SQL, so they cannot be told apart here
 *   (docs/carto-api.md §4.3)
 * @CARTO_DATASET_PRIVACY_PRIVATE: only the owner and keys granted it may
 *   read it
 *
 * Who may read a dataset, as far as SQL can tell.
 */
typedef enum
{
  CARTO_DATASET_PRIVACY_UNKNOWN,
  CARTO_DATASET_PRIVACY_PUBLIC_OR_LINK,
  CARTO_DATASET_PRIVACY_PRIVATE,
} CartoDatasetPrivacy;

/**
 * CartoGeometryKind:
 * @CARTO_GEOMETRY_KIND_UNKNOWN: not sampled yet
 * @CARTO_GEOMETRY_KIND_NONE: no `the_geom` column, or no geometry in it
 * @CARTO_GEOMETRY_KIND_POINT: points and multipoints
 * @CARTO_GEOMETRY_KIND_LINE: lines and multilines
 * @CARTO_GEOMETRY_KIND_POLYGON: polygons and multipolygons
 * @CARTO_GEOMETRY_KIND_MIXED: several kinds, or collections
 *
 * What a dataset's geometries are, for a badge.
 */
typedef enum
{
  CARTO_GEOMETRY_KIND_UNKNOWN,
  CARTO_GEOMETRY_KIND_NONE,
  CARTO_GEOMETRY_KIND_POINT,
  CARTO_GEOMETRY_KIND_LINE,
  CARTO_GEOMETRY_KIND_POLYGON,
  CARTO_GEOMETRY_KIND_MIXED,
} CartoGeometryKind;

#define CARTO_TYPE_DATASET (carto_dataset_get_type ())

G_DECLARE_FINAL_TYPE (CartoDataset, carto_dataset, CARTO, DATASET, GObject)

CartoSqlClient      *carto_dataset_get_client             (CartoDataset        *self);
const char          *carto_dataset_get_name               (CartoDataset        *self);
const char          *carto_dataset_get_schema             (CartoDataset        *self);
char                *carto_dataset_dup_quoted_name        (CartoDataset        *self);
CartoDatasetPrivacy  carto_dataset_get_privacy            (CartoDataset        *self);
gint64               carto_dataset_get_row_count          (CartoDataset        *self);
gboolean             carto_dataset_get_row_count_is_estimate (CartoDataset     *self);
const char          *carto_dataset_get_geometry_type      (CartoDataset        *self);
CartoGeometryKind    carto_dataset_get_geometry_kind      (CartoDataset        *self);
gint64               carto_dataset_get_size_bytes         (CartoDataset        *self);
GDateTime           *carto_dataset_get_updated_at         (CartoDataset        *self);
GListModel          *carto_dataset_get_columns            (CartoDataset        *self);
gboolean             carto_dataset_get_details_loaded     (CartoDataset        *self);

void                 carto_dataset_load_details_async     (CartoDataset        *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean             carto_dataset_load_details_finish    (CartoDataset        *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

void                 carto_dataset_load_extent_async      (CartoDataset        *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean             carto_dataset_load_extent_finish     (CartoDataset        *self,
                                                           GAsyncResult        *result,
                                                           double              *west,
                                                           double              *south,
                                                           double              *east,
                                                           double              *north,
                                                           GError             **error);

CartoSqlPager       *carto_dataset_create_pager           (CartoDataset        *self,
                                                           guint                page_size);

CartoGeometryKind    carto_geometry_kind_from_types       (const char * const  *types);

G_END_DECLS
