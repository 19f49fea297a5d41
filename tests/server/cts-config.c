/* cts-config.c — the server's JSON config: users, keys, tables, limits
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cts-config.h"

G_DEFINE_QUARK (cts-error-quark, cts_error)

/* Identifiers are always quoted when they reach SQL; these patterns only
 * keep configs close to what CARTO itself allows. */
#define USER_NAME_RE "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"
#define SQL_NAME_RE "^[a-z_][a-z0-9_]*$"

static const char * const column_types[] = {
  "text", "varchar", "integer", "bigint", "smallint", "real",
  "double precision", "numeric", "boolean", "date", "timestamp",
  "timestamptz", "jsonb", NULL,
};

static const char * const geometry_types[] = {
  "Geometry", "Point", "LineString", "Polygon", "MultiPoint",
  "MultiLineString", "MultiPolygon", NULL,
};

static const char * const permissions[] = {
  "select", "insert", "update", "delete", NULL,
};

static void
table_grant_free (CtsTableGrant *grant)
{
  g_free (grant->table);
  g_strfreev (grant->permissions);
  g_free (grant);
}

static void
key_free (CtsKey *key)
{
  g_free (key->name);
  g_free (key->token);
  g_free (key->role);
  g_clear_pointer (&key->table_grants, g_ptr_array_unref);
  g_free (key);
}

static void
column_free (CtsColumn *column)
{
  g_free (column->name);
  g_free (column->type);
  g_free (column);
}

static void
table_free (CtsTable *table)
{
  g_free (table->name);
  g_clear_pointer (&table->columns, g_ptr_array_unref);
  g_free (table->geometry_type);
  g_free (table->file);
  g_clear_pointer (&table->geojson, json_node_unref);
  g_clear_pointer (&table->rows, json_node_unref);
  g_free (table->sql);
  g_free (table);
}

static void
user_free (CtsUser *user)
{
  g_free (user->name);
  g_free (user->database);
  g_free (user->schema);
  g_free (user->role);
  g_clear_pointer (&user->keys, g_ptr_array_unref);
  g_clear_pointer (&user->tables, g_ptr_array_unref);
  g_free (user);
}

static gboolean
in_list (const char * const *list,
         const char         *value)
{
  return value != NULL && g_strv_contains (list, value);
}

static gboolean
config_fail (GError    **error,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static gboolean
config_fail (GError    **error,
             const char *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, CTS_ERROR, CTS_ERROR_CONFIG, message);
  return FALSE;
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gint64
get_int (JsonObject *object,
         const char *member,
         gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  return json_node_get_int (node);
}

/* A regular key's role name must be stable across runs (the template cache
 * keeps it) and must not reveal the token, so it hashes the names only. */
static char *
regular_role_name (const char *user,
                   const char *key_name)
{
  g_autofree char *seed = g_strdup_printf ("cts-role\n%s\n%s", user, key_name);
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);

  hex[16] = '\0';
  return g_strdup_printf ("%s_role_%s", user, hex);
}

