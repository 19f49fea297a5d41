/* carto-layer-tile-loader.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loads one CartoLayer's tiles, decoded: the map is instantiated once
 * (shared by every tile asking at the same time), then each tile comes
 * from the in-memory cache of decoded tiles, else from the disk cache,
 * else from the server, and is decoded in a worker thread.
 *
 * The map is the layer's map SQL (carto_layer_dup_map_sql()) with the
 * layer's account and aggregation. A new source, account or aggregation
 * forgets it, and so does a style reading a column the tiles lack (the
 * loader's owner asks, carto_layer_tile_loader_check_map()):
 * #CartoLayerTileLoader::reset says so, and the next tile instantiates
 * the map again. Decoded tiles outlive styles; a style reading only
 * columns the map has is served from them, without the network.
 *
 * Several loads of one tile (two scale factors, a repaint after a
 * restyle, a pick) share one fetch. When every load waiting for a fetch
 * is cancelled (the map moved on), the fetch is cancelled too, so tiles
 * out of view never hold a connection that a visible tile needs.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "carto-layer-private.h"
#include "carto-layer-tile-loader.h"
#include "carto-maps-client.h"
#include "carto-tile-fetcher.h"

/* A tile's memory once decoded, from its MVT size: points take 8 bytes
 * where the wire has 2-3, plus the per-feature arrays. */
#define DECODED_COST_FACTOR 4
#define DECODED_COST_BASE 1024

struct _CartoLayerTileLoader
{
  GObject parent_instance;

  /* owned */
  CartoLayer *layer;
  SoupSession *session;
  CartoTileCache *tile_cache;
  CartoTileDiskCache *disk_cache;
  CartoTileFetcher *fetcher;
  char *map_sql;               /* the fetcher's */
  char *layergroup_id;
  GHashTable *loads;           /* key → TileLoad, referenced */
  GMainContext *context;

  /* state */
  gulong fetcher_notify_id;
  guint next_waiter_id;
};

G_DEFINE_FINAL_TYPE (CartoLayerTileLoader, carto_layer_tile_loader, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LAYER,
  PROP_SESSION,
  PROP_TILE_CACHE,
  PROP_DISK_CACHE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RESET,
  DATA_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char load_tag[] = "carto_layer_tile_loader_load_async";

/* One caller waiting for a tile: its task is answered when the tile is
 * decoded, or failed, or the caller cancelled. */
typedef struct
{
  guint id;
  GTask *task;
  gulong cancel_id;
} Waiter;

typedef struct
{
  gatomicrefcount ref_count;
  CartoLayerTileLoader *loader;
  char *key;
  CartoTileFetcher *fetcher;
  CartoLayergroup *layergroup;
  CartoTileCoord coord;
  GCancellable *cancellable;
  GPtrArray *waiters;          /* Waiter */
  gboolean done;
} TileLoad;

typedef struct
{
  TileLoad *load;
  guint waiter_id;
} CancelData;

typedef struct
{
  CartoTileCoord coord;
  CartoTileFetcher *fetcher;
} LoadData;

typedef struct
{
  CartoMvtTile *tile;
  CartoLayergroup *layergroup;
} Loaded;

typedef struct
{
  CartoTileCache *tile_cache;
  CartoTileDiskCache *disk_cache;
  char *cache_id;
  CartoTileCoord coord;
  GBytes *bytes;
} DecodeData;

typedef struct
{
  TileLoad *load;
  CartoLayergroup *layergroup;
} DecodeCall;

static void
waiter_free (Waiter *waiter)
{
  g_clear_object (&waiter->task);
  g_free (waiter);
}

static TileLoad *
tile_load_ref (TileLoad *load)
{
  g_atomic_ref_count_inc (&load->ref_count);
  return load;
}

static void
tile_load_unref (TileLoad *load)
{
  if (!g_atomic_ref_count_dec (&load->ref_count))
    return;

  g_clear_object (&load->loader);
  g_free (load->key);
  g_clear_object (&load->fetcher);
  g_clear_object (&load->layergroup);
  g_clear_object (&load->cancellable);
  g_clear_pointer (&load->waiters, g_ptr_array_unref);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TileLoad, tile_load_unref)

static void
cancel_data_free (CancelData *data)
{
  tile_load_unref (data->load);
  g_free (data);
}

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->fetcher);
  g_free (data);
}

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->tile, carto_mvt_tile_unref);
  g_clear_object (&loaded->layergroup);
  g_free (loaded);
}

