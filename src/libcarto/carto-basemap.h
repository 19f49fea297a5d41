/* carto-basemap.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CartoBasemap:
 * @CARTO_BASEMAP_EMBEDDED: the built-in world map; works offline
 * @CARTO_BASEMAP_POSITRON: CARTO Positron (light_all)
 * @CARTO_BASEMAP_DARK_MATTER: CARTO Dark Matter (dark_all)
 * @CARTO_BASEMAP_VOYAGER: CARTO Voyager (rastertiles/voyager)
 *
 * The map under the data layers. Values match the GSettings enum.
 */
typedef enum
{
  CARTO_BASEMAP_EMBEDDED,
  CARTO_BASEMAP_POSITRON,
  CARTO_BASEMAP_DARK_MATTER,
  CARTO_BASEMAP_VOYAGER,
} CartoBasemap;

#define CARTO_BASEMAP_LAST CARTO_BASEMAP_VOYAGER

const char  *carto_basemap_get_nick            (CartoBasemap  basemap);
gboolean     carto_basemap_from_nick           (const char   *nick,
                                                CartoBasemap *basemap);
const char  *carto_basemap_get_title           (CartoBasemap  basemap);
gboolean     carto_basemap_is_remote           (CartoBasemap  basemap);
char        *carto_basemap_dup_tile_url        (CartoBasemap  basemap,
                                                guint         zoom,
                                                guint         x,
                                                guint         y,
                                                gboolean      double_resolution);
const char  *carto_basemap_get_attribution     (CartoBasemap  basemap);
const char  *carto_basemap_get_attribution_uri (CartoBasemap  basemap);
guint        carto_basemap_get_max_zoom        (CartoBasemap  basemap);

/* The basemap API key, kept in the keyring like every key. */
void         carto_basemap_key_lookup_async    (GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
char        *carto_basemap_key_lookup_finish   (GAsyncResult        *result,
                                                GError             **error);
void         carto_basemap_key_store_async     (const char          *key,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean     carto_basemap_key_store_finish    (GAsyncResult        *result,
                                                GError             **error);
void         carto_basemap_key_clear_async     (GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean     carto_basemap_key_clear_finish    (GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
