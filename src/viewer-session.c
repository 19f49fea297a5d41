/* viewer-session.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The open maps, kept in $XDG_STATE_HOME/carto-viewer/session.json so they
 * come back on the next start, even after a crash: saved or not, with
 * their viewport, in window order. The application says which document
 * each window (an opaque owner) holds; the session follows every change
 * to them (content, file, modified, viewport) and writes behind, at most
 * once per VIEWER_SESSION_SAVE_DELAY_MS, atomically
 * (carto_map_session_save_async()), one write at a time.
 *
 * Nothing is written before the last session was read: a window opened
 * at start-up must not replace it before it is restored. A session file
 * that could not be read is kept aside by libcarto, and then writing
 * starts; one that failed for another reason (a folder we may not read)
 * is left alone for this run.
 *
 * What stays in the session when windows close is the application's
 * rule (viewer-application.c): the session keeps what it is told.
 */

#include "config.h"

#include "viewer-session.h"

typedef struct
{
  gconstpointer owner;
  CartoMapDocument *document;
} Entry;

struct _ViewerSession
{
  GObject parent_instance;

  /* Owned references */
  GFile *file;
  GFile *kept_aside;
  GCancellable *cancellable;
  GArray *entries;

  /* State */
  guint save_source;
  gboolean writable;
  gboolean restoring;
  gboolean dirty;
  gboolean saving;
  gboolean urgent;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (ViewerSession, viewer_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char restore_tag;

static void mark_changed (ViewerSession *self);
static void schedule_save (ViewerSession *self);

static void
update_busy (ViewerSession *self)
{
  gboolean busy = self->save_source != 0 || self->saving;

  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_document_changed_cb (ViewerSession *self)
{
  mark_changed (self);
}

/* Content, file, modified flag and viewport: all the session holds. */
static void
watch (ViewerSession    *self,
       CartoMapDocument *document)
{
  static const char *const document_signals[] = { "notify::modified", "notify::file" };
  static const char *const map_signals[] = {
    "changed", "notify::latitude", "notify::longitude", "notify::zoom", "notify::bounds",
  };
  CartoMap *map = carto_map_document_get_map (document);

  for (guint i = 0; i < G_N_ELEMENTS (document_signals); i++)
    g_signal_connect_object (document, document_signals[i], G_CALLBACK (on_document_changed_cb), self,
                             G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (map_signals); i++)
    g_signal_connect_object (map, map_signals[i], G_CALLBACK (on_document_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
unwatch (ViewerSession    *self,
         CartoMapDocument *document)
{
  g_signal_handlers_disconnect_by_data (carto_map_document_get_map (document), self);
  g_signal_handlers_disconnect_by_data (document, self);
}

static void
entry_clear (Entry *entry)
{
  g_clear_object (&entry->document);
}

static Entry *
find_entry (ViewerSession *self,
            gconstpointer  owner,
            guint         *index)
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = &g_array_index (self->entries, Entry, i);

      if (entry->owner == owner)
        {
          if (index != NULL)
            *index = i;
          return entry;
        }
    }

  return NULL;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ViewerSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!carto_map_session_save_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The maps are still open; the next change tries again. */
      g_warning ("Could not save the session: %s", error->message);
    }

  self->saving = FALSE;
  if (self->dirty && self->urgent)
    {
      self->urgent = FALSE;
      viewer_session_save_now (self);
      return;
    }
  if (self->dirty)
    schedule_save (self);
  update_busy (self);
}

static void
write_now (ViewerSession *self)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();

  for (guint i = 0; i < self->entries->len; i++)
    g_ptr_array_add (documents, g_array_index (self->entries, Entry, i).document);

  self->dirty = FALSE;
  self->saving = TRUE;
  carto_map_session_save_async (documents, self->file, self->cancellable, save_cb, g_object_ref (self));
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  ViewerSession *self = user_data;

  self->save_source = 0;
  write_now (self);
  update_busy (self);
  return G_SOURCE_REMOVE;
}

/* Later, not now: the changes of the next second share the write. */
static void
schedule_save (ViewerSession *self)
{
  if (!self->writable || self->save_source != 0 || self->saving)
    return;

  self->save_source = g_timeout_add (VIEWER_SESSION_SAVE_DELAY_MS, save_timeout_cb, self);
  update_busy (self);
}

static void
mark_changed (ViewerSession *self)
{
  self->dirty = TRUE;
  schedule_save (self);
}

/* libcarto keeps these aside as session.json.broken before it reports
 * them: writing over the file then loses nothing. */
static gboolean
was_kept_aside (const GError *error)
{
  if (error == NULL || error->domain != CARTO_MAP_FILE_ERROR)
    return FALSE;

  switch ((CartoMapFileError) error->code)
    {
    case CARTO_MAP_FILE_ERROR_INVALID:
    case CARTO_MAP_FILE_ERROR_NOT_A_MAP:
    case CARTO_MAP_FILE_ERROR_TOO_NEW:
    case CARTO_MAP_FILE_ERROR_INVALID_CONTENT:
    case CARTO_MAP_FILE_ERROR_TOO_LARGE:
      return TRUE;
    case CARTO_MAP_FILE_ERROR_FAILED:
    case CARTO_MAP_FILE_ERROR_NOT_FOUND:
    case CARTO_MAP_FILE_ERROR_NOT_REGULAR:
    case CARTO_MAP_FILE_ERROR_PERMISSION_DENIED:
    case CARTO_MAP_FILE_ERROR_NO_SPACE:
    default:
      return FALSE;
    }
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ViewerSession *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;

  self->restoring = FALSE;
  documents = carto_map_session_load_finish (result, &error);
  if (was_kept_aside (error))
    {
      g_autofree char *path = g_file_get_path (self->file);
      g_autofree char *kept = g_strconcat (path, CARTO_MAP_SESSION_BROKEN_SUFFIX, NULL);

      self->kept_aside = g_file_new_for_path (kept);
    }
  if (documents != NULL || self->kept_aside != NULL)
    {
      self->writable = TRUE;
      if (self->dirty)
        schedule_save (self);
    }

  if (documents == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&documents), (GDestroyNotify) g_ptr_array_unref);
}

static void
viewer_session_dispose (GObject *object)
{
  ViewerSession *self = VIEWER_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->save_source, g_source_remove);
  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    unwatch (self, g_array_index (self->entries, Entry, i).document);
  g_clear_pointer (&self->entries, g_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->kept_aside);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (viewer_session_parent_class)->dispose (object);
}

