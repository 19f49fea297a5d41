/* carto-style.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "carto-color.h"
#include "carto-mvt.h"
#include "carto-legend.h"
#include "carto-symbol.h"

G_BEGIN_DECLS

/**
 * CARTO_STYLE_ERROR:
 *
 * Error domain for styles read from JSON. Errors use #CartoStyleError.
 */
#define CARTO_STYLE_ERROR (carto_style_error_quark ())

/**
 * CartoStyleError:
 * @CARTO_STYLE_ERROR_FAILED: any other problem
 * @CARTO_STYLE_ERROR_INVALID: the JSON does not describe a valid style
 *
 * Why a style could not be read.
 */
typedef enum
{
  CARTO_STYLE_ERROR_FAILED,
  CARTO_STYLE_ERROR_INVALID,
} CartoStyleError;

/**
 * CartoStyleKind:
 * @CARTO_STYLE_KIND_SINGLE: every feature looks the same
 * @CARTO_STYLE_KIND_COLOR_CATEGORY: colour by the text of a property
 * @CARTO_STYLE_KIND_COLOR_BINS: colour by the class of a numeric property
 * @CARTO_STYLE_KIND_COLOR_CONTINUOUS: colour interpolated along a ramp
 * @CARTO_STYLE_KIND_SIZE_BINS: size by the class of a numeric property
 * @CARTO_STYLE_KIND_SIZE_CONTINUOUS: size interpolated over a range
 *
 * The kinds of CARTOframes' style helpers (`basic_style`,
 * `color_category_style`, `color_bins_style`…).
 */
typedef enum
{
  CARTO_STYLE_KIND_SINGLE,
  CARTO_STYLE_KIND_COLOR_CATEGORY,
  CARTO_STYLE_KIND_COLOR_BINS,
  CARTO_STYLE_KIND_COLOR_CONTINUOUS,
  CARTO_STYLE_KIND_SIZE_BINS,
  CARTO_STYLE_KIND_SIZE_CONTINUOUS,
} CartoStyleKind;

/**
 * CartoBinMethod:
 * @CARTO_BIN_METHOD_QUANTILES: breaks at quantiles of the data
 * @CARTO_BIN_METHOD_EQUAL_INTERVALS: breaks evenly between minimum and maximum
 * @CARTO_BIN_METHOD_MANUAL: breaks chosen by the user
 *
 * How the breaks of a bins style were chosen. The style only records it
 * (for the editor and the legend); breaks are always given computed, see
 * carto-classify.h.
 */
typedef enum
{
  CARTO_BIN_METHOD_QUANTILES,
  CARTO_BIN_METHOD_EQUAL_INTERVALS,
  CARTO_BIN_METHOD_MANUAL,
} CartoBinMethod;

#define CARTO_TYPE_STYLE (carto_style_get_type ())
G_DECLARE_FINAL_TYPE (CartoStyle, carto_style, CARTO, STYLE, GObject)

GQuark              carto_style_error_quark          (void);

CartoStyle         *carto_style_new_single           (const CartoSymbol *base);
CartoStyle         *carto_style_new_color_category   (const CartoSymbol *base,
                                                      const char        *property,
                                                      const char *const *categories,
                                                      const CartoColor  *colors,
                                                      guint              n_categories,
                                                      const CartoColor  *others_color);
CartoStyle         *carto_style_new_color_bins       (const CartoSymbol *base,
                                                      const char        *property,
                                                      CartoBinMethod     method,
                                                      const double      *breaks,
                                                      guint              n_breaks,
                                                      const CartoColor  *colors);
CartoStyle         *carto_style_new_color_continuous (const CartoSymbol *base,
                                                      const char        *property,
                                                      double             min,
                                                      double             max,
                                                      const CartoColor  *ramp,
                                                      guint              n_ramp);
CartoStyle         *carto_style_new_size_bins        (const CartoSymbol *base,
                                                      const char        *property,
                                                      CartoBinMethod     method,
                                                      const double      *breaks,
                                                      guint              n_breaks,
                                                      const double      *sizes);
CartoStyle         *carto_style_new_size_continuous  (const CartoSymbol *base,
                                                      const char        *property,
                                                      double             min,
                                                      double             max,
                                                      double             min_size,
                                                      double             max_size);
CartoStyle         *carto_style_new_from_json        (JsonNode          *node,
                                                      GError           **error);
CartoStyle         *carto_style_copy_with_base       (CartoStyle        *self,
                                                      const CartoSymbol *base);

CartoStyleKind      carto_style_get_kind             (CartoStyle        *self);
const char         *carto_style_get_property_name    (CartoStyle        *self);
const CartoSymbol  *carto_style_get_base             (CartoStyle        *self);
CartoBinMethod      carto_style_get_bin_method       (CartoStyle        *self);
const double       *carto_style_get_breaks           (CartoStyle        *self,
                                                      guint             *n_breaks);
const char *const  *carto_style_get_categories       (CartoStyle        *self);
const CartoColor   *carto_style_get_colors           (CartoStyle        *self,
                                                      guint             *n_colors);
const double       *carto_style_get_sizes            (CartoStyle        *self,
                                                      guint             *n_sizes);
void                carto_style_get_range            (CartoStyle        *self,
                                                      double            *min,
                                                      double            *max);
const CartoColor   *carto_style_get_others_color     (CartoStyle        *self);
const char *const  *carto_style_get_columns          (CartoStyle        *self);
CartoLegend        *carto_style_get_legend           (CartoStyle        *self);

void                carto_style_evaluate             (CartoStyle        *self,
                                                      const CartoMvtValue *value,
                                                      CartoSymbol       *symbol);
void                carto_style_evaluate_feature     (CartoStyle        *self,
                                                      const CartoMvtFeature *feature,
                                                      CartoSymbol       *symbol);
gboolean            carto_style_equal                (CartoStyle        *a,
                                                      CartoStyle        *b);
JsonNode           *carto_style_to_json              (CartoStyle        *self);

G_END_DECLS
