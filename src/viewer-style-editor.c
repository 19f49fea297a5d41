/* viewer-style-editor.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A popover editing one layer's style: the kind (single colour, colour by
 * category or bins, ramps, size by value), the column, the CARTOColors
 * palette, the classes and the base symbol. Every change applies at once.
 *
 * Columns, categories, breaks and ranges are the layer's to ask
 * (carto-layer-queries.c), over the whole Source, never from the tiles in
 * view (they would change with every pan). The editor keeps them per
 * column, method and class count: a second visit, a new palette, colour,
 * size or opacity reuses them without a request. The map then repaints
 * from its decoded tiles, also without a request.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "viewer-format.h"
#include "viewer-style-editor.h"

/* CARTO's color_category_style default: the ten most common values, then
 * "Others". Qualitative palettes have eleven colours. */
#define N_CATEGORIES 10
#define DEFAULT_QUALITATIVE "Bold"
#define DEFAULT_NUMERIC "PurpOr"
/* Sizes that suit a size-by-value style when switching to one. */
#define SIZE_KIND_DEFAULT 16.0
#define SINGLE_DEFAULT_SIZE 6.0

typedef struct
{
  char **categories;
  double *breaks;
  guint n_breaks;
  double min;
  double max;
} Classification;

typedef enum
{
  COLUMNS_NONE,
  COLUMNS_LOADING,
  COLUMNS_LOADED,
  COLUMNS_FAILED,
} ColumnsState;

struct _ViewerStyleEditor
{
  GtkPopover parent_instance;

  /* Template widgets */
  GtkDropDown *kind_dropdown;
  GtkLabel *column_label;
  GtkDropDown *column_dropdown;
  GtkLabel *palette_label;
  GtkDropDown *palette_dropdown;
  GtkLabel *classes_label;
  GtkSpinButton *classes_spin;
  GtkLabel *method_label;
  GtkDropDown *method_dropdown;
  GtkLabel *color_label;
  GtkWidget *color_button;
  GtkLabel *size_label;
  GtkSpinButton *size_spin;
  GtkSpinButton *stroke_spin;
  GtkScale *opacity_scale;
  GtkWidget *status_box;
  GtkSpinner *spinner;
  GtkLabel *status_label;
  GtkWidget *cancel_button;
  GtkLabel *error_label;

  /* Owned references */
  CartoLayer *layer;
  SoupSession *session;
  GtkStringList *category_columns;
  GtkStringList *numeric_columns;
  GtkStringList *qualitative_palettes;
  GtkStringList *numeric_palettes;
  GHashTable *classifications;
  GCancellable *columns_cancellable;
  GCancellable *classify_cancellable;

