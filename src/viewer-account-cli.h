/* viewer-account-cli.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * ViewerAccountCliExit:
 * @VIEWER_ACCOUNT_CLI_EXIT_OK: done
 * @VIEWER_ACCOUNT_CLI_EXIT_USAGE: options that do not go together
 * @VIEWER_ACCOUNT_CLI_EXIT_INVALID: invalid username, URL, key or file
 * @VIEWER_ACCOUNT_CLI_EXIT_KEYRING: no keyring, or it stayed locked
 * @VIEWER_ACCOUNT_CLI_EXIT_NOT_FOUND: no such account or file
 * @VIEWER_ACCOUNT_CLI_EXIT_VERIFY_FAILED: the server refused the account
 *   or could not be reached
 *
 * The exit statuses of the account options, as `--help` lists them.
 */
typedef enum
{
  VIEWER_ACCOUNT_CLI_EXIT_OK = 0,
  VIEWER_ACCOUNT_CLI_EXIT_USAGE = 1,
  VIEWER_ACCOUNT_CLI_EXIT_INVALID = 2,
  VIEWER_ACCOUNT_CLI_EXIT_KEYRING = 3,
  VIEWER_ACCOUNT_CLI_EXIT_NOT_FOUND = 4,
  VIEWER_ACCOUNT_CLI_EXIT_VERIFY_FAILED = 5,
} ViewerAccountCliExit;

void viewer_account_cli_add_options (GApplication *app);
int  viewer_account_cli_run         (GVariantDict *options,
                                     GSettings    *settings);

G_END_DECLS
