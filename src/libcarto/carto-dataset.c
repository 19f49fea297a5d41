/* carto-dataset.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One table of an account's catalogue. The catalogue fills in what one
 * cheap query can tell for all tables at once; columns, and for non-master
 * keys the row estimate, come per dataset with load_details, as a list
 * row scrolls into view or a preview opens (docs/carto-api.md §4.4).
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "carto-dataset-private.h"
#include "carto-enums.h"
#include "carto-sql-quote.h"

/* Enough rows to see a table's geometry types, few enough to be instant
 * on any table: DISTINCT over a whole 10M-row table would not be. */
#define GEOMETRY_SAMPLE_ROWS 1000
#define GEOMETRY_MAX_TYPES 5

struct _CartoDataset
{
  GObject parent_instance;

  /* owned */
  CartoSqlClient *client;
  char *schema;
  char *name;
  char *geometry_type;
  GDateTime *updated_at;
  CartoSqlResult *columns;   /* the LIMIT 0 answer */

  /* state */
  CartoDatasetPrivacy privacy;
  CartoGeometryKind geometry_kind;
  gint64 row_count;
  gint64 size_bytes;
  gboolean row_count_is_estimate;
};

G_DEFINE_FINAL_TYPE (CartoDataset, carto_dataset, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_NAME,
  PROP_SCHEMA,
  PROP_PRIVACY,
  PROP_ROW_COUNT,
  PROP_ROW_COUNT_IS_ESTIMATE,
  PROP_GEOMETRY_TYPE,
  PROP_GEOMETRY_KIND,
  PROP_SIZE_BYTES,
  PROP_UPDATED_AT,
  PROP_COLUMNS,
  PROP_DETAILS_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char details_tag[] = "carto_dataset_load_details_async";
static const char extent_tag[] = "carto_dataset_load_extent_async";

typedef struct
{
  double west, south, east, north;
} Extent;

typedef struct
{
  guint pending;
  GError *error;             /* the columns query's; the others are optional */
} DetailsData;

static void
details_data_free (DetailsData *data)
{
  g_clear_error (&data->error);
  g_free (data);
}

/**
 * carto_dataset_build_geometry_sample_sql:
 * @quoted_name: the table, quoted
 *
 * A scalar subquery giving the table's geometry types, comma-separated and
 * sorted (`MULTIPOLYGON`, `POINT,MULTIPOINT`…), or `NULL`. Run it in a
 * query whose FROM is `(SELECT NULL::geometry AS the_geom) AS
 * _carto_fallback`: in a table without `the_geom`, the name resolves to
 * that outer column instead of failing, so tables can be sampled without
 * knowing their columns, and many in one query.
 *
 * Returns: (transfer full): the SQL expression
 */
char *
carto_dataset_build_geometry_sample_sql (const char *quoted_name)
{
  return g_strdup_printf ("(SELECT string_agg (t, ',' ORDER BY t) FROM "
                          "(SELECT DISTINCT GeometryType (s.g) AS t FROM "
                          "(SELECT the_geom AS g FROM %s WHERE the_geom IS NOT NULL LIMIT %d) AS s "
                          "LIMIT %d) AS d)",
                          quoted_name, GEOMETRY_SAMPLE_ROWS, GEOMETRY_MAX_TYPES);
}

/**
 * carto_geometry_kind_from_types:
 * @types: (array zero-terminated=1) (nullable): PostGIS geometry type
 *   names (`POINT`, `MULTIPOLYGON`…), %NULL when not sampled
 *
 * Returns: the kind for a badge; %CARTO_GEOMETRY_KIND_NONE for an empty
 *   list, %CARTO_GEOMETRY_KIND_UNKNOWN for %NULL
 */
CartoGeometryKind
carto_geometry_kind_from_types (const char * const *types)
{
  CartoGeometryKind kind = CARTO_GEOMETRY_KIND_NONE;

  if (types == NULL)
    return CARTO_GEOMETRY_KIND_UNKNOWN;

  for (guint i = 0; types[i] != NULL; i++)
    {
      g_autofree char *upper = g_ascii_strup (types[i], -1);
      CartoGeometryKind this;

      if (g_str_equal (upper, "POINT") || g_str_equal (upper, "MULTIPOINT"))
        this = CARTO_GEOMETRY_KIND_POINT;
      else if (g_str_equal (upper, "LINESTRING") || g_str_equal (upper, "MULTILINESTRING"))
        this = CARTO_GEOMETRY_KIND_LINE;
      else if (g_str_equal (upper, "POLYGON") || g_str_equal (upper, "MULTIPOLYGON"))
        this = CARTO_GEOMETRY_KIND_POLYGON;
      else
        this = CARTO_GEOMETRY_KIND_MIXED;

      if (kind == CARTO_GEOMETRY_KIND_NONE)
        kind = this;
      else if (kind != this)
        kind = CARTO_GEOMETRY_KIND_MIXED;
    }

  return kind;
}

static void
carto_dataset_dispose (GObject *object)
{
  CartoDataset *self = CARTO_DATASET (object);

  g_clear_object (&self->client);
  g_clear_object (&self->columns);

  G_OBJECT_CLASS (carto_dataset_parent_class)->dispose (object);
}

static void
carto_dataset_finalize (GObject *object)
{
  CartoDataset *self = CARTO_DATASET (object);

  g_clear_pointer (&self->schema, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->geometry_type, g_free);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (carto_dataset_parent_class)->finalize (object);
}

static void
carto_dataset_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CartoDataset *self = CARTO_DATASET (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SCHEMA:
      g_value_set_string (value, self->schema);
      break;
    case PROP_PRIVACY:
      g_value_set_enum (value, self->privacy);
      break;
    case PROP_ROW_COUNT:
      g_value_set_int64 (value, self->row_count);
      break;
    case PROP_ROW_COUNT_IS_ESTIMATE:
      g_value_set_boolean (value, self->row_count_is_estimate);
      break;
    case PROP_GEOMETRY_TYPE:
      g_value_set_string (value, self->geometry_type);
      break;
    case PROP_GEOMETRY_KIND:
      g_value_set_enum (value, self->geometry_kind);
      break;
    case PROP_SIZE_BYTES:
      g_value_set_int64 (value, self->size_bytes);
      break;
    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;
    case PROP_COLUMNS:
      g_value_set_object (value, carto_dataset_get_columns (self));
      break;
    case PROP_DETAILS_LOADED:
      g_value_set_boolean (value, self->columns != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_dataset_class_init (CartoDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carto_dataset_dispose;
  object_class->finalize = carto_dataset_finalize;
  object_class->get_property = carto_dataset_get_property;

  /**
   * CartoDataset:client:
   *
   * The client of the account the dataset belongs to.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, CARTO_TYPE_SQL_CLIENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoDataset:name:
   *
   * The table name, unquoted.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoDataset:schema:
   *
   * The table's schema (`public` for most accounts).
   */
  properties[PROP_SCHEMA] =
    g_param_spec_string ("schema", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoDataset:privacy:
   *
   * Who may read it; PUBLIC and LINK are one value (see
   * #CartoDatasetPrivacy).
   */
  properties[PROP_PRIVACY] =
    g_param_spec_enum ("privacy", NULL, NULL, CARTO_TYPE_DATASET_PRIVACY,
                       CARTO_DATASET_PRIVACY_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoDataset:row-count:
   *
   * The number of rows, -1 while unknown; see
   * #CartoDataset:row-count-is-estimate.
   */
  properties[PROP_ROW_COUNT] =
    g_param_spec_int64 ("row-count", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoDataset:row-count-is-estimate:
   *
   * Whether the row count is the planner's estimate (always, in the
   * catalogue: counting every row of every table would be slow).
   */
  properties[PROP_ROW_COUNT_IS_ESTIMATE] =
    g_param_spec_boolean ("row-count-is-estimate", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoDataset:geometry-type:
   *
   * The geometry types found in a sample of `the_geom`, comma-separated
   * (`MULTIPOLYGON`, `MULTIPOINT,POINT`); empty when none; %NULL while
   * unknown.
   */
  properties[PROP_GEOMETRY_TYPE] =
    g_param_spec_string ("geometry-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoDataset:geometry-kind:
   *
   * The geometry types as a kind, for a badge.
   */
  properties[PROP_GEOMETRY_KIND] =
    g_param_spec_enum ("geometry-kind", NULL, NULL, CARTO_TYPE_GEOMETRY_KIND,
                       CARTO_GEOMETRY_KIND_UNKNOWN,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoDataset:size-bytes:
   *
   * The table's size on disk with indexes and TOAST; -1 unless listed
   * with the master key.
   */
  properties[PROP_SIZE_BYTES] =
    g_param_spec_int64 ("size-bytes", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoDataset:updated-at:
   *
   * When the table last changed; %NULL unless listed with the master key
   * (or never recorded).
   */
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoDataset:columns:
   *
   * The columns (#CartoSqlField), %NULL until the details are loaded.
   */
  properties[PROP_COLUMNS] =
    g_param_spec_object ("columns", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoDataset:details-loaded:
   *
   * Whether carto_dataset_load_details_async() has succeeded.
   */
  properties[PROP_DETAILS_LOADED] =
    g_param_spec_boolean ("details-loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_dataset_init (CartoDataset *self)
{
  self->row_count = -1;
  self->size_bytes = -1;
}

/**
 * carto_dataset_new:
 * @client: the account's client
 * @schema: (nullable): the schema
 * @name: the table name
 *
 * Returns: (transfer full): a dataset that knows only its name
 */
CartoDataset *
carto_dataset_new (CartoSqlClient *client,
                   const char     *schema,
                   const char     *name)
{
  CartoDataset *self;

  g_return_val_if_fail (CARTO_IS_SQL_CLIENT (client), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (CARTO_TYPE_DATASET, NULL);
  self->client = g_object_ref (client);
  self->schema = g_strdup (schema);
  self->name = g_strdup (name);

  return self;
}

/**
 * carto_dataset_set_privacy:
 * @self: a #CartoDataset
 * @privacy: the privacy
 */
void
carto_dataset_set_privacy (CartoDataset        *self,
                           CartoDatasetPrivacy  privacy)
{
  g_return_if_fail (CARTO_IS_DATASET (self));

  if (self->privacy == privacy)
    return;
  self->privacy = privacy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIVACY]);
}

/**
 * carto_dataset_set_row_count:
 * @self: a #CartoDataset
 * @rows: the row count, -1 for unknown
 * @is_estimate: whether @rows is an estimate
 */
void
carto_dataset_set_row_count (CartoDataset *self,
                             gint64        rows,
                             gboolean      is_estimate)
{
  g_return_if_fail (CARTO_IS_DATASET (self));

  rows = MAX (rows, -1);
  if (self->row_count != rows)
    {
      self->row_count = rows;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW_COUNT]);
    }
  if (self->row_count_is_estimate != is_estimate)
    {
      self->row_count_is_estimate = is_estimate;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW_COUNT_IS_ESTIMATE]);
    }
}

/**
 * carto_dataset_set_size_bytes:
 * @self: a #CartoDataset
 * @size: bytes, -1 for unknown
 */
void
carto_dataset_set_size_bytes (CartoDataset *self,
                              gint64        size)
{
  g_return_if_fail (CARTO_IS_DATASET (self));

  size = MAX (size, -1);
  if (self->size_bytes == size)
    return;
  self->size_bytes = size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE_BYTES]);
}

/**
 * carto_dataset_set_updated_at:
 * @self: a #CartoDataset
 * @updated_at: (nullable): when the table last changed
 */
void
carto_dataset_set_updated_at (CartoDataset *self,
                              GDateTime    *updated_at)
{
  g_return_if_fail (CARTO_IS_DATASET (self));

  if (self->updated_at == updated_at ||
      (self->updated_at != NULL && updated_at != NULL && g_date_time_equal (self->updated_at, updated_at)))
    return;
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  self->updated_at = updated_at != NULL ? g_date_time_ref (updated_at) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

/**
 * carto_dataset_set_geometry_types:
 * @self: a #CartoDataset
 * @types: (array zero-terminated=1) (nullable): the sampled types, %NULL
 *   for unknown
 */
void
carto_dataset_set_geometry_types (CartoDataset       *self,
                                  const char * const *types)
{
  g_autofree char *joined = NULL;
  CartoGeometryKind kind;

  g_return_if_fail (CARTO_IS_DATASET (self));

  joined = types != NULL ? g_strjoinv (",", (char **) types) : NULL;
  kind = carto_geometry_kind_from_types (types);

  if (g_strcmp0 (self->geometry_type, joined) != 0)
    {
      g_free (self->geometry_type);
      self->geometry_type = g_steal_pointer (&joined);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEOMETRY_TYPE]);
    }
  if (self->geometry_kind != kind)
    {
      self->geometry_kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEOMETRY_KIND]);
    }
}

/**
 * carto_dataset_get_client:
 * @self: a #CartoDataset
 *
 * Returns: (transfer none): the account's SQL client
 */
CartoSqlClient *
carto_dataset_get_client (CartoDataset *self)
{
  g_return_val_if_fail (CARTO_IS_DATASET (self), NULL);

  return self->client;
}

/**
 * carto_dataset_get_name:
 * @self: a #CartoDataset
 *
 * Returns: the table name, unquoted: quote it (carto_sql_quote_identifier())
 *   before it goes into SQL
 */
const char *
carto_dataset_get_name (CartoDataset *self)
{
  g_return_val_if_fail (CARTO_IS_DATASET (self), NULL);

  return self->name;
}

/**
 * carto_dataset_get_schema:
 * @self: a #CartoDataset
 *
 * Returns: (nullable): the schema, unquoted
 */
const char *
carto_dataset_get_schema (CartoDataset *self)
{
  g_return_val_if_fail (CARTO_IS_DATASET (self), NULL);

  return self->schema;
}

/**
 * carto_dataset_dup_quoted_name:
 * @self: a #CartoDataset
 *
 * Returns: (transfer full): the table as SQL names it, `"schema"."name"`
 */
char *
carto_dataset_dup_quoted_name (CartoDataset *self)
{
  g_return_val_if_fail (CARTO_IS_DATASET (self), NULL);

  return carto_sql_quote_qualified (self->schema, self->name);
}

/**
 * carto_dataset_get_privacy:
 * @self: a #CartoDataset
 *
 * Returns: who may read the dataset
 */
CartoDatasetPrivacy
carto_dataset_get_privacy (CartoDataset *self)
{
  g_return_val_if_fail (CARTO_IS_DATASET (self), CARTO_DATASET_PRIVACY_UNKNOWN);

  return self->privacy;
}

/**
 * carto_dataset_get_row_count:
 * @self: a #CartoDataset
 *
 * Returns: the row count, -1 while unknown
 */
gint64
carto_dataset_get_row_count (CartoDataset *self)
{
  g_return_val_if_fail (CARTO_IS_DATASET (self), -1);

  return self->row_count;
}

/**
 * carto_dataset_get_row_count_is_estimate:
 * @self: a #CartoDataset
 *
 * Returns: whether the row count is an estimate (show "about")
 */
gboolean
carto_dataset_get_row_count_is_estimate (CartoDataset *self)
{
  g_return_val_if_fail (CARTO_IS_DATASET (self), FALSE);

  return self->row_count_is_estimate;
}

/**
 * carto_dataset_get_geometry_type:
 * @self: a #CartoDataset
 *
 * Returns: (nullable): the sampled geometry types, comma-separated; empty
 *   when there are none; %NULL while unknown
 */
const char *
carto_dataset_get_geometry_type (CartoDataset *self)
{
  g_return_val_if_fail (CARTO_IS_DATASET (self), NULL);

  return self->geometry_type;
}

/**
 * carto_dataset_get_geometry_kind:
 * @self: a #CartoDataset
 *
 * Returns: the kind of geometries, for a badge
 */
CartoGeometryKind
carto_dataset_get_geometry_kind (CartoDataset *self)
{
  g_return_val_if_fail (CARTO_IS_DATASET (self), CARTO_GEOMETRY_KIND_UNKNOWN);

  return self->geometry_kind;
}

/**
 * carto_dataset_get_size_bytes:
 * @self: a #CartoDataset
 *
 * Returns: the size on disk, -1 unless listed with the master key
 */
gint64
carto_dataset_get_size_bytes (CartoDataset *self)
{
  g_return_val_if_fail (CARTO_IS_DATASET (self), -1);

  return self->size_bytes;
}

/**
 * carto_dataset_get_updated_at:
 * @self: a #CartoDataset
 *
 * Returns: (transfer none) (nullable): when the table last changed, %NULL
 *   unless listed with the master key
 */
GDateTime *
carto_dataset_get_updated_at (CartoDataset *self)
{
  g_return_val_if_fail (CARTO_IS_DATASET (self), NULL);

  return self->updated_at;
}

/**
 * carto_dataset_get_columns:
 * @self: a #CartoDataset
 *
 * Returns: (transfer none) (nullable): the columns (#CartoSqlField) in
 *   table order, %NULL until carto_dataset_load_details_async() succeeded
 */
GListModel *
carto_dataset_get_columns (CartoDataset *self)
{
  g_return_val_if_fail (CARTO_IS_DATASET (self), NULL);

  return self->columns != NULL ? carto_sql_result_get_fields (self->columns) : NULL;
}

/**
 * carto_dataset_get_details_loaded:
 * @self: a #CartoDataset
 *
 * Returns: whether the columns are known
 */
gboolean
carto_dataset_get_details_loaded (CartoDataset *self)
{
  g_return_val_if_fail (CARTO_IS_DATASET (self), FALSE);

  return self->columns != NULL;
}

static void
details_step_done (GTask *task)
{
  CartoDataset *self = g_task_get_source_object (task);
  DetailsData *data = g_task_get_task_data (task);

  g_assert (data->pending > 0);
  if (--data->pending > 0)
    {
      g_object_unref (task);
      return;
    }

  if (data->error != NULL)
    g_task_return_error (task, g_steal_pointer (&data->error));
  else
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLUMNS]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS_LOADED]);
      g_task_return_boolean (task, TRUE);
    }
  g_object_unref (task);
}

