/* carto-color.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "carto-color.h"

/* Written out: G_DEFINE_BOXED_TYPE's transparent-union cast trips -Wpedantic. */
GType
carto_color_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType t = g_boxed_type_register_static (g_intern_static_string ("CartoColor"),
                                              (GBoxedCopyFunc) carto_color_copy,
                                              (GBoxedFreeFunc) carto_color_free);
      g_once_init_leave (&type_id, t);
    }

  return type_id;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static guint8
to_byte (float component)
{
  return (guint8) lrintf (CLAMP (component, 0.f, 1.f) * 255.f);
}

/**
 * carto_color_copy:
 * @color: a colour
 *
 * Returns: (transfer full): a copy of @color
 */
CartoColor *
carto_color_copy (const CartoColor *color)
{
  g_return_val_if_fail (color != NULL, NULL);

  return g_memdup2 (color, sizeof *color);
}

/**
 * carto_color_free:
 * @color: (nullable): a colour from carto_color_copy()
 */
void
carto_color_free (CartoColor *color)
{
  g_free (color);
}

/**
 * carto_color_parse:
 * @color: (out caller-allocates): where to store the colour
 * @spec: `#rgb`, `#rrggbb` or `#rrggbbaa`, case-insensitive, the forms
 *   CARTOColors, CARTOframes and CSS hex colours use
 *
 * Returns: %TRUE if @spec was valid; @color is untouched otherwise
 */
gboolean
carto_color_parse (CartoColor *color,
                   const char *spec)
{
  int digits[8];
  gsize len;

  g_return_val_if_fail (color != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  if (spec[0] != '#')
    return FALSE;
  spec++;
  len = strlen (spec);
  if (len != 3 && len != 6 && len != 8)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    if ((digits[i] = hex_digit (spec[i])) < 0)
      return FALSE;

  if (len == 3)
    {
      color->red = (digits[0] * 17) / 255.f;
      color->green = (digits[1] * 17) / 255.f;
      color->blue = (digits[2] * 17) / 255.f;
      color->alpha = 1.f;
    }
  else
    {
      color->red = (digits[0] * 16 + digits[1]) / 255.f;
      color->green = (digits[2] * 16 + digits[3]) / 255.f;
      color->blue = (digits[4] * 16 + digits[5]) / 255.f;
      color->alpha = len == 8 ? (digits[6] * 16 + digits[7]) / 255.f : 1.f;
    }

  return TRUE;
}

/**
 * carto_color_init_rgb:
 * @color: (out caller-allocates): where to store the colour
 * @rgb: `0xRRGGBB`
 *
 * Sets an opaque colour from a packed 24-bit value.
 */
void
carto_color_init_rgb (CartoColor *color,
                      guint32     rgb)
{
  g_return_if_fail (color != NULL);

  color->red = ((rgb >> 16) & 0xff) / 255.f;
  color->green = ((rgb >> 8) & 0xff) / 255.f;
  color->blue = (rgb & 0xff) / 255.f;
  color->alpha = 1.f;
}

/**
 * carto_color_to_string:
 * @color: a colour
 *
 * Returns: (transfer full): `#rrggbb` for opaque colours, else `#rrggbbaa`;
 *   carto_color_parse() reads it back
 */
char *
carto_color_to_string (const CartoColor *color)
{
  g_return_val_if_fail (color != NULL, NULL);

  if (to_byte (color->alpha) == 255)
    return g_strdup_printf ("#%02x%02x%02x",
                            to_byte (color->red), to_byte (color->green), to_byte (color->blue));

  return g_strdup_printf ("#%02x%02x%02x%02x",
                          to_byte (color->red), to_byte (color->green), to_byte (color->blue),
                          to_byte (color->alpha));
}

/**
 * carto_color_equal:
 * @a: a colour
 * @b: another colour
 *
 * Compares at 8-bit precision, the precision colours are written with.
 *
 * Returns: %TRUE if @a and @b are the same colour
 */
gboolean
carto_color_equal (const CartoColor *a,
                   const CartoColor *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return to_byte (a->red) == to_byte (b->red) &&
         to_byte (a->green) == to_byte (b->green) &&
         to_byte (a->blue) == to_byte (b->blue) &&
         to_byte (a->alpha) == to_byte (b->alpha);
}

/**
 * carto_color_interpolate:
 * @a: the colour at 0
 * @b: the colour at 1
 * @t: the position, clamped to 0..1
 * @result: (out caller-allocates): the mix; may be @a or @b
 *
 * Mixes linearly in sRGB: cheap enough to run per value, and between
 * neighbouring palette stops close to a perceptual mix.
 */
void
carto_color_interpolate (const CartoColor *a,
                         const CartoColor *b,
                         double            t,
                         CartoColor       *result)
{
  float f;

  g_return_if_fail (a != NULL && b != NULL && result != NULL);

  /* NaN would poison every component; treat it as the start. */
  f = isnan (t) ? 0.f : (float) CLAMP (t, 0.0, 1.0);
  *result = (CartoColor) {
    a->red + (b->red - a->red) * f,
    a->green + (b->green - a->green) * f,
    a->blue + (b->blue - a->blue) * f,
    a->alpha + (b->alpha - a->alpha) * f,
  };
}
