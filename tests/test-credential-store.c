/* test-credential-store.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CartoCredentialStore against the real gnome-keyring of the isolated test
 * session. Run with CARTO_TEST_KEYRING=none, the binary tests the missing
 * keyring instead.
 */

#undef G_DISABLE_ASSERT

#define G_SETTINGS_ENABLE_BACKEND

#include "config.h"

#include <carto.h>
#include <gio/gsettingsbackend.h>

#include "credentials-test-utils.h"

#define KEY_ALICE "k3y-alice-7f3a91c2"
#define KEY_ALICE_NEW "k3y-alice-new-0b4d77e1"
#define KEY_BOB "k3y-bob-19c0aa54"
#define KEY_CAROL "k3y-carol-e5d2f086"
#define KEY_DAVE "k3y-dave-38b1c9fd"

static const char * const all_keys[] = {
  KEY_ALICE, KEY_ALICE_NEW, KEY_BOB, KEY_CAROL, KEY_DAVE, NULL
};

static CartoCredentials *
creds (const char            *username,
       const char            *key,
       const char            *base_url,
       CartoCredentialsFlags  flags)
{
  g_autoptr(GError) error = NULL;
  CartoCredentials *c = carto_credentials_new (username, key, base_url, flags, &error);

  g_assert_no_error (error);
  return c;
}

static gboolean
store_load (CartoCredentialStore  *store,
            GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_credential_store_load_async (store, NULL, carto_test_result_cb, &result);
  return carto_credential_store_load_finish (store, carto_test_wait_for_result (&result), error);
}

static CartoAccount *
store_add (CartoCredentialStore  *store,
           CartoCredentials      *credentials,
           GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_credential_store_add_async (store, credentials, NULL, carto_test_result_cb, &result);
  return carto_credential_store_add_finish (store, carto_test_wait_for_result (&result), error);
}

static gboolean
store_remove (CartoCredentialStore  *store,
              const char            *username,
              const char            *base_url,
              GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_credential_store_remove_async (store, username, base_url, NULL, carto_test_result_cb, &result);
  return carto_credential_store_remove_finish (store, carto_test_wait_for_result (&result), error);
}

static void
store_add_ok (CartoCredentialStore *store,
              CartoCredentials     *credentials)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoAccount) account = store_add (store, credentials, &error);

  g_assert_no_error (error);
  g_assert_true (CARTO_IS_ACCOUNT (account));
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static CartoAccount *
item (CartoCredentialStore *store,
      guint                 position)
{
  /* The store keeps a reference; tests only borrow. */
  g_autoptr(CartoAccount) account = g_list_model_get_item (G_LIST_MODEL (store), position);

  return account;
}

static char *
keyring_lookup (const char *username,
                const char *base_url)
{
  g_autoptr(GError) error = NULL;
  char *key = secret_password_lookup_sync (carto_credential_store_get_schema (), NULL, &error,
                                           "username", username, "base-url", base_url, NULL);

  g_assert_no_error (error);
  return key;
}

/* The async search: libsecret 0.20's _sync one leaks in its private main
 * context, which the sanitizer build reports. */
static GList *
keyring_search (const char *username)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GList *items;

  secret_password_search (carto_credential_store_get_schema (), SECRET_SEARCH_ALL, NULL,
                          carto_test_result_cb, &result, "username", username, NULL);
  items = secret_password_search_finish (carto_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  return items;
}

static guint
keyring_count (const char *username)
{
  GList *items = keyring_search (username);
  guint n = g_list_length (items);

  g_list_free_full (items, g_object_unref);
  return n;
}

static GSettings *
fresh_settings (void)
{
  GSettings *settings = g_settings_new (BASE_ID);

  g_settings_reset (settings, "default-account");
  return settings;
}

/* Every test starts from an empty keyring and no default. */
static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  while (secret_password_clear_sync (carto_credential_store_get_schema (), NULL, &error, NULL))
    ;
  g_assert_no_error (error);
}

static void
test_schema (void)
{
  const SecretSchema *schema = carto_credential_store_get_schema ();
  const char *names[] = { "version", "username", "base-url", "allow-non-secure" };

  g_assert_cmpstr (schema->name, ==, "io.github.cartoviewer.CartoViewer.Account");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (schema->attributes[i].name, ==, names[i]);
      g_assert_cmpint (schema->attributes[i].type, ==, SECRET_SCHEMA_ATTRIBUTE_STRING);
    }
  g_assert_null (schema->attributes[G_N_ELEMENTS (names)].name);
}

