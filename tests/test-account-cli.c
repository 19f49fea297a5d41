/* test-account-cli.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The account command line (src/viewer-account-cli.c) as a script sees it:
 * each case runs a child process with the options, the key on stdin, and
 * checks the exit status, stdout, stderr and the keyring.
 *
 * The child is this binary started with `--cli-driver`: a GApplication that
 * registers the options and calls viewer_account_cli_run() from
 * handle-local-options, as the real application does. Set CARTO_TEST_CLI
 * to an executable (the built `carto-viewer`) to test that one instead.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sys/stat.h>

#include "credentials-test-utils.h"
#include "viewer-account-cli.h"

#define KEY_ALICE "k3y-cli-alice-2b7e90d4"
#define KEY_ALICE_NEW "k3y-cli-alice2-c81f5a36"
#define KEY_CAROL "k3y-cli-carol-47d09be2"
#define KEY_FILE "k3y-cli-file-9e3a1c57"
#define KEY_WRONG "k3y-cli-wrong-05f6d8b1"

#define DRIVER_NO_ACCOUNT_OPTION 99

static const char * const all_keys[] = {
  KEY_ALICE, KEY_ALICE_NEW, KEY_CAROL, KEY_FILE, KEY_WRONG, NULL
};

/* ---- The driver: what the application's handle-local-options does ---- */

static int
driver_handle_local_options (GApplication *app,
                             GVariantDict *options,
                             GSettings    *settings)
{
  int status = viewer_account_cli_run (options, settings);

  return status >= 0 ? status : DRIVER_NO_ACCOUNT_OPTION;
}

static int
run_driver (int   argc,
            char *argv[])
{
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;

  /* As main() must: without it, output is converted to ASCII. */
  setlocale (LC_ALL, "");
  g_set_prgname ("carto-viewer");
  app = g_application_new ("io.github.cartoviewer.CartoViewer.CliTest", G_APPLICATION_NON_UNIQUE);
  settings = g_settings_new (BASE_ID);
  viewer_account_cli_add_options (app);
  g_signal_connect (app, "handle-local-options", G_CALLBACK (driver_handle_local_options), settings);
  return g_application_run (app, argc, argv);
}

/* ---- Running the command line from the tests ---- */

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_free (Run *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  carto_test_result_cb (object, result, user_data);
}

/* The child sees this test's isolated dirs, the session bus with its
 * keyring, and the build's schemas. @extra_env: NAME=VALUE pairs. */
