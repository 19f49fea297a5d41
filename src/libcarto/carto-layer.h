/* carto-layer.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <libsoup/soup.h>

#include "carto-credentials.h"
#include "carto-source.h"
#include "carto-sql-result.h"
#include "carto-style.h"
#include "carto-tile-coord.h"

G_BEGIN_DECLS

/**
 * CartoLayerState:
 * @CARTO_LAYER_STATE_IDLE: nothing was drawn yet
 * @CARTO_LAYER_STATE_LOADING: tiles are being fetched or drawn
 * @CARTO_LAYER_STATE_READY: the last tiles asked for were drawn
 * @CARTO_LAYER_STATE_ERROR: the map could not be created, or tiles
 *   failed, or the layer has no account to read with (see
 *   #CartoLayer:account-missing); #CartoLayer:error-message says why
 *
 * What a layer's painter is doing, for a spinner or an error badge.
 */
typedef enum
{
  CARTO_LAYER_STATE_IDLE,
  CARTO_LAYER_STATE_LOADING,
  CARTO_LAYER_STATE_READY,
  CARTO_LAYER_STATE_ERROR,
} CartoLayerState;

#define CARTO_LAYER_ERROR (carto_layer_error_quark ())

/**
 * CartoLayerError:
 * @CARTO_LAYER_ERROR_FAILED: another failure
 * @CARTO_LAYER_ERROR_EMPTY: the source has no feature: no row, or only
 *   NULL geometries
 * @CARTO_LAYER_ERROR_NO_GEOMETRY: the source has no geometry column
 *   (`the_geom` or `the_geom_webmercator`)
 *
 * Why a question about a layer's data has no answer. Failures of the
 * query itself are %CARTO_SQL_ERROR, and a layer without an account
 * %CARTO_MAPS_ERROR_NO_ACCOUNT.
 */
typedef enum
{
  CARTO_LAYER_ERROR_FAILED,
  CARTO_LAYER_ERROR_EMPTY,
  CARTO_LAYER_ERROR_NO_GEOMETRY,
} CartoLayerError;

GQuark            carto_layer_error_quark              (void);

#define CARTO_TYPE_LAYER (carto_layer_get_type ())

G_DECLARE_FINAL_TYPE (CartoLayer, carto_layer, CARTO, LAYER, GObject)

CartoLayer       *carto_layer_new                      (CartoSource      *source,
                                                        CartoStyle       *style);
CartoLayer       *carto_layer_copy                     (CartoLayer       *self);

CartoSource      *carto_layer_get_source               (CartoLayer       *self);
void              carto_layer_set_source               (CartoLayer       *self,
                                                        CartoSource      *source);
CartoStyle       *carto_layer_get_style                (CartoLayer       *self);
void              carto_layer_set_style                (CartoLayer       *self,
                                                        CartoStyle       *style);
const char       *carto_layer_get_title                (CartoLayer       *self);
void              carto_layer_set_title                (CartoLayer       *self,
                                                        const char       *title);
gboolean          carto_layer_get_visible              (CartoLayer       *self);
void              carto_layer_set_visible              (CartoLayer       *self,
                                                        gboolean          visible);
double            carto_layer_get_opacity              (CartoLayer       *self);
void              carto_layer_set_opacity              (CartoLayer       *self,
                                                        double            opacity);
CartoCredentials *carto_layer_get_credentials          (CartoLayer       *self);
void              carto_layer_set_credentials          (CartoLayer       *self,
                                                        CartoCredentials *credentials);
CartoCredentials *carto_layer_get_effective_credentials (CartoLayer      *self);
gboolean          carto_layer_get_account_missing      (CartoLayer       *self);
gboolean          carto_layer_get_aggregation          (CartoLayer       *self);
void              carto_layer_set_aggregation          (CartoLayer       *self,
                                                        gboolean          aggregation);

CartoLayerState   carto_layer_get_state                (CartoLayer       *self);
const char       *carto_layer_get_error_message        (CartoLayer       *self);

char             *carto_layer_dup_map_sql              (CartoLayer       *self);

void              carto_layer_list_columns_async       (CartoLayer          *self,
                                                        SoupSession         *session,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
GListModel       *carto_layer_list_columns_finish      (CartoLayer          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

void              carto_layer_fetch_attributes_async   (CartoLayer          *self,
                                                        SoupSession         *session,
                                                        gint64               cartodb_id,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
CartoSqlResult   *carto_layer_fetch_attributes_finish  (CartoLayer          *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

void              carto_layer_compute_categories_async (CartoLayer          *self,
                                                        SoupSession         *session,
                                                        const char          *column,
                                                        guint                limit,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
char            **carto_layer_compute_categories_finish (CartoLayer         *self,
                                                        GAsyncResult        *result,
                                                        gint64             **counts,
                                                        GError             **error);
void              carto_layer_compute_breaks_async     (CartoLayer          *self,
                                                        SoupSession         *session,
                                                        const char          *column,
                                                        CartoBinMethod       method,
                                                        guint                n_bins,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
double           *carto_layer_compute_breaks_finish    (CartoLayer          *self,
                                                        GAsyncResult        *result,
                                                        guint               *n_breaks,
                                                        GError             **error);
void              carto_layer_compute_range_async      (CartoLayer          *self,
                                                        SoupSession         *session,
                                                        const char          *column,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean          carto_layer_compute_range_finish     (CartoLayer          *self,
                                                        GAsyncResult        *result,
                                                        double              *min,
                                                        double              *max,
                                                        GError             **error);

void              carto_layer_compute_extent_async     (CartoLayer          *self,
                                                        SoupSession         *session,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean          carto_layer_compute_extent_finish    (CartoLayer          *self,
                                                        GAsyncResult        *result,
                                                        CartoBounds         *bounds,
                                                        GError             **error);

G_END_DECLS
