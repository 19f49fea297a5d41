/* cts-loader.c — roles, databases, catalogue and tables, the CARTO way
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "cts-loader.h"

#define TEMPLATE_DB "cts_template"
#define COPY_CHUNK (256 * 1024)

typedef enum {
  GEOM_TEXT,       /* WKT, EWKT or hex EWKB */
  GEOM_GEOJSON,
} GeomFormat;

static char *
qi (PGconn     *conn,
    const char *name)
{
  return cts_db_quote_ident (conn, name);
}

static gboolean
exec_printf (PGconn     *conn,
             GError    **error,
             const char *format,
             ...) G_GNUC_PRINTF (3, 4);

static gboolean
exec_printf (PGconn     *conn,
             GError    **error,
             const char *format,
             ...)
{
  va_list args;
  g_autofree char *sql = NULL;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  if (!cts_db_exec (conn, sql, error))
    {
      g_prefix_error (error, "%s: ", sql);
      return FALSE;
    }
  return TRUE;
}

static gboolean
role_exists (PGconn     *conn,
             const char *role)
{
  const char *params[] = { role };
  g_autoptr(PGresult) res = cts_db_exec_params (conn, "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1",
                                                1, params, NULL);

  return res != NULL && PQntuples (res) == 1;
}

static gboolean
ensure_role (PGconn     *conn,
             const char *role,
             const char *member_of,
             GError    **error)
{
  g_autofree char *q = qi (conn, role);

  if (!role_exists (conn, role) &&
      !exec_printf (conn, error, "CREATE ROLE %s LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE", q))
    return FALSE;
  if (member_of != NULL)
    {
      g_autofree char *m = qi (conn, member_of);

      if (!exec_printf (conn, error, "GRANT %s TO %s", m, q))
        return FALSE;
    }
  return TRUE;
}

static gboolean
create_template (CtsDb   *db,
                 PGconn  *admin,
                 GError **error)
{
  g_autoptr(GBytes) sql = NULL;
  PGconn *conn;
  gboolean ok;

  if (!exec_printf (admin, error, "DROP DATABASE IF EXISTS " TEMPLATE_DB " WITH (FORCE)") ||
      !exec_printf (admin, error, "CREATE DATABASE " TEMPLATE_DB " ENCODING 'UTF8' TEMPLATE template0"))
    return FALSE;

  sql = cts_loader_dup_catalogue (error);
  if (sql == NULL)
    return FALSE;

  conn = cts_db_connect (db, TEMPLATE_DB, NULL, error);
  if (conn == NULL)
    return FALSE;
  ok = cts_db_exec (conn, g_bytes_get_data (sql, NULL), error);
  PQfinish (conn);
  if (!ok)
    g_prefix_error (error, "cts-catalogue.sql: ");
  return ok;
}

/* COPY text format: backslash escapes, \N for NULL. */
static void
copy_append_value (GString    *out,
                   const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "\\N");
      return;
    }
  for (const char *p = value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

static char *
json_value_to_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "true" : "false");
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (type == G_TYPE_DOUBLE)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
        }
    }
  return json_to_string (node, FALSE);
}

