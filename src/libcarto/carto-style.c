/* carto-style.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Styles are immutable: a change in the editor makes a new style, so a
 * render thread can hold one without locks, and "did the style change"
 * is a pointer comparison or carto_style_equal().
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "carto-legend-private.h"
#include "carto-number.h"
#include "carto-style-private.h"

struct _CartoStyle
{
  GObject parent_instance;

  CartoStyleKind kind;
  char *property;             /* NULL for single styles */
  CartoSymbol base;
  CartoColor others_color;

  CartoBinMethod method;      /* bins */
  double *breaks;
  guint n_breaks;

  char **categories;          /* color-category, NULL-terminated */
  GHashTable *category_index; /* category → index + 1 */

  CartoColor *colors;         /* per category, per bin, or ramp stops */
  guint n_colors;

  double *sizes;              /* per bin, or {min size, max size} */
  guint n_sizes;

  double min;                 /* continuous value range */
  double max;

  char **columns;
  CartoLegend *legend;
};

G_DEFINE_FINAL_TYPE (CartoStyle, carto_style, G_TYPE_OBJECT)

G_DEFINE_QUARK (carto-style-error-quark, carto_style_error)

/* CARTO's neutral grey for "other" and missing values. */
#define OTHERS_RGB 0xa5aa99

static const char *const kind_names[] = {
  [CARTO_STYLE_KIND_SINGLE] = "single",
  [CARTO_STYLE_KIND_COLOR_CATEGORY] = "color-category",
  [CARTO_STYLE_KIND_COLOR_BINS] = "color-bins",
  [CARTO_STYLE_KIND_COLOR_CONTINUOUS] = "color-continuous",
  [CARTO_STYLE_KIND_SIZE_BINS] = "size-bins",
  [CARTO_STYLE_KIND_SIZE_CONTINUOUS] = "size-continuous",
};

static const char *const method_names[] = {
  [CARTO_BIN_METHOD_QUANTILES] = "quantiles",
  [CARTO_BIN_METHOD_EQUAL_INTERVALS] = "equal-intervals",
  [CARTO_BIN_METHOD_MANUAL] = "manual",
};

static gboolean
is_bins (CartoStyleKind kind)
{
  return kind == CARTO_STYLE_KIND_COLOR_BINS || kind == CARTO_STYLE_KIND_SIZE_BINS;
}

static gboolean
breaks_valid (const double *breaks,
              guint         n_breaks)
{
  for (guint i = 0; i < n_breaks; i++)
    if (!isfinite (breaks[i]) || (i > 0 && breaks[i] <= breaks[i - 1]))
      return FALSE;

  return TRUE;
}

static gboolean
symbol_valid (const CartoSymbol *symbol)
{
  return isfinite (symbol->size) && symbol->size >= 0 && symbol->size <= CARTO_SYMBOL_MAX_SIZE &&
         isfinite (symbol->stroke_width) && symbol->stroke_width >= 0 &&
         symbol->stroke_width <= CARTO_SYMBOL_MAX_STROKE_WIDTH &&
         symbol->opacity >= 0 && symbol->opacity <= 1;
}

static CartoStyle *
style_new (CartoStyleKind     kind,
           const CartoSymbol *base,
           const char        *property)
{
  CartoStyle *self = g_object_new (CARTO_TYPE_STYLE, NULL);

  self->kind = kind;
  self->property = g_strdup (property);
  if (base != NULL)
    self->base = *base;
  else
    carto_symbol_init_default (&self->base, CARTO_MVT_GEOM_POINT);
  carto_color_init_rgb (&self->others_color, OTHERS_RGB);

  return self;
}

/* Numbers as a legend shows them: whole from a thousand up, digits
 * grouped and no exponents; a few significant digits for small reals. */
static char *
format_number (double value)
{
  if ((value == floor (value) || fabs (value) >= 1000) && fabs (value) < 1e18)
    return carto_number_format_integer ((gint64) round (value));

  return g_strdup_printf ("%.4g", value);
}

static void
build_legend (CartoStyle *self)
{
  CartoSymbol symbol = self->base;

  switch (self->kind)
    {
    case CARTO_STYLE_KIND_SINGLE:
      self->legend = carto_legend_new (CARTO_LEGEND_KIND_SINGLE, NULL);
      carto_legend_add_entry (self->legend, g_strdup (""), &symbol);
      break;

    case CARTO_STYLE_KIND_COLOR_CATEGORY:
      self->legend = carto_legend_new (CARTO_LEGEND_KIND_CATEGORY, self->property);
      for (guint i = 0; i < self->n_colors; i++)
        {
          symbol.color = self->colors[i];
          carto_legend_add_entry (self->legend, g_strdup (self->categories[i]), &symbol);
        }
      symbol.color = self->others_color;
      carto_legend_add_entry (self->legend, g_strdup (C_("legend", "Others")), &symbol);
      break;

    case CARTO_STYLE_KIND_COLOR_BINS:
    case CARTO_STYLE_KIND_SIZE_BINS:
      self->legend = carto_legend_new (CARTO_LEGEND_KIND_BINS, self->property);
      for (guint i = 0; i <= self->n_breaks; i++)
        {
          g_autofree char *lo = i > 0 ? format_number (self->breaks[i - 1]) : NULL;
          g_autofree char *hi = i < self->n_breaks ? format_number (self->breaks[i]) : NULL;
          char *label;

          /* Classes include their upper break: (lo, hi]. */
          if (lo == NULL && hi == NULL)
            label = g_strdup (C_("legend", "All"));
          else if (lo == NULL)
            label = g_strdup_printf (C_("legend", "≤ %s"), hi);
          else if (hi == NULL)
            label = g_strdup_printf (C_("legend", "> %s"), lo);
          else
            label = g_strdup_printf (C_("legend range", "%s – %s"), lo, hi);

          if (self->kind == CARTO_STYLE_KIND_COLOR_BINS)
            symbol.color = self->colors[i];
          else
            symbol.size = self->sizes[i];
          carto_legend_add_entry (self->legend, label, &symbol);
        }
      break;

    case CARTO_STYLE_KIND_COLOR_CONTINUOUS:
      self->legend = carto_legend_new (CARTO_LEGEND_KIND_COLOR_RAMP, self->property);
      for (guint i = 0; i < self->n_colors; i++)
        {
          double value = self->min + (self->max - self->min) * i / (self->n_colors - 1);

          symbol.color = self->colors[i];
          carto_legend_add_entry (self->legend, format_number (value), &symbol);
        }
      break;

    case CARTO_STYLE_KIND_SIZE_CONTINUOUS:
      self->legend = carto_legend_new (CARTO_LEGEND_KIND_SIZE_RAMP, self->property);
      symbol.size = self->sizes[0];
      carto_legend_add_entry (self->legend, format_number (self->min), &symbol);
      symbol.size = self->sizes[1];
      carto_legend_add_entry (self->legend, format_number (self->max), &symbol);
      break;

    default:
      g_assert_not_reached ();
    }
}

