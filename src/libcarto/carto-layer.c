/* carto-layer.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A map layer: a Source drawn with a style. As in CARTOframes'
 * `Layer(source, credentials=...)`, credentials given to the layer apply to
 * its Source, so the precedence is: the layer's credentials, else the
 * Source's, else the default account (resolved live, see CartoSource).
 *
 * The layer is only the model. CartoLayerPainter draws it and reports
 * progress and failures back through #CartoLayer:state.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "carto-classify.h"
#include "carto-enums.h"
#include "carto-layer-private.h"
#include "carto-maps-client.h"
#include "carto-sql-client.h"
#include "carto-sql-quote.h"

struct _CartoLayer
{
  GObject parent_instance;

  /* owned */
  CartoSource *source;
  CartoStyle *style;
  char *title;
  CartoCredentials *credentials;
  char *error_message;

  /* The source's non-geometry columns, for feature attributes: asked for
   * once per source SQL and account. */
  GStrv attribute_columns;
  char *attribute_columns_for;

  /* state */
  gulong source_notify_id;
  CartoCredentials *effective;
  gboolean visible;
  double opacity;
  gboolean aggregation;
  CartoLayerState state;
};

G_DEFINE_FINAL_TYPE (CartoLayer, carto_layer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_STYLE,
  PROP_TITLE,
  PROP_VISIBLE,
  PROP_OPACITY,
  PROP_CREDENTIALS,
  PROP_EFFECTIVE_CREDENTIALS,
  PROP_AGGREGATION,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  CartoSqlClient *client;
  char *sql;
  char *columns_for;
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

static const char attributes_tag[] = "carto_layer_fetch_attributes_async";
static const char breaks_tag[] = "carto_layer_compute_breaks_async";
static const char range_tag[] = "carto_layer_compute_range_async";

static void
update_effective (CartoLayer *self)
{
  CartoCredentials *effective = self->credentials;

  if (effective == NULL && self->source != NULL)
    effective = carto_source_get_effective_credentials (self->source);

  if (effective == self->effective)
    return;

  if (effective != NULL && self->effective != NULL &&
      carto_credentials_equal (effective, self->effective))
    {
      g_set_object (&self->effective, effective);
      return;
    }

  g_set_object (&self->effective, effective);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EFFECTIVE_CREDENTIALS]);
}

static void
on_source_effective_credentials_notify_cb (CartoSource *source,
                                           GParamSpec  *pspec,
                                           CartoLayer  *self)
{
  update_effective (self);
}

static void
attributes_data_free (AttributesData *data)
{
  g_clear_object (&data->client);
  g_free (data->sql);
  g_free (data->columns_for);
  g_free (data);
}

static void
attributes_row_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  CartoSqlResult *rows;

  rows = carto_sql_client_query_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (rows == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, rows, g_object_unref);
}

static void
query_attributes (GTask             *task,
                  const char *const *columns)
{
  AttributesData *data = g_task_get_task_data (task);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autofree char *from = NULL;

  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_autofree char *quoted = carto_sql_quote_identifier (columns[i]);

      g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", quoted);
    }
  /* A table of geometries only still answers with its id. */
  if (columns[0] == NULL)
    g_string_append (sql, "cartodb_id");
  from = carto_sql_quote_subquery (data->sql, "_s");
  g_string_append_printf (sql, " FROM %s WHERE cartodb_id = %" G_GINT64_FORMAT, from, data->cartodb_id);

  carto_sql_client_query_async (data->client, sql->str, CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT,
                                g_task_get_cancellable (task), attributes_row_cb, task);
}

