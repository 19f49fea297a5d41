/* carto-tile-disk-cache.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The raw MVT bytes of tiles seen, on disk, so revisits and restarts do
 * not wait for the server and a map seen once still shows offline.
 *
 * File names are SHA-256 digests of a layergroup's cache id (itself a digest
 * of the key-less tile URL) and the tile coordinates: no key, no username,
 * no query reaches a file name. A layergroup id changes when its data
 * changes (docs/carto-api.md §5.7), so a cached tile never goes stale; it
 * only ages out. Files are written to a temporary name and renamed, so
 * readers in other threads or processes see a whole tile or none, and the
 * directory is private (0700, files 0600): tiles of private tables land here
 * too. The size is bounded by deleting the least recently used files.
 *
 * Tiles are written behind: a map that loads writes a file per tile, and
 * creating files costs the kernel CPU that the tiles still arriving need
 * (a tenth of the client's CPU while a cold map loaded, in perf). One
 * writer thread at the lowest priority writes them when the cores are
 * free; until then a lookup finds the tile among the pending writes.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>
#ifdef __linux__
#include <sys/resource.h>
#endif

#include "carto-tile-disk-cache.h"

#define DEFAULT_MAX_BYTES ((guint64) 256 * 1024 * 1024)
/* Trim to this share of the bound, so trimming is not needed at once again. */
#define TRIM_TARGET_PERCENT 75
/* Lookups refresh a file's age at most this often (an mtime write each). */
#define TOUCH_INTERVAL_SECONDS (10 * 60)
#define TILE_SUFFIX ".mvt"
#define LAYERGROUPS_DIR "layergroups"
/* Past this many bytes waiting, tiles are not kept rather than held. */
#define MAX_PENDING_BYTES ((gsize) 64 * 1024 * 1024)
#define LOWEST_PRIORITY 19

struct _CartoTileDiskCache
{
  GObject parent_instance;

  char *directory;
  guint64 max_bytes;

  /* Estimated bytes on disk: set by a scan, grown by stores. Other
   * processes may add files too; a trim rescans, so it corrects itself. */
  GMutex lock;
  gboolean size_known;
  guint64 size;

  /* Written behind, under write_lock: path → GBytes, and the order. */
  GMutex write_lock;
  GCond write_cond;
  GHashTable *pending;
  GQueue *pending_paths;
  gsize pending_bytes;
  gboolean stopping;
  GThread *writer;
};

G_DEFINE_FINAL_TYPE (CartoTileDiskCache, carto_tile_disk_cache, G_TYPE_OBJECT)

typedef struct
{
  char *path;
  guint64 size;
  gint64 mtime;
} FileInfo;

static void
file_info_clear (FileInfo *info)
{
  g_free (info->path);
}

static int
compare_mtime (gconstpointer a,
               gconstpointer b)
{
  const FileInfo *x = a;
  const FileInfo *y = b;

  return (x->mtime > y->mtime) - (x->mtime < y->mtime);
}