static CartoStyle *
style_finish (CartoStyle *self)
{
  GStrvBuilder *columns = g_strv_builder_new ();

  if (self->property != NULL)
    g_strv_builder_add (columns, self->property);
  self->columns = g_strv_builder_end (columns);
  g_strv_builder_unref (columns);

  if (self->categories != NULL)
    {
      self->category_index = g_hash_table_new (g_str_hash, g_str_equal);
      /* The first occurrence wins, as in the legend's order. */
      for (guint i = self->n_colors; i-- > 0;)
        g_hash_table_insert (self->category_index, self->categories[i], GUINT_TO_POINTER (i + 1));
    }

  build_legend (self);
  return self;
}

static void
carto_style_finalize (GObject *object)
{
  CartoStyle *self = CARTO_STYLE (object);

  g_free (self->property);
  g_free (self->breaks);
  g_strfreev (self->categories);
  g_clear_pointer (&self->category_index, g_hash_table_unref);
  g_free (self->colors);
  g_free (self->sizes);
  g_strfreev (self->columns);
  g_clear_pointer (&self->legend, carto_legend_unref);

  G_OBJECT_CLASS (carto_style_parent_class)->finalize (object);
}

static void
carto_style_class_init (CartoStyleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carto_style_finalize;
}

static void
carto_style_init (CartoStyle *self)
{
}

/**
 * carto_style_new_single:
 * @base: (nullable): the symbol for every feature; %NULL for the point
 *   default of carto_symbol_init_default()
 *
 * Returns: (transfer full): a style drawing every feature alike
 */
CartoStyle *
carto_style_new_single (const CartoSymbol *base)
{
  g_return_val_if_fail (base == NULL || symbol_valid (base), NULL);

  return style_finish (style_new (CARTO_STYLE_KIND_SINGLE, base, NULL));
}

/**
 * carto_style_new_color_category:
 * @base: (nullable): the symbol whose colour is replaced
 * @property: the property to classify by
 * @categories: (array length=n_categories): the categories, as
 *   carto_mvt_value_to_string() writes values (and PostgreSQL's `::text`)
 * @colors: (array length=n_categories): a colour per category
 * @n_categories: how many categories; CARTO's default is the 10 most common
 * @others_color: (nullable): for values outside @categories and missing
 *   values; %NULL for CARTO's grey `#a5aa99`
 *
 * Returns: (transfer full): a style colouring features by category
 */
CartoStyle *
carto_style_new_color_category (const CartoSymbol *base,
                                const char        *property,
                                const char *const *categories,
                                const CartoColor  *colors,
                                guint              n_categories,
                                const CartoColor  *others_color)
{
  CartoStyle *self;

  g_return_val_if_fail (base == NULL || symbol_valid (base), NULL);
  g_return_val_if_fail (property != NULL, NULL);
  g_return_val_if_fail (n_categories == 0 || (categories != NULL && colors != NULL), NULL);

  self = style_new (CARTO_STYLE_KIND_COLOR_CATEGORY, base, property);
  self->categories = g_new0 (char *, n_categories + 1);
  for (guint i = 0; i < n_categories; i++)
    self->categories[i] = g_strdup (categories[i]);
  self->colors = g_memdup2 (colors, sizeof (CartoColor) * n_categories);
  self->n_colors = n_categories;
  if (others_color != NULL)
    self->others_color = *others_color;

  return style_finish (self);
}

/**
 * carto_style_new_color_bins:
 * @base: (nullable): the symbol whose colour is replaced
 * @property: a numeric property
 * @method: how @breaks were computed
 * @breaks: (array length=n_breaks): strictly ascending, finite breaks
 * @n_breaks: how many; the style has `n_breaks + 1` classes
 * @colors: (array): `n_breaks + 1` colours, lowest class first
 *
 * A value goes in the first class whose upper break it does not exceed:
 * class 0 holds values ≤ `breaks[0]`, the last one values above the last
 * break. That matches `percentile_disc` breaks, which are data values.
 * Missing and non-numeric values get the others colour.
 *
 * Returns: (transfer full): a style colouring features by class
 */