  /* State */
  ColumnsState columns_state;
  gboolean polygons;
  CartoStyleKind kind;
  char *category_column;
  char *numeric_column;
  char *qualitative_palette;
  char *numeric_palette;
  char *pending_key;
  char *error;
  guint apply_source;
  gboolean syncing;
  gboolean applying;
  gboolean classification_dirty;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (ViewerStyleEditor, viewer_style_editor, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_LAYER,
  PROP_SESSION,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a classification asks the layer for. */
typedef enum
{
  CLASSIFY_CATEGORIES,
  CLASSIFY_RANGE,
  CLASSIFY_QUANTILES,
} ClassifyQuery;

typedef struct
{
  ViewerStyleEditor *self;
  char *key;
  ClassifyQuery query;
} ClassifyRequest;

static void schedule_apply (ViewerStyleEditor *self);

/* The column is remembered per list: from bins on a number back to
 * categories, the text column chosen before comes back. */
static char **
column_slot (ViewerStyleEditor *self)
{
  return self->kind == CARTO_STYLE_KIND_COLOR_CATEGORY ? &self->category_column : &self->numeric_column;
}

static const char *
current_column (ViewerStyleEditor *self)
{
  return *column_slot (self);
}

static void
set_current_column (ViewerStyleEditor *self,
                    const char        *column)
{
  char **slot = column_slot (self);

  if (*slot != column)
    {
      g_free (*slot);
      *slot = g_strdup (column);
    }
}

static void
classification_free (gpointer data)
{
  Classification *c = data;

  g_strfreev (c->categories);
  g_free (c->breaks);
  g_free (c);
}

static void
classify_request_free (ClassifyRequest *request)
{
  g_object_unref (request->self);
  g_free (request->key);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClassifyRequest, classify_request_free)

static const char *
kind_name (CartoStyleKind kind)
{
  switch (kind)
    {
    case CARTO_STYLE_KIND_COLOR_CATEGORY:
      return C_("style kind", "Color by category");
    case CARTO_STYLE_KIND_COLOR_BINS:
      return C_("style kind", "Color by bins");
    case CARTO_STYLE_KIND_COLOR_CONTINUOUS:
      return C_("style kind", "Color ramp");
    case CARTO_STYLE_KIND_SIZE_BINS:
      return C_("style kind", "Size by bins");
    case CARTO_STYLE_KIND_SIZE_CONTINUOUS:
      return C_("style kind", "Size ramp");
    case CARTO_STYLE_KIND_SINGLE:
    default:
      return C_("style kind", "Single color");
    }
}

static gboolean
is_bins (CartoStyleKind kind)
{
  return kind == CARTO_STYLE_KIND_COLOR_BINS || kind == CARTO_STYLE_KIND_SIZE_BINS;
}

static gboolean
is_size (CartoStyleKind kind)
{
  return kind == CARTO_STYLE_KIND_SIZE_BINS || kind == CARTO_STYLE_KIND_SIZE_CONTINUOUS;
}

static gboolean
uses_palette (CartoStyleKind kind)
{
  return kind == CARTO_STYLE_KIND_COLOR_CATEGORY || kind == CARTO_STYLE_KIND_COLOR_BINS ||
         kind == CARTO_STYLE_KIND_COLOR_CONTINUOUS;
}

static CartoBinMethod
selected_method (ViewerStyleEditor *self)
{
  return gtk_drop_down_get_selected (self->method_dropdown) == 1 ? CARTO_BIN_METHOD_EQUAL_INTERVALS
                                                                  : CARTO_BIN_METHOD_QUANTILES;
}

static guint
selected_classes (ViewerStyleEditor *self)
{
  return (guint) gtk_spin_button_get_value_as_int (self->classes_spin);
}

/* Where a classification is kept: what it depends on, and nothing else. */
static char *
classification_key (CartoStyleKind  kind,
                    const char     *column,
                    CartoBinMethod  method,
                    guint           n_classes)
{
  if (kind == CARTO_STYLE_KIND_COLOR_CATEGORY)
    return g_strdup_printf ("categories\n%s", column);
  if (is_bins (kind) && method == CARTO_BIN_METHOD_EQUAL_INTERVALS)
    return g_strdup_printf ("equal\n%u\n%s", n_classes, column);
  if (is_bins (kind))
    return g_strdup_printf ("quantiles\n%u\n%s", n_classes, column);
  return g_strdup_printf ("range\n%s", column);
}

static Classification *
lookup_classification (ViewerStyleEditor *self,
                       CartoStyleKind     kind,
                       const char        *column)
{
  CartoBinMethod method = selected_method (self);
  guint n_classes = selected_classes (self);
  g_autofree char *key = classification_key (kind, column, method, n_classes);
  g_autofree char *range_key = NULL;
  Classification *c, *range;

  c = g_hash_table_lookup (self->classifications, key);
  if (c != NULL || !is_bins (kind) || method != CARTO_BIN_METHOD_EQUAL_INTERVALS)
    return c;

  /* Equal intervals need only the range, which ramps share. */
  range_key = classification_key (CARTO_STYLE_KIND_COLOR_CONTINUOUS, column, method, n_classes);
  range = g_hash_table_lookup (self->classifications, range_key);
  if (range == NULL)
    return NULL;

  c = g_new0 (Classification, 1);
  c->min = range->min;
  c->max = range->max;
  if (isfinite (range->min) && isfinite (range->max))
    c->breaks = carto_classify_equal_intervals (range->min, range->max, n_classes, &c->n_breaks);
  else
    c->min = c->max = NAN;
  g_hash_table_insert (self->classifications, g_steal_pointer (&key), c);
  return c;
}

static void
set_error (ViewerStyleEditor *self,
           const char        *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
update_status (ViewerStyleEditor *self)
{
  gboolean loading_columns = self->columns_state == COLUMNS_LOADING;
  gboolean classifying = self->pending_key != NULL;
  gboolean busy = loading_columns || classifying;

  gtk_widget_set_visible (self->status_box, busy);
  gtk_widget_set_visible (self->cancel_button, classifying);
  gtk_spinner_set_spinning (self->spinner, busy);
  if (classifying)
    gtk_label_set_text (self->status_label, _("Computing classes over the whole dataset…"));
  else if (loading_columns)
    gtk_label_set_text (self->status_label, _("Loading columns…"));

  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static void
update_visibility (ViewerStyleEditor *self)
{
  CartoStyleKind kind = self->kind;
  gboolean by_value = kind != CARTO_STYLE_KIND_SINGLE;
  gboolean show_size = is_size (kind) || !self->polygons;

  gtk_widget_set_visible (GTK_WIDGET (self->column_label), by_value);
  gtk_widget_set_visible (GTK_WIDGET (self->column_dropdown), by_value);
  gtk_widget_set_visible (GTK_WIDGET (self->palette_label), uses_palette (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->palette_dropdown), uses_palette (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->classes_label), is_bins (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->classes_spin), is_bins (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->method_label), is_bins (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->method_dropdown), is_bins (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->color_label), !uses_palette (kind));
  gtk_widget_set_visible (self->color_button, !uses_palette (kind));
  gtk_widget_set_visible (GTK_WIDGET (self->size_label), show_size);
  gtk_widget_set_visible (GTK_WIDGET (self->size_spin), show_size);
  gtk_label_set_text_with_mnemonic (self->size_label, is_size (kind) ? _("Largest si_ze") : _("Si_ze"));
}

static guint
find_string (GtkStringList *list,
             const char    *string)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; string != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), string) == 0)
      return i;

  return GTK_INVALID_LIST_POSITION;
}

static const char *
selected_string (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  return item ? gtk_string_object_get_string (item) : NULL;
}

/* Swaps the column and palette lists for the kind, keeping the choices
 * that still fit it. Runs as code, not as a person's choice. */
static void
update_models (ViewerStyleEditor *self)
{
  gboolean categories = self->kind == CARTO_STYLE_KIND_COLOR_CATEGORY;
  GtkStringList *columns = categories ? self->category_columns : self->numeric_columns;
  GtkStringList *palettes = categories ? self->qualitative_palettes : self->numeric_palettes;
  const char *palette = categories ? self->qualitative_palette : self->numeric_palette;
  gboolean was_syncing = self->syncing;
  guint position;

  self->syncing = TRUE;

  if (gtk_drop_down_get_model (self->column_dropdown) != G_LIST_MODEL (columns))
    gtk_drop_down_set_model (self->column_dropdown, G_LIST_MODEL (columns));
  position = find_string (columns, current_column (self));
  if (position == GTK_INVALID_LIST_POSITION && self->columns_state == COLUMNS_LOADED &&
      g_list_model_get_n_items (G_LIST_MODEL (columns)) > 0 && self->kind != CARTO_STYLE_KIND_SINGLE)
    {
      /* The last column does not suit this kind: the first that does. */
      position = 0;
      set_current_column (self, gtk_string_list_get_string (columns, 0));
    }
  gtk_drop_down_set_selected (self->column_dropdown, position);
  gtk_widget_set_sensitive (GTK_WIDGET (self->column_dropdown), self->columns_state == COLUMNS_LOADED);

  if (gtk_drop_down_get_model (self->palette_dropdown) != G_LIST_MODEL (palettes))
    gtk_drop_down_set_model (self->palette_dropdown, G_LIST_MODEL (palettes));
  position = find_string (palettes, palette);
  gtk_drop_down_set_selected (self->palette_dropdown, position == GTK_INVALID_LIST_POSITION ? 0 : position);

  self->syncing = was_syncing;
}

