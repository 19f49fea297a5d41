/* test-source.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CartoSource: CARTOframes' table-or-query rule, quoting, the MapConfig
 * SQL, and the default account resolved live from a credential store (the
 * isolated session's gnome-keyring).
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>

#include "credentials-test-utils.h"

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_query_detection (void)
{
  const char *queries[] = {
    "SELECT * FROM t", "select 1", "  \n\tSeLeCt cartodb_id FROM t", "WITH a AS (SELECT 1) SELECT * FROM a",
    "with\na as (select 1) select * from a", "SELECT(1)", "SELECT",
  };
  const char *tables[] = {
    "countries", "selection", "with_table", "withdrawals", "public.countries", "\"SELECT\"", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(CartoSource) source = carto_source_new (queries[i], NULL, NULL);

      g_test_message ("query: %s", queries[i]);
      g_assert_true (carto_source_data_is_query (queries[i]));
      g_assert_true (carto_source_is_query (source));
    }

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(CartoSource) source = carto_source_new (tables[i], NULL, NULL);

      g_test_message ("table: %s", tables[i]);
      g_assert_false (carto_source_data_is_query (tables[i]));
      g_assert_false (carto_source_is_query (source));
    }
}

static void
test_table_sql (void)
{
  const struct {
    const char *data;
    const char *sql;
  } cases[] = {
    { "countries", "SELECT * FROM \"countries\"" },
    { "  countries  ", "SELECT * FROM \"countries\"" },
    { "public.countries", "SELECT * FROM \"public\".\"countries\"" },
    { "Demo-Atlas.My Table", "SELECT * FROM \"Demo-Atlas\".\"My Table\"" },
    { "\"My Table\"", "SELECT * FROM \"My Table\"" },
    { "\"a.b\"", "SELECT * FROM \"a.b\"" },
    { "\"s\".\"a.b\"", "SELECT * FROM \"s\".\"a.b\"" },
    { "\"say \"\"hi\"\"\"", "SELECT * FROM \"say \"\"hi\"\"\"" },
    { "a\"b", "SELECT * FROM \"a\"\"b\"" },
    /* Not a name: the whole text is one quoted name, so the server says
     * the relation does not exist rather than a syntax error. */
    { "a.b.c", "SELECT * FROM \"a.b.c\"" },
    { "t; DROP TABLE x", "SELECT * FROM \"t; DROP TABLE x\"" },
    { "\"unterminated", "SELECT * FROM \"\"\"unterminated\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CartoSource) source = carto_source_new (cases[i].data, NULL, NULL);

      g_assert_cmpstr (carto_source_get_data (source), ==, cases[i].data);
      g_assert_cmpstr (carto_source_get_sql (source), ==, cases[i].sql);
    }
}

static void
test_query_sql (void)
{
  g_autoptr(CartoSource) plain = carto_source_new ("SELECT * FROM t WHERE a > 1", NULL, NULL);
  g_autoptr(CartoSource) trailing = carto_source_new ("  SELECT * FROM t;  ;\n", NULL, NULL);
  g_autoptr(CartoSource) with = carto_source_new ("WITH x AS (SELECT 1) SELECT * FROM x", NULL, NULL);

  g_assert_cmpstr (carto_source_get_sql (plain), ==, "SELECT * FROM t WHERE a > 1");
  g_assert_cmpstr (carto_source_get_sql (trailing), ==, "SELECT * FROM t");
  g_assert_cmpstr (carto_source_get_sql (with), ==, "WITH x AS (SELECT 1) SELECT * FROM x");
}

