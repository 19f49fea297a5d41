/* test-layer-queries.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a CartoLayer answers about its data, against the demo server: the
 * source's columns (asked once per SQL and account, shared with the
 * pop-up's attributes), a column's categories and the extent of its
 * features. Breaks and ranges are in test-layer-painter.c, beside the
 * style they make.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <string.h>

#include "maps-test-utils.h"

static CartoLayer *
new_layer (const char       *data,
           CartoCredentials *credentials)
{
  g_autoptr(CartoSource) source = carto_source_new (data, credentials, NULL);

  return carto_layer_new (source, NULL);
}

static GListModel *
list_columns (CartoLayer  *layer,
              GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_layer_list_columns_async (layer, maps_test_get_session (), NULL, maps_test_result_cb, &result);
  return carto_layer_list_columns_finish (layer, maps_test_wait (&result), error);
}

static CartoSqlField *
find_column (GListModel *columns,
             const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(CartoSqlField) field = g_list_model_get_item (columns, i);

      if (g_str_equal (carto_sql_field_get_name (field), name))
        return field;
    }

  return NULL;
}

static void
test_columns (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoLayer) layer = new_layer ("populated_places", credentials);
  g_autoptr(GListModel) columns = NULL;
  g_autoptr(GListModel) again = NULL;
  g_autoptr(CartoSqlResult) attributes = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  CartoSqlField *field;
  gint64 sql_before = maps_test_count ("sql");

  columns = list_columns (layer, &error);
  g_assert_no_error (error);
  g_assert_nonnull (columns);
  g_assert_cmpint (maps_test_count ("sql"), ==, sql_before + 1);

  field = find_column (columns, "population");
  g_assert_nonnull (field);
  g_assert_cmpint (carto_sql_field_get_field_type (field), ==, CARTO_SQL_FIELD_TYPE_NUMBER);
  field = find_column (columns, "name");
  g_assert_nonnull (field);
  g_assert_cmpint (carto_sql_field_get_field_type (field), ==, CARTO_SQL_FIELD_TYPE_STRING);
  field = find_column (columns, "the_geom");
  g_assert_nonnull (field);
  g_assert_cmpint (carto_sql_field_get_field_type (field), ==, CARTO_SQL_FIELD_TYPE_GEOMETRY);
  g_assert_cmpint (carto_sql_field_get_srid (field), ==, 4326);
  g_assert_nonnull (find_column (columns, "the_geom_webmercator"));

  /* Asked once: the second list and the pop-up's columns are remembered;
   * the attributes cost their own query only. */
  again = list_columns (layer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (again), ==, g_list_model_get_n_items (columns));
  carto_layer_fetch_attributes_async (layer, maps_test_get_session (), 1, NULL, maps_test_result_cb, &result);
  attributes = carto_layer_fetch_attributes_finish (layer, maps_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (carto_sql_result_find_field (attributes, "population"), >=, 0);
  g_assert_cmpint (carto_sql_result_find_field (attributes, "the_geom"), <, 0);
  g_assert_cmpint (maps_test_count ("sql"), ==, sql_before + 2);

  /* Another query: other columns, asked again. */
  {
    g_autoptr(CartoSource) narrow = carto_source_new ("SELECT cartodb_id, name, the_geom_webmercator\n"
                                                      "FROM populated_places -- just names\n;",
                                                      credentials, NULL);
    g_autoptr(GListModel) fewer = NULL;

    carto_layer_set_source (layer, narrow);
    fewer = list_columns (layer, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (fewer), ==, 3);
    g_assert_null (find_column (fewer, "population"));
    g_assert_cmpint (maps_test_count ("sql"), ==, sql_before + 3);
  }

  /* The server's message when the source is wrong. */
  {
    g_autoptr(CartoLayer) missing = new_layer ("no_such_table", credentials);
    g_autoptr(GListModel) none = list_columns (missing, &error);

    g_assert_null (none);
    g_assert_error (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "no_such_table"));
    g_clear_error (&error);
  }

  /* No account: the layer says so, without a request. */
  {
    g_autoptr(CartoLayer) orphan = new_layer ("populated_places", NULL);
    g_autoptr(GListModel) none = NULL;

    sql_before = maps_test_count ("sql");
    none = list_columns (orphan, &error);
    g_assert_null (none);
    g_assert_error (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_NO_ACCOUNT);
    g_assert_cmpint (maps_test_count ("sql"), ==, sql_before);
  }
}

