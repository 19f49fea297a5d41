/* carto-tile-fetcher.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The network half of one layer's tiles: one anonymous map (instantiated
 * once, however many tiles ask at the same time) and its MVT tiles,
 * fetched with the key in the Basic header through the shared session.
 *
 * - 204 is an empty tile, not an error (docs/carto-api.md §5.4).
 * - 429 comes with a protobuf "fallback" tile: it is an error here
 *   (%CARTO_MAPS_ERROR_RATE_LIMITED), so nobody caches the fallback.
 * - 400 "Invalid or nonexistent map configuration token" means the map
 *   expired (§5.7): the map is instantiated again and the tile asked once
 *   more.
 * - When the server cannot be reached, the layergroup last instantiated
 *   for the same map is read from the disk cache, so tiles seen before
 *   still show offline.
 *
 * A failure the user must fix (bad SQL, permission, key, missing table) is
 * remembered until carto_tile_fetcher_reset(), so a viewport of tiles does
 * not ask the server the same wrong question two dozen times.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "carto-http.h"
#include "carto-maps-client-private.h"
#include "carto-tile-fetcher.h"

/* The z0 tile of 138k points is 6.3 MB; a tile 10× that is not a tile. */
#define MAX_TILE_BYTES (64 * 1024 * 1024)
/* While offline, how long the remembered map is used before the server is
 * tried again. */
#define OFFLINE_RETRY_SECONDS 15
/* Expected features in a tile, for tile_priority(). */
#define HEAVY_TILE_FEATURES 1000.0
#define LIGHT_TILE_FEATURES 100.0

struct _CartoTileFetcher
{
  GObject parent_instance;

  /* owned */
  SoupSession *session;
  CartoCredentials *credentials;
  char *sql;
  CartoTileDiskCache *disk_cache;
  char *config_id;
  GCancellable *cancellable;

  /* state */
  CartoMapsConfigFlags flags;
  CartoLayergroup *layergroup;
  gboolean offline;
  gint64 offline_since_us;
  GError *failure;
  gboolean instantiating;
  GPtrArray *waiters;          /* GTask, waiting for the instantiation */
  guint n_instantiations;
};

G_DEFINE_FINAL_TYPE (CartoTileFetcher, carto_tile_fetcher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LAYERGROUP,
  PROP_OFFLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  CartoLayergroup *layergroup;
  CartoTileCoord coord;
  SoupMessage *message;
  char *url;
  gint64 start_us;
  gboolean retried;
} FetchData;

typedef struct
{
  CartoTileDiskCache *disk_cache;
  char *config_id;
  CartoLayergroup *layergroup;
} LayergroupIo;

static const char ensure_tag[] = "carto_tile_fetcher_ensure_layergroup_async";
static const char fetch_tag[] = "carto_tile_fetcher_fetch_async";

static void start_fetch (GTask *task);

static void
fetch_data_free (FetchData *data)
{
  g_clear_object (&data->layergroup);
  g_clear_object (&data->message);
  g_free (data->url);
  g_free (data);
}

static void
layergroup_io_free (LayergroupIo *io)
{
  g_clear_object (&io->disk_cache);
  g_free (io->config_id);
  g_clear_object (&io->layergroup);
  g_free (io);
}

static gboolean
is_permanent (const GError *error)
{
  return g_error_matches (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_INVALID_SQL) ||
         g_error_matches (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_PERMISSION_DENIED) ||
         g_error_matches (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_INVALID_KEY) ||
         g_error_matches (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_NOT_FOUND) ||
         g_error_matches (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_BAD_RESPONSE);
}

