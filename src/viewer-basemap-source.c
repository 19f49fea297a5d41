/* viewer-basemap-source.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CARTO raster basemap tiles, fetched through the application's one
 * SoupSession and fed to a ShumateRasterRenderer. Tiles stay in memory
 * only (libshumate's in-memory tile cache): CARTO's basemap terms forbid
 * storing them (docs/carto-api.md §7), so there is deliberately no file
 * cache.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-basemap-source.h"

struct _ViewerBasemapSource
{
  ShumateDataSource parent_instance;

  SoupSession *session;
  CartoBasemap basemap;
  gboolean double_resolution;
  char *api_key;
  /* Tests point the source at a local server instead of cartocdn.com. */
  char *base_uri;
  guint n_pending;
};

G_DEFINE_FINAL_TYPE (ViewerBasemapSource, viewer_basemap_source, SHUMATE_TYPE_DATA_SOURCE)

enum {
  TILE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char tile_tag[] = "viewer_basemap_source_get_tile_data_async";

typedef struct
{
  SoupMessage *msg;
  int x, y, zoom;
} TileRequest;

static void
tile_request_free (TileRequest *req)
{
  g_clear_object (&req->msg);
  g_free (req);
}

static char *
build_uri (ViewerBasemapSource *self,
           int                  x,
           int                  y,
           int                  zoom)
{
  g_autofree char *uri = carto_basemap_dup_tile_url (self->basemap, (guint) zoom, (guint) x, (guint) y,
                                                     self->double_resolution);
  g_autoptr(GString) str = NULL;

  if (self->base_uri != NULL)
    {
      /* Keep the path after the host: …/light_all/z/x/y.png */
      const char *path = strstr (uri, ".cartocdn.com/");

      str = g_string_new (self->base_uri);
      g_string_append (str, path + strlen (".cartocdn.com"));
    }
  else
    {
      str = g_string_new (uri);
    }

  if (self->api_key != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (self->api_key, NULL, FALSE);

      g_string_append_printf (str, "?api_key=%s", escaped);
    }

  return g_string_free (g_steal_pointer (&str), FALSE);
}

static void
fail_tile (ViewerBasemapSource *self,
           GTask               *task,
           GError              *error)
{
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[TILE_FAILED], 0, error);
  g_task_return_error (task, error);
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ViewerBasemapSource *self = g_task_get_source_object (task);
  TileRequest *req = g_task_get_task_data (task);
  SoupMessage *msg = req->msg;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint status;
  const char *content_type;

  self->n_pending--;
  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (bytes == NULL)
    {
      fail_tile (self, task, carto_http_error_from_transport (error));
      return;
    }

  status = soup_message_get_status (msg);
  if (status != SOUP_STATUS_OK)
    {
      g_autofree char *uri = carto_http_redact_uri (soup_message_get_uri (msg));

      g_debug ("Basemap tile %s: HTTP %u", uri, status);
      fail_tile (self, task, carto_http_error_from_status (status));
      return;
    }

  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
  if (content_type == NULL || !g_str_has_prefix (content_type, "image/"))
    {
      fail_tile (self, task, g_error_new_literal (CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_BAD_RESPONSE,
                                                  _("The basemap server did not send an image.")));
      return;
    }

  /* ShumateRasterRenderer builds its texture from this signal, not from
   * the returned bytes. */
  g_signal_emit_by_name (self, "received-data", req->x, req->y, req->zoom, bytes);
  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
}

static void
viewer_basemap_source_get_tile_data_async (ShumateDataSource   *source,
                                           int                  x,
                                           int                  y,
                                           int                  zoom,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  ViewerBasemapSource *self = VIEWER_BASEMAP_SOURCE (source);
  g_autoptr(GTask) task = NULL;
  g_autofree char *uri = NULL;
  TileRequest *req;
  SoupMessage *msg;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) tile_tag);

  uri = build_uri (self, x, y, zoom);
  msg = soup_message_new (SOUP_METHOD_GET, uri);
  if (msg == NULL)
    {
      fail_tile (self, task, g_error_new_literal (CARTO_HTTP_ERROR, CARTO_HTTP_ERROR_FAILED,
                                                  _("The basemap address is not valid.")));
      return;
    }

  req = g_new0 (TileRequest, 1);
  req->msg = msg;
  req->x = x;
  req->y = y;
  req->zoom = zoom;
  g_task_set_task_data (task, req, (GDestroyNotify) tile_request_free);
  self->n_pending++;
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT, cancellable,
                                    send_cb, g_steal_pointer (&task));
}