static void
details_geometry_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  CartoDataset *self = g_task_get_source_object (task);
  g_autoptr(CartoSqlResult) sample = NULL;
  g_autoptr(GError) error = NULL;

  sample = carto_sql_client_query_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (sample != NULL && carto_sql_result_get_n_rows (sample) == 1 &&
      carto_sql_result_get_n_fields (sample) == 1)
    {
      const char *joined = carto_sql_result_get_string (sample, 0, 0);
      g_auto(GStrv) types = joined != NULL ? g_strsplit (joined, ",", -1) : g_new0 (char *, 1);

      carto_dataset_set_geometry_types (self, (const char * const *) types);
    }
  else if (error != NULL)
    g_debug ("Dataset %s: no geometry sample: %s", self->name, error->message);

  details_step_done (task);
}

static void
details_columns_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  CartoDataset *self = g_task_get_source_object (task);
  DetailsData *data = g_task_get_task_data (task);
  g_autoptr(CartoSqlResult) columns = NULL;
  g_autoptr(GError) error = NULL;

  columns = carto_sql_client_describe_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (columns == NULL)
    {
      if (data->error == NULL)
        data->error = g_steal_pointer (&error);
      details_step_done (task);
      return;
    }

  g_set_object (&self->columns, columns);

  if (self->geometry_kind == CARTO_GEOMETRY_KIND_UNKNOWN)
    {
      if (carto_sql_result_find_field (columns, "the_geom") >= 0)
        {
          g_autofree char *quoted = carto_dataset_dup_quoted_name (self);
          g_autofree char *expr = carto_dataset_build_geometry_sample_sql (quoted);
          g_autofree char *sql = g_strdup_printf ("SELECT %s AS types FROM "
                                                  "(SELECT NULL::geometry AS the_geom) AS _carto_fallback",
                                                  expr);

          data->pending++;
          carto_sql_client_query_async (self->client, sql, CARTO_SQL_FORMAT_JSON,
                                        CARTO_SQL_QUERY_IDEMPOTENT, g_task_get_cancellable (task),
                                        details_geometry_cb, g_object_ref (task));
        }
      else
        {
          const char * const none[] = { NULL };
          carto_dataset_set_geometry_types (self, none);
        }
    }

  details_step_done (task);
}

