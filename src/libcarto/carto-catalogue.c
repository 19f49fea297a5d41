/* carto-catalogue.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The datasets of an account, with the queries of docs/carto-api.md §4.4.
 * The master key reads the statistics in one query over pg_class; any other
 * key is refused `pg_` relations (§4.3), so it lists names with
 * CDB_UserTables, called in the select list (in FROM it may be inlined into
 * a plan over pg_class and trip the server's check). Which key we have is
 * learnt by trying: a non-master key gets 403 for the master query, and we
 * fall back. Geometry types are sampled for all tables in one query per
 * batch. Nothing here counts rows: the counts are estimates.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "carto-catalogue.h"
#include "carto-dataset-private.h"
#include "carto-sql-quote.h"

/* Tables sampled per geometry query: one answer of a few KB. */
#define GEOMETRY_BATCH 50

static const char list_tag[] = "carto_catalogue_list_async";

typedef struct
{
  CartoSqlClient *client;
  GPtrArray *datasets;       /* CartoDataset, sorted */
  guint next_batch;
  gboolean is_master;
} ListData;

static void
list_data_free (ListData *data)
{
  g_clear_object (&data->client);
  g_clear_pointer (&data->datasets, g_ptr_array_unref);
  g_free (data);
}

static void sample_next_batch (GTask *task);

static int
compare_datasets (gconstpointer a,
                  gconstpointer b)
{
  CartoDataset *da = *(CartoDataset **) a;
  CartoDataset *db = *(CartoDataset **) b;
  int cmp = g_ascii_strcasecmp (carto_dataset_get_name (da), carto_dataset_get_name (db));

  if (cmp != 0)
    return cmp;
  cmp = g_strcmp0 (carto_dataset_get_name (da), carto_dataset_get_name (db));
  if (cmp != 0)
    return cmp;
  return g_strcmp0 (carto_dataset_get_schema (da), carto_dataset_get_schema (db));
}

static const char *
cell_string (CartoSqlResult *result,
             guint           row,
             int             field)
{
  return field >= 0 ? carto_sql_result_get_string (result, row, (guint) field) : NULL;
}

/* Numbers may come as JSON numbers or, for int8/numeric, as strings. */
static gboolean
cell_number (CartoSqlResult *result,
             guint           row,
             int             field,
             double         *out)
{
  JsonNode *value;

  if (field < 0)
    return FALSE;
  value = carto_sql_result_get_value (result, row, (guint) field);
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return FALSE;
  if (json_node_get_value_type (value) == G_TYPE_INT64 || json_node_get_value_type (value) == G_TYPE_DOUBLE)
    {
      *out = json_node_get_double (value);
      return TRUE;
    }
  if (json_node_get_value_type (value) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (value);
      char *end = NULL;

      *out = g_ascii_strtod (text, &end);
      return end != text && *end == '\0';
    }
  return FALSE;
}

static gboolean
cell_boolean (CartoSqlResult *result,
              guint           row,
              int             field,
              gboolean       *out)
{
  JsonNode *value;

  if (field < 0)
    return FALSE;
  value = carto_sql_result_get_value (result, row, (guint) field);
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value) ||
      json_node_get_value_type (value) != G_TYPE_BOOLEAN)
    return FALSE;
  *out = json_node_get_boolean (value);
  return TRUE;
}

static GError *
bad_response (const char *why)
{
  g_debug ("Catalogue: unexpected answer: %s", why);
  return g_error_new_literal (CARTO_SQL_ERROR, CARTO_SQL_ERROR_BAD_RESPONSE,
                              _("The server sent an answer that is not from the CARTO SQL API."));
}

/* Rows of (schema, name, is_public[, row_estimate, size_bytes, updated_at]). */
static gboolean
read_datasets (GTask          *task,
               CartoSqlResult *result,
               GError        **error)
{
  ListData *data = g_task_get_task_data (task);
  int f_schema = carto_sql_result_find_field (result, "schema");
  int f_name = carto_sql_result_find_field (result, "name");
  int f_public = carto_sql_result_find_field (result, "is_public");
  int f_rows = carto_sql_result_find_field (result, "row_estimate");
  int f_size = carto_sql_result_find_field (result, "size_bytes");
  int f_updated = carto_sql_result_find_field (result, "updated_at");

  if (f_name < 0)
    {
      g_propagate_error (error, bad_response ("no name column"));
      return FALSE;
    }

  for (guint row = 0; row < carto_sql_result_get_n_rows (result); row++)
    {
      g_autoptr(CartoDataset) dataset = NULL;
      const char *name = cell_string (result, row, f_name);
      const char *updated = cell_string (result, row, f_updated);
      gboolean is_public;
      double number;

      if (name == NULL)
        continue;

      dataset = carto_dataset_new (data->client, cell_string (result, row, f_schema), name);
      if (cell_boolean (result, row, f_public, &is_public))
        carto_dataset_set_privacy (dataset, is_public ? CARTO_DATASET_PRIVACY_PUBLIC_OR_LINK
                                                      : CARTO_DATASET_PRIVACY_PRIVATE);
      /* reltuples is -1 for a table never analyzed: unknown, not empty. */
      if (cell_number (result, row, f_rows, &number) && number >= 0)
        carto_dataset_set_row_count (dataset, (gint64) (number + 0.5), TRUE);
      if (cell_number (result, row, f_size, &number) && number >= 0)
        carto_dataset_set_size_bytes (dataset, (gint64) number);
      if (updated != NULL)
        {
          g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (updated, NULL);

          if (when == NULL)
            g_debug ("Catalogue: unreadable updated_at %s", updated);
          carto_dataset_set_updated_at (dataset, when);
        }

      g_ptr_array_add (data->datasets, g_steal_pointer (&dataset));
    }

  g_ptr_array_sort (data->datasets, compare_datasets);
  return TRUE;
}