static void
attributes_columns_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CartoLayer *self = g_task_get_source_object (task);
  AttributesData *data = g_task_get_task_data (task);
  g_autoptr(CartoSqlResult) fields = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;

  fields = carto_sql_client_describe_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (fields == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Geometries are hex EWKB, kilobytes a country and no use in a pop-up. */
  builder = g_strv_builder_new ();
  for (guint i = 0; i < carto_sql_result_get_n_fields (fields); i++)
    {
      CartoSqlField *field = carto_sql_result_get_field (fields, i);
      const char *name = carto_sql_field_get_name (field);

      if (carto_sql_field_get_field_type (field) == CARTO_SQL_FIELD_TYPE_GEOMETRY ||
          g_str_equal (name, "the_geom") || g_str_equal (name, "the_geom_webmercator"))
        continue;
      g_strv_builder_add (builder, name);
    }

  g_strfreev (self->attribute_columns);
  self->attribute_columns = g_strv_builder_end (builder);
  g_free (self->attribute_columns_for);
  self->attribute_columns_for = g_strdup (data->columns_for);

  query_attributes (g_steal_pointer (&task), (const char *const *) self->attribute_columns);
}

static GError *
no_account_error (void)
{
  return g_error_new_literal (CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_NO_ACCOUNT,
                              _("This layer has no CARTO account: choose one for it, or set a default account."));
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
  g_autoptr(CartoSqlResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GArray *breaks;

  result = carto_sql_client_query_finish (CARTO_SQL_CLIENT (object), res, &error);
  if (result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

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
  g_autoptr(CartoSqlResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Range *range;

  result = carto_sql_client_query_finish (CARTO_SQL_CLIENT (object), res, &error);
  if (result == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  range = g_new0 (Range, 1);
  read_range (result, range);
  g_task_return_pointer (task, range, g_free);
}

static void
carto_layer_dispose (GObject *object)
{
  CartoLayer *self = CARTO_LAYER (object);

  if (self->source != NULL)
    g_clear_signal_handler (&self->source_notify_id, self->source);

  g_clear_object (&self->source);
  g_clear_object (&self->style);
  g_clear_object (&self->credentials);
  g_clear_object (&self->effective);

  G_OBJECT_CLASS (carto_layer_parent_class)->dispose (object);
}

static void
carto_layer_finalize (GObject *object)
{
  CartoLayer *self = CARTO_LAYER (object);

  g_free (self->title);
  g_free (self->error_message);
  g_strfreev (self->attribute_columns);
  g_free (self->attribute_columns_for);

  G_OBJECT_CLASS (carto_layer_parent_class)->finalize (object);
}

static void
carto_layer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CartoLayer *self = CARTO_LAYER (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    case PROP_STYLE:
      g_value_set_object (value, self->style);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_VISIBLE:
      g_value_set_boolean (value, self->visible);
      break;
    case PROP_OPACITY:
      g_value_set_double (value, self->opacity);
      break;
    case PROP_CREDENTIALS:
      g_value_set_object (value, self->credentials);
      break;
    case PROP_EFFECTIVE_CREDENTIALS:
      g_value_set_object (value, self->effective);
      break;
    case PROP_AGGREGATION:
      g_value_set_boolean (value, self->aggregation);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_layer_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CartoLayer *self = CARTO_LAYER (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      carto_layer_set_source (self, g_value_get_object (value));
      break;
    case PROP_STYLE:
      carto_layer_set_style (self, g_value_get_object (value));
      break;
    case PROP_TITLE:
      carto_layer_set_title (self, g_value_get_string (value));
      break;
    case PROP_VISIBLE:
      carto_layer_set_visible (self, g_value_get_boolean (value));
      break;
    case PROP_OPACITY:
      carto_layer_set_opacity (self, g_value_get_double (value));
      break;
    case PROP_CREDENTIALS:
      carto_layer_set_credentials (self, g_value_get_object (value));
      break;
    case PROP_AGGREGATION:
      carto_layer_set_aggregation (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_layer_class_init (CartoLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carto_layer_dispose;
  object_class->finalize = carto_layer_finalize;
  object_class->get_property = carto_layer_get_property;
  object_class->set_property = carto_layer_set_property;

  /**
   * CartoLayer:source:
   *
   * What the layer shows. A new source means a new map on the server.
   */
  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, CARTO_TYPE_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayer:style:
   *
   * How features are drawn. Never %NULL: setting %NULL restores the
   * default single-colour style. A new style with the same columns
   * repaints from cached tiles, without the network.
   */
  properties[PROP_STYLE] =
    g_param_spec_object ("style", NULL, NULL, CARTO_TYPE_STYLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayer:title:
   *
   * The name shown in the layer list, or %NULL for none set.
   */
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayer:visible:
   *
   * Whether the layer is drawn.
   */
  properties[PROP_VISIBLE] =
    g_param_spec_boolean ("visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayer:opacity:
   *
   * The layer's opacity as a whole, from 0 to 1, applied by the map
   * widget on top of the style's own opacities.
   */
  properties[PROP_OPACITY] =
    g_param_spec_double ("opacity", NULL, NULL, 0.0, 1.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayer:credentials:
   *
   * Credentials for this layer's source, overriding the Source's own and
   * the default account (CARTOframes' `Layer(source, credentials=...)`).
   */
  properties[PROP_CREDENTIALS] =
    g_param_spec_object ("credentials", NULL, NULL, CARTO_TYPE_CREDENTIALS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayer:effective-credentials:
   *
   * The credentials the layer's requests use: #CartoLayer:credentials,
   * else the source's effective credentials. Notified when they change.
   */
  properties[PROP_EFFECTIVE_CREDENTIALS] =
    g_param_spec_object ("effective-credentials", NULL, NULL, CARTO_TYPE_CREDENTIALS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayer:aggregation:
   *
   * Whether the server may aggregate points into a grid (one sample per
   * cell with `_cdb_feature_count`). Off by default, so every feature is
   * drawn, big point tables included.
   */
  properties[PROP_AGGREGATION] =
    g_param_spec_boolean ("aggregation", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayer:state:
   *
   * What the layer's painter is doing.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CARTO_TYPE_LAYER_STATE, CARTO_LAYER_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayer:error-message:
   *
   * Why the layer is in %CARTO_LAYER_STATE_ERROR: the server's message
   * when it sent one. Never holds an API key.
   */
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_layer_init (CartoLayer *self)
{
  self->visible = TRUE;
  self->opacity = 1.0;
  self->style = carto_style_new_single (NULL);
}

/**
 * carto_layer_new:
 * @source: what the layer shows
 * @style: (nullable): how to draw it; %NULL for the default single-colour
 *   style
 *
 * Returns: (transfer full): a new visible, opaque layer
 */
CartoLayer *
carto_layer_new (CartoSource *source,
                 CartoStyle  *style)
{
  g_return_val_if_fail (CARTO_IS_SOURCE (source), NULL);
  g_return_val_if_fail (style == NULL || CARTO_IS_STYLE (style), NULL);

  return g_object_new (CARTO_TYPE_LAYER,
                       "source", source,
                       "style", style,
                       NULL);
}

/**
 * carto_layer_get_source:
 * @self: a layer
 *
 * Returns: (transfer none): the layer's source
 */
CartoSource *
carto_layer_get_source (CartoLayer *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), NULL);

  return self->source;
}

/**
 * carto_layer_set_source:
 * @self: a layer
 * @source: the new source
 *
 * Replaces what the layer shows; its painter creates a new map.
 */
void
carto_layer_set_source (CartoLayer  *self,
                        CartoSource *source)
{
  g_return_if_fail (CARTO_IS_LAYER (self));
  g_return_if_fail (CARTO_IS_SOURCE (source));

  if (self->source == source)
    return;

  if (self->source != NULL)
    g_clear_signal_handler (&self->source_notify_id, self->source);
  g_set_object (&self->source, source);
  self->source_notify_id =
    g_signal_connect_object (source, "notify::effective-credentials",
                             G_CALLBACK (on_source_effective_credentials_notify_cb), self, 0);

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
  update_effective (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * carto_layer_get_style:
 * @self: a layer
 *
 * Returns: (transfer none): the style
 */
CartoStyle *
carto_layer_get_style (CartoLayer *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), NULL);

  return self->style;
}

/**
 * carto_layer_set_style:
 * @self: a layer
 * @style: (nullable): the new style; %NULL for the default one
 *
 * Styles are immutable: an edit is a new style object. Setting a style
 * equal to the current one (carto_style_equal()) changes nothing.
 */
void
carto_layer_set_style (CartoLayer *self,
                       CartoStyle *style)
{
  g_autoptr(CartoStyle) fallback = NULL;

  g_return_if_fail (CARTO_IS_LAYER (self));
  g_return_if_fail (style == NULL || CARTO_IS_STYLE (style));

  if (style == NULL)
    style = fallback = carto_style_new_single (NULL);

  if (self->style == style || carto_style_equal (self->style, style))
    return;

  g_set_object (&self->style, style);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
}

/**
 * carto_layer_get_title:
 * @self: a layer
 *
 * Returns: (nullable): the title, if one was set
 */
const char *
carto_layer_get_title (CartoLayer *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), NULL);

  return self->title;
}

/**
 * carto_layer_set_title:
 * @self: a layer
 * @title: (nullable): the new title
 */
void
carto_layer_set_title (CartoLayer *self,
                       const char *title)
{
  g_return_if_fail (CARTO_IS_LAYER (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * carto_layer_get_visible:
 * @self: a layer
 *
 * Returns: whether the layer is drawn
 */
gboolean
carto_layer_get_visible (CartoLayer *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), FALSE);

  return self->visible;
}

/**
 * carto_layer_set_visible:
 * @self: a layer
 * @visible: whether to draw the layer
 */
void
carto_layer_set_visible (CartoLayer *self,
                         gboolean    visible)
{
  g_return_if_fail (CARTO_IS_LAYER (self));

  visible = !!visible;
  if (self->visible == visible)
    return;

  self->visible = visible;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE]);
}

/**
 * carto_layer_get_opacity:
 * @self: a layer
 *
 * Returns: the layer's opacity, 0 to 1
 */
double
carto_layer_get_opacity (CartoLayer *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), 1.0);

  return self->opacity;
}

/**
 * carto_layer_set_opacity:
 * @self: a layer
 * @opacity: from 0 (invisible) to 1 (opaque); clamped
 */
void
carto_layer_set_opacity (CartoLayer *self,
                         double      opacity)
{
  g_return_if_fail (CARTO_IS_LAYER (self));

  opacity = CLAMP (opacity, 0.0, 1.0);
  if (self->opacity == opacity)
    return;

  self->opacity = opacity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPACITY]);
}

/**
 * carto_layer_get_credentials:
 * @self: a layer
 *
 * Returns: (transfer none) (nullable): the layer's own credentials
 */
CartoCredentials *
carto_layer_get_credentials (CartoLayer *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), NULL);

  return self->credentials;
}

/**
 * carto_layer_set_credentials:
 * @self: a layer
 * @credentials: (nullable): credentials overriding the source's, or %NULL
 *   to use the source's (or the default account)
 */
void
carto_layer_set_credentials (CartoLayer       *self,
                             CartoCredentials *credentials)
{
  g_return_if_fail (CARTO_IS_LAYER (self));
  g_return_if_fail (credentials == NULL || CARTO_IS_CREDENTIALS (credentials));

  if (!g_set_object (&self->credentials, credentials))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREDENTIALS]);
  update_effective (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * carto_layer_get_effective_credentials:
 * @self: a layer
 *
 * The credentials the layer's requests use now: the layer's own, else its
 * source's, else the default account's.
 *
 * Returns: (transfer none) (nullable): the credentials, or %NULL when
 *   there is no account to use
 */
CartoCredentials *
carto_layer_get_effective_credentials (CartoLayer *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), NULL);

  return self->effective;
}

/**
 * carto_layer_get_aggregation:
 * @self: a layer
 *
 * Returns: whether the server may aggregate points
 */
gboolean
carto_layer_get_aggregation (CartoLayer *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), FALSE);

  return self->aggregation;
}

