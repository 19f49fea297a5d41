/* viewer-cartoframes-transfer.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialogs around CARTOframes credentials files: pick a file to import
 * into the keyring, and export an account after a clear warning that the
 * file holds its key in plain text. Reading and writing the files is
 * libcarto's (carto-cartoframes-file.c).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-cartoframes-transfer.h"

/* GTask source tags: a function pointer is no `gpointer` in ISO C. */
static const char import_tag[] = "viewer_cartoframes_import_async";
static const char export_tag[] = "viewer_cartoframes_export_async";

typedef struct
{
  GtkWindow *parent;
  CartoCredentialStore *store;
  CartoCredentials *credentials;
  GtkFileChooserNative *chooser;
  GFile *file;
} TransferData;

static void
transfer_data_free (TransferData *data)
{
  if (data->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (data->chooser));
  g_clear_object (&data->chooser);
  g_clear_object (&data->parent);
  g_clear_object (&data->store);
  g_clear_object (&data->credentials);
  g_clear_object (&data->file);
  g_free (data);
}

static TransferData *
transfer_data_new (GtkWindow *parent)
{
  TransferData *data = g_new0 (TransferData, 1);

  data->parent = parent != NULL ? g_object_ref (parent) : NULL;
  return data;
}

/* Where CARTOframes keeps its file, if that folder exists. */
static GFile *
default_folder (void)
{
  g_autoptr(GFile) file = carto_cartoframes_file_get_default ();
  g_autoptr(GFile) folder = g_file_get_parent (file);

  if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    return g_steal_pointer (&folder);
  return NULL;
}

static void
add_json_filter (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (json, _("CARTOframes credentials (JSON)"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_pattern (json, "*.json");
  gtk_file_chooser_add_filter (chooser, json);

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
}

static void
import_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TransferData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CartoAccount *account;

  account = carto_cartoframes_file_import_finish (data->store, result, &error);
  if (account == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The first account is the one people mean: make it the default. */
  if (carto_credential_store_get_default (data->store) == NULL &&
      !carto_credential_store_set_default (data->store, account, &error))
    g_debug ("Could not make the imported account the default: %s", error->message);

  g_task_return_pointer (task, account, g_object_unref);
}

static void
on_import_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  TransferData *data = g_task_get_task_data (task);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Import cancelled");
      return;
    }

  carto_cartoframes_file_import_async (data->store, file, g_task_get_cancellable (task),
                                       import_cb, g_steal_pointer (&task));
}

/**
 * viewer_cartoframes_import_async:
 * @parent: (nullable): the window the file chooser belongs to
 * @store: the store to add the account to
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the account is stored, or the person gave up
 * @user_data: data for @callback
 *
 * Asks for a CARTOframes credentials file (CARTOframes' own file is
 * offered first) and stores its account in the keyring. If there was no
 * default account, the imported one becomes the default.
 */
void
viewer_cartoframes_import_async (GtkWindow            *parent,
                                 CartoCredentialStore *store,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) default_file = carto_cartoframes_file_get_default ();
  g_autoptr(GFile) folder = default_folder ();
  TransferData *data;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (CARTO_IS_CREDENTIAL_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) import_tag);
  data = transfer_data_new (parent);
  data->store = g_object_ref (store);
  g_task_set_task_data (task, data, (GDestroyNotify) transfer_data_free);

  data->chooser = gtk_file_chooser_native_new (_("Import CARTOframes Credentials"), parent,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (data->chooser), TRUE);
  add_json_filter (GTK_FILE_CHOOSER (data->chooser));
  if (g_file_query_exists (default_file, NULL))
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (data->chooser), default_file, NULL);
  else if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (data->chooser), folder, NULL);

  g_signal_connect (data->chooser, "response", G_CALLBACK (on_import_chooser_response_cb), g_object_ref (task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (data->chooser));
}

/**
 * viewer_cartoframes_import_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the imported account, or %NULL with a
 *   %CARTO_CREDENTIALS_ERROR, or %G_IO_ERROR_CANCELLED when the person
 *   closed the file chooser
 */
CartoAccount *
viewer_cartoframes_import_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == import_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TransferData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!carto_cartoframes_file_save_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_object_ref (data->file), g_object_unref);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  TransferData *data = g_task_get_task_data (task);

  if (response == GTK_RESPONSE_ACCEPT)
    data->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (data->file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Export cancelled");
      return;
    }

  carto_cartoframes_file_save_async (data->credentials, data->file, g_task_get_cancellable (task),
                                     save_cb, g_steal_pointer (&task));
}

static void
choose_export_file (GTask *task)
{
  TransferData *data = g_task_get_task_data (task);
  g_autoptr(GFile) folder = default_folder ();

  data->chooser = gtk_file_chooser_native_new (_("Export to CARTOframes"), data->parent,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (data->chooser), TRUE);
  add_json_filter (GTK_FILE_CHOOSER (data->chooser));
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (data->chooser), folder, NULL);
  /* CARTOframes' Credentials.from_file() reads this name by default. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (data->chooser), "creds.json");

  g_signal_connect (data->chooser, "response", G_CALLBACK (on_export_chooser_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (data->chooser));
}

static void
on_warning_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  GTask *task = user_data;

  if (g_strcmp0 (response, "export") != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Export cancelled");
      g_object_unref (task);
      return;
    }

  choose_export_file (task);
}

/**
 * viewer_cartoframes_export_async:
 * @parent: (nullable): the window the dialogs belong to
 * @account: the account to export
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written, or the person gave up
 * @user_data: data for @callback
 *
 * Writes @account to a CARTOframes credentials file the person picks.
 * An account with a private key is exported only after a warning that
 * the file holds the key in plain text.
 */
void
viewer_cartoframes_export_async (GtkWindow           *parent,
                                 CartoAccount        *account,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TransferData *data;
  AdwMessageDialog *warning;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (CARTO_IS_ACCOUNT (account));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) export_tag);
  data = transfer_data_new (parent);
  data->credentials = g_object_ref (carto_account_get_credentials (account));
  g_task_set_task_data (task, data, (GDestroyNotify) transfer_data_free);

  /* default_public is no secret: nothing to warn about. */
  if (carto_account_is_public (account))
    {
      choose_export_file (g_steal_pointer (&task));
      return;
    }

  warning = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Export the API Key in Plain Text?"), NULL));
  adw_message_dialog_format_body (warning,
                                  _("The file will hold the API key of “%s” unencrypted, outside the keyring. "
                                    "Any program you run can read it, and anyone with a copy can use the account "
                                    "with that key’s permissions. Delete the file when you no longer need it."),
                                  carto_account_get_username (account));
  adw_message_dialog_add_response (warning, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (warning, "export", _("_Export…"));
  adw_message_dialog_set_response_appearance (warning, "export", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (warning, "cancel");
  adw_message_dialog_set_close_response (warning, "cancel");
  g_signal_connect (warning, "response", G_CALLBACK (on_warning_response_cb), g_steal_pointer (&task));
  gtk_window_present (GTK_WINDOW (warning));
}

/**
 * viewer_cartoframes_export_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the file written, or %NULL with a
 *   %CARTO_CREDENTIALS_ERROR, or %G_IO_ERROR_CANCELLED when the person
 *   declined
 */
GFile *
viewer_cartoframes_export_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == export_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
