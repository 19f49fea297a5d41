/* carto-tile-painter.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "carto-tile-painter.h"

G_DEFINE_INTERFACE (CartoTilePainter, carto_tile_painter, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
carto_tile_painter_default_init (CartoTilePainterInterface *iface)
{
  /**
   * CartoTilePainter::changed:
   *
   * Tiles painted before this signal are stale (the style or the data
   * changed) and should be painted again.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_INTERFACE (iface),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

/**
 * carto_tile_painter_paint_async:
 * @self: a painter
 * @request: the tile to paint; copied, the caller may free it at once
 * @cancellable: (nullable): cancels the paint
 * @callback: called on the caller's thread-default main context
 * @user_data: for @callback
 */
void
carto_tile_painter_paint_async (CartoTilePainter       *self,
                                const CartoTileRequest *request,
                                GCancellable           *cancellable,
                                GAsyncReadyCallback     callback,
                                gpointer                user_data)
{
  g_return_if_fail (CARTO_IS_TILE_PAINTER (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (request->tile_size > 0 && request->scale_factor > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  CARTO_TILE_PAINTER_GET_IFACE (self)->paint_async (self, request, cancellable, callback, user_data);
}

/**
 * carto_tile_painter_paint_finish:
 * @self: a painter
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): an ARGB32 image surface of
 *   `tile_size * scale_factor` pixels, or %NULL on error
 */
cairo_surface_t *
carto_tile_painter_paint_finish (CartoTilePainter *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (CARTO_IS_TILE_PAINTER (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return CARTO_TILE_PAINTER_GET_IFACE (self)->paint_finish (self, result, error);
}

/**
 * carto_tile_painter_emit_changed:
 * @self: a painter
 *
 * For implementations: announce that painted tiles are stale.
 */
/**
 * carto_tile_painter_prepare:
 * @self: a painter
 *
 * Its tiles will soon be asked for: a painter that must set something up
 * first (a CARTO map to instantiate) starts now, so that the first tiles
 * do not wait for it. Optional for painters; does nothing by default.
 */
void
carto_tile_painter_prepare (CartoTilePainter *self)
{
  CartoTilePainterInterface *iface;

  g_return_if_fail (CARTO_IS_TILE_PAINTER (self));

  iface = CARTO_TILE_PAINTER_GET_IFACE (self);
  if (iface->prepare != NULL)
    iface->prepare (self);
}

void
carto_tile_painter_emit_changed (CartoTilePainter *self)
{
  g_return_if_fail (CARTO_IS_TILE_PAINTER (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * carto_tile_surface_new:
 * @request: the tile being painted
 * @cr: (out) (transfer full): a cairo context on the surface, scaled so
 *   that user space is the logical tile (0..tile_size)
 *
 * Returns: (transfer full): a cleared ARGB32 surface at device resolution
 */
cairo_surface_t *
carto_tile_surface_new (const CartoTileRequest *request,
                        cairo_t               **cr)
{
  int side = (int) (request->tile_size * request->scale_factor);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);

  *cr = cairo_create (surface);
  cairo_scale (*cr, request->scale_factor, request->scale_factor);

  return surface;
}