static void
palette_colors (const char   *name,
                guint         n,
                CartoColor   *colors,
                CartoColor   *others)
{
  const CartoPalette *palette = carto_palette_lookup (name);

  g_assert (palette != NULL);
  carto_palette_get_colors (palette, n, colors);
  if (others != NULL)
    carto_palette_get_other_color (palette, others);
}

/* The base symbol the controls describe, over the current style's (so the
 * outline colour, which has no control, is kept). */
static void
read_base (ViewerStyleEditor *self,
           CartoStyle        *current,
           CartoSymbol       *base)
{
  GdkRGBA rgba;

  if (current != NULL)
    *base = *carto_style_get_base (current);
  else
    carto_symbol_init_default (base, CARTO_MVT_GEOM_POINT);

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
  if (!uses_palette (self->kind))
    {
      base->color.red = rgba.red;
      base->color.green = rgba.green;
      base->color.blue = rgba.blue;
      base->color.alpha = 1.0f;
    }
  if (!is_size (self->kind))
    base->size = gtk_spin_button_get_value (self->size_spin);
  base->stroke_width = gtk_spin_button_get_value (self->stroke_spin);
  base->opacity = CLAMP (gtk_range_get_value (GTK_RANGE (self->opacity_scale)), 0.0, 1.0);
}

static CartoStyle *
build_style (ViewerStyleEditor    *self,
             const CartoSymbol    *base,
             const Classification *c)
{
  const char *palette = self->kind == CARTO_STYLE_KIND_COLOR_CATEGORY ? self->qualitative_palette
                                                                       : self->numeric_palette;
  double largest = gtk_spin_button_get_value (self->size_spin);
  double smallest = MAX (1.0, largest / 5);
  g_autofree CartoColor *colors = NULL;
  g_autofree double *sizes = NULL;
  CartoColor others;
  guint n;

  switch (self->kind)
    {
    case CARTO_STYLE_KIND_COLOR_CATEGORY:
      n = c->categories ? g_strv_length (c->categories) : 0;
      colors = g_new0 (CartoColor, MAX (n, 1));
      palette_colors (palette, MAX (n, 1), colors, &others);
      return carto_style_new_color_category (base, current_column (self), (const char *const *) c->categories,
                                             colors, n, &others);

    case CARTO_STYLE_KIND_COLOR_BINS:
      colors = g_new0 (CartoColor, c->n_breaks + 1);
      palette_colors (palette, c->n_breaks + 1, colors, NULL);
      return carto_style_new_color_bins (base, current_column (self), selected_method (self),
                                         c->breaks, c->n_breaks, colors);

    case CARTO_STYLE_KIND_SIZE_BINS:
      sizes = g_new0 (double, c->n_breaks + 1);
      for (guint i = 0; i <= c->n_breaks; i++)
        sizes[i] = c->n_breaks == 0 ? largest : smallest + (largest - smallest) * i / c->n_breaks;
      return carto_style_new_size_bins (base, current_column (self), selected_method (self),
                                        c->breaks, c->n_breaks, sizes);

    case CARTO_STYLE_KIND_COLOR_CONTINUOUS:
      if (!isfinite (c->min) || !isfinite (c->max))
        return NULL;
      n = carto_palette_get_max_colors (carto_palette_lookup (palette));
      colors = g_new0 (CartoColor, n);
      palette_colors (palette, n, colors, NULL);
      return carto_style_new_color_continuous (base, current_column (self), c->min, c->max, colors, n);

    case CARTO_STYLE_KIND_SIZE_CONTINUOUS:
      if (!isfinite (c->min) || !isfinite (c->max))
        return NULL;
      return carto_style_new_size_continuous (base, current_column (self), c->min, c->max, smallest, largest);

    case CARTO_STYLE_KIND_SINGLE:
    default:
      return carto_style_new_single (base);
    }
}

/* The session the layer's queries go through, or NULL with @error set. */
static SoupSession *
require_session (ViewerStyleEditor  *self,
                 GError            **error)
{
  SoupSession *session = self->session;

  if (session == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                         _("The style editor is not connected to the network."));
  return session;
}

static void
classify_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ClassifyRequest) request = user_data;
  ViewerStyleEditor *self = request->self;
  CartoLayer *layer = CARTO_LAYER (source);
  g_autoptr(GError) error = NULL;
  Classification *c;
  gboolean ok;

  c = g_new0 (Classification, 1);
  c->min = c->max = NAN;
  switch (request->query)
    {
    case CLASSIFY_CATEGORIES:
      c->categories = carto_layer_compute_categories_finish (layer, result, NULL, &error);
      ok = c->categories != NULL;
      break;
    case CLASSIFY_RANGE:
      ok = carto_layer_compute_range_finish (layer, result, &c->min, &c->max, &error);
      break;
    case CLASSIFY_QUANTILES:
    default:
      c->breaks = carto_layer_compute_breaks_finish (layer, result, &c->n_breaks, &error);
      ok = c->breaks != NULL;
      break;
    }

  if (!ok)
    g_clear_pointer (&c, classification_free);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Only the newest request may clear the status. */
  if (g_strcmp0 (self->pending_key, request->key) == 0)
    {
      g_clear_pointer (&self->pending_key, g_free);
      g_clear_object (&self->classify_cancellable);
      update_status (self);
    }

  if (c == NULL)
    {
      g_debug ("Classification failed: %s", error->message);
      set_error (self, error->message);
      return;
    }

  g_hash_table_replace (self->classifications, g_strdup (request->key), c);
  schedule_apply (self);
}

