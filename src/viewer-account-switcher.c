/* viewer-account-switcher.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header bar's account button: a popover to pick the default account
 * (laid out like the basemap popover), and a one-line summary of the
 * default for the window title.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-account-switcher.h"
#include "viewer-preferences-window.h"

struct _ViewerAccountSwitcher
{
  AdwBin parent_instance;

  /* Template widgets. The menu button, the bin's child, is not bound:
   * AdwBin unparents it itself, and must not find it disposed. */
  GtkPopover *popover;
  GtkListBox *account_list;
  GtkLabel *empty_label;

  /* Owned references */
  ViewerContext *context;
  char *summary;

  /* Never shown: every row's check button joins its group, so rows can
   * come and go, and it is the active one when there is no default. */
  GtkCheckButton *group;
};

G_DEFINE_FINAL_TYPE (ViewerAccountSwitcher, viewer_account_switcher, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static CartoCredentialStore *
store (ViewerAccountSwitcher *self)
{
  return viewer_context_get_credential_store (self->context);
}

static void
set_summary (ViewerAccountSwitcher *self,
             const char            *summary)
{
  if (g_strcmp0 (self->summary, summary) == 0)
    return;

  g_free (self->summary);
  self->summary = g_strdup (summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static void
update (ViewerAccountSwitcher *self)
{
  CartoAccount *account;
  const GError *error;
  guint n_accounts;

  if (self->context == NULL)
    {
      set_summary (self, NULL);
      return;
    }

  account = carto_credential_store_get_default (store (self));
  error = viewer_context_get_accounts_error (self->context);
  n_accounts = g_list_model_get_n_items (G_LIST_MODEL (store (self)));

  if (account == NULL)
    gtk_check_button_set_active (self->group, TRUE);

  gtk_widget_set_visible (GTK_WIDGET (self->account_list), n_accounts > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n_accounts == 0 || account == NULL);
  if (error != NULL && n_accounts == 0)
    gtk_label_set_text (self->empty_label, error->message);
  else if (n_accounts == 0)
    gtk_label_set_text (self->empty_label, _("No accounts yet. Public maps and the world map work without one."));
  else
    gtk_label_set_text (self->empty_label, _("Pick the account that layers use unless they name another."));

  if (account != NULL)
    {
      g_autofree char *host = carto_account_dup_host (account);
      /* Translators: the window subtitle naming the default account: a
       * CARTO username, then a server's host name. */
      g_autofree char *summary = g_strdup_printf (_("%s · %s"), carto_account_get_username (account), host);

      set_summary (self, summary);
    }
  else if (carto_credential_store_get_loaded (store (self)) || error != NULL)
    {
      set_summary (self, _("No account"));
    }
  else
    {
      /* Still reading the keyring: say nothing rather than "No account". */
      set_summary (self, NULL);
    }
}

static void
on_store_changed_cb (ViewerAccountSwitcher *self)
{
  update (self);
}

static void
on_check_toggled_cb (GtkCheckButton        *check,
                     ViewerAccountSwitcher *self)
{
  CartoAccount *account = g_object_get_data (G_OBJECT (check), "account");
  g_autoptr(GError) error = NULL;

  if (!gtk_check_button_get_active (check) || carto_account_get_is_default (account))
    return;

  if (!carto_credential_store_set_default (store (self), account, &error))
    g_debug ("Could not set the default account: %s", error->message);
  gtk_popover_popdown (self->popover);
}

static void
on_account_is_default_cb (CartoAccount   *account,
                          GParamSpec     *pspec,
                          GtkCheckButton *check)
{
  gtk_check_button_set_active (check, carto_account_get_is_default (account));
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  ViewerAccountSwitcher *self = user_data;
  CartoAccount *account = CARTO_ACCOUNT (item);
  g_autofree char *host = carto_account_dup_host (account);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), carto_account_get_username (account));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), host);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->group);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), carto_account_get_is_default (account));

  g_object_set_data_full (G_OBJECT (check), "account", g_object_ref (account), g_object_unref);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self, 0);
  g_signal_connect_object (account, "notify::is-default", G_CALLBACK (on_account_is_default_cb), check, 0);

  return row;
}

static void
on_items_changed_cb (GListModel            *model,
                     guint                  position,
                     guint                  removed,
                     guint                  added,
                     ViewerAccountSwitcher *self)
{
  update (self);
}

