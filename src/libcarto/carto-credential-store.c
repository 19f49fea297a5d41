/* carto-credential-store.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The user's CARTO accounts, kept in the Secret Service (libsecret) and
 * shown as a GListModel. The API key is the item's secret; username, base
 * URL and the allow-non-secure flag are attributes, with a format version
 * so a later change can migrate (STYLE §11). A public-only account stores
 * the literal `default_public` as its secret: it is no secret, but storing
 * it keeps every account one kind of item, found by one search.
 *
 * The default account is no secret either: it lives in the `default-account`
 * GSettings key, or in memory when the store has no GSettings. Nothing is
 * ever written to disk in plain text; without a keyring, calls fail with
 * CARTO_CREDENTIALS_ERROR_KEYRING_UNAVAILABLE and callers stay public-only.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "carto-account-private.h"
#include "carto-credential-store.h"

#define ATTR_VERSION "version"
#define ATTR_USERNAME "username"
#define ATTR_BASE_URL "base-url"
#define ATTR_ALLOW_NON_SECURE "allow-non-secure"
#define DEFAULT_ACCOUNT_KEY "default-account"

struct _CartoCredentialStore
{
  GObject parent_instance;

  /* owned */
  GSettings *settings;
  GPtrArray *accounts;
  char *default_username;
  char *default_base_url;

  /* borrowed: the item of @accounts that is the default, if any */
  CartoAccount *default_account;

  /* state */
  gboolean loaded;
  /* Bumped by every add and remove, so a load that raced one re-reads. */
  guint64 serial;
};