static Run *
run_cli_full (const char         *stdin_text,
              const char * const *extra_env,
              const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("CARTO_TEST_CLI");
  Run *run = g_new0 (Run, 1);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_config_dir (), 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  g_subprocess_launcher_setenv (launcher, "HOME", g_get_home_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "XDG_DATA_DIRS");
  g_subprocess_launcher_unsetenv (launcher, "XDG_CONFIG_DIRS");
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  for (guint i = 0; extra_env != NULL && extra_env[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (extra_env[i], "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }

  if (binary != NULL)
    {
      g_ptr_array_add (argv, (char *)binary);
    }
  else
    {
      g_ptr_array_add (argv, (char *)"/proc/self/exe");
      g_ptr_array_add (argv, (char *)"--cli-driver");
    }
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  child = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  /* Async, so a server in this process can answer the child meanwhile. */
  g_subprocess_communicate_utf8_async (child, stdin_text ? stdin_text : "", NULL, communicate_cb, &result);
  g_assert_true (g_subprocess_communicate_utf8_finish (child, carto_test_wait_for_result (&result),
                                                       &run->out, &run->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (child));
  run->status = g_subprocess_get_exit_status (child);

  /* Whatever happened, no key reaches the terminal or a log. */
  for (guint i = 0; all_keys[i] != NULL; i++)
    {
      g_assert_null (strstr (run->out, all_keys[i]));
      g_assert_null (strstr (run->err, all_keys[i]));
    }
  return run;
}

#define run_cli(stdin_text, ...) \
  run_cli_full ((stdin_text), NULL, (const char * const[]) { __VA_ARGS__, NULL })
#define run_cli_env(stdin_text, env, ...) \
  run_cli_full ((stdin_text), (env), (const char * const[]) { __VA_ARGS__, NULL })

static void
assert_one_line_error (Run        *run,
                       int         status,
                       const char *pattern)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_cmpstr (run->out, ==, "");
  /* Exactly one line. */
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
  if (!g_pattern_match_simple (pattern, run->err))
    g_error ("stderr “%s” does not match “%s”", run->err, pattern);
}

static void
assert_ok (Run *run)
{
  if (run->status != 0)
    g_error ("exit status %d, stderr: %s", run->status, run->err);
  g_assert_cmpstr (run->err, ==, "");
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

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  while (secret_password_clear_sync (carto_credential_store_get_schema (), NULL, &error, NULL))
    ;
  g_assert_no_error (error);
}

/* Files this test's child wrote (settings, exports) hold no key. */
static void
assert_no_secret_in_test_dirs (void)
{
  g_autofree char *dirs = g_path_get_dirname (g_get_home_dir ());

  carto_test_assert_no_secret_in_dir (dirs, all_keys);
}

/* ---- Tests ---- */

static void
test_help (void)
{
  g_autoptr(Run) run = run_cli (NULL, "--help");
  const char *expected[] = {
    "--list-accounts", "--add-account=USERNAME|BASE_URL", "--allow-insecure", "--username=USERNAME",
    "--remove-account=ACCOUNT", "--set-default=ACCOUNT", "--verify-account=ACCOUNT",
    "--import-cartoframes-creds=[FILE]", "--export-cartoframes-creds=ACCOUNT", "--cartoframes-file=FILE",
    "Exit status", "3  no keyring",
  };

  assert_ok (run);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      if (strstr (run->out, expected[i]) == NULL)
        g_error ("--help lacks “%s”:\n%s", expected[i], run->out);
    }
}

static void
test_no_account_option (void)
{
  g_autoptr(Run) run = run_cli (NULL, "--cli-test-nothing-here-is-an-account-option-so-this-is-unknown");
  g_autoptr(Run) none = NULL;

  /* An unknown option is GApplication's usage error. */
  g_assert_cmpint (run->status, ==, 1);

  /* The real application would go on and open its window. */
  if (g_getenv ("CARTO_TEST_CLI") != NULL)
    return;
  none = run_cli_full (NULL, NULL, (const char * const[]) { NULL });
  /* No account option: the application goes on (the driver says so). */
  g_assert_cmpint (none->status, ==, DRIVER_NO_ACCOUNT_OPTION);
  g_assert_cmpstr (none->out, ==, "");
}

static void
test_add_and_list (void)
{
  g_autoptr(Run) a = run_cli (KEY_ALICE "\n", "--add-account", "alice");
  g_autoptr(Run) b = run_cli ("", "--add-account", "http://127.0.0.1:8080/user/bob/", "--allow-insecure");
  g_autoptr(Run) c = run_cli ("  " KEY_CAROL "  \r\n", "--add-account=carol");
  g_autoptr(Run) d = run_cli ("\n", "--add-account", "https://maps.example.com", "--username", "dave");
  g_autoptr(Run) list = NULL;
  g_autofree char *alice = NULL;
  g_autofree char *carol = NULL;
  g_autofree char *bob = NULL;

  assert_ok (a);
  assert_ok (b);
  assert_ok (c);
  assert_ok (d);
  g_assert_nonnull (strstr (a->out, "alice"));

  list = run_cli (NULL, "--list-accounts");
  assert_ok (list);
  g_assert_cmpstr (list->out, ==,
                   "alice\thttps://alice.carto.com\tprivate\t\n"
                   "bob\thttp://127.0.0.1:8080/user/bob\tpublic\t\n"
                   "carol\thttps://carol.carto.com\tprivate\t\n"
                   "dave\thttps://maps.example.com\tpublic\t\n");

  /* The keys went to the keyring, trimmed; public accounts too. */
  alice = keyring_lookup ("alice", "https://alice.carto.com");
  carol = keyring_lookup ("carol", "https://carol.carto.com");
  bob = keyring_lookup ("bob", "http://127.0.0.1:8080/user/bob");
  g_assert_cmpstr (alice, ==, KEY_ALICE);
  g_assert_cmpstr (carol, ==, KEY_CAROL);
  g_assert_cmpstr (bob, ==, "default_public");

  assert_no_secret_in_test_dirs ();
}

static void
test_add_updates_key (void)
{
  g_autoptr(Run) first = run_cli (KEY_ALICE "\n", "--add-account", "alice");
  g_autoptr(Run) second = run_cli (KEY_ALICE_NEW "\n", "--add-account", "https://alice.carto.com/");
  g_autoptr(Run) list = run_cli (NULL, "--list-accounts");
  g_autofree char *key = keyring_lookup ("alice", "https://alice.carto.com");

  assert_ok (first);
  assert_ok (second);
  assert_ok (list);
  g_assert_cmpstr (list->out, ==, "alice\thttps://alice.carto.com\tprivate\t\n");
  g_assert_cmpstr (key, ==, KEY_ALICE_NEW);
}

static void
test_add_invalid (void)
{
  g_autoptr(Run) bad_name = run_cli (KEY_ALICE "\n", "--add-account", "Alice Smith");
  g_autoptr(Run) insecure = run_cli (KEY_ALICE "\n", "--add-account", "http://alice.carto.com");
  g_autoptr(Run) no_user = run_cli (KEY_ALICE "\n", "--add-account", "https://wrongurl");
  g_autoptr(Run) bad_key = run_cli ("has spaces in it\n", "--add-account", "alice");
  g_autoptr(Run) mismatch = run_cli ("", "--add-account", "https://h.example.com/user/bob", "--username", "alice");
  g_autoptr(Run) list = run_cli (NULL, "--list-accounts");

  assert_one_line_error (bad_name, 2, "carto-viewer: *username*");
  assert_one_line_error (insecure, 2, "carto-viewer: *https://*");
  assert_one_line_error (no_user, 2, "carto-viewer: *username*");
  assert_one_line_error (bad_key, 2, "carto-viewer: *API key*");
  assert_one_line_error (mismatch, 2, "carto-viewer: *“alice”*“bob”*");
  assert_ok (list);
  g_assert_cmpstr (list->out, ==, "");
}

static void
test_usage (void)
{
  g_autoptr(Run) two = run_cli (NULL, "--list-accounts", "--remove-account", "alice");
  g_autoptr(Run) alone = run_cli (NULL, "--allow-insecure");
  g_autoptr(Run) insecure_list = run_cli (NULL, "--list-accounts", "--allow-insecure");
  g_autoptr(Run) username_with_name = run_cli ("", "--add-account", "alice", "--username", "bob");
  g_autoptr(Run) file_with_list = run_cli (NULL, "--list-accounts", "--cartoframes-file", "x.json");

  assert_one_line_error (two, 1, "carto-viewer: *one account option*");
  assert_one_line_error (alone, 1, "carto-viewer: *");
  assert_one_line_error (insecure_list, 1, "carto-viewer: *--add-account*");
  assert_one_line_error (username_with_name, 1, "carto-viewer: *--username*");
  assert_one_line_error (file_with_list, 1, "carto-viewer: *--cartoframes-file*");
}

static void
test_remove (void)
{
  g_autoptr(Run) a = run_cli (KEY_ALICE "\n", "--add-account", "alice");
  g_autoptr(Run) b = run_cli (KEY_CAROL "\n", "--add-account", "carol");
  g_autoptr(Run) a2 = run_cli ("", "--add-account", "https://maps.example.com/user/alice");
  g_autoptr(Run) ambiguous = run_cli (NULL, "--remove-account", "alice");
  g_autoptr(Run) removed = run_cli (NULL, "--remove-account", "https://alice.carto.com");
  g_autoptr(Run) again = run_cli (NULL, "--remove-account", "https://alice.carto.com");
  g_autoptr(Run) unknown = run_cli (NULL, "--remove-account", "zoe");
  g_autoptr(Run) list = run_cli (NULL, "--list-accounts");
  g_autofree char *gone = keyring_lookup ("alice", "https://alice.carto.com");
  g_autofree char *kept = keyring_lookup ("carol", "https://carol.carto.com");

  assert_ok (a);
  assert_ok (b);
  assert_ok (a2);
  assert_one_line_error (ambiguous, 2, "carto-viewer: *“alice”*");
  assert_ok (removed);
  assert_one_line_error (again, 4, "carto-viewer: *");
  assert_one_line_error (unknown, 4, "carto-viewer: *“zoe”*");
  g_assert_null (gone);
  g_assert_cmpstr (kept, ==, KEY_CAROL);
  assert_ok (list);
  g_assert_cmpstr (list->out, ==,
                   "alice\thttps://maps.example.com/user/alice\tpublic\t\n"
                   "carol\thttps://carol.carto.com\tprivate\t\n");
}

/* Each run is a new process: the default lives in the keyfile GSettings
 * backend under the isolated config dir, as it would in dconf. */
static void
test_default_survives_restart (void)
{
  const char * const keyfile[] = { "GSETTINGS_BACKEND=keyfile", NULL };
  g_autoptr(Run) a = run_cli_env (KEY_ALICE "\n", keyfile, "--add-account", "alice");
  g_autoptr(Run) c = run_cli_env (KEY_CAROL "\n", keyfile, "--add-account", "carol");
  g_autoptr(Run) set = run_cli_env (NULL, keyfile, "--set-default", "carol");
  g_autoptr(Run) list = run_cli_env (NULL, keyfile, "--list-accounts");
  g_autoptr(Run) unknown = run_cli_env (NULL, keyfile, "--set-default", "zoe");
  g_autoptr(Run) removed = NULL;
  g_autoptr(Run) after = NULL;
  g_autofree char *path = g_build_filename (g_get_user_config_dir (), "glib-2.0", "settings", "keyfile", NULL);
  g_autofree char *contents = NULL;

  assert_ok (a);
  assert_ok (c);
  assert_ok (set);
  assert_ok (list);
  g_assert_cmpstr (list->out, ==,
                   "carol\thttps://carol.carto.com\tprivate\tdefault\n"
                   "alice\thttps://alice.carto.com\tprivate\t\n");
  assert_one_line_error (unknown, 4, "carto-viewer: *“zoe”*");

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "https://carol.carto.com"));
  g_assert_null (strstr (contents, KEY_CAROL));

  /* Removing the default account leaves no default. */
  removed = run_cli_env (NULL, keyfile, "--remove-account", "carol");
  after = run_cli_env (NULL, keyfile, "--list-accounts");
  assert_ok (removed);
  assert_ok (after);
  g_assert_cmpstr (after->out, ==, "alice\thttps://alice.carto.com\tprivate\t\n");

  assert_no_secret_in_test_dirs ();
}

