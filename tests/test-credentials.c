/* test-credentials.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CartoCredentials against CARTOframes 1.x (docs/carto-api.md §1.1, every
 * row of the §1.6 table), the seed document's examples, and each validation
 * rule of our extensions with its error code.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>

#define U "fake_user"
#define K "fake_api_key"
#define B "https://fake_user.carto.com/"
#define P "https://turtleland.com/user/fake_user"

static CartoCredentials *
new_ok (const char            *username,
        const char            *api_key,
        const char            *base_url,
        CartoCredentialsFlags  flags)
{
  g_autoptr(GError) error = NULL;
  CartoCredentials *c = carto_credentials_new (username, api_key, base_url, flags, &error);

  g_assert_no_error (error);
  g_assert_true (CARTO_IS_CREDENTIALS (c));
  return c;
}

static void
assert_creds (CartoCredentials *c,
              const char       *username,
              const char       *base_url,
              const char       *api_key)
{
  g_assert_cmpstr (carto_credentials_get_username (c), ==, username);
  g_assert_cmpstr (carto_credentials_get_base_url (c), ==, base_url);
  g_assert_cmpstr (carto_credentials_get_api_key (c), ==, api_key);
}

static void
assert_fails (const char            *username,
              const char            *api_key,
              const char            *base_url,
              CartoCredentialsFlags  flags,
              CartoCredentialsError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoCredentials) c = carto_credentials_new (username, api_key, base_url, flags, &error);

  g_assert_null (c);
  g_assert_error (error, CARTO_CREDENTIALS_ERROR, (int)code);
  g_assert_cmpstr (error->message, !=, "");
  /* Secrets must never reach a message, wherever they were typed. */
  g_assert_null (strstr (error->message, "s3cr3t"));
  if (api_key != NULL && *api_key != '\0')
    g_assert_null (strstr (error->message, api_key));
}

/* §1.6 row 1: Credentials(U, K), or by keyword. */
static void
test_username_and_key (void)
{
  g_autoptr(CartoCredentials) c = new_ok (U, K, NULL, CARTO_CREDENTIALS_FLAGS_NONE);

  assert_creds (c, U, "https://fake_user.carto.com", K);
  g_assert_false (carto_credentials_is_public (c));
}

/* §1.6 row 2: Credentials(U); empty key = no key. */
static void
test_username_only (void)
{
  g_autoptr(CartoCredentials) c = new_ok (U, NULL, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) e = new_ok (U, "", NULL, CARTO_CREDENTIALS_FLAGS_NONE);

  assert_creds (c, U, "https://fake_user.carto.com", "default_public");
  g_assert_true (carto_credentials_is_public (c));
  assert_creds (e, U, "https://fake_user.carto.com", CARTO_DEFAULT_PUBLIC_KEY);
  g_assert_true (carto_credentials_equal (c, e));
}

/* §1.6 row 3: Credentials(api_key=K, base_url=B). CARTOframes leaves the
 * username None; we derive it from the host, as carto-python does. */
static void
test_base_url_and_key (void)
{
  g_autoptr(CartoCredentials) c = new_ok (NULL, K, B, CARTO_CREDENTIALS_FLAGS_NONE);

  assert_creds (c, U, "https://fake_user.carto.com", K);
}

/* §1.6 row 4: Credentials(api_key=K, username=U, base_url=P). */
static void
test_username_and_path_url (void)
{
  g_autoptr(CartoCredentials) c = new_ok (U, K, P, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) d = new_ok (NULL, K, P "/", CARTO_CREDENTIALS_FLAGS_NONE);

  assert_creds (c, U, P, K);
  assert_creds (d, U, P, K);
  g_assert_true (carto_credentials_equal (c, d));
}

/* §1.6 row 5: Credentials(api_key=K), or with username=None, base_url=None. */
static void
test_neither_username_nor_url (void)
{
  assert_fails (NULL, K, NULL, CARTO_CREDENTIALS_FLAGS_NONE, CARTO_CREDENTIALS_ERROR_NO_ACCOUNT);
  assert_fails ("", K, "", CARTO_CREDENTIALS_FLAGS_NONE, CARTO_CREDENTIALS_ERROR_NO_ACCOUNT);
  assert_fails (NULL, NULL, NULL, CARTO_CREDENTIALS_FLAGS_NONE, CARTO_CREDENTIALS_ERROR_NO_ACCOUNT);
}

