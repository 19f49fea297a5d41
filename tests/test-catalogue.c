/* test-catalogue.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dataset catalogue against carto-test-server
 * (tests/server/test-config.json): what each kind of key sees, privacy,
 * estimates, geometry types and the lazily loaded details.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <string.h>

#include "sql-test-utils.h"

#define ALICE_SQL_PATH "/user/alice/api/v2/sql"

static GListModel *
list_datasets (const char  *user,
               const char  *key_name,
               gboolean    *is_master,
               GError     **error)
{
  g_autoptr(CartoCredentials) credentials = sql_test_credentials (user, key_name);
  g_autoptr(GAsyncResult) result = NULL;

  carto_catalogue_list_async (sql_test_get_session (), credentials, NULL, sql_test_result_cb, &result);
  sql_test_wait (&result, 60);
  return carto_catalogue_list_finish (result, is_master, error);
}

static CartoDataset *
find_dataset (GListModel *list,
              const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CartoDataset) dataset = g_list_model_get_item (list, i);

      if (g_str_equal (carto_dataset_get_name (dataset), name))
        return dataset;
    }
  return NULL;
}

static char *
join_names (GListModel *list)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CartoDataset) dataset = g_list_model_get_item (list, i);

      if (names->len > 0)
        g_string_append_c (names, ',');
      g_string_append (names, carto_dataset_get_name (dataset));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
run_master_sql (const char *user,
                const char *sql)
{
  g_autoptr(CartoSqlClient) client = sql_test_client (user, "master");
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = sql_test_query (client, sql, CARTO_SQL_FORMAT_JSON,
                                                     CARTO_SQL_QUERY_FLAGS_NONE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
}

static gint64
exact_count (const char *table)
{
  g_autoptr(CartoSqlClient) client = sql_test_client ("alice", "master");
  g_autoptr(GError) error = NULL;
  g_autofree char *quoted = carto_sql_quote_identifier (table);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) AS n FROM %s", quoted);
  g_autoptr(CartoSqlResult) result = sql_test_query (client, sql, CARTO_SQL_FORMAT_JSON,
                                                     CARTO_SQL_QUERY_FLAGS_NONE, &error);

  g_assert_no_error (error);
  return (gint64) carto_sql_result_get_double (result, 0, 0);
}

static void
assert_estimate_close (CartoDataset *dataset,
                       gint64        exact)
{
  gint64 rows = carto_dataset_get_row_count (dataset);

  g_test_message ("%s: estimate %" G_GINT64_FORMAT ", count %" G_GINT64_FORMAT,
                  carto_dataset_get_name (dataset), rows, exact);
  g_assert_true (carto_dataset_get_row_count_is_estimate (dataset));
  g_assert_cmpint (rows, >=, 0);
  g_assert_cmpfloat (ABS ((double) (rows - exact)) / MAX (exact, 1), <, 0.1);
}

/* Returns whether there is an extent; fails the test on errors. */
static gboolean
load_extent (CartoDataset *dataset,
             double        box[4])
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found;

  box[0] = box[1] = box[2] = box[3] = -999;
  carto_dataset_load_extent_async (dataset, NULL, sql_test_result_cb, &result);
  sql_test_wait (&result, 30);
  found = carto_dataset_load_extent_finish (dataset, result, &box[0], &box[1], &box[2], &box[3], &error);
  g_assert_no_error (error);
  return found;
}

