/* test-tile-source.c — the painter → ShumateTile seam
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include "ui-test-utils.h"
#include "viewer-tile-paintable.h"
#include "viewer-tile-source.h"

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
} FillResult;

static void
fill_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  FillResult *r = user_data;

  r->ok = shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (source), result, &r->error);
  r->done = TRUE;
}

static gboolean
fill_done (gpointer data)
{
  return ((FillResult *) data)->done;
}

static ViewerTileSource *
world_source (guint scale)
{
  g_autoptr(GBytes) world = g_resources_lookup_data (RESOURCE_PATH "/world/countries-110m.json", 0, NULL);
  g_autoptr(CartoWorldPainter) painter = NULL;

  g_assert_nonnull (world);
  painter = carto_world_painter_new (world);
  return viewer_tile_source_new (CARTO_TILE_PAINTER (painter), "test-world", scale);
}

static void
test_fill (void)
{
  g_autoptr(ViewerTileSource) source = world_source (2);
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (1, 0, 256, 1);
  FillResult r = { 0 };
  GdkPaintable *paintable;

  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, fill_cb, &r);
  g_assert_cmpuint (viewer_tile_source_get_n_pending (source), ==, 1);
  g_assert_true (ui_test_wait_until (fill_done, &r, 10000));
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (viewer_tile_source_get_n_pending (source), ==, 0);

  paintable = shumate_tile_get_paintable (tile);
  g_assert_true (VIEWER_IS_TILE_PAINTABLE (paintable));
  /* HiDPI: painted at the widget's scale factor. */
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 512);
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
}

static void
test_cancelled_before (void)
{
  g_autoptr(ViewerTileSource) source = world_source (1);
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (0, 0, 256, 0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  FillResult r = { 0 };

  g_cancellable_cancel (cancellable);
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, cancellable, fill_cb, &r);
  g_assert_true (ui_test_wait_until (fill_done, &r, 10000));
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (shumate_tile_get_paintable (tile));
  g_clear_error (&r.error);
}

/* Cancelled while the worker paints: the finished surface is dropped and
 * the tile, which libshumate may have reused, stays untouched. */
static void
test_cancelled_during (void)
{
  g_autoptr(ViewerTileSource) source = world_source (1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(ShumateTile) tile = shumate_tile_new_full (i, 1, 256, 3);
      FillResult r = { 0 };

      shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, cancellable, fill_cb, &r);
      g_cancellable_cancel (cancellable);
      g_assert_true (ui_test_wait_until (fill_done, &r, 10000));
      g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (shumate_tile_get_paintable (tile));
      g_assert_cmpint (shumate_tile_get_state (tile), !=, SHUMATE_STATE_DONE);
      g_clear_error (&r.error);
      g_cancellable_reset (cancellable);
    }
  g_assert_cmpuint (viewer_tile_source_get_n_pending (source), ==, 0);
}

static void
test_out_of_range (void)
{
  g_autoptr(ViewerTileSource) source = world_source (1);
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (9, 0, 256, 2);
  FillResult r = { 0 };

  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, fill_cb, &r);
  g_assert_true (ui_test_wait_until (fill_done, &r, 10000));
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_null (shumate_tile_get_paintable (tile));
  g_clear_error (&r.error);
}

/* A 512×512 map at zoom 2 centred on 0°, 0°: of the four columns of
 * tiles, the middle two show. */
static GtkWindow *
small_map_window (ShumateSimpleMap **map)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  ShumateViewport *viewport;

  *map = shumate_simple_map_new ();
  gtk_window_set_default_size (window, 512, 512);
  gtk_window_set_child (window, GTK_WIDGET (*map));
  viewport = shumate_simple_map_get_viewport (*map);
  shumate_viewport_set_zoom_level (viewport, 2);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 0, 0);
  gtk_window_present (window);
  ui_test_wait_frames (GTK_WIDGET (window), 3);
  return window;
}

static void
test_on_screen_first (void)
{
  g_autoptr(ViewerTileSource) source = world_source (1);
  g_autoptr(ViewerTileScheduler) scheduler = NULL;
  g_autoptr(ShumateTile) margin = shumate_tile_new_full (0, 1, 256, 2);
  g_autoptr(ShumateTile) centre = shumate_tile_new_full (1, 1, 256, 2);
  CartoTileCoord coord = { .zoom = 2, .x = 1, .y = 1 };
  ShumateSimpleMap *map;
  GtkWindow *window = small_map_window (&map);
  FillResult margin_r = { 0 }, centre_r = { 0 };

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (shumate_simple_map_get_map (map))), >, 0);
  scheduler = viewer_tile_scheduler_new (shumate_simple_map_get_map (map));
  viewer_tile_source_set_scheduler (source, scheduler);

  g_assert_true (viewer_tile_scheduler_is_on_screen (scheduler, SHUMATE_MAP_SOURCE (source), &coord));
  coord.x = 0;
  g_assert_false (viewer_tile_scheduler_is_on_screen (scheduler, SHUMATE_MAP_SOURCE (source), &coord));
  coord.x = 3;
  g_assert_false (viewer_tile_scheduler_is_on_screen (scheduler, SHUMATE_MAP_SOURCE (source), &coord));
  coord.zoom = 3;   /* another level: never held back */
  g_assert_true (viewer_tile_scheduler_is_on_screen (scheduler, SHUMATE_MAP_SOURCE (source), &coord));

  /* libshumate asks for the margin first: it waits for the centre. */
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), margin, NULL, fill_cb, &margin_r);
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), centre, NULL, fill_cb, &centre_r);
  g_assert_cmpuint (viewer_tile_scheduler_get_n_on_screen (scheduler), ==, 1);
  g_assert_cmpuint (viewer_tile_scheduler_get_n_waiting (scheduler), ==, 1);
  g_assert_cmpuint (viewer_tile_source_get_n_pending (source), ==, 2);

  g_assert_true (ui_test_wait_until (fill_done, &centre_r, 10000));
  g_assert_no_error (centre_r.error);
  g_assert_cmpuint (viewer_tile_scheduler_get_n_waiting (scheduler), ==, 0);
  g_assert_true (ui_test_wait_until (fill_done, &margin_r, 10000));
  g_assert_no_error (margin_r.error);
  g_assert_nonnull (shumate_tile_get_paintable (margin));
  g_assert_cmpuint (viewer_tile_source_get_n_pending (source), ==, 0);
  g_assert_cmpuint (viewer_tile_source_get_n_painted (source), ==, 2);

  gtk_window_destroy (window);
}

