/* viewer-account-dialog.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form that adds an account or edits one. One field takes either a
 * username (the account lives on carto.com) or a server address; the
 * rules are CartoCredentials' own, run on every keystroke, and its error
 * messages appear under the field they are about. Save stays off until
 * the form describes a valid account.
 *
 * It can also be opened for an account something names but the keyring
 * lacks (a map file's layer): the username and address are filled in,
 * and the API key, which a file never holds, is asked for first.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-account-dialog.h"

struct _ViewerAccountDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkStack *save_stack;
  GtkButton *save_button;
  GtkSpinner *save_spinner;
  GtkWidget *form;
  AdwEntryRow *account_row;
  AdwEntryRow *username_row;
  AdwActionRow *insecure_row;
  GtkSwitch *insecure_switch;
  GtkLabel *account_hint;
  AdwPasswordEntryRow *key_row;
  GtkLabel *key_hint;
  AdwActionRow *test_row;
  GtkImage *test_icon;
  GtkSpinner *test_spinner;
  GtkLabel *save_error;

  /* Owned references */
  ViewerContext *context;
  CartoAccount *account;
  CartoCredentials *credentials;
  char *reference_username;
  char *reference_base_url;
  GCancellable *cancellable;
  GCancellable *test_cancellable;

  /* State */
  gboolean saving;
  gboolean was_default;
};

G_DEFINE_FINAL_TYPE (ViewerAccountDialog, viewer_account_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ACCOUNT,
  PROP_CREDENTIALS,
  PROP_REFERENCE_USERNAME,
  PROP_REFERENCE_BASE_URL,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static CartoCredentialStore *
store (ViewerAccountDialog *self)
{
  return viewer_context_get_credential_store (self->context);
}

static char *
row_text (gpointer row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* A username has no dots, slashes or colons; anything with one is an
 * address, and an address without a scheme means https. */
static gboolean
looks_like_address (const char *text)
{
  return strpbrk (text, ".:/") != NULL;
}

static char *
address_to_base_url (const char *text)
{
  if (strstr (text, "://") != NULL)
    return g_strdup (text);
  return g_strconcat ("https://", text, NULL);
}

static void
set_hint (GtkLabel   *label,
          const char *text,
          gboolean    is_error)
{
  gtk_label_set_text (label, text);
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
}

static void
set_row_error (gpointer row,
               gboolean is_error)
{
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
update_actions (ViewerAccountDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.save",
                                 self->credentials != NULL && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.test",
                                 self->credentials != NULL && !self->saving && self->test_cancellable == NULL);
}

/* Any edit makes the last test's outcome stale. */
static void
reset_test (ViewerAccountDialog *self)
{
  g_cancellable_cancel (self->test_cancellable);
  g_clear_object (&self->test_cancellable);
  gtk_spinner_set_spinning (self->test_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_icon), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->test_icon), "error");
  adw_action_row_set_subtitle (self->test_row, _("Check the account with its server before saving it."));
}

/* Which field an error is about, so its message appears under it. */
static gpointer
error_row (ViewerAccountDialog *self,
           const GError        *error,
           gboolean             is_address)
{
  if (error->domain != CARTO_CREDENTIALS_ERROR)
    return self->account_row;

  switch (error->code)
    {
    case CARTO_CREDENTIALS_ERROR_INVALID_API_KEY:
      return self->key_row;

    case CARTO_CREDENTIALS_ERROR_USERNAME_REQUIRED:
    case CARTO_CREDENTIALS_ERROR_USERNAME_MISMATCH:
      return self->username_row;

    case CARTO_CREDENTIALS_ERROR_INVALID_USERNAME:
      /* With an address, a bad name comes from the Username field, or
       * from the address's /user/ path when that field is empty. */
      if (is_address && *gtk_editable_get_text (GTK_EDITABLE (self->username_row)) != '\0')
        return self->username_row;
      return self->account_row;

    default:
      return self->account_row;
    }
}

