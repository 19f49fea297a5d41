/* viewer-account-banner.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A slim bar above the map for the first run: with no account it offers
 * to add one or import CARTOframes' file; without a keyring it says why
 * accounts cannot be kept. The map works either way, so the bar can be
 * dismissed for the session. libadwaita 1.2 has no AdwBanner; this is a
 * revealer styled like one.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-account-banner.h"
#include "viewer-account-dialog.h"
#include "viewer-cartoframes-transfer.h"
#include "viewer-toast.h"
#include "viewer-wrap-box.h"

struct _ViewerAccountBanner
{
  AdwBin parent_instance;

  /* Template widgets. The revealer, the bin's child, is not bound: AdwBin
   * unparents it itself, and must not find it disposed. */
  GtkRevealer *revealer;
  GtkLabel *label;
  GtkWidget *no_account_buttons;
  GtkWidget *retry_buttons;

  /* Owned references */
  ViewerContext *context;
  GCancellable *cancellable;

  /* State */
  gboolean dismissed;
};

G_DEFINE_FINAL_TYPE (ViewerAccountBanner, viewer_account_banner, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static CartoCredentialStore *
store (ViewerAccountBanner *self)
{
  return viewer_context_get_credential_store (self->context);
}

/* Only to own the dialogs it opens. */
static GtkWindow *
parent_window (ViewerAccountBanner *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
update (ViewerAccountBanner *self)
{
  gboolean reveal = FALSE;
  gboolean was_revealed = gtk_revealer_get_reveal_child (self->revealer);

  if (self->context != NULL && !self->dismissed &&
      g_list_model_get_n_items (G_LIST_MODEL (store (self))) == 0)
    {
      const GError *error = viewer_context_get_accounts_error (self->context);

      if (error != NULL)
        {
          gtk_label_set_text (self->label, error->message);
          gtk_widget_set_visible (self->no_account_buttons, FALSE);
          gtk_widget_set_visible (self->retry_buttons, TRUE);
          reveal = TRUE;
        }
      else if (carto_credential_store_get_loaded (store (self)))
        {
          gtk_label_set_text (self->label, _("Add a CARTO account, or import the one CARTOframes saved, to see your datasets on the map."));
          gtk_widget_set_visible (self->no_account_buttons, TRUE);
          gtk_widget_set_visible (self->retry_buttons, FALSE);
          reveal = TRUE;
        }
    }

  /* Shown only while revealed or sliding: a hidden revealer still asks
   * for its child's width, and the buttons' would keep the window from
   * narrowing to 360 pixels. */
  if (reveal)
    gtk_widget_set_visible (GTK_WIDGET (self->revealer), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, reveal);
  if (reveal != was_revealed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

static void
on_child_revealed_cb (ViewerAccountBanner *self)
{
  if (!gtk_revealer_get_reveal_child (self->revealer) && !gtk_revealer_get_child_revealed (self->revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->revealer), FALSE);
}

static void
on_accounts_changed_cb (ViewerAccountBanner *self)
{
  update (self);
}

static void
import_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ViewerAccountBanner) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoAccount) account = viewer_cartoframes_import_finish (result, &error);
  g_autofree char *host = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (account == NULL)
    {
      viewer_toast_show (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }

  host = carto_account_dup_host (account);
  /* Translators: the first %s is a CARTO username, the second a server's
   * host name. */
  viewer_toast_show (GTK_WIDGET (self), adw_toast_new_format (_("Imported “%s” on %s"), carto_account_get_username (account), host));
}

static void
viewer_account_banner_add_account_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  ViewerAccountBanner *self = VIEWER_ACCOUNT_BANNER (widget);

  if (self->context != NULL)
    gtk_window_present (GTK_WINDOW (viewer_account_dialog_new (parent_window (self), self->context, NULL)));
}

static void
viewer_account_banner_import_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  ViewerAccountBanner *self = VIEWER_ACCOUNT_BANNER (widget);

  if (self->context != NULL)
    viewer_cartoframes_import_async (parent_window (self), store (self), self->cancellable,
                                     import_cb, g_object_ref (self));
}

static void
viewer_account_banner_retry_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  ViewerAccountBanner *self = VIEWER_ACCOUNT_BANNER (widget);

  if (self->context != NULL)
    viewer_context_load_accounts (self->context);
}