static void
test_map_sql (void)
{
  g_autoptr(CartoSource) table = carto_source_new ("populated_places", NULL, NULL);
  g_autoptr(CartoSource) query = carto_source_new ("SELECT * FROM t;", NULL, NULL);
  const char *columns[] = { "population", "name", "population", "cartodb_id", "the_geom_webmercator",
                            "say \"hi\"", "", NULL };
  g_autofree char *none = carto_source_dup_map_sql (table, NULL);
  g_autofree char *some = carto_source_dup_map_sql (table, columns);
  g_autofree char *wrapped = carto_source_dup_map_sql (query, columns + 1);

  g_assert_cmpstr (none, ==,
                   "SELECT cartodb_id, the_geom_webmercator FROM (\nSELECT * FROM \"populated_places\"\n) AS \"_cdb_src\"");
  g_assert_cmpstr (some, ==,
                   "SELECT cartodb_id, the_geom_webmercator, \"population\", \"name\", \"say \"\"hi\"\"\" "
                   "FROM (\nSELECT * FROM \"populated_places\"\n) AS \"_cdb_src\"");
  g_assert_cmpstr (wrapped, ==,
                   "SELECT cartodb_id, the_geom_webmercator, \"name\", \"population\", \"say \"\"hi\"\"\" "
                   "FROM (\nSELECT * FROM t\n) AS \"_cdb_src\"");
  /* Never `*` at the top: other geometry columns would be computed. */
  g_assert_false (g_str_has_prefix (none, "SELECT *"));

  /* A comment on the query's last line ends before the parenthesis. */
  {
    g_autoptr(CartoSource) commented = carto_source_new ("SELECT * FROM t -- all of it", NULL, NULL);
    g_autofree char *sql = carto_source_dup_map_sql (commented, NULL);

    g_assert_cmpstr (sql, ==, "SELECT cartodb_id, the_geom_webmercator FROM (\nSELECT * FROM t -- all of it\n) AS \"_cdb_src\"");
  }
}

static void
test_explicit_credentials (void)
{
  g_autoptr(CartoCredentials) alice = carto_test_credentials ("alice", "alice-key-1");
  g_autoptr(CartoSource) source = carto_source_new ("t", alice, NULL);
  g_autoptr(CartoSource) nobody = carto_source_new ("t", NULL, NULL);

  g_assert_true (carto_source_get_credentials (source) == alice);
  g_assert_true (carto_source_get_effective_credentials (source) == alice);
  g_assert_null (carto_source_get_credential_store (source));
  /* CARTOframes raises here; we leave it to the layer to report. */
  g_assert_null (carto_source_get_effective_credentials (nobody));
}

