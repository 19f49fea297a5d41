/* carto-credentials.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CARTOframes 1.x `Credentials` (docs/carto-api.md §1.1, §1.6) plus our
 * extensions: the username is derived from a base URL as carto-python does
 * (§1.2), because the Basic auth header must carry the URL's user (§2.2),
 * and input is validated so a half-usable object never exists.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "carto-credentials.h"
#include "carto-enums.h"

/* DNS labels are at most 63 bytes, and cloud usernames are host labels. */
#define MAX_USERNAME_LENGTH 63

struct _CartoCredentials
{
  GObject parent_instance;

  char *username;
  char *api_key;
  char *base_url;
  CartoCredentialsFlags flags;
};

G_DEFINE_FINAL_TYPE (CartoCredentials, carto_credentials, G_TYPE_OBJECT)

G_DEFINE_QUARK (carto-credentials-error-quark, carto_credentials_error)

enum {
  PROP_0,
  PROP_USERNAME,
  PROP_API_KEY,
  PROP_BASE_URL,
  PROP_FLAGS,
  PROP_IS_PUBLIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_nonempty (const char *s)
{
  return s != NULL && *s != '\0';
}

/* CARTO usernames are lowercase letters, digits and hyphens; CARTOframes'
 * own examples use underscores (`fake_user`), so those pass too. */
static gboolean
username_is_valid (const char *username)
{
  gsize len = strlen (username);

  if (len == 0 || len > MAX_USERNAME_LENGTH)
    return FALSE;
  if (!g_ascii_islower (username[0]) && !g_ascii_isdigit (username[0]))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      char c = username[i];

      if (!g_ascii_islower (c) && !g_ascii_isdigit (c) && c != '-' && c != '_')
        return FALSE;
    }
  return TRUE;
}

/* Keys go into an HTTP header: printable ASCII without spaces only. */
static gboolean
api_key_is_valid (const char *api_key)
{
  for (const char *p = api_key; *p != '\0'; p++)
    {
      if (*p <= ' ' || *p > '~')
        return FALSE;
    }
  return TRUE;
}

/* carto-python's `_UsernameGetter`: `/user/NAME/` in the path wins. */
static char *
username_from_path (GUri *uri)
{
  const char *path = g_uri_get_path (uri);
  const char *start;
  const char *end;

  if (!g_str_has_prefix (path, "/user/"))
    return NULL;
  start = path + strlen ("/user/");
  end = strchr (start, '/');
  if (end == NULL)
    end = start + strlen (start);
  if (end == start)
    return NULL;
  return g_strndup (start, end - start);
}

/* …else the host's first label, without a leading `www.`; a host without a
 * dot names no user (`https://wrongurl`, `http://localhost:8080`). */
static char *
username_from_host (GUri *uri)
{
  g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri), -1);
  const char *start = host;
  const char *dot;

  if (g_str_has_prefix (start, "www."))
    start += strlen ("www.");
  dot = strchr (start, '.');
  if (dot == NULL || dot == start)
    return NULL;
  return g_strndup (start, dot - start);
}

static char *
strip_trailing_slashes (const char *s)
{
  gsize len = strlen (s);

  while (len > 0 && s[len - 1] == '/')
    len--;
  return g_strndup (s, len);
}

/* Parses and checks a base URL. Messages never quote the URL: a pasted one
 * may carry an `api_key` parameter or a password. */
static GUri *
parse_base_url (const char            *base_url,
                CartoCredentialsFlags  flags,
                GError               **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *scheme;

  uri = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, &local_error);
  if (uri == NULL)
    {
      g_debug ("Base URL rejected by GUri: %s", local_error->message);
      g_set_error_literal (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_BASE_URL,
                           _("The server address is not a valid URL. Enter a full address such as https://USERNAME.carto.com."));
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    {
      g_set_error_literal (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_UNSUPPORTED_SCHEME,
                           _("The server address must start with https://."));
      return NULL;
    }

  if (!is_nonempty (g_uri_get_host (uri)))
    {
      g_set_error_literal (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_BASE_URL,
                           _("The server address has no host name. Enter a full address such as https://USERNAME.carto.com."));
      return NULL;
    }

  if (g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error_literal (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_BASE_URL,
                           _("The server address must not contain a user name or password; enter the username and the API key in their own fields."));
      return NULL;
    }

  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_BASE_URL,
                           _("The server address must not contain “?” or “#” parts; enter only the address of the account, such as https://USERNAME.carto.com."));
      return NULL;
    }

  /* CARTOframes checks the scheme only: loopback is not exempt (§1.1). */
  if (g_ascii_strcasecmp (scheme, "https") != 0 && !(flags & CARTO_CREDENTIALS_ALLOW_NON_SECURE))
    {
      g_set_error_literal (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INSECURE_BASE_URL,
                           _("The server address must use https://. Allow insecure connections to use a plain http:// server."));
      return NULL;
    }

  return g_steal_pointer (&uri);
}