static void
write_creds (const char *path,
             const char *json)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
}

static void
test_import (void)
{
  g_autofree char *default_path = g_build_filename (g_get_user_config_dir (), "cartoframes", "creds.json", NULL);
  g_autofree char *other_path = g_build_filename (g_get_user_data_dir (), "other.json", NULL);
  g_autofree char *third_path = g_build_filename (g_get_user_data_dir (), "third.json", NULL);
  g_autofree char *bad_path = g_build_filename (g_get_user_data_dir (), "bad.json", NULL);
  g_autofree char *other_arg = g_strconcat ("--import-cartoframes-creds=", third_path, NULL);
  g_autoptr(Run) missing = run_cli (NULL, "--import-cartoframes-creds");
  g_autoptr(Run) from_default = NULL;
  g_autoptr(Run) from_space = NULL;
  g_autoptr(Run) from_equals = NULL;
  g_autoptr(Run) from_option = NULL;
  g_autoptr(Run) bad = NULL;
  g_autoptr(Run) list = NULL;
  g_autofree char *key = NULL;

  /* CARTOframes' own words for a missing file. */
  assert_one_line_error (missing, 4, "carto-viewer: *cartoframes/creds.json*Credentials(...).save()*");

  write_creds (default_path, "{\"username\": \"johnsmith\", \"api_key\": \"" KEY_FILE "\", "
                             "\"base_url\": \"https://johnsmith.carto.com\", \"allow_non_secure\": false}");
  write_creds (other_path, "{\"base_url\": \"http://127.0.0.1:8080/user/local\", \"allow_non_secure\": true}");
  write_creds (third_path, "{\"username\": \"third\"}");
  write_creds (bad_path, "{\"username\": 3}");

  from_default = run_cli (NULL, "--import-cartoframes-creds");
  from_space = run_cli (NULL, "--import-cartoframes-creds", other_path);
  from_equals = run_cli (NULL, other_arg);
  from_option = run_cli (NULL, "--import-cartoframes-creds", "--cartoframes-file", third_path);
  bad = run_cli (NULL, "--import-cartoframes-creds", bad_path);
  list = run_cli (NULL, "--list-accounts");

  assert_ok (from_default);
  assert_ok (from_space);
  assert_ok (from_equals);
  assert_ok (from_option);
  assert_one_line_error (bad, 2, "carto-viewer: *bad.json*");
  assert_ok (list);
  g_assert_cmpstr (list->out, ==,
                   "johnsmith\thttps://johnsmith.carto.com\tprivate\t\n"
                   "local\thttp://127.0.0.1:8080/user/local\tpublic\t\n"
                   "third\thttps://third.carto.com\tpublic\t\n");
  key = keyring_lookup ("johnsmith", "https://johnsmith.carto.com");
  g_assert_cmpstr (key, ==, KEY_FILE);

  /* The user's file holds a key by design: gone before the scans. */
  g_assert_cmpint (g_unlink (default_path), ==, 0);
}