static void carto_credential_store_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartoCredentialStore, carto_credential_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, carto_credential_store_list_model_init))

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_LOADED,
  PROP_DEFAULT_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const SecretSchema account_schema = {
  .name = CARTO_CREDENTIAL_STORE_SCHEMA_NAME,
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { ATTR_VERSION, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_USERNAME, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_BASE_URL, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { ATTR_ALLOW_NON_SECURE, SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
};

/* GTask source tags: a function pointer is no `gpointer` in ISO C. */
static char load_tag;
static char add_tag;
static char remove_tag;

typedef struct
{
  guint64 serial;
  guint pending;
  GPtrArray *credentials;
  GError *error;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_pointer (&data->credentials, g_ptr_array_unref);
  g_clear_error (&data->error);
  g_free (data);
}

typedef struct
{
  CartoCredentials *credentials;
  GHashTable *attributes;
  GHashTable *stale_attributes;
} AddData;

static void
add_data_free (AddData *data)
{
  g_clear_object (&data->credentials);
  g_clear_pointer (&data->attributes, g_hash_table_unref);
  g_clear_pointer (&data->stale_attributes, g_hash_table_unref);
  g_free (data);
}

typedef struct
{
  char *username;
  char *base_url;
  GHashTable *attributes;
} RemoveData;

static void
remove_data_free (RemoveData *data)
{
  g_free (data->username);
  g_free (data->base_url);
  g_clear_pointer (&data->attributes, g_hash_table_unref);
  g_free (data);
}

static char *
strip_trailing_slashes (const char *s)
{
  gsize len = strlen (s);

  while (len > 0 && s[len - 1] == '/')
    len--;
  return g_strndup (s, len);
}

static GHashTable *
new_attributes (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

static GHashTable *
account_attributes (CartoCredentials *credentials,
                    gboolean          allow_non_secure)
{
  GHashTable *attributes = new_attributes ();

  g_hash_table_insert (attributes, (char *)ATTR_VERSION, g_strdup (CARTO_CREDENTIAL_STORE_FORMAT_VERSION));
  g_hash_table_insert (attributes, (char *)ATTR_USERNAME, g_strdup (carto_credentials_get_username (credentials)));
  g_hash_table_insert (attributes, (char *)ATTR_BASE_URL, g_strdup (carto_credentials_get_base_url (credentials)));
  g_hash_table_insert (attributes, (char *)ATTR_ALLOW_NON_SECURE, g_strdup (allow_non_secure ? "true" : "false"));
  return attributes;
}

/* libsecret's messages name D-Bus objects, never secrets: they go to the
 * debug log, and the user gets something to act on. */
static GError *
keyring_error (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  g_debug ("Keyring error: %s (%s %d)", error->message, g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return g_error_new_literal (CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_KEYRING_LOCKED,
                                _("The keyring is locked. Unlock it to use the accounts stored in it."));

  return g_error_new_literal (CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_KEYRING_UNAVAILABLE,
                              _("No keyring is available to keep API keys safe. Install and start GNOME Keyring "
                                "or another Secret Service, then try again. Public datasets work without a key."));
}

static gboolean
is_default_account (CartoCredentialStore *self,
                    CartoAccount         *account)
{
  return self->default_username != NULL &&
         g_strcmp0 (carto_account_get_username (account), self->default_username) == 0 &&
         g_strcmp0 (carto_account_get_base_url (account), self->default_base_url) == 0;
}

static int
compare_accounts (gconstpointer a,
                  gconstpointer b)
{
  CartoAccount *x = *(CartoAccount * const *)a;
  CartoAccount *y = *(CartoAccount * const *)b;
  int r;

  if (carto_account_get_is_default (x) != carto_account_get_is_default (y))
    return carto_account_get_is_default (x) ? -1 : 1;
  r = g_strcmp0 (carto_account_get_username (x), carto_account_get_username (y));
  if (r != 0)
    return r;
  return g_strcmp0 (carto_account_get_base_url (x), carto_account_get_base_url (y));
}

/* Takes @accounts, marks and sorts them, and announces the smallest changed
 * range, so list rows that did not move are kept. */
static void
set_accounts (CartoCredentialStore *self,
              GPtrArray            *accounts)
{
  g_autoptr(GPtrArray) old = self->accounts;
  CartoAccount *old_default = self->default_account;
  guint prefix = 0;
  guint suffix = 0;
  guint removed;
  guint added;

  self->default_account = NULL;
  for (guint i = 0; i < accounts->len; i++)
    {
      CartoAccount *account = g_ptr_array_index (accounts, i);
      gboolean is_default = is_default_account (self, account);

      carto_account_set_is_default (account, is_default);
      if (is_default)
        self->default_account = account;
    }
  g_ptr_array_sort (accounts, compare_accounts);
  self->accounts = accounts;

  while (prefix < old->len && prefix < accounts->len &&
         g_ptr_array_index (old, prefix) == g_ptr_array_index (accounts, prefix))
    prefix++;
  while (suffix < old->len - prefix && suffix < accounts->len - prefix &&
         g_ptr_array_index (old, old->len - 1 - suffix) == g_ptr_array_index (accounts, accounts->len - 1 - suffix))
    suffix++;
  removed = old->len - prefix - suffix;
  added = accounts->len - prefix - suffix;

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
  if (old_default != self->default_account)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT_ACCOUNT]);
}

static GPtrArray *
copy_accounts (CartoCredentialStore *self)
{
  GPtrArray *copy = g_ptr_array_new_full (self->accounts->len + 1, g_object_unref);

  for (guint i = 0; i < self->accounts->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (self->accounts, i)));
  return copy;
}

static void
resort (CartoCredentialStore *self)
{
  set_accounts (self, copy_accounts (self));
}

static void
set_default_names (CartoCredentialStore *self,
                   const char           *username,
                   const char           *base_url)
{
  /* ('', '') in GSettings means "none". */
  if (username == NULL || *username == '\0' || base_url == NULL || *base_url == '\0')
    username = base_url = NULL;

  g_free (self->default_username);
  g_free (self->default_base_url);
  self->default_username = g_strdup (username);
  self->default_base_url = g_strdup (base_url);
}

static void
read_default_from_settings (CartoCredentialStore *self)
{
  g_autofree char *username = NULL;
  g_autofree char *base_url = NULL;

  g_settings_get (self->settings, DEFAULT_ACCOUNT_KEY, "(ss)", &username, &base_url);
  set_default_names (self, username, base_url);
}

static void
write_default (CartoCredentialStore *self,
               const char           *username,
               const char           *base_url)
{
  set_default_names (self, username, base_url);
  if (self->settings != NULL)
    g_settings_set (self->settings, DEFAULT_ACCOUNT_KEY, "(ss)",
                    self->default_username ? self->default_username : "",
                    self->default_base_url ? self->default_base_url : "");
  resort (self);
}

static CartoAccount *
find_account (CartoCredentialStore *self,
              const char           *username,
              const char           *base_url,
              guint                *position)
{
  for (guint i = 0; i < self->accounts->len; i++)
    {
      CartoAccount *account = g_ptr_array_index (self->accounts, i);

      if (g_strcmp0 (carto_account_get_username (account), username) == 0 &&
          g_strcmp0 (carto_account_get_base_url (account), base_url) == 0)
        {
          if (position != NULL)
            *position = i;
          return account;
        }
    }
  return NULL;
}

static void start_search (GTask *task);

static void
finish_load (GTask *task)
{
  CartoCredentialStore *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) accounts = NULL;

  if (data->error != NULL)
    {
      g_task_return_error (task, keyring_error (data->error));
      g_object_unref (task);
      return;
    }

  /* An add or remove finished while we searched: our result may predate it. */
  if (data->serial != self->serial)
    {
      start_search (task);
      return;
    }

  /* Keep the objects of accounts already listed, so their rows stay. */
  accounts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < data->credentials->len; i++)
    {
      CartoCredentials *credentials = g_ptr_array_index (data->credentials, i);
      CartoAccount *account = find_account (self,
                                            carto_credentials_get_username (credentials),
                                            carto_credentials_get_base_url (credentials),
                                            NULL);

      if (account != NULL)
        {
          carto_account_set_credentials (account, credentials);
          g_ptr_array_add (accounts, g_object_ref (account));
        }
      else
        {
          g_ptr_array_add (accounts, carto_account_new (credentials));
        }
    }
  set_accounts (self, g_steal_pointer (&accounts));

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static gboolean
has_account (GPtrArray        *credentials,
             CartoCredentials *candidate)
{
  for (guint i = 0; i < credentials->len; i++)
    {
      if (carto_credentials_same_account (g_ptr_array_index (credentials, i), candidate))
        return TRUE;
    }
  return FALSE;
}

