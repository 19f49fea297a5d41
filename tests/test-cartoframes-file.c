/* test-cartoframes-file.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CARTOframes' credentials file (docs/carto-api.md §1.4, row 8 of the
 * §1.6 table): its format, default location, errors, export mode 0600, and
 * import into the keyring.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sys/stat.h>

#include "credentials-test-utils.h"

#define KEY_JOHN "k3y-john-61d0e2a9"
#define KEY_FILE "k3y-file-a8c34f15"

static const char * const all_keys[] = { KEY_JOHN, KEY_FILE, NULL };

static CartoCredentials *
parse_ok (const char *json)
{
  g_autoptr(GError) error = NULL;
  CartoCredentials *c = carto_cartoframes_file_parse (json, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

static void
parse_fails (const char *json,
             int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoCredentials) c = carto_cartoframes_file_parse (json, -1, &error);

  g_assert_null (c);
  g_assert_error (error, CARTO_CREDENTIALS_ERROR, code);
  g_assert_null (strstr (error->message, KEY_FILE));
}

static CartoCredentials *
load (GFile   *file,
      GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_cartoframes_file_load_async (file, NULL, carto_test_result_cb, &result);
  return carto_cartoframes_file_load_finish (carto_test_wait_for_result (&result), error);
}

static gboolean
save (CartoCredentials *credentials,
      GFile            *file,
      GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_cartoframes_file_save_async (credentials, file, NULL, carto_test_result_cb, &result);
  return carto_cartoframes_file_save_finish (carto_test_wait_for_result (&result), error);
}

static guint
file_mode (GFile *file)
{
  struct stat st;

  g_assert_cmpint (g_stat (g_file_peek_path (file), &st), ==, 0);
  return st.st_mode & 07777;
}

static void
test_default_location (void)
{
  g_autoptr(GFile) file = carto_cartoframes_file_get_default ();
  g_autofree char *expected = g_build_filename (g_get_user_config_dir (), "cartoframes", "creds.json", NULL);

  g_assert_cmpstr (g_file_peek_path (file), ==, expected);
}

/* §1.4's example file, exactly as CARTOframes writes it. */
static void
test_parse_example (void)
{
  g_autoptr(CartoCredentials) c =
    parse_ok ("{\"username\": \"johnsmith\", \"api_key\": \"abcdefg\", "
              "\"base_url\": \"https://johnsmith.carto.com\", \"allow_non_secure\": false}");

  g_assert_cmpstr (carto_credentials_get_username (c), ==, "johnsmith");
  g_assert_cmpstr (carto_credentials_get_api_key (c), ==, "abcdefg");
  g_assert_cmpstr (carto_credentials_get_base_url (c), ==, "https://johnsmith.carto.com");
  g_assert_false (carto_credentials_get_allow_non_secure (c));
}

/* Missing members read as None, as CARTOframes' dict.get() makes them. */
static void
test_parse_missing_members (void)
{
  g_autoptr(CartoCredentials) only_user = parse_ok ("{\"username\": \"johnsmith\"}");
  g_autoptr(CartoCredentials) only_url = parse_ok ("{\"base_url\": \"https://johnsmith.carto.com/\", \"api_key\": null}");
  g_autoptr(CartoCredentials) local =
    parse_ok ("{\"base_url\": \"http://127.0.0.1:8080/user/alice\", \"api_key\": \"" KEY_FILE "\", "
              "\"allow_non_secure\": true, \"username\": null}");

  g_assert_cmpstr (carto_credentials_get_base_url (only_user), ==, "https://johnsmith.carto.com");
  g_assert_true (carto_credentials_is_public (only_user));
  g_assert_cmpstr (carto_credentials_get_username (only_url), ==, "johnsmith");
  g_assert_cmpstr (carto_credentials_get_base_url (only_url), ==, "https://johnsmith.carto.com");
  g_assert_true (carto_credentials_is_public (only_url));
  g_assert_cmpstr (carto_credentials_get_username (local), ==, "alice");
  g_assert_true (carto_credentials_get_allow_non_secure (local));
}