static void
start_classify (ViewerStyleEditor *self,
                CartoStyleKind     kind)
{
  CartoBinMethod method = selected_method (self);
  guint n_classes = selected_classes (self);
  const char *column = current_column (self);
  g_autoptr(GError) error = NULL;
  ClassifyRequest *request;
  SoupSession *session;

  request = g_new0 (ClassifyRequest, 1);
  request->self = g_object_ref (self);
  /* Equal intervals come from the range, which ramps share. */
  if (kind == CARTO_STYLE_KIND_COLOR_CATEGORY)
    request->query = CLASSIFY_CATEGORIES;
  else if (!is_bins (kind) || method == CARTO_BIN_METHOD_EQUAL_INTERVALS)
    request->query = CLASSIFY_RANGE;
  else
    request->query = CLASSIFY_QUANTILES;
  request->key = classification_key (request->query == CLASSIFY_RANGE ? CARTO_STYLE_KIND_COLOR_CONTINUOUS : kind,
                                     column, method, n_classes);

  if (g_strcmp0 (self->pending_key, request->key) == 0)
    {
      classify_request_free (request);
      return;
    }

  g_cancellable_cancel (self->classify_cancellable);
  g_clear_object (&self->classify_cancellable);
  g_clear_pointer (&self->pending_key, g_free);

  session = require_session (self, &error);
  if (session == NULL)
    {
      set_error (self, error->message);
      classify_request_free (request);
      update_status (self);
      return;
    }

  set_error (self, NULL);
  self->pending_key = g_strdup (request->key);
  self->classify_cancellable = g_cancellable_new ();
  update_status (self);

  switch (request->query)
    {
    case CLASSIFY_CATEGORIES:
      carto_layer_compute_categories_async (self->layer, session, column, N_CATEGORIES,
                                            self->classify_cancellable, classify_cb, request);
      break;
    case CLASSIFY_RANGE:
      carto_layer_compute_range_async (self->layer, session, column, self->classify_cancellable,
                                       classify_cb, request);
      break;
    case CLASSIFY_QUANTILES:
    default:
      carto_layer_compute_breaks_async (self->layer, session, column, CARTO_BIN_METHOD_QUANTILES, n_classes,
                                        self->classify_cancellable, classify_cb, request);
      break;
    }
}

static void
apply (ViewerStyleEditor *self)
{
  CartoStyle *current = carto_layer_get_style (self->layer);
  g_autoptr(CartoStyle) style = NULL;
  Classification *c;
  CartoSymbol base;

  read_base (self, current, &base);

  if (!self->classification_dirty && current != NULL && carto_style_get_kind (current) == self->kind)
    {
      /* Same classification, another symbol: no query, same breaks. */
      style = carto_style_copy_with_base (current, &base);
    }
  else if (self->kind == CARTO_STYLE_KIND_SINGLE)
    {
      style = carto_style_new_single (&base);
    }
  else
    {
      if (current_column (self) == NULL)
        {
          if (self->columns_state == COLUMNS_LOADED)
            set_error (self, _("This layer has no column to style by."));
          /* Otherwise the columns arrive and apply again. */
          return;
        }

      c = lookup_classification (self, self->kind, current_column (self));
      if (c == NULL)
        {
          start_classify (self, self->kind);
          return;
        }

      style = build_style (self, &base, c);
      if (style == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The column “%s” has no values to style by."),
                                                       current_column (self));

          set_error (self, message);
          return;
        }
    }

  /* This choice replaces any classification still being computed. */
  if (self->pending_key != NULL)
    {
      g_cancellable_cancel (self->classify_cancellable);
      g_clear_object (&self->classify_cancellable);
      g_clear_pointer (&self->pending_key, g_free);
      update_status (self);
    }

  set_error (self, NULL);
  self->classification_dirty = FALSE;
  self->applying = TRUE;
  carto_layer_set_style (self->layer, style);
  self->applying = FALSE;
}

static gboolean
apply_cb (gpointer user_data)
{
  ViewerStyleEditor *self = user_data;

  self->apply_source = 0;
  apply (self);
  return G_SOURCE_REMOVE;
}

/* Changes made in one go (a kind and its column) make one style. */
static void
schedule_apply (ViewerStyleEditor *self)
{
  if (self->syncing || self->apply_source != 0)
    return;

  self->apply_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_cb, self, NULL);
}

static gboolean
colors_match (const char       *palette_name,
              const CartoColor *colors,
              guint             n_colors)
{
  g_autofree CartoColor *expected = g_new0 (CartoColor, MAX (n_colors, 1));

  if (n_colors == 0)
    return FALSE;

  palette_colors (palette_name, n_colors, expected, NULL);
  for (guint i = 0; i < n_colors; i++)
    if (!carto_color_equal (&expected[i], &colors[i]))
      return FALSE;

  return TRUE;
}

/* The palette a style's colours came from, when one of ours matches. */
static void
match_palette (ViewerStyleEditor *self,
               CartoStyle        *style)
{
  gboolean categories = carto_style_get_kind (style) == CARTO_STYLE_KIND_COLOR_CATEGORY;
  GtkStringList *list = categories ? self->qualitative_palettes : self->numeric_palettes;
  guint n_colors = 0;
  const CartoColor *colors = carto_style_get_colors (style, &n_colors);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      const char *name = gtk_string_list_get_string (list, i);

      if (colors_match (name, colors, n_colors))
        {
          char **target = categories ? &self->qualitative_palette : &self->numeric_palette;

          g_free (*target);
          *target = g_strdup (name);
          return;
        }
    }
}

/* Keeps what a style already holds, so editing it never queries again. */
static void
seed_classification (ViewerStyleEditor *self,
                     CartoStyle        *style)
{
  CartoStyleKind kind = carto_style_get_kind (style);
  const char *column = carto_style_get_property_name (style);
  CartoBinMethod method = carto_style_get_bin_method (style);
  Classification *c;
  const double *breaks;
  guint n_breaks = 0;

  if (column == NULL || kind == CARTO_STYLE_KIND_SINGLE)
    return;
  if (method == CARTO_BIN_METHOD_MANUAL)
    method = CARTO_BIN_METHOD_QUANTILES;

  c = g_new0 (Classification, 1);
  c->min = c->max = NAN;
  if (kind == CARTO_STYLE_KIND_COLOR_CATEGORY)
    {
      c->categories = g_strdupv ((char **) carto_style_get_categories (style));
    }
  else if (is_bins (kind))
    {
      breaks = carto_style_get_breaks (style, &n_breaks);
      c->breaks = g_memdup2 (breaks, sizeof (double) * MAX (n_breaks, 1));
      c->n_breaks = n_breaks;
    }
  else
    {
      carto_style_get_range (style, &c->min, &c->max);
    }

  g_hash_table_replace (self->classifications,
                        classification_key (kind, column, method, selected_classes (self)), c);
}

