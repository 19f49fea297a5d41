/* carto-layer-painter.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paints one CartoLayer's tiles: the map is instantiated once (shared by
 * every tile asking at the same time), then each tile comes from the
 * in-memory cache of decoded tiles, else from the disk cache, else from
 * the server, and is drawn with the layer's style in a worker thread.
 *
 * Decoded tiles outlive styles: a restyle emits #CartoTilePainter::changed
 * and the tiles painted again come from memory, without the network. A
 * new source, new credentials, aggregation or a style needing other
 * columns changes the map's SQL, so the map is instantiated again.
 *
 * Several paints of one tile (two scale factors, a repaint after a
 * restyle, a pick) share one fetch. When every paint waiting for a fetch
 * is cancelled (the map moved on), the fetch is cancelled too, so tiles
 * out of view never hold a connection that a visible tile needs.
 *
 * The layer's state follows the paints: LOADING while any is in flight,
 * then READY, or ERROR with the first failure's message (the server's).
 * A layer without effective credentials (no account, or one named by a
 * map file that the store lacks) makes no request: each paint fails at
 * once with the layer's "needs the account …" error, and the new
 * effective credentials that adding the account brings start it again.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "carto-hit-test.h"
#include "carto-layer-painter.h"
#include "carto-layer-private.h"
#include "carto-maps-client.h"
#include "carto-tile-fetcher.h"
#include "carto-vector-renderer.h"

/* A tile's memory once decoded, from its MVT size: points take 8 bytes
 * where the wire has 2-3, plus the per-feature arrays. */
#define DECODED_COST_FACTOR 4
#define DECODED_COST_BASE 1024
#define TILE_SIZE 256

struct _CartoLayerPainter
{
  GObject parent_instance;

  /* owned */
  CartoLayer *layer;
  SoupSession *session;
  CartoTileCache *tile_cache;
  CartoTileDiskCache *disk_cache;
  CartoTileFetcher *fetcher;
  char *map_sql;
  /* Columns the map was instantiated with: every style since the source
   * last changed, so going back to an earlier style costs no request. */
  GPtrArray *columns;
  char *layergroup_id;
  GHashTable *loads;           /* key → TileLoad, referenced */
  GMainContext *context;

  /* state */
  gulong fetcher_notify_id;
  guint n_in_flight;
  guint batch_done;
  char *batch_error;
  CartoLayerState state_before;
  char *error_before;
  guint next_waiter_id;
};

static void carto_layer_painter_iface_init (CartoTilePainterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartoLayerPainter, carto_layer_painter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CARTO_TYPE_TILE_PAINTER,
                                                      carto_layer_painter_iface_init))

enum {
  PROP_0,
  PROP_LAYER,
  PROP_SESSION,
  PROP_TILE_CACHE,
  PROP_DISK_CACHE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char paint_tag[] = "carto_layer_painter_paint_async";
static const char pick_tag[] = "carto_layer_painter_pick_async";

/* Called on the main thread when a waiter's tile is decoded, or failed,
 * or the waiter was cancelled. The task is borrowed: the waiter owns it. */
typedef void (*TileReadyFunc) (GTask           *task,
                               CartoMvtTile    *tile,
                               CartoLayergroup *layergroup,
                               const GError    *error);

typedef struct
{
  guint id;
  GTask *task;
  TileReadyFunc ready;
  gulong cancel_id;
} Waiter;

typedef struct
{
  gatomicrefcount ref_count;
  CartoLayerPainter *painter;
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
  CartoTileRequest request;
  CartoStyle *style;
  CartoTileFetcher *fetcher;
} PaintData;

typedef struct
{
  CartoMvtTile *tile;
  CartoStyle *style;
  CartoTileRequest request;
  char *layer_name;
  double x;
  double y;
  double tolerance;
} WorkData;

typedef struct
{
  gboolean found;
  gint64 cartodb_id;
} PickResult;

typedef struct
{
  CartoTileCache *tile_cache;
  CartoTileDiskCache *disk_cache;
  char *cache_id;
  CartoTileCoord coord;
  GBytes *bytes;
} DecodeData;

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