CartoStyle *
carto_style_new_color_bins (const CartoSymbol *base,
                            const char        *property,
                            CartoBinMethod     method,
                            const double      *breaks,
                            guint              n_breaks,
                            const CartoColor  *colors)
{
  CartoStyle *self;

  g_return_val_if_fail (base == NULL || symbol_valid (base), NULL);
  g_return_val_if_fail (property != NULL, NULL);
  g_return_val_if_fail (method <= CARTO_BIN_METHOD_MANUAL, NULL);
  g_return_val_if_fail (n_breaks == 0 || breaks != NULL, NULL);
  g_return_val_if_fail (breaks_valid (breaks, n_breaks), NULL);
  g_return_val_if_fail (colors != NULL, NULL);

  self = style_new (CARTO_STYLE_KIND_COLOR_BINS, base, property);
  self->method = method;
  self->breaks = g_memdup2 (breaks, sizeof (double) * n_breaks);
  self->n_breaks = n_breaks;
  self->colors = g_memdup2 (colors, sizeof (CartoColor) * (n_breaks + 1));
  self->n_colors = n_breaks + 1;

  return style_finish (self);
}

/**
 * carto_style_new_color_continuous:
 * @base: (nullable): the symbol whose colour is replaced
 * @property: a numeric property
 * @min: the value getting the first colour
 * @max: the value getting the last colour, at least @min
 * @ramp: (array length=n_ramp): colours evenly spaced from @min to @max
 * @n_ramp: at least 2
 *
 * Values are clamped to the range and mixed linearly between stops.
 *
 * Returns: (transfer full): a style colouring features along a ramp
 */
CartoStyle *
carto_style_new_color_continuous (const CartoSymbol *base,
                                  const char        *property,
                                  double             min,
                                  double             max,
                                  const CartoColor  *ramp,
                                  guint              n_ramp)
{
  CartoStyle *self;

  g_return_val_if_fail (base == NULL || symbol_valid (base), NULL);
  g_return_val_if_fail (property != NULL, NULL);
  g_return_val_if_fail (isfinite (min) && isfinite (max) && min <= max, NULL);
  g_return_val_if_fail (ramp != NULL && n_ramp >= 2, NULL);

  self = style_new (CARTO_STYLE_KIND_COLOR_CONTINUOUS, base, property);
  self->min = min;
  self->max = max;
  self->colors = g_memdup2 (ramp, sizeof (CartoColor) * n_ramp);
  self->n_colors = n_ramp;

  return style_finish (self);
}

/**
 * carto_style_new_size_bins:
 * @base: (nullable): the symbol whose size is replaced
 * @property: a numeric property
 * @method: how @breaks were computed
 * @breaks: (array length=n_breaks): strictly ascending, finite breaks
 * @n_breaks: how many; the style has `n_breaks + 1` classes
 * @sizes: (array): `n_breaks + 1` sizes in logical pixels
 *
 * Classes work as in carto_style_new_color_bins(). Missing values keep the
 * base size.
 *
 * Returns: (transfer full): a style sizing features by class
 */
CartoStyle *
carto_style_new_size_bins (const CartoSymbol *base,
                           const char        *property,
                           CartoBinMethod     method,
                           const double      *breaks,
                           guint              n_breaks,
                           const double      *sizes)
{
  CartoStyle *self;

  g_return_val_if_fail (base == NULL || symbol_valid (base), NULL);
  g_return_val_if_fail (property != NULL, NULL);
  g_return_val_if_fail (method <= CARTO_BIN_METHOD_MANUAL, NULL);
  g_return_val_if_fail (n_breaks == 0 || breaks != NULL, NULL);
  g_return_val_if_fail (breaks_valid (breaks, n_breaks), NULL);
  g_return_val_if_fail (sizes != NULL, NULL);
  for (guint i = 0; i <= n_breaks; i++)
    g_return_val_if_fail (isfinite (sizes[i]) && sizes[i] >= 0 && sizes[i] <= CARTO_SYMBOL_MAX_SIZE, NULL);

  self = style_new (CARTO_STYLE_KIND_SIZE_BINS, base, property);
  self->method = method;
  self->breaks = g_memdup2 (breaks, sizeof (double) * n_breaks);
  self->n_breaks = n_breaks;
  self->sizes = g_memdup2 (sizes, sizeof (double) * (n_breaks + 1));
  self->n_sizes = n_breaks + 1;

  return style_finish (self);
}

/**
 * carto_style_new_size_continuous:
 * @base: (nullable): the symbol whose size is replaced
 * @property: a numeric property
 * @min: the value getting @min_size
 * @max: the value getting @max_size, at least @min
 * @min_size: logical pixels
 * @max_size: logical pixels
 *
 * Sizes are interpolated linearly; values are clamped to the range.
 *
 * Returns: (transfer full): a style sizing features along a range
 */
CartoStyle *
carto_style_new_size_continuous (const CartoSymbol *base,
                                 const char        *property,
                                 double             min,
                                 double             max,
                                 double             min_size,
                                 double             max_size)
{
  CartoStyle *self;

  g_return_val_if_fail (base == NULL || symbol_valid (base), NULL);
  g_return_val_if_fail (property != NULL, NULL);
  g_return_val_if_fail (isfinite (min) && isfinite (max) && min <= max, NULL);
  g_return_val_if_fail (isfinite (min_size) && min_size >= 0 && min_size <= CARTO_SYMBOL_MAX_SIZE, NULL);
  g_return_val_if_fail (isfinite (max_size) && max_size >= 0 && max_size <= CARTO_SYMBOL_MAX_SIZE, NULL);

  self = style_new (CARTO_STYLE_KIND_SIZE_CONTINUOUS, base, property);
  self->min = min;
  self->max = max;
  self->sizes = g_new (double, 2);
  self->sizes[0] = min_size;
  self->sizes[1] = max_size;
  self->n_sizes = 2;

  return style_finish (self);
}

