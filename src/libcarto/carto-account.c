/* carto-account.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One stored account, an item of CartoCredentialStore's list. Its identity
 * is (username, base URL); the store swaps in new credentials when the key
 * changes, so a row showing the account keeps its object.
 */

#include "config.h"

#include "carto-account-private.h"

struct _CartoAccount
{
  GObject parent_instance;

  /* owned */
  CartoCredentials *credentials;

  /* state */
  gboolean is_default;
};

G_DEFINE_FINAL_TYPE (CartoAccount, carto_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CREDENTIALS,
  PROP_USERNAME,
  PROP_BASE_URL,
  PROP_HOST,
  PROP_IS_PUBLIC,
  PROP_IS_DEFAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
carto_account_dispose (GObject *object)
{
  CartoAccount *self = (CartoAccount *)object;

  g_clear_object (&self->credentials);

  G_OBJECT_CLASS (carto_account_parent_class)->dispose (object);
}

static void
carto_account_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CartoAccount *self = CARTO_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_CREDENTIALS:
      g_value_set_object (value, self->credentials);
      break;

    case PROP_USERNAME:
      g_value_set_string (value, carto_account_get_username (self));
      break;

    case PROP_BASE_URL:
      g_value_set_string (value, carto_account_get_base_url (self));
      break;

    case PROP_HOST:
      g_value_take_string (value, carto_account_dup_host (self));
      break;

    case PROP_IS_PUBLIC:
      g_value_set_boolean (value, carto_account_is_public (self));
      break;

    case PROP_IS_DEFAULT:
      g_value_set_boolean (value, self->is_default);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_account_class_init (CartoAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carto_account_dispose;
  object_class->get_property = carto_account_get_property;

  properties[PROP_CREDENTIALS] =
    g_param_spec_object ("credentials", NULL, NULL, CARTO_TYPE_CREDENTIALS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_PUBLIC] =
    g_param_spec_boolean ("is-public", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_DEFAULT] =
    g_param_spec_boolean ("is-default", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_account_init (CartoAccount *self)
{
}

CartoAccount *
carto_account_new (CartoCredentials *credentials)
{
  CartoAccount *self;

  g_return_val_if_fail (CARTO_IS_CREDENTIALS (credentials), NULL);

  self = g_object_new (CARTO_TYPE_ACCOUNT, NULL);
  self->credentials = g_object_ref (credentials);
  return self;
}

/* Only for the same account with another key or flags. */
void
carto_account_set_credentials (CartoAccount     *self,
                               CartoCredentials *credentials)
{
  gboolean was_public;

  g_return_if_fail (CARTO_IS_ACCOUNT (self));
  g_return_if_fail (CARTO_IS_CREDENTIALS (credentials));
  g_return_if_fail (carto_credentials_same_account (self->credentials, credentials));

  was_public = carto_credentials_is_public (self->credentials);
  if (!g_set_object (&self->credentials, credentials))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDENTIALS]);
  if (was_public != carto_credentials_is_public (credentials))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_PUBLIC]);
}

void
carto_account_set_is_default (CartoAccount *self,
                              gboolean      is_default)
{
  g_return_if_fail (CARTO_IS_ACCOUNT (self));

  is_default = !!is_default;
  if (self->is_default == is_default)
    return;

  self->is_default = is_default;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_DEFAULT]);
}

/**
 * carto_account_get_credentials:
 * @self: a #CartoAccount
 *
 * The credentials change when the account's key is updated; watch
 * #CartoAccount:credentials.
 *
 * Returns: (transfer none): the account's current credentials
 */
CartoCredentials *
carto_account_get_credentials (CartoAccount *self)
{
  g_return_val_if_fail (CARTO_IS_ACCOUNT (self), NULL);

  return self->credentials;
}

/**
 * carto_account_get_username:
 * @self: a #CartoAccount
 *
 * Returns: the account's username
 */
const char *
carto_account_get_username (CartoAccount *self)
{
  g_return_val_if_fail (CARTO_IS_ACCOUNT (self), NULL);

  return carto_credentials_get_username (self->credentials);
}

/**
 * carto_account_get_base_url:
 * @self: a #CartoAccount
 *
 * Returns: the account's base URL, without trailing slashes
 */
const char *
carto_account_get_base_url (CartoAccount *self)
{
  g_return_val_if_fail (CARTO_IS_ACCOUNT (self), NULL);

  return carto_credentials_get_base_url (self->credentials);
}

/**
 * carto_account_dup_host:
 * @self: a #CartoAccount
 *
 * Returns: (transfer full): the host (and port) of the base URL
 */
char *
carto_account_dup_host (CartoAccount *self)
{
  g_return_val_if_fail (CARTO_IS_ACCOUNT (self), NULL);

  return carto_credentials_dup_host (self->credentials);
}

/**
 * carto_account_is_public:
 * @self: a #CartoAccount
 *
 * Returns: whether the account has no key of its own (`default_public`)
 */
gboolean
carto_account_is_public (CartoAccount *self)
{
  g_return_val_if_fail (CARTO_IS_ACCOUNT (self), TRUE);

  return carto_credentials_is_public (self->credentials);
}

/**
 * carto_account_get_is_default:
 * @self: a #CartoAccount
 *
 * Returns: whether this is the store's default account
 */
gboolean
carto_account_get_is_default (CartoAccount *self)
{
  g_return_val_if_fail (CARTO_IS_ACCOUNT (self), FALSE);

  return self->is_default;
}