  g_clear_object (&load->painter);
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
paint_data_free (PaintData *data)
{
  g_clear_object (&data->style);
  g_clear_object (&data->fetcher);
  g_free (data);
}

static void
work_data_free (WorkData *data)
{
  g_clear_pointer (&data->tile, carto_mvt_tile_unref);
  g_clear_object (&data->style);
  g_free (data->layer_name);
  g_free (data);
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

/* State of the layer */

static void
begin_paint (CartoLayerPainter *self)
{
  if (self->n_in_flight++ > 0)
    return;

  self->batch_done = 0;
  g_clear_pointer (&self->batch_error, g_free);
  self->state_before = carto_layer_get_state (self->layer);
  g_free (self->error_before);
  self->error_before = g_strdup (carto_layer_get_error_message (self->layer));
  if (self->state_before != CARTO_LAYER_STATE_ERROR)
    carto_layer_set_state (self->layer, CARTO_LAYER_STATE_LOADING, NULL);
}

static void
note_error (CartoLayerPainter *self,
            const GError      *error)
{
  if (self->batch_error != NULL)
    return;

  self->batch_error = g_strdup (error->message);
  carto_layer_set_state (self->layer, CARTO_LAYER_STATE_ERROR, error->message);
}

static void
end_paint (CartoLayerPainter *self,
           const GError      *error)
{
  g_assert (self->n_in_flight > 0);

  if (error == NULL)
    self->batch_done++;
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->batch_done++;
      note_error (self, error);
    }

  if (--self->n_in_flight > 0)
    return;

  if (self->batch_error != NULL)
    carto_layer_set_state (self->layer, CARTO_LAYER_STATE_ERROR, self->batch_error);
  else if (self->batch_done > 0)
    carto_layer_set_state (self->layer, CARTO_LAYER_STATE_READY, NULL);
  else
    /* Every paint was cancelled: nothing new is known. */
    carto_layer_set_state (self->layer, self->state_before, self->error_before);
}

static void
paint_return (GTask           *task,
              cairo_surface_t *surface,
              GError          *error)
{
  CartoLayerPainter *self = g_task_get_source_object (task);

  end_paint (self, error);
  if (surface != NULL)
    g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
  else
    g_task_return_error (task, error);
}

/* The map and its fetcher */

static void
on_fetcher_layergroup_notify_cb (CartoTileFetcher  *fetcher,
                                 GParamSpec        *pspec,
                                 CartoLayerPainter *self)
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
      carto_tile_painter_emit_changed (CARTO_TILE_PAINTER (self));
      return;
    }

  g_free (self->layergroup_id);
  self->layergroup_id = g_strdup (id);
}

static void
drop_fetcher (CartoLayerPainter *self)
{
  if (self->fetcher != NULL)
    g_clear_signal_handler (&self->fetcher_notify_id, self->fetcher);
  g_clear_object (&self->fetcher);
  g_clear_pointer (&self->map_sql, g_free);
  g_clear_pointer (&self->layergroup_id, g_free);
}

static gboolean
has_column (CartoLayerPainter *self,
            const char        *name)
{
  for (guint i = 0; i < self->columns->len; i++)
    if (g_str_equal (g_ptr_array_index (self->columns, i), name))
      return TRUE;

  return FALSE;
}

/* Returns whether the style needed a column the map does not have. */
static gboolean
add_style_columns (CartoLayerPainter *self)
{
  const char *const *needed = carto_style_get_columns (carto_layer_get_style (self->layer));
  gboolean added = FALSE;

  for (guint i = 0; needed != NULL && needed[i] != NULL; i++)
    if (!has_column (self, needed[i]))
      {
        g_ptr_array_add (self->columns, g_strdup (needed[i]));
        added = TRUE;
      }

  return added;
}