static gboolean
check_username (const char  *username,
                GError     **error)
{
  if (username_is_valid (username))
    return TRUE;

  g_set_error_literal (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_USERNAME,
                       _("A CARTO username has only lowercase letters, digits, hyphens and underscores, and starts with a letter or a digit."));
  return FALSE;
}

static void
carto_credentials_finalize (GObject *object)
{
  CartoCredentials *self = (CartoCredentials *)object;

  g_free (self->username);
  if (self->api_key != NULL)
    {
      /* Do not leave the key in freed heap memory. */
      memset (self->api_key, 0, strlen (self->api_key));
      g_free (self->api_key);
    }
  g_free (self->base_url);

  G_OBJECT_CLASS (carto_credentials_parent_class)->finalize (object);
}

static void
carto_credentials_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CartoCredentials *self = CARTO_CREDENTIALS (object);

  switch (prop_id)
    {
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;

    case PROP_API_KEY:
      g_value_set_string (value, self->api_key);
      break;

    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_FLAGS:
      g_value_set_flags (value, self->flags);
      break;

    case PROP_IS_PUBLIC:
      g_value_set_boolean (value, carto_credentials_is_public (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_credentials_class_init (CartoCredentialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carto_credentials_finalize;
  object_class->get_property = carto_credentials_get_property;

  /* Read-only: the only way in is carto_credentials_new(), which validates. */
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_API_KEY] =
    g_param_spec_string ("api-key", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FLAGS] =
    g_param_spec_flags ("flags", NULL, NULL,
                        CARTO_TYPE_CREDENTIALS_FLAGS, CARTO_CREDENTIALS_FLAGS_NONE,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_PUBLIC] =
    g_param_spec_boolean ("is-public", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_credentials_init (CartoCredentials *self)
{
}

/**
 * carto_credentials_new:
 * @username: (nullable): the CARTO username, or %NULL/empty to derive it
 *   from @base_url
 * @api_key: (nullable): the API key, or %NULL/empty for
 *   %CARTO_DEFAULT_PUBLIC_KEY (public datasets only)
 * @base_url: (nullable): the account's base URL, or %NULL/empty for the
 *   cloud address `https://USERNAME.carto.com`
 * @flags: %CARTO_CREDENTIALS_ALLOW_NON_SECURE to accept a plain `http`
 *   base URL
 * @error: return location for a %CARTO_CREDENTIALS_ERROR
 *
 * Validates and builds credentials the way CARTOframes 1.x does: trailing
 * slashes are stripped from @base_url, and a missing key means
 * `default_public`. Unlike CARTOframes, the username is always known: with
 * only a base URL it is taken from a `/user/NAME` path or else from the
 * first host label without `www.`, as carto-python does. An explicit
 * @username must match a `/user/NAME` path, but wins over a host-derived
 * name (custom domains, organizations).
 *
 * Returns: (transfer full): the credentials, or %NULL with @error set
 */
CartoCredentials *
carto_credentials_new (const char            *username,
                       const char            *api_key,
                       const char            *base_url,
                       CartoCredentialsFlags  flags,
                       GError               **error)
{
  g_autoptr(CartoCredentials) self = NULL;
  g_autofree char *final_username = NULL;
  g_autofree char *final_base_url = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!is_nonempty (username) && !is_nonempty (base_url))
    {
      g_set_error_literal (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_NO_ACCOUNT,
                           _("Enter a CARTO username or the server address of the account."));
      return NULL;
    }

  if (is_nonempty (username) && !check_username (username, error))
    return NULL;

  if (is_nonempty (api_key) && !api_key_is_valid (api_key))
    {
      g_set_error_literal (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_API_KEY,
                           _("The API key contains spaces or characters an API key cannot have. Copy it again from the API keys page of your CARTO dashboard."));
      return NULL;
    }

  if (is_nonempty (base_url))
    {
      g_autoptr(GUri) uri = parse_base_url (base_url, flags, error);
      g_autofree char *path_user = NULL;

      if (uri == NULL)
        return NULL;

      path_user = username_from_path (uri);
      if (path_user != NULL)
        {
          if (!username_is_valid (path_user))
            {
              g_set_error_literal (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_INVALID_USERNAME,
                                   _("The user named in the server address’s /user/ path is not a valid CARTO username."));
              return NULL;
            }
          if (is_nonempty (username) && strcmp (username, path_user) != 0)
            {
              g_set_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_USERNAME_MISMATCH,
                           _("The username “%s” does not match the user “%s” in the server address."),
                           username, path_user);
              return NULL;
            }
          final_username = g_steal_pointer (&path_user);
        }
      else if (is_nonempty (username))
        {
          final_username = g_strdup (username);
        }
      else
        {
          g_autofree char *host_user = username_from_host (uri);

          if (host_user == NULL || !username_is_valid (host_user))
            {
              g_set_error_literal (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_USERNAME_REQUIRED,
                                   _("The username cannot be found in the server address. Enter the username too."));
              return NULL;
            }
          final_username = g_steal_pointer (&host_user);
        }

      final_base_url = strip_trailing_slashes (base_url);
    }
  else
    {
      final_username = g_strdup (username);
      final_base_url = g_strdup_printf ("https://%s.carto.com", username);
    }

  self = g_object_new (CARTO_TYPE_CREDENTIALS, NULL);
  self->username = g_steal_pointer (&final_username);
  self->base_url = g_steal_pointer (&final_base_url);
  self->api_key = g_strdup (is_nonempty (api_key) ? api_key : CARTO_DEFAULT_PUBLIC_KEY);
  self->flags = flags;

  return g_steal_pointer (&self);
}

/**
 * carto_credentials_get_username:
 * @self: a #CartoCredentials
 *
 * Returns: the username: the one given, or the one derived from the base URL
 */
const char *
carto_credentials_get_username (CartoCredentials *self)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (self), NULL);

  return self->username;
}