static void
test_export (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "exported", "creds.json", NULL);
  g_autofree char *default_path = g_build_filename (g_get_user_config_dir (), "cartoframes", "creds.json", NULL);
  g_autoptr(Run) add = run_cli (KEY_ALICE "\n", "--add-account", "alice");
  g_autoptr(Run) add_public = run_cli ("", "--add-account", "bob");
  g_autoptr(Run) export = run_cli (NULL, "--export-cartoframes-creds", "alice", "--cartoframes-file", path);
  g_autoptr(Run) export_public = run_cli (NULL, "--export-cartoframes-creds", "bob");
  g_autoptr(Run) unknown = run_cli (NULL, "--export-cartoframes-creds", "zoe");
  g_autoptr(CartoCredentials) back = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  assert_ok (add);
  assert_ok (add_public);

  /* A warning, on stderr, before the key goes to disk. */
  g_assert_cmpint (export->status, ==, 0);
  g_assert_true (g_pattern_match_simple ("carto-viewer: Warning: *plain text*\n", export->err));
  g_assert_nonnull (strstr (export->out, path));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  back = carto_cartoframes_file_parse (contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carto_credentials_get_api_key (back), ==, KEY_ALICE);
  g_assert_cmpint (g_unlink (path), ==, 0);

  /* No key, no warning; the default place is CARTOframes'. */
  assert_ok (export_public);
  g_assert_true (g_file_test (default_path, G_FILE_TEST_IS_REGULAR));
  assert_one_line_error (unknown, 4, "carto-viewer: *“zoe”*");

  assert_no_secret_in_test_dirs ();
}