static void
test_public_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autofree char *names = NULL;
  gboolean is_master = TRUE;
  CartoDataset *dataset;

  sql_test_reset_server ();
  list = list_datasets ("alice", "default_public", &is_master, &error);
  g_assert_no_error (error);
  g_assert_false (is_master);

  names = join_names (list);
  g_assert_cmpstr (names, ==, "all_types,countries,link_points,populated_places,public_points");
  /* No attempt at the master query: default_public never is the master key.
   * One query for the names, one for the geometry types. */
  g_assert_cmpint (test_server_get_count (sql_test_get_server (), ALICE_SQL_PATH, NULL), ==, 2);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(CartoDataset) each = g_list_model_get_item (list, i);

      g_assert_cmpint (carto_dataset_get_privacy (each), ==, CARTO_DATASET_PRIVACY_PUBLIC_OR_LINK);
      g_assert_cmpint (carto_dataset_get_size_bytes (each), ==, -1);
      g_assert_null (carto_dataset_get_updated_at (each));
      g_assert_false (carto_dataset_get_details_loaded (each));
      g_assert_null (carto_dataset_get_columns (each));
      g_assert_cmpstr (carto_dataset_get_schema (each), ==, "alice");
    }

  dataset = find_dataset (list, "countries");
  g_assert_cmpint (carto_dataset_get_geometry_kind (dataset), ==, CARTO_GEOMETRY_KIND_POLYGON);
  g_assert_cmpstr (carto_dataset_get_geometry_type (dataset), ==, "MULTIPOLYGON");
  dataset = find_dataset (list, "public_points");
  g_assert_cmpint (carto_dataset_get_geometry_kind (dataset), ==, CARTO_GEOMETRY_KIND_POINT);
  g_assert_cmpstr (carto_dataset_get_geometry_type (dataset), ==, "POINT");
  /* Non-master keys learn row counts per dataset, with the details. */
  g_assert_cmpint (carto_dataset_get_row_count (dataset), ==, -1);

  {
    double box[4];

    /* Madrid, Lisboa, Paris (and a row without geometry). */
    g_assert_true (load_extent (dataset, box));
    g_assert_cmpfloat_with_epsilon (box[0], -9.1393, 0.01);
    g_assert_cmpfloat_with_epsilon (box[1], 38.7223, 0.01);
    g_assert_cmpfloat_with_epsilon (box[2], 2.3522, 0.01);
    g_assert_cmpfloat_with_epsilon (box[3], 48.8566, 0.01);

    g_assert_true (load_extent (find_dataset (list, "countries"), box));
    g_assert_cmpfloat (box[0], <, -170);
    g_assert_cmpfloat (box[2], >, 170);
    g_assert_cmpfloat (box[1], <, -50);
    g_assert_cmpfloat (box[3], >, 70);
  }
}

static void
test_master_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autofree char *names = NULL;
  gboolean is_master = FALSE;
  CartoDataset *dataset;

  sql_test_reset_server ();
  list = list_datasets ("alice", "master", &is_master, &error);
  g_assert_no_error (error);
  g_assert_true (is_master);

  names = join_names (list);
  g_assert_cmpstr (names, ==, "all_types,countries,link_points,populated_places,private_points,public_points");
  g_assert_cmpint (test_server_get_count (sql_test_get_server (), ALICE_SQL_PATH, NULL), ==, 2);

  g_assert_cmpint (carto_dataset_get_privacy (find_dataset (list, "private_points")), ==,
                   CARTO_DATASET_PRIVACY_PRIVATE);
  /* LINK reads as public: SQL cannot tell them apart
   * (docs/carto-api.md §4.3). */
  g_assert_cmpint (carto_dataset_get_privacy (find_dataset (list, "link_points")), ==,
                   CARTO_DATASET_PRIVACY_PUBLIC_OR_LINK);
  g_assert_cmpint (carto_dataset_get_privacy (find_dataset (list, "public_points")), ==,
                   CARTO_DATASET_PRIVACY_PUBLIC_OR_LINK);

  dataset = find_dataset (list, "populated_places");
  g_assert_cmpint (carto_dataset_get_size_bytes (dataset), >, 1000000);
  g_assert_cmpint (carto_dataset_get_geometry_kind (dataset), ==, CARTO_GEOMETRY_KIND_POINT);
  assert_estimate_close (dataset, exact_count ("populated_places"));
  g_assert_nonnull (carto_dataset_get_updated_at (find_dataset (list, "public_points")));
  g_assert_cmpint (carto_dataset_get_geometry_kind (find_dataset (list, "private_points")), ==,
                   CARTO_GEOMETRY_KIND_POINT);
}

static void
test_regular_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autofree char *names = NULL;
  gboolean is_master = TRUE;

  sql_test_reset_server ();
  list = list_datasets ("alice", "reader", &is_master, &error);
  g_assert_no_error (error);
  g_assert_false (is_master);

  /* The public tables, and the private one the key was granted. */
  names = join_names (list);
  g_assert_cmpstr (names, ==, "all_types,countries,link_points,populated_places,private_points,public_points");
  g_assert_cmpint (carto_dataset_get_privacy (find_dataset (list, "private_points")), ==,
                   CARTO_DATASET_PRIVACY_PRIVATE);
  g_assert_cmpint (carto_dataset_get_privacy (find_dataset (list, "countries")), ==,
                   CARTO_DATASET_PRIVACY_PUBLIC_OR_LINK);
  g_assert_cmpint (carto_dataset_get_size_bytes (find_dataset (list, "countries")), ==, -1);
  /* Tried the master query (refused: system tables), fell back, sampled. */
  g_assert_cmpint (test_server_get_count (sql_test_get_server (), ALICE_SQL_PATH, NULL), ==, 3);
}

