/* carto-map-file-io.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file I/O of map and session files, in workers. Reading refuses
 * folders, special files and anything over a size limit, measured first
 * and bounded while reading, then parses the JSON off the main thread.
 * Writing puts the new content in a temporary file beside the target,
 * syncs it and renames it over the target, so a crash mid-save leaves the
 * old file or the new one, never a mix, and no backup behind. Errors are
 * CARTO_MAP_FILE_ERROR, naming the file by its display name.
 */

#include "config.h"

#include <errno.h>
#include <gio/gfiledescriptorbased.h>
#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "carto-map-file-private.h"

#define READ_CHUNK (64 * 1024)

static char read_json_tag;
static char write_bytes_tag;

/**
 * carto_map_file_dup_display_name:
 * @file: a file
 *
 * Returns: (transfer full): how to name @file to the user: its base name,
 *   never a full URI
 */
char *
carto_map_file_dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  if (basename == NULL)
    return g_strdup ("?");

  return g_filename_display_name (basename);
}

typedef struct
{
  GFile *file;
  GBytes *bytes;
  char *display_name;
  gsize max_size;
  gboolean make_parents;
} IoData;

static void
io_data_free (IoData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data->display_name);
  g_free (data);
}

static IoData *
io_data_new (GFile *file)
{
  IoData *data = g_new0 (IoData, 1);

  data->file = g_object_ref (file);
  data->display_name = carto_map_file_dup_display_name (file);
  return data;
}

/* GIO's error, in our domain and the user's words, or cancellation as is.
 * Its own message goes to the log, and to the user only when we have no
 * better words. */
static GError *
io_error (GError     *error,
          gboolean    writing,
          const char *display_name)
{
  g_autoptr(GError) owned = error;
  GError *ours;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&owned);

  g_debug ("Map file I/O error: %s", error->message);

  if (error->domain != G_IO_ERROR)
    ours = g_error_new_literal (CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_FAILED, error->message);
  else
    switch (error->code)
      {
      case G_IO_ERROR_NOT_FOUND:
        ours = g_error_new_literal (CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_NOT_FOUND,
                                    writing ? _("The folder does not exist.") : _("The file does not exist."));
        break;
      case G_IO_ERROR_IS_DIRECTORY:
      case G_IO_ERROR_WOULD_MERGE:
      case G_IO_ERROR_WOULD_RECURSE:
        ours = g_error_new_literal (CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_NOT_REGULAR,
                                    _("It is a folder, not a map file."));
        break;
      case G_IO_ERROR_NOT_REGULAR_FILE:
        ours = g_error_new_literal (CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_NOT_REGULAR,
                                    _("It is not a regular file."));
        break;
      case G_IO_ERROR_PERMISSION_DENIED:
      case G_IO_ERROR_READ_ONLY:
        ours = g_error_new_literal (CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_PERMISSION_DENIED,
                                    writing ? _("You do not have permission to write there.")
                                            : _("You do not have permission to read it."));
        break;
      case G_IO_ERROR_NO_SPACE:
        ours = g_error_new_literal (CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_NO_SPACE,
                                    _("There is no space left on the disk."));
        break;
      default:
        ours = g_error_new_literal (CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_FAILED, error->message);
      }

  if (writing)
    g_prefix_error (&ours, _("Could not save “%s”. "), display_name);
  else
    g_prefix_error (&ours, _("Could not open “%s”. "), display_name);
  return ours;
}

static GError *
too_large_error (IoData *data)
{
  g_autofree char *limit = g_format_size_full (data->max_size, G_FORMAT_SIZE_IEC_UNITS);

  return g_error_new (CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_TOO_LARGE,
                      /* Translators: %s is a file name, then a size such as “8.0 MiB”. */
                      _("Could not open “%s”. It is larger than %s, too large to be a map."),
                      data->display_name, limit);
}

/* At most max_size + 1 bytes, so a file that grew since it was measured,
 * or lied about its size, is still refused without reading it all. */