/**
 * carto_credentials_get_api_key:
 * @self: a #CartoCredentials
 *
 * The key is a secret: send it only with carto_credentials_apply_auth(),
 * never log it or put it into a URL.
 *
 * Returns: the API key, %CARTO_DEFAULT_PUBLIC_KEY when none was given
 */
const char *
carto_credentials_get_api_key (CartoCredentials *self)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (self), NULL);

  return self->api_key;
}

/**
 * carto_credentials_get_base_url:
 * @self: a #CartoCredentials
 *
 * Returns: the base URL without trailing slashes
 */
const char *
carto_credentials_get_base_url (CartoCredentials *self)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (self), NULL);

  return self->base_url;
}

/**
 * carto_credentials_get_flags:
 * @self: a #CartoCredentials
 *
 * Returns: the flags given to carto_credentials_new()
 */
CartoCredentialsFlags
carto_credentials_get_flags (CartoCredentials *self)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (self), CARTO_CREDENTIALS_FLAGS_NONE);

  return self->flags;
}

/**
 * carto_credentials_get_allow_non_secure:
 * @self: a #CartoCredentials
 *
 * Returns: whether a plain `http` base URL was allowed
 */
gboolean
carto_credentials_get_allow_non_secure (CartoCredentials *self)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (self), FALSE);

  return (self->flags & CARTO_CREDENTIALS_ALLOW_NON_SECURE) != 0;
}

/**
 * carto_credentials_is_public:
 * @self: a #CartoCredentials
 *
 * Returns: whether the key is %CARTO_DEFAULT_PUBLIC_KEY, which reads
 *   public datasets only
 */
gboolean
carto_credentials_is_public (CartoCredentials *self)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (self), TRUE);

  return strcmp (self->api_key, CARTO_DEFAULT_PUBLIC_KEY) == 0;
}

