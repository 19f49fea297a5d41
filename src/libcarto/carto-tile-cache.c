/* carto-tile-cache.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decoded vector tiles, kept in memory so a restyle repaints the visible
 * tiles without the network and without decoding again. Least recently
 * used tiles go first once the count or the size bound is passed. Keys are
 * a layergroup's cache id (a digest of its key-less tile URL) and the tile
 * coordinates, so two layers with the same map share tiles and no key ever
 * reaches a cache key. Render threads and the main thread use it at once.
 */

#include "config.h"

#include "carto-tile-cache.h"

/* A 1280×800 window shows about 24 tiles; this keeps a few zoom levels of
 * a few layers, and the byte bound keeps z0-z2 tiles of big point tables
 * (several MB decoded each) from eating the memory. */
#define DEFAULT_MAX_TILES 512
#define DEFAULT_MAX_BYTES (192 * 1024 * 1024)

typedef struct
{
  char *key;
  CartoMvtTile *tile;
  gsize cost;
} Entry;

struct _CartoTileCache
{
  GObject parent_instance;

  GMutex lock;
  GHashTable *entries;   /* key → GList link of @lru */
  GQueue lru;            /* Entry, most recent first */
  gsize size;
  guint max_tiles;
  gsize max_bytes;
};

G_DEFINE_FINAL_TYPE (CartoTileCache, carto_tile_cache, G_TYPE_OBJECT)

static void
entry_free (Entry *entry)
{
  g_free (entry->key);
  carto_mvt_tile_unref (entry->tile);
  g_free (entry);
}

static char *
make_key (const char           *cache_id,
          const CartoTileCoord *coord)
{
  return g_strdup_printf ("%s/%u/%u/%u", cache_id, coord->zoom, coord->x, coord->y);
}

static void
remove_link (CartoTileCache *self,
             GList          *link)
{
  Entry *entry = link->data;

  g_hash_table_remove (self->entries, entry->key);
  g_queue_delete_link (&self->lru, link);
  self->size -= entry->cost;
  entry_free (entry);
}

static void
evict (CartoTileCache *self)
{
  /* The newest entry stays even if it alone is over the size bound: it is
   * the tile being drawn. */
  while (self->lru.length > 1 &&
         (self->lru.length > self->max_tiles || self->size > self->max_bytes))
    remove_link (self, self->lru.tail);
}

static void
carto_tile_cache_finalize (GObject *object)
{
  CartoTileCache *self = CARTO_TILE_CACHE (object);

  g_hash_table_destroy (self->entries);
  g_queue_clear_full (&self->lru, (GDestroyNotify) entry_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (carto_tile_cache_parent_class)->finalize (object);
}

static void
carto_tile_cache_class_init (CartoTileCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carto_tile_cache_finalize;
}

static void
carto_tile_cache_init (CartoTileCache *self)
{
  g_mutex_init (&self->lock);
  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->lru);
}

/**
 * carto_tile_cache_new:
 * @max_tiles: how many tiles to keep at most (at least 1)
 * @max_bytes: how many bytes of tiles to keep at most, as the costs given
 *   to carto_tile_cache_insert() add up
 *
 * Returns: (transfer full): an empty cache
 */
CartoTileCache *
carto_tile_cache_new (guint max_tiles,
                      gsize max_bytes)
{
  CartoTileCache *self;

  g_return_val_if_fail (max_tiles > 0, NULL);

  self = g_object_new (CARTO_TYPE_TILE_CACHE, NULL);
  self->max_tiles = max_tiles;
  self->max_bytes = max_bytes;

  return self;
}

/**
 * carto_tile_cache_get_default:
 *
 * The cache layer painters share unless given another: 512 tiles or
 * 192 MB.
 *
 * Returns: (transfer none): the process-wide cache
 */
CartoTileCache *
carto_tile_cache_get_default (void)
{
  static CartoTileCache *cache;

  if (g_once_init_enter (&cache))
    g_once_init_leave (&cache, carto_tile_cache_new (DEFAULT_MAX_TILES, DEFAULT_MAX_BYTES));

  return cache;
}

