/* cts-db.c — connections per (database, role) and queries run as a key's role
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "cts-config.h"
#include "cts-db.h"

/* A connection logs in as the key's own role, never as a superuser that
 * merely SET ROLEs: a query could RESET ROLE its way out of the latter. */
typedef struct {
  PGconn *conn;
  char *pool_key;
  char *dbname;
  gboolean capture_notices;
  GPtrArray *notices;
} PooledConn;

struct _CtsDb
{
  char *base_conninfo;
  GMutex lock;
  GHashTable *idle;        /* "db\nrole" → GQueue of PooledConn */
  GHashTable *type_names;  /* dbname → (oid → typname) */
};

static void
pooled_conn_free (PooledConn *pc)
{
  g_clear_pointer (&pc->conn, PQfinish);
  g_free (pc->pool_key);
  g_free (pc->dbname);
  g_free (pc);
}

static void
idle_queue_free (GQueue *queue)
{
  g_queue_free_full (queue, (GDestroyNotify) pooled_conn_free);
}

static void
pg_error_free (CtsPgError *error)
{
  if (error == NULL)
    return;
  g_free (error->message);
  g_free (error->sqlstate);
  g_free (error->detail);
  g_free (error->hint);
  g_free (error->context);
  g_free (error);
}

static CtsPgError *
pg_error_new (const char *sqlstate,
              const char *message)
{
  CtsPgError *error = g_new0 (CtsPgError, 1);

  error->sqlstate = g_strdup (sqlstate);
  error->message = g_strdup (message);
  return error;
}

static CtsPgError *
pg_error_from_result (const PGresult *res,
                      PGconn         *conn)
{
  const char *primary = res ? PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  CtsPgError *error;

  if (primary == NULL)
    {
      g_autofree char *text = g_strdup (PQerrorMessage (conn));

      return pg_error_new (CTS_STATE_CONNECTION, g_strstrip (text));
    }
  error = pg_error_new (PQresultErrorField (res, PG_DIAG_SQLSTATE), primary);
  error->detail = g_strdup (PQresultErrorField (res, PG_DIAG_MESSAGE_DETAIL));
  error->hint = g_strdup (PQresultErrorField (res, PG_DIAG_MESSAGE_HINT));
  error->context = g_strdup (PQresultErrorField (res, PG_DIAG_CONTEXT));
  return error;
}

static void
notice_receiver (void           *data,
                 const PGresult *res)
{
  PooledConn *pc = data;
  const char *severity = PQresultErrorField (res, PG_DIAG_SEVERITY_NONLOCALIZED);
  const char *message = PQresultErrorField (res, PG_DIAG_MESSAGE_PRIMARY);
  g_autofree char *lower = NULL;

  if (!pc->capture_notices || severity == NULL || message == NULL)
    return;
  /* The SQL API groups them as notices, warnings, infos… */
  lower = g_ascii_strdown (severity, -1);
  g_ptr_array_add (pc->notices, g_strconcat (lower, "s", NULL));
  g_ptr_array_add (pc->notices, g_strdup (message));
}

/**
 * cts_db_new:
 * @base_conninfo: a libpq connection string for the cluster (host, port…)
 *
 * Returns: (transfer full): a connection pool
 */
CtsDb *
cts_db_new (const char *base_conninfo)
{
  CtsDb *db = g_new0 (CtsDb, 1);

  db->base_conninfo = g_strdup (base_conninfo);
  g_mutex_init (&db->lock);
  db->idle = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) idle_queue_free);
  db->type_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  return db;
}

/**
 * cts_db_free:
 * @db: (transfer full): a pool
 *
 * Closes every idle connection and frees @db.
 */
void
cts_db_free (CtsDb *db)
{
  if (db == NULL)
    return;
  g_hash_table_destroy (db->idle);
  g_hash_table_destroy (db->type_names);
  g_mutex_clear (&db->lock);
  g_free (db->base_conninfo);
  g_free (db);
}

/**
 * cts_db_connect:
 * @db: a pool
 * @dbname: (nullable): a database; %NULL: the connection string's
 * @role: (nullable): the role to log in as; %NULL: the connection string's
 * @error: return location for a #GError
 *
 * Opens a new connection (not pooled) with the session in UTC, so dates
 * come out the same on every machine.
 *
 * Returns: (transfer full): the connection, or %NULL
 */