/* §1.6 row 6: from_credentials() copies, and the copy is ==. C's types
 * make `from_credentials({})` impossible, so only equality is left. */
static void
test_equality (void)
{
  g_autoptr(CartoCredentials) a = new_ok ("jackson-5", "abc123", NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) b = new_ok ("jackson-5", "abc123", NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) other_key = new_ok ("jackson-5", "abc124", NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) other_user = new_ok ("jackson-6", "abc123", NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) other_url = new_ok ("jackson-5", "abc123", "https://x.example.com/user/jackson-5",
                                                  CARTO_CREDENTIALS_FLAGS_NONE);

  g_assert_true (a != b);
  g_assert_true (carto_credentials_equal (a, b));
  g_assert_false (carto_credentials_equal (a, other_key));
  g_assert_true (carto_credentials_same_account (a, other_key));
  g_assert_false (carto_credentials_equal (a, other_user));
  g_assert_false (carto_credentials_same_account (a, other_user));
  g_assert_false (carto_credentials_equal (a, other_url));
  g_assert_false (carto_credentials_same_account (a, other_url));
}

/* §1.6 row 7: str(Credentials(U, K)), with the key redacted. */
static void
test_to_string (void)
{
  g_autoptr(CartoCredentials) c = new_ok (U, K, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) p = new_ok (U, NULL, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autofree char *s = carto_credentials_to_string (c);
  g_autofree char *ps = carto_credentials_to_string (p);

  g_assert_cmpstr (s, ==, "Credentials(username='fake_user', api_key='***', base_url='https://fake_user.carto.com')");
  g_assert_null (strstr (s, K));
  g_assert_cmpstr (ps, ==, "Credentials(username='fake_user', api_key='default_public', base_url='https://fake_user.carto.com')");
}

/* §1.6 rows 9 and 10: Source('t', Credentials(...)). The second row's
 * username is None in CARTOframes; we derive `fakeuser`. */
static void
test_source_rows (void)
{
  g_autoptr(CartoCredentials) a = new_ok ("fakeuser", "1234", NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) b = new_ok (NULL, NULL, "https://fakeuser.carto.com", CARTO_CREDENTIALS_FLAGS_NONE);

  assert_creds (a, "fakeuser", "https://fakeuser.carto.com", "1234");
  assert_creds (b, "fakeuser", "https://fakeuser.carto.com", "default_public");
}

/* §1.6 rows 11 and 12: carto-python's username from a base URL. */
static void
test_carto_python_usernames (void)
{
  struct {
    const char *url;
    const char *username;
  } cases[] = {
    { "https://user1.carto.com/a/b/c", "user1" },
    { "https://www.user2.carto.com", "user2" },
    { "http://www.user3.carto.com/a/b/c", "user3" },
    { "https://carto.com/user/user1/a/b/c", "user1" },
    { "https://www.carto.com/user/user2", "user2" },
    { "http://www.carto.com/user/user3/a/b/c", "user3" },
    /* §1.2's inferred case: address the test server by path. */
    { "http://127.0.0.1:8080/user/alice", "alice" },
    { "http://127.0.0.1:8080", "127" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CartoCredentials) c = new_ok (NULL, NULL, cases[i].url, CARTO_CREDENTIALS_ALLOW_NON_SECURE);

      g_assert_cmpstr (carto_credentials_get_username (c), ==, cases[i].username);
      g_assert_cmpstr (carto_credentials_get_base_url (c), ==, cases[i].url);
    }

  assert_fails (NULL, NULL, "https://wrongurl", CARTO_CREDENTIALS_FLAGS_NONE,
                CARTO_CREDENTIALS_ERROR_USERNAME_REQUIRED);
}

/* The seed document's three ways in. */
static void
test_seed_examples (void)
{
  g_autoptr(CartoCredentials) by_name = new_ok ("your_user_name", "default_public", NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) by_url = new_ok (NULL, "default_public", "https://your_user_name.carto.com/",
                                               CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) public_only = new_ok ("your_user_name", NULL, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) with_key = new_ok ("your_user_name", "your_api_key", NULL, CARTO_CREDENTIALS_FLAGS_NONE);

  assert_creds (by_name, "your_user_name", "https://your_user_name.carto.com", "default_public");
  assert_creds (by_url, "your_user_name", "https://your_user_name.carto.com", "default_public");
  g_assert_true (carto_credentials_equal (by_name, by_url));
  g_assert_true (carto_credentials_equal (by_name, public_only));
  g_assert_true (carto_credentials_is_public (public_only));
  g_assert_false (carto_credentials_is_public (with_key));
}

static void
test_trailing_slashes (void)
{
  g_autoptr(CartoCredentials) c = new_ok (NULL, NULL, "https://u.carto.com///", CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) d = new_ok (NULL, NULL, "https://h.example.com/user/u/", CARTO_CREDENTIALS_FLAGS_NONE);

  g_assert_cmpstr (carto_credentials_get_base_url (c), ==, "https://u.carto.com");
  g_assert_cmpstr (carto_credentials_get_base_url (d), ==, "https://h.example.com/user/u");
}

static void
test_invalid_username (void)
{
  const char *bad[] = { "John", "a b", "-abc", "_abc", "a/b", "a.b", "jos\xc3\xa9", " u",
                        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" };
  g_autoptr(CartoCredentials) longest = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_fails (bad[i], K, NULL, CARTO_CREDENTIALS_FLAGS_NONE, CARTO_CREDENTIALS_ERROR_INVALID_USERNAME);

  /* 63 characters is a DNS label's limit and still fine. */
  longest = new_ok ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL, NULL,
                    CARTO_CREDENTIALS_FLAGS_NONE);
  g_assert_cmpuint (strlen (carto_credentials_get_username (longest)), ==, 63);
  /* The user in a /user/NAME path obeys the same rule. */
  assert_fails (NULL, K, "https://carto.com/user/John", CARTO_CREDENTIALS_FLAGS_NONE,
                CARTO_CREDENTIALS_ERROR_INVALID_USERNAME);
}

static void
test_invalid_base_url (void)
{
  const char *bad[] = {
    "not a url",
    "fake_user.carto.com",
    "https://",
    "https:///user/u",
    "https://u.carto.com/?api_key=s3cr3t",
    "https://u.carto.com/#s3cr3t",
    "https://u:s3cr3t@u.carto.com",
    "https://u.carto.com/%zz",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_fails (U, NULL, bad[i], CARTO_CREDENTIALS_FLAGS_NONE, CARTO_CREDENTIALS_ERROR_INVALID_BASE_URL);
}

static void
test_wrong_scheme (void)
{
  assert_fails (U, NULL, "ftp://fake_user.carto.com", CARTO_CREDENTIALS_ALLOW_NON_SECURE,
                CARTO_CREDENTIALS_ERROR_UNSUPPORTED_SCHEME);
  assert_fails (NULL, NULL, "file:///home/u", CARTO_CREDENTIALS_FLAGS_NONE,
                CARTO_CREDENTIALS_ERROR_UNSUPPORTED_SCHEME);
}

/* CARTOframes: only https, unless allow_non_secure; loopback not exempt. */
static void
test_insecure (void)
{
  g_autoptr(CartoCredentials) c = NULL;

  assert_fails (U, K, "http://fake_user.carto.com", CARTO_CREDENTIALS_FLAGS_NONE,
                CARTO_CREDENTIALS_ERROR_INSECURE_BASE_URL);
  assert_fails (NULL, K, "http://127.0.0.1:8080/user/alice", CARTO_CREDENTIALS_FLAGS_NONE,
                CARTO_CREDENTIALS_ERROR_INSECURE_BASE_URL);

  c = new_ok (NULL, K, "http://127.0.0.1:8080/user/alice", CARTO_CREDENTIALS_ALLOW_NON_SECURE);
  assert_creds (c, "alice", "http://127.0.0.1:8080/user/alice", K);
  g_assert_true (carto_credentials_get_allow_non_secure (c));
  g_assert_cmpint (carto_credentials_get_flags (c), ==, CARTO_CREDENTIALS_ALLOW_NON_SECURE);
}

static void
test_username_required (void)
{
  assert_fails (NULL, K, "https://wrongurl", CARTO_CREDENTIALS_FLAGS_NONE, CARTO_CREDENTIALS_ERROR_USERNAME_REQUIRED);
  assert_fails (NULL, K, "http://localhost:8080", CARTO_CREDENTIALS_ALLOW_NON_SECURE,
                CARTO_CREDENTIALS_ERROR_USERNAME_REQUIRED);
  assert_fails (NULL, K, "https://[::1]/", CARTO_CREDENTIALS_FLAGS_NONE, CARTO_CREDENTIALS_ERROR_USERNAME_REQUIRED);
  assert_fails (NULL, K, "https://.example.com", CARTO_CREDENTIALS_FLAGS_NONE,
                CARTO_CREDENTIALS_ERROR_USERNAME_REQUIRED);
}

static void
test_username_mismatch (void)
{
  g_autoptr(CartoCredentials) same = NULL;
  g_autoptr(CartoCredentials) host = NULL;
  g_autoptr(CartoCredentials) custom = NULL;

  assert_fails ("alice", K, "https://h.example.com/user/bob", CARTO_CREDENTIALS_FLAGS_NONE,
                CARTO_CREDENTIALS_ERROR_USERNAME_MISMATCH);
  same = new_ok ("bob", K, "https://h.example.com/user/bob", CARTO_CREDENTIALS_FLAGS_NONE);
  assert_creds (same, "bob", "https://h.example.com/user/bob", K);

  /* A host-derived name (organizations, custom domains) yields to the
   * explicit one. */
  host = new_ok ("alice", K, "https://myorg.carto.com", CARTO_CREDENTIALS_FLAGS_NONE);
  assert_creds (host, "alice", "https://myorg.carto.com", K);
  custom = new_ok ("alice", K, "https://maps.example.com", CARTO_CREDENTIALS_FLAGS_NONE);
  assert_creds (custom, "alice", "https://maps.example.com", K);
}

static void
test_invalid_api_key (void)
{
  const char *bad[] = { "abc def", "abc\n", "\tabc", "cl\xc3\xa9", "abc\x7f" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_fails (U, bad[i], NULL, CARTO_CREDENTIALS_FLAGS_NONE, CARTO_CREDENTIALS_ERROR_INVALID_API_KEY);
}

static void
test_endpoints (void)
{
  g_autoptr(CartoCredentials) cloud = new_ok (U, K, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) local = new_ok (NULL, K, "http://127.0.0.1:8080/user/alice/",
                                              CARTO_CREDENTIALS_ALLOW_NON_SECURE);
  g_autofree char *sql = carto_credentials_dup_sql_api_url (cloud);
  g_autofree char *maps = carto_credentials_dup_maps_api_url (cloud);
  g_autofree char *host = carto_credentials_dup_host (cloud);
  g_autofree char *lsql = carto_credentials_dup_sql_api_url (local);
  g_autofree char *lmaps = carto_credentials_dup_maps_api_url (local);
  g_autofree char *lhost = carto_credentials_dup_host (local);

  g_assert_cmpstr (sql, ==, "https://fake_user.carto.com/api/v2/sql");
  g_assert_cmpstr (maps, ==, "https://fake_user.carto.com/api/v1/map");
  g_assert_cmpstr (host, ==, "fake_user.carto.com");
  g_assert_cmpstr (lsql, ==, "http://127.0.0.1:8080/user/alice/api/v2/sql");
  g_assert_cmpstr (lmaps, ==, "http://127.0.0.1:8080/user/alice/api/v1/map");
  g_assert_cmpstr (lhost, ==, "127.0.0.1:8080");
}

static void
test_apply_auth (void)
{
  g_autoptr(CartoCredentials) c = new_ok (NULL, K, P, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(CartoCredentials) pub = new_ok ("alice", NULL, NULL, CARTO_CREDENTIALS_FLAGS_NONE);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", "https://turtleland.com/user/fake_user/api/v2/sql?q=SELECT%201");
  g_autoptr(SoupMessage) pmsg = soup_message_new ("GET", "https://alice.carto.com/api/v2/sql?q=SELECT%201");
  g_autofree char *expected = NULL;
  g_autofree char *pexpected = NULL;
  g_autofree char *b64 = g_base64_encode ((const guchar *)U ":" K, strlen (U ":" K));
  g_autofree char *pb64 = g_base64_encode ((const guchar *)"alice:default_public", strlen ("alice:default_public"));
  g_autofree char *uri = NULL;

  expected = g_strconcat ("Basic ", b64, NULL);
  pexpected = g_strconcat ("Basic ", pb64, NULL);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", "Basic old");
  carto_credentials_apply_auth (c, msg);
  carto_credentials_apply_auth (pub, pmsg);

  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (msg), "Authorization"), ==, expected);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_request_headers (pmsg), "Authorization"), ==, pexpected);
  /* The key travels in the header only, never in the URL. */
  uri = g_uri_to_string (soup_message_get_uri (msg));
  g_assert_null (strstr (uri, K));
}

