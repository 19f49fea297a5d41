/* viewer-preferences-window.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preferences window. Its Accounts page lists the keyring's accounts
 * and explains what to do when there are none, or no keyring at all.
 *
 * Removing an account removes it from the keyring at once and keeps its
 * credentials in memory for the toast's Undo, which stores them again
 * (and restores the default mark): the removal is real even if the app
 * quits, and Undo loses nothing.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-account-dialog.h"
#include "viewer-account-row.h"
#include "viewer-cartoframes-transfer.h"
#include "viewer-preferences-window.h"

struct _ViewerPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *accounts_group;
  GtkListBox *account_list;
  AdwPreferencesGroup *cartoframes_group;
  AdwPreferencesGroup *status_group;
  GtkStack *status_stack;
  GtkSpinner *loading_spinner;
  AdwStatusPage *error_page;

  /* Owned references */
  ViewerContext *context;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (ViewerPreferencesWindow, viewer_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static CartoCredentialStore *
store (ViewerPreferencesWindow *self)
{
  return viewer_context_get_credential_store (self->context);
}

static void
update_state (ViewerPreferencesWindow *self)
{
  const GError *error = viewer_context_get_accounts_error (self->context);
  gboolean loading = viewer_context_get_accounts_loading (self->context);
  guint n_accounts = g_list_model_get_n_items (G_LIST_MODEL (store (self)));
  const char *status = NULL;

  /* Accounts already listed stay usable whatever a reload says. */
  if (n_accounts == 0)
    {
      if (loading)
        status = "loading";
      else if (error != NULL)
        status = "error";
      else
        status = "empty";
    }

  if (g_strcmp0 (status, "error") == 0)
    adw_status_page_set_description (self->error_page, error->message);

  gtk_spinner_set_spinning (self->loading_spinner, g_strcmp0 (status, "loading") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->accounts_group), status == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->cartoframes_group), status == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->status_group), status != NULL);
  if (status != NULL)
    gtk_stack_set_visible_child_name (self->status_stack, status);
}

static void
on_accounts_changed_cb (ViewerPreferencesWindow *self)
{
  update_state (self);
}

/* What Undo needs to put an account back. The toast holds it, and the
 * window holds the toast until it is dismissed. */
typedef struct
{
  ViewerPreferencesWindow *self;
  CartoCredentialStore *store;
  CartoCredentials *credentials;
  gboolean was_default;
} UndoData;

static void
undo_data_free (gpointer  data,
                GClosure *closure)
{
  UndoData *undo = data;

  g_clear_object (&undo->self);
  g_clear_object (&undo->store);
  g_clear_object (&undo->credentials);
  g_free (undo);
}

typedef struct
{
  ViewerPreferencesWindow *self;
  UndoData *undo;
} RemoveData;

static void
remove_data_free (RemoveData *data)
{
  g_clear_object (&data->self);
  if (data->undo != NULL)
    undo_data_free (data->undo, NULL);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemoveData, remove_data_free)

static gboolean
window_alive (ViewerPreferencesWindow *self)
{
  return !g_cancellable_is_cancelled (self->cancellable);
}

static void
re_add_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RemoveData) data = user_data;
  g_autoptr(CartoAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = carto_credential_store_add_finish (CARTO_CREDENTIAL_STORE (source), result, &error);
  if (account == NULL)
    {
      if (window_alive (data->self))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (data->self), adw_toast_new (error->message));
      return;
    }

  if (data->undo->was_default && !carto_credential_store_set_default (data->undo->store, account, &error))
    g_debug ("Could not restore the default account: %s", error->message);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    gpointer  user_data)
{
  UndoData *undo = user_data;
  RemoveData *data = g_new0 (RemoveData, 1);

  data->self = g_object_ref (undo->self);
  data->undo = g_new0 (UndoData, 1);
  data->undo->store = g_object_ref (undo->store);
  data->undo->credentials = g_object_ref (undo->credentials);
  data->undo->was_default = undo->was_default;

  /* Not cancellable: Undo must happen even if the window closes now. */
  carto_credential_store_add_async (undo->store, undo->credentials, NULL, re_add_cb, data);
}

static void
remove_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RemoveData) data = user_data;
  ViewerPreferencesWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (!carto_credential_store_remove_finish (CARTO_CREDENTIAL_STORE (source), result, &error))
    {
      if (window_alive (self))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  if (!window_alive (self))
    return;

  /* Translators: %s is a CARTO username. */
  toast = adw_toast_new_format (_("“%s” removed"), carto_credentials_get_username (data->undo->credentials));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  data->undo->self = g_object_ref (self);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb),
                         g_steal_pointer (&data->undo), undo_data_free, 0);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
on_row_remove_requested_cb (ViewerAccountRow        *row,
                            CartoAccount            *account,
                            ViewerPreferencesWindow *self)
{
  RemoveData *data = g_new0 (RemoveData, 1);

  data->self = g_object_ref (self);
  data->undo = g_new0 (UndoData, 1);
  data->undo->store = g_object_ref (store (self));
  data->undo->credentials = g_object_ref (carto_account_get_credentials (account));
  data->undo->was_default = carto_account_get_is_default (account);

  /* Not cancellable either: the person asked for it, closing the window
   * must not leave the key behind. */
  carto_credential_store_remove_async (store (self),
                                       carto_account_get_username (account),
                                       carto_account_get_base_url (account),
                                       NULL, remove_cb, data);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  ViewerPreferencesWindow *self = user_data;
  ViewerAccountRow *row = viewer_account_row_new (self->context, CARTO_ACCOUNT (item));

  g_signal_connect_object (row, "remove-requested", G_CALLBACK (on_row_remove_requested_cb), self, 0);
  return GTK_WIDGET (row);
}

