/* carto-map-document.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A map as a document: its content (a CartoMap), the file it lives in
 * (none while untitled), whether it has unsaved changes, and the title a
 * window shows. The map's #CartoMap::changed sets #CartoMapDocument:modified;
 * a load or a successful save clears it, unless the map changed while the
 * save was under way: what was written is then older than what is shown.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "carto-map-document-private.h"
#include "carto-map-file-private.h"

struct _CartoMapDocument
{
  GObject parent_instance;

  /* owned */
  CartoMap *map;
  GFile *file;
  char *title;

  /* state */
  gboolean modified;
  /* Counts the map's changes, so a save knows whether it wrote the
   * latest content. */
  guint64 serial;
};

G_DEFINE_FINAL_TYPE (CartoMapDocument, carto_map_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAP,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char load_tag;
static char save_tag;

typedef struct
{
  GFile *file;
  guint64 serial;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_free (data);
}

static char *
title_for_file (GFile *file)
{
  g_autofree char *name = NULL;
  gsize len, ext_len = strlen (CARTO_MAP_FILE_EXTENSION);

  if (file == NULL)
    return g_strdup (_("Untitled Map"));

  name = carto_map_file_dup_display_name (file);
  len = strlen (name);
  /* “.cartomap” goes, whatever its case; a file called just that keeps it. */
  if (len > ext_len && g_ascii_strcasecmp (name + len - ext_len, CARTO_MAP_FILE_EXTENSION) == 0)
    name[len - ext_len] = '\0';

  return g_steal_pointer (&name);
}

static void
on_map_changed_cb (CartoMap         *map,
                   CartoMapDocument *self)
{
  self->serial++;
  carto_map_document_set_modified (self, TRUE);
}

static void
carto_map_document_constructed (GObject *object)
{
  CartoMapDocument *self = CARTO_MAP_DOCUMENT (object);

  G_OBJECT_CLASS (carto_map_document_parent_class)->constructed (object);

  if (self->map == NULL)
    self->map = carto_map_new ();
  g_signal_connect_object (self->map, "changed", G_CALLBACK (on_map_changed_cb), self, 0);
  self->title = title_for_file (NULL);
}

static void
carto_map_document_dispose (GObject *object)
{
  CartoMapDocument *self = CARTO_MAP_DOCUMENT (object);

  g_clear_object (&self->map);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (carto_map_document_parent_class)->dispose (object);
}

static void
carto_map_document_finalize (GObject *object)
{
  CartoMapDocument *self = CARTO_MAP_DOCUMENT (object);

  g_free (self->title);

  G_OBJECT_CLASS (carto_map_document_parent_class)->finalize (object);
}

static void
carto_map_document_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CartoMapDocument *self = CARTO_MAP_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_map_document_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CartoMapDocument *self = CARTO_MAP_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_MAP:
      self->map = g_value_dup_object (value);
      break;
    case PROP_MODIFIED:
      carto_map_document_set_modified (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_map_document_class_init (CartoMapDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = carto_map_document_constructed;
  object_class->dispose = carto_map_document_dispose;
  object_class->finalize = carto_map_document_finalize;
  object_class->get_property = carto_map_document_get_property;
  object_class->set_property = carto_map_document_set_property;

  /**
   * CartoMapDocument:map:
   *
   * The document's content, for its whole life.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, CARTO_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoMapDocument:file:
   *
   * The file the document was loaded from or last saved to, or %NULL for
   * an untitled map.
   */
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoMapDocument:modified:
   *
   * Whether the map has changes its file does not have. Set by every
   * #CartoMap::changed, cleared by a load and by a save that wrote the
   * latest content.
   */
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoMapDocument:title:
   *
   * The name to show: the file's display name without
   * %CARTO_MAP_FILE_EXTENSION, or “Untitled Map”.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_map_document_init (CartoMapDocument *self)
{
}

/**
 * carto_map_document_new:
 * @map: (nullable): the content; %NULL for a new empty map
 *
 * Returns: (transfer full): an untitled, unmodified document
 */
CartoMapDocument *
carto_map_document_new (CartoMap *map)
{
  g_return_val_if_fail (map == NULL || CARTO_IS_MAP (map), NULL);

  return g_object_new (CARTO_TYPE_MAP_DOCUMENT, "map", map, NULL);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CartoMap) map = NULL;
  g_autoptr(GError) error = NULL;
  CartoMapDocument *document;

  map = carto_map_file_load_finish (result, &error);
  if (map == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  document = carto_map_document_new (map);
  carto_map_document_set_file (document, g_task_get_task_data (task));
  g_task_return_pointer (task, document, g_object_unref);
}

/**
 * carto_map_document_load_async:
 * @file: a map file
 * @store: (nullable): where the layers' accounts are resolved
 * @cancellable: (nullable): cancels the load
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Opens @file as a new document (see carto_map_file_load_async()).
 */
void
carto_map_document_load_async (GFile                *file,
                               CartoCredentialStore *store,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (store == NULL || CARTO_IS_CREDENTIAL_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, &load_tag);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);

  carto_map_file_load_async (file, store, cancellable, load_cb, g_steal_pointer (&task));
}

/**
 * carto_map_document_load_finish:
 * @result: the result passed to the callback
 * @error: return location for a %CARTO_MAP_FILE_ERROR naming the file, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): an unmodified document of the file
 */
CartoMapDocument *
carto_map_document_load_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &load_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CartoMapDocument *self = g_task_get_source_object (task);
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!carto_map_file_save_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  carto_map_document_set_file (self, data->file);
  /* Changed while writing: the file holds an older map than the one shown. */
  if (self->serial == data->serial)
    carto_map_document_set_modified (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));

  g_task_return_boolean (task, TRUE);
}