static void
test_margin_alone (void)
{
  g_autoptr(ViewerTileSource) source = world_source (1);
  g_autoptr(ViewerTileScheduler) scheduler = NULL;
  g_autoptr(ShumateTile) margin = shumate_tile_new_full (3, 2, 256, 2);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ShumateTile) gone = shumate_tile_new_full (0, 2, 256, 2);
  ShumateSimpleMap *map;
  GtkWindow *window = small_map_window (&map);
  FillResult margin_r = { 0 }, gone_r = { 0 };

  scheduler = viewer_tile_scheduler_new (shumate_simple_map_get_map (map));
  viewer_tile_source_set_scheduler (source, scheduler);

  /* Nothing on screen is loading: the margin starts once the map's
   * request is over, and one cancelled while it waited says so. */
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), margin, NULL, fill_cb, &margin_r);
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), gone, cancellable, fill_cb, &gone_r);
  g_assert_cmpuint (viewer_tile_scheduler_get_n_waiting (scheduler), ==, 2);
  g_cancellable_cancel (cancellable);
  g_assert_true (ui_test_wait_until (fill_done, &margin_r, 10000));
  g_assert_no_error (margin_r.error);
  g_assert_true (ui_test_wait_until (fill_done, &gone_r, 10000));
  g_assert_error (gone_r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&gone_r.error);
  g_assert_cmpuint (viewer_tile_source_get_n_pending (source), ==, 0);

  gtk_window_destroy (window);
}

/* A painted tile reaches GTK as a cairo node for the cairo renderer and
 * as a texture for OpenGL, and shows the same pixels either way. */
static GskRenderNode *
snapshot_tile (ViewerTilePaintable *paintable,
               double               size)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (GDK_PAINTABLE (paintable), snapshot, size, size);
  return gtk_snapshot_free_to_node (snapshot);
}

static void
test_paintable_nodes (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 512, 512);
  g_autoptr(ViewerTilePaintable) for_cairo = NULL;
  g_autoptr(ViewerTilePaintable) for_gl = NULL;
  g_autoptr(GskRenderNode) cairo_node = NULL;
  g_autoptr(GskRenderNode) texture_node = NULL;
  graphene_rect_t bounds;
  cairo_t *cr;

  /* A HiDPI tile: 512 pixels drawn as 256. */
  cairo_surface_set_device_scale (surface, 2, 2);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);

  for_cairo = viewer_tile_paintable_new (surface, TRUE);
  for_gl = viewer_tile_paintable_new (surface, FALSE);
  cairo_surface_destroy (surface);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (for_cairo)), ==, 512);
  g_assert_true (gdk_paintable_get_flags (GDK_PAINTABLE (for_cairo)) & GDK_PAINTABLE_STATIC_CONTENTS);

  cairo_node = snapshot_tile (for_cairo, 256);
  g_assert_cmpint (gsk_render_node_get_node_type (cairo_node), ==, GSK_CAIRO_NODE);
  gsk_render_node_get_bounds (cairo_node, &bounds);
  g_assert_cmpfloat (bounds.size.width, ==, 256);

  texture_node = snapshot_tile (for_gl, 256);
  g_assert_cmpint (gsk_render_node_get_node_type (texture_node), ==, GSK_TEXTURE_NODE);
  g_assert_cmpint (gdk_texture_get_width (gsk_texture_node_get_texture (texture_node)), ==, 512);

  /* The cairo node paints the tile's red over the whole 256 units. */
  {
    cairo_surface_t *target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
    guint32 *pixels;

    cr = cairo_create (target);
    gsk_render_node_draw (cairo_node, cr);
    cairo_destroy (cr);
    cairo_surface_flush (target);
    pixels = (guint32 *) cairo_image_surface_get_data (target);
    g_assert_cmphex (pixels[0], ==, 0xffff0000);
    g_assert_cmphex (pixels[255 * 256 + 255], ==, 0xffff0000);
    cairo_surface_destroy (target);
  }
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/tile-source/fill", test_fill);
  g_test_add_func ("/tile-source/cancelled-before", test_cancelled_before);
  g_test_add_func ("/tile-source/cancelled-during", test_cancelled_during);
  g_test_add_func ("/tile-source/out-of-range", test_out_of_range);
  g_test_add_func ("/tile-source/on-screen-first", test_on_screen_first);
  g_test_add_func ("/tile-source/margin-alone", test_margin_alone);
  g_test_add_func ("/tile-source/paintable-nodes", test_paintable_nodes);

  return g_test_run ();
}