static void
test_round_trip (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(CartoCredentialStore) a = carto_credential_store_new (settings);
  g_autoptr(CartoCredentialStore) b = carto_credential_store_new (settings);
  g_autoptr(CartoCredentials) carol = creds ("carol", KEY_CAROL, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) alice = creds (NULL, KEY_ALICE, "http://127.0.0.1:8080/user/alice",
                                             CARTO_CREDENTIALS_ALLOW_NON_SECURE);
  g_autoptr(CartoCredentials) bob = creds ("bob", NULL, "https://maps.example.org/", CARTO_CREDENTIALS_FLAGS_NONE);
  CartoCredentials *all[] = { carol, alice, bob };
  g_autoptr(GError) error = NULL;

  g_assert_true (store_load (a, &error));
  g_assert_no_error (error);
  g_assert_true (carto_credential_store_get_loaded (a));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (a)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (a)) == CARTO_TYPE_ACCOUNT);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr(CartoAccount) account = store_add (a, all[i], &error);

      g_assert_no_error (error);
      g_assert_true (carto_credentials_equal (carto_account_get_credentials (account), all[i]));
    }

  /* Sorted by username. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (a)), ==, 3);
  g_assert_cmpstr (carto_account_get_username (item (a, 0)), ==, "alice");
  g_assert_cmpstr (carto_account_get_username (item (a, 1)), ==, "bob");
  g_assert_cmpstr (carto_account_get_username (item (a, 2)), ==, "carol");

  /* A second store reads them back from the keyring. */
  g_assert_false (carto_credential_store_get_loaded (b));
  g_assert_true (store_load (b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (b)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      CartoCredentials *x = carto_account_get_credentials (item (a, i));
      CartoCredentials *y = carto_account_get_credentials (item (b, i));

      g_assert_true (carto_credentials_equal (x, y));
      g_assert_cmpint (carto_credentials_get_flags (x), ==, carto_credentials_get_flags (y));
    }
  g_assert_true (carto_credentials_get_allow_non_secure (carto_account_get_credentials (item (b, 0))));
  g_assert_cmpstr (carto_account_get_base_url (item (b, 0)), ==, "http://127.0.0.1:8080/user/alice");
  g_assert_true (carto_account_is_public (item (b, 1)));
  g_assert_cmpstr (carto_account_get_base_url (item (b, 1)), ==, "https://maps.example.org");
  g_assert_cmpstr (carto_credentials_get_api_key (carto_account_get_credentials (item (b, 2))), ==, KEY_CAROL);

  /* What libsecret itself sees. */
  {
    g_autofree char *k = keyring_lookup ("carol", "https://carol.carto.com");
    g_autofree char *p = keyring_lookup ("bob", "https://maps.example.org");

    g_assert_cmpstr (k, ==, KEY_CAROL);
    /* A public account is stored with the public key as its "secret". */
    g_assert_cmpstr (p, ==, "default_public");
  }
}

static void
test_update (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentialStore) other = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) old_key = creds ("alice", KEY_ALICE, "https://alice.carto.com", CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) new_key = creds ("alice", KEY_ALICE_NEW, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) new_flags = creds ("alice", KEY_ALICE_NEW, NULL, CARTO_CREDENTIALS_ALLOW_NON_SECURE);
  g_autoptr(CartoAccount) first = NULL;
  g_autoptr(CartoAccount) second = NULL;
  g_autoptr(CartoAccount) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  GList *items;
  guint notified = 0;

  g_assert_true (store_load (store, &error));
  first = store_add (store, old_key, &error);
  g_assert_no_error (error);
  g_signal_connect (first, "notify::credentials", G_CALLBACK (on_notify_count), &notified);

  second = store_add (store, new_key, &error);
  g_assert_no_error (error);
  /* Same account, same object, new key; one item in the keyring. */
  g_assert_true (first == second);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpstr (carto_credentials_get_api_key (carto_account_get_credentials (first)), ==, KEY_ALICE_NEW);
  g_assert_cmpuint (keyring_count ("alice"), ==, 1);

  /* A changed flag must not leave the old variant behind. */
  third = store_add (store, new_flags, &error);
  g_assert_no_error (error);
  g_assert_true (third == first);
  g_assert_cmpuint (keyring_count ("alice"), ==, 1);
  items = keyring_search ("alice");
  attributes = secret_retrievable_get_attributes (items->data);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "allow-non-secure"), ==, "true");
  g_assert_cmpstr (g_hash_table_lookup (attributes, "version"), ==, "1");
  g_list_free_full (items, g_object_unref);

  g_assert_true (store_load (other, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);
  g_assert_cmpstr (carto_credentials_get_api_key (carto_account_get_credentials (item (other, 0))), ==, KEY_ALICE_NEW);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint count;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *out)
{
  out->position = position;
  out->removed = removed;
  out->added = added;
  out->count++;
}