/**
 * carto_tile_cache_lookup:
 * @self: a cache
 * @cache_id: the layergroup's carto_layergroup_get_cache_id()
 * @coord: the tile
 *
 * Thread-safe. A hit becomes the most recently used tile.
 *
 * Returns: (transfer full) (nullable): a reference to the decoded tile
 */
CartoMvtTile *
carto_tile_cache_lookup (CartoTileCache       *self,
                         const char           *cache_id,
                         const CartoTileCoord *coord)
{
  g_autofree char *key = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  GList *link;

  g_return_val_if_fail (CARTO_IS_TILE_CACHE (self), NULL);
  g_return_val_if_fail (cache_id != NULL, NULL);
  g_return_val_if_fail (coord != NULL, NULL);

  key = make_key (cache_id, coord);
  locker = g_mutex_locker_new (&self->lock);

  link = g_hash_table_lookup (self->entries, key);
  if (link == NULL)
    return NULL;

  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);

  return carto_mvt_tile_ref (((Entry *) link->data)->tile);
}

/**
 * carto_tile_cache_insert:
 * @self: a cache
 * @cache_id: the layergroup's carto_layergroup_get_cache_id()
 * @coord: the tile
 * @tile: the decoded tile; the cache takes a reference
 * @cost: what the tile counts against the byte bound (about its memory)
 *
 * Adds or replaces a tile, then drops the least recently used ones past
 * the bounds. Thread-safe.
 */
void
carto_tile_cache_insert (CartoTileCache       *self,
                         const char           *cache_id,
                         const CartoTileCoord *coord,
                         CartoMvtTile         *tile,
                         gsize                 cost)
{
  g_autoptr(GMutexLocker) locker = NULL;
  Entry *entry;
  GList *old;

  g_return_if_fail (CARTO_IS_TILE_CACHE (self));
  g_return_if_fail (cache_id != NULL);
  g_return_if_fail (coord != NULL);
  g_return_if_fail (tile != NULL);

  entry = g_new0 (Entry, 1);
  entry->key = make_key (cache_id, coord);
  entry->tile = carto_mvt_tile_ref (tile);
  entry->cost = cost;

  locker = g_mutex_locker_new (&self->lock);

  old = g_hash_table_lookup (self->entries, entry->key);
  if (old != NULL)
    remove_link (self, old);

  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->entries, entry->key, self->lru.head);
  self->size += cost;

  evict (self);
}

/**
 * carto_tile_cache_clear:
 * @self: a cache
 *
 * Drops every tile.
 */
void
carto_tile_cache_clear (CartoTileCache *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_if_fail (CARTO_IS_TILE_CACHE (self));

  locker = g_mutex_locker_new (&self->lock);
  g_hash_table_remove_all (self->entries);
  g_queue_clear_full (&self->lru, (GDestroyNotify) entry_free);
  self->size = 0;
}

/**
 * carto_tile_cache_get_n_tiles:
 * @self: a cache
 *
 * Returns: how many tiles are kept
 */
guint
carto_tile_cache_get_n_tiles (CartoTileCache *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CARTO_IS_TILE_CACHE (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  return self->lru.length;
}

/**
 * carto_tile_cache_get_size:
 * @self: a cache
 *
 * Returns: the sum of the kept tiles' costs
 */
gsize
carto_tile_cache_get_size (CartoTileCache *self)
{
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (CARTO_IS_TILE_CACHE (self), 0);

  locker = g_mutex_locker_new (&self->lock);
  return self->size;
}

/**
 * carto_tile_cache_get_max_tiles:
 * @self: a cache
 *
 * Returns: the count bound
 */
guint
carto_tile_cache_get_max_tiles (CartoTileCache *self)
{
  g_return_val_if_fail (CARTO_IS_TILE_CACHE (self), 0);

  return self->max_tiles;
}

/**
 * carto_tile_cache_get_max_bytes:
 * @self: a cache
 *
 * Returns: the size bound
 */
gsize
carto_tile_cache_get_max_bytes (CartoTileCache *self)
{
  g_return_val_if_fail (CARTO_IS_TILE_CACHE (self), 0);

  return self->max_bytes;
}