static CartoTileFetcher *
ensure_fetcher (CartoLayerPainter *self)
{
  CartoCredentials *credentials;
  CartoMapsConfigFlags flags;

  if (self->fetcher != NULL)
    return self->fetcher;

  credentials = carto_layer_get_effective_credentials (self->layer);
  if (credentials == NULL)
    return NULL;

  flags = carto_layer_get_aggregation (self->layer) ? CARTO_MAPS_CONFIG_AGGREGATE : CARTO_MAPS_CONFIG_FLAGS_NONE;
  add_style_columns (self);
  g_ptr_array_add (self->columns, NULL);
  self->map_sql = carto_source_dup_map_sql (carto_layer_get_source (self->layer),
                                            (const char *const *) self->columns->pdata);
  g_ptr_array_remove_index (self->columns, self->columns->len - 1);
  self->fetcher = carto_tile_fetcher_new (self->session, credentials, self->map_sql, flags, self->disk_cache);
  self->fetcher_notify_id =
    g_signal_connect_object (self->fetcher, "notify::layergroup",
                             G_CALLBACK (on_fetcher_layergroup_notify_cb), self, 0);

  return self->fetcher;
}

/* The map's configuration changed: a new map, and every tile is stale. */
static void
restart (CartoLayerPainter *self)
{
  drop_fetcher (self);
  g_clear_pointer (&self->batch_error, g_free);
  if (self->n_in_flight == 0)
    carto_layer_set_state (self->layer, CARTO_LAYER_STATE_IDLE, NULL);
  carto_tile_painter_emit_changed (CARTO_TILE_PAINTER (self));
}

static void
on_layer_map_notify_cb (CartoLayer        *layer,
                        GParamSpec        *pspec,
                        CartoLayerPainter *self)
{
  /* Another source: its columns may differ, so start from the style's. */
  g_ptr_array_set_size (self->columns, 0);
  restart (self);
}

static void
on_layer_style_notify_cb (CartoLayer        *layer,
                          GParamSpec        *pspec,
                          CartoLayerPainter *self)
{
  /* Columns the map already has: the decoded tiles serve the new style
   * as they are, with no request. Only a new column needs a new map. */
  if (self->fetcher != NULL && add_style_columns (self))
    {
      restart (self);
      return;
    }

  carto_tile_painter_emit_changed (CARTO_TILE_PAINTER (self));
}

/* Loading tiles, shared by the paints and picks waiting for them */

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

  if (g_hash_table_lookup (load->painter->loads, load->key) == load)
    g_hash_table_remove (load->painter->loads, load->key);

  waiters = g_steal_pointer (&load->waiters);
  load->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);

  for (guint i = 0; i < waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (waiters, i);

      g_cancellable_disconnect (g_task_get_cancellable (waiter->task), waiter->cancel_id);
      waiter->cancel_id = 0;
      waiter->ready (waiter->task, tile, layergroup, error);
    }
}

static gboolean
waiter_cancelled_idle_cb (gpointer user_data)
{
  CancelData *data = user_data;
  TileLoad *load = data->load;
  g_autoptr(GError) error = NULL;

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

      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
      waiter->ready (waiter->task, NULL, NULL, error);
      waiter_free (waiter);
      break;
    }

  /* Nobody wants the tile any more: free the connection for one they do. */
  if (load->waiters->len == 0)
    {
      g_cancellable_cancel (load->cancellable);
      if (g_hash_table_lookup (load->painter->loads, load->key) == load)
        g_hash_table_remove (load->painter->loads, load->key);
      load->done = TRUE;
    }

  return G_SOURCE_REMOVE;
}

/* Runs in the thread that cancelled (any thread): hop to the painter's. */
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
  g_source_attach (source, data->load->painter->context);
}