static void
viewer_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ViewerSession *self = VIEWER_SESSION (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_session_class_init (ViewerSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = viewer_session_dispose;
  object_class->get_property = viewer_session_get_property;

  /**
   * ViewerSession:busy:
   *
   * Whether a write is due or under way: the application waits for it
   * before it ends, so closing the last window keeps its map.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viewer_session_init (ViewerSession *self)
{
  self->cancellable = g_cancellable_new ();
  self->entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (self->entries, (GDestroyNotify) entry_clear);
}

/**
 * viewer_session_new:
 * @file: the session file
 *
 * Returns: (transfer full): an empty session, which writes nothing until
 *   viewer_session_restore_async() has read @file
 */
ViewerSession *
viewer_session_new (GFile *file)
{
  ViewerSession *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (VIEWER_TYPE_SESSION, NULL);
  self->file = g_object_ref (file);
  return self;
}

/**
 * viewer_session_dup_default_file:
 *
 * Returns: (transfer full): `$XDG_STATE_HOME/carto-viewer/session.json`
 */
GFile *
viewer_session_dup_default_file (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "carto-viewer", "session.json", NULL);

  return g_file_new_for_path (path);
}

/**
 * viewer_session_get_file:
 * @self: the session
 *
 * Returns: (transfer none): where the session is kept
 */
GFile *
viewer_session_get_file (ViewerSession *self)
{
  g_return_val_if_fail (VIEWER_IS_SESSION (self), NULL);

  return self->file;
}

/**
 * viewer_session_restore_async:
 * @self: the session
 * @store: where the layers' accounts are found: loaded, or every layer
 *   would need its account
 * @cancellable: (nullable): a cancellable
 * @callback: called with the documents
 * @user_data: for @callback
 *
 * Reads the last session (see carto_map_session_load_async()). From then
 * on the session writes changes; it does not hold the documents read
 * until viewer_session_set_document() gives them owners.
 */
void
viewer_session_restore_async (ViewerSession        *self,
                              CartoCredentialStore *store,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIEWER_IS_SESSION (self));
  g_return_if_fail (CARTO_IS_CREDENTIAL_STORE (store));
  g_return_if_fail (!self->restoring && !self->writable);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, &restore_tag);
  self->restoring = TRUE;
  carto_map_session_load_async (self->file, store, cancellable, load_cb, g_steal_pointer (&task));
}