/* Every cached tile file, with the total size. Called with the lock held. */
static GArray *
scan (CartoTileDiskCache *self,
      guint64            *total)
{
  g_autoptr(GDir) top = g_dir_open (self->directory, 0, NULL);
  GArray *files = g_array_new (FALSE, FALSE, sizeof (FileInfo));
  const char *name;

  g_array_set_clear_func (files, (GDestroyNotify) file_info_clear);
  *total = 0;

  while (top != NULL && (name = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *subdir = NULL;
      g_autoptr(GDir) dir = NULL;
      const char *file;

      /* Only our two-hex-digit fan-out directories. */
      if (strlen (name) != 2 || !g_ascii_isxdigit (name[0]) || !g_ascii_isxdigit (name[1]))
        continue;

      subdir = g_build_filename (self->directory, name, NULL);
      dir = g_dir_open (subdir, 0, NULL);
      while (dir != NULL && (file = g_dir_read_name (dir)) != NULL)
        {
          FileInfo info = { 0 };
          GStatBuf st;

          if (!g_str_has_suffix (file, TILE_SUFFIX))
            continue;

          info.path = g_build_filename (subdir, file, NULL);
          if (g_stat (info.path, &st) != 0)
            {
              g_free (info.path);
              continue;
            }
          info.size = (guint64) st.st_size;
          info.mtime = (gint64) st.st_mtime;
          *total += info.size;
          g_array_append_val (files, info);
        }
    }

  return files;
}

/* Called with the lock held. */
static guint64
trim_locked (CartoTileDiskCache *self)
{
  g_autoptr(GArray) files = NULL;
  guint64 total;
  guint64 target = self->max_bytes / 100 * TRIM_TARGET_PERCENT;
  guint removed = 0;

  files = scan (self, &total);
  if (total > self->max_bytes)
    {
      g_array_sort (files, compare_mtime);
      for (guint i = 0; i < files->len && total > target; i++)
        {
          FileInfo *info = &g_array_index (files, FileInfo, i);

          /* Another process may have removed it first. */
          if (g_unlink (info->path) == 0 || errno == ENOENT)
            {
              total -= info->size;
              removed++;
            }
        }
      g_debug ("Tile disk cache trimmed: %u files removed, %" G_GUINT64_FORMAT " bytes left",
               removed, total);
    }

  self->size = total;
  self->size_known = TRUE;
  return total;
}

/* Writes a tile atomically, then trims the cache if it grew past its
 * bound. Blocking: the writer thread's. */
static gboolean
write_tile (CartoTileDiskCache *self,
            const char         *path,
            GBytes             *bytes,
            GError            **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  gsize length;
  const char *data;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Cannot create the tile cache directory: %s", g_strerror (saved_errno));
      return FALSE;
    }

  data = g_bytes_get_data (bytes, &length);
  if (!g_file_set_contents_full (path, data ? data : "", length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  if (!self->size_known)
    trim_locked (self);
  else
    {
      self->size += length;
      if (self->size > self->max_bytes)
        trim_locked (self);
    }
  g_mutex_unlock (&self->lock);

  return TRUE;
}

/* Takes the oldest pending write, or waits for one; %NULL when stopping
 * with nothing left. Called with write_lock held. */
static char *
next_pending_locked (CartoTileDiskCache *self)
{
  while (g_queue_is_empty (self->pending_paths) && !self->stopping)
    g_cond_wait (&self->write_cond, &self->write_lock);

  return g_queue_pop_head (self->pending_paths);
}

static gpointer
writer_thread (gpointer user_data)
{
  CartoTileDiskCache *self = user_data;
  char *path;

#ifdef __linux__
  /* On Linux the nice value is the calling thread's alone. */
  if (setpriority (PRIO_PROCESS, 0, LOWEST_PRIORITY) != 0)
    g_debug ("Tile disk cache writer keeps its priority: %s", g_strerror (errno));
#endif

  g_mutex_lock (&self->write_lock);
  while ((path = next_pending_locked (self)) != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_ref (g_hash_table_lookup (self->pending, path));
      g_autoptr(GError) error = NULL;

      g_mutex_unlock (&self->write_lock);

      if (!write_tile (self, path, bytes, &error))
        g_debug ("A tile was not kept on disk: %s", error->message);

      g_mutex_lock (&self->write_lock);
      self->pending_bytes -= g_bytes_get_size (bytes);
      g_hash_table_remove (self->pending, path);
      g_cond_broadcast (&self->write_cond);
      g_free (path);
    }
  g_mutex_unlock (&self->write_lock);

  return NULL;
}

static char *
tile_digest (const char           *cache_id,
             const CartoTileCoord *coord)
{
  g_autofree char *key = g_strdup_printf ("%s/%u/%u/%u", cache_id, coord->zoom, coord->x, coord->y);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
}

static char *
layergroup_path (CartoTileDiskCache *self,
                 const char         *config_id)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, config_id, -1);
  g_autofree char *name = g_strconcat (digest, ".json", NULL);

  return g_build_filename (self->directory, LAYERGROUPS_DIR, name, NULL);
}

static void
carto_tile_disk_cache_finalize (GObject *object)
{
  CartoTileDiskCache *self = CARTO_TILE_DISK_CACHE (object);

  /* The writer writes what is pending, then stops. */
  g_mutex_lock (&self->write_lock);
  self->stopping = TRUE;
  g_cond_broadcast (&self->write_cond);
  g_mutex_unlock (&self->write_lock);
  if (self->writer != NULL)
    g_thread_join (self->writer);

  g_hash_table_unref (self->pending);
  g_queue_free_full (self->pending_paths, g_free);
  g_cond_clear (&self->write_cond);
  g_mutex_clear (&self->write_lock);
  g_free (self->directory);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (carto_tile_disk_cache_parent_class)->finalize (object);
}

static void
carto_tile_disk_cache_class_init (CartoTileDiskCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carto_tile_disk_cache_finalize;
}

static void
carto_tile_disk_cache_init (CartoTileDiskCache *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->write_lock);
  g_cond_init (&self->write_cond);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  self->pending_paths = g_queue_new ();
}

/**
 * carto_tile_disk_cache_new:
 * @directory: where to keep tiles; created (mode 0700) when first written
 * @max_bytes: the size the cache is trimmed back under
 *
 * Returns: (transfer full): a cache on @directory
 */
