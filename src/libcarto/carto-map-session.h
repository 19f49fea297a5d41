/* carto-map-session.h
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
#include "carto-map-document.h"
#include "carto-map-file.h"

G_BEGIN_DECLS

/**
 * CARTO_MAP_SESSION_FORMAT:
 *
 * The value of a session file's `format` member.
 */
#define CARTO_MAP_SESSION_FORMAT "carto-viewer-session"

/**
 * CARTO_MAP_SESSION_VERSION:
 *
 * The session format version this code reads and writes.
 */
#define CARTO_MAP_SESSION_VERSION 1

/**
 * CARTO_MAP_SESSION_MAX_SIZE:
 *
 * The largest session file read, in bytes: a few maps' worth of
 * %CARTO_MAP_FILE_MAX_SIZE, since a session embeds every open map.
 */
#define CARTO_MAP_SESSION_MAX_SIZE (4 * CARTO_MAP_FILE_MAX_SIZE)

/**
 * CARTO_MAP_SESSION_BROKEN_SUFFIX:
 *
 * What a session file that cannot be read is kept aside as, beside it:
 * `session.json` becomes `session.json.broken`.
 */
#define CARTO_MAP_SESSION_BROKEN_SUFFIX ".broken"

GBytes    *carto_map_session_serialize    (GPtrArray            *documents);
GPtrArray *carto_map_session_parse        (GBytes               *bytes,
                                           CartoCredentialStore *store,
                                           GError              **error);

void       carto_map_session_load_async   (GFile                *session_file,
                                           CartoCredentialStore *store,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
GPtrArray *carto_map_session_load_finish  (GAsyncResult         *result,
                                           GError              **error);

void       carto_map_session_save_async   (GPtrArray            *documents,
                                           GFile                *session_file,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean   carto_map_session_save_finish  (GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