static void
test_categories (void)
{
  g_autoptr(CartoCredentials) credentials = maps_test_credentials ("demo-atlas", "master");
  g_autoptr(CartoLayer) layer = new_layer ("countries", credentials);
  g_autoptr(CartoSqlResult) expected = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) categories = NULL;
  g_auto(GStrv) top = NULL;
  g_autofree gint64 *counts = NULL;
  gint64 total = 0;

  carto_layer_compute_categories_async (layer, maps_test_get_session (), "continent", 10, NULL,
                                        maps_test_result_cb, &result);
  categories = carto_layer_compute_categories_finish (layer, maps_test_wait (&result), &counts, &error);
  g_assert_no_error (error);
  g_assert_nonnull (categories);
  g_assert_nonnull (counts);

  /* The server's own count, most common first. */
  expected = maps_test_sql ("demo-atlas",
                            "SELECT continent, count(*) FROM countries WHERE continent IS NOT NULL "
                            "GROUP BY 1 ORDER BY 2 DESC, 1");
  g_assert_cmpuint (g_strv_length (categories), ==, MIN (carto_sql_result_get_n_rows (expected), 10));
  for (guint i = 0; categories[i] != NULL; i++)
    {
      g_assert_cmpstr (categories[i], ==, carto_sql_result_get_string (expected, i, 0));
      g_assert_cmpint (counts[i], ==, (gint64) carto_sql_result_get_double (expected, i, 1));
      if (i > 0)
        g_assert_cmpint (counts[i - 1], >=, counts[i]);
      total += counts[i];
    }
  g_assert_true (g_strv_contains ((const char *const *) categories, "Europe"));
  g_assert_cmpint (total, >, 100);

  /* The limit holds; the counts are optional. */
  g_clear_object (&result);
  carto_layer_compute_categories_async (layer, maps_test_get_session (), "continent", 2, NULL,
                                        maps_test_result_cb, &result);
  top = carto_layer_compute_categories_finish (layer, maps_test_wait (&result), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (top), ==, 2);
  g_assert_cmpstr (top[0], ==, categories[0]);

  /* A column that is not there is the server's error. */
  g_clear_object (&result);
  g_clear_pointer (&counts, g_free);
  carto_layer_compute_categories_async (layer, maps_test_get_session (), "no_such_column", 10, NULL,
                                        maps_test_result_cb, &result);
  g_assert_null (carto_layer_compute_categories_finish (layer, maps_test_wait (&result), &counts, &error));
  g_assert_error (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_SQL);
  g_assert_null (counts);
}

static gboolean
compute_extent (CartoLayer   *layer,
                CartoBounds  *bounds,
                GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_layer_compute_extent_async (layer, maps_test_get_session (), NULL, maps_test_result_cb, &result);
  return carto_layer_compute_extent_finish (layer, maps_test_wait (&result), bounds, error);
}

/* The server's own box, from the table itself. */
static void
assert_extent (const CartoBounds *bounds,
               const char        *user,
               const char        *sql,
               double             epsilon)
{
  g_autoptr(CartoSqlResult) expected = maps_test_sql (user, sql);

  g_test_message ("extent %.6f %.6f %.6f %.6f", bounds->west, bounds->south, bounds->east, bounds->north);
  g_assert_cmpuint (carto_sql_result_get_n_rows (expected), ==, 1);
  g_assert_cmpfloat_with_epsilon (bounds->west, carto_sql_result_get_double (expected, 0, 0), epsilon);
  g_assert_cmpfloat_with_epsilon (bounds->south, carto_sql_result_get_double (expected, 0, 1), epsilon);
  g_assert_cmpfloat_with_epsilon (bounds->east, carto_sql_result_get_double (expected, 0, 2), epsilon);
  g_assert_cmpfloat_with_epsilon (bounds->north, carto_sql_result_get_double (expected, 0, 3), epsilon);
}