static void
test_parse_invalid (void)
{
  parse_fails ("", CARTO_CREDENTIALS_ERROR_INVALID_FILE);
  parse_fails ("{\"username\": ", CARTO_CREDENTIALS_ERROR_INVALID_FILE);
  parse_fails ("[\"johnsmith\"]", CARTO_CREDENTIALS_ERROR_INVALID_FILE);
  parse_fails ("\"johnsmith\"", CARTO_CREDENTIALS_ERROR_INVALID_FILE);
  parse_fails ("{\"username\": 42}", CARTO_CREDENTIALS_ERROR_INVALID_FILE);
  parse_fails ("{\"username\": \"u\", \"api_key\": [\"" KEY_FILE "\"]}", CARTO_CREDENTIALS_ERROR_INVALID_FILE);
  parse_fails ("{\"username\": \"u\", \"allow_non_secure\": \"yes\"}", CARTO_CREDENTIALS_ERROR_INVALID_FILE);
  /* Well-formed, but CARTOframes' own rules refuse it. */
  parse_fails ("{\"api_key\": \"" KEY_FILE "\"}", CARTO_CREDENTIALS_ERROR_NO_ACCOUNT);
  parse_fails ("{\"base_url\": \"http://u.carto.com\", \"api_key\": \"" KEY_FILE "\"}",
               CARTO_CREDENTIALS_ERROR_INSECURE_BASE_URL);
}

static void
test_serialize (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoCredentials) c = carto_credentials_new ("johnsmith", KEY_JOHN, NULL, CARTO_CREDENTIALS_FLAGS_NONE, &error);
  g_autofree char *json = carto_cartoframes_file_serialize (c);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  object = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (object), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (object, "username"), ==, "johnsmith");
  g_assert_cmpstr (json_object_get_string_member (object, "api_key"), ==, KEY_JOHN);
  g_assert_cmpstr (json_object_get_string_member (object, "base_url"), ==, "https://johnsmith.carto.com");
  g_assert_false (json_object_get_boolean_member (object, "allow_non_secure"));
}

/* §1.6 row 8: save()/from_file(), with or without a path, give equal
 * credentials. */
static void
test_save_and_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoCredentials) c = carto_credentials_new (NULL, KEY_JOHN, "http://127.0.0.1:9/user/john",
                                                         CARTO_CREDENTIALS_ALLOW_NON_SECURE, &error);
  g_autoptr(GFile) default_file = carto_cartoframes_file_get_default ();
  g_autofree char *other_path = g_build_filename (g_get_user_data_dir (), "elsewhere", "mine.json", NULL);
  g_autoptr(GFile) other_file = g_file_new_for_path (other_path);
  g_autoptr(CartoCredentials) from_default = NULL;
  g_autoptr(CartoCredentials) from_other = NULL;

  g_assert_no_error (error);
  g_assert_false (g_file_query_exists (default_file, NULL));

  g_assert_true (save (c, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (save (c, other_file, &error));
  g_assert_no_error (error);

  /* Only the user may read the key. */
  g_assert_cmpuint (file_mode (default_file), ==, 0600);
  g_assert_cmpuint (file_mode (other_file), ==, 0600);

  from_default = load (NULL, &error);
  g_assert_no_error (error);
  from_other = load (other_file, &error);
  g_assert_no_error (error);
  g_assert_true (carto_credentials_equal (c, from_default));
  g_assert_true (carto_credentials_equal (c, from_other));
  g_assert_true (carto_credentials_get_allow_non_secure (from_default));

  /* The files hold the key in plain text by design: remove them. */
  g_assert_true (g_file_delete (default_file, NULL, NULL));
  g_assert_true (g_file_delete (other_file, NULL, NULL));
}

static void
test_save_replaces_readable_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoCredentials) c = carto_credentials_new ("johnsmith", KEY_JOHN, NULL, CARTO_CREDENTIALS_FLAGS_NONE, &error);
  g_autoptr(GFile) file = carto_cartoframes_file_get_default ();
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(CartoCredentials) back = NULL;

  g_assert_true (g_file_make_directory_with_parents (parent, NULL, &error));
  g_assert_true (g_file_set_contents (g_file_peek_path (file), "{\"username\": \"old\"}", -1, &error));
  g_assert_cmpint (g_chmod (g_file_peek_path (file), 0644), ==, 0);

  g_assert_true (save (c, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (file), ==, 0600);
  back = load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carto_credentials_get_username (back), ==, "johnsmith");

  g_assert_true (g_file_delete (file, NULL, NULL));
}

/* CARTOframes: FileNotFoundError "There is no default credentials file.
 * Run `Credentials(...).save()` to create a credentials file.", even for an
 * explicit path. */
