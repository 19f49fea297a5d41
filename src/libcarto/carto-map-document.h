/* carto-map-document.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <gio/gio.h>

#include "carto-credential-store.h"
#include "carto-map.h"

G_BEGIN_DECLS

#define CARTO_TYPE_MAP_DOCUMENT (carto_map_document_get_type ())

G_DECLARE_FINAL_TYPE (CartoMapDocument, carto_map_document, CARTO, MAP_DOCUMENT, GObject)

CartoMapDocument *carto_map_document_new          (CartoMap             *map);

void              carto_map_document_load_async   (GFile                *file,
                                                   CartoCredentialStore *store,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
CartoMapDocument *carto_map_document_load_finish  (GAsyncResult         *result,
                                                   GError              **error);

void              carto_map_document_save_async   (CartoMapDocument     *self,
                                                   GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean          carto_map_document_save_finish  (CartoMapDocument     *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);

CartoMap         *carto_map_document_get_map      (CartoMapDocument     *self);
GFile            *carto_map_document_get_file     (CartoMapDocument     *self);
gboolean          carto_map_document_get_modified (CartoMapDocument     *self);
void              carto_map_document_set_modified (CartoMapDocument     *self,
                                                   gboolean              modified);
const char       *carto_map_document_get_title    (CartoMapDocument     *self);

G_END_DECLS
