/* viewer-context.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The services one application instance shares: the one HTTP session (so
 * connections and limits are shared by every layer and basemap), the
 * settings, the accounts in the keyring and the CARTO basemap key. Windows
 * receive it as a construct-only property and hand it to their widgets.
 */

#include "config.h"

#include <string.h>

#include "viewer-context.h"

struct _ViewerContext
{
  GObject parent_instance;

  /* Owned references */
  SoupSession *soup_session;
  GSettings *settings;
  CartoCredentialStore *credential_store;
  GCancellable *accounts_cancellable;
  GCancellable *basemap_key_cancellable;
  GError *accounts_error;
  char *basemap_key;

  /* State */
  gboolean accounts_loading;
  gboolean basemap_key_loading;
};

G_DEFINE_FINAL_TYPE (ViewerContext, viewer_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ACCOUNTS_LOADING,
  PROP_ACCOUNTS_ERROR,
  PROP_BASEMAP_KEY,
  PROP_BASEMAP_KEY_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
load_accounts_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ViewerContext) self = user_data;
  g_autoptr(GError) error = NULL;

  carto_credential_store_load_finish (CARTO_CREDENTIAL_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* No keyring is not fatal: the map and public data work without one,
   * and the UI explains how to get one. */
  if (error != NULL)
    g_debug ("Loading the accounts failed: %s", error->message);

  g_object_freeze_notify (G_OBJECT (self));
  self->accounts_loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNTS_LOADING]);
  if (error != NULL || self->accounts_error != NULL)
    {
      g_clear_error (&self->accounts_error);
      self->accounts_error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNTS_ERROR]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/* Overwrites before freeing: the key is a secret. */
static void
clear_basemap_key (ViewerContext *self)
{
  if (self->basemap_key != NULL)
    memset (self->basemap_key, 0, strlen (self->basemap_key));
  g_clear_pointer (&self->basemap_key, g_free);
}

static void
finish_basemap_key_loading (ViewerContext *self)
{
  if (!self->basemap_key_loading)
    return;

  g_cancellable_cancel (self->basemap_key_cancellable);
  self->basemap_key_loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASEMAP_KEY_LOADING]);
}

static void
basemap_key_lookup_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ViewerContext) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = carto_basemap_key_lookup_finish (result, &error);

  /* Cancelled: disposed, or a key was set meanwhile, which wins. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* No keyring is not fatal: CARTO tiles still load, watermarked. */
  if (error != NULL)
    g_debug ("Basemap key lookup failed: %s", error->message);

  g_object_freeze_notify (G_OBJECT (self));
  viewer_context_set_basemap_key (self, key);
  finish_basemap_key_loading (self);
  g_object_thaw_notify (G_OBJECT (self));

  if (key != NULL)
    memset (key, 0, strlen (key));
}

static void
viewer_context_dispose (GObject *object)
{
  ViewerContext *self = VIEWER_CONTEXT (object);

  g_cancellable_cancel (self->accounts_cancellable);
  g_cancellable_cancel (self->basemap_key_cancellable);
  if (self->soup_session != NULL)
    soup_session_abort (self->soup_session);
  g_clear_object (&self->soup_session);
  g_clear_object (&self->credential_store);
  g_clear_object (&self->settings);
  g_clear_object (&self->accounts_cancellable);
  g_clear_object (&self->basemap_key_cancellable);

  G_OBJECT_CLASS (viewer_context_parent_class)->dispose (object);
}

static void
viewer_context_finalize (GObject *object)
{
  ViewerContext *self = VIEWER_CONTEXT (object);

  g_clear_error (&self->accounts_error);
  clear_basemap_key (self);

  G_OBJECT_CLASS (viewer_context_parent_class)->finalize (object);
}

