/* test-sql-pager.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CartoSqlPager against carto-test-server: a 135k-row table scrolled as a
 * view would, with a bounded number of rows in memory; keyset and offset
 * paging; errors and cancellation.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include "sql-test-utils.h"

#define SQL_PATH "/user/alice/api/v2/sql"

typedef struct
{
  guint changes;
  guint max_held;
} Watch;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  Watch *watch = user_data;

  watch->changes++;
  watch->max_held = MAX (watch->max_held, carto_sql_pager_get_n_rows_held (CARTO_SQL_PAGER (model)));
}

static gboolean
load_more (CartoSqlPager  *pager,
           GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_sql_pager_load_more_async (pager, NULL, sql_test_result_cb, &result);
  sql_test_wait (&result, 60);
  return carto_sql_pager_load_more_finish (pager, result, error);
}

static void
wait_for (gboolean (*condition) (CartoSqlPager *pager),
          CartoSqlPager *pager)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (pager))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
has_total (CartoSqlPager *pager)
{
  return carto_sql_pager_get_total_rows (pager) >= 0;
}

static gboolean
not_loading (CartoSqlPager *pager)
{
  return !carto_sql_pager_get_loading (pager);
}

static gint64
row_key (CartoSqlRow *row)
{
  CartoSqlResult *result = carto_sql_row_get_result (row);
  int field;

  g_assert_nonnull (result);
  field = carto_sql_result_find_field (result, "cartodb_id");
  g_assert_cmpint (field, >=, 0);
  return (gint64) carto_sql_result_get_double (result, carto_sql_row_get_index (row), (guint) field);
}

static gint64
nth_key (guint n)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "master");
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT cartodb_id FROM populated_places ORDER BY cartodb_id "
                                          "LIMIT 1 OFFSET %u", n);
  g_autoptr(CartoSqlResult) result = sql_test_query (client, sql, CARTO_SQL_FORMAT_JSON,
                                                     CARTO_SQL_QUERY_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return (gint64) carto_sql_result_get_double (result, 0, 0);
}

static void
test_scroll_big_table (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(CartoSqlPager) pager = carto_sql_pager_new_for_table (client, "alice", "populated_places", 1000);
  g_autoptr(GError) error = NULL;
  Watch watch = { 0 };
  guint cap;
  guint requests_before;
  gint64 requests;

  carto_sql_pager_set_max_pages (pager, 4);
  cap = 4 * 1000;
  g_signal_connect (pager, "items-changed", G_CALLBACK (on_items_changed_cb), &watch);
  sql_test_reset_server ();

  /* Nothing happens until asked. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pager)), ==, 0);
  g_assert_null (carto_sql_pager_get_fields (pager));
  g_assert_cmpint (test_server_get_count (sql_test_get_server (), SQL_PATH, NULL), ==, 0);

  g_assert_true (load_more (pager, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pager)), ==, 1000);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (pager)) == CARTO_TYPE_SQL_ROW);
  g_assert_nonnull (carto_sql_pager_get_fields (pager));
  g_assert_true (carto_sql_pager_get_uses_keyset (pager));
  g_assert_false (carto_sql_pager_get_complete (pager));

  /* The total is the planner's estimate, never a COUNT(*). */
  wait_for (has_total, pager);
  g_assert_true (carto_sql_pager_get_total_is_estimate (pager));
  g_assert_cmpint (carto_sql_pager_get_total_rows (pager), >, 120000);
  g_assert_cmpint (carto_sql_pager_get_total_rows (pager), <, 150000);

  /* Scroll as a view does: it asks for the last rows, the pager fetches
   * the next page on its own. */
  requests_before = (guint) test_server_get_count (sql_test_get_server (), SQL_PATH, NULL);
  while (g_list_model_get_n_items (G_LIST_MODEL (pager)) <= 50000)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (pager));
      g_autoptr(CartoSqlRow) last = g_list_model_get_item (G_LIST_MODEL (pager), n - 1);

      g_assert_true (carto_sql_row_get_loaded (last));
      g_assert_cmpuint (carto_sql_row_get_position (last), ==, n - 1);
      while (g_list_model_get_n_items (G_LIST_MODEL (pager)) == n)
        {
          g_assert_null (carto_sql_pager_get_error (pager));
          g_main_context_iteration (NULL, TRUE);
        }
      g_assert_cmpuint (carto_sql_pager_get_n_rows_held (pager), <=, cap);
    }
  wait_for (not_loading, pager);

  requests = test_server_get_count (sql_test_get_server (), SQL_PATH, NULL) - requests_before;
  g_test_message ("%u rows listed with %" G_GINT64_FORMAT " requests, at most %u held",
                  g_list_model_get_n_items (G_LIST_MODEL (pager)), requests, watch.max_held);
  /* One request per page, no more. */
  g_assert_cmpint (requests, ==, g_list_model_get_n_items (G_LIST_MODEL (pager)) / 1000 - 1);
  g_assert_cmpuint (watch.max_held, <=, cap);
  g_assert_cmpuint (carto_sql_pager_get_n_rows_held (pager), <=, cap);

  /* Row 50 000 is there, with the right row, and 50 000 rows are not. */
  {
    g_autoptr(CartoSqlRow) row = g_list_model_get_item (G_LIST_MODEL (pager), 50000);
    g_autofree char *text = NULL;

    g_assert_true (carto_sql_row_get_loaded (row));
    g_assert_cmpint (row_key (row), ==, nth_key (50000));
    text = carto_sql_row_dup_display_text (row, 0);
    g_assert_cmpstr (text, !=, "");
  }

  /* Scrolling back to the top: the first page was dropped long ago. Its
   * rows come back as placeholders, then the page is fetched again. */
  {
    g_autoptr(CartoSqlRow) placeholder = g_list_model_get_item (G_LIST_MODEL (pager), 10);
    g_autoptr(CartoSqlRow) row = NULL;
    guint changes = watch.changes;
    g_autofree char *empty = NULL;

    g_assert_false (carto_sql_row_get_loaded (placeholder));
    empty = carto_sql_row_dup_display_text (placeholder, 0);
    g_assert_cmpstr (empty, ==, "");
    while (watch.changes == changes)
      g_main_context_iteration (NULL, TRUE);

    row = g_list_model_get_item (G_LIST_MODEL (pager), 10);
    g_assert_true (carto_sql_row_get_loaded (row));
    g_assert_cmpint (row_key (row), ==, nth_key (10));
    g_assert_cmpuint (carto_sql_pager_get_n_rows_held (pager), <=, cap);
  }

  carto_sql_pager_cancel (pager);
}