static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) other = g_file_new_for_path ("/nonexistent/creds.json");
  g_autoptr(CartoCredentials) c = load (NULL, &error);

  g_assert_null (c);
  g_assert_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_FILE_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Credentials(...).save()"));
  g_assert_nonnull (strstr (error->message, "cartoframes/creds.json"));
  g_clear_error (&error);

  g_assert_null (load (other, &error));
  g_assert_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_FILE_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/creds.json"));
}

static void
test_load_invalid_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "bad.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *huge = g_strnfill (100 * 1024, ' ');

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "{\"api_key\": \"" KEY_FILE "\", \"username\": \"Bad Name\"}", -1, &error));
  g_assert_null (load (file, &error));
  g_assert_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_USERNAME);
  g_assert_nonnull (strstr (error->message, "bad.json"));
  g_assert_null (strstr (error->message, KEY_FILE));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, huge, -1, &error));
  g_assert_null (load (file, &error));
  g_assert_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_FILE);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "{\"username\": \"u\"}\0junk", 22, &error));
  g_assert_null (load (file, &error));
  g_assert_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_FILE);

  g_assert_true (g_file_delete (file, NULL, NULL));
}

static void
test_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = carto_cartoframes_file_get_default ();
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentialStore) check = carto_credential_store_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) load_result = NULL;
  g_autoptr(CartoAccount) account = NULL;
  g_autofree char *stored = NULL;

  g_assert_true (g_file_make_directory_with_parents (parent, NULL, &error));
  g_assert_true (g_file_set_contents (g_file_peek_path (file),
                                      "{\"username\": \"johnsmith\", \"api_key\": \"" KEY_FILE "\", "
                                      "\"base_url\": \"https://johnsmith.carto.com\", \"allow_non_secure\": false}",
                                      -1, &error));

  carto_cartoframes_file_import_async (store, NULL, NULL, carto_test_result_cb, &result);
  account = carto_cartoframes_file_import_finish (store, carto_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carto_account_get_username (account), ==, "johnsmith");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);

  stored = secret_password_lookup_sync (carto_credential_store_get_schema (), NULL, &error,
                                        "username", "johnsmith", "base-url", "https://johnsmith.carto.com", NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, KEY_FILE);

  carto_credential_store_load_async (check, NULL, carto_test_result_cb, &load_result);
  g_assert_true (carto_credential_store_load_finish (check, carto_test_wait_for_result (&load_result), &error));
  g_assert_nonnull (carto_credential_store_lookup (check, "johnsmith", "https://johnsmith.carto.com"));

  /* The file stays where it was; it is the user's. */
  g_assert_true (g_file_query_exists (file, NULL));
  g_assert_true (g_file_delete (file, NULL, NULL));
}

static void
test_import_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CartoAccount) account = NULL;

  carto_cartoframes_file_import_async (store, NULL, NULL, carto_test_result_cb, &result);
  account = carto_cartoframes_file_import_finish (store, carto_test_wait_for_result (&result), &error);
  g_assert_null (account);
  g_assert_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_FILE_NOT_FOUND);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
}

static void
test_no_secret_on_disk (void)
{
  carto_test_assert_no_secret_in_session (all_keys);
}

int
main (int argc, char *argv[])
{
  carto_test_guard_secrets_in_logs (all_keys);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cartoframes-file/default-location", test_default_location);
  g_test_add_func ("/cartoframes-file/parse/example", test_parse_example);
  g_test_add_func ("/cartoframes-file/parse/missing-members", test_parse_missing_members);
  g_test_add_func ("/cartoframes-file/parse/invalid", test_parse_invalid);
  g_test_add_func ("/cartoframes-file/serialize", test_serialize);
  g_test_add_func ("/cartoframes-file/save-and-load", test_save_and_load);
  g_test_add_func ("/cartoframes-file/save-replaces-readable-file", test_save_replaces_readable_file);
  g_test_add_func ("/cartoframes-file/missing-file", test_missing_file);
  g_test_add_func ("/cartoframes-file/load-invalid-file", test_load_invalid_file);
  g_test_add_func ("/cartoframes-file/import", test_import);
  g_test_add_func ("/cartoframes-file/import-missing", test_import_missing);
  g_test_add_func ("/secrets/no-secret-on-disk", test_no_secret_on_disk);

  return g_test_run ();
}