static void
add_waiter (TileLoad      *load,
            GTask         *task,
            TileReadyFunc  ready)
{
  Waiter *waiter = g_new0 (Waiter, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  waiter->id = ++load->painter->next_waiter_id;
  waiter->task = task;
  waiter->ready = ready;
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

typedef struct
{
  TileLoad *load;
  CartoLayergroup *layergroup;
} DecodeCall;

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
  CartoLayerPainter *self = load->painter;
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

/* Gets the decoded tile for @task (a paint or a pick): one load per tile,
 * whoever asks. */
static void
request_tile (CartoLayerPainter    *self,
              CartoTileFetcher     *fetcher,
              CartoLayergroup      *layergroup,
              const CartoTileCoord *coord,
              GTask                *task,
              TileReadyFunc         ready)
{
  g_autofree char *key = load_key (layergroup, coord);
  TileLoad *load;

  load = g_hash_table_lookup (self->loads, key);
  if (load != NULL)
    {
      add_waiter (load, task, ready);
      return;
    }

  load = g_new0 (TileLoad, 1);
  g_atomic_ref_count_init (&load->ref_count);
  load->painter = g_object_ref (self);
  load->key = g_steal_pointer (&key);
  load->fetcher = g_object_ref (fetcher);
  load->layergroup = g_object_ref (layergroup);
  load->coord = *coord;
  load->cancellable = g_cancellable_new ();
  load->waiters = g_ptr_array_new_with_free_func ((GDestroyNotify) waiter_free);
  g_hash_table_insert (self->loads, load->key, load);

  add_waiter (load, task, ready);

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

/* Painting */

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  WorkData *data = task_data;
  cairo_surface_t *surface;

  if (g_task_return_error_if_cancelled (task))
    return;

  surface = carto_vector_renderer_render_surface (data->tile, data->layer_name, data->style, &data->request);

  /* Checked again so a tile cancelled mid-paint is never handed back. */
  if (g_task_return_error_if_cancelled (task))
    {
      cairo_surface_destroy (surface);
      return;
    }

  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

static void
render_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  cairo_surface_t *surface;

  surface = g_task_propagate_pointer (G_TASK (result), &error);
  paint_return (task, surface, error);
}

static void
render_tile (GTask           *task,
             CartoMvtTile    *tile,
             CartoLayergroup *layergroup)
{
  PaintData *paint = g_task_get_task_data (task);
  g_autoptr(GTask) render = NULL;
  WorkData *data;

  data = g_new0 (WorkData, 1);
  data->tile = carto_mvt_tile_ref (tile);
  data->style = g_object_ref (paint->style);
  data->request = paint->request;
  data->layer_name = g_strdup (carto_layergroup_get_mvt_layer_name (layergroup));

  render = g_task_new (NULL, g_task_get_cancellable (task), render_cb, g_object_ref (task));
  g_task_set_task_data (render, data, (GDestroyNotify) work_data_free);
  g_task_run_in_thread (render, render_thread);
}

static void
paint_tile_ready (GTask           *task,
                  CartoMvtTile    *tile,
                  CartoLayergroup *layergroup,
                  const GError    *error)
{
  if (tile == NULL)
    {
      paint_return (task, NULL, g_error_copy (error));
      return;
    }

  render_tile (task, tile, layergroup);
}

static void
paint_layergroup_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CartoLayerPainter *self = g_task_get_source_object (task);
  PaintData *data = g_task_get_task_data (task);
  g_autoptr(CartoLayergroup) layergroup = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  GError *error = NULL;

  layergroup = carto_tile_fetcher_ensure_layergroup_finish (CARTO_TILE_FETCHER (object), result, &error);
  if (layergroup == NULL)
    {
      paint_return (task, NULL, error);
      return;
    }

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      paint_return (task, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled"));
      return;
    }

  tile = carto_tile_cache_lookup (self->tile_cache, carto_layergroup_get_cache_id (layergroup),
                                  &data->request.coord);
  if (tile != NULL)
    {
      render_tile (task, tile, layergroup);
      return;
    }

  request_tile (self, data->fetcher, layergroup, &data->request.coord,
                g_steal_pointer (&task), paint_tile_ready);
}

static void
carto_layer_painter_paint_async (CartoTilePainter       *painter,
                                 const CartoTileRequest *request,
                                 GCancellable           *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  CartoLayerPainter *self = CARTO_LAYER_PAINTER (painter);
  g_autoptr(GTask) task = NULL;
  CartoTileFetcher *fetcher;
  PaintData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) paint_tag);

  data = g_new0 (PaintData, 1);
  data->request = *request;
  data->style = g_object_ref (carto_layer_get_style (self->layer));
  g_task_set_task_data (task, data, (GDestroyNotify) paint_data_free);

  begin_paint (self);

  fetcher = ensure_fetcher (self);
  if (fetcher == NULL)
    {
      paint_return (task, NULL, carto_layer_new_no_account_error (self->layer));
      return;
    }
  data->fetcher = g_object_ref (fetcher);

  carto_tile_fetcher_ensure_layergroup_async (fetcher, cancellable, paint_layergroup_cb, g_steal_pointer (&task));
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CartoLayergroup) layergroup = NULL;
  g_autoptr(GError) error = NULL;

  /* A failure is the fetcher's to remember or retry: the first tile
   * reports it on the layer. */
  layergroup = carto_tile_fetcher_ensure_layergroup_finish (CARTO_TILE_FETCHER (object), result, &error);
  if (layergroup == NULL)
    g_debug ("Map not instantiated ahead of its tiles: %s", error->message);
}

