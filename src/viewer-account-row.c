/* viewer-account-row.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One account in the Accounts page: username, host, what its key can
 * read, whether it is the default, and its actions. Removal is the
 * page's business (it offers undo), so the row only asks for it.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-account-dialog.h"
#include "viewer-account-row.h"
#include "viewer-cartoframes-transfer.h"
#include "viewer-toast.h"

struct _ViewerAccountRow
{
  AdwActionRow parent_instance;

  /* Template widgets */
  AdwAvatar *avatar;
  GtkStack *test_stack;
  GtkSpinner *test_spinner;
  GtkImage *test_icon;
  GtkLabel *default_tag;
  GtkLabel *key_tag;
  GtkMenuButton *menu_button;

  /* Owned references */
  ViewerContext *context;
  CartoAccount *account;
  GCancellable *cancellable;
  GCancellable *test_cancellable;
  char *test_message;
};

G_DEFINE_FINAL_TYPE (ViewerAccountRow, viewer_account_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ACCOUNT,
  N_PROPS
};

enum {
  REMOVE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkWindow *
parent_window (ViewerAccountRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
update (ViewerAccountRow *self)
{
  g_autofree char *host = carto_account_dup_host (self->account);
  g_autofree char *subtitle = NULL;
  CartoCredentials *credentials = carto_account_get_credentials (self->account);
  gboolean is_default = carto_account_get_is_default (self->account);
  gboolean is_public = carto_account_is_public (self->account);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), carto_account_get_username (self->account));
  adw_avatar_set_text (self->avatar, carto_account_get_username (self->account));

  /* Plain http is worth a word: the key travels unencrypted. */
  if (carto_credentials_get_allow_non_secure (credentials) &&
      g_str_has_prefix (carto_account_get_base_url (self->account), "http:"))
    {
      /* Translators: a server's host name, then a warning that the
       * connection to it is not encrypted (plain http). */
      subtitle = g_strdup_printf (_("%s · Not encrypted"), host);
    }
  else
    {
      subtitle = g_strdup (host);
    }

  /* The last test's outcome reads under the host until the next one. */
  if (self->test_message != NULL)
    {
      char *with_result = g_strconcat (subtitle, "\n", self->test_message, NULL);

      g_free (subtitle);
      subtitle = with_result;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  gtk_widget_set_visible (GTK_WIDGET (self->default_tag), is_default);

  if (is_public)
    {
      gtk_label_set_text (self->key_tag, C_("key kind", "Public only"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->key_tag),
                                   _("No API key: only public datasets can be read"));
    }
  else
    {
      gtk_label_set_text (self->key_tag, C_("key kind", "Private key"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->key_tag),
                                   _("Reads what its API key grants; the key is kept in the keyring"));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.set-default", !is_default);
}

static void
clear_test (ViewerAccountRow *self)
{
  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  g_clear_pointer (&self->test_message, g_free);
  gtk_spinner_set_spinning (self->test_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_stack), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.test", TRUE);
}

static void
on_account_notify_cb (ViewerAccountRow *self)
{
  update (self);
}

/* A new key makes the last test's outcome stale. */
static void
on_account_credentials_cb (ViewerAccountRow *self)
{
  clear_test (self);
  update (self);
}

static void
verify_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ViewerAccountRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoVerifyResult) verdict = NULL;
  gboolean ok;

  verdict = carto_credentials_verify_finish (CARTO_CREDENTIALS (source), result, &error);
  if (verdict == NULL)
    return;

  ok = carto_verify_result_is_ok (verdict);
  g_clear_object (&self->test_cancellable);
  g_free (self->test_message);
  self->test_message = g_strdup (carto_verify_result_get_message (verdict));

  gtk_spinner_set_spinning (self->test_spinner, FALSE);
  gtk_image_set_from_icon_name (self->test_icon, ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), ok ? "success" : "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->test_icon),
                               ok ? _("The connection works") : _("The connection failed"));
  gtk_stack_set_visible_child_name (self->test_stack, "result");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.test", TRUE);
  update (self);
}

static void
export_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ViewerAccountRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = viewer_cartoframes_export_finish (result, &error);
  g_autofree char *name = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (file == NULL)
    {
      viewer_toast_show (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: %s is a file name such as creds.json. */
  viewer_toast_show (GTK_WIDGET (self), adw_toast_new_format (_("Exported to %s"), name));
}

static void
viewer_account_row_set_default_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  ViewerAccountRow *self = VIEWER_ACCOUNT_ROW (widget);
  CartoCredentialStore *store = viewer_context_get_credential_store (self->context);
  g_autoptr(GError) error = NULL;

  if (!carto_credential_store_set_default (store, self->account, &error))
    viewer_toast_show (GTK_WIDGET (self), adw_toast_new (error->message));
}