static void
details_estimate_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  CartoDataset *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  gint64 rows;

  rows = carto_sql_client_estimate_rows_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (rows >= 0)
    carto_dataset_set_row_count (self, rows, TRUE);
  else
    g_debug ("Dataset %s: no row estimate: %s", self->name, error->message);

  details_step_done (task);
}

/**
 * carto_dataset_load_details_async:
 * @self: a #CartoDataset
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Loads what the catalogue leaves for later: the columns with their types
 * (from a `LIMIT 0` query), the row estimate when it is not known yet
 * (EXPLAIN: non-master keys may not read the statistics tables), and the
 * geometry types when the catalogue could not sample them. Properties are
 * notified as values arrive. Fails only when the columns cannot be read.
 */
void
carto_dataset_load_details_async (CartoDataset        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  DetailsData *data;
  g_autofree char *quoted = NULL;
  g_autofree char *rows_sql = NULL;

  g_return_if_fail (CARTO_IS_DATASET (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) details_tag);
  data = g_new0 (DetailsData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) details_data_free);

  quoted = carto_dataset_dup_quoted_name (self);
  rows_sql = g_strdup_printf ("SELECT * FROM %s", quoted);

  /* Each step holds a reference on the task, released in details_step_done(). */
  data->pending = 1;
  carto_sql_client_describe_async (self->client, rows_sql, cancellable, details_columns_cb, task);

  if (self->row_count < 0)
    {
      data->pending++;
      carto_sql_client_estimate_rows_async (self->client, rows_sql, cancellable,
                                            details_estimate_cb, g_object_ref (task));
    }
}