/* Instantiating the map takes a round trip and the server's planning of
 * the query; started when the layer is added, it overlaps the window
 * showing and the map laying out its tiles. */
static void
carto_layer_painter_prepare (CartoTilePainter *painter)
{
  CartoLayerPainter *self = CARTO_LAYER_PAINTER (painter);
  CartoTileFetcher *fetcher = ensure_fetcher (self);

  if (fetcher != NULL)
    carto_tile_fetcher_ensure_layergroup_async (fetcher, NULL, prepare_cb, NULL);
}

static cairo_surface_t *
carto_layer_painter_paint_finish (CartoTilePainter *painter,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, painter), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
carto_layer_painter_iface_init (CartoTilePainterInterface *iface)
{
  iface->paint_async = carto_layer_painter_paint_async;
  iface->paint_finish = carto_layer_painter_paint_finish;
  iface->prepare = carto_layer_painter_prepare;
}

/* Picking */

static gboolean
locate (guint           zoom,
        double          longitude,
        double          latitude,
        CartoTileCoord *coord,
        double         *x,
        double         *y)
{
  double wx, wy, n, fx, fy;

  if (!isfinite (longitude) || !isfinite (latitude) || zoom > 30)
    return FALSE;

  /* The map repeats east and west; tiles exist for one world. */
  longitude = fmod (fmod (longitude + 180.0, 360.0) + 360.0, 360.0) - 180.0;
  carto_lonlat_to_world (longitude, latitude, &wx, &wy);

  n = ldexp (1.0, (int) zoom);
  fx = CLAMP (wx * n, 0.0, n - 1e-9);
  fy = CLAMP (wy * n, 0.0, n - 1e-9);
  coord->zoom = zoom;
  coord->x = (guint) floor (fx);
  coord->y = (guint) floor (fy);
  *x = (fx - coord->x) * TILE_SIZE;
  *y = (fy - coord->y) * TILE_SIZE;

  return TRUE;
}

static gboolean
hit_test (CartoMvtTile *tile,
          const char   *layer_name,
          CartoStyle   *style,
          double        x,
          double        y,
          double        tolerance,
          gint64       *cartodb_id)
{
  CartoTileRequest request = { { 0, 0, 0 }, TILE_SIZE, 1 };
  const CartoMvtFeature *feature;

  feature = carto_hit_test_find_feature (tile, layer_name, style, &request, x, y, tolerance);

  return feature != NULL && carto_mvt_feature_get_cartodb_id (feature, cartodb_id);
}

static void
pick_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  WorkData *data = task_data;
  PickResult *pick = g_new0 (PickResult, 1);

  pick->found = hit_test (data->tile, data->layer_name, data->style,
                          data->x, data->y, data->tolerance, &pick->cartodb_id);
  g_task_return_pointer (task, pick, g_free);
}