static GBytes *
viewer_basemap_source_get_tile_data_finish (ShumateDataSource *source,
                                            GAsyncResult      *result,
                                            GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
viewer_basemap_source_finalize (GObject *object)
{
  ViewerBasemapSource *self = VIEWER_BASEMAP_SOURCE (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->api_key, g_free);
  g_clear_pointer (&self->base_uri, g_free);

  G_OBJECT_CLASS (viewer_basemap_source_parent_class)->finalize (object);
}

static void
viewer_basemap_source_class_init (ViewerBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = viewer_basemap_source_finalize;
  source_class->get_tile_data_async = viewer_basemap_source_get_tile_data_async;
  source_class->get_tile_data_finish = viewer_basemap_source_get_tile_data_finish;

  /**
   * ViewerBasemapSource::tile-failed:
   * @error: a %CARTO_HTTP_ERROR saying why
   *
   * A tile could not be fetched; the embedded map below shows through.
   */
  signals[TILE_FAILED] = g_signal_new ("tile-failed",
                                       G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
viewer_basemap_source_init (ViewerBasemapSource *self)
{
}

/**
 * viewer_basemap_source_new:
 * @session: the application's HTTP session
 * @basemap: a remote basemap
 * @double_resolution: fetch 512 px `@2x` tiles (HiDPI)
 * @api_key: (nullable): the basemap API key; without it CARTO watermarks
 *
 * Returns: (transfer full): a data source for a ShumateRasterRenderer
 */
ViewerBasemapSource *
viewer_basemap_source_new (SoupSession  *session,
                           CartoBasemap  basemap,
                           gboolean      double_resolution,
                           const char   *api_key)
{
  ViewerBasemapSource *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (carto_basemap_is_remote (basemap), NULL);

  self = g_object_new (VIEWER_TYPE_BASEMAP_SOURCE, NULL);
  self->session = g_object_ref (session);
  self->basemap = basemap;
  self->double_resolution = double_resolution;
  self->api_key = (api_key && *api_key) ? g_strdup (api_key) : NULL;

  return self;
}

/**
 * viewer_basemap_source_get_basemap:
 * @self: a source
 *
 * Returns: the basemap it fetches
 */
CartoBasemap
viewer_basemap_source_get_basemap (ViewerBasemapSource *self)
{
  g_return_val_if_fail (VIEWER_IS_BASEMAP_SOURCE (self), CARTO_BASEMAP_EMBEDDED);

  return self->basemap;
}

/**
 * viewer_basemap_source_set_base_uri:
 * @self: a source
 * @base_uri: (nullable): e.g. `http://127.0.0.1:8080`, replacing
 *   `https://X.basemaps.cartocdn.com`; %NULL for CARTO's servers
 *
 * For tests and the offline demo: fetch the same paths from another host.
 */
void
viewer_basemap_source_set_base_uri (ViewerBasemapSource *self,
                                    const char          *base_uri)
{
  g_return_if_fail (VIEWER_IS_BASEMAP_SOURCE (self));

  g_free (self->base_uri);
  self->base_uri = g_strdup (base_uri);
}

/**
 * viewer_basemap_source_get_n_pending:
 * @self: a source
 *
 * Returns: how many tiles are being fetched right now
 */
guint
viewer_basemap_source_get_n_pending (ViewerBasemapSource *self)
{
  g_return_val_if_fail (VIEWER_IS_BASEMAP_SOURCE (self), 0);

  return self->n_pending;
}