/**
 * carto_style_copy_with_base:
 * @self: a style
 * @base: the new base symbol
 *
 * For the editor's common case: the same classification with another
 * opacity, outline or default colour.
 *
 * Returns: (transfer full): a new style
 */
CartoStyle *
carto_style_copy_with_base (CartoStyle        *self,
                            const CartoSymbol *base)
{
  CartoStyle *copy;

  g_return_val_if_fail (CARTO_IS_STYLE (self), NULL);
  g_return_val_if_fail (base != NULL && symbol_valid (base), NULL);

  copy = style_new (self->kind, base, self->property);
  copy->others_color = self->others_color;
  copy->method = self->method;
  copy->breaks = g_memdup2 (self->breaks, sizeof (double) * self->n_breaks);
  copy->n_breaks = self->n_breaks;
  copy->categories = g_strdupv (self->categories);
  copy->colors = g_memdup2 (self->colors, sizeof (CartoColor) * self->n_colors);
  copy->n_colors = self->n_colors;
  copy->sizes = g_memdup2 (self->sizes, sizeof (double) * self->n_sizes);
  copy->n_sizes = self->n_sizes;
  copy->min = self->min;
  copy->max = self->max;

  return style_finish (copy);
}

/**
 * carto_style_get_kind:
 * @self: a style
 *
 * Returns: the style's kind
 */
CartoStyleKind
carto_style_get_kind (CartoStyle *self)
{
  g_return_val_if_fail (CARTO_IS_STYLE (self), CARTO_STYLE_KIND_SINGLE);

  return self->kind;
}

/**
 * carto_style_get_property_name:
 * @self: a style
 *
 * Returns: (nullable): the property the style reads, %NULL for single styles
 */
const char *
carto_style_get_property_name (CartoStyle *self)
{
  g_return_val_if_fail (CARTO_IS_STYLE (self), NULL);

  return self->property;
}

/**
 * carto_style_get_base:
 * @self: a style
 *
 * Returns: (transfer none): the symbol features start from
 */
const CartoSymbol *
carto_style_get_base (CartoStyle *self)
{
  g_return_val_if_fail (CARTO_IS_STYLE (self), NULL);

  return &self->base;
}

/**
 * carto_style_get_bin_method:
 * @self: a bins style
 *
 * Returns: how the breaks were chosen
 */
CartoBinMethod
carto_style_get_bin_method (CartoStyle *self)
{
  g_return_val_if_fail (CARTO_IS_STYLE (self), CARTO_BIN_METHOD_MANUAL);

  return self->method;
}

/**
 * carto_style_get_breaks:
 * @self: a style
 * @n_breaks: (out): the number of breaks, 0 unless a bins style
 *
 * Returns: (array length=n_breaks) (transfer none) (nullable): the breaks
 */
const double *
carto_style_get_breaks (CartoStyle *self,
                        guint      *n_breaks)
{
  g_return_val_if_fail (CARTO_IS_STYLE (self), NULL);
  g_return_val_if_fail (n_breaks != NULL, NULL);

  *n_breaks = self->n_breaks;
  return self->breaks;
}

/**
 * carto_style_get_categories:
 * @self: a style
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the
 *   categories of a category style, else %NULL
 */
const char *const *
carto_style_get_categories (CartoStyle *self)
{
  g_return_val_if_fail (CARTO_IS_STYLE (self), NULL);

  return (const char *const *) self->categories;
}

/**
 * carto_style_get_colors:
 * @self: a style
 * @n_colors: (out): the number of colours
 *
 * Returns: (array length=n_colors) (transfer none) (nullable): the colours
 *   per category, per class, or the ramp's stops; none for single and size
 *   styles
 */
const CartoColor *
carto_style_get_colors (CartoStyle *self,
                        guint      *n_colors)
{
  g_return_val_if_fail (CARTO_IS_STYLE (self), NULL);
  g_return_val_if_fail (n_colors != NULL, NULL);

  *n_colors = self->n_colors;
  return self->colors;
}

/**
 * carto_style_get_sizes:
 * @self: a style
 * @n_sizes: (out): the number of sizes
 *
 * Returns: (array length=n_sizes) (transfer none) (nullable): the sizes per
 *   class, or the smallest and largest size of a continuous size style
 */
const double *
carto_style_get_sizes (CartoStyle *self,
                       guint      *n_sizes)
{
  g_return_val_if_fail (CARTO_IS_STYLE (self), NULL);
  g_return_val_if_fail (n_sizes != NULL, NULL);

  *n_sizes = self->n_sizes;
  return self->sizes;
}

/**
 * carto_style_get_range:
 * @self: a continuous style
 * @min: (out) (optional): the start of the value range
 * @max: (out) (optional): the end of the value range
 */
void
carto_style_get_range (CartoStyle *self,
                       double     *min,
                       double     *max)
{
  g_return_if_fail (CARTO_IS_STYLE (self));

  if (min != NULL)
    *min = self->min;
  if (max != NULL)
    *max = self->max;
}

/**
 * carto_style_get_others_color:
 * @self: a style
 *
 * Returns: (transfer none): the colour of values outside the categories,
 *   and of missing or non-numeric values in colour styles
 */
const CartoColor *
carto_style_get_others_color (CartoStyle *self)
{
  g_return_val_if_fail (CARTO_IS_STYLE (self), NULL);

  return &self->others_color;
}