static void
test_owner_sees_private_without_geometry (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) public_list = NULL;
  g_autofree char *names = NULL;
  g_autofree char *public_names = NULL;
  CartoDataset *hidden;

  list = list_datasets ("bob", "master", NULL, &error);
  g_assert_no_error (error);
  names = join_names (list);
  g_assert_cmpstr (names, ==, "bob_private,bob_public");
  hidden = find_dataset (list, "bob_private");
  g_assert_cmpint (carto_dataset_get_privacy (hidden), ==, CARTO_DATASET_PRIVACY_PRIVATE);
  /* Its only row has no geometry. */
  g_assert_cmpint (carto_dataset_get_geometry_kind (hidden), ==, CARTO_GEOMETRY_KIND_NONE);
  g_assert_cmpstr (carto_dataset_get_geometry_type (hidden), ==, "");
  {
    double box[4];

    g_assert_false (load_extent (hidden, box));
    g_assert_cmpfloat (box[0], ==, -999);
  }

  /* Another user's catalogue is another database. */
  public_list = list_datasets ("bob", "default_public", NULL, &error);
  g_assert_no_error (error);
  public_names = join_names (public_list);
  g_assert_cmpstr (public_names, ==, "bob_public");
}

static void
test_odd_tables (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  CartoDataset *no_geom;
  CartoDataset *odd;
  GListModel *columns;

  /* A table without the_geom must not break the batched geometry sample,
   * and a name with quotes and capitals must survive every query. */
  run_master_sql ("alice", "CREATE TABLE no_geom (x integer)");
  run_master_sql ("alice", "INSERT INTO no_geom VALUES (1), (2)");
  run_master_sql ("alice", "CREATE TABLE \"Odd \"\"name\"\" t\" (cartodb_id serial PRIMARY KEY, "
                           "the_geom geometry(Geometry, 4326))");
  run_master_sql ("alice", "INSERT INTO \"Odd \"\"name\"\" t\" (the_geom) VALUES "
                           "(ST_SetSRID(ST_MakeLine(ST_MakePoint(0, 0), ST_MakePoint(1, 1)), 4326)), "
                           "(ST_SetSRID(ST_MakePoint(2, 2), 4326))");

  list = list_datasets ("alice", "default_public", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (find_dataset (list, "no_geom"));
  g_clear_object (&list);

  list = list_datasets ("alice", "master", NULL, &error);
  g_assert_no_error (error);
  no_geom = find_dataset (list, "no_geom");
  g_assert_nonnull (no_geom);
  g_assert_cmpint (carto_dataset_get_privacy (no_geom), ==, CARTO_DATASET_PRIVACY_PRIVATE);
  g_assert_cmpint (carto_dataset_get_geometry_kind (no_geom), ==, CARTO_GEOMETRY_KIND_NONE);
  {
    double box[4];

    g_assert_false (load_extent (no_geom, box));
  }
  odd = find_dataset (list, "Odd \"name\" t");
  g_assert_nonnull (odd);
  g_assert_cmpint (carto_dataset_get_geometry_kind (odd), ==, CARTO_GEOMETRY_KIND_MIXED);
  g_assert_cmpstr (carto_dataset_get_geometry_type (odd), ==, "LINESTRING,POINT");

  carto_dataset_load_details_async (odd, NULL, sql_test_result_cb, &result);
  sql_test_wait (&result, 30);
  g_assert_true (carto_dataset_load_details_finish (odd, result, &error));
  g_assert_no_error (error);
  columns = carto_dataset_get_columns (odd);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, 2);
  {
    double box[4];

    /* Never analyzed: no estimate, so the exact extent. */
    g_assert_true (load_extent (odd, box));
    g_assert_cmpfloat (box[0], ==, 0);
    g_assert_cmpfloat (box[1], ==, 0);
    g_assert_cmpfloat (box[2], ==, 2);
    g_assert_cmpfloat (box[3], ==, 2);
  }

  g_clear_object (&list);
  run_master_sql ("alice", "DROP TABLE no_geom");
  run_master_sql ("alice", "DROP TABLE \"Odd \"\"name\"\" t\"");
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GPtrArray *notified = user_data;

  g_ptr_array_add (notified, g_strdup (pspec->name));
}

static gboolean
contains (GPtrArray  *names,
          const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return TRUE;
  return FALSE;
}