PGconn *
cts_db_connect (CtsDb      *db,
                const char *dbname,
                const char *role,
                GError    **error)
{
  /* With expand_dbname, only the first "dbname" is read as a connection
   * string; the later keywords override what it says. */
  const char *keywords[6] = { "dbname", "application_name", "options", NULL, NULL, NULL };
  const char *values[6] = { db->base_conninfo, "carto-test-server", "-c TimeZone=UTC", NULL, NULL, NULL };
  int n = 3;
  PGconn *conn;

  if (dbname != NULL)
    {
      keywords[n] = "dbname";
      values[n++] = dbname;
    }
  if (role != NULL)
    {
      keywords[n] = "user";
      values[n++] = role;
    }
  conn = PQconnectdbParams (keywords, values, 1);

  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_set_error (error, CTS_ERROR, CTS_ERROR_DATABASE, "cannot connect to %s as %s: %s",
                   dbname ? dbname : "(default)", role ? role : "(default)", PQerrorMessage (conn));
      PQfinish (conn);
      return NULL;
    }
  return conn;
}

/**
 * cts_db_exec:
 * @conn: a connection
 * @sql: one or more statements without parameters
 * @error: return location for a #GError
 *
 * Returns: whether every statement succeeded
 */
gboolean
cts_db_exec (PGconn     *conn,
             const char *sql,
             GError    **error)
{
  g_autoptr(PGresult) res = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (res);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      g_set_error (error, CTS_ERROR, CTS_ERROR_DATABASE, "%s", PQerrorMessage (conn));
      return FALSE;
    }
  return TRUE;
}

/**
 * cts_db_exec_params:
 * @conn: a connection
 * @sql: one statement with $n parameters
 * @n_params: the number of parameters
 * @params: (array length=n_params): their text values
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the result, or %NULL
 */
PGresult *
cts_db_exec_params (PGconn             *conn,
                    const char         *sql,
                    int                 n_params,
                    const char * const *params,
                    GError            **error)
{
  PGresult *res = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (res);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      g_set_error (error, CTS_ERROR, CTS_ERROR_DATABASE, "%s", PQerrorMessage (conn));
      PQclear (res);
      return NULL;
    }
  return res;
}

/**
 * cts_db_quote_ident:
 * @conn: a connection
 * @name: an identifier
 *
 * Returns: (transfer full): @name as a quoted SQL identifier
 */
char *
cts_db_quote_ident (PGconn     *conn,
                    const char *name)
{
  char *quoted = PQescapeIdentifier (conn, name, strlen (name));
  char *copy = g_strdup (quoted);

  PQfreemem (quoted);
  return copy;
}

static PooledConn *
acquire (CtsDb      *db,
         const char *dbname,
         const char *role,
         GError    **error)
{
  g_autofree char *key = g_strconcat (dbname, "\n", role, NULL);
  PooledConn *pc = NULL;
  GQueue *queue;

  g_mutex_lock (&db->lock);
  queue = g_hash_table_lookup (db->idle, key);
  if (queue != NULL)
    pc = g_queue_pop_head (queue);
  g_mutex_unlock (&db->lock);

  if (pc != NULL)
    return pc;

  pc = g_new0 (PooledConn, 1);
  pc->conn = cts_db_connect (db, dbname, role, error);
  if (pc->conn == NULL)
    {
      pooled_conn_free (pc);
      return NULL;
    }
  pc->pool_key = g_steal_pointer (&key);
  pc->dbname = g_strdup (dbname);
  PQsetNoticeReceiver (pc->conn, notice_receiver, pc);
  return pc;
}

static void
release (CtsDb      *db,
         PooledConn *pc)
{
  GQueue *queue;

  pc->capture_notices = FALSE;
  pc->notices = NULL;
  if (PQstatus (pc->conn) != CONNECTION_OK || PQtransactionStatus (pc->conn) != PQTRANS_IDLE)
    {
      pooled_conn_free (pc);
      return;
    }

  g_mutex_lock (&db->lock);
  queue = g_hash_table_lookup (db->idle, pc->pool_key);
  if (queue == NULL)
    {
      queue = g_queue_new ();
      g_hash_table_insert (db->idle, g_strdup (pc->pool_key), queue);
    }
  g_queue_push_head (queue, pc);
  g_mutex_unlock (&db->lock);
}

/* The SQL API names types the way node-postgres did for CARTO: built-in
 * types by name, plus geometry, geography and raster; any other type
 * (an enum, a domain) is unknown(OID). */
