/* carto-source.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CARTOframes' `Source(data, credentials)` (docs/carto-api.md §1.5): a table
 * name or an SQL query, read with some account's credentials. CARTOframes
 * resolves the default credentials once, when the source is built; we
 * resolve them whenever they are used and follow the credential store's
 * default account, so changing the default re-targets every source that has
 * none of its own (the "effective-credentials" notification says when).
 *
 * A source may instead name an account by reference, username and base
 * URL, as a map file does (files never hold keys). The reference is looked
 * up in the store whenever the store's list or that account's key
 * changes, so a layer from a colleague's file that names an account this
 * keyring lacks is kept, reports #CartoSource:account-missing, and loads
 * by itself once the account is added. Credentials given to
 * carto_source_new() are a reference to their own account too; they are
 * used as they are only when the store cannot resolve it (a store not
 * loaded yet, or none at all).
 */

#include "config.h"

#include <string.h>

#include "carto-source.h"
#include "carto-sql-quote.h"

struct _CartoSource
{
  GObject parent_instance;

  /* owned */
  char *data;
  char *sql;
  CartoCredentials *credentials;
  CartoCredentialStore *store;
  /* The account named by reference; both NULL to follow the default. */
  char *account_username;
  char *account_base_url;

  /* the store's account we resolved to, while we watch its credentials */
  CartoAccount *watched_account;
  gulong account_notify_id;
  gulong store_notify_id;

  /* state */
  gboolean is_query;
  gboolean account_missing;
  CartoCredentials *effective;
};

G_DEFINE_FINAL_TYPE (CartoSource, carto_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATA,
  PROP_IS_QUERY,
  PROP_SQL,
  PROP_CREDENTIALS,
  PROP_CREDENTIAL_STORE,
  PROP_EFFECTIVE_CREDENTIALS,
  PROP_ACCOUNT_USERNAME,
  PROP_ACCOUNT_BASE_URL,
  PROP_ACCOUNT_MISSING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
starts_with_keyword (const char *text,
                     const char *keyword)
{
  gsize len = strlen (keyword);

  return g_ascii_strncasecmp (text, keyword, len) == 0 &&
         (text[len] == '\0' || g_ascii_isspace (text[len]) || text[len] == '(');
}

/* A table name is `table` or `schema.table`, each part bare or
 * double-quoted (with "" for a quote inside). Quoted parts keep their dots. */
static gboolean
split_table_name (const char  *name,
                  char       **schema,
                  char       **table)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *p = name;

  while (TRUE)
    {
      g_autoptr(GString) part = g_string_new (NULL);

      if (*p == '"')
        {
          p++;
          while (TRUE)
            {
              if (*p == '\0')
                return FALSE;
              if (*p == '"')
                {
                  if (p[1] != '"')
                    break;
                  p++;
                }
              g_string_append_c (part, *p);
              p++;
            }
          p++;
        }
      else
        {
          while (*p != '\0' && *p != '.')
            g_string_append_c (part, *p++);
        }

      if (part->len == 0)
        return FALSE;
      g_ptr_array_add (parts, g_string_free (g_steal_pointer (&part), FALSE));

      if (*p == '\0')
        break;
      if (*p != '.')
        return FALSE;
      p++;
    }

  if (parts->len > 2)
    return FALSE;

  *schema = parts->len == 2 ? g_strdup (g_ptr_array_index (parts, 0)) : NULL;
  *table = g_strdup (g_ptr_array_index (parts, parts->len - 1));
  return TRUE;
}

static char *
build_sql (const char *data,
           gboolean    is_query)
{
  g_autofree char *schema = NULL;
  g_autofree char *table = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *trimmed = NULL;

  /* The query is wrapped as a subquery, where a trailing `;` is a syntax
   * error. */
  if (is_query)
    return carto_sql_quote_trim_statement (data);

  trimmed = g_strstrip (g_strdup (data));

  /* Not a valid name: quote the whole text, so the server names the
   * problem ("relation … does not exist") instead of a syntax error. */
  if (!split_table_name (trimmed, &schema, &table))
    quoted = carto_sql_quote_identifier (trimmed);
  else
    quoted = carto_sql_quote_qualified (schema, table);

  return g_strdup_printf ("SELECT * FROM %s", quoted);
}

