/* carto-layer-queries.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a layer's data holds, asked through the SQL API with the layer's
 * effective credentials: the source's columns, one feature's attributes,
 * a column's categories, breaks and range, and the extent of its
 * features. Each is the one place its query is written; the style
 * editor, the pop-up and the map ask here.
 *
 * The answers cover the whole source, never the tiles in view, which
 * would change with every pan. The columns are asked for once per source
 * SQL and account and remembered on the layer: the pop-up, the style
 * editor and the extent share them.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "carto-classify.h"
#include "carto-layer-private.h"
#include "carto-maps-client.h"
#include "carto-sql-client.h"
#include "carto-sql-quote.h"

/* Called with the source's columns; takes over the task. */
typedef void (*ColumnsReady) (GTask          *task,
                              CartoSqlResult *columns);

typedef struct
{
  GTask *task;
  ColumnsReady ready;
  char *key;
} ColumnsCall;

typedef struct
{
  CartoSqlClient *client;
  gint64 cartodb_id;
} AttributesData;

typedef struct
{
  CartoBinMethod method;
  guint n_bins;
} BreaksData;

typedef struct
{
  double min;
  double max;
} Range;

typedef struct
{
  GStrv categories;
  gint64 *counts;
} Categories;

static const char columns_tag[] = "carto_layer_list_columns_async";
static const char attributes_tag[] = "carto_layer_fetch_attributes_async";
static const char categories_tag[] = "carto_layer_compute_categories_async";
static const char breaks_tag[] = "carto_layer_compute_breaks_async";
static const char range_tag[] = "carto_layer_compute_range_async";
static const char extent_tag[] = "carto_layer_compute_extent_async";

G_DEFINE_QUARK (carto-layer-error-quark, carto_layer_error)

/* A client with the layer's account, or NULL with @task answered. */
static CartoSqlClient *
create_client (CartoLayer  *self,
               SoupSession *session,
               GTask       *task)
{
  CartoCredentials *credentials = carto_layer_get_effective_credentials (self);

  if (credentials == NULL)
    {
      g_task_return_error (task, carto_layer_new_no_account_error (self));
      return NULL;
    }

  return carto_sql_client_new (session, credentials);
}

/* Fails @task with the result's error, or returns the result. */
static CartoSqlResult *
query_finish (GObject      *client,
              GAsyncResult *result,
              GTask        *task)
{
  GError *error = NULL;
  CartoSqlResult *answer = carto_sql_client_query_finish (CARTO_SQL_CLIENT (client), result, &error);

  if (answer == NULL)
    g_task_return_error (task, error);
  return answer;
}

/* Columns */

static void
columns_call_free (ColumnsCall *call)
{
  g_clear_object (&call->task);
  g_free (call->key);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ColumnsCall, columns_call_free)

static void
describe_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ColumnsCall) call = user_data;
  g_autoptr(CartoSqlResult) columns = NULL;
  g_autoptr(GError) error = NULL;

  columns = carto_sql_client_describe_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (columns == NULL)
    {
      g_task_return_error (call->task, g_steal_pointer (&error));
      return;
    }

  carto_layer_cache_columns (g_task_get_source_object (call->task), call->key, columns);
  call->ready (g_steal_pointer (&call->task), columns);
}

/* Hands @ready the source's columns, asking the server only the first
 * time for this SQL and account. */
static void
with_columns (GTask          *task,
              CartoSqlClient *client,
              ColumnsReady    ready)
{
  CartoLayer *self = g_task_get_source_object (task);
  CartoCredentials *credentials = carto_sql_client_get_credentials (client);
  const char *sql = carto_source_get_sql (carto_layer_get_source (self));
  g_autofree char *key = NULL;
  CartoSqlResult *cached;
  ColumnsCall *call;

  key = g_strdup_printf ("%s\n%s\n%s", carto_credentials_get_base_url (credentials),
                         carto_credentials_get_username (credentials), sql);
  cached = carto_layer_get_cached_columns (self, key);
  if (cached != NULL)
    {
      ready (task, cached);
      return;
    }

  call = g_new0 (ColumnsCall, 1);
  call->task = task;
  call->ready = ready;
  call->key = g_steal_pointer (&key);
  carto_sql_client_describe_async (client, sql, g_task_get_cancellable (task), describe_cb, call);
}