/**
 * carto_style_get_columns:
 * @self: a style
 *
 * The columns the Maps API query must select for this style, besides
 * `the_geom_webmercator` and `cartodb_id`. Unquoted: quote them as SQL
 * identifiers.
 *
 * Returns: (array zero-terminated=1) (transfer none): the column names
 */
const char *const *
carto_style_get_columns (CartoStyle *self)
{
  g_return_val_if_fail (CARTO_IS_STYLE (self), NULL);

  return (const char *const *) self->columns;
}

/**
 * carto_style_get_legend:
 * @self: a style
 *
 * Returns: (transfer none): the legend describing @self, built with the
 *   style; take a reference to keep it longer
 */
CartoLegend *
carto_style_get_legend (CartoStyle *self)
{
  g_return_val_if_fail (CARTO_IS_STYLE (self), NULL);

  return self->legend;
}

/* Index of the class holding @value: classes include their upper break. */
static guint
bin_of (CartoStyle *self,
        double      value)
{
  guint lo = 0, hi = self->n_breaks;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (value <= self->breaks[mid])
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

static gboolean
numeric_value (const CartoMvtValue *value,
               double              *number)
{
  return value != NULL && carto_mvt_value_get_double (value, number) && !isnan (*number);
}

/* Position of @number in the continuous range, 0 to 1. */
static double
range_position (CartoStyle *self,
                double      number)
{
  if (self->max <= self->min)
    return number > self->max ? 1.0 : 0.0;

  return CLAMP ((number - self->min) / (self->max - self->min), 0.0, 1.0);
}

static int
category_of (CartoStyle          *self,
             const CartoMvtValue *value)
{
  g_autofree char *text = NULL;
  gpointer found;

  if (value == NULL)
    return -1;

  if (value->type == CARTO_MVT_VALUE_STRING)
    found = g_hash_table_lookup (self->category_index, value->string);
  else
    {
      text = carto_mvt_value_to_string (value);
      found = g_hash_table_lookup (self->category_index, text);
    }

  return found ? (int) GPOINTER_TO_UINT (found) - 1 : -1;
}

static void
ramp_color (CartoStyle *self,
            double      t,
            CartoColor *color)
{
  double pos = t * (self->n_colors - 1);
  guint lo = MIN ((guint) pos, self->n_colors - 2);

  carto_color_interpolate (&self->colors[lo], &self->colors[lo + 1], pos - lo, color);
}

/**
 * carto_style_evaluate:
 * @self: a style
 * @value: (nullable): the feature's value of the style's property, %NULL
 *   when it has none
 * @symbol: (out caller-allocates): how to draw the feature
 *
 * Thread-safe, like every read of a style.
 */
void
carto_style_evaluate (CartoStyle          *self,
                      const CartoMvtValue *value,
                      CartoSymbol         *symbol)
{
  double number;
  int category;

  g_return_if_fail (CARTO_IS_STYLE (self));
  g_return_if_fail (symbol != NULL);

  *symbol = self->base;

  switch (self->kind)
    {
    case CARTO_STYLE_KIND_SINGLE:
      break;

    case CARTO_STYLE_KIND_COLOR_CATEGORY:
      category = category_of (self, value);
      symbol->color = category >= 0 ? self->colors[category] : self->others_color;
      break;

    case CARTO_STYLE_KIND_COLOR_BINS:
      if (numeric_value (value, &number))
        symbol->color = self->colors[bin_of (self, number)];
      else
        symbol->color = self->others_color;
      break;

    case CARTO_STYLE_KIND_COLOR_CONTINUOUS:
      if (numeric_value (value, &number))
        ramp_color (self, range_position (self, number), &symbol->color);
      else
        symbol->color = self->others_color;
      break;

    case CARTO_STYLE_KIND_SIZE_BINS:
      if (numeric_value (value, &number))
        symbol->size = self->sizes[bin_of (self, number)];
      break;

    case CARTO_STYLE_KIND_SIZE_CONTINUOUS:
      if (numeric_value (value, &number))
        symbol->size = self->sizes[0] + (self->sizes[1] - self->sizes[0]) * range_position (self, number);
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * carto_style_evaluate_feature:
 * @self: a style
 * @feature: a decoded feature
 * @symbol: (out caller-allocates): how to draw @feature
 *
 * Looks the style's property up in @feature and evaluates it. To style a
 * whole tile, the renderer does the same with per-tile caching.
 */
void
carto_style_evaluate_feature (CartoStyle            *self,
                              const CartoMvtFeature *feature,
                              CartoSymbol           *symbol)
{
  g_return_if_fail (CARTO_IS_STYLE (self));
  g_return_if_fail (feature != NULL);

  carto_style_evaluate (self,
                        self->property ? carto_mvt_feature_get_property (feature, self->property) : NULL,
                        symbol);
}

static gboolean
colors_equal (const CartoColor *a,
              const CartoColor *b,
              guint             n)
{
  for (guint i = 0; i < n; i++)
    if (!carto_color_equal (&a[i], &b[i]))
      return FALSE;

  return TRUE;
}

/**
 * carto_style_equal:
 * @a: a style
 * @b: another style
 *
 * Lets a map source skip re-rendering when an edit changes nothing.
 *
 * Returns: %TRUE if @a and @b draw every feature the same
 */
gboolean
carto_style_equal (CartoStyle *a,
                   CartoStyle *b)
{
  g_return_val_if_fail (CARTO_IS_STYLE (a), FALSE);
  g_return_val_if_fail (CARTO_IS_STYLE (b), FALSE);

  if (a == b)
    return TRUE;

  return a->kind == b->kind &&
         g_strcmp0 (a->property, b->property) == 0 &&
         carto_symbol_equal (&a->base, &b->base) &&
         carto_color_equal (&a->others_color, &b->others_color) &&
         a->method == b->method &&
         a->n_breaks == b->n_breaks &&
         (a->n_breaks == 0 || memcmp (a->breaks, b->breaks, sizeof (double) * a->n_breaks) == 0) &&
         ((a->categories == NULL && b->categories == NULL) ||
          (a->categories != NULL && b->categories != NULL &&
           g_strv_equal ((const char *const *) a->categories, (const char *const *) b->categories))) &&
         a->n_colors == b->n_colors &&
         colors_equal (a->colors, b->colors, a->n_colors) &&
         a->n_sizes == b->n_sizes &&
         (a->n_sizes == 0 || memcmp (a->sizes, b->sizes, sizeof (double) * a->n_sizes) == 0) &&
         a->min == b->min && a->max == b->max;
}

/* JSON: a flat object, stable names, colours as hex strings. */

static void
add_color_member (JsonBuilder      *builder,
                  const char       *name,
                  const CartoColor *color)
{
  g_autofree char *text = carto_color_to_string (color);

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static void
add_double_array (JsonBuilder  *builder,
                  const char   *name,
                  const double *values,
                  guint         n)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (builder, values[i]);
  json_builder_end_array (builder);
}

/**
 * carto_style_to_json:
 * @self: a style
 *
 * Serializes @self for map documents; carto_style_new_from_json() reads
 * it back into an equal style.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
carto_style_to_json (CartoStyle *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (CARTO_IS_STYLE (self), NULL);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, kind_names[self->kind]);

  if (self->property != NULL)
    {
      json_builder_set_member_name (builder, "property");
      json_builder_add_string_value (builder, self->property);
    }

  json_builder_set_member_name (builder, "base");
  json_builder_begin_object (builder);
  add_color_member (builder, "color", &self->base.color);
  json_builder_set_member_name (builder, "size");
  json_builder_add_double_value (builder, self->base.size);
  add_color_member (builder, "stroke-color", &self->base.stroke_color);
  json_builder_set_member_name (builder, "stroke-width");
  json_builder_add_double_value (builder, self->base.stroke_width);
  json_builder_set_member_name (builder, "opacity");
  json_builder_add_double_value (builder, self->base.opacity);
  json_builder_end_object (builder);

  if (self->kind != CARTO_STYLE_KIND_SINGLE)
    add_color_member (builder, "others-color", &self->others_color);

  if (self->categories != NULL)
    {
      json_builder_set_member_name (builder, "categories");
      json_builder_begin_array (builder);
      for (guint i = 0; self->categories[i] != NULL; i++)
        json_builder_add_string_value (builder, self->categories[i]);
      json_builder_end_array (builder);
    }

  if (is_bins (self->kind))
    {
      json_builder_set_member_name (builder, "method");
      json_builder_add_string_value (builder, method_names[self->method]);
      add_double_array (builder, "breaks", self->breaks, self->n_breaks);
    }

  if (self->n_colors > 0)
    {
      json_builder_set_member_name (builder, "colors");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->n_colors; i++)
        {
          g_autofree char *text = carto_color_to_string (&self->colors[i]);

          json_builder_add_string_value (builder, text);
        }
      json_builder_end_array (builder);
    }

  if (self->n_sizes > 0)
    add_double_array (builder, "sizes", self->sizes, self->n_sizes);

  if (self->kind == CARTO_STYLE_KIND_COLOR_CONTINUOUS || self->kind == CARTO_STYLE_KIND_SIZE_CONTINUOUS)
    {
      double range[2] = { self->min, self->max };

      add_double_array (builder, "range", range, 2);
    }

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

G_GNUC_PRINTF (2, 3)
static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CARTO_STYLE_ERROR, CARTO_STYLE_ERROR_INVALID,
               _("Invalid style: %s"), detail);
  return FALSE;
}

static gboolean
read_number (JsonNode   *node,
             const char *what,
             double     *number,
             GError    **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    return invalid (error, _("“%s” is not a number"), what);

  *number = json_node_get_double (node);
  if (!isfinite (*number))
    return invalid (error, _("“%s” is not a finite number"), what);

  return TRUE;
}

static gboolean
read_color (JsonNode   *node,
            const char *what,
            CartoColor *color,
            GError    **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      !carto_color_parse (color, json_node_get_string (node)))
    return invalid (error, _("“%s” is not a colour such as #ee4d5a"), what);

  return TRUE;
}

static JsonArray *
read_array (JsonObject *object,
            const char *name,
            GError    **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, _("“%s” is missing or not an array"), name);
      return NULL;
    }

  return json_node_get_array (node);
}

static double *
read_numbers (JsonObject *object,
              const char *name,
              guint      *n,
              GError    **error)
{
  JsonArray *array = read_array (object, name, error);
  g_autofree double *numbers = NULL;

  if (array == NULL)
    return NULL;

  *n = json_array_get_length (array);
  numbers = g_new (double, *n + 1);
  for (guint i = 0; i < *n; i++)
    if (!read_number (json_array_get_element (array, i), name, &numbers[i], error))
      return NULL;

  return g_steal_pointer (&numbers);
}

static CartoColor *
read_colors (JsonObject *object,
             guint      *n,
             GError    **error)
{
  JsonArray *array = read_array (object, "colors", error);
  g_autofree CartoColor *colors = NULL;

  if (array == NULL)
    return NULL;

  *n = json_array_get_length (array);
  colors = g_new (CartoColor, *n + 1);
  for (guint i = 0; i < *n; i++)
    if (!read_color (json_array_get_element (array, i), "colors", &colors[i], error))
      return NULL;

  return g_steal_pointer (&colors);
}

/* Unlike json_object_get_string_member_with_default(), never critical on
 * a member of the wrong type: documents are user input. */
static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
read_enum (JsonObject        *object,
           const char        *name,
           const char *const *names,
           guint              n_names,
           guint             *value,
           GError           **error)
{
  const char *text = get_string (object, name);

  for (guint i = 0; text != NULL && i < n_names; i++)
    if (strcmp (text, names[i]) == 0)
      {
        *value = i;
        return TRUE;
      }

  return invalid (error, _("“%s” has an unknown value “%s”"), name, text ? text : "");
}

static gboolean
read_base (JsonObject  *object,
           CartoSymbol *base,
           GError     **error)
{
  JsonNode *node = json_object_get_member (object, "base");
  JsonObject *b;

  carto_symbol_init_default (base, CARTO_MVT_GEOM_POINT);
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("“base” is not an object"));

  b = json_node_get_object (node);
  if ((json_object_has_member (b, "color") &&
       !read_color (json_object_get_member (b, "color"), "color", &base->color, error)) ||
      (json_object_has_member (b, "size") &&
       !read_number (json_object_get_member (b, "size"), "size", &base->size, error)) ||
      (json_object_has_member (b, "stroke-color") &&
       !read_color (json_object_get_member (b, "stroke-color"), "stroke-color", &base->stroke_color, error)) ||
      (json_object_has_member (b, "stroke-width") &&
       !read_number (json_object_get_member (b, "stroke-width"), "stroke-width", &base->stroke_width, error)) ||
      (json_object_has_member (b, "opacity") &&
       !read_number (json_object_get_member (b, "opacity"), "opacity", &base->opacity, error)))
    return FALSE;

  if (!symbol_valid (base))
    return invalid (error, _("size outside 0–40, outline outside 0–10 or opacity outside 0–1"));

  return TRUE;
}

/**
 * carto_style_new_from_json:
 * @node: a JSON object as written by carto_style_to_json()
 * @error: return location for a %CARTO_STYLE_ERROR
 *
 * Reads a style from a map document. Unlike the constructors, which
 * treat bad arguments as programming errors, this validates everything:
 * documents come from disk.
 *
 * Returns: (transfer full) (nullable): the style, or %NULL with @error set
 */
CartoStyle *
carto_style_new_from_json (JsonNode *node,
                           GError  **error)
{
  g_autoptr(CartoStyle) self = NULL;
  g_autofree double *breaks = NULL;
  g_autofree double *sizes = NULL;
  g_autofree double *range = NULL;
  g_autofree CartoColor *colors = NULL;
  CartoColor others;
  CartoSymbol base;
  JsonObject *object;
  const char *property;
  guint kind, method = CARTO_BIN_METHOD_MANUAL;
  guint n_breaks = 0, n_sizes = 0, n_colors = 0, n_range = 0;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, _("not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!read_enum (object, "kind", kind_names, G_N_ELEMENTS (kind_names), &kind, error) ||
      !read_base (object, &base, error))
    return NULL;

  property = get_string (object, "property");
  if (kind != CARTO_STYLE_KIND_SINGLE && (property == NULL || *property == '\0'))
    {
      invalid (error, _("“property” is missing"));
      return NULL;
    }

  carto_color_init_rgb (&others, OTHERS_RGB);
  if (json_object_has_member (object, "others-color") &&
      !read_color (json_object_get_member (object, "others-color"), "others-color", &others, error))
    return NULL;

  if (is_bins (kind))
    {
      if (!read_enum (object, "method", method_names, G_N_ELEMENTS (method_names), &method, error) ||
          !(breaks = read_numbers (object, "breaks", &n_breaks, error)))
        return NULL;
      if (!breaks_valid (breaks, n_breaks))
        {
          invalid (error, _("“breaks” are not strictly ascending"));
          return NULL;
        }
    }

  if (kind == CARTO_STYLE_KIND_COLOR_CATEGORY || kind == CARTO_STYLE_KIND_COLOR_BINS ||
      kind == CARTO_STYLE_KIND_COLOR_CONTINUOUS)
    {
      if (!(colors = read_colors (object, &n_colors, error)))
        return NULL;
    }

  if (kind == CARTO_STYLE_KIND_SIZE_BINS || kind == CARTO_STYLE_KIND_SIZE_CONTINUOUS)
    {
      if (!(sizes = read_numbers (object, "sizes", &n_sizes, error)))
        return NULL;
      for (guint i = 0; i < n_sizes; i++)
        if (sizes[i] < 0 || sizes[i] > CARTO_SYMBOL_MAX_SIZE)
          {
            invalid (error, _("“sizes” has a size outside 0–40"));
            return NULL;
          }
    }

  if (kind == CARTO_STYLE_KIND_COLOR_CONTINUOUS || kind == CARTO_STYLE_KIND_SIZE_CONTINUOUS)
    {
      if (!(range = read_numbers (object, "range", &n_range, error)))
        return NULL;
      if (n_range != 2 || range[0] > range[1])
        {
          invalid (error, _("“range” is not [min, max]"));
          return NULL;
        }
    }

  switch (kind)
    {
    case CARTO_STYLE_KIND_SINGLE:
      self = carto_style_new_single (&base);
      break;

    case CARTO_STYLE_KIND_COLOR_CATEGORY:
      {
        JsonArray *array = read_array (object, "categories", error);
        g_autoptr(GPtrArray) categories = g_ptr_array_new ();

        if (array == NULL)
          return NULL;
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);

            if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
              {
                invalid (error, _("“categories” holds a non-string"));
                return NULL;
              }
            g_ptr_array_add (categories, (gpointer) json_node_get_string (element));
          }
        if (categories->len != n_colors)
          {
            invalid (error, _("%u categories but %u colours"), categories->len, n_colors);
            return NULL;
          }
        self = carto_style_new_color_category (&base, property,
                                               (const char *const *) categories->pdata,
                                               colors, n_colors, &others);
      }
      break;

    case CARTO_STYLE_KIND_COLOR_BINS:
      if (n_colors != n_breaks + 1)
        {
          invalid (error, _("%u breaks need %u colours, not %u"), n_breaks, n_breaks + 1, n_colors);
          return NULL;
        }
      self = carto_style_new_color_bins (&base, property, method, breaks, n_breaks, colors);
      self->others_color = others;
      break;

    case CARTO_STYLE_KIND_COLOR_CONTINUOUS:
      if (n_colors < 2)
        {
          invalid (error, _("a ramp needs at least two colours"));
          return NULL;
        }
      self = carto_style_new_color_continuous (&base, property, range[0], range[1], colors, n_colors);
      self->others_color = others;
      break;

    case CARTO_STYLE_KIND_SIZE_BINS:
      if (n_sizes != n_breaks + 1)
        {
          invalid (error, _("%u breaks need %u sizes, not %u"), n_breaks, n_breaks + 1, n_sizes);
          return NULL;
        }
      self = carto_style_new_size_bins (&base, property, method, breaks, n_breaks, sizes);
      self->others_color = others;
      break;

    case CARTO_STYLE_KIND_SIZE_CONTINUOUS:
      if (n_sizes != 2)
        {
          invalid (error, _("a size range needs two sizes"));
          return NULL;
        }
      self = carto_style_new_size_continuous (&base, property, range[0], range[1], sizes[0], sizes[1]);
      self->others_color = others;
      break;

    default:
      g_assert_not_reached ();
    }

  return g_steal_pointer (&self);
}