static void
test_details (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CartoSqlPager) pager = NULL;
  CartoDataset *places;
  GListModel *columns;
  g_autoptr(CartoSqlField) first = NULL;
  g_autoptr(CartoSqlField) geom = NULL;
  gulong handler;

  list = list_datasets ("alice", "default_public", NULL, &error);
  g_assert_no_error (error);
  places = find_dataset (list, "populated_places");
  handler = g_signal_connect (places, "notify", G_CALLBACK (on_notify_cb), notified);

  carto_dataset_load_details_async (places, NULL, sql_test_result_cb, &result);
  sql_test_wait (&result, 30);
  g_assert_true (carto_dataset_load_details_finish (places, result, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (places, handler);

  g_assert_true (carto_dataset_get_details_loaded (places));
  g_assert_true (contains (notified, "columns"));
  g_assert_true (contains (notified, "row-count"));
  assert_estimate_close (places, exact_count ("populated_places"));

  columns = carto_dataset_get_columns (places);
  g_assert_nonnull (columns);
  g_assert_cmpuint (g_list_model_get_n_items (columns), >=, 7);
  first = g_list_model_get_item (columns, 0);
  g_assert_cmpstr (carto_sql_field_get_name (first), ==, "cartodb_id");
  g_assert_cmpint (carto_sql_field_get_field_type (first), ==, CARTO_SQL_FIELD_TYPE_NUMBER);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(CartoSqlField) field = g_list_model_get_item (columns, i);

      if (g_str_equal (carto_sql_field_get_name (field), "the_geom"))
        geom = g_object_ref (field);
    }
  g_assert_nonnull (geom);
  g_assert_cmpint (carto_sql_field_get_field_type (geom), ==, CARTO_SQL_FIELD_TYPE_GEOMETRY);

  pager = carto_dataset_create_pager (places, 10);
  g_assert_true (carto_sql_pager_get_client (pager) == carto_dataset_get_client (places));
}

static void
test_details_of_missing_table (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  CartoDataset *gone;

  run_master_sql ("alice", "CREATE TABLE short_lived (x integer)");
  list = list_datasets ("alice", "master", NULL, &error);
  g_assert_no_error (error);
  gone = find_dataset (list, "short_lived");
  g_assert_nonnull (gone);
  run_master_sql ("alice", "DROP TABLE short_lived");

  carto_dataset_load_details_async (gone, NULL, sql_test_result_cb, &result);
  sql_test_wait (&result, 30);
  g_assert_false (carto_dataset_load_details_finish (gone, result, &error));
  g_assert_error (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_NOT_FOUND);
  g_assert_false (carto_dataset_get_details_loaded (gone));
}

static void
test_errors (void)
{
  g_autoptr(GError) invalid = NULL;
  g_autoptr(GError) unknown = NULL;
  g_autoptr(GError) cancelled = NULL;
  g_autoptr(GListModel) none = NULL;
  g_autoptr(GListModel) nobody = NULL;
  g_autoptr(GListModel) never = NULL;
  g_autoptr(CartoCredentials) credentials = sql_test_credentials ("alice", "master");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  gboolean is_master = TRUE;

  /* A bad key is an error, not "not master": no fallback hides it. */
  none = list_datasets ("alice", "not-a-real-key-0000", NULL, &invalid);
  g_assert_null (none);
  g_assert_error (invalid, CARTO_SQL_ERROR, CARTO_SQL_ERROR_INVALID_KEY);

  nobody = list_datasets ("nobody", "default_public", NULL, &unknown);
  g_assert_null (nobody);
  g_assert_error (unknown, CARTO_SQL_ERROR, CARTO_SQL_ERROR_UNKNOWN_USER);

  g_cancellable_cancel (cancellable);
  carto_catalogue_list_async (sql_test_get_session (), credentials, cancellable, sql_test_result_cb, &result);
  sql_test_wait (&result, 30);
  never = carto_catalogue_list_finish (result, &is_master, &cancelled);
  g_assert_null (never);
  g_assert_false (is_master);
  g_assert_error (cancelled, G_IO_ERROR, G_IO_ERROR_CANCELLED);
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

  g_test_add_func ("/catalogue/public-key", test_public_key);
  g_test_add_func ("/catalogue/master-key", test_master_key);
  g_test_add_func ("/catalogue/regular-key", test_regular_key);
  g_test_add_func ("/catalogue/owner-sees-private-without-geometry", test_owner_sees_private_without_geometry);
  g_test_add_func ("/catalogue/odd-tables", test_odd_tables);
  g_test_add_func ("/catalogue/details", test_details);
  g_test_add_func ("/catalogue/details-of-missing-table", test_details_of_missing_table);
  g_test_add_func ("/catalogue/errors", test_errors);

  status = g_test_run ();
  sql_test_stop_server ();
  return status;
}
