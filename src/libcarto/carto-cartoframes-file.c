/* carto-cartoframes-file.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CARTOframes' credentials file (docs/carto-api.md §1.4): a JSON object with
 * `username`, `api_key`, `base_url` and `allow_non_secure`, by default
 * `creds.json` in `$XDG_CONFIG_HOME/cartoframes/`. It holds the key in
 * plain text, so we read it only on request (import) and write it only on
 * explicit request (export), mode 0600, where CARTOframes keeps the umask's.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "carto-cartoframes-file.h"

/* A credentials file is about 150 bytes; anything huge is not one. */
#define MAX_FILE_SIZE (64 * 1024)

static char load_tag;
static char save_tag;
static char import_tag;

static void
wipe_and_free (char *s)
{
  if (s != NULL)
    {
      memset (s, 0, strlen (s));
      g_free (s);
    }
}

/* A string holding an API key: wiped before it is freed. */
typedef char CartoSecretString;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartoSecretString, wipe_and_free)

/* Reads an optional string member; JSON null and absence are both NULL,
 * as Python's `dict.get()` makes them for CARTOframes. */
static gboolean
get_optional_string (JsonObject  *object,
                     const char  *member,
                     const char **out,
                     GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_FILE,
                   _("The CARTOframes credentials file is not valid: “%s” must be a string."), member);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

static char *
display_name (GFile *file)
{
  return g_file_get_parse_name (file);
}

/**
 * carto_cartoframes_file_get_default:
 *
 * Where CARTOframes keeps its default credentials file on Linux:
 * `creds.json` in `$XDG_CONFIG_HOME/cartoframes/` (appdirs'
 * `user_config_dir('cartoframes')`).
 *
 * Returns: (transfer full): the default credentials file
 */
GFile *
carto_cartoframes_file_get_default (void)
{
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "cartoframes", "creds.json", NULL);

  return g_file_new_for_path (path);
}

/**
 * carto_cartoframes_file_parse:
 * @contents: the file's contents
 * @length: the length of @contents, or -1 if it is nul-terminated
 * @error: return location for a %CARTO_CREDENTIALS_ERROR
 *
 * Reads credentials the way CARTOframes' `Credentials.from_file()` does:
 * missing members and JSON null mean "not given" (so no key is
 * `default_public`), then the usual validation of carto_credentials_new()
 * applies.
 *
 * Returns: (transfer full): the credentials, or %NULL with
 *   %CARTO_CREDENTIALS_ERROR_INVALID_FILE or a validation error
 */
CartoCredentials *
carto_cartoframes_file_parse (const char  *contents,
                              gssize       length,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  JsonNode *root;
  JsonNode *allow;
  const char *username;
  const char *api_key;
  const char *base_url;
  CartoCredentialsFlags flags = CARTO_CREDENTIALS_FLAGS_NONE;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      /* json-glib's message quotes positions, never contents; still, it
       * goes to the debug log only. */
      g_debug ("CARTOframes credentials file is not JSON: %s", local_error->message);
      g_set_error_literal (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_FILE,
                           _("The CARTOframes credentials file is not valid JSON."));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_FILE,
                           _("The CARTOframes credentials file does not hold a JSON object."));
      return NULL;
    }
  object = json_node_get_object (root);

  if (!get_optional_string (object, "username", &username, error) ||
      !get_optional_string (object, "api_key", &api_key, error) ||
      !get_optional_string (object, "base_url", &base_url, error))
    return NULL;

  allow = json_object_get_member (object, "allow_non_secure");
  if (allow != NULL && !JSON_NODE_HOLDS_NULL (allow))
    {
      if (!JSON_NODE_HOLDS_VALUE (allow) || json_node_get_value_type (allow) != G_TYPE_BOOLEAN)
        {
          g_set_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_FILE,
                       _("The CARTOframes credentials file is not valid: “%s” must be true or false."),
                       "allow_non_secure");
          return NULL;
        }
      if (json_node_get_boolean (allow))
        flags |= CARTO_CREDENTIALS_ALLOW_NON_SECURE;
    }

  return carto_credentials_new (username, api_key, base_url, flags, error);
}

/**
 * carto_cartoframes_file_serialize:
 * @credentials: a #CartoCredentials
 *
 * Writes @credentials in CARTOframes' `Credentials.save()` format. The
 * result holds the API key in plain text: never log it, and wipe it when
 * done.
 *
 * Returns: (transfer full): the JSON text
 */
char *
carto_cartoframes_file_serialize (CartoCredentials *credentials)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CARTO_IS_CREDENTIALS (credentials), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, carto_credentials_get_username (credentials));
  json_builder_set_member_name (builder, "api_key");
  json_builder_add_string_value (builder, carto_credentials_get_api_key (credentials));
  json_builder_set_member_name (builder, "base_url");
  json_builder_add_string_value (builder, carto_credentials_get_base_url (credentials));
  json_builder_set_member_name (builder, "allow_non_secure");
  json_builder_add_boolean_value (builder, carto_credentials_get_allow_non_secure (credentials));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr(CartoSecretString) contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = display_name (file);
  CartoCredentials *credentials;
  gsize length = 0;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        /* CARTOframes: "There is no default credentials file. Run
         * `Credentials(...).save()` to create a credentials file." */
        g_task_return_new_error (task, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_FILE_NOT_FOUND,
                                 _("There is no CARTOframes credentials file at “%s”. Run `Credentials(...).save()` in CARTOframes to create one."),
                                 name);
      else
        g_task_return_new_error (task, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_FILE_IO,
                                 _("Could not read the CARTOframes credentials file: %s"), error->message);
      return;
    }

  if (length > MAX_FILE_SIZE || memchr (contents, '\0', length) != NULL)
    {
      g_task_return_new_error (task, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_FILE,
                               _("“%s” is not a CARTOframes credentials file."), name);
      return;
    }

  credentials = carto_cartoframes_file_parse (contents, length, &error);
  if (credentials == NULL)
    {
      g_prefix_error (&error, _("Cannot use “%s”: "), name);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, credentials, g_object_unref);
}