static void
test_small_table_completes (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(CartoSqlPager) pager = carto_sql_pager_new_for_table (client, NULL, "public_points", 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlRow) row = NULL;
  g_autofree char *name = NULL;

  g_assert_true (load_more (pager, &error));
  g_assert_true (load_more (pager, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pager)), ==, 4);
  g_assert_false (carto_sql_pager_get_complete (pager));

  /* The third page is empty: the end. */
  g_assert_false (load_more (pager, &error));
  g_assert_no_error (error);
  g_assert_true (carto_sql_pager_get_complete (pager));
  g_assert_cmpint (carto_sql_pager_get_total_rows (pager), ==, 4);
  g_assert_false (carto_sql_pager_get_total_is_estimate (pager));
  g_assert_false (load_more (pager, &error));
  g_assert_no_error (error);

  row = g_list_model_get_item (G_LIST_MODEL (pager), 2);
  name = carto_sql_row_dup_display_text (row, (guint) carto_sql_result_find_field (carto_sql_row_get_result (row), "name"));
  g_assert_cmpstr (name, ==, "Paris");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (pager), 4));
}

static void
test_query_offset_paging (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(CartoSqlPager) pager = NULL;
  g_autoptr(CartoSqlResult) direct = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlRow) row = NULL;

  /* A trailing comment and semicolon must not break the wrapping. */
  pager = carto_sql_pager_new_for_query (client,
                                         "SELECT geonameid, name FROM populated_places "
                                         "WHERE population > 100000 ORDER BY geonameid -- big ones\n ; ",
                                         100);
  g_assert_true (load_more (pager, &error));
  g_assert_true (load_more (pager, &error));
  g_assert_no_error (error);
  g_assert_false (carto_sql_pager_get_uses_keyset (pager));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pager)), ==, 200);
  g_assert_cmpuint (g_list_model_get_n_items (carto_sql_pager_get_fields (pager)), ==, 2);

  direct = sql_test_query (client, "SELECT geonameid FROM populated_places WHERE population > 100000 "
                                   "ORDER BY geonameid LIMIT 1 OFFSET 150",
                           CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_FLAGS_NONE, &error);
  g_assert_no_error (error);
  row = g_list_model_get_item (G_LIST_MODEL (pager), 150);
  g_assert_cmpfloat (carto_sql_result_get_double (carto_sql_row_get_result (row), carto_sql_row_get_index (row), 0),
                     ==, carto_sql_result_get_double (direct, 0, 0));
  carto_sql_pager_cancel (pager);
}