static GHashTable *
ensure_type_names (CtsDb  *db,
                   PGconn *conn,
                   const char *dbname)
{
  GHashTable *names;

  g_mutex_lock (&db->lock);
  names = g_hash_table_lookup (db->type_names, dbname);
  g_mutex_unlock (&db->lock);
  if (names != NULL)
    return names;

  {
    g_autoptr(PGresult) res = PQexec (conn,
        "SELECT oid::int8, typname FROM pg_catalog.pg_type "
        "WHERE oid < 16384 OR typname IN ('geometry', 'geography', 'raster')");

    names = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
    if (PQresultStatus (res) == PGRES_TUPLES_OK)
      {
        for (int i = 0; i < PQntuples (res); i++)
          {
            guint oid = (guint) g_ascii_strtoull (PQgetvalue (res, i, 0), NULL, 10);

            /* node-postgres' table spells json in capitals. */
            g_hash_table_insert (names, GUINT_TO_POINTER (oid),
                                 g_strdup (oid == 114 ? "JSON" : PQgetvalue (res, i, 1)));
          }
      }
  }

  g_mutex_lock (&db->lock);
  if (g_hash_table_lookup (db->type_names, dbname) == NULL)
    g_hash_table_insert (db->type_names, g_strdup (dbname), names);
  else
    g_clear_pointer (&names, g_hash_table_unref);
  names = g_hash_table_lookup (db->type_names, dbname);
  g_mutex_unlock (&db->lock);
  return names;
}

static gboolean
name_is_system (const char *name)
{
  for (const char *p = strstr (name, "pg_"); p != NULL; p = strstr (p + 1, "pg_"))
    {
      if (p == name || !(g_ascii_isalnum (p[-1]) || p[-1] == '_'))
        return TRUE;
    }
  return FALSE;
}

static gboolean
plan_touches_system (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (plan_touches_system (json_array_get_element (array, i)))
          return TRUE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &member, &value))
        {
          if (g_str_equal (member, "Relation Name") && JSON_NODE_HOLDS_VALUE (value) &&
              json_node_get_value_type (value) == G_TYPE_STRING &&
              name_is_system (json_node_get_string (value)))
            return TRUE;
          if (plan_touches_system (value))
            return TRUE;
        }
    }
  return FALSE;
}

/* CARTO's SQL API EXPLAINs a non-master query and refuses plans that read
 * a relation named like pg_…; a query EXPLAIN cannot plan (DDL, EXPLAIN
 * itself) passes the check and meets the database's own permissions. */
static CtsPgError *
check_system_tables (PooledConn         *pc,
                     const CtsQuerySpec *spec)
{
  g_autofree char *sql = g_strconcat ("EXPLAIN (FORMAT JSON) ", spec->sql, NULL);
  g_autoptr(PGresult) res = NULL;
  gboolean forbidden = FALSE;

  if (!cts_db_exec (pc->conn, "SAVEPOINT cts_check", NULL))
    return pg_error_from_result (NULL, pc->conn);

  res = PQexecParams (pc->conn, sql, spec->n_params, NULL, spec->params, NULL, NULL, 0);
  if (PQresultStatus (res) == PGRES_TUPLES_OK && PQntuples (res) == 1)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, PQgetvalue (res, 0, 0), -1, NULL))
        forbidden = plan_touches_system (json_parser_get_root (parser));
    }

  if (!cts_db_exec (pc->conn, "ROLLBACK TO SAVEPOINT cts_check; RELEASE SAVEPOINT cts_check", NULL))
    return pg_error_from_result (NULL, pc->conn);
  if (forbidden)
    return pg_error_new (CTS_STATE_SYSTEM_TABLES, "system tables are forbidden");
  return NULL;
}

static void
record_fields (CtsQueryResult *result,
               const PGresult *res)
{
  if (result->field_names != NULL)
    return;
  result->n_fields = PQnfields (res);
  result->field_names = g_new0 (char *, result->n_fields + 1);
  result->field_types = g_new0 (Oid, result->n_fields);
  result->field_mods = g_new0 (int, result->n_fields);
  for (int i = 0; i < result->n_fields; i++)
    {
      result->field_names[i] = g_strdup (PQfname (res, i));
      result->field_types[i] = PQftype (res, i);
      result->field_mods[i] = PQfmod (res, i);
    }
}

static void
free_row (gpointer data,
          gpointer n_fields)
{
  char **row = data;

  for (int i = 0; i < GPOINTER_TO_INT (n_fields); i++)
    g_free (row[i]);
  g_free (row);
}