/**
 * carto_map_document_save_async:
 * @self: a document
 * @file: (nullable): where to save ("Save As"), or %NULL for the
 *   document's own file, which it must then have
 * @cancellable: (nullable): cancels the save; the old file stays
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Saves the map as it is now, atomically. On success the document's file
 * becomes @file, and the document is unmodified unless the map changed
 * since the save began. On failure nothing changes.
 */
void
carto_map_document_save_async (CartoMapDocument    *self,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (CARTO_IS_MAP_DOCUMENT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));
  g_return_if_fail (file != NULL || self->file != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, &save_tag);
  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (file != NULL ? file : self->file);
  data->serial = self->serial;
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  carto_map_file_save_async (self->map, data->file, cancellable, save_cb, g_steal_pointer (&task));
}

/**
 * carto_map_document_save_finish:
 * @self: a document
 * @result: the result passed to the callback
 * @error: return location for a %CARTO_MAP_FILE_ERROR naming the file, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: whether the map was saved
 */
gboolean
carto_map_document_save_finish (CartoMapDocument  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (CARTO_IS_MAP_DOCUMENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &save_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * carto_map_document_get_map:
 * @self: a document
 *
 * Returns: (transfer none): the document's map
 */
CartoMap *
carto_map_document_get_map (CartoMapDocument *self)
{
  g_return_val_if_fail (CARTO_IS_MAP_DOCUMENT (self), NULL);

  return self->map;
}

/**
 * carto_map_document_get_file:
 * @self: a document
 *
 * Returns: (transfer none) (nullable): the document's file, or %NULL while
 *   untitled
 */
GFile *
carto_map_document_get_file (CartoMapDocument *self)
{
  g_return_val_if_fail (CARTO_IS_MAP_DOCUMENT (self), NULL);

  return self->file;
}

/**
 * carto_map_document_set_file:
 * @self: a document
 * @file: (nullable): its file
 *
 * For loading, saving and the session, which restores documents as they
 * were. Updates #CartoMapDocument:title.
 */
void
carto_map_document_set_file (CartoMapDocument *self,
                             GFile            *file)
{
  g_autofree char *title = NULL;

  g_return_if_fail (CARTO_IS_MAP_DOCUMENT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;

  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);

  title = title_for_file (file);
  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_steal_pointer (&title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

/**
 * carto_map_document_get_modified:
 * @self: a document
 *
 * Returns: whether the map has unsaved changes
 */
gboolean
carto_map_document_get_modified (CartoMapDocument *self)
{
  g_return_val_if_fail (CARTO_IS_MAP_DOCUMENT (self), FALSE);

  return self->modified;
}

/**
 * carto_map_document_set_modified:
 * @self: a document
 * @modified: whether the map has unsaved changes
 *
 * For what the map's content does not say, such as a restored session's
 * unsaved map, or "Discard changes" after a revert.
 */
void
carto_map_document_set_modified (CartoMapDocument *self,
                                 gboolean          modified)
{
  g_return_if_fail (CARTO_IS_MAP_DOCUMENT (self));

  modified = !!modified;
  if (self->modified == modified)
    return;

  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/**
 * carto_map_document_get_title:
 * @self: a document
 *
 * Returns: the name to show (see #CartoMapDocument:title)
 */
const char *
carto_map_document_get_title (CartoMapDocument *self)
{
  g_return_val_if_fail (CARTO_IS_MAP_DOCUMENT (self), NULL);

  return self->title;
}