/* The resolver: per tile layer caching for the renderer and hit tests. */

void
carto_style_resolver_init (CartoStyleResolver  *resolver,
                           CartoStyle          *style,
                           const CartoMvtLayer *layer)
{
  CartoStyle *self = style;
  CartoSymbol *missing;

  g_assert (CARTO_IS_STYLE (style));
  g_assert (layer != NULL);

  memset (resolver, 0, sizeof *resolver);
  resolver->style = style;
  resolver->layer = layer;
  resolver->key = self->property ? carto_mvt_layer_find_key (layer, self->property) : -1;

  switch (self->kind)
    {
    case CARTO_STYLE_KIND_COLOR_CATEGORY:
      resolver->n_classes = self->n_colors;
      resolver->value_class = g_new (gint32, layer->n_values + 1);
      for (guint i = 0; i < layer->n_values; i++)
        resolver->value_class[i] = -1;
      break;

    case CARTO_STYLE_KIND_COLOR_BINS:
    case CARTO_STYLE_KIND_SIZE_BINS:
      resolver->n_classes = self->n_breaks + 1;
      break;

    case CARTO_STYLE_KIND_SINGLE:
    case CARTO_STYLE_KIND_COLOR_CONTINUOUS:
    case CARTO_STYLE_KIND_SIZE_CONTINUOUS:
    default:
      resolver->n_classes = 0;
      break;
    }

  resolver->classes = g_new (CartoSymbol, resolver->n_classes + 1);
  for (guint i = 0; i < resolver->n_classes; i++)
    {
      resolver->classes[i] = self->base;
      if (self->kind == CARTO_STYLE_KIND_SIZE_BINS)
        resolver->classes[i].size = self->sizes[i];
      else
        resolver->classes[i].color = self->colors[i];
    }

  /* Missing or unusable values. */
  missing = &resolver->classes[resolver->n_classes];
  carto_style_evaluate (style, NULL, missing);
}

