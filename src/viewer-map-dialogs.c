/* viewer-map-dialogs.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialogs around map files: choosing maps to open, choosing where to
 * save one, asking before unsaved changes are lost, and saying why a map
 * could not be opened or saved. The window decides what happens; these
 * only ask.
 *
 * GTK 4.8 has no GtkFileDialog: the choosers are GtkFileChooserNative,
 * which goes through the file chooser portal when there is one (Flatpak)
 * and is GTK's own dialog otherwise. The save chooser confirms replacing
 * the file it was given; when we add the extension ourselves, the name is
 * a different file, so that replacement is confirmed here.
 */

#include "config.h"

#include <carto.h>
#include <glib/gi18n.h>
#include <string.h>

#include "viewer-map-dialogs.h"

static char open_tag;
static char save_tag;
static char ask_tag;

static GtkFileFilter *
maps_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Maps"));
  gtk_file_filter_add_mime_type (filter, CARTO_MAP_FILE_MIME_TYPE);
  /* Without the shared MIME database (a fresh install, a portable copy)
   * the name still says it; the suffix goes without its dot. */
  gtk_file_filter_add_suffix (filter, &CARTO_MAP_FILE_EXTENSION[1]);
  return filter;
}

static GtkFileFilter *
all_files_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("All Files"));
  gtk_file_filter_add_pattern (filter, "*");
  return filter;
}

static gboolean
has_map_extension (const char *name)
{
  gsize len = strlen (name), ext_len = strlen (CARTO_MAP_FILE_EXTENSION);

  return len > ext_len && g_ascii_strcasecmp (name + len - ext_len, CARTO_MAP_FILE_EXTENSION) == 0;
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return basename != NULL ? g_filename_display_name (basename) : g_strdup ("?");
}

/* The chooser goes now, while its parent window is surely alive: the
 * task may outlive it, and the chooser unrefs its parent when it goes. */
static void
release_chooser (GTask           *task,
                 GtkNativeDialog *native)
{
  gtk_native_dialog_destroy (native);
  g_task_set_task_data (task, NULL, NULL);
}

/* Opening */

static void
on_open_response_cb (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_handlers_disconnect_by_data (native, task);
  /* Read before the chooser goes. */
  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
  release_chooser (task, native);

  if (files == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "No map was chosen");
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (chosen, g_list_model_get_item (files, i));

  if (chosen->len == 0)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "No map was chosen");
  else
    g_task_return_pointer (task, g_steal_pointer (&chosen), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * viewer_map_dialogs_choose_open_async:
 * @parent: the window asking
 * @cancellable: (nullable): a cancellable, checked when the chooser answers
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * Asks which maps to open (several may be chosen).
 */
void
viewer_map_dialogs_choose_open_async (GtkWindow           *parent,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GtkFileFilter) maps = maps_filter ();
  g_autoptr(GtkFileFilter) all = all_files_filter ();
  GtkFileChooserNative *native;

  g_return_if_fail (GTK_IS_WINDOW (parent));

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, &open_tag);
  g_task_set_check_cancellable (task, TRUE);

  native = gtk_file_chooser_native_new (_("Open Map"), parent, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), maps);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), maps);
  /* The task owns the chooser until it answers. */
  g_task_set_task_data (task, native, g_object_unref);
  g_signal_connect (native, "response", G_CALLBACK (on_open_response_cb), g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/**
 * viewer_map_dialogs_choose_open_finish:
 * @result: the result passed to the callback
 * @error: %G_IO_ERROR_CANCELLED when nothing was chosen
 *
 * Returns: (transfer full) (element-type GFile) (nullable): the chosen
 *   files, at least one
 */
GPtrArray *
viewer_map_dialogs_choose_open_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &open_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Saving */

static void
on_replace_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");

  if (g_strcmp0 (response, "replace") == 0)
    g_task_return_pointer (task, g_object_ref (file), g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Not replaced");
}

/* The name the chooser confirmed was not this one: ask about this one. */
static void
ask_replace (GTask *task,
             GFile *file)
{
  GtkWindow *parent = g_task_get_source_object (task);
  g_autofree char *name = dup_display_name (file);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *folder_name = folder != NULL ? dup_display_name (folder) : g_strdup ("/");
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, NULL, NULL);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Replace “%s”?"), name);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("A file with this name already exists in “%s”. Replacing it will overwrite its contents."),
                                  folder_name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response_cb), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
query_exists_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info != NULL)
    {
      ask_replace (g_steal_pointer (&task), G_FILE (object));
      return;
    }

  /* Not there (or not readable: the save will say so). */
  g_task_return_pointer (task, g_object_ref (object), g_object_unref);
}

static void
on_save_response_cb (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *with_extension = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) named = NULL;
  GCancellable *cancellable;

  g_signal_handlers_disconnect_by_data (native, task);
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  release_chooser (task, native);

  if (file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "No file was chosen");
      return;
    }

  basename = g_file_get_basename (file);
  parent = g_file_get_parent (file);
  if (basename == NULL || parent == NULL || has_map_extension (basename))
    {
      g_task_return_pointer (task, g_steal_pointer (&file), g_object_unref);
      return;
    }

  /* "Europe" means "Europe.cartomap": a map is found by its extension. */
  with_extension = g_strconcat (basename, CARTO_MAP_FILE_EXTENSION, NULL);
  named = g_file_get_child (parent, with_extension);
  cancellable = g_task_get_cancellable (task);
  g_file_query_info_async (named, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT,
                           cancellable, query_exists_cb, g_steal_pointer (&task));
}