static void
retrieve_secret_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SecretRetrievable *item = SECRET_RETRIEVABLE (object);
  GTask *task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autoptr(GHashTable) attributes = NULL;

  value = secret_retrievable_retrieve_secret_finish (item, result, &error);
  if (value == NULL)
    {
      if (data->error == NULL && error != NULL)
        data->error = g_steal_pointer (&error);
    }
  else
    {
      const char *key = secret_value_get_text (value);
      const char *username;
      const char *base_url;
      const char *allow;

      attributes = secret_retrievable_get_attributes (item);
      username = g_hash_table_lookup (attributes, ATTR_USERNAME);
      base_url = g_hash_table_lookup (attributes, ATTR_BASE_URL);
      allow = g_hash_table_lookup (attributes, ATTR_ALLOW_NON_SECURE);

      if (key != NULL && username != NULL && base_url != NULL)
        {
          g_autoptr(GError) local_error = NULL;
          g_autoptr(CartoCredentials) credentials =
            carto_credentials_new (username, key, base_url,
                                   g_strcmp0 (allow, "true") == 0 ? CARTO_CREDENTIALS_ALLOW_NON_SECURE
                                                                  : CARTO_CREDENTIALS_FLAGS_NONE,
                                   &local_error);

          /* Someone else's edit of the keyring must not hide the others. */
          if (credentials == NULL)
            g_debug ("Skipping a stored account that is not valid: %s", local_error->message);
          else if (!has_account (data->credentials, credentials))
            g_ptr_array_add (data->credentials, g_steal_pointer (&credentials));
        }
      else
        {
          g_debug ("Skipping a stored account with missing attributes");
        }
    }

  if (--data->pending == 0)
    finish_load (task);
  else
    g_object_unref (task);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      data->error = g_steal_pointer (&error);
      finish_load (task);
      return;
    }

  if (items == NULL)
    {
      finish_load (task);
      return;
    }

  /* One task reference per pending retrieval; the last one finishes. */
  data->pending = g_list_length (items);
  for (GList *l = items; l != NULL; l = l->next)
    {
      if (l != items)
        g_object_ref (task);
      secret_retrievable_retrieve_secret (l->data, g_task_get_cancellable (task), retrieve_secret_cb, task);
    }
  g_list_free_full (items, g_object_unref);
}