static gboolean
parse_key (CtsUser    *user,
           JsonObject *object,
           GError    **error)
{
  const char *type = get_string (object, "type");
  const char *token = get_string (object, "token");
  const char *name = get_string (object, "name");
  CtsKey *key;

  if (token == NULL || *token == '\0')
    return config_fail (error, "user %s: every key needs a token", user->name);

  key = g_new0 (CtsKey, 1);
  key->table_grants = g_ptr_array_new_with_free_func ((GDestroyNotify) table_grant_free);
  /* "random": a fresh 40-hex token at every start, so the demo's keys are
   * never written in a file; the --json line hands them to the caller. */
  if (g_str_equal (token, "random"))
    {
      g_autofree char *a = g_uuid_string_random ();
      g_autofree char *b = g_uuid_string_random ();
      g_autofree char *seed = g_strconcat (a, b, NULL);

      key->token = g_compute_checksum_for_string (G_CHECKSUM_SHA1, seed, -1);
    }
  else
    key->token = g_strdup (token);
  g_ptr_array_add (user->keys, key);

  if (g_strcmp0 (type, "master") == 0)
    {
      key->type = CTS_KEY_MASTER;
      key->name = g_strdup ("master");
      key->role = g_strdup (user->role);
      key->grants_sql = key->grants_maps = TRUE;
    }
  else if (g_strcmp0 (type, "default") == 0)
    {
      if (strcmp (token, "default_public") != 0)
        return config_fail (error, "user %s: the default key's token is always default_public", user->name);
      key->type = CTS_KEY_DEFAULT;
      key->name = g_strdup ("default_public");
      key->role = g_strdup (CTS_PUBLIC_ROLE);
      key->grants_sql = key->grants_maps = TRUE;
    }
  else if (g_strcmp0 (type, "regular") == 0)
    {
      JsonObject *grants = json_object_get_object_member (object, "grants");
      JsonArray *apis = NULL;
      JsonArray *tables = NULL;

      if (name == NULL || !g_regex_match_simple (SQL_NAME_RE, name, 0, 0))
        return config_fail (error, "user %s: a regular key needs a name matching %s", user->name, SQL_NAME_RE);
      if (g_str_equal (name, "master") || g_str_equal (name, "default_public"))
        return config_fail (error, "user %s: key name %s is reserved", user->name, name);
      key->type = CTS_KEY_REGULAR;
      key->name = g_strdup (name);
      key->role = regular_role_name (user->name, name);

      if (grants != NULL && json_object_has_member (grants, "apis"))
        apis = json_object_get_array_member (grants, "apis");
      if (grants != NULL && json_object_has_member (grants, "tables"))
        tables = json_object_get_array_member (grants, "tables");

      for (guint i = 0; apis != NULL && i < json_array_get_length (apis); i++)
        {
          const char *api = json_array_get_string_element (apis, i);

          if (g_strcmp0 (api, "sql") == 0)
            key->grants_sql = TRUE;
          else if (g_strcmp0 (api, "maps") == 0)
            key->grants_maps = TRUE;
          else
            return config_fail (error, "user %s key %s: unknown api %s", user->name, name, api ? api : "(null)");
        }

      for (guint i = 0; tables != NULL && i < json_array_get_length (tables); i++)
        {
          JsonObject *t = json_array_get_object_element (tables, i);
          JsonArray *perms = t ? json_object_get_array_member (t, "permissions") : NULL;
          const char *tname = t ? get_string (t, "name") : NULL;
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          CtsTableGrant *grant;

          if (tname == NULL || perms == NULL)
            return config_fail (error, "user %s key %s: a table grant needs name and permissions", user->name, name);
          for (guint j = 0; j < json_array_get_length (perms); j++)
            {
              const char *perm = json_array_get_string_element (perms, j);

              if (!in_list (permissions, perm))
                return config_fail (error, "user %s key %s: unknown permission %s", user->name, name, perm ? perm : "(null)");
              g_strv_builder_add (builder, perm);
            }
          grant = g_new0 (CtsTableGrant, 1);
          grant->table = g_strdup (tname);
          grant->permissions = g_strv_builder_end (builder);
          g_ptr_array_add (key->table_grants, grant);
        }
    }
  else
    return config_fail (error, "user %s: key type must be master, default or regular", user->name);

  return TRUE;
}

