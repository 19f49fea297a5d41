/* viewer-tile-paintable.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VIEWER_TYPE_TILE_PAINTABLE (viewer_tile_paintable_get_type ())

G_DECLARE_FINAL_TYPE (ViewerTilePaintable, viewer_tile_paintable, VIEWER, TILE_PAINTABLE, GObject)

ViewerTilePaintable *viewer_tile_paintable_new (cairo_surface_t *surface,
                                                gboolean         for_cairo_renderer);

G_END_DECLS