static void
test_properties (void)
{
  g_autoptr(CartoCredentials) c = new_ok (NULL, K, "http://127.0.0.1:9/user/alice", CARTO_CREDENTIALS_ALLOW_NON_SECURE);
  g_autofree char *username = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *api_key = NULL;
  CartoCredentialsFlags flags = 0;
  gboolean is_public = TRUE;

  g_object_get (c, "username", &username, "base-url", &base_url, "api-key", &api_key,
                "flags", &flags, "is-public", &is_public, NULL);
  g_assert_cmpstr (username, ==, "alice");
  g_assert_cmpstr (base_url, ==, "http://127.0.0.1:9/user/alice");
  g_assert_cmpstr (api_key, ==, K);
  g_assert_cmpint (flags, ==, CARTO_CREDENTIALS_ALLOW_NON_SECURE);
  g_assert_false (is_public);

  /* Everything is read-only: validation has a single way in. */
  g_assert_false (g_object_class_find_property (G_OBJECT_GET_CLASS (c), "username")->flags & G_PARAM_WRITABLE);
  g_assert_false (g_object_class_find_property (G_OBJECT_GET_CLASS (c), "api-key")->flags & G_PARAM_WRITABLE);
  g_assert_false (g_object_class_find_property (G_OBJECT_GET_CLASS (c), "base-url")->flags & G_PARAM_WRITABLE);
}