static void
decode_data_free (DecodeData *data)
{
  g_clear_object (&data->tile_cache);
  g_clear_object (&data->disk_cache);
  g_free (data->cache_id);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

static char *
load_key (CartoLayergroup      *layergroup,
          const CartoTileCoord *coord)
{
  return g_strdup_printf ("%s/%u/%u/%u", carto_layergroup_get_cache_id (layergroup),
                          coord->zoom, coord->x, coord->y);
}

static void
return_tile (GTask           *task,
             CartoMvtTile    *tile,
             CartoLayergroup *layergroup)
{
  Loaded *loaded = g_new0 (Loaded, 1);

  loaded->tile = carto_mvt_tile_ref (tile);
  loaded->layergroup = g_object_ref (layergroup);
  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

/* The map and its fetcher */

static void
on_fetcher_layergroup_notify_cb (CartoTileFetcher     *fetcher,
                                 GParamSpec           *pspec,
                                 CartoLayerTileLoader *self)
{
  CartoLayergroup *layergroup = carto_tile_fetcher_get_layergroup (fetcher);
  const char *id;

  if (layergroup == NULL)
    return;

  id = carto_layergroup_get_id (layergroup);
  if (self->layergroup_id != NULL && g_strcmp0 (self->layergroup_id, id) != 0)
    {
      /* Instantiated again with a new id: the data changed
       * (docs/carto-api.md §5.7). */
      g_free (self->layergroup_id);
      self->layergroup_id = g_strdup (id);
      g_signal_emit (self, signals[DATA_CHANGED], 0);
      return;
    }

  g_free (self->layergroup_id);
  self->layergroup_id = g_strdup (id);
}

static void
drop_fetcher (CartoLayerTileLoader *self)
{
  if (self->fetcher != NULL)
    g_clear_signal_handler (&self->fetcher_notify_id, self->fetcher);
  g_clear_object (&self->fetcher);
  g_clear_pointer (&self->map_sql, g_free);
  g_clear_pointer (&self->layergroup_id, g_free);
}

static CartoTileFetcher *
ensure_fetcher (CartoLayerTileLoader *self)
{
  CartoCredentials *credentials;
  CartoMapsConfigFlags flags;

  if (self->fetcher != NULL)
    return self->fetcher;

  credentials = carto_layer_get_effective_credentials (self->layer);
  if (credentials == NULL)
    return NULL;

  flags = carto_layer_get_aggregation (self->layer) ? CARTO_MAPS_CONFIG_AGGREGATE : CARTO_MAPS_CONFIG_FLAGS_NONE;
  self->map_sql = carto_layer_dup_map_sql (self->layer);
  self->fetcher = carto_tile_fetcher_new (self->session, credentials, self->map_sql, flags, self->disk_cache);
  self->fetcher_notify_id =
    g_signal_connect_object (self->fetcher, "notify::layergroup",
                             G_CALLBACK (on_fetcher_layergroup_notify_cb), self, 0);

  return self->fetcher;
}

/* The map's configuration changed: a new map, and every tile is stale. */
static void
reset (CartoLayerTileLoader *self)
{
  drop_fetcher (self);
  g_signal_emit (self, signals[RESET], 0);
}

static void
on_layer_map_notify_cb (CartoLayer           *layer,
                        GParamSpec           *pspec,
                        CartoLayerTileLoader *self)
{
  reset (self);
}

/* Loading tiles, shared by everyone waiting for them */

static void
complete_load (TileLoad        *load,
               CartoMvtTile    *tile,
               CartoLayergroup *layergroup,
               const GError    *error)
{
  g_autoptr(GPtrArray) waiters = NULL;

  if (load->done)
    return;
  load->done = TRUE;

  if (g_hash_table_lookup (load->loader->loads, load->key) == load)
    g_hash_table_remove (load->loader->loads, load->key);

  waiters = g_steal_pointer (&load->waiters);
  load->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);

  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiters, i);

      g_cancellable_disconnect (g_task_get_cancellable (waiter->task), waiter->cancel_id);
      waiter->cancel_id = 0;
      if (tile != NULL)
        return_tile (waiter->task, tile, layergroup);
      else
        g_task_return_error (waiter->task, g_error_copy (error));
    }
}