/**
 * carto_credentials_dup_sql_api_url:
 * @self: a #CartoCredentials
 *
 * Returns: (transfer full): the SQL API endpoint, `BASE_URL/api/v2/sql`
 */
char *
carto_credentials_dup_sql_api_url (CartoCredentials *self)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (self), NULL);

  return g_strconcat (self->base_url, "/api/v2/sql", NULL);
}

/**
 * carto_credentials_dup_maps_api_url:
 * @self: a #CartoCredentials
 *
 * Returns: (transfer full): the Maps API endpoint for anonymous maps,
 *   `BASE_URL/api/v1/map`
 */
char *
carto_credentials_dup_maps_api_url (CartoCredentials *self)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (self), NULL);

  return g_strconcat (self->base_url, "/api/v1/map", NULL);
}

/**
 * carto_credentials_dup_host:
 * @self: a #CartoCredentials
 *
 * The host (with the port, if any) of the base URL, to show next to the
 * username.
 *
 * Returns: (transfer full): the host
 */
char *
carto_credentials_dup_host (CartoCredentials *self)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (CARTO_IS_CREDENTIALS (self), NULL);

  /* Parsed successfully once in carto_credentials_new(). */
  uri = g_uri_parse (self->base_url, G_URI_FLAGS_ENCODED, NULL);
  g_assert (uri != NULL);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

/**
 * carto_credentials_equal:
 * @a: a #CartoCredentials
 * @b: a #CartoCredentials
 *
 * Compares the way CARTOframes' `==` does: username, API key and base URL.
 *
 * Returns: whether @a and @b are equal
 */
gboolean
carto_credentials_equal (CartoCredentials *a,
                         CartoCredentials *b)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (a), FALSE);
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (b), FALSE);

  return carto_credentials_same_account (a, b) &&
         strcmp (a->api_key, b->api_key) == 0;
}

/**
 * carto_credentials_same_account:
 * @a: a #CartoCredentials
 * @b: a #CartoCredentials
 *
 * An account is identified by its username and base URL; the key may
 * change.
 *
 * Returns: whether @a and @b name the same account
 */
gboolean
carto_credentials_same_account (CartoCredentials *a,
                                CartoCredentials *b)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (a), FALSE);
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (b), FALSE);

  return strcmp (a->username, b->username) == 0 &&
         strcmp (a->base_url, b->base_url) == 0;
}

/**
 * carto_credentials_to_string:
 * @self: a #CartoCredentials
 *
 * A description for logs and debugging in CARTOframes' `str()` format,
 * except that a private key is shown as `'***'`. Only the public key
 * `default_public`, which is no secret, is shown as is.
 *
 * Returns: (transfer full): the redacted description
 */
char *
carto_credentials_to_string (CartoCredentials *self)
{
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (self), NULL);

  return g_strdup_printf ("Credentials(username='%s', api_key='%s', base_url='%s')",
                          self->username,
                          carto_credentials_is_public (self) ? CARTO_DEFAULT_PUBLIC_KEY : "***",
                          self->base_url);
}

/**
 * carto_credentials_apply_auth:
 * @self: a #CartoCredentials
 * @message: a request to the account's server
 *
 * Sets `Authorization: Basic base64(USERNAME:API_KEY)`, the only way our
 * keys travel (§2.2). The username is the base URL's user, as the
 * SQL and Maps APIs require; `default_public` is sent too, so public
 * credentials get exactly the public role.
 */
void
carto_credentials_apply_auth (CartoCredentials *self,
                              SoupMessage      *message)
{
  g_autofree char *plain = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *value = NULL;

  g_return_if_fail (CARTO_IS_CREDENTIALS (self));
  g_return_if_fail (SOUP_IS_MESSAGE (message));

  plain = g_strconcat (self->username, ":", self->api_key, NULL);
  encoded = g_base64_encode ((const guchar *)plain, strlen (plain));
  value = g_strconcat ("Basic ", encoded, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message),
                                "Authorization", value);

  memset (plain, 0, strlen (plain));
  memset (encoded, 0, strlen (encoded));
  memset (value, 0, strlen (value));
}