CartoTileDiskCache *
carto_tile_disk_cache_new (const char *directory,
                           guint64     max_bytes)
{
  CartoTileDiskCache *self;

  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (CARTO_TYPE_TILE_DISK_CACHE, NULL);
  self->directory = g_strdup (directory);
  self->max_bytes = max_bytes;

  return self;
}

/**
 * carto_tile_disk_cache_get_default:
 *
 * The cache under `$XDG_CACHE_HOME/carto-viewer/tiles`, bounded to 256 MB.
 *
 * Returns: (transfer none): the process-wide disk cache
 */
CartoTileDiskCache *
carto_tile_disk_cache_get_default (void)
{
  static CartoTileDiskCache *cache;

  if (g_once_init_enter (&cache))
    {
      g_autofree char *directory = g_build_filename (g_get_user_cache_dir (), "carto-viewer", "tiles", NULL);

      g_once_init_leave (&cache, carto_tile_disk_cache_new (directory, DEFAULT_MAX_BYTES));
    }

  return cache;
}

/**
 * carto_tile_disk_cache_get_directory:
 * @self: a cache
 *
 * Returns: the cache's directory
 */
const char *
carto_tile_disk_cache_get_directory (CartoTileDiskCache *self)
{
  g_return_val_if_fail (CARTO_IS_TILE_DISK_CACHE (self), NULL);

  return self->directory;
}

/**
 * carto_tile_disk_cache_get_max_bytes:
 * @self: a cache
 *
 * Returns: the size bound
 */
guint64
carto_tile_disk_cache_get_max_bytes (CartoTileDiskCache *self)
{
  g_return_val_if_fail (CARTO_IS_TILE_DISK_CACHE (self), 0);

  return self->max_bytes;
}

/**
 * carto_tile_disk_cache_dup_path:
 * @self: a cache
 * @cache_id: the layergroup's carto_layergroup_get_cache_id()
 * @coord: the tile
 *
 * Returns: (transfer full): the file a tile is kept in
 */
char *
carto_tile_disk_cache_dup_path (CartoTileDiskCache   *self,
                                const char           *cache_id,
                                const CartoTileCoord *coord)
{
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;
  char fan[3];

  g_return_val_if_fail (CARTO_IS_TILE_DISK_CACHE (self), NULL);
  g_return_val_if_fail (cache_id != NULL, NULL);
  g_return_val_if_fail (coord != NULL, NULL);

  digest = tile_digest (cache_id, coord);
  fan[0] = digest[0];
  fan[1] = digest[1];
  fan[2] = '\0';
  name = g_strconcat (digest, TILE_SUFFIX, NULL);

  return g_build_filename (self->directory, fan, name, NULL);
}

/**
 * carto_tile_disk_cache_lookup:
 * @self: a cache
 * @cache_id: the layergroup's carto_layergroup_get_cache_id()
 * @coord: the tile
 *
 * Reads a tile; blocking, so call it from a worker thread. Thread-safe.
 *
 * Returns: (transfer full) (nullable): the tile's bytes (empty for an
 *   empty tile), or %NULL when it is not cached
 */
GBytes *
carto_tile_disk_cache_lookup (CartoTileDiskCache   *self,
                              const char           *cache_id,
                              const CartoTileCoord *coord)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  g_return_val_if_fail (CARTO_IS_TILE_DISK_CACHE (self), NULL);

  path = carto_tile_disk_cache_dup_path (self, cache_id, coord);
  {
    GBytes *pending;

    g_mutex_lock (&self->write_lock);
    pending = g_hash_table_lookup (self->pending, path);
    if (pending != NULL)
      g_bytes_ref (pending);
    g_mutex_unlock (&self->write_lock);
    if (pending != NULL)
      return pending;
  }

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Tile disk cache: cannot read a tile: %s", error->message);
      return NULL;
    }

  /* Ages drive eviction: a tile read recently is worth keeping. */
  if (g_stat (path, &st) == 0 && (gint64) st.st_mtime + TOUCH_INTERVAL_SECONDS < g_get_real_time () / G_USEC_PER_SEC)
    g_utime (path, NULL);

  return g_bytes_new_take (contents, length);
}

/**
 * carto_tile_disk_cache_store_later:
 * @self: a cache
 * @cache_id: the layergroup's carto_layergroup_get_cache_id()
 * @coord: the tile
 * @bytes: the tile as the server sent it (empty for a 204)
 *
 * Keeps a tile, written behind by a thread of the lowest priority (see
 * the top of this file); carto_tile_disk_cache_lookup() finds it at once.
 * Does not block. Thread-safe. When too much is waiting already, the
 * tile is not kept: it is only a cache.
 */