static gboolean
waiter_cancelled_idle_cb (gpointer user_data)
{
  CancelData *data = user_data;
  TileLoad *load = data->load;

  if (load->done)
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < load->waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (load->waiters, i);

      if (waiter->id != data->waiter_id)
        continue;

      g_cancellable_disconnect (g_task_get_cancellable (waiter->task), waiter->cancel_id);
      waiter->cancel_id = 0;
      g_ptr_array_steal_index (load->waiters, i);

      g_task_return_new_error (waiter->task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      waiter_free (waiter);
      break;
    }

  /* Nobody wants the tile any more: free the connection for one they do. */
  if (load->waiters->len == 0)
    {
      g_cancellable_cancel (load->cancellable);
      if (g_hash_table_lookup (load->loader->loads, load->key) == load)
        g_hash_table_remove (load->loader->loads, load->key);
      load->done = TRUE;
    }

  return G_SOURCE_REMOVE;
}

/* Runs in the thread that cancelled (any thread): hop to the loader's. */
static void
on_waiter_cancelled_cb (GCancellable *cancellable,
                        gpointer      user_data)
{
  CancelData *data = user_data;
  CancelData *copy = g_new0 (CancelData, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  copy->load = tile_load_ref (data->load);
  copy->waiter_id = data->waiter_id;
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, waiter_cancelled_idle_cb, copy, (GDestroyNotify) cancel_data_free);
  g_source_attach (source, data->load->loader->context);
}

static void
add_waiter (TileLoad *load,
            GTask    *task)
{
  Waiter *waiter = g_new0 (Waiter, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  waiter->id = ++load->loader->next_waiter_id;
  waiter->task = task;
  g_ptr_array_add (load->waiters, waiter);

  if (cancellable != NULL)
    {
      CancelData *data = g_new0 (CancelData, 1);

      data->load = tile_load_ref (load);
      data->waiter_id = waiter->id;
      /* Runs the callback at once when already cancelled; the idle it
       * adds then finds the waiter in place. */
      waiter->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_waiter_cancelled_cb),
                                                 data, (GDestroyNotify) cancel_data_free);
    }
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DecodeData *data = task_data;
  g_autoptr(GError) error = NULL;
  CartoMvtTile *tile;

  tile = carto_mvt_tile_decode (data->bytes, &error);
  if (tile == NULL)
    {
      g_debug ("Tile %u/%u/%u cannot be decoded: %s",
               data->coord.zoom, data->coord.x, data->coord.y, error->message);
      g_task_return_new_error (task, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_BAD_RESPONSE,
                               _("The server sent a damaged tile."));
      return;
    }

  /* Only what decodes is kept, so a damaged tile is asked for again. */
  carto_tile_cache_insert (data->tile_cache, data->cache_id, &data->coord, tile,
                           g_bytes_get_size (data->bytes) * DECODED_COST_FACTOR + DECODED_COST_BASE);
  if (data->disk_cache != NULL)
    carto_tile_disk_cache_store_later (data->disk_cache, data->cache_id, &data->coord, data->bytes);
  g_task_return_pointer (task, tile, (GDestroyNotify) carto_mvt_tile_unref);
}

static void
decode_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  DecodeCall *call = user_data;
  g_autoptr(TileLoad) load = call->load;
  g_autoptr(CartoLayergroup) layergroup = call->layergroup;
  g_autoptr(CartoMvtTile) tile = NULL;
  g_autoptr(GError) error = NULL;

  g_free (call);
  tile = g_task_propagate_pointer (G_TASK (result), &error);
  complete_load (load, tile, layergroup, error);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TileLoad) load = user_data;
  CartoLayerTileLoader *self = load->loader;
  g_autoptr(CartoLayergroup) layergroup = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  DecodeData *data;
  DecodeCall *call;

  bytes = carto_tile_fetcher_fetch_finish (CARTO_TILE_FETCHER (object), result, &layergroup, &error);
  if (bytes == NULL)
    {
      complete_load (load, NULL, NULL, error);
      return;
    }

  data = g_new0 (DecodeData, 1);
  data->tile_cache = g_object_ref (self->tile_cache);
  data->disk_cache = self->disk_cache ? g_object_ref (self->disk_cache) : NULL;
  data->cache_id = g_strdup (carto_layergroup_get_cache_id (layergroup));
  data->coord = load->coord;
  data->bytes = g_steal_pointer (&bytes);

  call = g_new0 (DecodeCall, 1);
  call->load = tile_load_ref (load);
  call->layergroup = g_steal_pointer (&layergroup);

  task = g_task_new (NULL, NULL, decode_cb, call);
  g_task_set_task_data (task, data, (GDestroyNotify) decode_data_free);
  g_task_run_in_thread (task, decode_thread);
}