static void
return_columns (GTask          *task,
                CartoSqlResult *columns)
{
  g_task_return_pointer (task, g_object_ref (carto_sql_result_get_fields (columns)), g_object_unref);
  g_object_unref (task);
}

/* Attributes */

static void
attributes_data_free (AttributesData *data)
{
  g_clear_object (&data->client);
  g_free (data);
}

static void
attributes_row_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CartoSqlResult *row = query_finish (object, result, task);

  if (row != NULL)
    g_task_return_pointer (task, row, g_object_unref);
}

static void
query_attributes (GTask          *task,
                  CartoSqlResult *columns)
{
  CartoLayer *self = g_task_get_source_object (task);
  AttributesData *data = g_task_get_task_data (task);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autofree char *from = NULL;
  guint n = 0;

  /* Geometries are hex EWKB, kilobytes a country and no use in a pop-up. */
  for (guint i = 0; i < carto_sql_result_get_n_fields (columns); i++)
    {
      CartoSqlField *field = carto_sql_result_get_field (columns, i);
      const char *name = carto_sql_field_get_name (field);
      g_autofree char *quoted = NULL;

      if (carto_sql_field_get_field_type (field) == CARTO_SQL_FIELD_TYPE_GEOMETRY ||
          g_str_equal (name, "the_geom") || g_str_equal (name, "the_geom_webmercator"))
        continue;
      quoted = carto_sql_quote_identifier (name);
      g_string_append_printf (sql, "%s%s", n++ > 0 ? ", " : "", quoted);
    }
  /* A table of geometries only still answers with its id. */
  if (n == 0)
    g_string_append (sql, "cartodb_id");
  from = carto_sql_quote_subquery (carto_source_get_sql (carto_layer_get_source (self)), "_s");
  g_string_append_printf (sql, " FROM %s WHERE cartodb_id = %" G_GINT64_FORMAT, from, data->cartodb_id);

  carto_sql_client_query_async (data->client, sql->str, CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT,
                                g_task_get_cancellable (task), attributes_row_cb, task);
}

/* Classes */

static void
categories_free (Categories *categories)
{
  g_strfreev (categories->categories);
  g_free (categories->counts);
  g_free (categories);
}

static void
categories_cb (GObject      *object,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CartoSqlResult) result = query_finish (object, res, task);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GArray) counts = NULL;
  Categories *categories;
  int category_field, count_field;

  if (result == NULL)
    return;

  category_field = carto_sql_result_find_field (result, "category");
  count_field = carto_sql_result_find_field (result, "count");
  builder = g_strv_builder_new ();
  counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; category_field >= 0 && i < carto_sql_result_get_n_rows (result); i++)
    {
      gint64 count = 0;

      if (carto_sql_result_is_null (result, i, category_field))
        continue;
      if (count_field >= 0)
        count = (gint64) carto_sql_result_get_double (result, i, count_field);
      g_strv_builder_add (builder, carto_sql_result_get_string (result, i, category_field));
      g_array_append_val (counts, count);
    }

  categories = g_new0 (Categories, 1);
  categories->categories = g_strv_builder_end (builder);
  categories->counts = (gint64 *) g_array_free (g_steal_pointer (&counts), FALSE);
  g_task_return_pointer (task, categories, (GDestroyNotify) categories_free);
}

/* min and max of the range query's one row; NaN when there are no values. */
static void
read_range (CartoSqlResult *result,
            Range          *range)
{
  int min_field = carto_sql_result_find_field (result, "min");
  int max_field = carto_sql_result_find_field (result, "max");

  range->min = range->max = NAN;
  if (carto_sql_result_get_n_rows (result) != 1 || min_field < 0 || max_field < 0 ||
      carto_sql_result_is_null (result, 0, min_field) || carto_sql_result_is_null (result, 0, max_field))
    return;

  range->min = carto_sql_result_get_double (result, 0, min_field);
  range->max = carto_sql_result_get_double (result, 0, max_field);
}