static void
viewer_context_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ViewerContext *self = VIEWER_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_ACCOUNTS_LOADING:
      g_value_set_boolean (value, self->accounts_loading);
      break;

    case PROP_ACCOUNTS_ERROR:
      g_value_set_boxed (value, self->accounts_error);
      break;

    case PROP_BASEMAP_KEY:
      g_value_set_string (value, self->basemap_key);
      break;

    case PROP_BASEMAP_KEY_LOADING:
      g_value_set_boolean (value, self->basemap_key_loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_context_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ViewerContext *self = VIEWER_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_BASEMAP_KEY:
      viewer_context_set_basemap_key (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_context_class_init (ViewerContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = viewer_context_dispose;
  object_class->finalize = viewer_context_finalize;
  object_class->get_property = viewer_context_get_property;
  object_class->set_property = viewer_context_set_property;

  /**
   * ViewerContext:accounts-loading:
   *
   * Whether the accounts are being read from the keyring.
   */
  properties[PROP_ACCOUNTS_LOADING] =
    g_param_spec_boolean ("accounts-loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerContext:accounts-error:
   *
   * Why the last load of the accounts failed (no keyring, or a locked
   * one), or %NULL.
   */
  properties[PROP_ACCOUNTS_ERROR] =
    g_param_spec_boxed ("accounts-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerContext:basemap-key:
   *
   * The CARTO basemap API key, from the keyring, or %NULL: CARTO tiles
   * then carry a watermark. A secret: never log it.
   */
  properties[PROP_BASEMAP_KEY] =
    g_param_spec_string ("basemap-key", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerContext:basemap-key-loading:
   *
   * Whether the basemap key is still being read from the keyring.
   */
  properties[PROP_BASEMAP_KEY_LOADING] =
    g_param_spec_boolean ("basemap-key-loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viewer_context_init (ViewerContext *self)
{
  self->soup_session = carto_http_session_new ();
  self->settings = g_settings_new (BASE_ID);
  self->credential_store = carto_credential_store_new (self->settings);
  self->accounts_cancellable = g_cancellable_new ();

  /* Once for the whole application: every map shows CARTO tiles with it. */
  self->basemap_key_cancellable = g_cancellable_new ();
  self->basemap_key_loading = TRUE;
  carto_basemap_key_lookup_async (self->basemap_key_cancellable, basemap_key_lookup_cb, g_object_ref (self));
}

/**
 * viewer_context_new:
 *
 * Returns: (transfer full): the services of one application instance
 */
ViewerContext *
viewer_context_new (void)
{
  return g_object_new (VIEWER_TYPE_CONTEXT, NULL);
}

/**
 * viewer_context_get_soup_session:
 * @self: a context
 *
 * Returns: (transfer none): the application-wide HTTP session
 */
SoupSession *
viewer_context_get_soup_session (ViewerContext *self)
{
  g_return_val_if_fail (VIEWER_IS_CONTEXT (self), NULL);

  return self->soup_session;
}

/**
 * viewer_context_get_settings:
 * @self: a context
 *
 * Returns: (transfer none): the application settings
 */
GSettings *
viewer_context_get_settings (ViewerContext *self)
{
  g_return_val_if_fail (VIEWER_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * viewer_context_get_credential_store:
 * @self: a context
 *
 * Returns: (transfer none): the accounts, a #GListModel of #CartoAccount;
 *   empty until viewer_context_load_accounts() has read the keyring
 */
CartoCredentialStore *
viewer_context_get_credential_store (ViewerContext *self)
{
  g_return_val_if_fail (VIEWER_IS_CONTEXT (self), NULL);

  return self->credential_store;
}

/**
 * viewer_context_load_accounts:
 * @self: a context
 *
 * Reads the accounts from the keyring in the background; the outcome
 * shows in #ViewerContext:accounts-loading and #ViewerContext:accounts-error.
 * Does nothing while a load is under way.
 */
void
viewer_context_load_accounts (ViewerContext *self)
{
  g_return_if_fail (VIEWER_IS_CONTEXT (self));

  if (self->accounts_loading)
    return;

  self->accounts_loading = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNTS_LOADING]);
  carto_credential_store_load_async (self->credential_store, self->accounts_cancellable,
                                     load_accounts_cb, g_object_ref (self));
}

/**
 * viewer_context_get_accounts_loading:
 * @self: a context
 *
 * Returns: whether the accounts are being read from the keyring
 */
gboolean
viewer_context_get_accounts_loading (ViewerContext *self)
{
  g_return_val_if_fail (VIEWER_IS_CONTEXT (self), FALSE);

  return self->accounts_loading;
}

/**
 * viewer_context_get_accounts_error:
 * @self: a context
 *
 * Returns: (transfer none) (nullable): why the last load of the accounts
 *   failed, with a message for the person, or %NULL
 */
const GError *
viewer_context_get_accounts_error (ViewerContext *self)
{
  g_return_val_if_fail (VIEWER_IS_CONTEXT (self), NULL);

  return self->accounts_error;
}

/**
 * viewer_context_get_basemap_key:
 * @self: a context
 *
 * Returns: (transfer none) (nullable): the CARTO basemap API key, or %NULL
 *   when there is none (or it is still being read from the keyring)
 */
const char *
viewer_context_get_basemap_key (ViewerContext *self)
{
  g_return_val_if_fail (VIEWER_IS_CONTEXT (self), NULL);

  return self->basemap_key;
}

/**
 * viewer_context_set_basemap_key:
 * @self: a context
 * @key: (nullable): the key the keyring now holds, or %NULL when it was
 *   removed
 *
 * Says that the basemap key changed (the basemap key dialog stored or
 * removed it); every map follows. A key still being read from the keyring
 * is no longer waited for.
 */
void
viewer_context_set_basemap_key (ViewerContext *self,
                                const char    *key)
{
  g_return_if_fail (VIEWER_IS_CONTEXT (self));

  if (key != NULL && *key == '\0')
    key = NULL;

  g_object_freeze_notify (G_OBJECT (self));
  finish_basemap_key_loading (self);
  if (g_strcmp0 (self->basemap_key, key) != 0)
    {
      clear_basemap_key (self);
      self->basemap_key = g_strdup (key);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASEMAP_KEY]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * viewer_context_get_basemap_key_loading:
 * @self: a context
 *
 * Returns: whether the basemap key is still being read from the keyring
 */
gboolean
viewer_context_get_basemap_key_loading (ViewerContext *self)
{
  g_return_val_if_fail (VIEWER_IS_CONTEXT (self), FALSE);

  return self->basemap_key_loading;
}
