/* test-tile-coord.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>

static void
test_zoom0_covers_world (void)
{
  CartoTileCoord c = { 0, 0, 0 };
  CartoBounds b;

  carto_tile_coord_get_bounds (&c, &b);
  g_assert_cmpfloat_with_epsilon (b.west, -180.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (b.east, 180.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (b.north, CARTO_MAX_LATITUDE, 1e-9);
  g_assert_cmpfloat_with_epsilon (b.south, -CARTO_MAX_LATITUDE, 1e-9);
}

/* Known boxes, cross-checked with the OSM wiki's slippy-map formulas. */
static void
test_known_tiles (void)
{
  struct {
    CartoTileCoord c;
    CartoBounds b;
  } cases[] = {
    { { 1, 1, 0 }, { 0.0, 0.0, 180.0, CARTO_MAX_LATITUDE } },
    { { 1, 0, 1 }, { -180.0, -CARTO_MAX_LATITUDE, 0.0, 0.0 } },
    { { 2, 2, 1 }, { 0.0, 0.0, 90.0, 66.51326044311186 } },
    /* Madrid lies in 10/501/386 (python: atan(sinh(pi*(1-2y/2^z)))). */
    { { 10, 501, 386 }, { -3.8671875, 40.17887331434696, -3.515625, 40.44694705960049 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CartoBounds b;

      carto_tile_coord_get_bounds (&cases[i].c, &b);
      g_assert_cmpfloat_with_epsilon (b.west, cases[i].b.west, 1e-9);
      g_assert_cmpfloat_with_epsilon (b.south, cases[i].b.south, 1e-9);
      g_assert_cmpfloat_with_epsilon (b.east, cases[i].b.east, 1e-9);
      g_assert_cmpfloat_with_epsilon (b.north, cases[i].b.north, 1e-9);
    }
}

static void
test_pixel_roundtrip (void)
{
  CartoTileCoord c = { 10, 501, 386 };
  double px, py;

  /* Madrid's Puerta del Sol falls inside its tile. */
  carto_lonlat_to_tile_pixel (&c, 256, -3.7038, 40.4168, &px, &py);
  g_assert_cmpfloat (px, >=, 0);
  g_assert_cmpfloat (px, <, 256);
  g_assert_cmpfloat (py, >=, 0);
  g_assert_cmpfloat (py, <, 256);

  /* The tile's own corners map to its pixel corners. */
  {
    CartoBounds b;

    carto_tile_coord_get_bounds (&c, &b);
    carto_lonlat_to_tile_pixel (&c, 512, b.west, b.north, &px, &py);
    g_assert_cmpfloat_with_epsilon (px, 0, 1e-6);
    g_assert_cmpfloat_with_epsilon (py, 0, 1e-6);
    carto_lonlat_to_tile_pixel (&c, 512, b.east, b.south, &px, &py);
    g_assert_cmpfloat_with_epsilon (px, 512, 1e-6);
    g_assert_cmpfloat_with_epsilon (py, 512, 1e-6);
  }
}

static void
test_validity (void)
{
  CartoTileCoord ok = { 3, 7, 7 };
  CartoTileCoord bad_x = { 3, 8, 0 };
  CartoTileCoord bad_z = { 31, 0, 0 };

  g_assert_true (carto_tile_coord_is_valid (&ok));
  g_assert_false (carto_tile_coord_is_valid (&bad_x));
  g_assert_false (carto_tile_coord_is_valid (&bad_z));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/tile-coord/zoom0", test_zoom0_covers_world);
  g_test_add_func ("/tile-coord/known-tiles", test_known_tiles);
  g_test_add_func ("/tile-coord/pixel", test_pixel_roundtrip);
  g_test_add_func ("/tile-coord/validity", test_validity);

  return g_test_run ();
}