static gboolean
copy_put (PGconn     *conn,
          const char *data,
          gsize       length,
          GError    **error)
{
  while (length > 0)
    {
      int n = (int) MIN (length, (gsize) COPY_CHUNK);

      if (PQputCopyData (conn, data, n) != 1)
        {
          g_set_error (error, CTS_ERROR, CTS_ERROR_DATABASE, "COPY: %s", PQerrorMessage (conn));
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

static gboolean
copy_finish (PGconn  *conn,
             GError **error)
{
  g_autoptr(PGresult) res = NULL;

  if (PQputCopyEnd (conn, NULL) != 1)
    {
      g_set_error (error, CTS_ERROR, CTS_ERROR_DATABASE, "COPY: %s", PQerrorMessage (conn));
      return FALSE;
    }
  res = PQgetResult (conn);
  if (PQresultStatus (res) != PGRES_COMMAND_OK)
    {
      g_set_error (error, CTS_ERROR, CTS_ERROR_DATABASE, "COPY: %s", PQerrorMessage (conn));
      g_clear_pointer (&res, PQclear);
      while ((res = PQgetResult (conn)) != NULL)
        g_clear_pointer (&res, PQclear);
      return FALSE;
    }
  g_clear_pointer (&res, PQclear);
  while ((res = PQgetResult (conn)) != NULL)
    g_clear_pointer (&res, PQclear);
  return TRUE;
}

static gboolean
copy_begin (PGconn     *conn,
            const char *sql,
            GError    **error)
{
  g_autoptr(PGresult) res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_COPY_IN)
    {
      g_set_error (error, CTS_ERROR, CTS_ERROR_DATABASE, "%s: %s", sql, PQerrorMessage (conn));
      return FALSE;
    }
  return TRUE;
}

static char *
stage_columns_sql (PGconn   *conn,
                   CtsTable *table)
{
  GString *sql = g_string_new ("cartodb_id integer");

  for (guint i = 0; i < table->columns->len; i++)
    {
      CtsColumn *column = g_ptr_array_index (table->columns, i);
      g_autofree char *name = qi (conn, column->name);

      g_string_append_printf (sql, ", %s %s", name, column->type);
    }
  g_string_append (sql, ", the_geom text");
  return g_string_free (sql, FALSE);
}

static gboolean
stage_csv (PGconn     *conn,
           CtsTable   *table,
           const char *path,
           gboolean   *has_id,
           GError    **error)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, error);
  g_auto(GStrv) header = NULL;
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autofree char *first_line = NULL;
  g_autofree char *sql = NULL;
  const char *data;
  const char *eol;
  gsize length;

  if (file == NULL)
    return FALSE;
  data = g_mapped_file_get_contents (file);
  length = g_mapped_file_get_length (file);
  eol = memchr (data, '\n', length);
  if (eol == NULL)
    {
      g_set_error (error, CTS_ERROR, CTS_ERROR_CONFIG, "%s: no header line", path);
      return FALSE;
    }
  first_line = g_strndup (data, eol - data);
  header = g_strsplit (g_strstrip (first_line), ",", -1);

  *has_id = FALSE;
  for (guint i = 0; header[i] != NULL; i++)
    {
      g_autofree char *name = qi (conn, header[i]);
      gboolean known = g_str_equal (header[i], "cartodb_id") || g_str_equal (header[i], "the_geom");

      for (guint j = 0; !known && j < table->columns->len; j++)
        known = g_str_equal (((CtsColumn *) g_ptr_array_index (table->columns, j))->name, header[i]);
      if (!known)
        {
          g_set_error (error, CTS_ERROR, CTS_ERROR_CONFIG, "%s: column %s is not in table %s's columns",
                       path, header[i], table->name);
          return FALSE;
        }
      if (g_str_equal (header[i], "cartodb_id"))
        *has_id = TRUE;
      g_string_append_printf (columns, "%s%s", i > 0 ? ", " : "", name);
    }

  sql = g_strdup_printf ("COPY cts_stage (%s) FROM STDIN (FORMAT csv, HEADER true)", columns->str);
  return copy_begin (conn, sql, error) &&
         copy_put (conn, data, length, error) &&
         copy_finish (conn, error);
}

/* GeoJSON features and inline rows become COPY text rows of the staging
 * table's columns, in order. */
static void
append_stage_row (GString    *out,
                  CtsTable   *table,
                  JsonObject *properties,
                  const char *geometry)
{
  JsonNode *id = properties ? json_object_get_member (properties, "cartodb_id") : NULL;
  g_autofree char *id_text = json_value_to_text (id);

  copy_append_value (out, id_text);
  for (guint i = 0; i < table->columns->len; i++)
    {
      CtsColumn *column = g_ptr_array_index (table->columns, i);
      JsonNode *value = properties ? json_object_get_member (properties, column->name) : NULL;
      g_autofree char *text = json_value_to_text (value);

      g_string_append_c (out, '\t');
      copy_append_value (out, text);
    }
  g_string_append_c (out, '\t');
  copy_append_value (out, geometry);
  g_string_append_c (out, '\n');
}