static void
breaks_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BreaksData *data = g_task_get_task_data (task);
  g_autoptr(CartoSqlResult) result = query_finish (object, res, task);
  GArray *breaks;

  if (result == NULL)
    return;

  /* Zero-terminated, so even no breaks is a non-NULL array. */
  breaks = g_array_new (TRUE, FALSE, sizeof (double));

  if (data->method == CARTO_BIN_METHOD_QUANTILES)
    {
      int field = carto_sql_result_find_field (result, "break_value");

      for (guint i = 0; field >= 0 && i < carto_sql_result_get_n_rows (result); i++)
        if (!carto_sql_result_is_null (result, i, field))
          {
            double value = carto_sql_result_get_double (result, i, field);

            g_array_append_val (breaks, value);
          }
      g_array_set_size (breaks, carto_classify_clean_breaks ((double *) breaks->data, breaks->len));
    }
  else
    {
      Range range;

      read_range (result, &range);
      if (isfinite (range.min) && isfinite (range.max) && range.max >= range.min)
        {
          guint n = 0;
          g_autofree double *values = carto_classify_equal_intervals (range.min, range.max, data->n_bins, &n);

          g_array_append_vals (breaks, values, n);
        }
    }

  g_task_return_pointer (task, breaks, (GDestroyNotify) g_array_unref);
}

static void
range_cb (GObject      *object,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CartoSqlResult) result = query_finish (object, res, task);
  Range *range;

  if (result == NULL)
    return;

  range = g_new0 (Range, 1);
  read_range (result, range);
  g_task_return_pointer (task, range, g_free);
}

/* Extent */

/* The SRID of a geometry column whose type has none (an expression):
 * CARTO's conventions (docs/carto-api.md §4.1). */
static int
geometry_srid (CartoSqlField *field)
{
  int srid = carto_sql_field_get_srid (field);

  if (srid > 0)
    return srid;
  return g_str_equal (carto_sql_field_get_name (field), "the_geom_webmercator") ? 3857 : 4326;
}

/* `the_geom` (in CARTO, always EPSG:4326), else `the_geom_webmercator`,
 * which every map query has. */
static CartoSqlField *
find_geometry (CartoSqlResult *columns)
{
  const char *names[] = { "the_geom", "the_geom_webmercator" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      int index = carto_sql_result_find_field (columns, names[i]);
      CartoSqlField *field = index >= 0 ? carto_sql_result_get_field (columns, (guint) index) : NULL;

      if (field != NULL && carto_sql_field_get_field_type (field) == CARTO_SQL_FIELD_TYPE_GEOMETRY)
        return field;
    }

  return NULL;
}

static void
extent_cb (GObject      *object,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(CartoSqlResult) result = query_finish (object, res, task);
  CartoBounds *bounds;

  if (result == NULL)
    return;

  if (carto_sql_result_get_n_rows (result) != 1 || carto_sql_result_get_n_fields (result) != 4)
    {
      g_task_return_new_error (task, CARTO_SQL_ERROR, CARTO_SQL_ERROR_BAD_RESPONSE,
                               _("The server sent an answer that is not from the CARTO SQL API."));
      return;
    }

  /* ST_Extent skips NULL geometries: no row and only NULLs are alike. */
  if (carto_sql_result_is_null (result, 0, 0))
    {
      g_task_return_new_error (task, CARTO_LAYER_ERROR, CARTO_LAYER_ERROR_EMPTY,
                               _("This layer has no features to zoom to."));
      return;
    }

  /* The map shows the Web Mercator square; a pole is off its edge. */
  bounds = g_new0 (CartoBounds, 1);
  bounds->west = carto_sql_result_get_double (result, 0, 0);
  bounds->south = CLAMP (carto_sql_result_get_double (result, 0, 1), -CARTO_MAX_LATITUDE, CARTO_MAX_LATITUDE);
  bounds->east = carto_sql_result_get_double (result, 0, 2);
  bounds->north = CLAMP (carto_sql_result_get_double (result, 0, 3), -CARTO_MAX_LATITUDE, CARTO_MAX_LATITUDE);
  g_task_return_pointer (task, bounds, g_free);
}