/**
 * carto_layer_set_aggregation:
 * @self: a layer
 * @aggregation: whether the server may aggregate points
 */
void
carto_layer_set_aggregation (CartoLayer *self,
                             gboolean    aggregation)
{
  g_return_if_fail (CARTO_IS_LAYER (self));

  aggregation = !!aggregation;
  if (self->aggregation == aggregation)
    return;

  self->aggregation = aggregation;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGGREGATION]);
}

/**
 * carto_layer_get_state:
 * @self: a layer
 *
 * Returns: what the layer's painter is doing
 */
CartoLayerState
carto_layer_get_state (CartoLayer *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), CARTO_LAYER_STATE_IDLE);

  return self->state;
}

/**
 * carto_layer_get_error_message:
 * @self: a layer
 *
 * Returns: (nullable): why the layer failed, in %CARTO_LAYER_STATE_ERROR
 */
const char *
carto_layer_get_error_message (CartoLayer *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), NULL);

  return self->error_message;
}

/**
 * carto_layer_dup_map_sql:
 * @self: a layer
 *
 * The query the layer's tiles are made from: the source's SQL narrowed to
 * `cartodb_id`, `the_geom_webmercator` and the columns the style reads.
 *
 * Returns: (transfer full): the SQL of the layer's MapConfig
 */