static void
set_color_button (ViewerStyleEditor *self,
                  const CartoColor  *color)
{
  GdkRGBA rgba = { color->red, color->green, color->blue, 1.0f };

  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
}

/* Shows the layer's style in the controls, without applying anything. */
static void
sync_from_style (ViewerStyleEditor *self)
{
  CartoStyle *style = carto_layer_get_style (self->layer);
  const CartoSymbol *base;
  guint n_breaks = 0, n_sizes = 0;
  const double *sizes;

  if (style == NULL)
    return;

  g_clear_handle_id (&self->apply_source, g_source_remove);
  self->syncing = TRUE;

  self->kind = carto_style_get_kind (style);
  gtk_drop_down_set_selected (self->kind_dropdown, self->kind);

  base = carto_style_get_base (style);
  set_color_button (self, &base->color);
  gtk_spin_button_set_value (self->stroke_spin, base->stroke_width);
  gtk_range_set_value (GTK_RANGE (self->opacity_scale), base->opacity);
  sizes = carto_style_get_sizes (style, &n_sizes);
  gtk_spin_button_set_value (self->size_spin, is_size (self->kind) && n_sizes > 0 ? sizes[n_sizes - 1] : base->size);

  if (carto_style_get_property_name (style) != NULL)
    set_current_column (self, carto_style_get_property_name (style));

  if (is_bins (self->kind))
    {
      carto_style_get_breaks (style, &n_breaks);
      gtk_spin_button_set_value (self->classes_spin, n_breaks + 1);
      gtk_drop_down_set_selected (self->method_dropdown,
                                  carto_style_get_bin_method (style) == CARTO_BIN_METHOD_EQUAL_INTERVALS ? 1 : 0);
    }
  if (uses_palette (self->kind))
    match_palette (self, style);
  seed_classification (self, style);

  update_models (self);
  update_visibility (self);
  self->classification_dirty = FALSE;
  self->syncing = FALSE;
}

static void
columns_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ViewerStyleEditor) self = user_data;
  g_autoptr(GListModel) fields = NULL;
  g_autoptr(GPtrArray) numbers = NULL;
  g_autoptr(GError) error = NULL;

  fields = carto_layer_list_columns_finish (CARTO_LAYER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->columns_cancellable);
  if (fields == NULL)
    {
      g_debug ("Could not list the columns: %s", error->message);
      self->columns_state = COLUMNS_FAILED;
      set_error (self, error->message);
      update_status (self);
      update_models (self);
      return;
    }

  /* Names stay alive with @fields. */
  numbers = g_ptr_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(CartoSqlField) field = g_list_model_get_item (fields, i);
      const char *name = carto_sql_field_get_name (field);
      const char *wkbtype = carto_sql_field_get_wkbtype (field);

      if (g_str_equal (name, "the_geom") && wkbtype != NULL)
        self->polygons = strstr (wkbtype, "Polygon") != NULL;
      if (g_str_equal (name, "cartodb_id") || g_str_equal (name, "the_geom") ||
          g_str_equal (name, "the_geom_webmercator"))
        continue;

      switch (carto_sql_field_get_field_type (field))
        {
        case CARTO_SQL_FIELD_TYPE_NUMBER:
          g_ptr_array_add (numbers, (gpointer) name);
          break;
        case CARTO_SQL_FIELD_TYPE_STRING:
        case CARTO_SQL_FIELD_TYPE_BOOLEAN:
          gtk_string_list_append (self->category_columns, name);
          break;
        case CARTO_SQL_FIELD_TYPE_OTHER:
        case CARTO_SQL_FIELD_TYPE_DATE:
        case CARTO_SQL_FIELD_TYPE_GEOMETRY:
        default:
          break;
        }
    }

  /* Categories are mostly text: numbers come last in their list. */
  for (guint i = 0; i < numbers->len; i++)
    {
      gtk_string_list_append (self->numeric_columns, g_ptr_array_index (numbers, i));
      gtk_string_list_append (self->category_columns, g_ptr_array_index (numbers, i));
    }

  self->columns_state = COLUMNS_LOADED;
  update_status (self);
  update_models (self);
  update_visibility (self);

  /* A kind chosen while the columns loaded gets its column now. */
  if (self->classification_dirty)
    schedule_apply (self);
}

static void
load_columns (ViewerStyleEditor *self)
{
  g_autoptr(GError) error = NULL;
  SoupSession *session;

  if (self->columns_state == COLUMNS_LOADING || self->columns_state == COLUMNS_LOADED)
    return;

  session = require_session (self, &error);
  if (session == NULL)
    {
      self->columns_state = COLUMNS_FAILED;
      set_error (self, error->message);
      return;
    }

  set_error (self, NULL);
  self->columns_state = COLUMNS_LOADING;
  self->columns_cancellable = g_cancellable_new ();
  update_status (self);
  update_models (self);
  carto_layer_list_columns_async (self->layer, session, self->columns_cancellable, columns_cb, g_object_ref (self));
}

/* A new Source or account: columns and classes may all differ. */
static void
forget_source (ViewerStyleEditor *self)
{
  g_cancellable_cancel (self->columns_cancellable);
  g_clear_object (&self->columns_cancellable);
  g_cancellable_cancel (self->classify_cancellable);
  g_clear_object (&self->classify_cancellable);
  g_clear_pointer (&self->pending_key, g_free);
  g_hash_table_remove_all (self->classifications);
  gtk_string_list_splice (self->category_columns, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->category_columns)), NULL);
  gtk_string_list_splice (self->numeric_columns, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->numeric_columns)), NULL);
  self->columns_state = COLUMNS_NONE;
  self->polygons = FALSE;
  set_error (self, NULL);
  update_status (self);

  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      sync_from_style (self);
      load_columns (self);
    }
}