void
carto_tile_disk_cache_store_later (CartoTileDiskCache   *self,
                                   const char           *cache_id,
                                   const CartoTileCoord *coord,
                                   GBytes               *bytes)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CARTO_IS_TILE_DISK_CACHE (self));
  g_return_if_fail (bytes != NULL);

  path = carto_tile_disk_cache_dup_path (self, cache_id, coord);

  g_mutex_lock (&self->write_lock);
  if (g_hash_table_contains (self->pending, path))
    {
      /* Same tile, same layergroup: the same bytes. */
      g_mutex_unlock (&self->write_lock);
      return;
    }
  if (self->pending_bytes + g_bytes_get_size (bytes) > MAX_PENDING_BYTES || self->stopping)
    {
      g_mutex_unlock (&self->write_lock);
      g_debug ("Tile %u/%u/%u not kept on disk: too many tiles wait to be written",
               coord->zoom, coord->x, coord->y);
      return;
    }

  self->pending_bytes += g_bytes_get_size (bytes);
  g_queue_push_tail (self->pending_paths, g_strdup (path));
  g_hash_table_insert (self->pending, g_steal_pointer (&path), g_bytes_ref (bytes));
  if (self->writer == NULL)
    self->writer = g_thread_new ("carto-tile-writer", writer_thread, self);
  g_cond_broadcast (&self->write_cond);
  g_mutex_unlock (&self->write_lock);
}

/**
 * carto_tile_disk_cache_flush:
 * @self: a cache
 * @timeout_ms: how long to wait at most
 *
 * Waits until the tiles given to carto_tile_disk_cache_store_later() are
 * on disk, e.g. before the application quits. Blocking.
 *
 * Returns: whether nothing is left to write
 */
gboolean
carto_tile_disk_cache_flush (CartoTileDiskCache *self,
                             guint               timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * G_TIME_SPAN_MILLISECOND;
  gboolean done;

  g_return_val_if_fail (CARTO_IS_TILE_DISK_CACHE (self), FALSE);

  g_mutex_lock (&self->write_lock);
  while (g_hash_table_size (self->pending) > 0)
    if (!g_cond_wait_until (&self->write_cond, &self->write_lock, deadline))
      break;
  done = g_hash_table_size (self->pending) == 0;
  g_mutex_unlock (&self->write_lock);

  return done;
}

/**
 * carto_tile_disk_cache_trim:
 * @self: a cache
 *
 * Measures the cache and, when it is over its bound, deletes the least
 * recently used tiles. Blocking. Thread-safe.
 *
 * Returns: the bytes of tiles left
 */
guint64
carto_tile_disk_cache_trim (CartoTileDiskCache *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CARTO_IS_TILE_DISK_CACHE (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  return trim_locked (self);
}

/**
 * carto_tile_disk_cache_lookup_layergroup:
 * @self: a cache
 * @config_id: names the map: built from the Maps API URL, the username
 *   and the MapConfig, never from a key
 *
 * The layergroup last instantiated for @config_id, to reach the cached
 * tiles when the server cannot be reached. Blocking.
 *
 * Returns: (transfer full) (nullable): the layergroup
 */
CartoLayergroup *
carto_tile_disk_cache_lookup_layergroup (CartoTileDiskCache *self,
                                         const char         *config_id)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CARTO_IS_TILE_DISK_CACHE (self), NULL);
  g_return_val_if_fail (config_id != NULL, NULL);

  path = layergroup_path (self, config_id);
  parser = json_parser_new ();
  if (!json_parser_load_from_mapped_file (parser, path, &error) || json_parser_get_root (parser) == NULL)
    return NULL;

  return carto_layergroup_new_from_json (json_parser_get_root (parser), NULL);
}

/**
 * carto_tile_disk_cache_store_layergroup:
 * @self: a cache
 * @config_id: as for carto_tile_disk_cache_lookup_layergroup()
 * @layergroup: the map just instantiated (it holds no secret)
 * @error: return location for a #GFileError
 *
 * Remembers @layergroup for offline use. Blocking. Thread-safe.
 *
 * Returns: whether it was written
 */
gboolean
carto_tile_disk_cache_store_layergroup (CartoTileDiskCache *self,
                                        const char         *config_id,
                                        CartoLayergroup    *layergroup,
                                        GError            **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (CARTO_IS_TILE_DISK_CACHE (self), FALSE);
  g_return_val_if_fail (config_id != NULL, FALSE);
  g_return_val_if_fail (CARTO_IS_LAYERGROUP (layergroup), FALSE);

  path = layergroup_path (self, config_id);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Cannot create the tile cache directory: %s", g_strerror (saved_errno));
      return FALSE;
    }

  node = carto_layergroup_to_json (layergroup);
  text = json_to_string (node, FALSE);

  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