static void
start_search (GTask *task)
{
  CartoCredentialStore *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = new_attributes ();

  data->serial = self->serial;
  data->pending = 0;
  g_ptr_array_set_size (data->credentials, 0);

  /* Items of another format version are left for that version's code. */
  g_hash_table_insert (attributes, (char *)ATTR_VERSION, g_strdup (CARTO_CREDENTIAL_STORE_FORMAT_VERSION));
  secret_password_searchv (&account_schema, attributes,
                           SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                           g_task_get_cancellable (task), search_cb, task);
}

static void
on_settings_changed_cb (GSettings            *settings,
                        const char           *key,
                        CartoCredentialStore *self)
{
  g_autofree char *old_username = g_strdup (self->default_username);
  g_autofree char *old_base_url = g_strdup (self->default_base_url);

  read_default_from_settings (self);
  if (g_strcmp0 (old_username, self->default_username) != 0 ||
      g_strcmp0 (old_base_url, self->default_base_url) != 0)
    resort (self);
}

static GType
carto_credential_store_get_item_type (GListModel *model)
{
  return CARTO_TYPE_ACCOUNT;
}

static guint
carto_credential_store_get_n_items (GListModel *model)
{
  CartoCredentialStore *self = CARTO_CREDENTIAL_STORE (model);

  return self->accounts->len;
}

static gpointer
carto_credential_store_get_item (GListModel *model,
                                 guint       position)
{
  CartoCredentialStore *self = CARTO_CREDENTIAL_STORE (model);

  if (position >= self->accounts->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->accounts, position));
}

static void
carto_credential_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = carto_credential_store_get_item_type;
  iface->get_n_items = carto_credential_store_get_n_items;
  iface->get_item = carto_credential_store_get_item;
}

static void
carto_credential_store_constructed (GObject *object)
{
  CartoCredentialStore *self = (CartoCredentialStore *)object;

  G_OBJECT_CLASS (carto_credential_store_parent_class)->constructed (object);

  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::" DEFAULT_ACCOUNT_KEY,
                               G_CALLBACK (on_settings_changed_cb), self, 0);
      read_default_from_settings (self);
    }
}

static void
carto_credential_store_dispose (GObject *object)
{
  CartoCredentialStore *self = (CartoCredentialStore *)object;

  self->default_account = NULL;
  if (self->accounts != NULL)
    g_ptr_array_set_size (self->accounts, 0);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (carto_credential_store_parent_class)->dispose (object);
}

static void
carto_credential_store_finalize (GObject *object)
{
  CartoCredentialStore *self = (CartoCredentialStore *)object;

  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_free (self->default_username);
  g_free (self->default_base_url);

  G_OBJECT_CLASS (carto_credential_store_parent_class)->finalize (object);
}