/**
 * viewer_map_dialogs_choose_save_async:
 * @parent: the window asking
 * @title: the map's title, the suggested name (without the extension)
 * @current: (nullable): the map's file, where the chooser starts
 * @cancellable: (nullable): a cancellable, checked when the chooser answers
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * Asks where to save a map. A name typed without %CARTO_MAP_FILE_EXTENSION
 * gets it, and replacing a file of that name is confirmed.
 */
void
viewer_map_dialogs_choose_save_async (GtkWindow           *parent,
                                      const char          *title,
                                      GFile               *current,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GtkFileFilter) maps = maps_filter ();
  GtkFileChooserNative *native;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (title != NULL);
  g_return_if_fail (current == NULL || G_IS_FILE (current));

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, &save_tag);
  g_task_set_check_cancellable (task, TRUE);

  native = gtk_file_chooser_native_new (_("Save Map"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), maps);
  if (current != NULL)
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), current, NULL);
  else
    {
      g_autofree char *name = g_strconcat (title, CARTO_MAP_FILE_EXTENSION, NULL);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
    }
  g_task_set_task_data (task, native, g_object_unref);
  g_signal_connect (native, "response", G_CALLBACK (on_save_response_cb), g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/**
 * viewer_map_dialogs_choose_save_finish:
 * @result: the result passed to the callback
 * @error: %G_IO_ERROR_CANCELLED when nothing was chosen
 *
 * Returns: (transfer full) (nullable): where to save
 */
GFile *
viewer_map_dialogs_choose_save_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &save_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Unsaved changes */

static void
on_save_changes_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;
  ViewerSaveChangesResponse answer = VIEWER_SAVE_CHANGES_CANCEL;

  if (g_strcmp0 (response, "save") == 0)
    answer = VIEWER_SAVE_CHANGES_SAVE;
  else if (g_strcmp0 (response, "discard") == 0)
    answer = VIEWER_SAVE_CHANGES_DISCARD;

  g_task_return_int (task, answer);
}

/**
 * viewer_map_dialogs_ask_save_changes_async:
 * @parent: the window about to close
 * @title: its map's title
 * @cancellable: (nullable): a cancellable
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * Asks what to do with a map's unsaved changes, as GNOME Text Editor
 * does: "save" (suggested), "discard" (destructive) or "cancel" (also
 * Escape and closing the dialog), the dialog's response ids.
 */
void
viewer_map_dialogs_ask_save_changes_async (GtkWindow           *parent,
                                           const char          *title,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (title != NULL);

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, &ask_tag);

  dialog = adw_message_dialog_new (parent, _("Save Changes?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  /* Translators: %s is a map's title, such as "Untitled Map" */
                                  _("“%s” has unsaved changes. Changes which are not saved will be permanently lost."),
                                  title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_changes_response_cb), g_steal_pointer (&task));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * viewer_map_dialogs_ask_save_changes_finish:
 * @result: the result passed to the callback
 *
 * Returns: the answer
 */
ViewerSaveChangesResponse
viewer_map_dialogs_ask_save_changes_finish (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), VIEWER_SAVE_CHANGES_CANCEL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &ask_tag, VIEWER_SAVE_CHANGES_CANCEL);

  return (ViewerSaveChangesResponse) g_task_propagate_int (G_TASK (result), NULL);
}

/* Errors */

/* libcarto's messages start "Could not open “NAME”. " (or save): the
 * heading says that already, the body says why. */
static const char *
skip_prefix (const char *message,
             const char *prefix)
{
  return g_str_has_prefix (message, prefix) && message[strlen (prefix)] != '\0'
         ? message + strlen (prefix) : message;
}

/**
 * viewer_map_dialogs_show_error:
 * @parent: the window that tried
 * @file: the map file
 * @saving: whether saving (else opening) failed
 * @error: why, a %CARTO_MAP_FILE_ERROR; never cancellation
 *
 * Says, in a dialog, that a map could not be opened or saved, and why.
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWindow *
viewer_map_dialogs_show_error (GtkWindow    *parent,
                               GFile        *file,
                               gboolean      saving,
                               const GError *error)
{
  g_autofree char *name = NULL;
  g_autofree char *prefix = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error != NULL, NULL);

  name = dup_display_name (file);
  /* The same strings libcarto prefixes its messages with. */
  prefix = g_strdup_printf (saving ? _("Could not save “%s”. ") : _("Could not open “%s”. "), name);

  dialog = adw_message_dialog_new (parent, NULL, skip_prefix (error->message, prefix));
  if (saving)
    /* Translators: a dialog's heading; %s is a file name */
    adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Could not save “%s”"), name);
  else
    /* Translators: a dialog's heading; %s is a file name */
    adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Could not open “%s”"), name);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WINDOW (dialog);
}