static gboolean
parse_table (CtsUser    *user,
             JsonObject *object,
             GError    **error)
{
  const char *name = get_string (object, "name");
  const char *privacy = get_string (object, "privacy");
  const char *geometry_type = get_string (object, "geometry_type");
  JsonArray *columns = NULL;
  CtsTable *table;
  guint n_sources = 0;

  if (name == NULL || !g_regex_match_simple (SQL_NAME_RE, name, 0, 0))
    return config_fail (error, "user %s: a table name must match %s", user->name, SQL_NAME_RE);

  table = g_new0 (CtsTable, 1);
  table->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  table->name = g_strdup (name);
  g_ptr_array_add (user->tables, table);

  if (privacy == NULL || g_str_equal (privacy, "private"))
    table->privacy = CTS_PRIVACY_PRIVATE;
  else if (g_str_equal (privacy, "public"))
    table->privacy = CTS_PRIVACY_PUBLIC;
  else if (g_str_equal (privacy, "link"))
    table->privacy = CTS_PRIVACY_LINK;
  else
    return config_fail (error, "table %s: privacy must be public, link or private", name);

  if (geometry_type == NULL)
    geometry_type = "Geometry";
  if (!in_list (geometry_types, geometry_type))
    return config_fail (error, "table %s: unknown geometry_type %s", name, geometry_type);
  table->geometry_type = g_strdup (geometry_type);

  if (json_object_has_member (object, "columns"))
    columns = json_object_get_array_member (object, "columns");
  for (guint i = 0; columns != NULL && i < json_array_get_length (columns); i++)
    {
      JsonObject *c = json_array_get_object_element (columns, i);
      const char *cname = c ? get_string (c, "name") : NULL;
      const char *ctype = c ? get_string (c, "type") : NULL;
      CtsColumn *column;

      if (cname == NULL || !g_regex_match_simple (SQL_NAME_RE, cname, 0, 0))
        return config_fail (error, "table %s: a column name must match %s", name, SQL_NAME_RE);
      if (g_str_equal (cname, "cartodb_id") || g_str_equal (cname, "the_geom") ||
          g_str_equal (cname, "the_geom_webmercator"))
        return config_fail (error, "table %s: column %s is added by the server", name, cname);
      if (!in_list (column_types, ctype))
        return config_fail (error, "table %s: column %s has an unsupported type", name, cname);
      column = g_new0 (CtsColumn, 1);
      column->name = g_strdup (cname);
      column->type = g_strdup (ctype);
      g_ptr_array_add (table->columns, column);
    }

  if (get_string (object, "file") != NULL)
    {
      table->file = g_strdup (get_string (object, "file"));
      n_sources++;
      if (!g_str_has_suffix (table->file, ".csv") && !g_str_has_suffix (table->file, ".geojson"))
        return config_fail (error, "table %s: file must end in .csv or .geojson", name);
      if (strstr (table->file, "..") != NULL || g_path_is_absolute (table->file))
        return config_fail (error, "table %s: file must be relative to the data dir", name);
    }
  if (json_object_has_member (object, "geojson"))
    {
      table->geojson = json_node_copy (json_object_get_member (object, "geojson"));
      n_sources++;
    }
  if (json_object_has_member (object, "rows"))
    {
      table->rows = json_node_copy (json_object_get_member (object, "rows"));
      n_sources++;
      if (!JSON_NODE_HOLDS_ARRAY (table->rows))
        return config_fail (error, "table %s: rows must be an array of objects", name);
    }
  if (get_string (object, "sql") != NULL)
    {
      table->sql = g_strdup (get_string (object, "sql"));
      n_sources++;
    }
  if (n_sources != 1)
    return config_fail (error, "table %s: give exactly one of file, geojson, rows, sql", name);

  return TRUE;
}