static void
carto_credential_store_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CartoCredentialStore *self = CARTO_CREDENTIAL_STORE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_DEFAULT_ACCOUNT:
      g_value_set_object (value, self->default_account);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_credential_store_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CartoCredentialStore *self = CARTO_CREDENTIAL_STORE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_credential_store_class_init (CartoCredentialStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = carto_credential_store_constructed;
  object_class->dispose = carto_credential_store_dispose;
  object_class->finalize = carto_credential_store_finalize;
  object_class->get_property = carto_credential_store_get_property;
  object_class->set_property = carto_credential_store_set_property;

  /**
   * CartoCredentialStore:settings:
   *
   * Where the default account is remembered (the application schema's
   * `default-account` key), or %NULL to remember it in memory only.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoCredentialStore:loaded:
   *
   * Whether a load from the keyring has succeeded.
   */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoCredentialStore:default-account:
   *
   * The default account, if it is among the loaded accounts.
   */
  properties[PROP_DEFAULT_ACCOUNT] =
    g_param_spec_object ("default-account", NULL, NULL, CARTO_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_credential_store_init (CartoCredentialStore *self)
{
  self->accounts = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * carto_credential_store_get_schema:
 *
 * The libsecret schema of stored accounts: string attributes `version`
 * (%CARTO_CREDENTIAL_STORE_FORMAT_VERSION), `username`, `base-url` and
 * `allow-non-secure` (`true`/`false`); the secret is the API key.
 *
 * Returns: (transfer none): the schema
 */
const SecretSchema *
carto_credential_store_get_schema (void)
{
  return &account_schema;
}

/**
 * carto_credential_store_new:
 * @settings: (nullable): a #GSettings of the application schema, to
 *   remember the default account in; %NULL keeps it in memory only
 *
 * Creates an empty store; call carto_credential_store_load_async() to read
 * the keyring.
 *
 * Returns: (transfer full): a new store
 */
CartoCredentialStore *
carto_credential_store_new (GSettings *settings)
{
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (CARTO_TYPE_CREDENTIAL_STORE, "settings", settings, NULL);
}

/**
 * carto_credential_store_load_async:
 * @self: a #CartoCredentialStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the accounts are listed
 * @user_data: data for @callback
 *
 * Reads every account from the keyring, unlocking it if needed (the
 * system asks the user), and replaces the list with them. Accounts already
 * listed keep their objects.
 */
void
carto_credential_store_load_async (CartoCredentialStore *self,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (CARTO_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, &load_tag);
  data = g_new0 (LoadData, 1);
  data->credentials = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify)load_data_free);

  start_search (g_steal_pointer (&task));
}

/**
 * carto_credential_store_load_finish:
 * @self: a #CartoCredentialStore
 * @result: the #GAsyncResult
 * @error: return location for a %CARTO_CREDENTIALS_ERROR
 *
 * Returns: %TRUE when the list holds the keyring's accounts; %FALSE with
 *   %CARTO_CREDENTIALS_ERROR_KEYRING_UNAVAILABLE,
 *   %CARTO_CREDENTIALS_ERROR_KEYRING_LOCKED or %G_IO_ERROR_CANCELLED
 */
gboolean
carto_credential_store_load_finish (CartoCredentialStore *self,
                                    GAsyncResult         *result,
                                    GError              **error)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIAL_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &load_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * carto_credential_store_get_loaded:
 * @self: a #CartoCredentialStore
 *
 * Returns: whether a load has succeeded
 */
gboolean
carto_credential_store_get_loaded (CartoCredentialStore *self)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIAL_STORE (self), FALSE);

  return self->loaded;
}

static void
clear_stale_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CartoCredentialStore *self = g_task_get_source_object (task);
  AddData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CartoAccount *account;

  /* The new item is stored: a stale twin that stays is only clutter. */
  if (!secret_password_clear_finish (result, &error))
    {
      if (error != NULL)
        g_debug ("Could not clear the other variant of a stored account: %s", error->message);
    }

  self->serial++;
  account = find_account (self,
                          carto_credentials_get_username (data->credentials),
                          carto_credentials_get_base_url (data->credentials),
                          NULL);
  if (account != NULL)
    {
      carto_account_set_credentials (account, data->credentials);
      g_object_ref (account);
    }
  else
    {
      g_autoptr(GPtrArray) accounts = copy_accounts (self);

      account = carto_account_new (data->credentials);
      g_ptr_array_add (accounts, g_object_ref (account));
      set_accounts (self, g_steal_pointer (&accounts));
    }

  g_task_return_pointer (task, account, g_object_unref);
}

static void
store_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AddData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task, keyring_error (error));
      return;
    }

  /* Attributes with the other allow-non-secure value would be a second
   * item for the same account; storing replaced only an exact match. */
  secret_password_clearv (&account_schema, data->stale_attributes,
                          g_task_get_cancellable (task), clear_stale_cb, g_object_ref (task));
}

/**
 * carto_credential_store_add_async:
 * @self: a #CartoCredentialStore
 * @credentials: the account to store
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the account is stored
 * @user_data: data for @callback
 *
 * Stores @credentials in the keyring, the key as the secret; an account
 * with the same username and base URL is updated (new key, new flags),
 * not duplicated. A public account stores `default_public`.
 */
