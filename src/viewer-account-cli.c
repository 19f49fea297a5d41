/* viewer-account-cli.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `carto-viewer --list-accounts` and friends: the account store for scripts
 * and tests. It runs from `handle-local-options`, before the application
 * registers or opens a display, uses libcarto and GIO only, and waits for
 * the asynchronous store in a main loop of its own.
 *
 * Output rules: errors are one line on stderr; an API key is never printed
 * and never taken from the command line (it is read from stdin);
 * `--list-accounts` prints only its tab-separated lines.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <carto.h>

#include "viewer-account-cli.h"

#define OPT_LIST "list-accounts"
#define OPT_ADD "add-account"
#define OPT_USERNAME "username"
#define OPT_ALLOW_INSECURE "allow-insecure"
#define OPT_REMOVE "remove-account"
#define OPT_SET_DEFAULT "set-default"
#define OPT_VERIFY "verify-account"
#define OPT_IMPORT "import-cartoframes-creds"
#define OPT_EXPORT "export-cartoframes-creds"
#define OPT_CARTOFRAMES_FILE "cartoframes-file"

/* Keys are about 40 characters; a longer line is not a key. */
#define MAX_KEY_LINE 1024

typedef enum
{
  ACTION_NONE,
  ACTION_LIST,
  ACTION_ADD,
  ACTION_REMOVE,
  ACTION_SET_DEFAULT,
  ACTION_VERIFY,
  ACTION_IMPORT,
  ACTION_EXPORT,
} Action;

typedef struct
{
  GMainLoop *loop;
  CartoCredentialStore *store;
  Action action;
  char *account_name;
  CartoCredentials *credentials;
  GFile *file;
  SoupSession *session;
  int exit_code;
} Cli;

/* GApplication packs no callback option into the options dict (its
 * add_packed_option() has no case for G_OPTION_ARG_CALLBACK), and only a
 * callback can take an optional argument; so this one option lands here. */
static struct
{
  gboolean requested;
  char *path;
} import_option;

static void
cli_clear (Cli *cli)
{
  g_clear_pointer (&cli->loop, g_main_loop_unref);
  g_clear_object (&cli->store);
  g_clear_pointer (&cli->account_name, g_free);
  g_clear_object (&cli->credentials);
  g_clear_object (&cli->file);
  g_clear_object (&cli->session);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cli, cli_clear)

static void
print_error (const char *message)
{
  g_autofree char *line = g_strdup (message);

  /* One line, so scripts can log it as one. */
  g_strdelimit (line, "\r\n", ' ');
  g_printerr ("%s: %s\n", g_get_prgname () ? g_get_prgname () : PACKAGE_NAME, line);
}

static int
exit_code_for_error (const GError *error)
{
  if (error->domain == CARTO_CREDENTIALS_ERROR)
    {
      switch ((CartoCredentialsError)error->code)
        {
        case CARTO_CREDENTIALS_ERROR_KEYRING_UNAVAILABLE:
        case CARTO_CREDENTIALS_ERROR_KEYRING_LOCKED:
          return VIEWER_ACCOUNT_CLI_EXIT_KEYRING;

        case CARTO_CREDENTIALS_ERROR_NOT_FOUND:
        case CARTO_CREDENTIALS_ERROR_FILE_NOT_FOUND:
          return VIEWER_ACCOUNT_CLI_EXIT_NOT_FOUND;

        case CARTO_CREDENTIALS_ERROR_FAILED:
        case CARTO_CREDENTIALS_ERROR_NO_ACCOUNT:
        case CARTO_CREDENTIALS_ERROR_INVALID_USERNAME:
        case CARTO_CREDENTIALS_ERROR_INVALID_BASE_URL:
        case CARTO_CREDENTIALS_ERROR_UNSUPPORTED_SCHEME:
        case CARTO_CREDENTIALS_ERROR_INSECURE_BASE_URL:
        case CARTO_CREDENTIALS_ERROR_USERNAME_REQUIRED:
        case CARTO_CREDENTIALS_ERROR_USERNAME_MISMATCH:
        case CARTO_CREDENTIALS_ERROR_INVALID_API_KEY:
        case CARTO_CREDENTIALS_ERROR_AMBIGUOUS:
        case CARTO_CREDENTIALS_ERROR_INVALID_FILE:
        case CARTO_CREDENTIALS_ERROR_FILE_IO:
        default:
          return VIEWER_ACCOUNT_CLI_EXIT_INVALID;
        }
    }
  return VIEWER_ACCOUNT_CLI_EXIT_INVALID;
}