static void
validate (ViewerAccountDialog *self)
{
  g_autofree char *text = row_text (self->account_row);
  g_autofree char *username = row_text (self->username_row);
  g_autofree char *key = row_text (self->key_row);
  g_autofree char *base_url = NULL;
  g_autoptr(CartoCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  CartoCredentialsFlags flags = CARTO_CREDENTIALS_FLAGS_NONE;
  gboolean is_address = looks_like_address (text);
  gboolean is_http = is_address && g_ascii_strncasecmp (text, "http://", 7) == 0;
  gpointer bad_row = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->username_row), is_address);
  gtk_widget_set_visible (GTK_WIDGET (self->insecure_row), is_http);
  if (is_http && gtk_switch_get_active (self->insecure_switch))
    flags |= CARTO_CREDENTIALS_ALLOW_NON_SECURE;

  if (is_address)
    base_url = address_to_base_url (text);

  credentials = carto_credentials_new (is_address ? username : text,
                                       key, base_url, flags, &error);
  if (g_set_object (&self->credentials, credentials))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDENTIALS]);

  /* An empty form is not wrong yet: it only needs filling in. */
  if (error != NULL && !g_error_matches (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_NO_ACCOUNT))
    bad_row = error_row (self, error, is_address);

  set_row_error (self->account_row, bad_row == (gpointer) self->account_row);
  set_row_error (self->username_row, bad_row == (gpointer) self->username_row);
  set_row_error (self->key_row, bad_row == (gpointer) self->key_row);

  if (bad_row == (gpointer) self->account_row || bad_row == (gpointer) self->username_row)
    {
      set_hint (self->account_hint, error->message, TRUE);
    }
  else if (credentials != NULL)
    {
      g_autofree char *host = carto_credentials_dup_host (credentials);
      g_autofree char *hint = NULL;

      /* Translators: the first %s is a CARTO username, the second a
       * server's host name. */
      hint = g_strdup_printf (_("Signs in as “%s” on %s."), carto_credentials_get_username (credentials), host);
      set_hint (self->account_hint, hint, FALSE);
    }
  else if (is_address)
    {
      set_hint (self->account_hint,
                _("Leave Username empty if the address names the user, as in https://USERNAME.carto.com."),
                FALSE);
    }
  else
    {
      set_hint (self->account_hint,
                _("A username such as “johnsmith” for johnsmith.carto.com, or the full address of an account on another server."),
                FALSE);
    }

  if (bad_row == (gpointer) self->key_row)
    set_hint (self->key_hint, error->message, TRUE);
  else if (*key == '\0')
    set_hint (self->key_hint, _("Without an API key, only public datasets can be read."), FALSE);
  else
    set_hint (self->key_hint, _("The key is kept in your keyring, never in a file."), FALSE);

  update_actions (self);
}

static void
on_form_changed_cb (ViewerAccountDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->save_error), FALSE);
  reset_test (self);
  validate (self);
}

static void
verify_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ViewerAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoVerifyResult) verdict = NULL;
  gboolean ok;

  verdict = carto_credentials_verify_finish (CARTO_CREDENTIALS (source), result, &error);
  if (verdict == NULL)
    return;

  ok = carto_verify_result_is_ok (verdict);
  g_clear_object (&self->test_cancellable);
  gtk_spinner_set_spinning (self->test_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
  gtk_image_set_from_icon_name (self->test_icon, ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->test_icon), ok ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (self->test_icon), TRUE);
  adw_action_row_set_subtitle (self->test_row, carto_verify_result_get_message (verdict));
  update_actions (self);
}

static void
viewer_account_dialog_test_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  ViewerAccountDialog *self = VIEWER_ACCOUNT_DIALOG (widget);

  if (self->credentials == NULL)
    return;

  reset_test (self);
  self->test_cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_set_spinning (self->test_spinner, TRUE);
  adw_action_row_set_subtitle (self->test_row, _("Testing…"));
  update_actions (self);

  carto_credentials_verify_async (self->credentials, viewer_context_get_soup_session (self->context),
                                  self->test_cancellable, verify_cb, g_object_ref (self));
}

static void
set_saving (ViewerAccountDialog *self,
            gboolean             saving)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  self->saving = saving;
  gtk_stack_set_visible_child_name (self->save_stack, saving ? "saving" : "button");
  gtk_spinner_set_spinning (self->save_spinner, saving);
  /* An entry made insensitive while focused (Enter in the key field)
   * loses the focus without its focus-out in GTK 4.8: its cursor keeps
   * blinking, and GTK warns. Take the focus first. */
  if (saving && focus != NULL && gtk_widget_is_ancestor (focus, self->form))
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_sensitive (self->form, !saving);
  update_actions (self);
}

static void
fail_saving (ViewerAccountDialog *self,
             const GError        *error)
{
  set_saving (self, FALSE);
  gtk_label_set_text (self->save_error, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->save_error), TRUE);
}