void
carto_credential_store_add_async (CartoCredentialStore *self,
                                  CartoCredentials     *credentials,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *host = NULL;
  g_autofree char *label = NULL;
  gboolean allow;
  AddData *data;

  g_return_if_fail (CARTO_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (CARTO_IS_CREDENTIALS (credentials));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, &add_tag);

  allow = carto_credentials_get_allow_non_secure (credentials);
  data = g_new0 (AddData, 1);
  data->credentials = g_object_ref (credentials);
  data->attributes = account_attributes (credentials, allow);
  data->stale_attributes = account_attributes (credentials, !allow);
  g_task_set_task_data (task, data, (GDestroyNotify)add_data_free);

  self->serial++;

  host = carto_credentials_dup_host (credentials);
  /* Translators: shown in the keyring manager (Seahorse); %s are a CARTO
   * username and a server's host name. */
  label = g_strdup_printf (_("CARTO account “%s” on %s"), carto_credentials_get_username (credentials), host);

  secret_password_storev (&account_schema, data->attributes, SECRET_COLLECTION_DEFAULT, label,
                          carto_credentials_get_api_key (credentials),
                          cancellable, store_cb, g_steal_pointer (&task));
}

/**
 * carto_credential_store_add_finish:
 * @self: a #CartoCredentialStore
 * @result: the #GAsyncResult
 * @error: return location for a %CARTO_CREDENTIALS_ERROR
 *
 * Returns: (transfer full): the listed account, or %NULL with
 *   %CARTO_CREDENTIALS_ERROR_KEYRING_UNAVAILABLE,
 *   %CARTO_CREDENTIALS_ERROR_KEYRING_LOCKED or %G_IO_ERROR_CANCELLED
 */
CartoAccount *
carto_credential_store_add_finish (CartoCredentialStore *self,
                                   GAsyncResult         *result,
                                   GError              **error)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIAL_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &add_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CartoCredentialStore *self = g_task_get_source_object (task);
  RemoveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CartoAccount *account;
  gboolean removed;
  guint position = 0;

  removed = secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, keyring_error (error));
      return;
    }

  self->serial++;
  account = find_account (self, data->username, data->base_url, &position);
  if (!removed && account == NULL)
    {
      g_task_return_new_error (task, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_NOT_FOUND,
                               _("There is no account “%s” on %s."), data->username, data->base_url);
      return;
    }

  if (account != NULL)
    {
      g_autoptr(GPtrArray) accounts = copy_accounts (self);

      g_ptr_array_remove_index (accounts, position);
      set_accounts (self, g_steal_pointer (&accounts));
    }

  /* A default that names no account would only confuse later. */
  if (g_strcmp0 (self->default_username, data->username) == 0 &&
      g_strcmp0 (self->default_base_url, data->base_url) == 0)
    write_default (self, NULL, NULL);

  g_task_return_boolean (task, TRUE);
}

/**
 * carto_credential_store_remove_async:
 * @self: a #CartoCredentialStore
 * @username: the account's username
 * @base_url: the account's base URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the account is removed
 * @user_data: data for @callback
 *
 * Deletes the account's items from the keyring (the secret is really
 * gone) and from the list. If it was the default, there is no default
 * any more.
 */