static void
pick_tile_ready (GTask           *task,
                 CartoMvtTile    *tile,
                 CartoLayergroup *layergroup,
                 const GError    *error)
{
  WorkData *data = g_task_get_task_data (task);

  if (tile == NULL)
    {
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  data->tile = carto_mvt_tile_ref (tile);
  data->layer_name = g_strdup (carto_layergroup_get_mvt_layer_name (layergroup));
  g_task_run_in_thread (task, pick_thread);
}

static void
pick_layergroup_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CartoLayerPainter *self = g_task_get_source_object (task);
  WorkData *data = g_task_get_task_data (task);
  g_autoptr(CartoLayergroup) layergroup = NULL;
  g_autoptr(CartoMvtTile) tile = NULL;
  GError *error = NULL;

  layergroup = carto_tile_fetcher_ensure_layergroup_finish (CARTO_TILE_FETCHER (object), result, &error);
  if (layergroup == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  tile = carto_tile_cache_lookup (self->tile_cache, carto_layergroup_get_cache_id (layergroup),
                                  &data->request.coord);
  if (tile != NULL)
    {
      pick_tile_ready (task, tile, layergroup, NULL);
      return;
    }

  request_tile (self, CARTO_TILE_FETCHER (object), layergroup, &data->request.coord,
                g_steal_pointer (&task), pick_tile_ready);
}

/* GObject */

static void
carto_layer_painter_constructed (GObject *object)
{
  CartoLayerPainter *self = CARTO_LAYER_PAINTER (object);

  G_OBJECT_CLASS (carto_layer_painter_parent_class)->constructed (object);

  g_assert (CARTO_IS_LAYER (self->layer));
  g_assert (SOUP_IS_SESSION (self->session));

  if (self->tile_cache == NULL)
    self->tile_cache = g_object_ref (carto_tile_cache_get_default ());

  g_signal_connect_object (self->layer, "notify::style", G_CALLBACK (on_layer_style_notify_cb), self, 0);
  g_signal_connect_object (self->layer, "notify::source", G_CALLBACK (on_layer_map_notify_cb), self, 0);
  g_signal_connect_object (self->layer, "notify::effective-credentials", G_CALLBACK (on_layer_map_notify_cb), self, 0);
  g_signal_connect_object (self->layer, "notify::aggregation", G_CALLBACK (on_layer_map_notify_cb), self, 0);
}

static void
carto_layer_painter_dispose (GObject *object)
{
  CartoLayerPainter *self = CARTO_LAYER_PAINTER (object);

  drop_fetcher (self);

  G_OBJECT_CLASS (carto_layer_painter_parent_class)->dispose (object);
}

static void
carto_layer_painter_finalize (GObject *object)
{
  CartoLayerPainter *self = CARTO_LAYER_PAINTER (object);

  g_clear_object (&self->layer);
  g_clear_object (&self->session);
  g_clear_object (&self->tile_cache);
  g_clear_object (&self->disk_cache);
  g_clear_pointer (&self->loads, g_hash_table_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->batch_error);
  g_free (self->error_before);

  G_OBJECT_CLASS (carto_layer_painter_parent_class)->finalize (object);
}

static void
carto_layer_painter_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CartoLayerPainter *self = CARTO_LAYER_PAINTER (object);

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
carto_layer_painter_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CartoLayerPainter *self = CARTO_LAYER_PAINTER (object);

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
carto_layer_painter_class_init (CartoLayerPainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = carto_layer_painter_constructed;
  object_class->dispose = carto_layer_painter_dispose;
  object_class->finalize = carto_layer_painter_finalize;
  object_class->get_property = carto_layer_painter_get_property;
  object_class->set_property = carto_layer_painter_set_property;

  /**
   * CartoLayerPainter:layer:
   *
   * The layer painted.
   */
  properties[PROP_LAYER] =
    g_param_spec_object ("layer", NULL, NULL, CARTO_TYPE_LAYER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayerPainter:session:
   *
   * The shared session requests go through.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, SOUP_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayerPainter:tile-cache:
   *
   * Where decoded tiles are kept; the process-wide cache by default.
   */
  properties[PROP_TILE_CACHE] =
    g_param_spec_object ("tile-cache", NULL, NULL, CARTO_TYPE_TILE_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoLayerPainter:disk-cache:
   *
   * Where raw tiles are kept across runs, or %NULL for none.
   */
  properties[PROP_DISK_CACHE] =
    g_param_spec_object ("disk-cache", NULL, NULL, CARTO_TYPE_TILE_DISK_CACHE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_layer_painter_init (CartoLayerPainter *self)
{
  /* Keys belong to their loads; the table holds a reference on each. */
  self->loads = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) tile_load_unref);
  self->context = g_main_context_ref_thread_default ();
  self->columns = g_ptr_array_new_with_free_func (g_free);
}

/* Public API */

/**
 * carto_layer_painter_new:
 * @layer: the layer to paint
 * @session: the shared session
 *
 * A painter using the process-wide caches: decoded tiles in memory
 * (carto_tile_cache_get_default()) and raw tiles on disk
 * (carto_tile_disk_cache_get_default()). Create it, and use it, on the
 * main thread.
 *
 * Returns: (transfer full): a painter; hand it to the map widget as a
 *   #CartoTilePainter
 */
CartoLayerPainter *
carto_layer_painter_new (CartoLayer  *layer,
                         SoupSession *session)
{
  return carto_layer_painter_new_full (layer, session,
                                       carto_tile_cache_get_default (),
                                       carto_tile_disk_cache_get_default ());
}

/**
 * carto_layer_painter_new_full:
 * @layer: the layer to paint
 * @session: the shared session
 * @tile_cache: (nullable): where decoded tiles are kept; %NULL for the
 *   process-wide cache
 * @disk_cache: (nullable): where raw tiles are kept across runs; %NULL
 *   for none
 *
 * Returns: (transfer full): a painter
 */
CartoLayerPainter *
carto_layer_painter_new_full (CartoLayer         *layer,
                              SoupSession        *session,
                              CartoTileCache     *tile_cache,
                              CartoTileDiskCache *disk_cache)
{
  g_return_val_if_fail (CARTO_IS_LAYER (layer), NULL);
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (tile_cache == NULL || CARTO_IS_TILE_CACHE (tile_cache), NULL);
  g_return_val_if_fail (disk_cache == NULL || CARTO_IS_TILE_DISK_CACHE (disk_cache), NULL);

  return g_object_new (CARTO_TYPE_LAYER_PAINTER,
                       "layer", layer,
                       "session", session,
                       "tile-cache", tile_cache,
                       "disk-cache", disk_cache,
                       NULL);
}

/**
 * carto_layer_painter_get_layer:
 * @self: a painter
 *
 * Returns: (transfer none): the layer painted
 */
CartoLayer *
carto_layer_painter_get_layer (CartoLayerPainter *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER_PAINTER (self), NULL);

  return self->layer;
}

/**
 * carto_layer_painter_get_tile_cache:
 * @self: a painter
 *
 * Returns: (transfer none): where decoded tiles are kept
 */
CartoTileCache *
carto_layer_painter_get_tile_cache (CartoLayerPainter *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER_PAINTER (self), NULL);

  return self->tile_cache;
}

/**
 * carto_layer_painter_get_disk_cache:
 * @self: a painter
 *
 * Returns: (transfer none) (nullable): where raw tiles are kept
 */
CartoTileDiskCache *
carto_layer_painter_get_disk_cache (CartoLayerPainter *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER_PAINTER (self), NULL);

  return self->disk_cache;
}