static gboolean
parse_user (CtsConfig  *config,
            JsonObject *object,
            GError    **error)
{
  const char *name = get_string (object, "name");
  JsonArray *keys = NULL;
  JsonArray *tables = NULL;
  CtsUser *user;

  if (name == NULL || !g_regex_match_simple (USER_NAME_RE, name, 0, 0))
    return config_fail (error, "a user name must match %s", USER_NAME_RE);
  if (cts_config_find_user (config, name) != NULL)
    return config_fail (error, "user %s is defined twice", name);
  if (g_str_equal (name, CTS_PUBLIC_ROLE) || g_str_equal (name, "postgres"))
    return config_fail (error, "user name %s is reserved", name);

  user = g_new0 (CtsUser, 1);
  user->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) key_free);
  user->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  user->name = g_strdup (name);
  user->database = g_strdup_printf ("cartodb_user_%s_db", name);
  user->schema = g_strdup (name);
  user->role = g_strdup (name);
  g_ptr_array_add (config->users, user);

  if (json_object_has_member (object, "keys"))
    keys = json_object_get_array_member (object, "keys");
  for (guint i = 0; keys != NULL && i < json_array_get_length (keys); i++)
    {
      JsonObject *k = json_array_get_object_element (keys, i);

      if (k == NULL || !parse_key (user, k, error))
        return k == NULL ? config_fail (error, "user %s: keys must be objects", name) : FALSE;
    }

  if (json_object_has_member (object, "tables"))
    tables = json_object_get_array_member (object, "tables");
  for (guint i = 0; tables != NULL && i < json_array_get_length (tables); i++)
    {
      JsonObject *t = json_array_get_object_element (tables, i);

      if (t == NULL || !parse_table (user, t, error))
        return t == NULL ? config_fail (error, "user %s: tables must be objects", name) : FALSE;
    }

  /* CARTO gives every user a default_public key; a config need not say so. */
  if (cts_user_find_key_by_type (user, CTS_KEY_DEFAULT) == NULL)
    {
      CtsKey *key = g_new0 (CtsKey, 1);

      key->type = CTS_KEY_DEFAULT;
      key->name = g_strdup ("default_public");
      key->token = g_strdup ("default_public");
      key->role = g_strdup (CTS_PUBLIC_ROLE);
      key->grants_sql = key->grants_maps = TRUE;
      key->table_grants = g_ptr_array_new_with_free_func ((GDestroyNotify) table_grant_free);
      g_ptr_array_add (user->keys, key);
    }

  {
    guint n_master = 0;

    for (guint i = 0; i < user->keys->len; i++)
      {
        CtsKey *key = g_ptr_array_index (user->keys, i);

        if (key->type == CTS_KEY_MASTER)
          n_master++;
        for (guint j = 0; j < i; j++)
          {
            CtsKey *other = g_ptr_array_index (user->keys, j);

            if (g_str_equal (other->token, key->token))
              return config_fail (error, "user %s: two keys share a token", name);
            if (g_str_equal (other->name, key->name))
              return config_fail (error, "user %s: two keys are named %s", name, key->name);
          }
        for (guint j = 0; j < key->table_grants->len; j++)
          {
            CtsTableGrant *grant = g_ptr_array_index (key->table_grants, j);

            if (cts_user_find_table (user, grant->table) == NULL)
              return config_fail (error, "user %s key %s: no table %s", name, key->name, grant->table);
          }
      }
    if (n_master != 1)
      return config_fail (error, "user %s needs exactly one master key", name);
  }

  return TRUE;
}

/**
 * cts_config_load:
 * @path: a JSON config file
 * @error: return location for a #GError
 *
 * Reads and validates a config. Its users, keys and tables are documented in
 * tests/server/README.md.
 *
 * Returns: (transfer full): the config, or %NULL
 */
