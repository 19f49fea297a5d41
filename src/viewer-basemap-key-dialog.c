/* viewer-basemap-key-dialog.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asks for the CARTO basemap API key and keeps it in the keyring. The key
 * never touches settings or files; only the keyring and memory.
 */

#include "config.h"

#include <carto.h>
#include <glib/gi18n.h>

#include "viewer-basemap-key-dialog.h"

struct _ViewerBasemapKeyDialog
{
  AdwMessageDialog parent_instance;

  /* Template widgets */
  AdwPasswordEntryRow *key_row;
};

G_DEFINE_FINAL_TYPE (ViewerBasemapKeyDialog, viewer_basemap_key_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  KEY_CHANGED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
entered_key (ViewerBasemapKeyDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->key_row))));
}

static void
on_key_row_changed_cb (ViewerBasemapKeyDialog *self)
{
  g_autofree char *key = entered_key (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", *key != '\0');
}

static void
on_key_row_activated_cb (ViewerBasemapKeyDialog *self)
{
  g_autofree char *key = entered_key (self);

  if (*key != '\0')
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "save");
}

typedef struct
{
  ViewerBasemapKeyDialog *self;
  char *key;
} StoreData;

static void
store_data_free (StoreData *data)
{
  g_object_unref (data->self);
  if (data->key != NULL)
    {
      memset (data->key, 0, strlen (data->key));
      g_free (data->key);
    }
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreData, store_data_free)

static void
keyring_done (StoreData *data,
              gboolean   ok,
              GError    *error)
{
  if (!ok)
    {
      g_autoptr(GError) shown = g_error_new (error->domain, error->code,
                                             _("The keyring could not be updated. Is a keyring service such as GNOME Keyring running?"));

      g_debug ("Basemap key keyring error: %s", error->message);
      g_signal_emit (data->self, signals[FAILED], 0, shown);
      return;
    }

  g_signal_emit (data->self, signals[KEY_CHANGED], 0, data->key);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(StoreData) data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = carto_basemap_key_store_finish (result, &error);

  keyring_done (data, ok, error);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(StoreData) data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = carto_basemap_key_clear_finish (result, &error);

  keyring_done (data, ok, error);
}

static void
viewer_basemap_key_dialog_response (AdwMessageDialog *dialog,
                                    const char       *response)
{
  ViewerBasemapKeyDialog *self = VIEWER_BASEMAP_KEY_DIALOG (dialog);
  StoreData *data;

  if (g_strcmp0 (response, "save") == 0)
    {
      data = g_new0 (StoreData, 1);
      data->self = g_object_ref (self);
      data->key = entered_key (self);
      carto_basemap_key_store_async (data->key, NULL, store_cb, data);
    }
  else if (g_strcmp0 (response, "remove") == 0)
    {
      data = g_new0 (StoreData, 1);
      data->self = g_object_ref (self);
      carto_basemap_key_clear_async (NULL, clear_cb, data);
    }

  /* Wipe the entry: the dialog may linger until the keyring answers. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");

  ADW_MESSAGE_DIALOG_CLASS (viewer_basemap_key_dialog_parent_class)->response (dialog, response);
}

static void
viewer_basemap_key_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VIEWER_TYPE_BASEMAP_KEY_DIALOG);

  G_OBJECT_CLASS (viewer_basemap_key_dialog_parent_class)->dispose (object);
}

static void
viewer_basemap_key_dialog_class_init (ViewerBasemapKeyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = viewer_basemap_key_dialog_dispose;
  dialog_class->response = viewer_basemap_key_dialog_response;

  /**
   * ViewerBasemapKeyDialog::key-changed:
   * @key: (nullable): the new key, %NULL when it was removed
   *
   * The keyring now holds @key.
   */
  signals[KEY_CHANGED] = g_signal_new ("key-changed",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * ViewerBasemapKeyDialog::failed:
   * @error: what went wrong, for the person
   *
   * The keyring could not be updated; nothing changed.
   */
  signals[FAILED] = g_signal_new ("failed",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-basemap-key-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerBasemapKeyDialog, key_row);
  gtk_widget_class_bind_template_callback (widget_class, on_key_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_key_row_activated_cb);
}

static void
viewer_basemap_key_dialog_init (ViewerBasemapKeyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * viewer_basemap_key_dialog_new:
 * @parent: the window it belongs to
 * @has_key: whether a key is stored (offers to remove it)
 *
 * Returns: (transfer full): a new dialog
 */
ViewerBasemapKeyDialog *
viewer_basemap_key_dialog_new (GtkWindow *parent,
                               gboolean   has_key)
{
  ViewerBasemapKeyDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (VIEWER_TYPE_BASEMAP_KEY_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  /* Built here rather than in the template: "Remove" exists only when
   * there is a key, and libadwaita 1.2 cannot remove a response. */
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"));
  if (has_key)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "remove", _("_Remove Key"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "remove",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "save", _("_Save"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  return self;
}