static void
test_remove (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) alice = creds ("alice", KEY_ALICE, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) bob = creds ("bob", KEY_BOB, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) carol = creds ("carol", KEY_CAROL, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *gone = NULL;
  g_autofree char *kept = NULL;
  ItemsChanged changed = { 0 };

  g_assert_true (store_load (store, &error));
  store_add_ok (store, alice);
  store_add_ok (store, bob);
  store_add_ok (store, carol);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 3);

  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), &changed);
  /* Trailing slashes do not matter, as everywhere else. */
  g_assert_true (store_remove (store, "bob", "https://bob.carto.com/", &error));
  g_assert_no_error (error);

  /* The secret is really gone, the others stay. */
  gone = keyring_lookup ("bob", "https://bob.carto.com");
  g_assert_null (gone);
  kept = keyring_lookup ("alice", "https://alice.carto.com");
  g_assert_cmpstr (kept, ==, KEY_ALICE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpuint (changed.count, ==, 1);
  g_assert_cmpuint (changed.position, ==, 1);
  g_assert_cmpuint (changed.removed, ==, 1);
  g_assert_cmpuint (changed.added, ==, 0);
  g_assert_null (carto_credential_store_lookup (store, "bob", "https://bob.carto.com"));

  g_assert_false (store_remove (store, "bob", "https://bob.carto.com", &error));
  g_assert_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_NOT_FOUND);
}

static void
test_items_changed_ranges (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) alice = creds ("alice", KEY_ALICE, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) carol = creds ("carol", KEY_CAROL, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) bob = creds ("bob", KEY_BOB, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  ItemsChanged changed = { 0 };

  g_assert_true (store_load (store, &error));
  g_signal_connect (store, "items-changed", G_CALLBACK (on_items_changed), &changed);
  store_add_ok (store, alice);
  store_add_ok (store, carol);
  g_assert_no_error (error);
  g_assert_cmpuint (changed.count, ==, 2);

  /* bob lands between alice and carol: one insertion at 1. */
  store_add_ok (store, bob);
  g_assert_no_error (error);
  g_assert_cmpuint (changed.count, ==, 3);
  g_assert_cmpuint (changed.position, ==, 1);
  g_assert_cmpuint (changed.removed, ==, 0);
  g_assert_cmpuint (changed.added, ==, 1);
}