static void
bind_store (ViewerAccountSwitcher *self)
{
  gtk_list_box_bind_model (self->account_list,
                           self->context != NULL ? G_LIST_MODEL (store (self)) : NULL,
                           self->context != NULL ? create_row_cb : NULL,
                           self, NULL);
  if (self->context == NULL)
    return;

  g_signal_connect_object (store (self), "items-changed",
                           G_CALLBACK (on_items_changed_cb), self, 0);
  g_signal_connect_object (store (self), "notify::default-account",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store (self), "notify::loaded",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "notify::accounts-error",
                           G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
viewer_account_switcher_manage_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  ViewerAccountSwitcher *self = VIEWER_ACCOUNT_SWITCHER (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  gtk_popover_popdown (self->popover);
  if (self->context != NULL)
    viewer_preferences_window_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context);
}

static void
viewer_account_switcher_dispose (GObject *object)
{
  ViewerAccountSwitcher *self = VIEWER_ACCOUNT_SWITCHER (object);

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (store (self), self);
      g_signal_handlers_disconnect_by_data (self->context, self);
    }
  if (self->account_list != NULL)
    gtk_list_box_bind_model (self->account_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_ACCOUNT_SWITCHER);

  g_clear_object (&self->context);
  g_clear_object (&self->group);

  G_OBJECT_CLASS (viewer_account_switcher_parent_class)->dispose (object);
}

static void
viewer_account_switcher_finalize (GObject *object)
{
  ViewerAccountSwitcher *self = VIEWER_ACCOUNT_SWITCHER (object);

  g_free (self->summary);

  G_OBJECT_CLASS (viewer_account_switcher_parent_class)->finalize (object);
}

static void
viewer_account_switcher_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ViewerAccountSwitcher *self = VIEWER_ACCOUNT_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_account_switcher_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ViewerAccountSwitcher *self = VIEWER_ACCOUNT_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viewer_account_switcher_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_account_switcher_class_init (ViewerAccountSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viewer_account_switcher_dispose;
  object_class->finalize = viewer_account_switcher_finalize;
  object_class->get_property = viewer_account_switcher_get_property;
  object_class->set_property = viewer_account_switcher_set_property;

  /**
   * ViewerAccountSwitcher:context:
   *
   * The application's services, whose accounts are listed.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VIEWER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerAccountSwitcher:summary:
   *
   * The default account in a few words ("USERNAME · HOST", or "No
   * account"), for a window subtitle; %NULL while the keyring is read.
   */
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-account-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountSwitcher, popover);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountSwitcher, account_list);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountSwitcher, empty_label);

  gtk_widget_class_install_action (widget_class, "switcher.manage-accounts", NULL,
                                   viewer_account_switcher_manage_action);
}

static void
viewer_account_switcher_init (ViewerAccountSwitcher *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->group = GTK_CHECK_BUTTON (g_object_ref_sink (gtk_check_button_new ()));
  update (self);
}

/**
 * viewer_account_switcher_new:
 *
 * Returns: (transfer floating): a new account switcher; give it a context
 */
ViewerAccountSwitcher *
viewer_account_switcher_new (void)
{
  return g_object_new (VIEWER_TYPE_ACCOUNT_SWITCHER, NULL);
}

/**
 * viewer_account_switcher_get_context:
 * @self: a switcher
 *
 * Returns: (transfer none) (nullable): the context whose accounts are listed
 */
ViewerContext *
viewer_account_switcher_get_context (ViewerAccountSwitcher *self)
{
  g_return_val_if_fail (VIEWER_IS_ACCOUNT_SWITCHER (self), NULL);

  return self->context;
}

/**
 * viewer_account_switcher_set_context:
 * @self: a switcher
 * @context: (nullable): the application's services
 *
 * Lists @context's accounts; the window containing the switcher sets it.
 */
void
viewer_account_switcher_set_context (ViewerAccountSwitcher *self,
                                     ViewerContext         *context)
{
  g_return_if_fail (VIEWER_IS_ACCOUNT_SWITCHER (self));
  g_return_if_fail (context == NULL || VIEWER_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (store (self), self);
      g_signal_handlers_disconnect_by_data (self->context, self);
    }
  g_set_object (&self->context, context);
  bind_store (self);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * viewer_account_switcher_get_summary:
 * @self: a switcher
 *
 * Returns: (nullable): the default account in a few words, for a window
 *   subtitle
 */
const char *
viewer_account_switcher_get_summary (ViewerAccountSwitcher *self)
{
  g_return_val_if_fail (VIEWER_IS_ACCOUNT_SWITCHER (self), NULL);

  return self->summary;
}