static void
test_keyring_missing (void)
{
  const char * const no_bus[] = { "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/carto-test-bus", NULL };
  g_autoptr(Run) list = run_cli_env (NULL, no_bus, "--list-accounts");
  g_autoptr(Run) add = run_cli_env (KEY_ALICE "\n", no_bus, "--add-account", "alice");

  assert_one_line_error (list, 3, "carto-viewer: *GNOME Keyring*");
  assert_one_line_error (add, 3, "carto-viewer: *GNOME Keyring*");
}

/* ---- verify, against a scripted server in this process ---- */

/* A loopback port that was free a moment ago and has no listener now. */
static guint
closed_port (void)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_assert_true (g_socket_close (socket, &error));
  return port;
}

static void
sql_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  g_autofree char *b64 = g_base64_encode ((const guchar *)"alice:" KEY_ALICE, strlen ("alice:" KEY_ALICE));
  g_autofree char *expected = g_strconcat ("Basic ", b64, NULL);
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  const char *q = query ? g_hash_table_lookup (query, "q") : NULL;
  const char *body;

  if (g_strcmp0 (path, "/user/alice/api/v2/sql") != 0)
    body = NULL;
  else if (g_strcmp0 (auth, expected) != 0)
    {
      soup_server_message_set_status (msg, 401, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":[\"Unauthorized\"]}", strlen ("{\"error\":[\"Unauthorized\"]}"));
      return;
    }
  else if (g_strcmp0 (q, "SELECT current_user") == 0)
    body = "{\"rows\":[{\"current_user\":\"cartodb_user_1\"}],\"total_rows\":1}";
  else
    body = "{\"rows\":[{\"?column?\":1}],\"total_rows\":1}";

  if (body == NULL)
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body, strlen (body));
}