CtsConfig *
cts_config_load (const char *path,
                 GError    **error)
{
  g_autoptr(CtsConfig) config = g_new0 (CtsConfig, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonObject *limits = NULL;
  JsonArray *users;
  gsize length;

  config->path = g_strdup (path);
  config->users = g_ptr_array_new_with_free_func ((GDestroyNotify) user_free);
  config->limits.statement_timeout_ms = 15000;
  config->limits.max_rows = 1000000;
  config->limits.max_result_bytes = 256 * 1024 * 1024;
  config->limits.rate_limit_period_s = 1;
  config->limits.map_ttl_s = 7200;

  if (!g_file_get_contents (path, &config->contents, &length, error))
    return NULL;
  if (!json_parser_load_from_data (parser, config->contents, length, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  if (root == NULL || !json_object_has_member (root, "users"))
    {
      config_fail (error, "%s: the config needs a \"users\" array", path);
      return NULL;
    }

  users = json_object_get_array_member (root, "users");
  for (guint i = 0; users != NULL && i < json_array_get_length (users); i++)
    {
      JsonObject *u = json_array_get_object_element (users, i);

      if (u == NULL)
        {
          config_fail (error, "%s: users must be objects", path);
          return NULL;
        }
      if (!parse_user (config, u, error))
        {
          g_prefix_error (error, "%s: ", path);
          return NULL;
        }
    }
  if (config->users->len == 0)
    {
      config_fail (error, "%s: no users", path);
      return NULL;
    }

  if (json_object_has_member (root, "limits"))
    limits = json_object_get_object_member (root, "limits");
  if (limits != NULL)
    {
      JsonObject *rate = NULL;

      config->limits.statement_timeout_ms = get_int (limits, "statement_timeout_ms", config->limits.statement_timeout_ms);
      config->limits.max_rows = get_int (limits, "max_rows", config->limits.max_rows);
      config->limits.max_result_bytes = get_int (limits, "max_result_bytes", config->limits.max_result_bytes);
      config->limits.map_ttl_s = get_int (limits, "map_ttl_s", config->limits.map_ttl_s);
      if (json_object_has_member (limits, "rate_limit"))
        rate = json_object_get_object_member (limits, "rate_limit");
      if (rate != NULL)
        {
          config->limits.rate_limit_requests = get_int (rate, "requests", 0);
          config->limits.rate_limit_period_s = MAX (1, get_int (rate, "period_s", 1));
        }
    }

  return g_steal_pointer (&config);
}

/**
 * cts_config_free:
 * @config: (transfer full): a config
 *
 * Frees @config.
 */
void
cts_config_free (CtsConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->path);
  g_free (config->contents);
  g_clear_pointer (&config->users, g_ptr_array_unref);
  g_free (config);
}

/**
 * cts_config_find_user:
 * @config: a config
 * @name: a user name
 *
 * Returns: (transfer none) (nullable): the user
 */
CtsUser *
cts_config_find_user (CtsConfig  *config,
                      const char *name)
{
  for (guint i = 0; name != NULL && i < config->users->len; i++)
    {
      CtsUser *user = g_ptr_array_index (config->users, i);

      if (g_str_equal (user->name, name))
        return user;
    }
  return NULL;
}

/**
 * cts_user_find_key_by_token:
 * @user: a user
 * @token: an API key as sent
 *
 * Returns: (transfer none) (nullable): the key
 */
CtsKey *
cts_user_find_key_by_token (CtsUser    *user,
                            const char *token)
{
  for (guint i = 0; token != NULL && i < user->keys->len; i++)
    {
      CtsKey *key = g_ptr_array_index (user->keys, i);

      if (g_str_equal (key->token, token))
        return key;
    }
  return NULL;
}

/**
 * cts_user_find_key_by_type:
 * @user: a user
 * @type: master or default
 *
 * Returns: (transfer none) (nullable): the first key of that type
 */
CtsKey *
cts_user_find_key_by_type (CtsUser   *user,
                           CtsKeyType type)
{
  for (guint i = 0; i < user->keys->len; i++)
    {
      CtsKey *key = g_ptr_array_index (user->keys, i);

      if (key->type == type)
        return key;
    }
  return NULL;
}

/**
 * cts_user_find_table:
 * @user: a user
 * @name: a table name
 *
 * Returns: (transfer none) (nullable): the table
 */
CtsTable *
cts_user_find_table (CtsUser    *user,
                     const char *name)
{
  for (guint i = 0; name != NULL && i < user->tables->len; i++)
    {
      CtsTable *table = g_ptr_array_index (user->tables, i);

      if (g_str_equal (table->name, name))
        return table;
    }
  return NULL;
}

/**
 * cts_privacy_to_string:
 * @privacy: a privacy
 *
 * Returns: CARTO's name for it: PUBLIC, LINK or PRIVATE
 */
const char *
cts_privacy_to_string (CtsPrivacy privacy)
{
  switch (privacy)
    {
    case CTS_PRIVACY_PUBLIC:
      return "PUBLIC";
    case CTS_PRIVACY_LINK:
      return "LINK";
    case CTS_PRIVACY_PRIVATE:
    default:
      return "PRIVATE";
    }
}