static void
set_layergroup (CartoTileFetcher *self,
                CartoLayergroup  *layergroup,
                gboolean          offline)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (g_set_object (&self->layergroup, layergroup))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYERGROUP]);
  if (offline)
    self->offline_since_us = g_get_monotonic_time ();
  if (self->offline != offline)
    {
      self->offline = offline;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
complete_waiters (CartoTileFetcher *self,
                  CartoLayergroup  *layergroup,
                  const GError     *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->instantiating = FALSE;

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (layergroup != NULL)
        g_task_return_pointer (task, g_object_ref (layergroup), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

static void
store_layergroup_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  LayergroupIo *io = task_data;
  g_autoptr(GError) error = NULL;

  if (!carto_tile_disk_cache_store_layergroup (io->disk_cache, io->config_id, io->layergroup, &error))
    g_debug ("Cannot remember the layergroup on disk: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
lookup_layergroup_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  LayergroupIo *io = task_data;
  CartoLayergroup *layergroup;

  layergroup = carto_tile_disk_cache_lookup_layergroup (io->disk_cache, io->config_id);
  g_task_return_pointer (task, layergroup, layergroup ? g_object_unref : NULL);
}

static LayergroupIo *
layergroup_io_new (CartoTileFetcher *self,
                   CartoLayergroup  *layergroup)
{
  LayergroupIo *io = g_new0 (LayergroupIo, 1);

  io->disk_cache = g_object_ref (self->disk_cache);
  io->config_id = g_strdup (self->config_id);
  io->layergroup = layergroup ? g_object_ref (layergroup) : NULL;

  return io;
}

typedef struct
{
  CartoTileFetcher *self;
  GError *error;
} OfflineData;

static void
offline_lookup_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  OfflineData *data = user_data;
  g_autoptr(CartoTileFetcher) self = data->self;
  g_autoptr(GError) error = data->error;
  g_autoptr(CartoLayergroup) layergroup = NULL;

  g_free (data);
  layergroup = g_task_propagate_pointer (G_TASK (result), NULL);

  if (layergroup != NULL)
    {
      g_debug ("Server unreachable; using the remembered map %s",
               carto_layergroup_get_tile_url_template (layergroup));
      set_layergroup (self, layergroup, TRUE);
      complete_waiters (self, layergroup, NULL);
    }
  else
    complete_waiters (self, NULL, error);
}

static void
instantiate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CartoTileFetcher) self = user_data;
  g_autoptr(CartoLayergroup) layergroup = NULL;
  g_autoptr(GError) error = NULL;

  layergroup = carto_maps_client_instantiate_finish (result, &error);

  if (layergroup != NULL)
    {
      g_clear_error (&self->failure);
      set_layergroup (self, layergroup, FALSE);

      if (self->disk_cache != NULL)
        {
          g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

          g_task_set_task_data (task, layergroup_io_new (self, layergroup), (GDestroyNotify) layergroup_io_free);
          g_task_run_in_thread (task, store_layergroup_thread);
        }

      complete_waiters (self, layergroup, NULL);
      return;
    }

  if (g_error_matches (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_NETWORK) &&
      !g_cancellable_is_cancelled (self->cancellable))
    {
      /* Offline: the map we had, else the one remembered on disk. */
      if (self->layergroup != NULL)
        {
          CartoLayergroup *current = self->layergroup;

          set_layergroup (self, current, TRUE);
          complete_waiters (self, current, NULL);
          return;
        }
      if (self->disk_cache != NULL)
        {
          g_autoptr(GTask) task = NULL;
          OfflineData *data = g_new0 (OfflineData, 1);

          data->self = g_object_ref (self);
          data->error = g_steal_pointer (&error);
          task = g_task_new (NULL, self->cancellable, offline_lookup_cb, data);
          g_task_set_task_data (task, layergroup_io_new (self, NULL), (GDestroyNotify) layergroup_io_free);
          g_task_run_in_thread (task, lookup_layergroup_thread);
          return;
        }
    }

  if (is_permanent (error))
    {
      g_clear_error (&self->failure);
      self->failure = g_error_copy (error);
    }

  complete_waiters (self, NULL, error);
}

static void
start_instantiation (CartoTileFetcher *self)
{
  self->instantiating = TRUE;
  self->n_instantiations++;

  carto_maps_client_instantiate_async (self->session, self->credentials, self->sql, self->flags,
                                       self->cancellable, instantiate_cb, g_object_ref (self));
}