static void
disk_lookup_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  DecodeData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CartoMvtTile *tile;

  bytes = carto_tile_disk_cache_lookup (data->disk_cache, data->cache_id, &data->coord);
  if (bytes == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  tile = carto_mvt_tile_decode (bytes, &error);
  if (tile == NULL)
    {
      g_debug ("Cached tile %u/%u/%u is damaged: %s",
               data->coord.zoom, data->coord.x, data->coord.y, error->message);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  carto_tile_cache_insert (data->tile_cache, data->cache_id, &data->coord, tile,
                           g_bytes_get_size (bytes) * DECODED_COST_FACTOR + DECODED_COST_BASE);
  g_task_return_pointer (task, tile, (GDestroyNotify) carto_mvt_tile_unref);
}

static void
disk_lookup_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TileLoad) load = user_data;
  g_autoptr(CartoMvtTile) tile = NULL;

  tile = g_task_propagate_pointer (G_TASK (result), NULL);
  if (tile != NULL)
    {
      complete_load (load, tile, load->layergroup, NULL);
      return;
    }

  if (load->done)
    return;

  carto_tile_fetcher_fetch_async (load->fetcher, load->layergroup, &load->coord, load->cancellable,
                                  fetch_cb, tile_load_ref (load));
}

/* Gets the decoded tile for @task: one load per tile, whoever asks. */
static void
request_tile (CartoLayerTileLoader *self,
              CartoTileFetcher     *fetcher,
              CartoLayergroup      *layergroup,
              const CartoTileCoord *coord,
              GTask                *task)
{
  g_autofree char *key = load_key (layergroup, coord);
  TileLoad *load;

  load = g_hash_table_lookup (self->loads, key);
  if (load != NULL)
    {
      add_waiter (load, task);
      return;
    }

  load = g_new0 (TileLoad, 1);
  g_atomic_ref_count_init (&load->ref_count);
  load->loader = g_object_ref (self);
  load->key = g_steal_pointer (&key);
  load->fetcher = g_object_ref (fetcher);
  load->layergroup = g_object_ref (layergroup);
  load->coord = *coord;
  load->cancellable = g_cancellable_new ();
  load->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  g_hash_table_insert (self->loads, load->key, load);

  add_waiter (load, task);

  if (self->disk_cache != NULL)
    {
      g_autoptr(GTask) lookup = NULL;
      DecodeData *data = g_new0 (DecodeData, 1);

      data->tile_cache = g_object_ref (self->tile_cache);
      data->disk_cache = g_object_ref (self->disk_cache);
      data->cache_id = g_strdup (carto_layergroup_get_cache_id (layergroup));
      data->coord = *coord;

      lookup = g_task_new (NULL, NULL, disk_lookup_cb, tile_load_ref (load));
      g_task_set_task_data (lookup, data, (GDestroyNotify) decode_data_free);
      /* A miss is a few microseconds and lets the request go out: ahead
       * of the tiles being painted, GLib's pool runs it first. */
      g_task_set_priority (lookup, G_PRIORITY_HIGH);
      g_task_run_in_thread (lookup, disk_lookup_thread);
      return;
    }

  carto_tile_fetcher_fetch_async (fetcher, layergroup, coord, load->cancellable,
                                  fetch_cb, tile_load_ref (load));
}

static void
load_layergroup_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CartoLayerTileLoader *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(CartoLayergroup) layergroup = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  GError *error = NULL;

  layergroup = carto_tile_fetcher_ensure_layergroup_finish (CARTO_TILE_FETCHER (object), result, &error);
  if (layergroup == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  tile = carto_tile_cache_lookup (self->tile_cache, carto_layergroup_get_cache_id (layergroup), &data->coord);
  if (tile != NULL)
    {
      return_tile (task, tile, layergroup);
      return;
    }

  request_tile (self, data->fetcher, layergroup, &data->coord, g_steal_pointer (&task));
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CartoLayergroup) layergroup = NULL;
  g_autoptr(GError) error = NULL;

  /* A failure is the fetcher's to remember or retry: the first tile
   * reports it. */
  layergroup = carto_tile_fetcher_ensure_layergroup_finish (CARTO_TILE_FETCHER (object), result, &error);
  if (layergroup == NULL)
    g_debug ("Map not instantiated ahead of its tiles: %s", error->message);
}