static void
draw_palette_cb (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  const CartoPalette *palette = g_object_get_data (G_OBJECT (area), "palette");
  CartoColor colors[8];
  guint n;

  if (palette == NULL)
    return;

  n = MIN (carto_palette_get_max_colors (palette), G_N_ELEMENTS (colors));
  carto_palette_get_colors (palette, n, colors);

  /* Rounded strip, like the colour swatches elsewhere in GNOME. */
  cairo_new_sub_path (cr);
  cairo_arc (cr, width - 3, 3, 3, -G_PI / 2, 0);
  cairo_arc (cr, width - 3, height - 3, 3, 0, G_PI / 2);
  cairo_arc (cr, 3, height - 3, 3, G_PI / 2, G_PI);
  cairo_arc (cr, 3, 3, 3, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_clip (cr);

  for (guint i = 0; i < n; i++)
    {
      double x0 = floor ((double) width * i / n);
      double x1 = floor ((double) width * (i + 1) / n);

      cairo_set_source_rgb (cr, colors[i].red, colors[i].green, colors[i].blue);
      cairo_rectangle (cr, x0, 0, x1 - x0, height);
      cairo_fill (cr);
    }
}

static void
palette_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *strip = gtk_drawing_area_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (strip), 64);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (strip), 14);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (strip), draw_palette_cb, NULL, NULL);
  gtk_widget_set_valign (strip, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), strip);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
palette_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *strip = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (strip);
  const char *name = gtk_string_object_get_string (gtk_list_item_get_item (item));

  g_object_set_data (G_OBJECT (strip), "palette", (gpointer) carto_palette_lookup (name));
  gtk_label_set_text (GTK_LABEL (label), name);
  gtk_widget_queue_draw (strip);
}

static char *
format_percent_cb (GtkScale *scale,
                   double    value,
                   gpointer  user_data)
{
  return viewer_format_percent (value);
}

static void
on_kind_selected_cb (ViewerStyleEditor *self)
{
  CartoStyleKind kind = gtk_drop_down_get_selected (self->kind_dropdown);
  CartoStyleKind previous = self->kind;
  double size;

  if (self->syncing || kind == previous || kind > CARTO_STYLE_KIND_SIZE_CONTINUOUS)
    return;

  self->kind = kind;

  /* Sizes that read well for the new kind, when the old one's would not. */
  size = gtk_spin_button_get_value (self->size_spin);
  self->syncing = TRUE;
  if (is_size (kind) && !is_size (previous) && size < SIZE_KIND_DEFAULT)
    gtk_spin_button_set_value (self->size_spin, SIZE_KIND_DEFAULT);
  else if (!is_size (kind) && is_size (previous) && size > SINGLE_DEFAULT_SIZE * 2)
    gtk_spin_button_set_value (self->size_spin, SINGLE_DEFAULT_SIZE);
  self->syncing = FALSE;

  update_models (self);
  update_visibility (self);
  self->classification_dirty = TRUE;
  schedule_apply (self);
}

static void
on_column_selected_cb (ViewerStyleEditor *self)
{
  const char *column = selected_string (self->column_dropdown);

  if (self->syncing || column == NULL || g_strcmp0 (column, current_column (self)) == 0)
    return;

  set_current_column (self, column);
  self->classification_dirty = TRUE;
  schedule_apply (self);
}

static void
on_palette_selected_cb (ViewerStyleEditor *self)
{
  const char *palette = selected_string (self->palette_dropdown);
  char **target;

  if (self->syncing || palette == NULL)
    return;

  target = self->kind == CARTO_STYLE_KIND_COLOR_CATEGORY ? &self->qualitative_palette : &self->numeric_palette;
  if (g_strcmp0 (*target, palette) == 0)
    return;

  g_free (*target);
  *target = g_strdup (palette);
  self->classification_dirty = TRUE;
  schedule_apply (self);
}

static void
on_classes_changed_cb (ViewerStyleEditor *self)
{
  if (self->syncing)
    return;

  self->classification_dirty = TRUE;
  schedule_apply (self);
}

static void
on_size_changed_cb (ViewerStyleEditor *self)
{
  if (self->syncing)
    return;

  /* A size style's sizes are part of its classification. */
  if (is_size (self->kind))
    self->classification_dirty = TRUE;
  schedule_apply (self);
}

static void
on_symbol_changed_cb (ViewerStyleEditor *self)
{
  schedule_apply (self);
}

static void
on_cancel_clicked_cb (ViewerStyleEditor *self)
{
  g_cancellable_cancel (self->classify_cancellable);
  g_clear_object (&self->classify_cancellable);
  g_clear_pointer (&self->pending_key, g_free);
  update_status (self);
}

static void
on_layer_notify_cb (CartoLayer        *layer,
                    GParamSpec        *pspec,
                    ViewerStyleEditor *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "style"))
    {
      /* Someone else restyled the layer: show theirs. */
      if (!self->applying && self->apply_source == 0 && self->pending_key == NULL)
        sync_from_style (self);
    }
  else if (g_str_equal (name, "source") || g_str_equal (name, "effective-credentials"))
    {
      forget_source (self);
    }
}

static void
viewer_style_editor_show (GtkWidget *widget)
{
  ViewerStyleEditor *self = VIEWER_STYLE_EDITOR (widget);

  if (self->pending_key == NULL && self->apply_source == 0)
    sync_from_style (self);

  GTK_WIDGET_CLASS (viewer_style_editor_parent_class)->show (widget);

  load_columns (self);
}

