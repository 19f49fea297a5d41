/* carto-color.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CartoColor:
 * @red: red component, 0 to 1
 * @green: green component, 0 to 1
 * @blue: blue component, 0 to 1
 * @alpha: opacity, 0 to 1
 *
 * A non-premultiplied sRGB colour. It has the layout of `GdkRGBA`, which
 * libcarto cannot name because it never includes GDK.
 */
typedef struct
{
  float red;
  float green;
  float blue;
  float alpha;
} CartoColor;

#define CARTO_TYPE_COLOR (carto_color_get_type ())

GType       carto_color_get_type    (void);
CartoColor *carto_color_copy        (const CartoColor *color);
void        carto_color_free        (CartoColor       *color);
gboolean    carto_color_parse       (CartoColor       *color,
                                     const char       *spec);
void        carto_color_init_rgb    (CartoColor       *color,
                                     guint32           rgb);
char       *carto_color_to_string   (const CartoColor *color);
gboolean    carto_color_equal       (const CartoColor *a,
                                     const CartoColor *b);
void        carto_color_interpolate (const CartoColor *a,
                                     const CartoColor *b,
                                     double            t,
                                     CartoColor       *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CartoColor, carto_color_free)

G_END_DECLS