static void
return_list (GTask *task)
{
  ListData *data = g_task_get_task_data (task);
  g_autoptr(GListStore) store = g_list_store_new (CARTO_TYPE_DATASET);

  g_list_store_splice (store, 0, 0, data->datasets->pdata, data->datasets->len);
  g_task_return_pointer (task, g_steal_pointer (&store), g_object_unref);
}

static void
sample_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  g_autoptr(CartoSqlResult) sample = NULL;
  g_autoptr(GError) error = NULL;
  guint first = data->next_batch * GEOMETRY_BATCH;

  sample = carto_sql_client_query_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (sample == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      /* A table whose the_geom is not a geometry fails the batch; those
       * datasets keep an unknown type, which load_details samples alone. */
      g_debug ("Catalogue: geometry sample failed: %s", error->message);
    }
  else if (carto_sql_result_get_n_rows (sample) == 1)
    {
      for (guint i = 0; i < carto_sql_result_get_n_fields (sample) && first + i < data->datasets->len; i++)
        {
          const char *joined = carto_sql_result_get_string (sample, 0, i);
          g_auto(GStrv) types = joined != NULL ? g_strsplit (joined, ",", -1) : g_new0 (char *, 1);

          carto_dataset_set_geometry_types (g_ptr_array_index (data->datasets, first + i),
                                            (const char * const *) types);
        }
    }

  data->next_batch++;
  sample_next_batch (g_steal_pointer (&task));
}

static void
sample_next_batch (GTask *task)
{
  ListData *data = g_task_get_task_data (task);
  guint first = data->next_batch * GEOMETRY_BATCH;
  g_autoptr(GString) sql = NULL;

  if (first >= data->datasets->len)
    {
      return_list (task);
      g_object_unref (task);
      return;
    }

  sql = g_string_new ("SELECT ");
  for (guint i = first; i < data->datasets->len && i < first + GEOMETRY_BATCH; i++)
    {
      g_autofree char *quoted = carto_dataset_dup_quoted_name (g_ptr_array_index (data->datasets, i));
      g_autofree char *expr = carto_dataset_build_geometry_sample_sql (quoted);

      if (i > first)
        g_string_append (sql, ", ");
      g_string_append_printf (sql, "%s AS t%u", expr, i - first);
    }
  g_string_append (sql, " FROM (SELECT NULL::geometry AS the_geom) AS _carto_fallback");

  carto_sql_client_query_async (data->client, sql->str, CARTO_SQL_FORMAT_JSON,
                                CARTO_SQL_QUERY_IDEMPOTENT, g_task_get_cancellable (task),
                                sample_cb, task);
}