/**
 * viewer_session_restore_finish:
 * @self: the session
 * @result: the result passed to the callback
 * @error: why the last session could not be read (a %CARTO_MAP_FILE_ERROR
 *   naming the copy kept aside, when there is one)
 *
 * Returns: (transfer full) (element-type CartoMapDocument) (nullable): the
 *   maps of the last session, in window order; empty when there was none
 */
GPtrArray *
viewer_session_restore_finish (ViewerSession  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (VIEWER_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &restore_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * viewer_session_dup_kept_aside_file:
 * @self: the session
 *
 * Returns: (transfer full) (nullable): where the last session was kept
 *   when it could not be read (`session.json.broken`), or %NULL
 */
GFile *
viewer_session_dup_kept_aside_file (ViewerSession *self)
{
  g_return_val_if_fail (VIEWER_IS_SESSION (self), NULL);

  return self->kept_aside != NULL ? g_object_ref (self->kept_aside) : NULL;
}

/**
 * viewer_session_set_document:
 * @self: the session
 * @owner: who shows the document (a window); only compared
 * @document: the document it shows now
 *
 * A new owner goes last, in the order windows opened; an owner showing
 * another document (a file opened into an empty window) keeps its place.
 */
void
viewer_session_set_document (ViewerSession    *self,
                             gconstpointer     owner,
                             CartoMapDocument *document)
{
  Entry *entry;

  g_return_if_fail (VIEWER_IS_SESSION (self));
  g_return_if_fail (owner != NULL);
  g_return_if_fail (CARTO_IS_MAP_DOCUMENT (document));

  entry = find_entry (self, owner, NULL);
  if (entry != NULL && entry->document == document)
    return;

  if (entry != NULL)
    {
      unwatch (self, entry->document);
      g_set_object (&entry->document, document);
    }
  else
    {
      Entry added = { owner, g_object_ref (document) };

      g_array_append_val (self->entries, added);
    }
  watch (self, document);
  mark_changed (self);
}

/**
 * viewer_session_remove:
 * @self: the session
 * @owner: an owner given to viewer_session_set_document()
 *
 * Forgets the owner's document: the next start does not bring it back.
 */
void
viewer_session_remove (ViewerSession *self,
                       gconstpointer  owner)
{
  Entry *entry;
  guint index;

  g_return_if_fail (VIEWER_IS_SESSION (self));

  entry = find_entry (self, owner, &index);
  if (entry == NULL)
    return;

  unwatch (self, entry->document);
  g_array_remove_index (self->entries, index);
  mark_changed (self);
}

/**
 * viewer_session_discard:
 * @self: the session
 * @owner: an owner given to viewer_session_set_document()
 *
 * The person threw the document's unsaved changes away: the next start
 * shows its file as saved (the document is marked unmodified, and an
 * unmodified map is restored from its file), or, for an untitled map,
 * nothing at all.
 */
void
viewer_session_discard (ViewerSession *self,
                        gconstpointer  owner)
{
  Entry *entry;

  g_return_if_fail (VIEWER_IS_SESSION (self));

  entry = find_entry (self, owner, NULL);
  if (entry == NULL)
    return;

  if (carto_map_document_get_file (entry->document) == NULL)
    viewer_session_remove (self, owner);
  else
    carto_map_document_set_modified (entry->document, FALSE);
}

/**
 * viewer_session_save_now:
 * @self: the session
 *
 * Writes the changes not written yet at once, rather than after the
 * delay (quitting, the last window closed); watch #ViewerSession:busy
 * for the end. Before the last session was read, does nothing.
 */
void
viewer_session_save_now (ViewerSession *self)
{
  g_return_if_fail (VIEWER_IS_SESSION (self));

  if (!self->writable)
    return;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->saving)
    self->urgent = self->dirty;
  else if (self->dirty)
    write_now (self);
  update_busy (self);
}

/**
 * viewer_session_get_busy:
 * @self: the session
 *
 * Returns: whether a write is due or under way
 */
gboolean
viewer_session_get_busy (ViewerSession *self)
{
  g_return_val_if_fail (VIEWER_IS_SESSION (self), FALSE);

  return self->busy;
}

/**
 * viewer_session_get_n_documents:
 * @self: the session
 *
 * Returns: how many documents the session holds
 */
guint
viewer_session_get_n_documents (ViewerSession *self)
{
  g_return_val_if_fail (VIEWER_IS_SESSION (self), 0);

  return self->entries->len;
}
