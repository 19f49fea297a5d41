/* viewer-add-layer-dialog.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adds a layer from a table name or an SQL query, read with the default
 * account (resolved whenever it is used, as CARTOframes' default
 * credentials) or with a chosen one (CARTOframes' Layer(source,
 * credentials=…)).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-add-layer-dialog.h"
#include "viewer-layer-request.h"

struct _ViewerAddLayerDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkButton *add_button;
  GtkTextView *data_view;
  AdwEntryRow *title_row;
  AdwComboRow *account_row;
  AdwPreferencesGroup *options_group;

  /* Owned references */
  CartoCredentialStore *store;
};

G_DEFINE_FINAL_TYPE (ViewerAddLayerDialog, viewer_add_layer_dialog, ADW_TYPE_WINDOW)

static char *
dup_data (ViewerAddLayerDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->data_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

/* Position 0 is "Default account"; then the store's accounts in order. */
static CartoAccount *
dup_selected_account (ViewerAddLayerDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->account_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || self->store == NULL)
    return NULL;

  return g_list_model_get_item (G_LIST_MODEL (self->store), selected - 1);
}

static void
update_sensitivity (ViewerAddLayerDialog *self)
{
  g_autofree char *data = dup_data (self);
  g_autoptr(CartoAccount) account = dup_selected_account (self);
  gboolean has_account = account != NULL ||
                         (self->store != NULL && carto_credential_store_get_default (self->store) != NULL);

  adw_preferences_group_set_description (self->options_group,
                                         has_account ? NULL
                                                     : _("There is no default account: add one in Preferences, or pick an account."));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), *data != '\0' && has_account);
}

static void
fill_accounts (ViewerAddLayerDialog *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  CartoAccount *def = self->store ? carto_credential_store_get_default (self->store) : NULL;
  g_autofree char *default_label = NULL;

  if (def != NULL)
    /* Translators: %s is the username of the default account */
    default_label = g_strdup_printf (_("Default account (%s)"), carto_account_get_username (def));
  else
    default_label = g_strdup (_("Default account (none set)"));
  gtk_string_list_append (names, default_label);

  if (self->store != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->store)); i++)
      {
        g_autoptr(CartoAccount) account = g_list_model_get_item (G_LIST_MODEL (self->store), i);
        g_autofree char *host = carto_account_dup_host (account);
        g_autofree char *label = g_strdup_printf ("%s · %s", carto_account_get_username (account), host);

        gtk_string_list_append (names, label);
      }

  adw_combo_row_set_model (self->account_row, G_LIST_MODEL (names));
}

static void
on_changed_cb (ViewerAddLayerDialog *self)
{
  update_sensitivity (self);
}

static void
viewer_add_layer_dialog_add_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  ViewerAddLayerDialog *self = VIEWER_ADD_LAYER_DIALOG (widget);
  g_autofree char *data = dup_data (self);
  g_autoptr(CartoAccount) account = dup_selected_account (self);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GVariant *request;

  if (*data == '\0' || parent == NULL)
    return;

  request = viewer_layer_request_new (data,
                                      account != NULL ? carto_account_get_username (account) : NULL,
                                      account != NULL ? carto_account_get_base_url (account) : NULL,
                                      gtk_editable_get_text (GTK_EDITABLE (self->title_row)), NULL);
  /* The window the dialog belongs to adds it, and says so. */
  viewer_layer_request_send (GTK_WIDGET (parent), request);
  gtk_window_close (GTK_WINDOW (self));
}

static void
viewer_add_layer_dialog_dispose (GObject *object)
{
  ViewerAddLayerDialog *self = VIEWER_ADD_LAYER_DIALOG (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_ADD_LAYER_DIALOG);

  G_OBJECT_CLASS (viewer_add_layer_dialog_parent_class)->dispose (object);
}

static void
viewer_add_layer_dialog_class_init (ViewerAddLayerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viewer_add_layer_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-add-layer-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerAddLayerDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, ViewerAddLayerDialog, data_view);
  gtk_widget_class_bind_template_child (widget_class, ViewerAddLayerDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, ViewerAddLayerDialog, account_row);
  gtk_widget_class_bind_template_child (widget_class, ViewerAddLayerDialog, options_group);

  gtk_widget_class_install_action (widget_class, "dialog.add", NULL, viewer_add_layer_dialog_add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
viewer_add_layer_dialog_init (ViewerAddLayerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->data_view), "changed",
                            G_CALLBACK (on_changed_cb), self);
  g_signal_connect_swapped (self->account_row, "notify::selected", G_CALLBACK (on_changed_cb), self);
}

/**
 * viewer_add_layer_dialog_new:
 * @parent: the main window, whose map the layer goes on
 * @store: (nullable): the accounts to choose from
 *
 * Returns: (transfer full): a new dialog
 */
ViewerAddLayerDialog *
viewer_add_layer_dialog_new (GtkWindow            *parent,
                             CartoCredentialStore *store)
{
  ViewerAddLayerDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (VIEWER_TYPE_ADD_LAYER_DIALOG, "transient-for", parent, NULL);
  self->store = store ? g_object_ref (store) : NULL;
  fill_accounts (self);
  update_sensitivity (self);

  return self;
}
