/* carto-tile-painter.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <cairo.h>
#include <gio/gio.h>

#include "carto-tile-coord.h"

G_BEGIN_DECLS

/**
 * CartoTileRequest:
 * @coord: which tile
 * @tile_size: logical size in pixels (256)
 * @scale_factor: device pixels per logical pixel (2 on HiDPI)
 *
 * What the map widget asks a painter for. The painted surface is
 * `tile_size * scale_factor` device pixels square.
 */
typedef struct
{
  CartoTileCoord coord;
  guint tile_size;
  guint scale_factor;
} CartoTileRequest;

#define CARTO_TYPE_TILE_PAINTER (carto_tile_painter_get_type ())
G_DECLARE_INTERFACE (CartoTilePainter, carto_tile_painter, CARTO, TILE_PAINTER, GObject)

/**
 * CartoTilePainterInterface:
 * @paint_async: start painting one tile; heavy work must not run on the
 *   calling (main) thread, and @cancellable must be honoured
 * @paint_finish: the painted ARGB32 image surface, or %NULL with an error
 *   (%G_IO_ERROR_CANCELLED when cancelled)
 *
 * The tile-rendering seam: the embedded world basemap and CARTO vector
 * layers both paint through it, and the UI turns surfaces into textures.
 */
struct _CartoTilePainterInterface
{
  GTypeInterface parent_iface;

  void              (*paint_async)  (CartoTilePainter       *self,
                                     const CartoTileRequest *request,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data);
  cairo_surface_t * (*paint_finish) (CartoTilePainter       *self,
                                     GAsyncResult           *result,
                                     GError                **error);
  void              (*prepare)      (CartoTilePainter       *self);
};

void             carto_tile_painter_paint_async  (CartoTilePainter       *self,
                                                  const CartoTileRequest *request,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
cairo_surface_t *carto_tile_painter_paint_finish (CartoTilePainter       *self,
                                                  GAsyncResult           *result,
                                                  GError                **error);
void             carto_tile_painter_prepare      (CartoTilePainter       *self);
void             carto_tile_painter_emit_changed (CartoTilePainter       *self);

cairo_surface_t *carto_tile_surface_new          (const CartoTileRequest *request,
                                                  cairo_t               **cr);

G_END_DECLS