static void
test_default (void)
{
  g_autoptr(GSettings) settings = fresh_settings ();
  g_autoptr(GSettings) elsewhere = g_settings_new (BASE_ID);
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (settings);
  g_autoptr(CartoCredentialStore) foreign = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) alice = creds ("alice", KEY_ALICE, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) carol = creds ("carol", KEY_CAROL, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) dave = creds ("dave", KEY_DAVE, "https://dave.example.com", CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoAccount) a = NULL;
  g_autoptr(CartoAccount) c = NULL;
  g_autoptr(CartoAccount) d = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *u = NULL;
  g_autofree char *b = NULL;
  guint notified = 0;

  g_assert_true (store_load (store, &error));
  a = store_add (store, alice, &error);
  c = store_add (store, carol, &error);
  g_assert_no_error (error);
  g_assert_null (carto_credential_store_get_default (store));
  g_signal_connect (store, "notify::default-account", G_CALLBACK (on_notify_count), &notified);

  g_assert_true (carto_credential_store_set_default (store, c, &error));
  g_assert_no_error (error);
  g_assert_true (carto_credential_store_get_default (store) == c);
  g_assert_true (carto_account_get_is_default (c));
  g_assert_false (carto_account_get_is_default (a));
  g_assert_cmpuint (notified, ==, 1);
  /* The default comes first. */
  g_assert_true (item (store, 0) == c);
  g_settings_get (settings, "default-account", "(ss)", &u, &b);
  g_assert_cmpstr (u, ==, "carol");
  g_assert_cmpstr (b, ==, "https://carol.carto.com");

  /* Another GSettings (the CLI, another window) changes it: we follow. */
  g_settings_set (elsewhere, "default-account", "(ss)", "alice", "https://alice.carto.com");
  g_assert_true (carto_credential_store_get_default (store) == a);
  g_assert_true (item (store, 0) == a);
  g_assert_false (carto_account_get_is_default (c));
  g_assert_cmpuint (notified, ==, 2);

  /* No default. */
  g_assert_true (carto_credential_store_set_default (store, NULL, &error));
  g_assert_null (carto_credential_store_get_default (store));
  g_clear_pointer (&u, g_free);
  g_clear_pointer (&b, g_free);
  g_settings_get (settings, "default-account", "(ss)", &u, &b);
  g_assert_cmpstr (u, ==, "");
  g_assert_cmpstr (b, ==, "");
  g_assert_true (item (store, 0) == a);

  /* Only listed accounts can be the default. */
  g_assert_true (store_load (foreign, &error));
  d = store_add (foreign, dave, &error);
  g_assert_no_error (error);
  g_assert_false (carto_credential_store_set_default (store, d, &error));
  g_assert_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Removing the default account leaves no default. */
  g_assert_true (carto_credential_store_set_default (store, c, &error));
  g_assert_true (store_remove (store, "carol", "https://carol.carto.com", &error));
  g_assert_no_error (error);
  g_assert_null (carto_credential_store_get_default (store));
  g_clear_pointer (&u, g_free);
  g_clear_pointer (&b, g_free);
  g_settings_get (settings, "default-account", "(ss)", &u, &b);
  g_assert_cmpstr (u, ==, "");
}

static void
test_default_memory_only (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) alice = creds ("alice", KEY_ALICE, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) bob = creds ("bob", NULL, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoAccount) a = NULL;
  g_autoptr(CartoAccount) b = NULL;
  g_autoptr(GError) error = NULL;
  GSettings *settings = NULL;

  g_assert_true (store_load (store, &error));
  a = store_add (store, alice, &error);
  b = store_add (store, bob, &error);
  g_assert_no_error (error);
  g_object_get (store, "settings", &settings, NULL);
  g_assert_null (settings);

  g_assert_true (carto_credential_store_set_default (store, b, &error));
  g_assert_true (carto_credential_store_get_default (store) == b);
  g_assert_true (item (store, 0) == b);
  g_assert_true (carto_account_is_public (b));
}

/* The default is remembered on disk, by the keyfile GSettings backend under
 * the isolated config dir, and a new store in a new "session" finds it. */
static void
test_default_survives_restart (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("CARTO_TEST_SESSION_DIR") ? g_getenv ("CARTO_TEST_SESSION_DIR")
                                                                                : g_get_user_config_dir (),
                                           "config", "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autoptr(CartoCredentials) alice = creds ("alice", KEY_ALICE, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) bob = creds ("bob", KEY_BOB, "https://maps.example.org/user/bob", CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  {
    g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (path, "/", NULL);
    g_autoptr(GSettings) settings = g_settings_new_with_backend (BASE_ID, backend);
    g_autoptr(CartoCredentialStore) store = carto_credential_store_new (settings);
    g_autoptr(CartoAccount) a = NULL;
    g_autoptr(CartoAccount) b = NULL;

    g_assert_true (store_load (store, &error));
    a = store_add (store, alice, &error);
    b = store_add (store, bob, &error);
    g_assert_no_error (error);
    g_assert_true (carto_credential_store_set_default (store, b, &error));
    g_settings_sync ();
  }

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "default-account"));
  g_assert_nonnull (strstr (contents, "https://maps.example.org/user/bob"));
  g_assert_null (strstr (contents, KEY_BOB));

  {
    g_autoptr(GSettingsBackend) backend = g_keyfile_settings_backend_new (path, "/", NULL);
    g_autoptr(GSettings) settings = g_settings_new_with_backend (BASE_ID, backend);
    g_autoptr(CartoCredentialStore) store = carto_credential_store_new (settings);
    CartoAccount *def;

    g_assert_true (store_load (store, &error));
    g_assert_no_error (error);
    def = carto_credential_store_get_default (store);
    g_assert_nonnull (def);
    g_assert_cmpstr (carto_account_get_username (def), ==, "bob");
    g_assert_cmpstr (carto_account_get_base_url (def), ==, "https://maps.example.org/user/bob");
    g_assert_cmpstr (carto_credentials_get_api_key (carto_account_get_credentials (def)), ==, KEY_BOB);
    g_assert_true (item (store, 0) == def);
  }
}