static void
refetch_layergroup_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CartoLayergroup *layergroup;

  layergroup = carto_tile_fetcher_ensure_layergroup_finish (CARTO_TILE_FETCHER (object), result, &error);
  if (layergroup == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_clear_object (&data->layergroup);
  data->layergroup = layergroup;
  start_fetch (g_steal_pointer (&task));
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CartoTileFetcher *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  GCancellable *cancellable;
  guint status;

  body = carto_maps_send_finish (result, &error);
  if (body == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Tile %s failed: %s", data->url, error->message);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (data->message);
  g_debug ("Tile %s: HTTP %u, %" G_GSIZE_FORMAT " bytes in %.0f ms", data->url, status,
           g_bytes_get_size (body), (g_get_monotonic_time () - data->start_us) / 1000.0);

  if (status == SOUP_STATUS_OK)
    {
      g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (status == SOUP_STATUS_NO_CONTENT)
    {
      g_task_return_pointer (task, g_bytes_new (NULL, 0), (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (status == 429)
    {
      /* The body is a protobuf fallback tile, not a JSON message. */
      g_task_return_new_error (task, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_RATE_LIMITED,
                               _("The server is over its limits: some tiles could not be loaded. Try again in a moment."));
      return;
    }

  error = carto_maps_error_from_response (data->message, body, self->credentials);
  if (g_error_matches (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_EXPIRED) && !data->retried)
    {
      data->retried = TRUE;
      /* The first tile to notice drops the map; the others then wait for
       * the same new instantiation. */
      if (self->layergroup == data->layergroup)
        {
          g_debug ("Map %s expired; instantiating it again", carto_layergroup_get_id (data->layergroup));
          g_clear_object (&self->layergroup);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYERGROUP]);
        }
      cancellable = g_task_get_cancellable (task);
      carto_tile_fetcher_ensure_layergroup_async (self, cancellable, refetch_layergroup_cb, g_steal_pointer (&task));
      return;
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

/* A map shows when its slowest tile has come, and the server's time for
 * a tile grows with its features: the tiles expected to be heavy are
 * sent first, so the one that takes longest is not also started last.
 * The guess spreads the planner's estimate of the layer's features over
 * the world's tiles at that zoom. */
static SoupMessagePriority
tile_priority (CartoLayergroup      *layergroup,
               const CartoTileCoord *coord)
{
  gint64 count = carto_layergroup_get_estimated_feature_count (layergroup);
  double per_tile;

  if (count < 0)
    return SOUP_MESSAGE_PRIORITY_NORMAL;

  per_tile = ldexp ((double) count, -2 * (int) coord->zoom);
  if (per_tile >= HEAVY_TILE_FEATURES)
    return SOUP_MESSAGE_PRIORITY_HIGH;
  if (per_tile >= LIGHT_TILE_FEATURES)
    return SOUP_MESSAGE_PRIORITY_NORMAL;
  return SOUP_MESSAGE_PRIORITY_LOW;
}

static void
start_fetch (GTask *task)
{
  CartoTileFetcher *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);

  g_clear_object (&data->message);
  g_free (data->url);
  data->url = carto_layergroup_dup_tile_url (data->layergroup, &data->coord);
  data->message = soup_message_new (SOUP_METHOD_GET, data->url);
  data->start_us = g_get_monotonic_time ();

  if (data->message == NULL)
    {
      g_task_return_new_error (task, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_BAD_RESPONSE,
                               _("The server’s map has no usable tile address."));
      return;
    }

  soup_message_set_priority (data->message, tile_priority (data->layergroup, &data->coord));
  carto_credentials_apply_auth (self->credentials, data->message);
  carto_maps_send_async (self->session, data->message, MAX_TILE_BYTES,
                         g_task_get_cancellable (task), fetch_cb, task);
}

static void
carto_tile_fetcher_dispose (GObject *object)
{
  CartoTileFetcher *self = CARTO_TILE_FETCHER (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (carto_tile_fetcher_parent_class)->dispose (object);
}

static void
carto_tile_fetcher_finalize (GObject *object)
{
  CartoTileFetcher *self = CARTO_TILE_FETCHER (object);

  g_clear_object (&self->session);
  g_clear_object (&self->credentials);
  g_clear_object (&self->disk_cache);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->layergroup);
  g_clear_error (&self->failure);
  g_clear_pointer (&self->waiters, g_ptr_array_unref);
  g_free (self->sql);
  g_free (self->config_id);

  G_OBJECT_CLASS (carto_tile_fetcher_parent_class)->finalize (object);
}

static void
carto_tile_fetcher_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CartoTileFetcher *self = CARTO_TILE_FETCHER (object);

  switch (prop_id)
    {
    case PROP_LAYERGROUP:
      g_value_set_object (value, self->layergroup);
      break;
    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_tile_fetcher_class_init (CartoTileFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carto_tile_fetcher_dispose;
  object_class->finalize = carto_tile_fetcher_finalize;
  object_class->get_property = carto_tile_fetcher_get_property;

  /**
   * CartoTileFetcher:layergroup:
   *
   * The map tiles come from, once instantiated; it changes when the map
   * expired and was instantiated again (a new id means new data).
   */
  properties[PROP_LAYERGROUP] =
    g_param_spec_object ("layergroup", NULL, NULL, CARTO_TYPE_LAYERGROUP,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoTileFetcher:offline:
   *
   * Whether the server could not be reached and #CartoTileFetcher:layergroup
   * is the one remembered, good for cached tiles only.
   */
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_tile_fetcher_init (CartoTileFetcher *self)
{
  self->cancellable = g_cancellable_new ();
  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * carto_tile_fetcher_new:
 * @session: the shared session
 * @credentials: the account the map and its tiles are read with
 * @sql: the layer's query (see carto_layer_dup_map_sql())
 * @flags: MapConfig options
 * @disk_cache: (nullable): where to remember the map for offline use
 *
 * Returns: (transfer full): a fetcher; nothing is sent before the first
 *   call
 */
CartoTileFetcher *
carto_tile_fetcher_new (SoupSession          *session,
                        CartoCredentials     *credentials,
                        const char           *sql,
                        CartoMapsConfigFlags  flags,
                        CartoTileDiskCache   *disk_cache)
{
  CartoTileFetcher *self;
  g_autofree char *config = NULL;
  g_autofree char *maps_url = NULL;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (CARTO_IS_CREDENTIALS (credentials), NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  g_return_val_if_fail (disk_cache == NULL || CARTO_IS_TILE_DISK_CACHE (disk_cache), NULL);

  self = g_object_new (CARTO_TYPE_TILE_FETCHER, NULL);
  self->session = g_object_ref (session);
  self->credentials = g_object_ref (credentials);
  self->sql = g_strdup (sql);
  self->flags = flags;
  self->disk_cache = disk_cache ? g_object_ref (disk_cache) : NULL;

  /* What names this map across restarts, without the key. */
  config = carto_maps_client_build_config (sql, flags);
  maps_url = carto_credentials_dup_maps_api_url (credentials);
  self->config_id = g_strdup_printf ("%s\n%s\n%s", maps_url,
                                     carto_credentials_get_username (credentials), config);

  return self;
}

/**
 * carto_tile_fetcher_get_session:
 * @self: a fetcher
 *
 * Returns: (transfer none): the session requests go through
 */
SoupSession *
carto_tile_fetcher_get_session (CartoTileFetcher *self)
{
  g_return_val_if_fail (CARTO_IS_TILE_FETCHER (self), NULL);

  return self->session;
}

/**
 * carto_tile_fetcher_get_credentials:
 * @self: a fetcher
 *
 * Returns: (transfer none): the account requests use
 */
CartoCredentials *
carto_tile_fetcher_get_credentials (CartoTileFetcher *self)
{
  g_return_val_if_fail (CARTO_IS_TILE_FETCHER (self), NULL);

  return self->credentials;
}

/**
 * carto_tile_fetcher_get_sql:
 * @self: a fetcher
 *
 * Returns: the map's query
 */
const char *
carto_tile_fetcher_get_sql (CartoTileFetcher *self)
{
  g_return_val_if_fail (CARTO_IS_TILE_FETCHER (self), NULL);

  return self->sql;
}

/**
 * carto_tile_fetcher_get_flags:
 * @self: a fetcher
 *
 * Returns: the MapConfig options
 */
CartoMapsConfigFlags
carto_tile_fetcher_get_flags (CartoTileFetcher *self)
{
  g_return_val_if_fail (CARTO_IS_TILE_FETCHER (self), CARTO_MAPS_CONFIG_FLAGS_NONE);

  return self->flags;
}

/**
 * carto_tile_fetcher_get_layergroup:
 * @self: a fetcher
 *
 * Returns: (transfer none) (nullable): the current map, if instantiated
 */
CartoLayergroup *
carto_tile_fetcher_get_layergroup (CartoTileFetcher *self)
{
  g_return_val_if_fail (CARTO_IS_TILE_FETCHER (self), NULL);

  return self->layergroup;
}

/**
 * carto_tile_fetcher_get_offline:
 * @self: a fetcher
 *
 * Returns: whether the server could not be reached at the last try
 */
gboolean
carto_tile_fetcher_get_offline (CartoTileFetcher *self)
{
  g_return_val_if_fail (CARTO_IS_TILE_FETCHER (self), FALSE);

  return self->offline;
}

/**
 * carto_tile_fetcher_get_n_instantiations:
 * @self: a fetcher
 *
 * Returns: how many times the map was sent to the Maps API
 */
guint
carto_tile_fetcher_get_n_instantiations (CartoTileFetcher *self)
{
  g_return_val_if_fail (CARTO_IS_TILE_FETCHER (self), 0);

  return self->n_instantiations;
}

/**
 * carto_tile_fetcher_ensure_layergroup_async:
 * @self: a fetcher
 * @cancellable: (nullable): stops waiting (the instantiation itself goes
 *   on for the other callers)
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Gets the map, instantiating it when needed: concurrent callers share
 * one request. While offline, the remembered map is returned, and the
 * server is tried again every few seconds.
 */
void
carto_tile_fetcher_ensure_layergroup_async (CartoTileFetcher    *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARTO_IS_TILE_FETCHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) ensure_tag);

  if (self->layergroup != NULL &&
      (!self->offline ||
       g_get_monotonic_time () - self->offline_since_us < OFFLINE_RETRY_SECONDS * G_USEC_PER_SEC))
    {
      g_task_return_pointer (task, g_object_ref (self->layergroup), g_object_unref);
      return;
    }

  if (self->failure != NULL)
    {
      g_task_return_error (task, g_error_copy (self->failure));
      return;
    }

  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
  if (!self->instantiating)
    start_instantiation (self);
}

/**
 * carto_tile_fetcher_ensure_layergroup_finish:
 * @self: a fetcher
 * @result: the result passed to the callback
 * @error: return location for a %CARTO_MAPS_ERROR
 *
 * Returns: (transfer full) (nullable): the map
 */
CartoLayergroup *
carto_tile_fetcher_ensure_layergroup_finish (CartoTileFetcher  *self,
                                             GAsyncResult      *result,
                                             GError           **error)
{
  g_return_val_if_fail (CARTO_IS_TILE_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * carto_tile_fetcher_fetch_async:
 * @self: a fetcher
 * @layergroup: the map to read, from
 *   carto_tile_fetcher_ensure_layergroup_async()
 * @coord: a valid tile
 * @cancellable: (nullable): cancels the request
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Gets one tile's MVT bytes. Logs only the key-less URL.
 */
void
carto_tile_fetcher_fetch_async (CartoTileFetcher     *self,
                                CartoLayergroup      *layergroup,
                                const CartoTileCoord *coord,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchData *data;

  g_return_if_fail (CARTO_IS_TILE_FETCHER (self));
  g_return_if_fail (CARTO_IS_LAYERGROUP (layergroup));
  g_return_if_fail (coord != NULL && carto_tile_coord_is_valid (coord));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) fetch_tag);

  data = g_new0 (FetchData, 1);
  data->layergroup = g_object_ref (layergroup);
  data->coord = *coord;
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  start_fetch (g_steal_pointer (&task));
}

/**
 * carto_tile_fetcher_fetch_finish:
 * @self: a fetcher
 * @result: the result passed to the callback
 * @layergroup: (out) (optional) (transfer full): the map the tile belongs
 *   to: a new one when the map expired on the way
 * @error: return location for a %CARTO_MAPS_ERROR
 *
 * Returns: (transfer full) (nullable): the tile's bytes, empty for an
 *   empty tile
 */
GBytes *
carto_tile_fetcher_fetch_finish (CartoTileFetcher  *self,
                                 GAsyncResult      *result,
                                 CartoLayergroup  **layergroup,
                                 GError           **error)
{
  GBytes *bytes;

  g_return_val_if_fail (CARTO_IS_TILE_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  bytes = g_task_propagate_pointer (G_TASK (result), error);
  if (bytes != NULL && layergroup != NULL)
    {
      FetchData *data = g_task_get_task_data (G_TASK (result));

      *layergroup = g_object_ref (data->layergroup);
    }

  return bytes;
}

/**
 * carto_tile_fetcher_reset:
 * @self: a fetcher
 *
 * Forgets a remembered failure and the current map, so the next call
 * instantiates again (a "Retry" button, or after the user fixed a table's
 * permissions on the server).
 */
void
carto_tile_fetcher_reset (CartoTileFetcher *self)
{
  g_return_if_fail (CARTO_IS_TILE_FETCHER (self));

  g_clear_error (&self->failure);
  set_layergroup (self, NULL, FALSE);
}