static void
query_extent (GTask          *task,
              CartoSqlResult *columns)
{
  g_autoptr(GTask) owned = task;
  CartoLayer *self = g_task_get_source_object (task);
  CartoSqlClient *client = g_task_get_task_data (task);
  CartoSqlField *geometry = find_geometry (columns);
  g_autofree char *quoted = NULL;
  g_autofree char *from = NULL;
  g_autofree char *box = NULL;
  g_autofree char *sql = NULL;
  int srid;

  if (geometry == NULL)
    {
      g_task_return_new_error (task, CARTO_LAYER_ERROR, CARTO_LAYER_ERROR_NO_GEOMETRY,
                               _("This layer’s data has no geometry column (the_geom) to zoom to."));
      return;
    }

  /* The box, not every geometry, changes projection: two corners. */
  srid = geometry_srid (geometry);
  if (srid == 4326)
    box = g_strdup ("e::geometry");
  else
    box = g_strdup_printf ("ST_Transform (ST_SetSRID (e::geometry, %d), 4326)", srid);

  quoted = carto_sql_quote_identifier (carto_sql_field_get_name (geometry));
  from = carto_sql_quote_subquery (carto_source_get_sql (carto_layer_get_source (self)), "_carto_extent");
  sql = g_strdup_printf ("SELECT ST_XMin (b) AS west, ST_YMin (b) AS south, ST_XMax (b) AS east, ST_YMax (b) AS north "
                         "FROM (SELECT %s AS b FROM (SELECT ST_Extent (%s) AS e FROM %s) AS x) AS y",
                         box, quoted, from);

  carto_sql_client_query_async (client, sql, CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT,
                                g_task_get_cancellable (task), extent_cb, g_steal_pointer (&owned));
}

/* Public API */

/**
 * carto_layer_list_columns_async:
 * @self: a layer
 * @session: the shared session
 * @cancellable: (nullable): cancels the request
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Lists the columns of the layer's source, with their types, through the
 * SQL API with the layer's effective credentials (a `LIMIT 0` query: no
 * row is read). Asked once per source SQL and account: later calls, and
 * the pop-up's attributes, answer from memory.
 */
void
carto_layer_list_columns_async (CartoLayer          *self,
                                SoupSession         *session,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CartoSqlClient) client = NULL;

  g_return_if_fail (CARTO_IS_LAYER (self));
  g_return_if_fail (SOUP_IS_SESSION (session));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) columns_tag);

  client = create_client (self, session, task);
  if (client != NULL)
    with_columns (g_steal_pointer (&task), client, return_columns);
}

/**
 * carto_layer_list_columns_finish:
 * @self: a layer
 * @result: the result passed to the callback
 * @error: return location for a %CARTO_SQL_ERROR (or
 *   %CARTO_MAPS_ERROR_NO_ACCOUNT)
 *
 * Returns: (transfer full) (nullable): the columns in the source's order,
 *   as #CartoSqlField items (geometries included, with their type and
 *   SRID); %NULL on error
 */
GListModel *
carto_layer_list_columns_finish (CartoLayer    *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == (gpointer) columns_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * carto_layer_fetch_attributes_async:
 * @self: a layer
 * @session: the shared session
 * @cartodb_id: the feature, as carto_layer_painter_pick_finish() found it
 * @cancellable: (nullable): cancels the request
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Reads one feature's attributes through the SQL API, with the layer's
 * effective credentials: every column of the source but the geometries,
 * in the source's order. The columns are asked for once per source (see
 * carto_layer_list_columns_async()).
 */
void
carto_layer_fetch_attributes_async (CartoLayer          *self,
                                    SoupSession         *session,
                                    gint64               cartodb_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CartoSqlClient) client = NULL;
  AttributesData *data;

  g_return_if_fail (CARTO_IS_LAYER (self));
  g_return_if_fail (SOUP_IS_SESSION (session));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) attributes_tag);

  client = create_client (self, session, task);
  if (client == NULL)
    return;

  data = g_new0 (AttributesData, 1);
  data->client = g_object_ref (client);
  data->cartodb_id = cartodb_id;
  g_task_set_task_data (task, data, (GDestroyNotify) attributes_data_free);

  with_columns (g_steal_pointer (&task), client, query_attributes);
}

/**
 * carto_layer_fetch_attributes_finish:
 * @self: a layer
 * @result: the result passed to the callback
 * @error: return location for a %CARTO_SQL_ERROR (or
 *   %CARTO_MAPS_ERROR_NO_ACCOUNT)
 *
 * Returns: (transfer full) (nullable): one row with the feature's
 *   attributes, or no row when the feature is gone
 */
