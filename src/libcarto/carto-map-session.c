/* carto-map-session.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The open maps, saved or not, as one file the application keeps in its
 * state folder, so they come back after a restart or a crash. Each map is
 * embedded whole, in the map file format, with its file and whether it
 * had unsaved changes (docs/map-file-format.md).
 *
 * Restoring prefers the truth on disk: an unmodified map whose file still
 * reads is taken from the file (someone may have edited it since), in
 * the viewport the session left it in (panning does not make a map
 * unsaved, so the file's viewport may be older); when
 * the file is gone or unreadable the embedded copy is all there is, so
 * the map comes back modified and Save writes it out again. A session
 * file that cannot be read is copied aside before the caller hears of
 * it, so the next session save does not destroy what it held.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "carto-map-document-private.h"
#include "carto-map-file-private.h"
#include "carto-map-session.h"

static char load_tag;

typedef struct
{
  GFile *session_file;
  CartoCredentialStore *store;
  GPtrArray *documents;
  GError *error;
  guint pending;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->session_file);
  g_clear_object (&data->store);
  g_clear_pointer (&data->documents, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

typedef struct
{
  GTask *task;
  guint index;
} RefreshData;

static CartoMapDocument *
document_from_json (JsonNode             *node,
                    CartoCredentialStore *store,
                    GError              **error)
{
  g_autoptr(CartoMap) map = NULL;
  g_autoptr(GFile) file = NULL;
  CartoMapDocument *document;
  JsonObject *object;
  JsonNode *member;
  gboolean modified = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID_CONTENT,
                           _("It is not an object."));
      return NULL;
    }
  object = json_node_get_object (node);

  member = json_object_get_member (object, "file");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      const char *uri = NULL;

      if (JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING)
        uri = json_node_get_string (member);
      if (uri == NULL || !g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL))
        {
          g_set_error_literal (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID_CONTENT,
                               _("“file” must be a URI, or null for an untitled map."));
          return NULL;
        }
      file = g_file_new_for_uri (uri);
    }

  member = json_object_get_member (object, "modified");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        {
          g_set_error_literal (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID_CONTENT,
                               _("“modified” must be true or false."));
          return NULL;
        }
      modified = json_node_get_boolean (member);
    }

  member = json_object_get_member (object, "map");
  if (member == NULL)
    {
      g_set_error_literal (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID_CONTENT,
                           _("It has no “map”."));
      return NULL;
    }
  map = carto_map_file_map_from_json (member, store, error);
  if (map == NULL)
    return NULL;

  document = carto_map_document_new (map);
  carto_map_document_set_file (document, file);
  carto_map_document_set_modified (document, modified);
  return document;
}

static GPtrArray *
documents_from_json (JsonNode             *root,
                     CartoCredentialStore *store,
                     GError              **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *maps;
  JsonArray *array;

  if (!carto_map_file_check_header (root, CARTO_MAP_SESSION_FORMAT, CARTO_MAP_SESSION_VERSION,
                                    _("It is not a CARTO Viewer session."), error))
    return NULL;

  maps = json_object_get_member (json_node_get_object (root), "maps");
  if (maps == NULL || JSON_NODE_HOLDS_NULL (maps))
    return g_steal_pointer (&documents);
  if (!JSON_NODE_HOLDS_ARRAY (maps))
    {
      g_set_error_literal (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID_CONTENT,
                           _("“maps” must be a list."));
      return NULL;
    }

  array = json_node_get_array (maps);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      CartoMapDocument *document = document_from_json (json_array_get_element (array, i), store, error);

      if (document == NULL)
        {
          /* Translators: %u is a map's position in the session, from 1. */
          g_prefix_error (error, _("Map %u: "), i + 1);
          return NULL;
        }
      g_ptr_array_add (documents, document);
    }

  return g_steal_pointer (&documents);
}

/**
 * carto_map_session_serialize:
 * @documents: (element-type CartoMapDocument): the open maps, in order
 *
 * Writes the session: each document's file (as a URI, or null while
 * untitled), whether it is modified, and its whole map in the map file
 * format. No API key is written.
 *
 * Returns: (transfer full): the session file's content
 */