/**
 * carto_layer_painter_get_layergroup:
 * @self: a painter
 *
 * Returns: (transfer none) (nullable): the map tiles come from, once
 *   instantiated (its estimated feature count and geometry type may
 *   interest the UI)
 */
CartoLayergroup *
carto_layer_painter_get_layergroup (CartoLayerPainter *self)
{
  g_return_val_if_fail (CARTO_IS_LAYER_PAINTER (self), NULL);

  return self->fetcher ? carto_tile_fetcher_get_layergroup (self->fetcher) : NULL;
}

/**
 * carto_layer_painter_reload:
 * @self: a painter
 *
 * Forgets the map and any failure remembered (a "Retry" after an error),
 * then emits #CartoTilePainter::changed so tiles are painted again. Tiles
 * already decoded are reused if the server gives the same map back.
 */
void
carto_layer_painter_reload (CartoLayerPainter *self)
{
  g_return_if_fail (CARTO_IS_LAYER_PAINTER (self));

  restart (self);
}

/**
 * carto_layer_painter_pick:
 * @self: a painter
 * @zoom: the zoom level of the tiles shown
 * @longitude: where the pointer is, degrees
 * @latitude: where the pointer is, degrees
 * @tolerance: logical pixels of slack around points and lines
 * @cartodb_id: (out) (optional): the feature's `cartodb_id`
 *
 * Finds the feature drawn at a position, using only tiles already decoded
 * in memory: cheap enough for hover on the main thread.
 *
 * Returns: whether a feature is there
 */