/**
 * carto_cartoframes_file_load_async:
 * @file: (nullable): the credentials file, or %NULL for CARTOframes'
 *   default, carto_cartoframes_file_get_default()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the credentials
 * @user_data: data for @callback
 *
 * Reads a CARTOframes credentials file in a worker thread.
 */
void
carto_cartoframes_file_load_async (GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (file == NULL || G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, &load_tag);
  g_task_set_task_data (task, file ? g_object_ref (file) : carto_cartoframes_file_get_default (), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

/**
 * carto_cartoframes_file_load_finish:
 * @result: the #GAsyncResult
 * @error: return location for a %CARTO_CREDENTIALS_ERROR
 *
 * Returns: (transfer full): the credentials, or %NULL with
 *   %CARTO_CREDENTIALS_ERROR_FILE_NOT_FOUND, `_INVALID_FILE`, `_FILE_IO`,
 *   a validation error, or %G_IO_ERROR_CANCELLED
 */
CartoCredentials *
carto_cartoframes_file_load_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &load_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  CartoCredentials *credentials;
  GFile *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->credentials);
  g_clear_object (&data->file);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr(GFile) parent = g_file_get_parent (data->file);
  g_autoptr(CartoSecretString) contents = NULL;
  g_autoptr(GError) error = NULL;

  if (parent != NULL &&
      !g_file_make_directory_with_parents (parent, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    goto failed;
  g_clear_error (&error);

  contents = carto_cartoframes_file_serialize (data->credentials);
  /* PRIVATE creates the file 0600 from the start; REPLACE_DESTINATION
   * replaces a symlink instead of writing the key through it. */
  if (!g_file_replace_contents (data->file, contents, strlen (contents), NULL, FALSE,
                                G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, cancellable, &error))
    goto failed;

  /* An existing file may keep its old mode on some file systems. */
  if (!g_file_set_attribute_uint32 (data->file, G_FILE_ATTRIBUTE_UNIX_MODE, 0600,
                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &error))
    goto failed;

  g_task_return_boolean (task, TRUE);
  return;

failed:
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_FILE_IO,
                             _("Could not write the CARTOframes credentials file: %s"), error->message);
}

/**
 * carto_cartoframes_file_save_async:
 * @credentials: the account to export
 * @file: (nullable): where to write, or %NULL for CARTOframes' default,
 *   carto_cartoframes_file_get_default()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Exports @credentials for CARTOframes' `Credentials.from_file()`.
 *
 * Warning: the file holds the API key in plain text, readable by any
 * program running as the user. Call this only when the user asked for it,
 * after telling them so. The file is created with mode 0600 (only the
 * user can read it), its folder if needed; an existing file is replaced.
 */
void
carto_cartoframes_file_save_async (CartoCredentials    *credentials,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (CARTO_IS_CREDENTIALS (credentials));
  g_return_if_fail (file == NULL || G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, &save_tag);
  data = g_new0 (SaveData, 1);
  data->credentials = g_object_ref (credentials);
  data->file = file ? g_object_ref (file) : carto_cartoframes_file_get_default ();
  g_task_set_task_data (task, data, (GDestroyNotify)save_data_free);
  g_task_run_in_thread (task, save_thread);
}

/**
 * carto_cartoframes_file_save_finish:
 * @result: the #GAsyncResult
 * @error: return location for a %CARTO_CREDENTIALS_ERROR
 *
 * Returns: %TRUE if the file was written; %FALSE with
 *   %CARTO_CREDENTIALS_ERROR_FILE_IO or %G_IO_ERROR_CANCELLED
 */
gboolean
carto_cartoframes_file_save_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &save_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
import_add_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  CartoAccount *account;

  account = carto_credential_store_add_finish (CARTO_CREDENTIAL_STORE (object), result, &error);
  if (account == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, account, g_object_unref);
}

static void
import_load_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoCredentials) credentials = NULL;

  credentials = carto_cartoframes_file_load_finish (result, &error);
  if (credentials == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  carto_credential_store_add_async (g_task_get_source_object (task), credentials,
                                    g_task_get_cancellable (task), import_add_cb, g_object_ref (task));
}

/**
 * carto_cartoframes_file_import_async:
 * @store: the store to add the account to
 * @file: (nullable): the credentials file, or %NULL for CARTOframes'
 *   default
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the account is stored
 * @user_data: data for @callback
 *
 * Reads a CARTOframes credentials file and stores its account in the
 * keyring (updating the key of an account already there). The file is
 * left as it is.
 */
void
carto_cartoframes_file_import_async (CartoCredentialStore *store,
                                     GFile                *file,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARTO_IS_CREDENTIAL_STORE (store));
  g_return_if_fail (file == NULL || G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, &import_tag);
  carto_cartoframes_file_load_async (file, cancellable, import_load_cb, g_steal_pointer (&task));
}

/**
 * carto_cartoframes_file_import_finish:
 * @store: the store given to carto_cartoframes_file_import_async()
 * @result: the #GAsyncResult
 * @error: return location for a %CARTO_CREDENTIALS_ERROR
 *
 * Returns: (transfer full): the stored account, or %NULL with a file,
 *   validation or keyring error
 */
CartoAccount *
carto_cartoframes_file_import_finish (CartoCredentialStore  *store,
                                      GAsyncResult          *result,
                                      GError               **error)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIAL_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &import_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