static void
test_table_without_key (void)
{
  g_autoptr(CartoSqlClient) master = sql_test_client ("alice", "master");
  g_autoptr(CartoSqlResult) created = NULL;
  g_autoptr(CartoSqlResult) dropped = NULL;
  g_autoptr(CartoSqlPager) pager = NULL;
  g_autoptr(GError) error = NULL;

  created = sql_test_query (master, "CREATE TABLE \"No Key\" AS SELECT n FROM generate_series(1, 250) AS n",
                            CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_FLAGS_NONE, &error);
  g_assert_no_error (error);

  pager = carto_sql_pager_new_for_table (master, NULL, "No Key", 100);
  while (load_more (pager, &error))
    ;
  g_assert_no_error (error);
  g_assert_false (carto_sql_pager_get_uses_keyset (pager));
  g_assert_true (carto_sql_pager_get_complete (pager));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pager)), ==, 250);
  g_assert_cmpint (carto_sql_pager_get_total_rows (pager), ==, 250);

  dropped = sql_test_query (master, "DROP TABLE \"No Key\"", CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_FLAGS_NONE, &error);
  g_assert_no_error (error);
}

static void
on_notify_error_cb (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_error_and_retry (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(CartoSqlPager) missing = carto_sql_pager_new_for_table (client, NULL, "no_such_table", 10);
  g_autoptr(CartoSqlPager) hidden = carto_sql_pager_new_for_table (client, NULL, "private_points", 10);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) denied = NULL;
  g_autoptr(GError) again = NULL;
  guint notifications = 0;

  g_signal_connect (missing, "notify::error", G_CALLBACK (on_notify_error_cb), &notifications);
  g_assert_false (load_more (missing, &error));
  g_assert_error (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_NOT_FOUND);
  g_assert_nonnull (carto_sql_pager_get_error (missing));
  g_assert_cmpuint (notifications, ==, 1);
  g_assert_false (carto_sql_pager_get_loading (missing));

  /* Retry clears the error, then sets it again. */
  g_assert_false (load_more (missing, &again));
  g_assert_error (again, CARTO_SQL_ERROR, CARTO_SQL_ERROR_NOT_FOUND);
  g_assert_cmpuint (notifications, ==, 3);

  g_assert_false (load_more (hidden, &denied));
  g_assert_error (denied, CARTO_SQL_ERROR, CARTO_SQL_ERROR_PERMISSION_DENIED);
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "default_public");
  g_autoptr(CartoSqlPager) pager = carto_sql_pager_new_for_table (client, NULL, "public_points", 2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) joined = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) joined_error = NULL;
  g_autoptr(GError) fault_error = NULL;
  gint64 start;

  sql_test_reset_server ();
  g_assert_true (test_server_set_faults (sql_test_get_server (),
                                         "{\"path_prefix\": \"" SQL_PATH "\", \"latency_ms\": 5000}", &fault_error));
  g_assert_no_error (fault_error);

  start = g_get_monotonic_time ();
  carto_sql_pager_load_more_async (pager, cancellable, sql_test_result_cb, &result);
  /* A second caller joins the same load. */
  carto_sql_pager_load_more_async (pager, NULL, sql_test_result_cb, &joined);
  g_assert_true (carto_sql_pager_get_loading (pager));
  g_timeout_add (200, cancel_cb, cancellable);
  sql_test_wait (&result, 30);
  sql_test_wait (&joined, 30);

  g_assert_false (carto_sql_pager_load_more_finish (pager, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (carto_sql_pager_load_more_finish (pager, joined, &joined_error));
  g_assert_error (joined_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  /* Cancelling is not a failure to show. */
  g_assert_null (carto_sql_pager_get_error (pager));
  g_assert_false (carto_sql_pager_get_loading (pager));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pager)), ==, 0);

  sql_test_reset_server ();
  {
    g_autoptr(GError) later = NULL;

    g_assert_true (load_more (pager, &later));
    g_assert_no_error (later);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pager)), ==, 2);
  }
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* Debian 12's GNOME proxy module aborts without its GSettings schema,
   * which the isolated dirs hide; loopback needs no proxy anyway. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  sql_test_start_server ();

  g_test_add_func ("/sql-pager/scroll-big-table", test_scroll_big_table);
  g_test_add_func ("/sql-pager/small-table-completes", test_small_table_completes);
  g_test_add_func ("/sql-pager/query-offset-paging", test_query_offset_paging);
  g_test_add_func ("/sql-pager/table-without-key", test_table_without_key);
  g_test_add_func ("/sql-pager/error-and-retry", test_error_and_retry);
  g_test_add_func ("/sql-pager/cancel", test_cancel);

  status = g_test_run ();
  sql_test_stop_server ();
  return status;
}