static void
test_resolve (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) alice = creds ("alice", KEY_ALICE, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) alice2 = creds ("alice", KEY_ALICE_NEW, "https://maps.example.org", CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) bob = creds ("bob", KEY_BOB, "https://maps.example.org", CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) carol = creds ("carol", KEY_CAROL, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  CartoAccount *found;

  g_assert_true (store_load (store, &error));
  store_add_ok (store, alice);
  store_add_ok (store, alice2);
  store_add_ok (store, bob);
  store_add_ok (store, carol);
  g_assert_no_error (error);

  found = carto_credential_store_resolve (store, "carol", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carto_account_get_username (found), ==, "carol");

  found = carto_credential_store_resolve (store, "https://alice.carto.com/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carto_account_get_base_url (found), ==, "https://alice.carto.com");

  g_assert_null (carto_credential_store_resolve (store, "alice", &error));
  g_assert_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_AMBIGUOUS);
  g_clear_error (&error);

  g_assert_null (carto_credential_store_resolve (store, "https://maps.example.org", &error));
  g_assert_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_AMBIGUOUS);
  g_clear_error (&error);

  g_assert_null (carto_credential_store_resolve (store, "zoe", &error));
  g_assert_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  found = carto_credential_store_lookup (store, "bob", "https://maps.example.org///");
  g_assert_nonnull (found);
  g_assert_cmpstr (carto_account_get_username (found), ==, "bob");
  g_assert_null (carto_credential_store_lookup (store, "bob", "https://bob.carto.com"));
}

static void
test_label (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) alice = creds (NULL, KEY_ALICE, "http://127.0.0.1:8080/user/alice",
                                             CARTO_CREDENTIALS_ALLOW_NON_SECURE);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  GList *items;

  store_add_ok (store, alice);
  g_assert_no_error (error);

  items = keyring_search ("alice");
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_retrievable_get_label (items->data);
  g_assert_nonnull (strstr (label, "alice"));
  g_assert_nonnull (strstr (label, "127.0.0.1:8080"));
  g_assert_null (strstr (label, KEY_ALICE));
  g_list_free_full (items, g_object_unref);
}