static void
viewer_account_banner_dismiss_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  ViewerAccountBanner *self = VIEWER_ACCOUNT_BANNER (widget);

  self->dismissed = TRUE;
  update (self);
}

static void
viewer_account_banner_dispose (GObject *object)
{
  ViewerAccountBanner *self = VIEWER_ACCOUNT_BANNER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (store (self), self);
      g_signal_handlers_disconnect_by_data (self->context, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_ACCOUNT_BANNER);

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  self->revealer = NULL;

  G_OBJECT_CLASS (viewer_account_banner_parent_class)->dispose (object);
}

static void
viewer_account_banner_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ViewerAccountBanner *self = VIEWER_ACCOUNT_BANNER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_REVEALED:
      g_value_set_boolean (value, viewer_account_banner_get_revealed (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_account_banner_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ViewerAccountBanner *self = VIEWER_ACCOUNT_BANNER (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viewer_account_banner_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_account_banner_class_init (ViewerAccountBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viewer_account_banner_dispose;
  object_class->get_property = viewer_account_banner_get_property;
  object_class->set_property = viewer_account_banner_set_property;

  /**
   * ViewerAccountBanner:context:
   *
   * The application's services, whose accounts the banner watches.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VIEWER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerAccountBanner:revealed:
   *
   * Whether the banner is shown (or sliding in).
   */
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VIEWER_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-account-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountBanner, label);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountBanner, no_account_buttons);
  gtk_widget_class_bind_template_child (widget_class, ViewerAccountBanner, retry_buttons);

  gtk_widget_class_install_action (widget_class, "banner.add-account", NULL, viewer_account_banner_add_account_action);
  gtk_widget_class_install_action (widget_class, "banner.import", NULL, viewer_account_banner_import_action);
  gtk_widget_class_install_action (widget_class, "banner.retry", NULL, viewer_account_banner_retry_action);
  gtk_widget_class_install_action (widget_class, "banner.dismiss", NULL, viewer_account_banner_dismiss_action);
}

static void
viewer_account_banner_init (ViewerAccountBanner *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->revealer = GTK_REVEALER (adw_bin_get_child (ADW_BIN (self)));
  gtk_widget_set_visible (GTK_WIDGET (self->revealer), FALSE);
  g_signal_connect_object (self->revealer, "notify::child-revealed", G_CALLBACK (on_child_revealed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * viewer_account_banner_new:
 *
 * Returns: (transfer floating): a new banner; give it a context
 */
ViewerAccountBanner *
viewer_account_banner_new (void)
{
  return g_object_new (VIEWER_TYPE_ACCOUNT_BANNER, NULL);
}

/**
 * viewer_account_banner_get_context:
 * @self: a banner
 *
 * Returns: (transfer none) (nullable): the context whose accounts it watches
 */
ViewerContext *
viewer_account_banner_get_context (ViewerAccountBanner *self)
{
  g_return_val_if_fail (VIEWER_IS_ACCOUNT_BANNER (self), NULL);

  return self->context;
}

/**
 * viewer_account_banner_set_context:
 * @self: a banner
 * @context: (nullable): the application's services
 *
 * Watches @context's accounts; the window containing the banner sets it.
 */
void
viewer_account_banner_set_context (ViewerAccountBanner *self,
                                   ViewerContext       *context)
{
  g_return_if_fail (VIEWER_IS_ACCOUNT_BANNER (self));
  g_return_if_fail (context == NULL || VIEWER_IS_CONTEXT (context));

  if (self->context == context)
    return;

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (store (self), self);
      g_signal_handlers_disconnect_by_data (self->context, self);
    }
  g_set_object (&self->context, context);
  if (context != NULL)
    {
      g_signal_connect_object (store (self), "items-changed",
                               G_CALLBACK (on_accounts_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store (self), "notify::loaded",
                               G_CALLBACK (on_accounts_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (context, "notify::accounts-error",
                               G_CALLBACK (on_accounts_changed_cb), self, G_CONNECT_SWAPPED);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * viewer_account_banner_get_revealed:
 * @self: a banner
 *
 * Returns: whether the banner is shown
 */
gboolean
viewer_account_banner_get_revealed (ViewerAccountBanner *self)
{
  g_return_val_if_fail (VIEWER_IS_ACCOUNT_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}