static void
viewer_account_row_test_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  ViewerAccountRow *self = VIEWER_ACCOUNT_ROW (widget);

  clear_test (self);
  self->test_cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->test_stack), TRUE);
  gtk_stack_set_visible_child_name (self->test_stack, "testing");
  gtk_spinner_set_spinning (self->test_spinner, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.test", FALSE);
  update (self);

  carto_credentials_verify_async (carto_account_get_credentials (self->account),
                                  viewer_context_get_soup_session (self->context),
                                  self->test_cancellable, verify_cb, g_object_ref (self));
}

static void
viewer_account_row_edit_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  ViewerAccountRow *self = VIEWER_ACCOUNT_ROW (widget);
  ViewerAccountDialog *dialog;

  dialog = viewer_account_dialog_new (parent_window (self), self->context, self->account);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
viewer_account_row_export_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  ViewerAccountRow *self = VIEWER_ACCOUNT_ROW (widget);

  viewer_cartoframes_export_async (parent_window (self), self->account, self->cancellable,
                                   export_cb, g_object_ref (self));
}

static void
viewer_account_row_remove_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  ViewerAccountRow *self = VIEWER_ACCOUNT_ROW (widget);

  g_signal_emit (self, signals[REMOVE_REQUESTED], 0, self->account);
}

static void
viewer_account_row_constructed (GObject *object)
{
  ViewerAccountRow *self = VIEWER_ACCOUNT_ROW (object);

  G_OBJECT_CLASS (viewer_account_row_parent_class)->constructed (object);

  g_assert (VIEWER_IS_CONTEXT (self->context));
  g_assert (CARTO_IS_ACCOUNT (self->account));

  g_signal_connect_object (self->account, "notify::is-default",
                           G_CALLBACK (on_account_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account, "notify::credentials",
                           G_CALLBACK (on_account_credentials_cb), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
viewer_account_row_dispose (GObject *object)
{
  ViewerAccountRow *self = VIEWER_ACCOUNT_ROW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->test_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_ACCOUNT_ROW);

  g_clear_object (&self->account);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->test_cancellable);

  G_OBJECT_CLASS (viewer_account_row_parent_class)->dispose (object);
}

static void
viewer_account_row_finalize (GObject *object)
{
  ViewerAccountRow *self = VIEWER_ACCOUNT_ROW (object);

  g_free (self->test_message);

  G_OBJECT_CLASS (viewer_account_row_parent_class)->finalize (object);
}

static void
viewer_account_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ViewerAccountRow *self = VIEWER_ACCOUNT_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_account_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ViewerAccountRow *self = VIEWER_ACCOUNT_ROW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_account_row_class_init (ViewerAccountRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = viewer_account_row_constructed;
  object_class->dispose = viewer_account_row_dispose;
  object_class->finalize = viewer_account_row_finalize;
  object_class->get_property = viewer_account_row_get_property;
  object_class->set_property = viewer_account_row_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VIEWER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, CARTO_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ViewerAccountRow::remove-requested:
   * @account: the row's account
   *
   * The person chose Remove; whoever lists the rows removes the account
   * and offers to undo it.
   */
  signals[REMOVE_REQUESTED] = g_signal_new ("remove-requested",
                                            G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, CARTO_TYPE_ACCOUNT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-account-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountRow, test_stack);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountRow, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountRow, test_icon);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountRow, default_tag);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountRow, key_tag);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountRow, menu_button);

  gtk_widget_class_install_action (widget_class, "account.set-default", NULL, viewer_account_row_set_default_action);
  gtk_widget_class_install_action (widget_class, "account.test", NULL, viewer_account_row_test_action);
  gtk_widget_class_install_action (widget_class, "account.edit", NULL, viewer_account_row_edit_action);
  gtk_widget_class_install_action (widget_class, "account.export", NULL, viewer_account_row_export_action);
  gtk_widget_class_install_action (widget_class, "account.remove", NULL, viewer_account_row_remove_action);
}

static void
viewer_account_row_init (ViewerAccountRow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * viewer_account_row_new:
 * @context: the application's services
 * @account: the account to show
 *
 * Returns: (transfer floating): a new row
 */
ViewerAccountRow *
viewer_account_row_new (ViewerContext *context,
                        CartoAccount  *account)
{
  g_return_val_if_fail (VIEWER_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (CARTO_IS_ACCOUNT (account), NULL);

  return g_object_new (VIEWER_TYPE_ACCOUNT_ROW,
                       "context", context,
                       "account", account,
                       NULL);
}

/**
 * viewer_account_row_get_account:
 * @self: a row
 *
 * Returns: (transfer none): the account the row shows
 */
CartoAccount *
viewer_account_row_get_account (ViewerAccountRow *self)
{
  g_return_val_if_fail (VIEWER_IS_ACCOUNT_ROW (self), NULL);

  return self->account;
}