static gboolean
stage_json (PGconn    *conn,
            CtsTable  *table,
            JsonNode  *source,
            gboolean   geojson,
            gboolean  *has_id,
            GError   **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *items;

  if (geojson)
    {
      JsonObject *fc = JSON_NODE_HOLDS_OBJECT (source) ? json_node_get_object (source) : NULL;

      items = fc && json_object_has_member (fc, "features") ? json_object_get_array_member (fc, "features") : NULL;
    }
  else
    items = json_node_get_array (source);
  if (items == NULL)
    {
      g_set_error (error, CTS_ERROR, CTS_ERROR_CONFIG, "table %s: expected a FeatureCollection or an array of rows", table->name);
      return FALSE;
    }

  *has_id = json_array_get_length (items) > 0;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *properties;
      g_autofree char *geometry = NULL;

      if (item == NULL)
        continue;
      if (geojson)
        {
          JsonNode *geom = json_object_get_member (item, "geometry");

          properties = json_object_has_member (item, "properties") &&
                       JSON_NODE_HOLDS_OBJECT (json_object_get_member (item, "properties"))
                         ? json_object_get_object_member (item, "properties") : NULL;
          if (geom != NULL && !JSON_NODE_HOLDS_NULL (geom))
            geometry = json_to_string (geom, FALSE);
        }
      else
        {
          properties = item;
          geometry = json_value_to_text (json_object_get_member (item, "the_geom"));
        }
      if (properties == NULL || !json_object_has_member (properties, "cartodb_id"))
        *has_id = FALSE;
      append_stage_row (out, table, properties, geometry);
    }

  return copy_begin (conn, "COPY cts_stage FROM STDIN", error) &&
         copy_put (conn, out->str, out->len, error) &&
         copy_finish (conn, error);
}

