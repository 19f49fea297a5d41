/* credentials-test-utils.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "credentials-test-utils.h"

#define WAIT_TIMEOUT_SECONDS 20

static char **guarded_secrets;

static gboolean
contains_secret (const char *text,
                 gsize       len)
{
  for (guint i = 0; guarded_secrets != NULL && guarded_secrets[i] != NULL; i++)
    {
      if (memmem (text, len, guarded_secrets[i], strlen (guarded_secrets[i])) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Sees every message, debug ones included, before GLib filters them. */
static GLogWriterOutput
guard_writer (GLogLevelFlags   log_level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      gsize len;

      if (fields[i].value == NULL)
        continue;
      len = fields[i].length < 0 ? strlen (fields[i].value) : (gsize)fields[i].length;
      if (contains_secret (fields[i].value, len))
        {
          /* Do not print the line: it holds the secret. */
          g_printerr ("Bail out! An API key reached a log message (field %s)\n", fields[i].key);
          abort ();
        }
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/**
 * carto_test_guard_secrets_in_logs:
 * @secrets: every API key the test binary uses
 *
 * Aborts the test as soon as any log message, of any level, contains one
 * of @secrets. Call it first in main(): GLib allows one writer per process.
 */
void
carto_test_guard_secrets_in_logs (const char * const *secrets)
{
  guarded_secrets = g_strdupv ((char **)secrets);
  g_log_set_writer_func (guard_writer, NULL, NULL);
}

static void
scan_dir (const char         *dir,
          const char * const *secrets,
          guint              *n_files,
          guint              *n_hits)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      struct stat st;

      if (lstat (path, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        {
          scan_dir (path, secrets, n_files, n_hits);
        }
      else if (S_ISREG (st.st_mode))
        {
          g_autofree char *contents = NULL;
          gsize len = 0;

          if (!g_file_get_contents (path, &contents, &len, NULL))
            continue;
          (*n_files)++;
          for (guint i = 0; secrets[i] != NULL; i++)
            {
              if (memmem (contents, len, secrets[i], strlen (secrets[i])) != NULL)
                {
                  g_test_message ("API key number %u found on disk in %s", i, path);
                  (*n_hits)++;
                }
            }
        }
    }
}

/**
 * carto_test_count_secrets_in_dir:
 * @dir: a directory
 * @secrets: API keys
 *
 * Returns: how often one of @secrets occurs in a regular file under @dir
 */
guint
carto_test_count_secrets_in_dir (const char         *dir,
                                 const char * const *secrets)
{
  guint n_files = 0;
  guint n_hits = 0;

  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  scan_dir (dir, secrets, &n_files, &n_hits);
  g_test_message ("Scanned %u files under %s", n_files, dir);
  return n_hits;
}

/**
 * carto_test_assert_no_secret_in_dir:
 * @dir: a directory
 * @secrets: API keys
 *
 * Fails if any regular file under @dir contains one of @secrets.
 */
void
carto_test_assert_no_secret_in_dir (const char         *dir,
                                    const char * const *secrets)
{
  g_assert_cmpuint (carto_test_count_secrets_in_dir (dir, secrets), ==, 0);
}

/**
 * carto_test_assert_no_secret_in_session:
 * @secrets: API keys
 *
 * Scans the whole throwaway session of tests/run-isolated (HOME, XDG_*
 * dirs, the keyring's files); skips the test when not run inside it.
 */
void
carto_test_assert_no_secret_in_session (const char * const *secrets)
{
  const char *session = g_getenv ("CARTO_TEST_SESSION_DIR");
  const char * const canary[] = { "c4nary-9d41e7b0", NULL };
  g_autofree char *keyrings = NULL;
  g_autofree char *canary_path = NULL;

  if (session == NULL)
    {
      g_test_skip ("Not running inside tests/run-isolated");
      return;
    }

  /* The scan proves something only if the keyring really wrote there. */
  keyrings = g_build_filename (session, "data", "keyrings", NULL);
  if (g_getenv ("CARTO_TEST_KEYRING") == NULL)
    g_assert_true (g_file_test (keyrings, G_FILE_TEST_IS_DIR));

  /* The scan must be able to fail: it finds a planted key. */
  canary_path = g_build_filename (session, "state", "canary", NULL);
  g_assert_true (g_file_set_contents (canary_path, "x c4nary-9d41e7b0 x", -1, NULL));
  g_assert_cmpuint (carto_test_count_secrets_in_dir (session, canary), ==, 1);
  g_assert_cmpint (g_unlink (canary_path), ==, 0);

  carto_test_assert_no_secret_in_dir (session, secrets);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * carto_test_result_cb:
 *
 * A #GAsyncReadyCallback that stores a reference to the result in the
 * `GAsyncResult *` its user data points to.
 */
void
carto_test_result_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

/**
 * carto_test_wait_for_result:
 * @slot: where carto_test_result_cb() puts the result
 *
 * Iterates the main context until the result arrives, failing after a
 * timeout.
 *
 * Returns: (transfer none): the result, still owned by @slot
 */
GAsyncResult *
carto_test_wait_for_result (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (WAIT_TIMEOUT_SECONDS, timeout_cb, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
  return *slot;
}

/**
 * carto_test_credentials:
 * @username: a CARTO username
 * @api_key: (nullable): its key
 *
 * Returns: (transfer full): credentials for https://USERNAME.carto.com
 */
CartoCredentials *
carto_test_credentials (const char *username,
                        const char *api_key)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base_url = g_strdup_printf ("https://%s.carto.com", username);
  CartoCredentials *credentials = carto_credentials_new (username, api_key, base_url,
                                                         CARTO_CREDENTIALS_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return credentials;
}

/**
 * carto_test_store_add:
 * @store: a credential store on the test's keyring
 * @credentials: the account to add
 *
 * Adds @credentials and waits for it.
 *
 * Returns: (transfer full): the store's account
 */
CartoAccount *
carto_test_store_add (CartoCredentialStore *store,
                      CartoCredentials     *credentials)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CartoAccount *account;

  carto_credential_store_add_async (store, credentials, NULL, carto_test_result_cb, &result);
  account = carto_credential_store_add_finish (store, carto_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (CARTO_IS_ACCOUNT (account));
  return account;
}