static void
test_guards (void)
{
  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*CARTO_IS_CREDENTIALS*");
  g_assert_null (carto_credentials_get_username (NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*SOUP_IS_MESSAGE*");
  {
    g_autoptr(CartoCredentials) c = new_ok (U, NULL, NULL, CARTO_CREDENTIALS_FLAGS_NONE);

    carto_credentials_apply_auth (c, NULL);
  }
  g_test_assert_expected_messages ();
}

static void
test_error_enum_registered (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (CARTO_TYPE_CREDENTIALS_ERROR);
  GEnumValue *value = g_enum_get_value (klass, CARTO_CREDENTIALS_ERROR_KEYRING_UNAVAILABLE);

  g_assert_nonnull (value);
  g_assert_cmpstr (value->value_nick, ==, "keyring-unavailable");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/credentials/cartoframes/username-and-key", test_username_and_key);
  g_test_add_func ("/credentials/cartoframes/username-only", test_username_only);
  g_test_add_func ("/credentials/cartoframes/base-url-and-key", test_base_url_and_key);
  g_test_add_func ("/credentials/cartoframes/username-and-path-url", test_username_and_path_url);
  g_test_add_func ("/credentials/cartoframes/neither", test_neither_username_nor_url);
  g_test_add_func ("/credentials/cartoframes/equality", test_equality);
  g_test_add_func ("/credentials/cartoframes/to-string", test_to_string);
  g_test_add_func ("/credentials/cartoframes/source-rows", test_source_rows);
  g_test_add_func ("/credentials/cartoframes/carto-python-usernames", test_carto_python_usernames);
  g_test_add_func ("/credentials/seed-examples", test_seed_examples);
  g_test_add_func ("/credentials/trailing-slashes", test_trailing_slashes);
  g_test_add_func ("/credentials/invalid/username", test_invalid_username);
  g_test_add_func ("/credentials/invalid/base-url", test_invalid_base_url);
  g_test_add_func ("/credentials/invalid/scheme", test_wrong_scheme);
  g_test_add_func ("/credentials/invalid/insecure", test_insecure);
  g_test_add_func ("/credentials/invalid/username-required", test_username_required);
  g_test_add_func ("/credentials/invalid/username-mismatch", test_username_mismatch);
  g_test_add_func ("/credentials/invalid/api-key", test_invalid_api_key);
  g_test_add_func ("/credentials/endpoints", test_endpoints);
  g_test_add_func ("/credentials/apply-auth", test_apply_auth);
  g_test_add_func ("/credentials/properties", test_properties);
  g_test_add_func ("/credentials/guards", test_guards);
  g_test_add_func ("/credentials/error-enum", test_error_enum_registered);

  return g_test_run ();
}