static void
any_key_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CartoSqlResult) tables = NULL;
  g_autoptr(GError) error = NULL;

  tables = carto_sql_client_query_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (tables == NULL || !read_datasets (task, tables, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sample_next_batch (g_steal_pointer (&task));
}

static void
list_any_key (GTask *task)
{
  ListData *data = g_task_get_task_data (task);
  g_autofree char *public_perm = carto_sql_quote_literal ("public");
  g_autofree char *all_perm = carto_sql_quote_literal ("all");
  g_autofree char *sql = NULL;

  /* A table the public role can read is public or link; any other table
   * this key sees is private (granted to it, or it is the owner's). */
  sql = g_strdup_printf ("SELECT current_schema () AS schema, t.name, "
                         "t.name IN (SELECT cartodb.CDB_UserTables (%s)) AS is_public "
                         "FROM (SELECT cartodb.CDB_UserTables (%s) AS name) AS t",
                         public_perm, all_perm);

  carto_sql_client_query_async (data->client, sql, CARTO_SQL_FORMAT_JSON,
                                CARTO_SQL_QUERY_IDEMPOTENT, g_task_get_cancellable (task),
                                any_key_cb, task);
}

static void
master_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  g_autoptr(CartoSqlResult) tables = NULL;
  g_autoptr(GError) error = NULL;

  tables = carto_sql_client_query_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (tables == NULL)
    {
      /* 403 `system tables are forbidden` means "not the master key";
       * SQL errors mean a server without our catalogue tables. Either way
       * the any-key queries may still work. */
      if (g_error_matches (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_PERMISSION_DENIED) ||
          g_error_matches (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_SQL) ||
          g_error_matches (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_NOT_FOUND))
        {
          g_debug ("Catalogue: not a master key (%s)", error->message);
          list_any_key (g_steal_pointer (&task));
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->is_master = TRUE;
  if (!read_datasets (task, tables, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sample_next_batch (g_steal_pointer (&task));
}

static void
list_master (GTask *task)
{
  ListData *data = g_task_get_task_data (task);
  g_autofree char *role = carto_sql_quote_literal (CARTO_PUBLIC_ROLE);
  g_autofree char *all_perm = carto_sql_quote_literal ("all");
  g_autofree char *sql = NULL;

  /* Sizes as float8: int8 may arrive as a JSON string. */
  sql = g_strdup_printf ("SELECT n.nspname AS schema, c.relname AS name, "
                         "c.reltuples::float8 AS row_estimate, "
                         "pg_total_relation_size (c.oid)::float8 AS size_bytes, "
                         "has_table_privilege (%s, c.oid, 'SELECT') AS is_public, "
                         "m.updated_at "
                         "FROM pg_catalog.pg_class c "
                         "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                         "LEFT JOIN cartodb.cdb_tablemetadata m ON m.tabname = c.oid "
                         "WHERE c.relkind = 'r' "
                         "AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'topology', 'cartodb') "
                         "AND c.relname IN (SELECT cartodb.CDB_UserTables (%s))",
                         role, all_perm);

  carto_sql_client_query_async (data->client, sql, CARTO_SQL_FORMAT_JSON,
                                CARTO_SQL_QUERY_IDEMPOTENT, g_task_get_cancellable (task),
                                master_cb, task);
}

/**
 * carto_catalogue_list_for_client_async:
 * @client: the account's SQL client
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the list
 * @user_data: data for @callback
 *
 * Lists the datasets the client's key may read, sorted by name, each a
 * #CartoDataset with its privacy, geometry type (sampled) and, with the
 * master key, row estimate, size and last update. With any other key the
 * row estimate comes with carto_dataset_load_details_async(), like the
 * columns for every key. Two or three requests in all, whatever the
 * number of tables (one more per 50 tables).
 *
 * Privacy is %CARTO_DATASET_PRIVACY_PUBLIC_OR_LINK or
 * %CARTO_DATASET_PRIVACY_PRIVATE: SQL cannot tell PUBLIC from LINK.
 */
void
carto_catalogue_list_for_client_async (CartoSqlClient      *client,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task;
  ListData *data;

  g_return_if_fail (CARTO_IS_SQL_CLIENT (client));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) list_tag);
  data = g_new0 (ListData, 1);
  data->client = g_object_ref (client);
  data->datasets = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);

  /* default_public is never the master key: skip the doomed attempt. */
  if (carto_credentials_is_public (carto_sql_client_get_credentials (client)))
    list_any_key (task);
  else
    list_master (task);
}

/**
 * carto_catalogue_list_async:
 * @session: the application's HTTP session
 * @credentials: the account
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the list
 * @user_data: data for @callback
 *
 * carto_catalogue_list_for_client_async() with a new client for
 * @credentials; the datasets keep that client for their details and
 * previews.
 */
void
carto_catalogue_list_async (SoupSession         *session,
                            CartoCredentials    *credentials,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(CartoSqlClient) client = NULL;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (CARTO_IS_CREDENTIALS (credentials));

  client = carto_sql_client_new (session, credentials);
  carto_catalogue_list_for_client_async (client, cancellable, callback, user_data);
}

/**
 * carto_catalogue_list_finish:
 * @result: the #GAsyncResult
 * @out_is_master: (out) (optional): whether the key could read the
 *   master-only details (sizes, last updates)
 * @error: return location for a %CARTO_SQL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): a list of #CartoDataset, or %NULL
 *   with @error set
 */
GListModel *
carto_catalogue_list_finish (GAsyncResult  *result,
                             gboolean      *out_is_master,
                             GError       **error)
{
  ListData *data;
  GListModel *list;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == (gpointer) list_tag, NULL);

  data = g_task_get_task_data (G_TASK (result));
  list = g_task_propagate_pointer (G_TASK (result), error);
  if (out_is_master != NULL)
    *out_is_master = list != NULL && data->is_master;
  return list;
}