static gboolean
load_table (PGconn     *conn,
            CtsUser    *user,
            CtsTable   *table,
            const char *data_dir,
            GError    **error)
{
  g_autofree char *schema = qi (conn, user->schema);
  g_autofree char *name = qi (conn, table->name);
  g_autofree char *owner = qi (conn, user->role);
  g_autofree char *qualified = g_strdup_printf ("%s.%s", schema, name);
  g_autofree char *stage_cols = stage_columns_sql (conn, table);
  g_autoptr(GString) cols = g_string_new (NULL);
  g_autoptr(GString) col_defs = g_string_new (NULL);
  g_autofree char *geom_expr = NULL;
  g_autofree char *source = NULL;
  GeomFormat format = GEOM_TEXT;
  gboolean has_id = FALSE;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < table->columns->len; i++)
    {
      CtsColumn *column = g_ptr_array_index (table->columns, i);
      g_autofree char *cname = qi (conn, column->name);

      g_string_append_printf (cols, "%s, ", cname);
      g_string_append_printf (col_defs, "%s %s, ", cname, column->type);
    }

  /* CDB_CartodbfyTable's shape: cartodb_id with a sequence, the_geom in
   * 4326 and the_geom_webmercator in 3857 (generic, as CARTO has it). */
  if (!exec_printf (conn, error,
                    "CREATE TABLE %s (cartodb_id serial PRIMARY KEY, %s"
                    "the_geom geometry(%s, 4326), the_geom_webmercator geometry(Geometry, 3857))",
                    qualified, col_defs->str, table->geometry_type))
    return FALSE;

  if (table->sql != NULL)
    {
      source = g_strdup_printf ("(%s)", table->sql);
    }
  else
    {
      if (!exec_printf (conn, error, "CREATE TEMP TABLE cts_stage (%s)", stage_cols))
        return FALSE;
      source = g_strdup ("cts_stage");

      if (table->file != NULL)
        {
          g_autofree char *path = g_build_filename (data_dir, table->file, NULL);

          if (g_str_has_suffix (table->file, ".csv"))
            {
              if (!stage_csv (conn, table, path, &has_id, error))
                return FALSE;
            }
          else
            {
              g_autoptr(JsonParser) parser = json_parser_new ();

              format = GEOM_GEOJSON;
              if (!json_parser_load_from_mapped_file (parser, path, error) ||
                  !stage_json (conn, table, json_parser_get_root (parser), TRUE, &has_id, error))
                return FALSE;
            }
        }
      else if (table->geojson != NULL)
        {
          format = GEOM_GEOJSON;
          if (!stage_json (conn, table, table->geojson, TRUE, &has_id, error))
            return FALSE;
        }
      else if (!stage_json (conn, table, table->rows, FALSE, &has_id, error))
        return FALSE;
    }

  if (format == GEOM_GEOJSON)
    geom_expr = g_strdup ("ST_SetSRID(ST_GeomFromGeoJSON(the_geom), 4326)");
  else
    geom_expr = g_strdup ("ST_SetSRID(the_geom::geometry, 4326)");
  if (g_str_has_prefix (table->geometry_type, "Multi"))
    {
      g_autofree char *inner = g_steal_pointer (&geom_expr);

      geom_expr = g_strdup_printf ("ST_Multi(%s)", inner);
    }

  if (!exec_printf (conn, error,
                    "INSERT INTO %s (%s%sthe_geom, the_geom_webmercator) "
                    "SELECT %s%sg, cartodb.CDB_TransformToWebmercator(g) "
                    "FROM (SELECT %s%s%s AS g FROM %s AS src) AS s",
                    qualified, has_id ? "cartodb_id, " : "", cols->str,
                    has_id ? "cartodb_id, " : "", cols->str,
                    has_id ? "cartodb_id, " : "", cols->str, geom_expr, source))
    return FALSE;

  if (table->sql == NULL && !exec_printf (conn, error, "DROP TABLE cts_stage"))
    return FALSE;

  {
    g_autofree char *lit = NULL;
    char *escaped = PQescapeLiteral (conn, qualified, strlen (qualified));

    lit = g_strdup (escaped);
    PQfreemem (escaped);
    if (!exec_printf (conn, error,
                      "SELECT setval(pg_get_serial_sequence(%s, 'cartodb_id'), "
                      "coalesce((SELECT max(cartodb_id) FROM %s), 0) + 1, false)", lit, qualified) ||
        !exec_printf (conn, error, "CREATE INDEX ON %s USING gist (the_geom)", qualified) ||
        !exec_printf (conn, error, "CREATE INDEX ON %s USING gist (the_geom_webmercator)", qualified) ||
        !exec_printf (conn, error, "ANALYZE %s", qualified) ||
        !exec_printf (conn, error,
                      "CREATE TRIGGER update_the_geom_webmercator_trigger BEFORE INSERT OR UPDATE OF the_geom "
                      "ON %s FOR EACH ROW EXECUTE FUNCTION cartodb._cdb_update_the_geom_webmercator()", qualified) ||
        !exec_printf (conn, error,
                      "CREATE TRIGGER track_updates AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                      "ON %s FOR EACH STATEMENT EXECUTE FUNCTION cartodb.cdb_tablemetadata_trigger()", qualified) ||
        !exec_printf (conn, error, "INSERT INTO cartodb.cdb_tablemetadata (tabname) VALUES (%s::regclass)", lit) ||
        !exec_printf (conn, error, "ALTER TABLE %s OWNER TO %s", qualified, owner))
      return FALSE;
  }

  /* Privacy is a grant, as in CARTO: PUBLIC and LINK both let publicuser
   * read the table, and nothing in SQL tells them apart. */
  if (table->privacy != CTS_PRIVACY_PRIVATE &&
      !exec_printf (conn, error, "GRANT SELECT ON %s TO " CTS_PUBLIC_ROLE, qualified))
    return FALSE;

  g_printerr ("carto-test-server: loaded %s.%s in %.2f s\n", user->name, table->name,
              (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}

static gboolean
grant_keys (PGconn  *conn,
            CtsUser *user,
            GError **error)
{
  g_autofree char *schema = qi (conn, user->schema);

  for (guint i = 0; i < user->keys->len; i++)
    {
      CtsKey *key = g_ptr_array_index (user->keys, i);
      g_autofree char *role = qi (conn, key->role);

      for (guint j = 0; j < key->table_grants->len; j++)
        {
          CtsTableGrant *grant = g_ptr_array_index (key->table_grants, j);
          g_autofree char *table = qi (conn, grant->table);
          g_autofree char *perms = g_strjoinv (", ", grant->permissions);

          if (!exec_printf (conn, error, "GRANT %s ON %s.%s TO %s", perms, schema, table, role))
            return FALSE;
          if (g_strv_contains ((const char * const *) grant->permissions, "insert"))
            {
              /* pg_get_serial_sequence returns a quoted, qualified name. */
              g_autofree char *qualified = g_strdup_printf ("%s.%s", schema, table);
              const char *params[] = { qualified };
              g_autoptr(PGresult) res = cts_db_exec_params (conn, "SELECT pg_get_serial_sequence($1, 'cartodb_id')",
                                                            1, params, error);

              if (res == NULL ||
                  !exec_printf (conn, error, "GRANT USAGE, SELECT ON SEQUENCE %s TO %s", PQgetvalue (res, 0, 0), role))
                return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
generate_points_table (PGconn  *conn,
                       CtsUser *user,
                       guint    n,
                       GError **error)
{
  g_autofree char *schema = qi (conn, user->schema);
  g_autofree char *owner = qi (conn, user->role);
  gint64 start = g_get_monotonic_time ();

  /* setseed makes every run draw the same points. */
  if (!exec_printf (conn, error,
                    "CREATE TABLE %s.synthetic_points (cartodb_id serial PRIMARY KEY, value double precision, "
                    "category text, the_geom geometry(Point, 4326), the_geom_webmercator geometry(Geometry, 3857))",
                    schema) ||
      !exec_printf (conn, error, "SELECT setseed(0.42)") ||
      !exec_printf (conn, error,
                    "INSERT INTO %s.synthetic_points (value, category, the_geom, the_geom_webmercator) "
                    "SELECT round((random() * 1000)::numeric, 3), (ARRAY['a','b','c','d'])[1 + floor(random() * 4)::int], "
                    "g, ST_Transform(g, 3857) FROM (SELECT ST_SetSRID(ST_MakePoint(random() * 360 - 180, "
                    "random() * 170 - 85), 4326) AS g FROM generate_series(1, %u)) AS s", schema, n) ||
      !exec_printf (conn, error, "CREATE INDEX ON %s.synthetic_points USING gist (the_geom)", schema) ||
      !exec_printf (conn, error, "CREATE INDEX ON %s.synthetic_points USING gist (the_geom_webmercator)", schema) ||
      !exec_printf (conn, error, "ANALYZE %s.synthetic_points", schema) ||
      !exec_printf (conn, error,
                    "CREATE TRIGGER update_the_geom_webmercator_trigger BEFORE INSERT OR UPDATE OF the_geom "
                    "ON %s.synthetic_points FOR EACH ROW EXECUTE FUNCTION cartodb._cdb_update_the_geom_webmercator()", schema) ||
      !exec_printf (conn, error,
                    "CREATE TRIGGER track_updates AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                    "ON %s.synthetic_points FOR EACH STATEMENT EXECUTE FUNCTION cartodb.cdb_tablemetadata_trigger()", schema) ||
      !exec_printf (conn, error, "INSERT INTO cartodb.cdb_tablemetadata (tabname) VALUES ('%s.synthetic_points'::regclass)", schema) ||
      !exec_printf (conn, error, "ALTER TABLE %s.synthetic_points OWNER TO %s", schema, owner) ||
      !exec_printf (conn, error, "GRANT SELECT ON %s.synthetic_points TO " CTS_PUBLIC_ROLE, schema))
    return FALSE;

  g_printerr ("carto-test-server: generated %s.synthetic_points (%u rows) in %.2f s\n",
              user->name, n, (g_get_monotonic_time () - start) / 1e6);
  return TRUE;
}

static gboolean
setup_user (CtsDb      *db,
            PGconn     *admin,
            CtsUser    *user,
            const char *data_dir,
            guint       generate_points,
            GError    **error)
{
  g_autofree char *database = qi (admin, user->database);
  g_autofree char *owner = qi (admin, user->role);
  g_autofree char *schema = NULL;
  g_autofree char *search_path = NULL;
  PGconn *conn;
  gboolean ok = FALSE;

  if (!exec_printf (admin, error, "DROP DATABASE IF EXISTS %s WITH (FORCE)", database) ||
      !exec_printf (admin, error, "CREATE DATABASE %s TEMPLATE " TEMPLATE_DB " STRATEGY FILE_COPY", database))
    return FALSE;

  conn = cts_db_connect (db, user->database, NULL, error);
  if (conn == NULL)
    return FALSE;
  cts_db_exec (conn, "SET client_min_messages = warning", NULL);

  schema = qi (conn, user->schema);
  search_path = g_strdup_printf ("%s, cartodb, public", schema);

  /* The search path makes a table's "sql" source see the user's tables. */
  if (!exec_printf (conn, error, "REVOKE CREATE ON SCHEMA public FROM PUBLIC") ||
      !exec_printf (conn, error, "CREATE SCHEMA %s AUTHORIZATION %s", schema, owner) ||
      !exec_printf (conn, error, "SET search_path = %s", search_path) ||
      !exec_printf (conn, error, "GRANT USAGE ON SCHEMA %s TO " CTS_PUBLIC_ROLE, schema) ||
      !exec_printf (conn, error, "GRANT SELECT ON cartodb.cdb_tablemetadata TO %s", owner))
    goto out;

  /* So that psql sessions of these roles see what the server's do. */
  for (guint i = 0; i < user->keys->len; i++)
    {
      CtsKey *key = g_ptr_array_index (user->keys, i);
      g_autofree char *role = qi (conn, key->role);

      if (!exec_printf (conn, error, "ALTER ROLE %s IN DATABASE %s SET search_path = %s",
                        role, database, search_path))
        goto out;
    }

  for (guint i = 0; i < user->tables->len; i++)
    if (!load_table (conn, user, g_ptr_array_index (user->tables, i), data_dir, error))
      goto out;

  if (generate_points > 0 && !generate_points_table (conn, user, generate_points, error))
    goto out;

  ok = grant_keys (conn, user, error);

out:
  PQfinish (conn);
  if (!ok)
    g_prefix_error (error, "user %s: ", user->name);
  return ok;
}

/**
 * cts_loader_dup_catalogue:
 * @error: return location for a #GError
 *
 * Returns: (transfer full): cts-catalogue.sql, read from the source tree,
 *   NUL-terminated
 */
GBytes *
cts_loader_dup_catalogue (GError **error)
{
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (CTS_CATALOGUE_SQL, &contents, &length, error))
    return NULL;
  return g_bytes_new_take (contents, length + 1);
}

/**
 * cts_loader_setup:
 * @db: a pool for the cluster
 * @config: users, keys and tables
 * @data_dir: (nullable): where table files live
 * @generate_points: rows of the synthetic point table for the first user
 *   (0: none)
 * @error: return location for a #GError
 *
 * Makes each user a login role, a database copied from a template holding
 * PostGIS and the catalogue, and a schema of that name owned by the role;
 * each regular key a role `<user>_role_<hex>` in `publicuser`; then loads
 * every table with COPY, indexes and analyses it, and grants what privacy
 * and keys say.
 *
 * Returns: whether it worked
 */
gboolean
cts_loader_setup (CtsDb      *db,
                  CtsConfig  *config,
                  const char *data_dir,
                  guint       generate_points,
                  GError    **error)
{
  PGconn *admin = cts_db_connect (db, "postgres", NULL, error);
  gboolean ok = FALSE;

  if (admin == NULL)
    return FALSE;
  cts_db_exec (admin, "SET client_min_messages = warning", NULL);

  if (!ensure_role (admin, CTS_PUBLIC_ROLE, NULL, error))
    goto out;
  for (guint i = 0; i < config->users->len; i++)
    {
      CtsUser *user = g_ptr_array_index (config->users, i);

      if (!ensure_role (admin, user->role, NULL, error))
        goto out;
      for (guint j = 0; j < user->keys->len; j++)
        {
          CtsKey *key = g_ptr_array_index (user->keys, j);

          if (key->type == CTS_KEY_REGULAR && !ensure_role (admin, key->role, CTS_PUBLIC_ROLE, error))
            goto out;
        }
    }

  if (!create_template (db, admin, error))
    goto out;

  for (guint i = 0; i < config->users->len; i++)
    if (!setup_user (db, admin, g_ptr_array_index (config->users, i), data_dir,
                     i == 0 ? generate_points : 0, error))
      goto out;

  ok = exec_printf (admin, error, "DROP DATABASE " TEMPLATE_DB) &&
       exec_printf (admin, error, "CHECKPOINT");

out:
  PQfinish (admin);
  return ok;
}