/* The store's account the source reads with now, if any: the one named by
 * reference, else (without a reference) the default account. */
static CartoAccount *
resolve_account (CartoSource *self)
{
  if (self->store == NULL)
    return NULL;

  if (self->account_username != NULL)
    return carto_credential_store_lookup (self->store, self->account_username, self->account_base_url);

  return carto_credential_store_get_default (self->store);
}

static void
on_account_credentials_notify_cb (CartoAccount *account,
                                  GParamSpec   *pspec,
                                  CartoSource  *self);

static void
watch_account (CartoSource  *self,
               CartoAccount *account)
{
  if (account == self->watched_account)
    return;

  if (self->watched_account != NULL)
    g_clear_signal_handler (&self->account_notify_id, self->watched_account);
  g_set_object (&self->watched_account, account);
  /* The store replaces an account's credentials when its key changes. */
  if (account != NULL)
    self->account_notify_id =
      g_signal_connect_object (account, "notify::credentials",
                               G_CALLBACK (on_account_credentials_notify_cb), self, 0);
}

/* Resolves the account again and notifies what really changed. */
static void
update_effective (CartoSource *self)
{
  CartoAccount *account = resolve_account (self);
  CartoCredentials *effective = NULL;
  gboolean missing;

  watch_account (self, account);

  if (account != NULL)
    effective = carto_account_get_credentials (account);
  else if (self->account_username != NULL)
    effective = self->credentials;

  missing = self->account_username != NULL && effective == NULL;

  g_object_freeze_notify (G_OBJECT (self));

  if (missing != self->account_missing)
    {
      self->account_missing = missing;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_MISSING]);
    }

  if (effective != self->effective)
    {
      /* Same account and key: nothing a request would do differently. */
      gboolean same = effective != NULL && self->effective != NULL &&
                      carto_credentials_equal (effective, self->effective);

      g_set_object (&self->effective, effective);
      if (!same)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EFFECTIVE_CREDENTIALS]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_account_credentials_notify_cb (CartoAccount *account,
                                  GParamSpec   *pspec,
                                  CartoSource  *self)
{
  update_effective (self);
}

static void
on_store_default_account_notify_cb (CartoCredentialStore *store,
                                    GParamSpec           *pspec,
                                    CartoSource          *self)
{
  update_effective (self);
}

static void
on_store_items_changed_cb (GListModel  *store,
                           guint        position,
                           guint        removed,
                           guint        added,
                           CartoSource *self)
{
  update_effective (self);
}

static void
carto_source_constructed (GObject *object)
{
  CartoSource *self = CARTO_SOURCE (object);

  G_OBJECT_CLASS (carto_source_parent_class)->constructed (object);

  if (self->data == NULL)
    self->data = g_strdup ("");
  self->is_query = carto_source_data_is_query (self->data);
  self->sql = build_sql (self->data, self->is_query);

  /* Credentials name their own account. */
  if (self->account_username == NULL && self->credentials != NULL)
    {
      self->account_username = g_strdup (carto_credentials_get_username (self->credentials));
      self->account_base_url = g_strdup (carto_credentials_get_base_url (self->credentials));
    }
  g_assert ((self->account_username == NULL) == (self->account_base_url == NULL));

  if (self->store != NULL && self->account_username != NULL)
    self->store_notify_id =
      g_signal_connect_object (self->store, "items-changed",
                               G_CALLBACK (on_store_items_changed_cb), self, 0);
  else if (self->store != NULL)
    self->store_notify_id =
      g_signal_connect_object (self->store, "notify::default-account",
                               G_CALLBACK (on_store_default_account_notify_cb), self, 0);
  update_effective (self);
}

static void
carto_source_dispose (GObject *object)
{
  CartoSource *self = CARTO_SOURCE (object);

  if (self->watched_account != NULL)
    {
      g_clear_signal_handler (&self->account_notify_id, self->watched_account);
      g_clear_object (&self->watched_account);
    }
  if (self->store != NULL)
    g_clear_signal_handler (&self->store_notify_id, self->store);

  g_clear_object (&self->store);
  g_clear_object (&self->credentials);
  g_clear_object (&self->effective);

  G_OBJECT_CLASS (carto_source_parent_class)->dispose (object);
}