static void
run_main_query (PooledConn         *pc,
                const CtsQuerySpec *spec,
                CtsQueryResult     *result)
{
  guint64 bytes = 0;
  gboolean cancelled = FALSE;
  PGresult *res;

  if (!PQsendQueryParams (pc->conn, spec->sql, spec->n_params, NULL, spec->params,
                          NULL, NULL, spec->binary ? 1 : 0))
    {
      result->error = pg_error_from_result (NULL, pc->conn);
      return;
    }
  PQsetSingleRowMode (pc->conn);

  while ((res = PQgetResult (pc->conn)) != NULL)
    {
      ExecStatusType status = PQresultStatus (res);

      if (status == PGRES_SINGLE_TUPLE && !cancelled)
        {
          char **row;
          int *lengths;

          record_fields (result, res);
          row = g_new0 (char *, result->n_fields);
          lengths = g_new0 (int, result->n_fields);
          for (int i = 0; i < result->n_fields; i++)
            {
              if (PQgetisnull (res, 0, i))
                continue;
              lengths[i] = PQgetlength (res, 0, i);
              row[i] = g_malloc (lengths[i] + 1);
              memcpy (row[i], PQgetvalue (res, 0, i), lengths[i]);
              row[i][lengths[i]] = '\0';
              bytes += lengths[i];
            }
          g_ptr_array_add (result->rows, row);
          g_ptr_array_add (result->lengths, lengths);

          if ((spec->max_rows > 0 && result->rows->len > spec->max_rows) ||
              (spec->max_bytes > 0 && bytes > spec->max_bytes))
            {
              PGcancel *cancel = PQgetCancel (pc->conn);
              char buf[256];

              PQcancel (cancel, buf, sizeof buf);
              PQfreeCancel (cancel);
              cancelled = TRUE;
              result->error = pg_error_new (CTS_STATE_TOO_LARGE,
                  "You are over platform's limits: Max result size exceeded. "
                  "Refactor your query before running again or contact CARTO support for more details.");
              result->error->context = g_strdup ("limit");
              result->error->detail = g_strdup ("datasource");
            }
        }
      else if (status == PGRES_TUPLES_OK)
        {
          record_fields (result, res);
          result->affected = g_ascii_strtoll (PQcmdTuples (res), NULL, 10);
        }
      else if (status == PGRES_COMMAND_OK)
        {
          const char *n = PQcmdTuples (res);

          result->affected = (n && *n) ? g_ascii_strtoll (n, NULL, 10) : 0;
        }
      else if (status == PGRES_FATAL_ERROR && result->error == NULL)
        {
          result->error = pg_error_from_result (res, pc->conn);
        }
      PQclear (res);
    }
}

/**
 * cts_db_run_query:
 * @db: a pool
 * @spec: what to run, as whom, under which limits
 *
 * Runs one statement (libpq's extended protocol takes exactly one) in a
 * transaction, logged in as @spec's role with `SET LOCAL ROLE`,
 * `statement_timeout` and `search_path` set locally, rows capped, and for
 * non-master keys CARTO's system-table check first. Meant for a worker
 * thread: it blocks.
 *
 * Returns: (transfer full): the result; check its error
 */