char *
carto_layer_dup_map_sql (CartoLayer *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), NULL);

  return carto_source_dup_map_sql (self->source, carto_style_get_columns (self->style));
}

/**
 * carto_layer_set_state:
 * @self: a layer
 * @state: the new state
 * @error_message: (nullable): why, for %CARTO_LAYER_STATE_ERROR; ignored
 *   for other states
 *
 * For the layer's painter, on the main thread.
 */
void
carto_layer_set_state (CartoLayer      *self,
                       CartoLayerState  state,
                       const char      *error_message)
{
  g_return_if_fail (CARTO_IS_LAYER (self));

  if (state != CARTO_LAYER_STATE_ERROR)
    error_message = NULL;

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->error_message, error_message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
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
 * in the source's order. The columns are asked for once per source.
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
  AttributesData *data;

  g_return_if_fail (CARTO_IS_LAYER (self));
  g_return_if_fail (SOUP_IS_SESSION (session));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) attributes_tag);

  if (self->effective == NULL)
    {
      g_task_return_error (task, no_account_error ());
      return;
    }

  data = g_new0 (AttributesData, 1);
  data->client = carto_sql_client_new (session, self->effective);
  data->sql = g_strdup (carto_source_get_sql (self->source));
  data->columns_for = g_strdup_printf ("%s\n%s\n%s", carto_credentials_get_base_url (self->effective),
                                       carto_credentials_get_username (self->effective), data->sql);
  data->cartodb_id = cartodb_id;
  g_task_set_task_data (task, data, (GDestroyNotify) attributes_data_free);

  if (self->attribute_columns != NULL && g_strcmp0 (self->attribute_columns_for, data->columns_for) == 0)
    {
      query_attributes (g_steal_pointer (&task), (const char *const *) self->attribute_columns);
      return;
    }

  carto_sql_client_describe_async (data->client, data->sql, cancellable, attributes_columns_cb,
                                   g_steal_pointer (&task));
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
 * Computes the breaks of a bins style over the whole source (not just the
 * tiles in view, which would change with every pan) through the SQL API,
 * with the layer's effective credentials. Compute them once and keep them
 * in the style.
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
  BreaksData *data;

  g_return_if_fail (CARTO_IS_LAYER (self));
  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (column != NULL);
  g_return_if_fail (method == CARTO_BIN_METHOD_QUANTILES || method == CARTO_BIN_METHOD_EQUAL_INTERVALS);
  g_return_if_fail (n_bins >= 2);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) breaks_tag);

  if (self->effective == NULL)
    {
      g_task_return_error (task, no_account_error ());
      return;
    }

  data = g_new0 (BreaksData, 1);
  data->method = method;
  data->n_bins = n_bins;
  g_task_set_task_data (task, data, g_free);

  if (method == CARTO_BIN_METHOD_QUANTILES)
    sql = carto_classify_quantiles_sql (carto_source_get_sql (self->source), column, n_bins);
  else
    sql = carto_classify_range_sql (carto_source_get_sql (self->source), column);

  client = carto_sql_client_new (session, self->effective);
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
 * the SQL API, for continuous colour and size styles.
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

  if (self->effective == NULL)
    {
      g_task_return_error (task, no_account_error ());
      return;
    }

  sql = carto_classify_range_sql (carto_source_get_sql (self->source), column);
  client = carto_sql_client_new (session, self->effective);
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