/* GObject */

static void
carto_layer_tile_loader_constructed (GObject *object)
{
  CartoLayerTileLoader *self = CARTO_LAYER_TILE_LOADER (object);

  G_OBJECT_CLASS (carto_layer_tile_loader_parent_class)->constructed (object);

  g_assert (CARTO_IS_LAYER (self->layer));
  g_assert (SOUP_IS_SESSION (self->session));

  if (self->tile_cache == NULL)
    self->tile_cache = g_object_ref (carto_tile_cache_get_default ());

  g_signal_connect_object (self->layer, "notify::source", G_CALLBACK (on_layer_map_notify_cb), self, 0);
  g_signal_connect_object (self->layer, "notify::effective-credentials", G_CALLBACK (on_layer_map_notify_cb), self, 0);
  g_signal_connect_object (self->layer, "notify::aggregation", G_CALLBACK (on_layer_map_notify_cb), self, 0);
}

static void
carto_layer_tile_loader_dispose (GObject *object)
{
  CartoLayerTileLoader *self = CARTO_LAYER_TILE_LOADER (object);

  drop_fetcher (self);

  G_OBJECT_CLASS (carto_layer_tile_loader_parent_class)->dispose (object);
}

static void
carto_layer_tile_loader_finalize (GObject *object)
{
  CartoLayerTileLoader *self = CARTO_LAYER_TILE_LOADER (object);

  g_clear_object (&self->layer);
  g_clear_object (&self->session);
  g_clear_object (&self->tile_cache);
  g_clear_object (&self->disk_cache);
  g_clear_pointer (&self->loads, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (carto_layer_tile_loader_parent_class)->finalize (object);
}

static void
carto_layer_tile_loader_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  CartoLayerTileLoader *self = CARTO_LAYER_TILE_LOADER (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      g_value_set_object (value, self->layer);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_TILE_CACHE:
      g_value_set_object (value, self->tile_cache);
      break;
    case PROP_DISK_CACHE:
      g_value_set_object (value, self->disk_cache);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_layer_tile_loader_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  CartoLayerTileLoader *self = CARTO_LAYER_TILE_LOADER (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      self->layer = g_value_dup_object (value);
      break;
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_TILE_CACHE:
      self->tile_cache = g_value_dup_object (value);
      break;
    case PROP_DISK_CACHE:
      self->disk_cache = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_layer_tile_loader_class_init (CartoLayerTileLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = carto_layer_tile_loader_constructed;
  object_class->dispose = carto_layer_tile_loader_dispose;
  object_class->finalize = carto_layer_tile_loader_finalize;
  object_class->get_property = carto_layer_tile_loader_get_property;
  object_class->set_property = carto_layer_tile_loader_set_property;

  /**
   * CartoLayerTileLoader:layer:
   *
   * The layer whose tiles are loaded.
   */
  properties[PROP_LAYER] =
    g_param_spec_object ("layer", NULL, NULL, CARTO_TYPE_LAYER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayerTileLoader:session:
   *
   * The shared session requests go through.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayerTileLoader:tile-cache:
   *
   * Where decoded tiles are kept; the process-wide cache by default.
   */
  properties[PROP_TILE_CACHE] =
    g_param_spec_object ("tile-cache", NULL, NULL, CARTO_TYPE_TILE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayerTileLoader:disk-cache:
   *
   * Where raw tiles are kept across runs, or %NULL for none.
   */
  properties[PROP_DISK_CACHE] =
    g_param_spec_object ("disk-cache", NULL, NULL, CARTO_TYPE_TILE_DISK_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CartoLayerTileLoader::reset:
   * @self: the loader
   *
   * The map was forgotten: the layer's source, account or aggregation
   * changed, a style needs columns the tiles lack, or
   * carto_layer_tile_loader_reload() was called. Tiles loaded before are
   * stale; the next load instantiates the map again.
   */
  signals[RESET] =
    g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * CartoLayerTileLoader::data-changed:
   * @self: the loader
   *
   * The server instantiated the same map again with a new id: its data
   * changed (§5.7), so tiles loaded before are stale.
   */
  signals[DATA_CHANGED] =
    g_signal_new ("data-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
carto_layer_tile_loader_init (CartoLayerTileLoader *self)
{
  /* Keys belong to their loads; the table holds a reference on each. */
  self->loads = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) tile_load_unref);
  self->context = g_main_context_ref_thread_default ();
}

/* Public API */

/**
 * carto_layer_tile_loader_new:
 * @layer: the layer whose tiles to load
 * @session: the shared session
 * @tile_cache: (nullable): where decoded tiles are kept; %NULL for the
 *   process-wide cache
 * @disk_cache: (nullable): where raw tiles are kept across runs; %NULL
 *   for none
 *
 * Create it, and use it, on the main thread (its loads complete on the
 * thread-default main context it was created in).
 *
 * Returns: (transfer full): a loader
 */
CartoLayerTileLoader *
carto_layer_tile_loader_new (CartoLayer         *layer,
                             SoupSession        *session,
                             CartoTileCache     *tile_cache,
                             CartoTileDiskCache *disk_cache)
{
  g_return_val_if_fail (CARTO_IS_LAYER (layer), NULL);
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (tile_cache == NULL || CARTO_IS_TILE_CACHE (tile_cache), NULL);
  g_return_val_if_fail (disk_cache == NULL || CARTO_IS_TILE_DISK_CACHE (disk_cache), NULL);

  return g_object_new (CARTO_TYPE_LAYER_TILE_LOADER,
                       "layer", layer,
                       "session", session,
                       "tile-cache", tile_cache,
                       "disk-cache", disk_cache,
                       NULL);
}

/**
 * carto_layer_tile_loader_get_layer:
 * @self: a loader
 *
 * Returns: (transfer none): the layer whose tiles are loaded
 */
CartoLayer *
carto_layer_tile_loader_get_layer (CartoLayerTileLoader *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER_TILE_LOADER (self), NULL);

  return self->layer;
}

/**
 * carto_layer_tile_loader_get_session:
 * @self: a loader
 *
 * Returns: (transfer none): the session requests go through
 */
SoupSession *
carto_layer_tile_loader_get_session (CartoLayerTileLoader *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER_TILE_LOADER (self), NULL);

  return self->session;
}

/**
 * carto_layer_tile_loader_get_tile_cache:
 * @self: a loader
 *
 * Returns: (transfer none): where decoded tiles are kept
 */
CartoTileCache *
carto_layer_tile_loader_get_tile_cache (CartoLayerTileLoader *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER_TILE_LOADER (self), NULL);

  return self->tile_cache;
}

/**
 * carto_layer_tile_loader_get_disk_cache:
 * @self: a loader
 *
 * Returns: (transfer none) (nullable): where raw tiles are kept
 */
CartoTileDiskCache *
carto_layer_tile_loader_get_disk_cache (CartoLayerTileLoader *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER_TILE_LOADER (self), NULL);

  return self->disk_cache;
}

/**
 * carto_layer_tile_loader_get_layergroup:
 * @self: a loader
 *
 * Returns: (transfer none) (nullable): the map tiles come from, once
 *   instantiated
 */
CartoLayergroup *
carto_layer_tile_loader_get_layergroup (CartoLayerTileLoader *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER_TILE_LOADER (self), NULL);

  return self->fetcher ? carto_tile_fetcher_get_layergroup (self->fetcher) : NULL;
}

/**
 * carto_layer_tile_loader_prepare:
 * @self: a loader
 *
 * Instantiates the map ahead of its tiles. It takes a round trip and the
 * server's planning of the query; started when the layer is added, it
 * overlaps the window showing and the map laying out its tiles. A
 * failure is reported by the first load.
 */
void
carto_layer_tile_loader_prepare (CartoLayerTileLoader *self)
{
  CartoTileFetcher *fetcher;

  g_return_if_fail (CARTO_IS_LAYER_TILE_LOADER (self));

  fetcher = ensure_fetcher (self);
  if (fetcher != NULL)
    carto_tile_fetcher_ensure_layergroup_async (fetcher, NULL, prepare_cb, NULL);
}

/**
 * carto_layer_tile_loader_reload:
 * @self: a loader
 *
 * Forgets the map and any failure remembered (a "Retry" after an error),
 * and emits #CartoLayerTileLoader::reset. Tiles already decoded are
 * reused if the server gives the same map back.
 */
void
carto_layer_tile_loader_reload (CartoLayerTileLoader *self)
{
  g_return_if_fail (CARTO_IS_LAYER_TILE_LOADER (self));

  reset (self);
}

/**
 * carto_layer_tile_loader_check_map:
 * @self: a loader
 *
 * Checks the map against the layer's map SQL, for whoever follows the
 * layer's style: a style reading a column the tiles lack changes that
 * SQL, and the map is then forgotten as by
 * carto_layer_tile_loader_reload(). A style reading only columns the
 * tiles have changes nothing here: repaint from the tiles.
 *
 * Returns: whether the map was forgotten (and
 *   #CartoLayerTileLoader::reset emitted)
 */
gboolean
carto_layer_tile_loader_check_map (CartoLayerTileLoader *self)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CARTO_IS_LAYER_TILE_LOADER (self), FALSE);

  if (self->fetcher == NULL)
    return FALSE;

  sql = carto_layer_dup_map_sql (self->layer);
  if (g_str_equal (sql, self->map_sql))
    return FALSE;

  reset (self);
  return TRUE;
}