static void
cli_finish (Cli *cli,
            int  exit_code)
{
  cli->exit_code = exit_code;
  g_main_loop_quit (cli->loop);
}

static void
cli_fail (Cli          *cli,
          const GError *error)
{
  print_error (error->message);
  cli_finish (cli, exit_code_for_error (error));
}

static gboolean
on_import_option_cb (const char  *option_name,
                     const char  *value,
                     gpointer     data,
                     GError     **error)
{
  import_option.requested = TRUE;
  g_free (import_option.path);
  import_option.path = g_strdup (value);
  return TRUE;
}

/* Reads the first line of stdin; a terminal gets a prompt and no echo. */
static char *
read_api_key (const char  *username,
              GError     **error)
{
  char buffer[MAX_KEY_LINE];
  gboolean echo_off = FALSE;
  struct termios saved;
  gsize length;
  char *key;

  if (isatty (STDIN_FILENO))
    {
      struct termios quiet;

      g_printerr (_("API key of “%s” (leave empty for public datasets only): "), username);
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t)ECHO;
          echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    buffer[0] = '\0';

  if (echo_off)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }

  length = strlen (buffer);
  if (length == sizeof buffer - 1 && buffer[length - 1] != '\n')
    {
      explicit_bzero (buffer, sizeof buffer);
      g_set_error_literal (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_API_KEY,
                           _("The API key read from the standard input is too long."));
      return NULL;
    }

  key = g_strdup (g_strstrip (buffer));
  explicit_bzero (buffer, sizeof buffer);
  return key;
}

static void
wipe_string (char *s)
{
  if (s != NULL)
    {
      explicit_bzero (s, strlen (s));
      g_free (s);
    }
}

static void
print_account_line (CartoAccount *account)
{
  g_print ("%s\t%s\t%s\t%s\n",
           carto_account_get_username (account),
           carto_account_get_base_url (account),
           carto_account_is_public (account) ? "public" : "private",
           carto_account_get_is_default (account) ? "default" : "");
}

static void
verify_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoVerifyResult) verified = NULL;

  verified = carto_credentials_verify_finish (CARTO_CREDENTIALS (object), result, &error);
  if (verified == NULL)
    {
      cli_fail (cli, error);
      return;
    }

  if (carto_verify_result_is_ok (verified))
    {
      g_print ("%s\n", carto_verify_result_get_message (verified));
      cli_finish (cli, VIEWER_ACCOUNT_CLI_EXIT_OK);
    }
  else
    {
      print_error (carto_verify_result_get_message (verified));
      cli_finish (cli, VIEWER_ACCOUNT_CLI_EXIT_VERIFY_FAILED);
    }
}

static void
remove_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;

  if (!carto_credential_store_remove_finish (CARTO_CREDENTIAL_STORE (object), result, &error))
    {
      cli_fail (cli, error);
      return;
    }
  /* A removed default is cleared in GSettings: write it out. */
  g_settings_sync ();
  cli_finish (cli, VIEWER_ACCOUNT_CLI_EXIT_OK);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (!carto_cartoframes_file_save_finish (result, &error))
    {
      cli_fail (cli, error);
      return;
    }

  name = g_file_get_parse_name (cli->file);
  /* As CARTOframes' save() says it. */
  g_print (_("User credentials for “%s” were successfully saved to %s.\n"),
           carto_credentials_get_username (cli->credentials), name);
  cli_finish (cli, VIEWER_ACCOUNT_CLI_EXIT_OK);
}