static GBytes *
read_bounded (GInputStream  *stream,
              IoData        *data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();

  while (buffer->len <= data->max_size)
    {
      gsize want = MIN (READ_CHUNK, data->max_size + 1 - buffer->len);
      guint old_len = buffer->len;
      gssize n;

      g_byte_array_set_size (buffer, old_len + want);
      n = g_input_stream_read (stream, buffer->data + old_len, want, cancellable, error);
      if (n < 0)
        return NULL;
      g_byte_array_set_size (buffer, old_len + n);
      if (n == 0)
        return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
    }

  g_set_error_literal (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_TOO_LARGE, "");
  return NULL;
}

static void
read_json_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  IoData *data = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  GFileType type;

  info = g_file_query_info (data->file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info == NULL)
    {
      g_task_return_error (task, io_error (g_steal_pointer (&error), FALSE, data->display_name));
      return;
    }

  type = g_file_info_get_file_type (info);
  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_task_return_error (task, io_error (g_error_new_literal (G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "directory"),
                                           FALSE, data->display_name));
      return;
    }
  /* A FIFO or a device would block or never end. */
  if (type != G_FILE_TYPE_REGULAR && type != G_FILE_TYPE_UNKNOWN)
    {
      g_task_return_error (task, io_error (g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, "special"),
                                           FALSE, data->display_name));
      return;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      g_file_info_get_size (info) > (goffset) data->max_size)
    {
      g_task_return_error (task, too_large_error (data));
      return;
    }

  stream = g_file_read (data->file, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, io_error (g_steal_pointer (&error), FALSE, data->display_name));
      return;
    }

  bytes = read_bounded (G_INPUT_STREAM (stream), data, cancellable, &error);
  if (bytes == NULL && g_error_matches (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_TOO_LARGE))
    {
      g_task_return_error (task, too_large_error (data));
      return;
    }
  if (bytes == NULL)
    {
      g_task_return_error (task, io_error (g_steal_pointer (&error), FALSE, data->display_name));
      return;
    }

  root = carto_map_file_parse_json (bytes, &error);
  if (root == NULL)
    {
      g_prefix_error (&error, _("Could not open “%s”. "), data->display_name);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, root, (GDestroyNotify) json_node_unref);
}

/**
 * carto_map_file_read_json_async:
 * @file: the file to read
 * @max_size: refuse files larger than this, in bytes
 * @cancellable: (nullable): cancels the read
 * @callback: called on the calling thread's main context
 * @user_data: for @callback
 *
 * Reads @file and parses it as JSON in a worker, refusing folders,
 * special files and files over @max_size (measured first, and bounded
 * while reading).
 */
void
carto_map_file_read_json_async (GFile               *file,
                                gsize                max_size,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  IoData *data;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, &read_json_tag);
  data = io_data_new (file);
  data->max_size = max_size;
  g_task_set_task_data (task, data, (GDestroyNotify) io_data_free);
  g_task_run_in_thread (task, read_json_thread);
}

/**
 * carto_map_file_read_json_finish:
 * @result: the result passed to the callback
 * @error: return location for a %CARTO_MAP_FILE_ERROR naming the file, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the root node
 */
JsonNode *
carto_map_file_read_json_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &read_json_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* A hidden name beside @file that nothing else uses. */
static GFile *
new_temp_sibling (GFile             *file,
                  GFileOutputStream **stream,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);

  if (parent == NULL || basename == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME, _("That is not a file name."));
      return NULL;
    }

  for (guint attempt = 0;; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x.tmp", basename, g_random_int ());
      g_autoptr(GFile) temp = g_file_get_child (parent, name);
      g_autoptr(GError) local_error = NULL;

      *stream = g_file_create (temp, G_FILE_CREATE_NONE, cancellable, &local_error);
      if (*stream != NULL)
        return g_steal_pointer (&temp);
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS) || attempt >= 8)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
}