/**
 * carto_layer_tile_loader_lookup:
 * @self: a loader
 * @coord: a tile
 * @layergroup: (out) (optional) (transfer none): the map the tile comes
 *   from
 *
 * Finds a tile of the current map among those decoded in memory, without
 * I/O: cheap enough for hover on the main thread.
 *
 * Returns: (transfer full) (nullable): the tile, or %NULL when it is not
 *   in memory or the map is not instantiated yet
 */
CartoMvtTile *
carto_layer_tile_loader_lookup (CartoLayerTileLoader  *self,
                                const CartoTileCoord  *coord,
                                CartoLayergroup      **layergroup)
{
  CartoLayergroup *current;

  g_return_val_if_fail (CARTO_IS_LAYER_TILE_LOADER (self), NULL);
  g_return_val_if_fail (coord != NULL, NULL);

  if (layergroup != NULL)
    *layergroup = NULL;
  current = carto_layer_tile_loader_get_layergroup (self);
  if (current == NULL)
    return NULL;

  if (layergroup != NULL)
    *layergroup = current;
  return carto_tile_cache_lookup (self->tile_cache, carto_layergroup_get_cache_id (current), coord);
}

/**
 * carto_layer_tile_loader_load_async:
 * @self: a loader
 * @coord: the tile
 * @cancellable: (nullable): cancels this load; the fetch stops only when
 *   every load waiting for it is cancelled
 * @callback: called on the loader's main context
 * @user_data: for @callback
 *
 * Loads a tile, decoded: instantiating the map first if needed, then
 * from memory, the disk cache or the server, in that order. Loads of one
 * tile at the same time share one fetch.
 */