/* The symbol for @feature: a class symbol, or for continuous styles the
 * scratch symbol, valid until the next call. */
const CartoSymbol *
carto_style_resolver_get (CartoStyleResolver    *resolver,
                          const CartoMvtFeature *feature)
{
  CartoStyle *self = resolver->style;
  const CartoSymbol *missing = &resolver->classes[resolver->n_classes];
  const CartoMvtValue *value;
  double number;

  if (self->kind == CARTO_STYLE_KIND_SINGLE)
    return missing;

  value = carto_mvt_feature_lookup_key (feature, resolver->key);
  if (value == NULL)
    return missing;

  switch (self->kind)
    {
    case CARTO_STYLE_KIND_COLOR_CATEGORY:
      {
        gsize index = (gsize) (value - resolver->layer->values);
        gint32 *slot = &resolver->value_class[index];

        /* Categories are matched once per distinct value. */
        if (*slot < 0)
          {
            int category = category_of (self, value);

            *slot = category >= 0 ? category : (gint32) resolver->n_classes;
          }
        return &resolver->classes[*slot];
      }

    case CARTO_STYLE_KIND_COLOR_BINS:
    case CARTO_STYLE_KIND_SIZE_BINS:
      if (!numeric_value (value, &number))
        return missing;
      return &resolver->classes[bin_of (self, number)];

    case CARTO_STYLE_KIND_COLOR_CONTINUOUS:
    case CARTO_STYLE_KIND_SIZE_CONTINUOUS:
    case CARTO_STYLE_KIND_SINGLE:
    default:
      carto_style_evaluate (self, value, &resolver->scratch);
      return &resolver->scratch;
    }
}

void
carto_style_resolver_clear (CartoStyleResolver *resolver)
{
  g_clear_pointer (&resolver->classes, g_free);
  g_clear_pointer (&resolver->value_class, g_free);
}