gboolean
carto_layer_painter_pick (CartoLayerPainter *self,
                          guint              zoom,
                          double             longitude,
                          double             latitude,
                          double             tolerance,
                          gint64            *cartodb_id)
{
  g_autoptr(CartoMvtTile) tile = NULL;
  CartoLayergroup *layergroup;
  CartoTileCoord coord;
  double x, y;
  gint64 id = 0;

  g_return_val_if_fail (CARTO_IS_LAYER_PAINTER (self), FALSE);
  g_return_val_if_fail (tolerance >= 0, FALSE);

  layergroup = carto_layer_painter_get_layergroup (self);
  if (layergroup == NULL || !locate (zoom, longitude, latitude, &coord, &x, &y))
    return FALSE;

  tile = carto_tile_cache_lookup (self->tile_cache, carto_layergroup_get_cache_id (layergroup), &coord);
  if (tile == NULL)
    return FALSE;

  if (!hit_test (tile, carto_layergroup_get_mvt_layer_name (layergroup), carto_layer_get_style (self->layer),
                 x, y, tolerance, &id))
    return FALSE;

  if (cartodb_id != NULL)
    *cartodb_id = id;
  return TRUE;
}

/**
 * carto_layer_painter_pick_async:
 * @self: a painter
 * @zoom: the zoom level of the tiles shown
 * @longitude: where the click was, degrees
 * @latitude: where the click was, degrees
 * @tolerance: logical pixels of slack around points and lines
 * @cancellable: (nullable): cancels the pick
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Finds the feature drawn at a position, loading its tile if needed,
 * and hit-testing in a worker thread (a z0 tile can hold 100 000 points).
 */
void
carto_layer_painter_pick_async (CartoLayerPainter   *self,
                                guint                zoom,
                                double               longitude,
                                double               latitude,
                                double               tolerance,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CartoTileFetcher *fetcher;
  WorkData *data;

  g_return_if_fail (CARTO_IS_LAYER_PAINTER (self));
  g_return_if_fail (tolerance >= 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) pick_tag);

  data = g_new0 (WorkData, 1);
  data->style = g_object_ref (carto_layer_get_style (self->layer));
  data->request.tile_size = TILE_SIZE;
  data->request.scale_factor = 1;
  data->tolerance = tolerance;
  g_task_set_task_data (task, data, (GDestroyNotify) work_data_free);

  if (!locate (zoom, longitude, latitude, &data->request.coord, &data->x, &data->y))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "The position is not on the map");
      return;
    }

  fetcher = ensure_fetcher (self);
  if (fetcher == NULL)
    {
      g_task_return_error (task, carto_layer_new_no_account_error (self->layer));
      return;
    }

  carto_tile_fetcher_ensure_layergroup_async (fetcher, cancellable, pick_layergroup_cb, g_steal_pointer (&task));
}

/**
 * carto_layer_painter_pick_finish:
 * @self: a painter
 * @result: the result passed to the callback
 * @found: (out): whether a feature is there
 * @cartodb_id: (out) (optional): the feature's `cartodb_id`, when found
 * @error: return location for a %CARTO_MAPS_ERROR or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE when the tile could be searched (whether or not a
 *   feature was found), %FALSE with @error set otherwise
 */
gboolean
carto_layer_painter_pick_finish (CartoLayerPainter  *self,
                                 GAsyncResult       *result,
                                 gboolean           *found,
                                 gint64             *cartodb_id,
                                 GError            **error)
{
  g_autofree PickResult *pick = NULL;

  g_return_val_if_fail (CARTO_IS_LAYER_PAINTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (found != NULL, FALSE);

  pick = g_task_propagate_pointer (G_TASK (result), error);
  *found = pick != NULL && pick->found;
  if (pick == NULL)
    return FALSE;

  if (pick->found && cartodb_id != NULL)
    *cartodb_id = pick->cartodb_id;
  return TRUE;
}