void
carto_layer_tile_loader_load_async (CartoLayerTileLoader *self,
                                    const CartoTileCoord *coord,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  CartoTileFetcher *fetcher;
  LoadData *data;

  g_return_if_fail (CARTO_IS_LAYER_TILE_LOADER (self));
  g_return_if_fail (coord != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) load_tag);

  fetcher = ensure_fetcher (self);
  if (fetcher == NULL)
    {
      g_task_return_error (task, carto_layer_new_no_account_error (self->layer));
      return;
    }

  data = g_new0 (LoadData, 1);
  data->coord = *coord;
  data->fetcher = g_object_ref (fetcher);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  carto_tile_fetcher_ensure_layergroup_async (fetcher, cancellable, load_layergroup_cb, g_steal_pointer (&task));
}

/**
 * carto_layer_tile_loader_load_finish:
 * @self: a loader
 * @result: the result passed to the callback
 * @layergroup: (out) (optional) (transfer full): the map the tile comes
 *   from (its MVT layer name is what to draw)
 * @error: return location for a %CARTO_MAPS_ERROR or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the decoded tile, or %NULL with
 *   @error set
 */
CartoMvtTile *
carto_layer_tile_loader_load_finish (CartoLayerTileLoader  *self,
                                     GAsyncResult          *result,
                                     CartoLayergroup      **layergroup,
                                     GError               **error)
{
  Loaded *loaded;
  CartoMvtTile *tile;

  g_return_val_if_fail (CARTO_IS_LAYER_TILE_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == (gpointer) load_tag, NULL);

  if (layergroup != NULL)
    *layergroup = NULL;
  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return NULL;

  tile = g_steal_pointer (&loaded->tile);
  if (layergroup != NULL)
    *layergroup = g_steal_pointer (&loaded->layergroup);
  loaded_free (loaded);
  return tile;
}