void
carto_credential_store_remove_async (CartoCredentialStore *self,
                                     const char           *username,
                                     const char           *base_url,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  RemoveData *data;

  g_return_if_fail (CARTO_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (username != NULL);
  g_return_if_fail (base_url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, &remove_tag);

  data = g_new0 (RemoveData, 1);
  data->username = g_strdup (username);
  data->base_url = strip_trailing_slashes (base_url);
  /* No version and no flag: every item of the account goes. */
  data->attributes = new_attributes ();
  g_hash_table_insert (data->attributes, (char *)ATTR_USERNAME, g_strdup (username));
  g_hash_table_insert (data->attributes, (char *)ATTR_BASE_URL, g_strdup (data->base_url));
  g_task_set_task_data (task, data, (GDestroyNotify)remove_data_free);

  self->serial++;

  secret_password_clearv (&account_schema, data->attributes, cancellable, clear_cb, g_steal_pointer (&task));
}

/**
 * carto_credential_store_remove_finish:
 * @self: a #CartoCredentialStore
 * @result: the #GAsyncResult
 * @error: return location for a %CARTO_CREDENTIALS_ERROR
 *
 * Returns: %TRUE if the account was removed; %FALSE with
 *   %CARTO_CREDENTIALS_ERROR_NOT_FOUND if there was no such account, or a
 *   keyring error
 */
gboolean
carto_credential_store_remove_finish (CartoCredentialStore *self,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIAL_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &remove_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * carto_credential_store_lookup:
 * @self: a #CartoCredentialStore
 * @username: a username
 * @base_url: a base URL; trailing slashes are ignored
 *
 * Finds a listed account; load the store first.
 *
 * Returns: (transfer none) (nullable): the account, or %NULL
 */
CartoAccount *
carto_credential_store_lookup (CartoCredentialStore *self,
                               const char           *username,
                               const char           *base_url)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (CARTO_IS_CREDENTIAL_STORE (self), NULL);
  g_return_val_if_fail (username != NULL, NULL);
  g_return_val_if_fail (base_url != NULL, NULL);

  normalized = strip_trailing_slashes (base_url);

  return find_account (self, username, normalized, NULL);
}

/**
 * carto_credential_store_resolve:
 * @self: a #CartoCredentialStore
 * @name: a username that only one account has, or an account's base URL
 * @error: return location for a %CARTO_CREDENTIALS_ERROR
 *
 * Finds the account a person means by @name, as the command line takes
 * it. Load the store first.
 *
 * Returns: (transfer none): the account, or %NULL with
 *   %CARTO_CREDENTIALS_ERROR_NOT_FOUND or %CARTO_CREDENTIALS_ERROR_AMBIGUOUS
 */
CartoAccount *
carto_credential_store_resolve (CartoCredentialStore *self,
                                const char           *name,
                                GError              **error)
{
  g_autofree char *normalized = NULL;
  gboolean is_url;
  CartoAccount *found = NULL;
  guint matches = 0;
  gsize len;

  g_return_val_if_fail (CARTO_IS_CREDENTIAL_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  is_url = strstr (name, "://") != NULL;
  len = strlen (name);
  while (is_url && len > 0 && name[len - 1] == '/')
    len--;
  normalized = g_strndup (name, len);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      CartoAccount *account = g_ptr_array_index (self->accounts, i);
      const char *field = is_url ? carto_account_get_base_url (account) : carto_account_get_username (account);

      if (strcmp (field, normalized) == 0)
        {
          found = account;
          matches++;
        }
    }

  if (matches == 1)
    return found;

  if (matches == 0)
    g_set_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_NOT_FOUND,
                 _("There is no account “%s”."), normalized);
  else if (is_url)
    g_set_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_AMBIGUOUS,
                 _("Several accounts use the server address “%s”; name the account by its username."), normalized);
  else
    g_set_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_AMBIGUOUS,
                 _("Several accounts are named “%s”; name the account by its server address."), normalized);
  return NULL;
}

/**
 * carto_credential_store_get_default:
 * @self: a #CartoCredentialStore
 *
 * Returns: (transfer none) (nullable): the default account, if one is set
 *   and listed
 */
CartoAccount *
carto_credential_store_get_default (CartoCredentialStore *self)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIAL_STORE (self), NULL);

  return self->default_account;
}

/**
 * carto_credential_store_set_default:
 * @self: a #CartoCredentialStore
 * @account: (nullable): a listed account, or %NULL for no default
 * @error: return location for a %CARTO_CREDENTIALS_ERROR
 *
 * Makes @account the one layers and sources use when they have none of
 * their own. The choice is kept in the store's GSettings (it is no secret)
 * and moves the account to the top of the list.
 *
 * Returns: %TRUE, or %FALSE with %CARTO_CREDENTIALS_ERROR_NOT_FOUND if
 *   @account is not listed
 */
gboolean
carto_credential_store_set_default (CartoCredentialStore *self,
                                    CartoAccount         *account,
                                    GError              **error)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIAL_STORE (self), FALSE);
  g_return_val_if_fail (account == NULL || CARTO_IS_ACCOUNT (account), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (account == NULL)
    {
      write_default (self, NULL, NULL);
      return TRUE;
    }

  if (find_account (self, carto_account_get_username (account), carto_account_get_base_url (account), NULL) == NULL)
    {
      g_set_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_NOT_FOUND,
                   _("There is no account “%s” on %s."),
                   carto_account_get_username (account), carto_account_get_base_url (account));
      return FALSE;
    }

  write_default (self, carto_account_get_username (account), carto_account_get_base_url (account));
  return TRUE;
}