static void
finish_saving (ViewerAccountDialog *self,
               CartoAccount        *account)
{
  g_autoptr(GError) error = NULL;

  /* The first account, or an edit of the default, is the default. */
  if (self->was_default || carto_credential_store_get_default (store (self)) == NULL)
    {
      if (!carto_credential_store_set_default (store (self), account, &error))
        g_debug ("Could not make the account the default: %s", error->message);
    }

  set_saving (self, FALSE);
  g_signal_emit (self, signals[SAVED], 0, account);
  gtk_window_destroy (GTK_WINDOW (self));
}

typedef struct
{
  ViewerAccountDialog *self;
  CartoAccount *account;
} RenameData;

static void
rename_data_free (RenameData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->account);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenameData, rename_data_free)

static void
remove_old_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RenameData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!carto_credential_store_remove_finish (CARTO_CREDENTIAL_STORE (source), result, &error) &&
      !g_error_matches (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_NOT_FOUND))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The new account is stored; from now on this form edits it. */
      g_set_object (&data->self->account, data->account);
      fail_saving (data->self, error);
      return;
    }

  finish_saving (data->self, data->account);
}

static void
add_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(ViewerAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoAccount) account = NULL;

  account = carto_credential_store_add_finish (CARTO_CREDENTIAL_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (account == NULL)
    {
      fail_saving (self, error);
      return;
    }

  /* A new username or address is a new account: the old one goes. */
  if (self->account != NULL && self->account != account)
    {
      RenameData *data = g_new0 (RenameData, 1);

      data->self = g_object_ref (self);
      data->account = g_object_ref (account);
      carto_credential_store_remove_async (store (self),
                                           carto_account_get_username (self->account),
                                           carto_account_get_base_url (self->account),
                                           self->cancellable, remove_old_cb, data);
      return;
    }

  finish_saving (self, account);
}

static void
viewer_account_dialog_save_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  ViewerAccountDialog *self = VIEWER_ACCOUNT_DIALOG (widget);

  if (self->credentials == NULL || self->saving)
    return;

  self->was_default = self->account != NULL && carto_account_get_is_default (self->account);
  set_saving (self, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_error), FALSE);
  carto_credential_store_add_async (store (self), self->credentials, self->cancellable,
                                    add_cb, g_object_ref (self));
}

/* An account on https://USERNAME.carto.com is shown by its username, as
 * it was most likely entered; any other by its address. */
static void
fill_account (ViewerAccountDialog *self,
              const char          *username,
              const char          *base_url)
{
  g_autofree char *cloud_url = g_strdup_printf ("https://%s.carto.com", username);

  if (g_strcmp0 (base_url, cloud_url) == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->account_row), username);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->account_row), base_url);
      gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
    }
}

static void
fill_from_account (ViewerAccountDialog *self)
{
  CartoCredentials *credentials = carto_account_get_credentials (self->account);

  fill_account (self, carto_credentials_get_username (credentials), carto_credentials_get_base_url (credentials));
  if (!carto_credentials_is_public (credentials))
    gtk_editable_set_text (GTK_EDITABLE (self->key_row), carto_credentials_get_api_key (credentials));
  gtk_switch_set_active (self->insecure_switch, carto_credentials_get_allow_non_secure (credentials));
}

static void
viewer_account_dialog_constructed (GObject *object)
{
  ViewerAccountDialog *self = VIEWER_ACCOUNT_DIALOG (object);

  G_OBJECT_CLASS (viewer_account_dialog_parent_class)->constructed (object);

  g_assert (VIEWER_IS_CONTEXT (self->context));

  if (self->account != NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Account"));
      gtk_button_set_label (self->save_button, _("_Save"));
      fill_from_account (self);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Add Account"));
      gtk_button_set_label (self->save_button, _("_Add"));
      if (self->reference_username != NULL)
        fill_account (self, self->reference_username, self->reference_base_url);
    }

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  reset_test (self);
  validate (self);

  /* The one thing left to type. */
  if (self->account == NULL && self->reference_username != NULL)
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->key_row));
}

static void
viewer_account_dialog_dispose (GObject *object)
{
  ViewerAccountDialog *self = VIEWER_ACCOUNT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->test_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_ACCOUNT_DIALOG);

  g_clear_object (&self->credentials);
  g_clear_object (&self->account);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->test_cancellable);

  G_OBJECT_CLASS (viewer_account_dialog_parent_class)->dispose (object);
}

static void
viewer_account_dialog_finalize (GObject *object)
{
  ViewerAccountDialog *self = VIEWER_ACCOUNT_DIALOG (object);

  g_free (self->reference_username);
  g_free (self->reference_base_url);

  G_OBJECT_CLASS (viewer_account_dialog_parent_class)->finalize (object);
}