CartoSqlResult *
carto_layer_fetch_attributes_finish (CartoLayer    *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * carto_layer_compute_categories_async:
 * @self: a layer
 * @session: the shared session
 * @column: a column of the source, of any type
 * @limit: how many categories at most; CARTO's styles use 10
 * @cancellable: (nullable): cancels the query
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Finds a column's most common values over the whole source through the
 * SQL API, for carto_style_new_color_category(): most common first, ties
 * in text order, NULLs left out.
 */
void
carto_layer_compute_categories_async (CartoLayer          *self,
                                      SoupSession         *session,
                                      const char          *column,
                                      guint                limit,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CartoSqlClient) client = NULL;
  g_autofree char *sql = NULL;

  g_return_if_fail (CARTO_IS_LAYER (self));
  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (column != NULL);
  g_return_if_fail (limit > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) categories_tag);

  client = create_client (self, session, task);
  if (client == NULL)
    return;

  sql = carto_classify_categories_sql (carto_source_get_sql (carto_layer_get_source (self)), column, limit);
  carto_sql_client_query_async (client, sql, CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT,
                                cancellable, categories_cb, g_steal_pointer (&task));
}

/**
 * carto_layer_compute_categories_finish:
 * @self: a layer
 * @result: the result passed to the callback
 * @counts: (out) (optional) (transfer full): how many rows hold each
 *   category, in the same order
 * @error: return location for a %CARTO_SQL_ERROR (or
 *   %CARTO_MAPS_ERROR_NO_ACCOUNT)
 *
 * Returns: (transfer full) (nullable): the categories as text (as
 *   carto_mvt_value_to_string() writes tile values), most common first;
 *   empty when the column holds only NULLs; %NULL on error
 */
char **
carto_layer_compute_categories_finish (CartoLayer    *self,
                                       GAsyncResult  *result,
                                       gint64       **counts,
                                       GError       **error)
{
  Categories *categories;
  char **strv;

  g_return_val_if_fail (CARTO_IS_LAYER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == (gpointer) categories_tag, NULL);

  if (counts != NULL)
    *counts = NULL;
  categories = g_task_propagate_pointer (G_TASK (result), error);
  if (categories == NULL)
    return NULL;

  strv = g_steal_pointer (&categories->categories);
  if (counts != NULL)
    *counts = g_steal_pointer (&categories->counts);
  categories_free (categories);
  return strv;
}

/**
 * carto_layer_compute_breaks_async:
 * @self: a layer
 * @session: the shared session
 * @column: a numeric column of the source
 * @method: %CARTO_BIN_METHOD_QUANTILES or %CARTO_BIN_METHOD_EQUAL_INTERVALS
 * @n_bins: the number of classes wanted, at least 2
 * @cancellable: (nullable): cancels the query
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Computes the breaks of a bins style over the whole source through the
 * SQL API, with the layer's effective credentials. Compute them once and
 * keep them in the style.
 */
void
carto_layer_compute_breaks_async (CartoLayer          *self,
                                  SoupSession         *session,
                                  const char          *column,
                                  CartoBinMethod       method,
                                  guint                n_bins,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CartoSqlClient) client = NULL;
  g_autofree char *sql = NULL;
  const char *source_sql;
  BreaksData *data;

  g_return_if_fail (CARTO_IS_LAYER (self));
  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (column != NULL);
  g_return_if_fail (method == CARTO_BIN_METHOD_QUANTILES || method == CARTO_BIN_METHOD_EQUAL_INTERVALS);
  g_return_if_fail (n_bins >= 2);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) breaks_tag);

  client = create_client (self, session, task);
  if (client == NULL)
    return;

  data = g_new0 (BreaksData, 1);
  data->method = method;
  data->n_bins = n_bins;
  g_task_set_task_data (task, data, g_free);

  source_sql = carto_source_get_sql (carto_layer_get_source (self));
  if (method == CARTO_BIN_METHOD_QUANTILES)
    sql = carto_classify_quantiles_sql (source_sql, column, n_bins);
  else
    sql = carto_classify_range_sql (source_sql, column);

  carto_sql_client_query_async (client, sql, CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT,
                                cancellable, breaks_cb, g_steal_pointer (&task));
}

/**
 * carto_layer_compute_breaks_finish:
 * @self: a layer
 * @result: the result passed to the callback
 * @n_breaks: (out): how many breaks: `n_bins - 1` at most, fewer when
 *   values repeat, 0 when the column has no values or only one
 * @error: return location for a %CARTO_SQL_ERROR (or
 *   %CARTO_MAPS_ERROR_NO_ACCOUNT)
 *
 * Returns: (array length=n_breaks) (transfer full) (nullable): the breaks,
 *   ascending, for carto_style_new_color_bins() and
 *   carto_style_new_size_bins(); %NULL on error
 */
