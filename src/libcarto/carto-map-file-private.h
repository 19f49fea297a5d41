/* carto-map-file-private.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pieces of the map file that the session file reuses: the map
 * object, JSON in and out (carto-map-file.c), and the bounded, atomic
 * file I/O (carto-map-file-io.c).
 */

#pragma once

#include <json-glib/json-glib.h>

#include "carto-map-file.h"

G_BEGIN_DECLS

JsonNode *carto_map_file_map_to_json        (CartoMap             *map);
CartoMap *carto_map_file_map_from_json      (JsonNode             *node,
                                             CartoCredentialStore *store,
                                             GError              **error);

JsonNode *carto_map_file_parse_json         (GBytes               *bytes,
                                             GError              **error);
GBytes   *carto_map_file_json_to_bytes      (JsonNode             *root);

gboolean  carto_map_file_check_header       (JsonNode             *root,
                                             const char           *format,
                                             int                   version,
                                             const char           *not_ours_message,
                                             GError              **error);

char     *carto_map_file_dup_display_name   (GFile                *file);

void      carto_map_file_read_json_async    (GFile                *file,
                                             gsize                 max_size,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
JsonNode *carto_map_file_read_json_finish   (GAsyncResult         *result,
                                             GError              **error);

void      carto_map_file_write_bytes_async  (GFile                *file,
                                             GBytes               *bytes,
                                             gboolean              make_parents,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean  carto_map_file_write_bytes_finish (GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