static void
viewer_account_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ViewerAccountDialog *self = VIEWER_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_CREDENTIALS:
      g_value_set_object (value, self->credentials);
      break;

    case PROP_REFERENCE_USERNAME:
      g_value_set_string (value, self->reference_username);
      break;

    case PROP_REFERENCE_BASE_URL:
      g_value_set_string (value, self->reference_base_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_account_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ViewerAccountDialog *self = VIEWER_ACCOUNT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;

    case PROP_REFERENCE_USERNAME:
      self->reference_username = g_value_dup_string (value);
      break;

    case PROP_REFERENCE_BASE_URL:
      self->reference_base_url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_account_dialog_class_init (ViewerAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = viewer_account_dialog_constructed;
  object_class->dispose = viewer_account_dialog_dispose;
  object_class->finalize = viewer_account_dialog_finalize;
  object_class->get_property = viewer_account_dialog_get_property;
  object_class->set_property = viewer_account_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VIEWER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerAccountDialog:account:
   *
   * The account being edited, or %NULL when adding one.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, CARTO_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerAccountDialog:credentials:
   *
   * What the form describes, or %NULL while it is not valid.
   */
  properties[PROP_CREDENTIALS] =
    g_param_spec_object ("credentials", NULL, NULL, CARTO_TYPE_CREDENTIALS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerAccountDialog:reference-username:
   *
   * When adding an account something names (a map file's layer): its
   * username, filled in. %NULL otherwise.
   */
  properties[PROP_REFERENCE_USERNAME] =
    g_param_spec_string ("reference-username", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerAccountDialog:reference-base-url:
   *
   * The base URL of #ViewerAccountDialog:reference-username's account.
   */
  properties[PROP_REFERENCE_BASE_URL] =
    g_param_spec_string ("reference-base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ViewerAccountDialog::saved:
   * @account: the stored account
   *
   * The account is in the keyring; the dialog closes next.
   */
  signals[SAVED] = g_signal_new ("saved",
                                 G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, CARTO_TYPE_ACCOUNT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountDialog, save_stack);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountDialog, save_spinner);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountDialog, form);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountDialog, account_row);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountDialog, insecure_row);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountDialog, insecure_switch);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountDialog, account_hint);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountDialog, key_hint);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountDialog, test_row);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountDialog, test_icon);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountDialog, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountDialog, save_error);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed_cb);

  gtk_widget_class_install_action (widget_class, "account.save", NULL, viewer_account_dialog_save_action);
  gtk_widget_class_install_action (widget_class, "account.test", NULL, viewer_account_dialog_test_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
viewer_account_dialog_init (ViewerAccountDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * viewer_account_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @context: the application's services
 * @account: (nullable): the account to edit, or %NULL to add one
 *
 * Returns: (transfer none): a new dialog, owned by GTK's window list
 */
ViewerAccountDialog *
viewer_account_dialog_new (GtkWindow     *parent,
                           ViewerContext *context,
                           CartoAccount  *account)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VIEWER_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (account == NULL || CARTO_IS_ACCOUNT (account), NULL);

  return g_object_new (VIEWER_TYPE_ACCOUNT_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       "account", account,
                       NULL);
}

/**
 * viewer_account_dialog_new_for_reference:
 * @parent: (nullable): the window the dialog belongs to
 * @context: the application's services
 * @username: the username of an account the keyring lacks
 * @base_url: its base URL
 *
 * A dialog adding the account a map names by reference, as a layer from
 * someone else's map file does: @username and @base_url are filled in,
 * the API key field is empty and has the focus.
 *
 * Returns: (transfer none): a new dialog, owned by GTK's window list
 */
ViewerAccountDialog *
viewer_account_dialog_new_for_reference (GtkWindow     *parent,
                                         ViewerContext *context,
                                         const char    *username,
                                         const char    *base_url)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VIEWER_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (VIEWER_TYPE_ACCOUNT_DIALOG,
                       "transient-for", parent,
                       "context", context,
                       "reference-username", username,
                       "reference-base-url", base_url,
                       NULL);
}

/**
 * viewer_account_dialog_get_credentials:
 * @self: a dialog
 *
 * Returns: (transfer none) (nullable): what the form describes, or %NULL
 *   while it is not valid
 */
CartoCredentials *
viewer_account_dialog_get_credentials (ViewerAccountDialog *self)
{
  g_return_val_if_fail (VIEWER_IS_ACCOUNT_DIALOG (self), NULL);

  return self->credentials;
}
