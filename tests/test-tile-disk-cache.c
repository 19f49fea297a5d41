/* test-tile-disk-cache.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tiles written behind: found at once, on disk after a flush or when the
 * cache goes, never lost to a lookup in between.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gstdio.h>

#include <carto.h>

static const CartoTileCoord coord = { 3, 4, 2 };

static char *
new_cache_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("carto-disk-cache-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
assert_file_holds (const char *path,
                   GBytes     *bytes)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_found_before_written (void)
{
  g_autofree char *dir = new_cache_dir ();
  g_autoptr(CartoTileDiskCache) cache = carto_tile_disk_cache_new (dir, 1024 * 1024);
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x1a\x02tile", 6);
  g_autoptr(GBytes) found = NULL;
  g_autofree char *path = carto_tile_disk_cache_dup_path (cache, "layergroup-a", &coord);

  carto_tile_disk_cache_store_later (cache, "layergroup-a", &coord, bytes);
  found = carto_tile_disk_cache_lookup (cache, "layergroup-a", &coord);
  g_assert_nonnull (found);
  g_assert_true (g_bytes_equal (found, bytes));

  g_assert_true (carto_tile_disk_cache_flush (cache, 10000));
  assert_file_holds (path, bytes);

  /* Another layergroup's tile at the same place is another file. */
  g_assert_null (carto_tile_disk_cache_lookup (cache, "layergroup-b", &coord));
}

/* An empty tile (HTTP 204) is kept as an empty file, not as a miss. */
static void
test_empty_tile (void)
{
  g_autofree char *dir = new_cache_dir ();
  g_autoptr(CartoTileDiskCache) cache = carto_tile_disk_cache_new (dir, 1024 * 1024);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) found = NULL;

  carto_tile_disk_cache_store_later (cache, "layergroup-a", &coord, empty);
  g_assert_true (carto_tile_disk_cache_flush (cache, 10000));
  found = carto_tile_disk_cache_lookup (cache, "layergroup-a", &coord);
  g_assert_nonnull (found);
  g_assert_cmpuint (g_bytes_get_size (found), ==, 0);
}

/* A cache that goes away writes what it was given first. */
static void
test_written_when_finalized (void)
{
  g_autofree char *dir = new_cache_dir ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x1a\x03more", 6);
  g_autofree char *path = NULL;
  CartoTileDiskCache *cache = carto_tile_disk_cache_new (dir, 1024 * 1024);

  path = carto_tile_disk_cache_dup_path (cache, "layergroup-a", &coord);
  for (guint x = 0; x < 8; x++)
    {
      CartoTileCoord c = { 3, x, 2 };

      carto_tile_disk_cache_store_later (cache, "layergroup-a", &c, bytes);
    }
  g_object_unref (cache);

  assert_file_holds (path, bytes);
  {
    g_autoptr(CartoTileDiskCache) again = carto_tile_disk_cache_new (dir, 1024 * 1024);

    for (guint x = 0; x < 8; x++)
      {
        CartoTileCoord c = { 3, x, 2 };
        g_autoptr(GBytes) found = carto_tile_disk_cache_lookup (again, "layergroup-a", &c);

        g_assert_nonnull (found);
        g_assert_true (g_bytes_equal (found, bytes));
      }
  }
}

/* A write that fails (the directory cannot be made) loses the tile, not
 * the process, and the cache still answers. */
static void
test_unwritable_directory (void)
{
  g_autofree char *dir = new_cache_dir ();
  g_autofree char *blocker = g_build_filename (dir, "tiles", NULL);
  g_autoptr(CartoTileDiskCache) cache = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("\x1a\x02xy", 4);
  g_autoptr(GBytes) found = NULL;

  /* A file where the cache's directory should be. */
  g_assert_true (g_file_set_contents (blocker, "", 0, NULL));
  cache = carto_tile_disk_cache_new (blocker, 1024 * 1024);

  carto_tile_disk_cache_store_later (cache, "layergroup-a", &coord, bytes);
  g_assert_true (carto_tile_disk_cache_flush (cache, 10000));
  found = carto_tile_disk_cache_lookup (cache, "layergroup-a", &coord);
  g_assert_null (found);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/tile-disk-cache/found-before-written", test_found_before_written);
  g_test_add_func ("/tile-disk-cache/empty-tile", test_empty_tile);
  g_test_add_func ("/tile-disk-cache/written-when-finalized", test_written_when_finalized);
  g_test_add_func ("/tile-disk-cache/unwritable-directory", test_unwritable_directory);

  return g_test_run ();
}