static void
import_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ViewerPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoAccount) account = viewer_cartoframes_import_finish (result, &error);
  g_autofree char *host = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !window_alive (self))
    return;

  if (account == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }

  host = carto_account_dup_host (account);
  /* Translators: the first %s is a CARTO username, the second a server's
   * host name. */
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new_format (_("Imported “%s” on %s"),
                                                          carto_account_get_username (account), host));
}

static void
viewer_preferences_window_add_account_action (GtkWidget  *widget,
                                              const char *action_name,
                                              GVariant   *parameter)
{
  ViewerPreferencesWindow *self = VIEWER_PREFERENCES_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (viewer_account_dialog_new (GTK_WINDOW (self), self->context, NULL)));
}

static void
viewer_preferences_window_import_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  ViewerPreferencesWindow *self = VIEWER_PREFERENCES_WINDOW (widget);

  viewer_cartoframes_import_async (GTK_WINDOW (self), store (self), self->cancellable,
                                   import_cb, g_object_ref (self));
}

static void
viewer_preferences_window_reload_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  viewer_context_load_accounts (VIEWER_PREFERENCES_WINDOW (widget)->context);
}

static void
viewer_preferences_window_constructed (GObject *object)
{
  ViewerPreferencesWindow *self = VIEWER_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (viewer_preferences_window_parent_class)->constructed (object);

  g_assert (VIEWER_IS_CONTEXT (self->context));

  gtk_list_box_bind_model (self->account_list, G_LIST_MODEL (store (self)), create_row_cb, self, NULL);
  g_signal_connect_object (store (self), "items-changed",
                           G_CALLBACK (on_accounts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::accounts-loading",
                           G_CALLBACK (on_accounts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::accounts-error",
                           G_CALLBACK (on_accounts_changed_cb), self, G_CONNECT_SWAPPED);

  if (!carto_credential_store_get_loaded (store (self)))
    viewer_context_load_accounts (self->context);

  update_state (self);
}

static void
viewer_preferences_window_dispose (GObject *object)
{
  ViewerPreferencesWindow *self = VIEWER_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->account_list != NULL)
    gtk_list_box_bind_model (self->account_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (viewer_preferences_window_parent_class)->dispose (object);
}

static void
viewer_preferences_window_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  ViewerPreferencesWindow *self = VIEWER_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_preferences_window_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  ViewerPreferencesWindow *self = VIEWER_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_preferences_window_class_init (ViewerPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = viewer_preferences_window_constructed;
  object_class->dispose = viewer_preferences_window_dispose;
  object_class->get_property = viewer_preferences_window_get_property;
  object_class->set_property = viewer_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VIEWER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VIEWER_TYPE_ACCOUNT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerPreferencesWindow, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, ViewerPreferencesWindow, account_list);
  gtk_widget_class_bind_template_child (widget_class, ViewerPreferencesWindow, cartoframes_group);
  gtk_widget_class_bind_template_child (widget_class, ViewerPreferencesWindow, status_group);
  gtk_widget_class_bind_template_child (widget_class, ViewerPreferencesWindow, status_stack);
  gtk_widget_class_bind_template_child (widget_class, ViewerPreferencesWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, ViewerPreferencesWindow, error_page);

  gtk_widget_class_install_action (widget_class, "prefs.add-account", NULL,
                                   viewer_preferences_window_add_account_action);
  gtk_widget_class_install_action (widget_class, "prefs.import-cartoframes", NULL,
                                   viewer_preferences_window_import_action);
  gtk_widget_class_install_action (widget_class, "prefs.reload-accounts", NULL,
                                   viewer_preferences_window_reload_action);
}

static void
viewer_preferences_window_init (ViewerPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * viewer_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @context: the application's services
 *
 * Returns: (transfer none): a new preferences window, owned by GTK's
 *   window list
 */
ViewerPreferencesWindow *
viewer_preferences_window_new (GtkWindow     *parent,
                               ViewerContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VIEWER_IS_CONTEXT (context), NULL);

  return g_object_new (VIEWER_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "context", context,
                       NULL);
}

/**
 * viewer_preferences_window_present:
 * @parent: (nullable): the window it belongs to
 * @context: the application's services
 *
 * Shows the preferences window of @context, creating it if it is not
 * open yet: there is only ever one.
 *
 * Returns: (transfer none): the preferences window
 */
ViewerPreferencesWindow *
viewer_preferences_window_present (GtkWindow     *parent,
                                   ViewerContext *context)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  ViewerPreferencesWindow *window = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VIEWER_IS_CONTEXT (context), NULL);

  for (guint i = 0; window == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (VIEWER_IS_PREFERENCES_WINDOW (toplevel) &&
          VIEWER_PREFERENCES_WINDOW (toplevel)->context == context)
        window = VIEWER_PREFERENCES_WINDOW (toplevel);
    }

  if (window == NULL)
    window = viewer_preferences_window_new (parent, context);
  else if (parent != NULL && parent != GTK_WINDOW (window))
    gtk_window_set_transient_for (GTK_WINDOW (window), parent);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}