static void
viewer_style_editor_dispose (GObject *object)
{
  ViewerStyleEditor *self = VIEWER_STYLE_EDITOR (object);

  g_cancellable_cancel (self->columns_cancellable);
  g_clear_object (&self->columns_cancellable);
  g_cancellable_cancel (self->classify_cancellable);
  g_clear_object (&self->classify_cancellable);
  g_clear_handle_id (&self->apply_source, g_source_remove);
  if (self->layer != NULL)
    g_signal_handlers_disconnect_by_data (self->layer, self);
  g_clear_object (&self->layer);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_STYLE_EDITOR);

  G_OBJECT_CLASS (viewer_style_editor_parent_class)->dispose (object);
}

static void
viewer_style_editor_finalize (GObject *object)
{
  ViewerStyleEditor *self = VIEWER_STYLE_EDITOR (object);

  g_clear_object (&self->category_columns);
  g_clear_object (&self->numeric_columns);
  g_clear_object (&self->qualitative_palettes);
  g_clear_object (&self->numeric_palettes);
  g_clear_pointer (&self->classifications, g_hash_table_unref);
  g_free (self->category_column);
  g_free (self->numeric_column);
  g_free (self->qualitative_palette);
  g_free (self->numeric_palette);
  g_free (self->pending_key);
  g_free (self->error);

  G_OBJECT_CLASS (viewer_style_editor_parent_class)->finalize (object);
}

static void
viewer_style_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ViewerStyleEditor *self = VIEWER_STYLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      g_value_set_object (value, self->layer);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_style_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ViewerStyleEditor *self = VIEWER_STYLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      self->layer = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      viewer_style_editor_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_style_editor_constructed (GObject *object)
{
  ViewerStyleEditor *self = VIEWER_STYLE_EDITOR (object);

  G_OBJECT_CLASS (viewer_style_editor_parent_class)->constructed (object);

  g_assert (CARTO_IS_LAYER (self->layer));
  g_signal_connect (self->layer, "notify", G_CALLBACK (on_layer_notify_cb), self);
  sync_from_style (self);
}

static void
viewer_style_editor_class_init (ViewerStyleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = viewer_style_editor_constructed;
  object_class->dispose = viewer_style_editor_dispose;
  object_class->finalize = viewer_style_editor_finalize;
  object_class->get_property = viewer_style_editor_get_property;
  object_class->set_property = viewer_style_editor_set_property;
  widget_class->show = viewer_style_editor_show;

  /**
   * ViewerStyleEditor:layer:
   *
   * The layer whose style is edited.
   */
  properties[PROP_LAYER] =
    g_param_spec_object ("layer", NULL, NULL, CARTO_TYPE_LAYER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerStyleEditor:session:
   *
   * The session for SQL API queries, set by the editor's owner.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerStyleEditor:busy:
   *
   * Whether columns or classes are being fetched.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-style-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, column_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, column_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, palette_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, palette_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, classes_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, classes_spin);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, method_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, method_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, color_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, color_button);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, size_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, size_spin);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, stroke_spin);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, opacity_scale);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, status_box);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ViewerStyleEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
}

static void
viewer_style_editor_init (ViewerStyleEditor *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->classifications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, classification_free);
  self->category_columns = gtk_string_list_new (NULL);
  self->numeric_columns = gtk_string_list_new (NULL);
  self->qualitative_palettes = gtk_string_list_new (NULL);
  self->numeric_palettes = gtk_string_list_new (NULL);
  self->qualitative_palette = g_strdup (DEFAULT_QUALITATIVE);
  self->numeric_palette = g_strdup (DEFAULT_NUMERIC);

  /* Sequential palettes first: most numbers grow from low to high. */
  for (guint i = 0; i < carto_palette_get_n_palettes (); i++)
    {
      const CartoPalette *palette = carto_palette_get_nth (i);

      if (carto_palette_get_kind (palette) == CARTO_PALETTE_KIND_QUALITATIVE)
        gtk_string_list_append (self->qualitative_palettes, carto_palette_get_name (palette));
      else if (carto_palette_get_kind (palette) == CARTO_PALETTE_KIND_SEQUENTIAL)
        gtk_string_list_append (self->numeric_palettes, carto_palette_get_name (palette));
    }
  for (guint i = 0; i < carto_palette_get_n_palettes (); i++)
    {
      const CartoPalette *palette = carto_palette_get_nth (i);

      if (carto_palette_get_kind (palette) == CARTO_PALETTE_KIND_DIVERGING)
        gtk_string_list_append (self->numeric_palettes, carto_palette_get_name (palette));
    }

  g_signal_connect (factory, "setup", G_CALLBACK (palette_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (palette_bind_cb), NULL);
  gtk_drop_down_set_factory (self->palette_dropdown, factory);

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->column_dropdown, expression);

  gtk_scale_set_format_value_func (self->opacity_scale, format_percent_cb, NULL, NULL);

  update_models (self);
  update_visibility (self);
  update_status (self);

  g_signal_connect_swapped (self->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_selected_cb), self);
  g_signal_connect_swapped (self->column_dropdown, "notify::selected", G_CALLBACK (on_column_selected_cb), self);
  g_signal_connect_swapped (self->palette_dropdown, "notify::selected", G_CALLBACK (on_palette_selected_cb), self);
  g_signal_connect_swapped (self->classes_spin, "value-changed", G_CALLBACK (on_classes_changed_cb), self);
  g_signal_connect_swapped (self->method_dropdown, "notify::selected", G_CALLBACK (on_classes_changed_cb), self);
  g_signal_connect_swapped (self->color_button, "color-set", G_CALLBACK (on_symbol_changed_cb), self);
  g_signal_connect_swapped (self->size_spin, "value-changed", G_CALLBACK (on_size_changed_cb), self);
  g_signal_connect_swapped (self->stroke_spin, "value-changed", G_CALLBACK (on_symbol_changed_cb), self);
  g_signal_connect_swapped (self->opacity_scale, "value-changed", G_CALLBACK (on_symbol_changed_cb), self);
}

/**
 * viewer_style_editor_new:
 * @layer: the layer to style
 *
 * The editor loads the layer's columns when first shown, through the SQL
 * API with the layer's account and the session of
 * viewer_style_editor_set_session().
 *
 * Returns: (transfer full): a popover editing @layer's style
 */