static void
test_default_account (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) alice = carto_test_credentials ("alice", "alice-key-2");
  g_autoptr(CartoCredentials) bob = carto_test_credentials ("bob", "bob-key-2");
  g_autoptr(CartoCredentials) carol = carto_test_credentials ("carol", "carol-key-2");
  g_autoptr(CartoAccount) alice_account = NULL;
  g_autoptr(CartoAccount) bob_account = NULL;
  g_autoptr(CartoSource) follows = NULL;
  g_autoptr(CartoSource) own = NULL;
  g_autoptr(GError) error = NULL;
  guint follows_changes = 0;
  guint own_changes = 0;

  alice_account = carto_test_store_add (store, alice);
  bob_account = carto_test_store_add (store, bob);

  follows = carto_source_new ("t", NULL, store);
  own = carto_source_new ("t", carol, store);
  g_signal_connect (follows, "notify::effective-credentials", G_CALLBACK (on_notify_count), &follows_changes);
  g_signal_connect (own, "notify::effective-credentials", G_CALLBACK (on_notify_count), &own_changes);

  g_assert_true (carto_source_get_credential_store (follows) == store);
  g_assert_null (carto_source_get_effective_credentials (follows));

  g_assert_true (carto_credential_store_set_default (store, alice_account, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (follows_changes, ==, 1);
  g_assert_cmpstr (carto_credentials_get_username (carto_source_get_effective_credentials (follows)), ==, "alice");

  /* The default changes at run time: resolved again, notified once. */
  g_assert_true (carto_credential_store_set_default (store, bob_account, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (follows_changes, ==, 2);
  g_assert_cmpstr (carto_credentials_get_username (carto_source_get_effective_credentials (follows)), ==, "bob");

  /* A new key for the default account reaches the source too. */
  {
    g_autoptr(CartoCredentials) bob_new = carto_test_credentials ("bob", "bob-key-3");
    g_autoptr(CartoAccount) again = carto_test_store_add (store, bob_new);

    g_assert_true (again == bob_account);
    g_assert_cmpuint (follows_changes, ==, 3);
    g_assert_cmpstr (carto_credentials_get_api_key (carto_source_get_effective_credentials (follows)), ==, "bob-key-3");
  }

  g_assert_true (carto_credential_store_set_default (store, NULL, &error));
  g_assert_cmpuint (follows_changes, ==, 4);
  g_assert_null (carto_source_get_effective_credentials (follows));

  /* A source with its own credentials ignores the default. */
  g_assert_cmpuint (own_changes, ==, 0);
  g_assert_true (carto_source_get_effective_credentials (own) == carol);

  /* The store may go first; the source keeps what it needs. */
  g_assert_true (carto_credential_store_set_default (store, alice_account, &error));
  g_clear_object (&store);
  g_assert_cmpstr (carto_credentials_get_username (carto_source_get_effective_credentials (follows)), ==, "alice");
}

static void
store_remove (CartoCredentialStore *store,
              const char           *username,
              const char           *base_url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  carto_credential_store_remove_async (store, username, base_url, NULL, carto_test_result_cb, &result);
  ok = carto_credential_store_remove_finish (store, carto_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

/* A map file names accounts by username and base URL: the reference is
 * resolved through the store, live. */
static void
test_account_reference (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) dave = carto_test_credentials ("dave", "dave-key-1");
  g_autoptr(CartoCredentials) dave_new = carto_test_credentials ("dave", "dave-key-2");
  g_autoptr(CartoCredentials) erin = carto_test_credentials ("erin", "erin-key-1");
  g_autoptr(CartoAccount) erin_account = NULL;
  g_autoptr(CartoSource) named = NULL;
  g_autoptr(CartoSource) follows = NULL;
  g_autoptr(GError) error = NULL;
  guint effective_changes = 0;
  guint missing_changes = 0;
  gboolean ok;

  erin_account = carto_test_store_add (store, erin);
  ok = carto_credential_store_set_default (store, erin_account, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* Named but not in the keyring: kept, and says what it needs. */
  named = carto_source_new_for_account ("SELECT * FROM t", "dave", "https://dave.carto.com/", store);
  g_signal_connect (named, "notify::effective-credentials", G_CALLBACK (on_notify_count), &effective_changes);
  g_signal_connect (named, "notify::account-missing", G_CALLBACK (on_notify_count), &missing_changes);
  g_assert_cmpstr (carto_source_get_account_username (named), ==, "dave");
  g_assert_cmpstr (carto_source_get_account_base_url (named), ==, "https://dave.carto.com/");
  g_assert_true (carto_source_get_account_missing (named));
  g_assert_null (carto_source_get_effective_credentials (named));
  g_assert_null (carto_source_get_credentials (named));

  /* The default account is no stand-in for a named one. */
  follows = carto_source_new_for_account ("t", NULL, NULL, store);
  g_assert_null (carto_source_get_account_username (follows));
  g_assert_null (carto_source_get_account_base_url (follows));
  g_assert_false (carto_source_get_account_missing (follows));
  g_assert_true (carto_source_get_effective_credentials (follows) == erin);

  /* The account is added: the source resolves it by itself. */
  {
    g_autoptr(CartoAccount) dave_account = carto_test_store_add (store, dave);

    g_assert_true (carto_source_get_effective_credentials (named) == carto_account_get_credentials (dave_account));
    g_assert_false (carto_source_get_account_missing (named));
    g_assert_cmpuint (missing_changes, ==, 1);
    g_assert_cmpuint (effective_changes, ==, 1);
    g_assert_cmpstr (carto_credentials_get_api_key (carto_source_get_effective_credentials (named)), ==, "dave-key-1");
  }

  /* The key is edited in the store: followed, notified once. */
  {
    g_autoptr(CartoAccount) again = carto_test_store_add (store, dave_new);

    g_assert_true (carto_source_get_effective_credentials (named) == carto_account_get_credentials (again));
    g_assert_cmpuint (effective_changes, ==, 2);
    g_assert_cmpstr (carto_credentials_get_api_key (carto_source_get_effective_credentials (named)), ==, "dave-key-2");
  }

  /* Unrelated store changes are no change. */
  store_remove (store, "erin", "https://erin.carto.com");
  g_assert_cmpuint (effective_changes, ==, 2);
  g_assert_cmpuint (missing_changes, ==, 1);
  g_assert_null (carto_source_get_effective_credentials (follows));

  /* The account is removed: missing again. */
  store_remove (store, "dave", "https://dave.carto.com");
  g_assert_true (carto_source_get_account_missing (named));
  g_assert_null (carto_source_get_effective_credentials (named));
  g_assert_cmpuint (effective_changes, ==, 3);
  g_assert_cmpuint (missing_changes, ==, 2);
}

/* Credentials are a reference to their own account: the store's copy wins
 * (a key edited since), else they are used as given. */
static void
test_credentials_reference (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) old_key = carto_test_credentials ("frank", "frank-key-1");
  g_autoptr(CartoCredentials) new_key = carto_test_credentials ("frank", "frank-key-2");
  g_autoptr(CartoSource) source = NULL;
  g_autoptr(CartoSource) no_store = NULL;
  g_autoptr(CartoSource) nothing = NULL;
  guint effective_changes = 0;

  source = carto_source_new ("t", old_key, store);
  g_signal_connect (source, "notify::effective-credentials", G_CALLBACK (on_notify_count), &effective_changes);
  g_assert_cmpstr (carto_source_get_account_username (source), ==, "frank");
  g_assert_cmpstr (carto_source_get_account_base_url (source), ==, "https://frank.carto.com");
  g_assert_false (carto_source_get_account_missing (source));
  g_assert_true (carto_source_get_effective_credentials (source) == old_key);

  {
    g_autoptr(CartoAccount) account = carto_test_store_add (store, new_key);

    g_assert_true (carto_source_get_effective_credentials (source) == carto_account_get_credentials (account));
    g_assert_cmpuint (effective_changes, ==, 1);
    g_assert_cmpstr (carto_credentials_get_api_key (carto_source_get_effective_credentials (source)), ==, "frank-key-2");
  }

  /* Without a store (tests, tools): the credentials as given. */
  no_store = carto_source_new ("t", old_key, NULL);
  g_assert_true (carto_source_get_effective_credentials (no_store) == old_key);
  g_assert_false (carto_source_get_account_missing (no_store));

  nothing = carto_source_new_for_account ("t", "frank", "https://frank.carto.com", NULL);
  g_assert_true (carto_source_get_account_missing (nothing));
  g_assert_null (carto_source_get_effective_credentials (nothing));
}

static void
test_guards (void)
{
  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*data != NULL*");
  g_assert_null (carto_source_new (NULL, NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*base_url == NULL*");
  g_assert_null (carto_source_new_for_account ("t", "alice", NULL, NULL));
  g_test_assert_expected_messages ();

  g_test_expect_message ("carto", G_LOG_LEVEL_CRITICAL, "*CARTO_IS_SOURCE*");
  g_assert_null (carto_source_get_sql (NULL));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/source/query-detection", test_query_detection);
  g_test_add_func ("/source/table-sql", test_table_sql);
  g_test_add_func ("/source/query-sql", test_query_sql);
  g_test_add_func ("/source/map-sql", test_map_sql);
  g_test_add_func ("/source/explicit-credentials", test_explicit_credentials);
  if (g_strcmp0 (g_getenv ("CARTO_TEST_KEYRING"), "none") != 0)
    {
      g_test_add_func ("/source/default-account", test_default_account);
      g_test_add_func ("/source/account-reference", test_account_reference);
      g_test_add_func ("/source/credentials-reference", test_credentials_reference);
    }
  g_test_add_func ("/source/guards", test_guards);

  return g_test_run ();
}