static void
run_on_account (Cli          *cli,
                CartoAccount *account)
{
  CartoCredentials *credentials = carto_account_get_credentials (account);
  g_autoptr(GError) error = NULL;

  switch (cli->action)
    {
    case ACTION_REMOVE:
      carto_credential_store_remove_async (cli->store,
                                           carto_account_get_username (account),
                                           carto_account_get_base_url (account),
                                           NULL, remove_cb, cli);
      break;

    case ACTION_SET_DEFAULT:
      if (!carto_credential_store_set_default (cli->store, account, &error))
        {
          cli_fail (cli, error);
          return;
        }
      g_settings_sync ();
      cli_finish (cli, VIEWER_ACCOUNT_CLI_EXIT_OK);
      break;

    case ACTION_VERIFY:
      /* The app's path gets the one shared session from its context; this
       * process has no other user of one. */
      cli->session = carto_http_session_new ();
      carto_credentials_verify_async (credentials, cli->session, NULL, verify_cb, cli);
      break;

    case ACTION_EXPORT:
      g_set_object (&cli->credentials, credentials);
      if (cli->file == NULL)
        cli->file = carto_cartoframes_file_get_default ();
      if (!carto_credentials_is_public (credentials))
        {
          g_autofree char *name = g_file_get_parse_name (cli->file);
          g_autofree char *warning = g_strdup_printf (_("Warning: %s will hold the API key of “%s” in plain text; anyone who can read that file can use the account."),
                                                      name, carto_account_get_username (account));

          print_error (warning);
        }
      carto_cartoframes_file_save_async (credentials, cli->file, NULL, save_cb, cli);
      break;

    case ACTION_NONE:
    case ACTION_LIST:
    case ACTION_ADD:
    case ACTION_IMPORT:
    default:
      g_assert_not_reached ();
    }
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  CartoAccount *account;

  if (!carto_credential_store_load_finish (CARTO_CREDENTIAL_STORE (object), result, &error))
    {
      cli_fail (cli, error);
      return;
    }

  if (cli->action == ACTION_LIST)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (cli->store));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CartoAccount) item = g_list_model_get_item (G_LIST_MODEL (cli->store), i);

          print_account_line (item);
        }
      cli_finish (cli, VIEWER_ACCOUNT_CLI_EXIT_OK);
      return;
    }

  account = carto_credential_store_resolve (cli->store, cli->account_name, &error);
  if (account == NULL)
    {
      cli_fail (cli, error);
      return;
    }
  run_on_account (cli, account);
}

static void
report_stored (Cli          *cli,
               CartoAccount *account,
               gboolean      imported)
{
  const char *username = carto_account_get_username (account);
  const char *base_url = carto_account_get_base_url (account);
  g_autofree char *message = NULL;

  if (imported)
    message = g_strdup_printf (_("Imported the account “%s” (%s) into the keyring."), username, base_url);
  else
    message = g_strdup_printf (_("Saved the account “%s” (%s) in the keyring."), username, base_url);
  g_print ("%s\n", message);
  cli_finish (cli, VIEWER_ACCOUNT_CLI_EXIT_OK);
}

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoAccount) account = NULL;

  account = carto_credential_store_add_finish (CARTO_CREDENTIAL_STORE (object), result, &error);
  if (account == NULL)
    {
      cli_fail (cli, error);
      return;
    }
  report_stored (cli, account, FALSE);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Cli *cli = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoAccount) account = NULL;

  account = carto_cartoframes_file_import_finish (CARTO_CREDENTIAL_STORE (object), result, &error);
  if (account == NULL)
    {
      cli_fail (cli, error);
      return;
    }
  report_stored (cli, account, TRUE);
}