static void
test_verify (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *down = NULL;
  g_autoptr(Run) add = NULL;
  g_autoptr(Run) ok = NULL;
  g_autoptr(Run) update = NULL;
  g_autoptr(Run) refused = NULL;
  g_autoptr(Run) add_down = NULL;
  g_autoptr(Run) unreachable = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, sql_handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d/user/alice", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify)g_uri_unref);

  add = run_cli (KEY_ALICE "\n", "--add-account", base, "--allow-insecure");
  assert_ok (add);
  ok = run_cli (NULL, "--verify-account", "alice");
  assert_ok (ok);
  g_assert_true (g_pattern_match_simple ("Connected as “alice”*master key*\n", ok->out));

  update = run_cli (KEY_WRONG "\n", "--add-account", base, "--allow-insecure");
  assert_ok (update);
  refused = run_cli (NULL, "--verify-account", base);
  assert_one_line_error (refused, 5, "carto-viewer: *API key*“alice”*");

  down = g_strdup_printf ("http://127.0.0.1:%u/user/carol", closed_port ());
  add_down = run_cli ("", "--add-account", down, "--allow-insecure");
  assert_ok (add_down);
  unreachable = run_cli (NULL, "--verify-account", "carol");
  assert_one_line_error (unreachable, 5, "carto-viewer: *127.0.0.1:*could not be reached*");

  soup_server_disconnect (server);
}

/* Debug logging on, every kind of action: still no key on stderr (checked
 * by run_cli_full for every run). */
static void
test_no_key_in_debug_logs (void)
{
  const char * const debug[] = { "G_MESSAGES_DEBUG=all", NULL };
  g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u/user/alice", closed_port ());
  g_autofree char *expected = NULL;
  g_autoptr(Run) add = run_cli_env (KEY_ALICE "\n", debug, "--add-account", base, "--allow-insecure");
  g_autoptr(Run) list = run_cli_env (NULL, debug, "--list-accounts");
  g_autoptr(Run) verify = run_cli_env (NULL, debug, "--verify-account", "alice");
  g_autoptr(Run) remove = run_cli_env (NULL, debug, "--remove-account", "alice");

  g_assert_cmpint (add->status, ==, 0);
  g_assert_cmpint (list->status, ==, 0);
  g_assert_cmpint (verify->status, ==, 5);
  g_assert_cmpint (remove->status, ==, 0);
  /* The logs did run: the check above saw real debug output. */
  /* The logs did run, on stderr: the check above saw real debug output.
   * Only what GIO logs before the options are parsed (the settings backend
   * it picks) reaches stdout, ahead of the listing. */
  g_assert_nonnull (strstr (verify->err, "carto-DEBUG"));
  expected = g_strdup_printf ("alice\t%s\tprivate\t\n", base);
  g_assert_true (g_str_has_suffix (list->out, expected));
  g_assert_null (strstr (list->out, "carto-DEBUG"));

}

static void
test_no_secret_on_disk (void)
{
  carto_test_assert_no_secret_in_session (all_keys);
}

static void
add_cli_test (const char *path,
              GTestFunc   func)
{
  g_test_add_vtable (path, 0, NULL, (GTestFixtureFunc)setup, (GTestFixtureFunc)func, NULL);
}

int
main (int argc, char *argv[])
{
  carto_test_guard_secrets_in_logs (all_keys);

  if (argc > 1 && g_str_equal (argv[1], "--cli-driver"))
    {
      argv[1] = argv[0];
      return run_driver (argc - 1, argv + 1);
    }

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  add_cli_test ("/account-cli/help", test_help);
  add_cli_test ("/account-cli/no-account-option", test_no_account_option);
  add_cli_test ("/account-cli/add-and-list", test_add_and_list);
  add_cli_test ("/account-cli/add-updates-key", test_add_updates_key);
  add_cli_test ("/account-cli/add-invalid", test_add_invalid);
  add_cli_test ("/account-cli/usage", test_usage);
  add_cli_test ("/account-cli/remove", test_remove);
  add_cli_test ("/account-cli/default-survives-restart", test_default_survives_restart);
  add_cli_test ("/account-cli/import", test_import);
  add_cli_test ("/account-cli/export", test_export);
  add_cli_test ("/account-cli/keyring-missing", test_keyring_missing);
  add_cli_test ("/account-cli/verify", test_verify);
  add_cli_test ("/account-cli/no-key-in-debug-logs", test_no_key_in_debug_logs);
  g_test_add_func ("/secrets/no-secret-on-disk", test_no_secret_on_disk);

  return g_test_run ();
}