GBytes *
carto_map_session_serialize (GPtrArray *documents)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (documents != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, CARTO_MAP_SESSION_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, CARTO_MAP_SESSION_VERSION);
  json_builder_set_member_name (builder, "maps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < documents->len; i++)
    {
      CartoMapDocument *document = g_ptr_array_index (documents, i);
      GFile *file;

      g_return_val_if_fail (CARTO_IS_MAP_DOCUMENT (document), NULL);
      file = carto_map_document_get_file (document);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "file");
      if (file != NULL)
        {
          g_autofree char *uri = g_file_get_uri (file);

          json_builder_add_string_value (builder, uri);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "modified");
      json_builder_add_boolean_value (builder, carto_map_document_get_modified (document));
      json_builder_set_member_name (builder, "map");
      json_builder_add_value (builder, carto_map_file_map_to_json (carto_map_document_get_map (document)));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return carto_map_file_json_to_bytes (root);
}

/**
 * carto_map_session_parse:
 * @bytes: a session file's content
 * @store: (nullable): where the layers' accounts are resolved
 * @error: return location for a %CARTO_MAP_FILE_ERROR
 *
 * Reads a session without I/O: each document gets its embedded map, its
 * file and its modified flag as saved. carto_map_session_load_async()
 * also prefers each unmodified map's file.
 *
 * Returns: (transfer full) (element-type CartoMapDocument) (nullable): the
 *   documents, in order
 */
GPtrArray *
carto_map_session_parse (GBytes               *bytes,
                         CartoCredentialStore *store,
                         GError              **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (store == NULL || CARTO_IS_CREDENTIAL_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = carto_map_file_parse_json (bytes, error);
  if (root == NULL)
    return NULL;

  return documents_from_json (root, store, error);
}

/* Loading */

static gboolean
is_broken (const GError *error)
{
  return g_error_matches (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID) ||
         g_error_matches (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_NOT_A_MAP) ||
         g_error_matches (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_TOO_NEW) ||
         g_error_matches (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID_CONTENT) ||
         g_error_matches (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_TOO_LARGE);
}

static GFile *
broken_copy_for (GFile *session_file)
{
  g_autofree char *basename = g_file_get_basename (session_file);
  g_autofree char *name = g_strconcat (basename, CARTO_MAP_SESSION_BROKEN_SUFFIX, NULL);
  g_autoptr(GFile) parent = g_file_get_parent (session_file);

  return g_file_get_child (parent, name);
}

static void
set_aside_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) copy_error = NULL;
  g_autoptr(GFile) copy = broken_copy_for (data->session_file);
  g_autofree char *copy_name = carto_map_file_dup_display_name (copy);
  GError *error = g_steal_pointer (&data->error);

  if (!g_file_copy_finish (G_FILE (object), result, &copy_error))
    g_debug ("Could not keep the unreadable session aside: %s", copy_error->message);
  else
    {
      g_autofree char *reason = g_steal_pointer (&error->message);

      /* Translators: the first %s says why the session could not be read,
       * the second is the name of the copy kept. */
      error->message = g_strdup_printf (_("%s A copy was kept as “%s”."), reason, copy_name);
    }

  g_task_return_error (task, error);
}

/* Keeps the unreadable session file aside, then reports @error. */
static void
set_aside (GTask  *task,
           GError *error)
{
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GFile) copy = broken_copy_for (data->session_file);

  data->error = error;
  g_file_copy_async (data->session_file, copy, G_FILE_COPY_OVERWRITE, G_PRIORITY_DEFAULT,
                     g_task_get_cancellable (task), NULL, NULL, set_aside_cb, task);
}

