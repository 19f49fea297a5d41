/* carto-map-file.h
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

/**
 * CARTO_MAP_FILE_FORMAT:
 *
 * The value of a map file's `format` member.
 */
#define CARTO_MAP_FILE_FORMAT "carto-viewer-map"

/**
 * CARTO_MAP_FILE_VERSION:
 *
 * The map format version this code reads and writes. It rises only for
 * changes older readers cannot read safely; see docs/map-file-format.md.
 */
#define CARTO_MAP_FILE_VERSION 1

/**
 * CARTO_MAP_FILE_EXTENSION:
 *
 * The file name extension of map files, dot included.
 */
#define CARTO_MAP_FILE_EXTENSION ".cartomap"

/**
 * CARTO_MAP_FILE_MIME_TYPE:
 *
 * The MIME type of map files.
 */
#define CARTO_MAP_FILE_MIME_TYPE "application/x-carto-viewer-map"

/**
 * CARTO_MAP_FILE_MAX_SIZE:
 *
 * The largest map file read, in bytes. A map holds layer definitions, not
 * data: a hundred layers with long SQL and many categories stay well under
 * 1 MiB. 8 MiB leaves room for anything a person builds, while a huge or
 * endless file (a mistaken pick, /dev/zero behind a name) is refused
 * before it costs memory or time.
 */
#define CARTO_MAP_FILE_MAX_SIZE (8 * 1024 * 1024)

/**
 * CARTO_MAP_FILE_ERROR:
 *
 * Error domain of map files and sessions. Errors use #CartoMapFileError.
 */
#define CARTO_MAP_FILE_ERROR (carto_map_file_error_quark ())

/**
 * CartoMapFileError:
 * @CARTO_MAP_FILE_ERROR_FAILED: any other problem (the message says which)
 * @CARTO_MAP_FILE_ERROR_NOT_FOUND: the file, or the folder to save in,
 *   does not exist
 * @CARTO_MAP_FILE_ERROR_NOT_REGULAR: the name is a folder or another
 *   non-regular file
 * @CARTO_MAP_FILE_ERROR_PERMISSION_DENIED: the file cannot be read, or
 *   written there
 * @CARTO_MAP_FILE_ERROR_TOO_LARGE: the file is over the size limit
 * @CARTO_MAP_FILE_ERROR_INVALID: not JSON: malformed, truncated, empty,
 *   not UTF-8 or nested absurdly deep
 * @CARTO_MAP_FILE_ERROR_NOT_A_MAP: JSON, but not a CARTO Viewer map (or
 *   session)
 * @CARTO_MAP_FILE_ERROR_TOO_NEW: a format version newer than
 *   %CARTO_MAP_FILE_VERSION
 * @CARTO_MAP_FILE_ERROR_INVALID_CONTENT: our format, with a member of the
 *   wrong type, a value out of range, or a style that cannot be read
 * @CARTO_MAP_FILE_ERROR_NO_SPACE: no room left to save
 *
 * Why a map file (or the session) could not be read or written. Messages
 * are translated, name the file by its display name, and say what is
 * wrong in the user's terms. Cancellation stays %G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  CARTO_MAP_FILE_ERROR_FAILED,
  CARTO_MAP_FILE_ERROR_NOT_FOUND,
  CARTO_MAP_FILE_ERROR_NOT_REGULAR,
  CARTO_MAP_FILE_ERROR_PERMISSION_DENIED,
  CARTO_MAP_FILE_ERROR_TOO_LARGE,
  CARTO_MAP_FILE_ERROR_INVALID,
  CARTO_MAP_FILE_ERROR_NOT_A_MAP,
  CARTO_MAP_FILE_ERROR_TOO_NEW,
  CARTO_MAP_FILE_ERROR_INVALID_CONTENT,
  CARTO_MAP_FILE_ERROR_NO_SPACE,
} CartoMapFileError;

GQuark    carto_map_file_error_quark  (void);

GBytes   *carto_map_file_serialize    (CartoMap             *map);
CartoMap *carto_map_file_parse        (GBytes               *bytes,
                                       CartoCredentialStore *store,
                                       GError              **error);

void      carto_map_file_load_async   (GFile                *file,
                                       CartoCredentialStore *store,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
CartoMap *carto_map_file_load_finish  (GAsyncResult         *result,
                                       GError              **error);

void      carto_map_file_save_async   (CartoMap             *map,
                                       GFile                *file,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean  carto_map_file_save_finish  (GAsyncResult         *result,
                                       GError              **error);

G_END_DECLS