ViewerStyleEditor *
viewer_style_editor_new (CartoLayer *layer)
{
  g_return_val_if_fail (CARTO_IS_LAYER (layer), NULL);

  return g_object_new (VIEWER_TYPE_STYLE_EDITOR, "layer", layer, NULL);
}

/**
 * viewer_style_editor_get_layer:
 * @self: an editor
 *
 * Returns: (transfer none): the layer it edits
 */
CartoLayer *
viewer_style_editor_get_layer (ViewerStyleEditor *self)
{
  g_return_val_if_fail (VIEWER_IS_STYLE_EDITOR (self), NULL);

  return self->layer;
}

/**
 * viewer_style_editor_get_session:
 * @self: an editor
 *
 * Returns: (transfer none) (nullable): the session set for its queries
 */
SoupSession *
viewer_style_editor_get_session (ViewerStyleEditor *self)
{
  g_return_val_if_fail (VIEWER_IS_STYLE_EDITOR (self), NULL);

  return self->session;
}

/**
 * viewer_style_editor_set_session:
 * @self: an editor
 * @session: (nullable): the session for its queries
 */
void
viewer_style_editor_set_session (ViewerStyleEditor *self,
                                 SoupSession       *session)
{
  g_return_if_fail (VIEWER_IS_STYLE_EDITOR (self));
  g_return_if_fail (session == NULL || SOUP_IS_SESSION (session));

  if (g_set_object (&self->session, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * viewer_style_editor_get_busy:
 * @self: an editor
 *
 * Returns: whether columns or classes are being fetched
 */
gboolean
viewer_style_editor_get_busy (ViewerStyleEditor *self)
{
  g_return_val_if_fail (VIEWER_IS_STYLE_EDITOR (self), FALSE);

  return self->busy;
}

/**
 * viewer_style_editor_get_error:
 * @self: an editor
 *
 * Returns: (nullable): the message shown for the last failure, if any
 */
const char *
viewer_style_editor_get_error (ViewerStyleEditor *self)
{
  g_return_val_if_fail (VIEWER_IS_STYLE_EDITOR (self), NULL);

  return self->error;
}

/**
 * viewer_style_editor_set_kind:
 * @self: an editor
 * @kind: the kind of style
 *
 * Chooses @kind as a person would in the Style list: the style follows.
 */
void
viewer_style_editor_set_kind (ViewerStyleEditor *self,
                              CartoStyleKind     kind)
{
  g_return_if_fail (VIEWER_IS_STYLE_EDITOR (self));
  g_return_if_fail (kind <= CARTO_STYLE_KIND_SIZE_CONTINUOUS);

  gtk_drop_down_set_selected (self->kind_dropdown, kind);
}

/**
 * viewer_style_editor_set_column:
 * @self: an editor
 * @column: a column of the layer's source
 *
 * Chooses @column in the Column list, which holds the columns that suit
 * the kind once they are loaded.
 *
 * Returns: whether the list offers @column
 */
gboolean
viewer_style_editor_set_column (ViewerStyleEditor *self,
                                const char        *column)
{
  GListModel *model;
  guint position;

  g_return_val_if_fail (VIEWER_IS_STYLE_EDITOR (self), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  model = gtk_drop_down_get_model (self->column_dropdown);
  position = model ? find_string (GTK_STRING_LIST (model), column) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_drop_down_set_selected (self->column_dropdown, position);
  return TRUE;
}

/**
 * viewer_style_editor_set_palette:
 * @self: an editor
 * @palette: a CARTOColors palette name
 *
 * Chooses @palette in the Palette list (qualitative palettes for
 * categories, sequential and diverging ones for numbers).
 *
 * Returns: whether the list offers @palette
 */
gboolean
viewer_style_editor_set_palette (ViewerStyleEditor *self,
                                 const char        *palette)
{
  GListModel *model;
  guint position;

  g_return_val_if_fail (VIEWER_IS_STYLE_EDITOR (self), FALSE);
  g_return_val_if_fail (palette != NULL, FALSE);

  model = gtk_drop_down_get_model (self->palette_dropdown);
  position = model ? find_string (GTK_STRING_LIST (model), palette) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  gtk_drop_down_set_selected (self->palette_dropdown, position);
  return TRUE;
}

/**
 * viewer_style_editor_set_classes:
 * @self: an editor
 * @n_classes: the number of classes, 3 to 7
 * @method: %CARTO_BIN_METHOD_QUANTILES or %CARTO_BIN_METHOD_EQUAL_INTERVALS
 *
 * Sets the Classes and Method controls of bins styles.
 */
void
viewer_style_editor_set_classes (ViewerStyleEditor *self,
                                 guint              n_classes,
                                 CartoBinMethod     method)
{
  g_return_if_fail (VIEWER_IS_STYLE_EDITOR (self));
  g_return_if_fail (n_classes >= 3 && n_classes <= 7);
  g_return_if_fail (method == CARTO_BIN_METHOD_QUANTILES || method == CARTO_BIN_METHOD_EQUAL_INTERVALS);

  gtk_spin_button_set_value (self->classes_spin, n_classes);
  gtk_drop_down_set_selected (self->method_dropdown, method == CARTO_BIN_METHOD_EQUAL_INTERVALS ? 1 : 0);
}

/**
 * viewer_style_dup_description:
 * @style: a style
 *
 * Returns: (transfer full): a short description for a list row, such as
 *   “Color by category · continent”
 */
char *
viewer_style_dup_description (CartoStyle *style)
{
  const char *column;

  g_return_val_if_fail (CARTO_IS_STYLE (style), NULL);

  column = carto_style_get_property_name (style);
  if (column == NULL || carto_style_get_kind (style) == CARTO_STYLE_KIND_SINGLE)
    return g_strdup (kind_name (carto_style_get_kind (style)));

  /* Translators: a style's kind, then the column it styles by */
  return g_strdup_printf (_("%s · %s"), kind_name (carto_style_get_kind (style)), column);
}