static void
carto_source_finalize (GObject *object)
{
  CartoSource *self = CARTO_SOURCE (object);

  g_free (self->data);
  g_free (self->sql);
  g_free (self->account_username);
  g_free (self->account_base_url);

  G_OBJECT_CLASS (carto_source_parent_class)->finalize (object);
}

static void
carto_source_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CartoSource *self = CARTO_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DATA:
      g_value_set_string (value, self->data);
      break;
    case PROP_IS_QUERY:
      g_value_set_boolean (value, self->is_query);
      break;
    case PROP_SQL:
      g_value_set_string (value, self->sql);
      break;
    case PROP_CREDENTIALS:
      g_value_set_object (value, self->credentials);
      break;
    case PROP_CREDENTIAL_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_EFFECTIVE_CREDENTIALS:
      g_value_set_object (value, self->effective);
      break;
    case PROP_ACCOUNT_USERNAME:
      g_value_set_string (value, self->account_username);
      break;
    case PROP_ACCOUNT_BASE_URL:
      g_value_set_string (value, self->account_base_url);
      break;
    case PROP_ACCOUNT_MISSING:
      g_value_set_boolean (value, self->account_missing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_source_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CartoSource *self = CARTO_SOURCE (object);

  switch (prop_id)
    {
    case PROP_DATA:
      self->data = g_value_dup_string (value);
      break;
    case PROP_CREDENTIALS:
      self->credentials = g_value_dup_object (value);
      break;
    case PROP_CREDENTIAL_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ACCOUNT_USERNAME:
      self->account_username = g_value_dup_string (value);
      break;
    case PROP_ACCOUNT_BASE_URL:
      self->account_base_url = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_source_class_init (CartoSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = carto_source_constructed;
  object_class->dispose = carto_source_dispose;
  object_class->finalize = carto_source_finalize;
  object_class->get_property = carto_source_get_property;
  object_class->set_property = carto_source_set_property;

  /**
   * CartoSource:data:
   *
   * The table name or SQL query, as given.
   */
  properties[PROP_DATA] =
    g_param_spec_string ("data", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSource:is-query:
   *
   * Whether #CartoSource:data is an SQL query rather than a table name.
   */
  properties[PROP_IS_QUERY] =
    g_param_spec_boolean ("is-query", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSource:sql:
   *
   * The query that reads the source: the query itself, or
   * `SELECT * FROM "table"` for a table.
   */
  properties[PROP_SQL] =
    g_param_spec_string ("sql", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSource:credentials:
   *
   * The source's own credentials, or %NULL to use the default account.
   */
  properties[PROP_CREDENTIALS] =
    g_param_spec_object ("credentials", NULL, NULL, CARTO_TYPE_CREDENTIALS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSource:credential-store:
   *
   * Where the default account comes from when the source has no
   * credentials of its own.
   */
  properties[PROP_CREDENTIAL_STORE] =
    g_param_spec_object ("credential-store", NULL, NULL, CARTO_TYPE_CREDENTIAL_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSource:effective-credentials:
   *
   * The credentials requests use. With an account reference: that
   * account's as the store has them now, else #CartoSource:credentials,
   * else %NULL. Without one: the store's default account's, else %NULL.
   * Notified only when they really change (the account added or removed,
   * another default account, a new key).
   */
  properties[PROP_EFFECTIVE_CREDENTIALS] =
    g_param_spec_object ("effective-credentials", NULL, NULL, CARTO_TYPE_CREDENTIALS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSource:account-username:
   *
   * The username of the account the source names, or %NULL when it
   * follows the store's default account.
   */
  properties[PROP_ACCOUNT_USERNAME] =
    g_param_spec_string ("account-username", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSource:account-base-url:
   *
   * The base URL of the account the source names, or %NULL when it
   * follows the store's default account.
   */
  properties[PROP_ACCOUNT_BASE_URL] =
    g_param_spec_string ("account-base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSource:account-missing:
   *
   * Whether the source names an account that can be used neither from
   * the store nor from #CartoSource:credentials, so it has no effective
   * credentials. It turns %FALSE by itself when the account is added to
   * the store. Before the store has loaded, every named account is
   * missing.
   */
  properties[PROP_ACCOUNT_MISSING] =
    g_param_spec_boolean ("account-missing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_source_init (CartoSource *self)
{
}

/**
 * carto_source_data_is_query:
 * @data: a table name or an SQL query
 *
 * CARTOframes' rule: text that starts with `SELECT` or `WITH` (any case,
 * after leading whitespace) is a query; anything else names a table.
 *
 * Returns: whether @data is a query
 */
gboolean
carto_source_data_is_query (const char *data)
{
  g_return_val_if_fail (data != NULL, FALSE);

  while (g_ascii_isspace (*data))
    data++;

  return starts_with_keyword (data, "SELECT") || starts_with_keyword (data, "WITH");
}

/**
 * carto_source_new:
 * @data: a table name (`table`, `schema.table`, parts may be
 *   double-quoted) or an SQL query
 * @credentials: (nullable): the account to read with, or %NULL for the
 *   default account. Their username and base URL become the source's
 *   account reference, resolved live through @store; the credentials
 *   themselves are used when @store does not have that account.
 * @store: (nullable): where accounts come from; without it and without
 *   @credentials the source has no account until used with a layer's
 *   credentials
 *
 * Returns: (transfer full): a new source
 */
CartoSource *
carto_source_new (const char           *data,
                  CartoCredentials     *credentials,
                  CartoCredentialStore *store)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (credentials == NULL || CARTO_IS_CREDENTIALS (credentials), NULL);
  g_return_val_if_fail (store == NULL || CARTO_IS_CREDENTIAL_STORE (store), NULL);

  return g_object_new (CARTO_TYPE_SOURCE,
                       "data", data,
                       "credentials", credentials,
                       "credential-store", store,
                       NULL);
}

/**
 * carto_source_new_for_account:
 * @data: a table name or an SQL query, as for carto_source_new()
 * @username: (nullable): the username of the account to read with, or
 *   %NULL (with @base_url) to follow the default account
 * @base_url: (nullable): that account's base URL
 * @store: (nullable): where the account is looked up, now and whenever
 *   the store's accounts change
 *
 * A source naming its account by reference, as map files do: no API key
 * is needed to build it. While @store lacks the account the source has no
 * effective credentials and #CartoSource:account-missing is %TRUE.
 *
 * Returns: (transfer full): a new source
 */
CartoSource *
carto_source_new_for_account (const char           *data,
                              const char           *username,
                              const char           *base_url,
                              CartoCredentialStore *store)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail ((username == NULL) == (base_url == NULL), NULL);
  g_return_val_if_fail (store == NULL || CARTO_IS_CREDENTIAL_STORE (store), NULL);

  return g_object_new (CARTO_TYPE_SOURCE,
                       "data", data,
                       "account-username", username,
                       "account-base-url", base_url,
                       "credential-store", store,
                       NULL);
}

/**
 * carto_source_get_data:
 * @self: a source
 *
 * Returns: the table name or query, as given
 */
const char *
carto_source_get_data (CartoSource *self)
{
  g_return_val_if_fail (CARTO_IS_SOURCE (self), NULL);

  return self->data;
}

/**
 * carto_source_is_query:
 * @self: a source
 *
 * Returns: whether the source is an SQL query (see
 *   carto_source_data_is_query())
 */
gboolean
carto_source_is_query (CartoSource *self)
{
  g_return_val_if_fail (CARTO_IS_SOURCE (self), FALSE);

  return self->is_query;
}

/**
 * carto_source_get_sql:
 * @self: a source
 *
 * The query that reads the whole source: a query as given (without a
 * trailing `;`), or `SELECT * FROM "table"` / `SELECT * FROM "schema"."table"`
 * for a table name, every part quoted.
 *
 * Returns: the SQL
 */
const char *
carto_source_get_sql (CartoSource *self)
{
  g_return_val_if_fail (CARTO_IS_SOURCE (self), NULL);

  return self->sql;
}

/**
 * carto_source_get_credentials:
 * @self: a source
 *
 * Returns: (transfer none) (nullable): the source's own credentials
 */
CartoCredentials *
carto_source_get_credentials (CartoSource *self)
{
  g_return_val_if_fail (CARTO_IS_SOURCE (self), NULL);

  return self->credentials;
}

/**
 * carto_source_get_credential_store:
 * @self: a source
 *
 * Returns: (transfer none) (nullable): where the default account comes from
 */
CartoCredentialStore *
carto_source_get_credential_store (CartoSource *self)
{
  g_return_val_if_fail (CARTO_IS_SOURCE (self), NULL);

  return self->store;
}

/**
 * carto_source_get_account_username:
 * @self: a source
 *
 * Returns: (nullable): the username of the account the source names, or
 *   %NULL when it follows the default account
 */
const char *
carto_source_get_account_username (CartoSource *self)
{
  g_return_val_if_fail (CARTO_IS_SOURCE (self), NULL);

  return self->account_username;
}

/**
 * carto_source_get_account_base_url:
 * @self: a source
 *
 * Returns: (nullable): the base URL of the account the source names, or
 *   %NULL when it follows the default account
 */
const char *
carto_source_get_account_base_url (CartoSource *self)
{
  g_return_val_if_fail (CARTO_IS_SOURCE (self), NULL);

  return self->account_base_url;
}

/**
 * carto_source_get_account_missing:
 * @self: a source
 *
 * Returns: whether the source names an account it cannot use (see
 *   #CartoSource:account-missing)
 */
gboolean
carto_source_get_account_missing (CartoSource *self)
{
  g_return_val_if_fail (CARTO_IS_SOURCE (self), FALSE);

  return self->account_missing;
}

/**
 * carto_source_get_effective_credentials:
 * @self: a source
 *
 * The credentials requests for this source use now: the named account's
 * as the store has them (else the credentials the source was built with),
 * or for a source naming none, the current default account's. A layer's
 * credentials take precedence (see carto_layer_get_effective_credentials()).
 *
 * Returns: (transfer none) (nullable): the credentials, or %NULL when the
 *   named account is missing, or there is no default account
 */
CartoCredentials *
carto_source_get_effective_credentials (CartoSource *self)
{
  g_return_val_if_fail (CARTO_IS_SOURCE (self), NULL);

  return self->effective;
}

/**
 * carto_source_dup_map_sql_for:
 * @sql: a query returning `cartodb_id` and `the_geom_webmercator`
 * @columns: (nullable) (array zero-terminated=1): further columns the
 *   tiles must carry (the style's and the pop-ups'), or %NULL for none
 *
 * Builds the query of a vector MapConfig layer (§5.2): only the
 * columns needed, so tiles stay small and other geometry columns are never
 * computed. Duplicates and the two mandatory columns are skipped; the
 * order of @columns is kept, so equal input gives equal SQL (and the same
 * layergroup).
 *
 * Returns: (transfer full): `SELECT cartodb_id, the_geom_webmercator,
 *   "col", … FROM (@sql) AS "_cdb_src"` (see carto_sql_quote_subquery())
 */
char *
carto_source_dup_map_sql_for (const char        *sql,
                              const char *const *columns)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *from = NULL;

  g_return_val_if_fail (sql != NULL, NULL);

  out = g_string_new ("SELECT cartodb_id, the_geom_webmercator");
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_add (seen, (gpointer) "cartodb_id");
  g_hash_table_add (seen, (gpointer) "the_geom_webmercator");

  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      g_autofree char *quoted = NULL;

      if (*columns[i] == '\0' || !g_hash_table_add (seen, (gpointer) columns[i]))
        continue;

      quoted = carto_sql_quote_identifier (columns[i]);
      g_string_append_printf (out, ", %s", quoted);
    }

  from = carto_sql_quote_subquery (sql, "_cdb_src");
  g_string_append_printf (out, " FROM %s", from);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * carto_source_dup_map_sql:
 * @self: a source
 * @columns: (nullable) (array zero-terminated=1): as for
 *   carto_source_dup_map_sql_for()
 *
 * Returns: (transfer full): the MapConfig query for the source's SQL
 */
char *
carto_source_dup_map_sql (CartoSource       *self,
                          const char *const *columns)
{
  g_return_val_if_fail (CARTO_IS_SOURCE (self), NULL);

  return carto_source_dup_map_sql_for (self->sql, columns);
}
