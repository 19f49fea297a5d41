/* viewer-tile-paintable.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One painted map tile, drawn the cheap way for the renderer in use.
 *
 * A GdkTexture suits OpenGL: it is uploaded once and reused every frame.
 * GTK 4.8's cairo renderer, though, converts a texture's every pixel
 * through floats at every frame it draws it (about 0.6 ms for a 256-px
 * tile, measured with tools/bench and perf), and a map window draws a
 * hundred tiles a frame while they arrive. Given to that renderer as a
 * cairo node, the tile's own image surface is composited by pixman
 * directly, and not at all where it is clipped out.
 */

#include "config.h"

#include "viewer-tile-paintable.h"

struct _ViewerTilePaintable
{
  GObject parent_instance;

  cairo_surface_t *surface;
  /* Made on first use, for renderers other than cairo. */
  GdkTexture *texture;
  gboolean for_cairo_renderer;
};

static void viewer_tile_paintable_paintable_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ViewerTilePaintable, viewer_tile_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE, viewer_tile_paintable_paintable_init))

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  g_autoptr(GBytes) bytes = NULL;
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);

  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 layout; the bytes keep the
   * surface alive instead of copying it. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * (gsize) height,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (surface));

  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, (gsize) stride);
}

/* The surface's size in the units it is drawn in: a HiDPI tile has twice
 * the pixels and a device scale of 2. */
static void
get_surface_size (cairo_surface_t *surface,
                  double          *width,
                  double          *height)
{
  double x_scale, y_scale;

  cairo_surface_get_device_scale (surface, &x_scale, &y_scale);
  *width = cairo_image_surface_get_width (surface) / x_scale;
  *height = cairo_image_surface_get_height (surface) / y_scale;
}

static void
snapshot_with_cairo (ViewerTilePaintable *self,
                     GtkSnapshot         *snapshot,
                     double               width,
                     double               height)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  double surface_width, surface_height;

  get_surface_size (self->surface, &surface_width, &surface_height);
  cairo_scale (cr, width / surface_width, height / surface_height);
  cairo_set_source_surface (cr, self->surface, 0, 0);
  /* Pad, as GTK's texture node does, so a scaled tile has no faint seam
   * at its edge; no resampling when it is drawn at its own size. */
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  if (width == surface_width && height == surface_height)
    cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_rectangle (cr, 0, 0, surface_width, surface_height);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
viewer_tile_paintable_snapshot (GdkPaintable *paintable,
                                GdkSnapshot  *snapshot,
                                double        width,
                                double        height)
{
  ViewerTilePaintable *self = VIEWER_TILE_PAINTABLE (paintable);

  if (self->for_cairo_renderer)
    {
      snapshot_with_cairo (self, GTK_SNAPSHOT (snapshot), width, height);
      return;
    }

  if (self->texture == NULL)
    self->texture = texture_from_surface (self->surface);
  gdk_paintable_snapshot (GDK_PAINTABLE (self->texture), snapshot, width, height);
}

static int
viewer_tile_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  return cairo_image_surface_get_width (VIEWER_TILE_PAINTABLE (paintable)->surface);
}

static int
viewer_tile_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  return cairo_image_surface_get_height (VIEWER_TILE_PAINTABLE (paintable)->surface);
}

static GdkPaintableFlags
viewer_tile_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
viewer_tile_paintable_paintable_init (GdkPaintableInterface *iface)
{
  iface->snapshot = viewer_tile_paintable_snapshot;
  iface->get_intrinsic_width = viewer_tile_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = viewer_tile_paintable_get_intrinsic_height;
  iface->get_flags = viewer_tile_paintable_get_flags;
}

static void
viewer_tile_paintable_finalize (GObject *object)
{
  ViewerTilePaintable *self = VIEWER_TILE_PAINTABLE (object);

  g_clear_object (&self->texture);
  g_clear_pointer (&self->surface, cairo_surface_destroy);

  G_OBJECT_CLASS (viewer_tile_paintable_parent_class)->finalize (object);
}

static void
viewer_tile_paintable_class_init (ViewerTilePaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = viewer_tile_paintable_finalize;
}

static void
viewer_tile_paintable_init (ViewerTilePaintable *self)
{
}

/**
 * viewer_tile_paintable_new:
 * @surface: a painted tile, an image surface that is not drawn to again
 * @for_cairo_renderer: whether GTK's cairo renderer draws the windows
 *   (see viewer_renderer_draws_with_cairo())
 *
 * Returns: (transfer full): a paintable showing @surface
 */
ViewerTilePaintable *
viewer_tile_paintable_new (cairo_surface_t *surface,
                           gboolean         for_cairo_renderer)
{
  ViewerTilePaintable *self;

  g_return_val_if_fail (surface != NULL, NULL);
  g_return_val_if_fail (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE, NULL);

  self = g_object_new (VIEWER_TYPE_TILE_PAINTABLE, NULL);
  self->surface = cairo_surface_reference (surface);
  self->for_cairo_renderer = for_cairo_renderer;

  return self;
}