CtsQueryResult *
cts_db_run_query (CtsDb              *db,
                  const CtsQuerySpec *spec)
{
  g_autoptr(CtsQueryResult) result = g_new0 (CtsQueryResult, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *role = NULL;
  g_autofree char *set_role = NULL;
  g_autofree char *search_path = NULL;
  g_autofree char *timeout = NULL;
  gint64 start = g_get_monotonic_time ();
  PooledConn *pc;

  result->rows = g_ptr_array_new ();
  result->lengths = g_ptr_array_new_with_free_func (g_free);
  result->notices = g_ptr_array_new_with_free_func (g_free);
  result->affected = -1;

  pc = acquire (db, spec->dbname, spec->role, &error);
  if (pc == NULL)
    {
      g_printerr ("carto-test-server: %s\n", error->message);
      result->error = pg_error_new (CTS_STATE_CONNECTION, "cannot connect to the database");
      return g_steal_pointer (&result);
    }

  result->type_names = ensure_type_names (db, pc->conn, spec->dbname);

  role = cts_db_quote_ident (pc->conn, spec->role);
  set_role = g_strconcat ("BEGIN; SET LOCAL ROLE ", role, NULL);
  if (spec->schema != NULL)
    {
      g_autofree char *schema = cts_db_quote_ident (pc->conn, spec->schema);

      search_path = g_strconcat (schema, ", cartodb, public", NULL);
    }
  else
    search_path = g_strdup ("cartodb, public");
  timeout = g_strdup_printf ("%u", spec->statement_timeout_ms);

  if (!cts_db_exec (pc->conn, set_role, &error))
    {
      result->error = pg_error_new (CTS_STATE_CONNECTION, error->message);
    }
  else
    {
      const char *params[] = { timeout, search_path };
      g_autoptr(PGresult) res = cts_db_exec_params (pc->conn,
          "SELECT set_config('statement_timeout', $1, true), set_config('search_path', $2, true)",
          2, params, &error);

      if (res == NULL)
        result->error = pg_error_new (CTS_STATE_CONNECTION, error->message);
    }

  if (result->error == NULL && spec->check_system_tables)
    result->error = check_system_tables (pc, spec);

  if (result->error == NULL)
    {
      pc->notices = result->notices;
      pc->capture_notices = TRUE;
      run_main_query (pc, spec, result);
      pc->capture_notices = FALSE;
    }

  /* Session-level SETs a query may have made must not leak into the next
   * request that borrows this connection. */
  cts_db_exec (pc->conn, result->error == NULL ? "COMMIT" : "ROLLBACK", NULL);
  cts_db_exec (pc->conn, "RESET ALL", NULL);
  release (db, pc);

  result->seconds = (g_get_monotonic_time () - start) / 1e6;
  return g_steal_pointer (&result);
}

typedef struct {
  CtsDb *db;
  CtsQuerySpec spec;
  GPtrArray *strings;   /* owns the spec's strings */
} RunData;

static void
run_data_free (RunData *data)
{
  g_ptr_array_unref (data->strings);
  g_free ((gpointer) data->spec.params);
  g_free (data);
}

static const char *
keep (RunData    *data,
      const char *value)
{
  char *copy = g_strdup (value);

  if (copy != NULL)
    g_ptr_array_add (data->strings, copy);
  return copy;
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;

  g_task_return_pointer (task, cts_db_run_query (data->db, &data->spec),
                         (GDestroyNotify) cts_query_result_free);
}

/**
 * cts_db_run_query_async:
 * @db: a pool
 * @spec: what to run (copied)
 * @callback: called on this thread's main context with the result
 * @user_data: data for @callback
 *
 * Runs cts_db_run_query() in a worker thread, so a slow query never holds
 * up the HTTP server.
 */
void
cts_db_run_query_async (CtsDb              *db,
                        const CtsQuerySpec *spec,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, callback, user_data);
  RunData *data = g_new0 (RunData, 1);
  const char **params = g_new0 (const char *, spec->n_params + 1);

  data->db = db;
  data->strings = g_ptr_array_new_with_free_func (g_free);
  data->spec = *spec;
  data->spec.dbname = keep (data, spec->dbname);
  data->spec.role = keep (data, spec->role);
  data->spec.schema = keep (data, spec->schema);
  data->spec.sql = keep (data, spec->sql);
  for (int i = 0; i < spec->n_params; i++)
    params[i] = keep (data, spec->params[i]);
  data->spec.params = params;
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

/**
 * cts_db_run_query_finish:
 * @result: the result passed to the callback
 *
 * Returns: (transfer full): the query's result
 */
CtsQueryResult *
cts_db_run_query_finish (GAsyncResult *result)
{
  return g_task_propagate_pointer (G_TASK (result), NULL);
}

/**
 * cts_query_result_free:
 * @result: (transfer full): a result
 *
 * Frees @result.
 */
void
cts_query_result_free (CtsQueryResult *result)
{
  if (result == NULL)
    return;
  if (result->rows != NULL)
    {
      g_ptr_array_foreach (result->rows, free_row, GINT_TO_POINTER (result->n_fields));
      g_ptr_array_unref (result->rows);
    }
  g_clear_pointer (&result->lengths, g_ptr_array_unref);
  g_strfreev (result->field_names);
  g_free (result->field_types);
  g_free (result->field_mods);
  g_clear_pointer (&result->notices, g_ptr_array_unref);
  pg_error_free (result->error);
  g_free (result);
}

/**
 * cts_query_result_type_name:
 * @result: a result
 * @field: a field index
 *
 * Returns: (nullable): the field's type name, as the SQL API knows it
 */
const char *
cts_query_result_type_name (CtsQueryResult *result,
                            int             field)
{
  if (result->type_names == NULL)
    return NULL;
  return g_hash_table_lookup (result->type_names, GUINT_TO_POINTER (result->field_types[field]));
}
