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
 * progress and failures back through #CartoLayer:state; what its data
 * holds (columns, classes, extent) is asked in carto-layer-queries.c.
 *
 * The layer owns its map's SQL (carto_layer_dup_map_sql()): the source's
 * query narrowed to the columns the tiles must carry. Those are the
 * columns of every style set since the source, the account or the
 * aggregation last changed, so going back to an earlier style repaints
 * from the tiles already decoded, without a new map.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "carto-enums.h"
#include "carto-layer-private.h"
#include "carto-maps-client.h"

struct _CartoLayer
{
  GObject parent_instance;

  /* owned */
  CartoSource *source;
  CartoStyle *style;
  char *title;
  CartoCredentials *credentials;
  char *error_message;

  /* The source's columns (a `LIMIT 0` answer), asked for once per source
   * SQL and account: columns_for names them. */
  CartoSqlResult *columns;
  char *columns_for;

  /* What the tiles carry besides cartodb_id and the_geom_webmercator,
   * NULL-terminated (see the top of the file). */
  GPtrArray *map_columns;

  /* state */
  gulong source_notify_id;
  gulong source_missing_id;
  CartoCredentials *effective;
  gboolean account_missing;
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
  PROP_ACCOUNT_MISSING,
  PROP_AGGREGATION,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
has_map_column (CartoLayer *self,
                const char *name)
{
  for (guint i = 0; i < self->map_columns->len; i++)
    if (g_str_equal (g_ptr_array_index (self->map_columns, i), name))
      return TRUE;

  return FALSE;
}

static void
add_map_columns (CartoLayer *self)
{
  const char *const *needed = self->style ? carto_style_get_columns (self->style) : NULL;

  for (guint i = 0; needed != NULL && needed[i] != NULL; i++)
    if (!has_map_column (self, needed[i]))
      g_ptr_array_add (self->map_columns, g_strdup (needed[i]));
}

/* Another source or account may have other columns: start from the
 * style's. */
static void
reset_map_columns (CartoLayer *self)
{
  g_ptr_array_set_size (self->map_columns, 0);
  add_map_columns (self);
}

static void
update_account_missing (CartoLayer *self)
{
  gboolean missing = self->credentials == NULL && self->source != NULL &&
                     carto_source_get_account_missing (self->source);

  if (missing == self->account_missing)
    return;

  self->account_missing = missing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT_MISSING]);
}