static void
test_load_keeps_objects (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentialStore) writer = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) alice = creds ("alice", KEY_ALICE, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) alice_new = creds ("alice", KEY_ALICE_NEW, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) bob = creds ("bob", KEY_BOB, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoAccount) a = NULL;
  g_autoptr(GError) error = NULL;

  a = store_add (store, alice, &error);
  g_assert_no_error (error);

  /* Someone else changes the keyring; a reload brings it in. */
  store_add_ok (writer, alice_new);
  store_add_ok (writer, bob);
  g_assert_no_error (error);

  g_assert_true (store_load (store, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_true (item (store, 0) == a);
  g_assert_cmpstr (carto_credentials_get_api_key (carto_account_get_credentials (a)), ==, KEY_ALICE_NEW);
}

/* A hand-edited or foreign item must not hide the valid ones. */
static void
test_skips_invalid_items (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) carol = creds ("carol", KEY_CAROL, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;

  g_assert_true (secret_password_store_sync (carto_credential_store_get_schema (), SECRET_COLLECTION_DEFAULT,
                                             "broken", KEY_DAVE, NULL, &error,
                                             "version", "1", "username", "Not A User",
                                             "base-url", "https://x.carto.com", "allow-non-secure", "false", NULL));
  g_assert_true (secret_password_store_sync (carto_credential_store_get_schema (), SECRET_COLLECTION_DEFAULT,
                                             "future", KEY_DAVE, NULL, &error,
                                             "version", "2", "username", "dave",
                                             "base-url", "https://dave.carto.com", "allow-non-secure", "false", NULL));
  g_assert_no_error (error);
  store_add_ok (store, carol);
  g_assert_no_error (error);

  g_assert_true (store_load (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpstr (carto_account_get_username (item (store, 0)), ==, "carol");
}

static void
test_cancel (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) alice = creds ("alice", KEY_ALICE, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) add_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoAccount) account = NULL;

  g_cancellable_cancel (cancellable);
  carto_credential_store_load_async (store, cancellable, carto_test_result_cb, &result);
  g_assert_false (carto_credential_store_load_finish (store, carto_test_wait_for_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (carto_credential_store_get_loaded (store));
  g_clear_error (&error);

  carto_credential_store_add_async (store, alice, cancellable, carto_test_result_cb, &add_result);
  account = carto_credential_store_add_finish (store, carto_test_wait_for_result (&add_result), &error);
  g_assert_null (account);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_guards (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);

  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*CARTO_IS_CREDENTIALS*");
  carto_credential_store_add_async (store, NULL, NULL, NULL, NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*username != NULL*");
  g_assert_null (carto_credential_store_lookup (store, NULL, "https://x.carto.com"));
  g_test_assert_expected_messages ();
}

/* CARTO_TEST_KEYRING=none: the bus auto-starts a keyring daemon that has
 * no collection and cannot prompt without a display. */
static void
test_no_keyring (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) alice = creds ("alice", KEY_ALICE, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) pub = creds ("alice", NULL, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  if (!store_load (store, &error))
    g_assert_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_KEYRING_UNAVAILABLE);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  account = store_add (store, alice, &error);
  g_assert_null (account);
  g_assert_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_KEYRING_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "GNOME Keyring"));
  g_assert_null (strstr (error->message, KEY_ALICE));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  /* Public access goes on without a store. */
  g_assert_true (carto_credentials_is_public (pub));
}

/* No session bus at all: nothing answers. */
static void
test_no_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(CartoCredentialStore) store = NULL;
      g_autoptr(CartoCredentials) alice = creds ("alice", KEY_ALICE, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
      g_autoptr(CartoAccount) account = NULL;
      g_autoptr(GError) error = NULL;

      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/carto-test-bus", TRUE);
      store = carto_credential_store_new (NULL);

      g_assert_false (store_load (store, &error));
      g_assert_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_KEYRING_UNAVAILABLE);
      g_clear_error (&error);

      account = store_add (store, alice, &error);
      g_assert_null (account);
      g_assert_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_KEYRING_UNAVAILABLE);
      g_assert_null (strstr (error->message, KEY_ALICE));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_no_secret_on_disk (void)
{
  carto_test_assert_no_secret_in_session (all_keys);
}

/* The log guard of every credential test must be able to fail. */
static void
test_log_guard (void)
{
  if (g_test_subprocess ())
    {
      g_debug ("leaking %s", KEY_BOB);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*An API key reached a log message*");
}

static void
add_keyring_test (const char *path,
                  GTestFunc   func)
{
  g_test_add_vtable (path, 0, NULL, (GTestFixtureFunc)setup, (GTestFixtureFunc)func, NULL);
}

int
main (int argc, char *argv[])
{
  carto_test_guard_secrets_in_logs (all_keys);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (g_strcmp0 (g_getenv ("CARTO_TEST_KEYRING"), "none") == 0)
    {
      g_test_add_func ("/credential-store/no-keyring/daemon-without-collection", test_no_keyring);
      g_test_add_func ("/credential-store/no-keyring/no-bus", test_no_bus);
      g_test_add_func ("/secrets/no-secret-on-disk", test_no_secret_on_disk);
      return g_test_run ();
    }

  g_test_add_func ("/credential-store/schema", test_schema);
  add_keyring_test ("/credential-store/round-trip", test_round_trip);
  add_keyring_test ("/credential-store/update", test_update);
  add_keyring_test ("/credential-store/remove", test_remove);
  add_keyring_test ("/credential-store/items-changed-ranges", test_items_changed_ranges);
  add_keyring_test ("/credential-store/default", test_default);
  add_keyring_test ("/credential-store/default-memory-only", test_default_memory_only);
  add_keyring_test ("/credential-store/default-survives-restart", test_default_survives_restart);
  add_keyring_test ("/credential-store/resolve", test_resolve);
  add_keyring_test ("/credential-store/label", test_label);
  add_keyring_test ("/credential-store/load-keeps-objects", test_load_keeps_objects);
  add_keyring_test ("/credential-store/skips-invalid-items", test_skips_invalid_items);
  add_keyring_test ("/credential-store/cancel", test_cancel);
  g_test_add_func ("/credential-store/guards", test_guards);
  g_test_add_func ("/secrets/log-guard", test_log_guard);
  /* Last: a suite created after the others runs after them. */
  g_test_add_func ("/secrets/no-secret-on-disk", test_no_secret_on_disk);

  return g_test_run ();
}