/* Where the map was left: the session's, not the file's. */
static void
copy_viewport (CartoMap *from,
               CartoMap *to)
{
  CartoBounds bounds;

  if (carto_map_get_bounds (from, &bounds))
    {
      carto_map_set_bounds (to, &bounds);
      return;
    }

  carto_map_set_center (to, carto_map_get_latitude (from), carto_map_get_longitude (from));
  carto_map_set_zoom (to, carto_map_get_zoom (from));
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  RefreshData *refresh = user_data;
  g_autoptr(GTask) task = refresh->task;
  LoadData *data = g_task_get_task_data (task);
  CartoMapDocument *document = g_ptr_array_index (data->documents, refresh->index);
  g_autoptr(CartoMap) map = NULL;
  g_autoptr(GError) error = NULL;

  map = carto_map_file_load_finish (result, &error);
  if (map != NULL)
    {
      CartoMapDocument *fresh;

      copy_viewport (carto_map_document_get_map (document), map);
      fresh = carto_map_document_new (map);

      carto_map_document_set_file (fresh, carto_map_document_get_file (document));
      g_ptr_array_index (data->documents, refresh->index) = fresh;
      g_object_unref (document);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The file no longer holds this map: only the session does. */
      g_debug ("Restoring a map from the session, not its file: %s", error->message);
      carto_map_document_set_modified (document, TRUE);
    }
  g_free (refresh);

  if (--data->pending > 0)
    return;

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&data->documents), (GDestroyNotify) g_ptr_array_unref);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = carto_map_file_read_json_finish (result, &error);
  if (root == NULL && g_error_matches (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_NOT_FOUND))
    {
      /* No session yet: nothing to restore, nothing wrong. */
      g_task_return_pointer (task, g_ptr_array_new_with_free_func (g_object_unref),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  if (root == NULL)
    {
      if (is_broken (error))
        set_aside (g_steal_pointer (&task), g_steal_pointer (&error));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->documents = documents_from_json (root, data->store, &error);
  if (data->documents == NULL)
    {
      g_autofree char *name = carto_map_file_dup_display_name (data->session_file);

      g_prefix_error (&error, _("Could not open “%s”. "), name);
      set_aside (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  /* One more than the loads, dropped below, so none finishes the task
   * before all have started. */
  data->pending = 1;
  for (guint i = 0; i < data->documents->len; i++)
    {
      CartoMapDocument *document = g_ptr_array_index (data->documents, i);
      RefreshData *refresh;

      if (carto_map_document_get_modified (document) || carto_map_document_get_file (document) == NULL)
        continue;

      refresh = g_new0 (RefreshData, 1);
      refresh->task = g_object_ref (task);
      refresh->index = i;
      data->pending++;
      carto_map_file_load_async (carto_map_document_get_file (document), data->store,
                                 g_task_get_cancellable (task), refresh_cb, refresh);
    }

  if (--data->pending > 0)
    return;
  g_task_return_pointer (task, g_steal_pointer (&data->documents), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * carto_map_session_load_async:
 * @session_file: the session file
 * @store: (nullable): where the layers' accounts are resolved
 * @cancellable: (nullable): cancels the load
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Restores the open maps. A missing session file is an empty session.
 * Each unmodified map with a file is read from that file when it still
 * reads, in the session's viewport; otherwise (the file deleted, broken) from the session, and then
 * it comes back modified. A session file that cannot be read is copied
 * beside itself with %CARTO_MAP_SESSION_BROKEN_SUFFIX before the error is
 * returned, so the next save loses nothing.
 */
void
carto_map_session_load_async (GFile                *session_file,
                              CartoCredentialStore *store,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (G_IS_FILE (session_file));
  g_return_if_fail (store == NULL || CARTO_IS_CREDENTIAL_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, &load_tag);
  data = g_new0 (LoadData, 1);
  data->session_file = g_object_ref (session_file);
  data->store = store != NULL ? g_object_ref (store) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  carto_map_file_read_json_async (session_file, CARTO_MAP_SESSION_MAX_SIZE, cancellable,
                                  read_cb, g_steal_pointer (&task));
}

/**
 * carto_map_session_load_finish:
 * @result: the result passed to the callback
 * @error: return location for a %CARTO_MAP_FILE_ERROR naming the session
 *   file (and the copy kept aside), or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (element-type CartoMapDocument) (nullable): the
 *   documents, in the order saved; empty without a session file
 */
GPtrArray *
carto_map_session_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &load_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * carto_map_session_save_async:
 * @documents: (element-type CartoMapDocument): the open maps, in order
 * @session_file: where the session lives; its folder is created if needed
 * @cancellable: (nullable): cancels the save; the old session stays
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Serializes the documents now and replaces @session_file atomically.
 */
void
carto_map_session_save_async (GPtrArray           *documents,
                              GFile               *session_file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (documents != NULL);
  g_return_if_fail (G_IS_FILE (session_file));

  bytes = carto_map_session_serialize (documents);
  carto_map_file_write_bytes_async (session_file, bytes, TRUE, cancellable, callback, user_data);
}

/**
 * carto_map_session_save_finish:
 * @result: the result passed to the callback
 * @error: return location for a %CARTO_MAP_FILE_ERROR, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: whether the session was saved
 */
gboolean
carto_map_session_save_finish (GAsyncResult  *result,
                               GError       **error)
{
  return carto_map_file_write_bytes_finish (result, error);
}