/**
 * carto_dataset_load_details_finish:
 * @self: a #CartoDataset
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the details are loaded
 */
gboolean
carto_dataset_load_details_finish (CartoDataset  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (CARTO_IS_DATASET (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == (gpointer) details_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ST_EstimatedExtent raises an error, not NULL, when the table has no
 * the_geom column; the exact query reads as empty then. */
static char *
build_extent_sql (CartoDataset *self,
                  gboolean      estimated)
{
  g_autofree char *quoted = carto_dataset_dup_quoted_name (self);
  g_autofree char *schema = carto_sql_quote_literal (self->schema != NULL ? self->schema : "public");
  g_autofree char *name = carto_sql_quote_literal (self->name);
  g_autofree char *exact = NULL;
  g_autofree char *extent = NULL;

  /* An InitPlan: with the estimate, it runs only when that is NULL. The
   * aggregate takes an inner column: over an outer reference alone (no
   * the_geom in the table) it would belong to the outer query. */
  exact = g_strdup_printf ("(SELECT ST_Extent (s.g)::geometry FROM (SELECT the_geom AS g FROM %s) AS s)",
                           quoted);
  if (estimated)
    extent = g_strdup_printf ("COALESCE (ST_EstimatedExtent (%s, %s, 'the_geom')::geometry, %s)",
                              schema, name, exact);
  else
    extent = g_steal_pointer (&exact);

  return g_strdup_printf ("SELECT ST_XMin (e) AS west, ST_YMin (e) AS south, "
                          "ST_XMax (e) AS east, ST_YMax (e) AS north FROM "
                          "(SELECT %s AS e FROM (SELECT NULL::geometry AS the_geom) AS _carto_fallback) AS x",
                          extent);
}

static void
extent_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CartoDataset *self = g_task_get_source_object (task);
  g_autoptr(CartoSqlResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree Extent *extent = NULL;

  answer = carto_sql_client_query_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (answer == NULL && GPOINTER_TO_INT (g_task_get_task_data (task)) &&
      g_error_matches (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_SQL))
    {
      g_autofree char *sql = build_extent_sql (self, FALSE);
      GCancellable *cancellable = g_task_get_cancellable (task);

      g_debug ("Dataset %s: no estimated extent (%s)", self->name, error->message);
      g_task_set_task_data (task, GINT_TO_POINTER (FALSE), NULL);
      carto_sql_client_query_async (self->client, sql, CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT,
                                    cancellable, extent_cb, g_steal_pointer (&task));
      return;
    }
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (carto_sql_result_get_n_rows (answer) != 1 || carto_sql_result_get_n_fields (answer) != 4)
    {
      g_task_return_new_error (task, CARTO_SQL_ERROR, CARTO_SQL_ERROR_BAD_RESPONSE,
                               _("The server sent an answer that is not from the CARTO SQL API."));
      return;
    }

  /* No geometry at all: no extent, and no error either. */
  if (carto_sql_result_is_null (answer, 0, 0))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  extent = g_new0 (Extent, 1);
  extent->west = carto_sql_result_get_double (answer, 0, 0);
  extent->south = carto_sql_result_get_double (answer, 0, 1);
  extent->east = carto_sql_result_get_double (answer, 0, 2);
  extent->north = carto_sql_result_get_double (answer, 0, 3);
  g_task_return_pointer (task, g_steal_pointer (&extent), g_free);
}

/**
 * carto_dataset_load_extent_async:
 * @self: a #CartoDataset
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Finds the bounding box of `the_geom`, for a map thumbnail or to zoom
 * to the dataset. PostGIS' ST_EstimatedExtent answers from the table's
 * statistics at once; a table never analyzed falls back to ST_Extent,
 * which reads every row.
 */
void
carto_dataset_load_extent_async (CartoDataset        *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *sql = NULL;

  g_return_if_fail (CARTO_IS_DATASET (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) extent_tag);
  /* Task data: whether this try used the estimate. */
  g_task_set_task_data (task, GINT_TO_POINTER (TRUE), NULL);

  sql = build_extent_sql (self, TRUE);
  carto_sql_client_query_async (self->client, sql, CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT,
                                cancellable, extent_cb, g_steal_pointer (&task));
}

/**
 * carto_dataset_load_extent_finish:
 * @self: a #CartoDataset
 * @result: the #GAsyncResult
 * @west: (out) (optional): the smallest longitude (x in the_geom's SRID,
 *   degrees for CARTO's EPSG:4326)
 * @south: (out) (optional): the smallest latitude
 * @east: (out) (optional): the largest longitude
 * @north: (out) (optional): the largest latitude
 * @error: return location for a #GError
 *
 * Returns: %TRUE with the box set; %FALSE with @error unset when the
 *   table has no geometry; %FALSE with @error set on failure
 */
gboolean
carto_dataset_load_extent_finish (CartoDataset  *self,
                                  GAsyncResult  *result,
                                  double        *west,
                                  double        *south,
                                  double        *east,
                                  double        *north,
                                  GError       **error)
{
  g_autofree Extent *extent = NULL;

  g_return_val_if_fail (CARTO_IS_DATASET (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == (gpointer) extent_tag, FALSE);

  extent = g_task_propagate_pointer (G_TASK (result), error);
  if (extent == NULL)
    return FALSE;

  if (west != NULL)
    *west = extent->west;
  if (south != NULL)
    *south = extent->south;
  if (east != NULL)
    *east = extent->east;
  if (north != NULL)
    *north = extent->north;
  return TRUE;
}

/**
 * carto_dataset_create_pager:
 * @self: a #CartoDataset
 * @page_size: rows per request, 0 for the default
 *
 * Returns: (transfer full): a pager over the table's rows, for a preview
 */
CartoSqlPager *
carto_dataset_create_pager (CartoDataset *self,
                            guint         page_size)
{
  g_return_val_if_fail (CARTO_IS_DATASET (self), NULL);

  return carto_sql_pager_new_for_table (self->client, self->schema, self->name, page_size);
}