static void
update_effective (CartoLayer *self)
{
  CartoCredentials *effective = self->credentials;

  update_account_missing (self);

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
  reset_map_columns (self);
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
on_source_account_missing_notify_cb (CartoSource *source,
                                     GParamSpec  *pspec,
                                     CartoLayer  *self)
{
  update_account_missing (self);
}

static void
carto_layer_dispose (GObject *object)
{
  CartoLayer *self = CARTO_LAYER (object);

  if (self->source != NULL)
    {
      g_clear_signal_handler (&self->source_notify_id, self->source);
      g_clear_signal_handler (&self->source_missing_id, self->source);
    }

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
  g_clear_object (&self->columns);
  g_free (self->columns_for);
  g_ptr_array_unref (self->map_columns);

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
    case PROP_ACCOUNT_MISSING:
      g_value_set_boolean (value, self->account_missing);
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
   * CartoLayer:account-missing:
   *
   * Whether the layer cannot be drawn because its source names an account
   * the credential store does not have (a map from someone else's
   * keyring). Never %TRUE when the layer has credentials of its own. While
   * it is %TRUE the painter makes no request and reports
   * %CARTO_LAYER_STATE_ERROR with a message naming the account; once the
   * account is added, the layer loads by itself.
   */
  properties[PROP_ACCOUNT_MISSING] =
    g_param_spec_boolean ("account-missing", NULL, NULL, FALSE,
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
  self->map_columns = g_ptr_array_new_null_terminated (4, g_free, TRUE);
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
 * carto_layer_copy:
 * @self: a layer
 *
 * A new layer showing the same thing the same way, for "Duplicate layer":
 * the same source (sources are immutable, so it is shared, account
 * reference included), style, title, visibility, opacity, aggregation and
 * layer credentials. What the painter reported is not copied: the new
 * layer starts idle.
 *
 * Returns: (transfer full): the copy
 */
CartoLayer *
carto_layer_copy (CartoLayer *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), NULL);

  return g_object_new (CARTO_TYPE_LAYER,
                       "source", self->source,
                       "style", self->style,
                       "title", self->title,
                       "visible", self->visible,
                       "opacity", self->opacity,
                       "aggregation", self->aggregation,
                       "credentials", self->credentials,
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
    {
      g_clear_signal_handler (&self->source_notify_id, self->source);
      g_clear_signal_handler (&self->source_missing_id, self->source);
    }
  g_set_object (&self->source, source);
  self->source_notify_id =
    g_signal_connect_object (source, "notify::effective-credentials",
                             G_CALLBACK (on_source_effective_credentials_notify_cb), self, 0);
  self->source_missing_id =
    g_signal_connect_object (source, "notify::account-missing",
                             G_CALLBACK (on_source_account_missing_notify_cb), self, 0);
  reset_map_columns (self);

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
  add_map_columns (self);
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
 * carto_layer_get_account_missing:
 * @self: a layer
 *
 * Returns: whether the layer waits for an account the store does not
 *   have (see #CartoLayer:account-missing)
 */
gboolean
carto_layer_get_account_missing (CartoLayer *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), FALSE);

  return self->account_missing;
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
  reset_map_columns (self);
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
 * `cartodb_id`, `the_geom_webmercator` and the columns the style reads,
 * and those earlier styles read since the source, the account or the
 * aggregation last changed. A style reading only columns the tiles carry
 * leaves it unchanged, so its painter repaints without a new map.
 *
 * Returns: (transfer full): the SQL of the layer's MapConfig
 */
char *
carto_layer_dup_map_sql (CartoLayer *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), NULL);

  return carto_source_dup_map_sql (self->source, (const char *const *) self->map_columns->pdata);
}

/**
 * carto_layer_new_no_account_error:
 * @self: a layer without effective credentials
 *
 * Why the layer cannot make a request: the account its source names is
 * not in the store (named, so the user knows which account to add), or it
 * has no account at all.
 *
 * Returns: (transfer full): a %CARTO_MAPS_ERROR_NO_ACCOUNT error
 */
GError *
carto_layer_new_no_account_error (CartoLayer *self)
{
  g_autoptr(GUri) uri = NULL;
  const char *username;
  const char *base_url;
  const char *host;

  g_return_val_if_fail (CARTO_IS_LAYER (self), NULL);

  if (!self->account_missing)
    return g_error_new_literal (CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_NO_ACCOUNT,
                                _("This layer has no CARTO account: choose one for it, or set a default account."));

  username = carto_source_get_account_username (self->source);
  base_url = carto_source_get_account_base_url (self->source);
  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : base_url;

  /* Translators: %s are a CARTO username and a server's host name. */
  return g_error_new (CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_NO_ACCOUNT,
                      _("Needs the account “%s” on %s: add it in Accounts to show this layer."),
                      username, host);
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
 * carto_layer_get_cached_columns:
 * @self: a layer
 * @key: what the columns were asked for with (carto-layer-queries.c)
 *
 * Returns: (transfer none) (nullable): the source's columns remembered
 *   for @key, or %NULL
 */
CartoSqlResult *
carto_layer_get_cached_columns (CartoLayer *self,
                                const char *key)
{
  g_return_val_if_fail (CARTO_IS_LAYER (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return g_strcmp0 (self->columns_for, key) == 0 ? self->columns : NULL;
}

/**
 * carto_layer_cache_columns:
 * @self: a layer
 * @key: what the columns were asked for with
 * @columns: the `LIMIT 0` answer
 *
 * Remembers the source's columns for @key, in place of any others.
 */
void
carto_layer_cache_columns (CartoLayer     *self,
                           const char     *key,
                           CartoSqlResult *columns)
{
  g_return_if_fail (CARTO_IS_LAYER (self));
  g_return_if_fail (key != NULL);
  g_return_if_fail (CARTO_IS_SQL_RESULT (columns));

  g_set_object (&self->columns, columns);
  g_free (self->columns_for);
  self->columns_for = g_strdup (key);
}