static void
test_extent (void)
{
  g_autoptr(CartoCredentials) cities = maps_test_credentials ("demo-cities", "master");
  g_autoptr(CartoCredentials) atlas = maps_test_credentials ("demo-atlas", "master");
  g_autoptr(GError) error = NULL;
  CartoBounds bounds = { 0 };
  gboolean ok;

  /* A table: ST_Extent of the_geom. */
  {
    g_autoptr(CartoLayer) layer = new_layer ("populated_places", cities);

    ok = compute_extent (layer, &bounds, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
    assert_extent (&bounds, "demo-cities",
                   "SELECT ST_XMin (e), GREATEST (ST_YMin (e), -85.0511287798066), ST_XMax (e), "
                   "LEAST (ST_YMax (e), 85.0511287798066) "
                   "FROM (SELECT ST_Extent (the_geom)::geometry AS e FROM populated_places) AS x", 1e-9);
    g_assert_cmpfloat (bounds.west, <, -150);
    g_assert_cmpfloat (bounds.east, >, 150);
  }

  /* Antarctica reaches the pole, which the map cannot show. */
  {
    g_autoptr(CartoLayer) layer = new_layer ("countries", atlas);

    ok = compute_extent (layer, &bounds, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
    g_assert_cmpfloat_with_epsilon (bounds.south, -CARTO_MAX_LATITUDE, 1e-9);
    g_assert_cmpfloat (bounds.north, >, 80);
    g_assert_cmpfloat (bounds.north, <=, CARTO_MAX_LATITUDE);
  }

  /* A query with only the_geom_webmercator, ending in a comment: the box
   * comes back to degrees. */
  {
    g_autoptr(CartoLayer) layer =
      new_layer ("SELECT cartodb_id, the_geom_webmercator FROM populated_places\n"
                 "WHERE country = 'ES' -- Spain only\n", cities);

    ok = compute_extent (layer, &bounds, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
    assert_extent (&bounds, "demo-cities",
                   "SELECT ST_XMin (e), ST_YMin (e), ST_XMax (e), ST_YMax (e) "
                   "FROM (SELECT ST_Extent (the_geom)::geometry AS e FROM populated_places "
                   "WHERE country = 'ES') AS x", 1e-6);
  }

  /* No row, or only NULL geometries: nothing to zoom to. */
  {
    const char *empty[] = {
      "SELECT * FROM populated_places WHERE false",
      "SELECT cartodb_id, name, NULL::geometry AS the_geom FROM populated_places",
    };

    for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
      {
        g_autoptr(CartoLayer) layer = new_layer (empty[i], cities);

        bounds.west = 42;
        ok = compute_extent (layer, &bounds, &error);
        g_assert_error (error, CARTO_LAYER_ERROR, CARTO_LAYER_ERROR_EMPTY);
        g_assert_false (ok);
        g_assert_cmpstr (error->message, ==, "This layer has no features to zoom to.");
        g_assert_cmpfloat (bounds.west, ==, 42);
        g_clear_error (&error);
      }
  }

  /* No geometry column at all. */
  {
    g_autoptr(CartoLayer) layer = new_layer ("SELECT cartodb_id, name FROM populated_places", cities);

    ok = compute_extent (layer, &bounds, &error);
    g_assert_error (error, CARTO_LAYER_ERROR, CARTO_LAYER_ERROR_NO_GEOMETRY);
    g_assert_false (ok);
    g_clear_error (&error);
  }

  /* No account. */
  {
    g_autoptr(CartoLayer) layer = new_layer ("populated_places", NULL);

    ok = compute_extent (layer, &bounds, &error);
    g_assert_error (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_NO_ACCOUNT);
    g_assert_false (ok);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  maps_test_guard_logs ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/layer-queries/columns", test_columns);
  g_test_add_func ("/layer-queries/categories", test_categories);
  g_test_add_func ("/layer-queries/extent", test_extent);

  maps_test_start_server (NULL);
  status = g_test_run ();
  maps_test_stop_server ();

  return status;
}
