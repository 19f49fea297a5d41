/* carto-credentials.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <libsoup/soup.h>

G_BEGIN_DECLS

/**
 * CARTO_DEFAULT_PUBLIC_KEY:
 *
 * The API key every CARTO user has that reads public datasets only, and the
 * key used when none is given (docs/carto-api.md §3).
 */
#define CARTO_DEFAULT_PUBLIC_KEY "default_public"

#define CARTO_CREDENTIALS_ERROR (carto_credentials_error_quark ())

/**
 * CartoCredentialsError:
 * @CARTO_CREDENTIALS_ERROR_FAILED: something else went wrong
 * @CARTO_CREDENTIALS_ERROR_NO_ACCOUNT: neither a username nor a base URL was given
 * @CARTO_CREDENTIALS_ERROR_INVALID_USERNAME: the username is empty or has
 *   characters a CARTO username cannot have
 * @CARTO_CREDENTIALS_ERROR_INVALID_BASE_URL: the base URL cannot be parsed,
 *   has no host, or has user info, a query or a fragment
 * @CARTO_CREDENTIALS_ERROR_UNSUPPORTED_SCHEME: the base URL is neither
 *   `https` nor `http`
 * @CARTO_CREDENTIALS_ERROR_INSECURE_BASE_URL: the base URL is plain `http`
 *   and %CARTO_CREDENTIALS_ALLOW_NON_SECURE was not given
 * @CARTO_CREDENTIALS_ERROR_USERNAME_REQUIRED: only a base URL was given and
 *   no username can be derived from it
 * @CARTO_CREDENTIALS_ERROR_USERNAME_MISMATCH: the username differs from the
 *   one in the base URL's `/user/NAME` path
 * @CARTO_CREDENTIALS_ERROR_INVALID_API_KEY: the API key has spaces,
 *   control or non-ASCII characters
 * @CARTO_CREDENTIALS_ERROR_KEYRING_UNAVAILABLE: no Secret Service answers
 * @CARTO_CREDENTIALS_ERROR_KEYRING_LOCKED: the keyring stayed locked (the
 *   unlock prompt was dismissed or could not be shown)
 * @CARTO_CREDENTIALS_ERROR_NOT_FOUND: no such account
 * @CARTO_CREDENTIALS_ERROR_AMBIGUOUS: several accounts match the name given
 * @CARTO_CREDENTIALS_ERROR_FILE_NOT_FOUND: the CARTOframes credentials file
 *   does not exist
 * @CARTO_CREDENTIALS_ERROR_INVALID_FILE: the CARTOframes credentials file is
 *   not in CARTOframes' format
 * @CARTO_CREDENTIALS_ERROR_FILE_IO: the CARTOframes credentials file could
 *   not be read or written
 *
 * Errors of credentials, of the account store and of CARTOframes files.
 * Every message is translated and never contains an API key.
 */
typedef enum
{
  CARTO_CREDENTIALS_ERROR_FAILED,
  CARTO_CREDENTIALS_ERROR_NO_ACCOUNT,
  CARTO_CREDENTIALS_ERROR_INVALID_USERNAME,
  CARTO_CREDENTIALS_ERROR_INVALID_BASE_URL,
  CARTO_CREDENTIALS_ERROR_UNSUPPORTED_SCHEME,
  CARTO_CREDENTIALS_ERROR_INSECURE_BASE_URL,
  CARTO_CREDENTIALS_ERROR_USERNAME_REQUIRED,
  CARTO_CREDENTIALS_ERROR_USERNAME_MISMATCH,
  CARTO_CREDENTIALS_ERROR_INVALID_API_KEY,
  CARTO_CREDENTIALS_ERROR_KEYRING_UNAVAILABLE,
  CARTO_CREDENTIALS_ERROR_KEYRING_LOCKED,
  CARTO_CREDENTIALS_ERROR_NOT_FOUND,
  CARTO_CREDENTIALS_ERROR_AMBIGUOUS,
  CARTO_CREDENTIALS_ERROR_FILE_NOT_FOUND,
  CARTO_CREDENTIALS_ERROR_INVALID_FILE,
  CARTO_CREDENTIALS_ERROR_FILE_IO,
} CartoCredentialsError;

/**
 * CartoCredentialsFlags:
 * @CARTO_CREDENTIALS_FLAGS_NONE: only `https` base URLs
 * @CARTO_CREDENTIALS_ALLOW_NON_SECURE: accept a plain `http` base URL
 *   (CARTOframes' `allow_non_secure`), e.g. for a local server
 */
typedef enum /*< flags >*/
{
  CARTO_CREDENTIALS_FLAGS_NONE = 0,
  CARTO_CREDENTIALS_ALLOW_NON_SECURE = 1 << 0,
} CartoCredentialsFlags;

#define CARTO_TYPE_CREDENTIALS (carto_credentials_get_type ())

G_DECLARE_FINAL_TYPE (CartoCredentials, carto_credentials, CARTO, CREDENTIALS, GObject)

GQuark                carto_credentials_error_quark    (void);

CartoCredentials     *carto_credentials_new            (const char            *username,
                                                        const char            *api_key,
                                                        const char            *base_url,
                                                        CartoCredentialsFlags  flags,
                                                        GError               **error);

const char           *carto_credentials_get_username   (CartoCredentials *self);
const char           *carto_credentials_get_api_key    (CartoCredentials *self);
const char           *carto_credentials_get_base_url   (CartoCredentials *self);
CartoCredentialsFlags carto_credentials_get_flags      (CartoCredentials *self);
gboolean              carto_credentials_get_allow_non_secure (CartoCredentials *self);
gboolean              carto_credentials_is_public      (CartoCredentials *self);

char                 *carto_credentials_dup_sql_api_url  (CartoCredentials *self);
char                 *carto_credentials_dup_maps_api_url (CartoCredentials *self);
char                 *carto_credentials_dup_host         (CartoCredentials *self);

gboolean              carto_credentials_equal          (CartoCredentials *a,
                                                        CartoCredentials *b);
gboolean              carto_credentials_same_account   (CartoCredentials *a,
                                                        CartoCredentials *b);
char                 *carto_credentials_to_string      (CartoCredentials *self);

void                  carto_credentials_apply_auth     (CartoCredentials *self,
                                                        SoupMessage      *message);

G_END_DECLS