static void
log_to_stderr (const char     *log_domain,
               GLogLevelFlags  log_level,
               const char     *message,
               gpointer        user_data)
{
  if (log_level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    {
      if (!g_log_writer_default_would_drop (log_level, log_domain))
        g_printerr ("%s-%s: %s\n", log_domain ? log_domain : "**",
                    (log_level & G_LOG_LEVEL_DEBUG) ? "DEBUG" : "INFO", message);
      return;
    }
  g_log_default_handler (log_domain, log_level, message, user_data);
}

static int
usage_error (const char *message)
{
  print_error (message);
  return VIEWER_ACCOUNT_CLI_EXIT_USAGE;
}

/* Builds the credentials to add, reading the key only once the account
 * itself is known to be valid. */
static int
prepare_add (Cli          *cli,
             const char   *target,
             const char   *username,
             gboolean      allow_insecure)
{
  CartoCredentialsFlags flags = allow_insecure ? CARTO_CREDENTIALS_ALLOW_NON_SECURE : CARTO_CREDENTIALS_FLAGS_NONE;
  g_autoptr(CartoCredentials) probe = NULL;
  g_autoptr(GError) error = NULL;
  const char *base_url = NULL;
  char *key;

  if (strstr (target, "://") != NULL)
    base_url = target;
  else if (username != NULL)
    return usage_error (_("--username goes with a base URL given to --add-account."));
  else
    username = target;

  probe = carto_credentials_new (username, NULL, base_url, flags, &error);
  if (probe == NULL)
    {
      print_error (error->message);
      return exit_code_for_error (error);
    }

  key = read_api_key (carto_credentials_get_username (probe), &error);
  if (key == NULL)
    {
      print_error (error->message);
      return exit_code_for_error (error);
    }
  cli->credentials = carto_credentials_new (username, key, base_url, flags, &error);
  wipe_string (key);
  if (cli->credentials == NULL)
    {
      print_error (error->message);
      return exit_code_for_error (error);
    }
  return VIEWER_ACCOUNT_CLI_EXIT_OK;
}

/**
 * viewer_account_cli_add_options:
 * @app: the application
 *
 * Registers the account options (`--list-accounts`, `--add-account`, …)
 * and the `--help` text that documents their exit statuses. Call it once,
 * before g_application_run().
 */
void
viewer_account_cli_add_options (GApplication *app)
{
  /* GOption wants the callback in a data pointer; ISO C forbids casting
   * one to the other, a union does it within the rules GCC documents. */
  const union {
    GOptionArgFunc func;
    gpointer data;
  } callback = { .func = on_import_option_cb };
  const GOptionEntry import_entry[] = {
    {
      .long_name = OPT_IMPORT,
      .flags = G_OPTION_FLAG_OPTIONAL_ARG | G_OPTION_FLAG_FILENAME,
      .arg = G_OPTION_ARG_CALLBACK,
      .arg_data = callback.data,
      .description = N_("Import the account of a CARTOframes credentials file (default: ~/.config/cartoframes/creds.json) into the keyring"),
      .arg_description = N_("[FILE]"),
    },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autofree char *description = NULL;

  g_return_if_fail (G_IS_APPLICATION (app));

  /* N_(): GOption translates main-option texts itself, in the default
   * domain that main() binds, when it prints --help. */
  g_application_add_main_option (app, OPT_LIST, 0, 0, G_OPTION_ARG_NONE,
                                 N_("List the accounts: username, base URL, public or private, default (tab-separated)"), NULL);
  g_application_add_main_option (app, OPT_ADD, 0, 0, G_OPTION_ARG_STRING,
                                 N_("Add an account, or update its key; the API key is read from the standard input (empty for public datasets only)"),
                                 N_("USERNAME|BASE_URL"));
  g_application_add_main_option (app, OPT_USERNAME, 0, 0, G_OPTION_ARG_STRING,
                                 N_("The username of an account added by its base URL, when the URL does not name it"),
                                 N_("USERNAME"));
  g_application_add_main_option (app, OPT_ALLOW_INSECURE, 0, 0, G_OPTION_ARG_NONE,
                                 N_("Allow a plain http:// base URL for the account added"), NULL);
  g_application_add_main_option (app, OPT_REMOVE, 0, 0, G_OPTION_ARG_STRING,
                                 N_("Remove an account and its key"), N_("ACCOUNT"));
  g_application_add_main_option (app, OPT_SET_DEFAULT, 0, 0, G_OPTION_ARG_STRING,
                                 N_("Make an account the default"), N_("ACCOUNT"));
  g_application_add_main_option (app, OPT_VERIFY, 0, 0, G_OPTION_ARG_STRING,
                                 N_("Check an account against its server"), N_("ACCOUNT"));
  g_application_add_main_option_entries (app, import_entry);
  g_application_add_main_option (app, OPT_EXPORT, 0, 0, G_OPTION_ARG_STRING,
                                 N_("Write an account to a CARTOframes credentials file; the file holds the API key in plain text"),
                                 N_("ACCOUNT"));
  g_application_add_main_option (app, OPT_CARTOFRAMES_FILE, 0, 0, G_OPTION_ARG_FILENAME,
                                 N_("The CARTOframes credentials file to import from or export to"), N_("FILE"));

  description = g_strjoin ("\n",
                           _("ACCOUNT is a username that only one account has, or an account’s base URL."),
                           _("The account options need no display and open no window."),
                           "",
                           _("Exit status of the account options:"),
                           _("  0  success"),
                           _("  1  options that do not go together"),
                           _("  2  invalid username, base URL, API key or file"),
                           _("  3  no keyring (Secret Service) is available, or it stayed locked"),
                           _("  4  no such account or file"),
                           _("  5  the server refused the account or could not be reached"),
                           NULL);
  g_application_set_option_context_description (app, description);
}

/**
 * viewer_account_cli_run:
 * @options: the options dict of #GApplication::handle-local-options
 * @settings: (nullable): the application's settings, where the default
 *   account is kept
 *
 * Runs the account option given, if any, waiting for the keyring in a main
 * loop of its own. Call it from #GApplication::handle-local-options, before
 * anything opens a window or registers the application.
 *
 * Returns: -1 if no account option was given (the application goes on),
 *   else the exit status of #ViewerAccountCliExit
 */
int
viewer_account_cli_run (GVariantDict *options,
                        GSettings    *settings)
{
  g_auto(Cli) cli = { 0 };
  const char *add = NULL;
  const char *username = NULL;
  const char *remove = NULL;
  const char *set_default = NULL;
  const char *verify = NULL;
  const char *export = NULL;
  const char *import_path = NULL;
  const char *cartoframes_file = NULL;
  gboolean list = g_variant_dict_contains (options, OPT_LIST);
  gboolean allow_insecure = g_variant_dict_contains (options, OPT_ALLOW_INSECURE);
  gboolean import = import_option.requested || g_variant_dict_contains (options, OPT_IMPORT);
  guint n_actions;

  g_return_val_if_fail (options != NULL, VIEWER_ACCOUNT_CLI_EXIT_USAGE);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), VIEWER_ACCOUNT_CLI_EXIT_USAGE);

  g_variant_dict_lookup (options, OPT_ADD, "&s", &add);
  g_variant_dict_lookup (options, OPT_USERNAME, "&s", &username);
  g_variant_dict_lookup (options, OPT_REMOVE, "&s", &remove);
  g_variant_dict_lookup (options, OPT_SET_DEFAULT, "&s", &set_default);
  g_variant_dict_lookup (options, OPT_VERIFY, "&s", &verify);
  g_variant_dict_lookup (options, OPT_EXPORT, "&s", &export);
  g_variant_dict_lookup (options, OPT_CARTOFRAMES_FILE, "^&ay", &cartoframes_file);
  /* Callers may also pass the import file in the dict. */
  if (!g_variant_dict_lookup (options, OPT_IMPORT, "&s", &import_path))
    import_path = import_option.path;

  n_actions = !!list + (add != NULL) + (remove != NULL) + (set_default != NULL) +
              (verify != NULL) + !!import + (export != NULL);

  if (n_actions == 0)
    {
      if (allow_insecure || username != NULL || cartoframes_file != NULL)
        return usage_error (_("--allow-insecure, --username and --cartoframes-file go with an account option; see --help."));
      return -1;
    }
  if (n_actions > 1)
    return usage_error (_("Give one account option at a time; see --help."));
  if ((allow_insecure || username != NULL) && add == NULL)
    return usage_error (_("--allow-insecure and --username go with --add-account."));
  if (cartoframes_file != NULL && !import && export == NULL)
    return usage_error (_("--cartoframes-file goes with --import-cartoframes-creds or --export-cartoframes-creds."));
  if (import && import_path != NULL && cartoframes_file != NULL)
    return usage_error (_("Give the file to import once."));

  /* GLib prints debug and info messages on stdout; scripts read stdout.
   * (g_log_writer_default_set_use_stderr() is refused once GDBus or
   * GSettings have started a thread, as they have by now.) */
  g_log_set_default_handler (log_to_stderr, NULL);

  cli.store = carto_credential_store_new (settings);
  cli.exit_code = VIEWER_ACCOUNT_CLI_EXIT_OK;

  if (list)
    {
      cli.action = ACTION_LIST;
    }
  else if (add != NULL)
    {
      int status;

      cli.action = ACTION_ADD;
      status = prepare_add (&cli, add, username, allow_insecure);
      if (status != VIEWER_ACCOUNT_CLI_EXIT_OK)
        return status;
    }
  else if (import)
    {
      const char *path = import_path != NULL ? import_path : cartoframes_file;

      cli.action = ACTION_IMPORT;
      if (path != NULL)
        cli.file = g_file_new_for_commandline_arg (path);
    }
  else
    {
      if (remove != NULL)
        cli.action = ACTION_REMOVE;
      else if (set_default != NULL)
        cli.action = ACTION_SET_DEFAULT;
      else if (verify != NULL)
        cli.action = ACTION_VERIFY;
      else
        cli.action = ACTION_EXPORT;
      cli.account_name = g_strdup (remove ? remove : set_default ? set_default : verify ? verify : export);
      if (cartoframes_file != NULL)
        cli.file = g_file_new_for_commandline_arg (cartoframes_file);
    }

  cli.loop = g_main_loop_new (NULL, FALSE);
  switch (cli.action)
    {
    case ACTION_ADD:
      carto_credential_store_add_async (cli.store, cli.credentials, NULL, add_cb, &cli);
      break;

    case ACTION_IMPORT:
      carto_cartoframes_file_import_async (cli.store, cli.file, NULL, import_cb, &cli);
      break;

    case ACTION_LIST:
    case ACTION_REMOVE:
    case ACTION_SET_DEFAULT:
    case ACTION_VERIFY:
    case ACTION_EXPORT:
      carto_credential_store_load_async (cli.store, NULL, load_cb, &cli);
      break;

    case ACTION_NONE:
    default:
      g_assert_not_reached ();
    }
  g_main_loop_run (cli.loop);

  return cli.exit_code;
}