static gboolean
write_temp (GFileOutputStream  *stream,
            GBytes             *bytes,
            GCancellable       *cancellable,
            GError            **error)
{
  gsize size;
  const guint8 *content = g_bytes_get_data (bytes, &size);

  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), content, size, NULL, cancellable, error))
    return FALSE;

  /* The data must be on disk before the rename makes it the file. */
  if (G_IS_FILE_DESCRIPTOR_BASED (stream) &&
      fsync (g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (stream))) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "fsync: %s", g_strerror (saved));
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

static gboolean
write_atomically (IoData        *data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GFileInfo) target_info = NULL;
  g_autoptr(GFile) temp = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;
  gconstpointer content = g_bytes_get_data (data->bytes, &size);

  target_info = g_file_query_info (data->file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_UNIX_MODE,
                                   G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (target_info != NULL && g_file_info_get_file_type (target_info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "directory");
      return FALSE;
    }

  temp = new_temp_sibling (data->file, &stream, cancellable, &local_error);
  if (temp == NULL)
    {
      /* A location that takes no new names beside the file (some remote
       * ones) still gets GIO's own replace. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        return g_file_replace_contents (data->file, content, size, NULL, FALSE, G_FILE_CREATE_NONE,
                                        NULL, cancellable, error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!write_temp (stream, data->bytes, cancellable, error))
    goto failed;

  /* Keep the permissions the user gave the file. */
  if (target_info != NULL && g_file_info_has_attribute (target_info, G_FILE_ATTRIBUTE_UNIX_MODE))
    g_file_set_attribute_uint32 (temp, G_FILE_ATTRIBUTE_UNIX_MODE,
                                 g_file_info_get_attribute_uint32 (target_info, G_FILE_ATTRIBUTE_UNIX_MODE) & 07777,
                                 G_FILE_QUERY_INFO_NONE, cancellable, NULL);

  if (!g_file_move (temp, data->file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                    cancellable, NULL, NULL, &local_error))
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }
      g_file_delete (temp, NULL, NULL);
      return g_file_replace_contents (data->file, content, size, NULL, FALSE, G_FILE_CREATE_NONE,
                                      NULL, cancellable, error);
    }

  return TRUE;

failed:
  if (stream != NULL && !g_output_stream_is_closed (G_OUTPUT_STREAM (stream)))
    g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
  g_file_delete (temp, NULL, NULL);
  return FALSE;
}

static void
write_bytes_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  IoData *data = task_data;
  g_autoptr(GError) error = NULL;

  if (data->make_parents)
    {
      g_autoptr(GFile) parent = g_file_get_parent (data->file);

      if (parent != NULL && !g_file_make_directory_with_parents (parent, cancellable, &error) &&
          !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_task_return_error (task, io_error (g_steal_pointer (&error), TRUE, data->display_name));
          return;
        }
      g_clear_error (&error);
    }

  if (!write_atomically (data, cancellable, &error))
    {
      g_task_return_error (task, io_error (g_steal_pointer (&error), TRUE, data->display_name));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * carto_map_file_write_bytes_async:
 * @file: the file to write
 * @bytes: its new content
 * @make_parents: whether to create the folders it is in, if missing
 * @cancellable: (nullable): cancels the write (the old file stays)
 * @callback: called on the calling thread's main context
 * @user_data: for @callback
 *
 * Replaces @file atomically: a temporary file beside it is written,
 * synced and renamed over it, keeping the file's permissions. No backup
 * is left.
 */
void
carto_map_file_write_bytes_async (GFile               *file,
                                  GBytes              *bytes,
                                  gboolean             make_parents,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  IoData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (bytes != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, &write_bytes_tag);
  data = io_data_new (file);
  data->bytes = g_bytes_ref (bytes);
  data->make_parents = make_parents;
  g_task_set_task_data (task, data, (GDestroyNotify) io_data_free);
  g_task_run_in_thread (task, write_bytes_thread);
}

/**
 * carto_map_file_write_bytes_finish:
 * @result: the result passed to the callback
 * @error: return location for a %CARTO_MAP_FILE_ERROR naming the file, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: whether the file was written
 */
gboolean
carto_map_file_write_bytes_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &write_bytes_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