double *
carto_layer_compute_breaks_finish (CartoLayer    *self,
                                   GAsyncResult  *result,
                                   guint         *n_breaks,
                                   GError       **error)
{
  GArray *breaks;

  g_return_val_if_fail (CARTO_IS_LAYER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (n_breaks != NULL, NULL);

  *n_breaks = 0;
  breaks = g_task_propagate_pointer (G_TASK (result), error);
  if (breaks == NULL)
    return NULL;

  *n_breaks = breaks->len;
  return (double *) g_array_free (breaks, FALSE);
}

/**
 * carto_layer_compute_range_async:
 * @self: a layer
 * @session: the shared session
 * @column: a numeric column of the source
 * @cancellable: (nullable): cancels the query
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Computes a column's minimum and maximum over the whole source through
 * the SQL API, for continuous colour and size styles, and for equal
 * intervals of any class count (carto_classify_equal_intervals()).
 */
void
carto_layer_compute_range_async (CartoLayer          *self,
                                 SoupSession         *session,
                                 const char          *column,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CartoSqlClient) client = NULL;
  g_autofree char *sql = NULL;

  g_return_if_fail (CARTO_IS_LAYER (self));
  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (column != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) range_tag);

  client = create_client (self, session, task);
  if (client == NULL)
    return;

  sql = carto_classify_range_sql (carto_source_get_sql (carto_layer_get_source (self)), column);
  carto_sql_client_query_async (client, sql, CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT,
                                cancellable, range_cb, g_steal_pointer (&task));
}

/**
 * carto_layer_compute_range_finish:
 * @self: a layer
 * @result: the result passed to the callback
 * @min: (out): the smallest value, NaN when the column has no values
 * @max: (out): the largest value, NaN when the column has no values
 * @error: return location for a %CARTO_SQL_ERROR (or
 *   %CARTO_MAPS_ERROR_NO_ACCOUNT)
 *
 * Returns: whether the query succeeded
 */
gboolean
carto_layer_compute_range_finish (CartoLayer    *self,
                                  GAsyncResult  *result,
                                  double        *min,
                                  double        *max,
                                  GError       **error)
{
  g_autofree Range *range = NULL;

  g_return_val_if_fail (CARTO_IS_LAYER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (min != NULL && max != NULL, FALSE);

  range = g_task_propagate_pointer (G_TASK (result), error);
  if (range == NULL)
    return FALSE;

  *min = range->min;
  *max = range->max;
  return TRUE;
}

/**
 * carto_layer_compute_extent_async:
 * @self: a layer
 * @session: the shared session
 * @cancellable: (nullable): cancels the query
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Finds the box holding every feature of the source, for "Zoom to
 * Layer": `ST_Extent` over the source's `the_geom` (else its
 * `the_geom_webmercator`), through the SQL API with the layer's effective
 * credentials. It reads every row once, as PostGIS has no estimate for
 * a query. The columns come from carto_layer_list_columns_async(), so
 * usually from memory.
 */
void
carto_layer_compute_extent_async (CartoLayer          *self,
                                  SoupSession         *session,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CartoSqlClient) client = NULL;

  g_return_if_fail (CARTO_IS_LAYER (self));
  g_return_if_fail (SOUP_IS_SESSION (session));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) extent_tag);

  client = create_client (self, session, task);
  if (client == NULL)
    return;

  g_task_set_task_data (task, g_object_ref (client), g_object_unref);
  with_columns (g_steal_pointer (&task), client, query_extent);
}

/**
 * carto_layer_compute_extent_finish:
 * @self: a layer
 * @result: the result passed to the callback
 * @bounds: (out caller-allocates): the box, in degrees, its latitudes
 *   within the Web Mercator square the map shows; one point for a single
 *   feature
 * @error: return location for a %CARTO_LAYER_ERROR (no feature, no
 *   geometry column), a %CARTO_SQL_ERROR or %CARTO_MAPS_ERROR_NO_ACCOUNT
 *
 * Returns: whether @bounds was set
 */
gboolean
carto_layer_compute_extent_finish (CartoLayer    *self,
                                   GAsyncResult  *result,
                                   CartoBounds   *bounds,
                                   GError       **error)
{
  g_autofree CartoBounds *extent = NULL;

  g_return_val_if_fail (CARTO_IS_LAYER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == (gpointer) extent_tag, FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  extent = g_task_propagate_pointer (G_TASK (result), error);
  if (extent == NULL)
    return FALSE;

  *bounds = *extent;
  return TRUE;
}
