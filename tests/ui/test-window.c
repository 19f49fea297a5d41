/* test-window.c — the real main window, under Xvfb
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <libsoup/soup.h>

#include "ui-test-utils.h"
#include "viewer-context.h"
#include "viewer-renderer.h"
#include "viewer-window.h"

/* One application per process: GApplication registers once. */
static AdwApplication *test_app;

typedef struct
{
  AdwApplication *app;
  ViewerContext *context;
  ViewerWindow *window;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->app = g_object_ref (test_app);
  f->context = viewer_context_new ();
  g_settings_reset (viewer_context_get_settings (f->context), "basemap");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->context);
  g_clear_object (&f->app);
  g_unsetenv ("CARTO_VIEWER_BASEMAP_URL");
}

static gboolean
map_idle (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_mapped (GTK_WIDGET (f->window)) && viewer_map_view_is_idle (viewer_window_get_map_view (f->window));
}

static GdkTexture *
open_and_render (Fixture    *f,
                 const char *artifact)
{
  GdkTexture *texture;

  f->window = viewer_window_new (f->app, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  ui_test_wait_frames (GTK_WIDGET (f->window), 5);

  g_assert_true (ui_test_wait_until (map_idle, f, 20000));
  /* Let the last textures reach a frame. */
  ui_test_iterate (400);
  g_assert_true (ui_test_wait_until (map_idle, f, 20000));

  texture = ui_test_render (GTK_WIDGET (f->window));
  g_assert_nonnull (texture);
  ui_test_save_artifact (texture, artifact);
  return texture;
}

/* The map area is the window below the header bar. */
static PixelStats
map_stats (Fixture    *f,
           GdkTexture *texture)
{
  int w = gdk_texture_get_width (texture);
  int h = gdk_texture_get_height (texture);

  return ui_test_pixel_stats (texture, 0, 60, w, h - 60);
}

static void
test_embedded_map (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = open_and_render (f, "window-embedded.png");
  PixelStats stats = map_stats (f, texture);
  ShumateSimpleMap *map = viewer_map_view_get_simple_map (viewer_window_get_map_view (f->window));

  /* Water and land both cover a real share of the map: not blank, not one
   * flat colour, and not a failed load (which would be one colour). */
  g_test_message ("distinct colours %u, dominant share %.2f", stats.n_distinct, stats.dominant_share);
  g_assert_cmpuint (stats.n_distinct, >, 10);
  g_assert_cmpfloat (stats.dominant_share, <, 0.8);
  g_assert_cmpfloat (stats.dominant_share, >, 0.2);

  g_assert_true (shumate_simple_map_get_show_zoom_buttons (map));
  g_assert_nonnull (shumate_simple_map_get_scale (map));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (shumate_simple_map_get_license (map)), "Natural Earth"));
}

/* The window keeps its size; the viewport belongs to the map, and a new
 * window's map starts where every new map does. */
static void
test_size_persists (Fixture       *f,
                    gconstpointer  data)
{
  GSettings *settings = viewer_context_get_settings (f->context);
  ShumateViewport *viewport;
  CartoMap *map;

  f->window = viewer_window_new (f->app, f->context);
  gtk_window_present (GTK_WINDOW (f->window));
  viewport = shumate_simple_map_get_viewport (viewer_map_view_get_simple_map (viewer_window_get_map_view (f->window)));
  shumate_viewport_set_zoom_level (viewport, 5.0);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 40.4, -3.7);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 900, 640);
  ui_test_iterate (100);

  gtk_window_close (GTK_WINDOW (f->window));
  f->window = NULL;
  ui_test_iterate (50);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);

  f->window = viewer_window_new (f->app, f->context);
  map = viewer_window_get_map (f->window);
  viewport = shumate_simple_map_get_viewport (viewer_map_view_get_simple_map (viewer_window_get_map_view (f->window)));
  g_assert_cmpfloat (carto_map_get_zoom (map), ==, 2.0);
  g_assert_cmpfloat (carto_map_get_latitude (map), ==, 20.0);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 20.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 0.0, 1e-9);
}

/* A CARTO basemap with no route to its server: a clear, non-blocking
 * message, and the embedded map still fills the window. */
static void
test_basemap_offline_falls_back (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *toast_label;
  PixelStats stats;

  /* Port 9 (discard) is closed on loopback: connection refused, at once. */
  g_setenv ("CARTO_VIEWER_BASEMAP_URL", "http://127.0.0.1:9", TRUE);
  g_settings_set_string (viewer_context_get_settings (f->context), "basemap", "positron");

  texture = open_and_render (f, "window-basemap-offline.png");
  toast_label = ui_test_find_label (GTK_WIDGET (f->window), "unavailable");
  g_assert_nonnull (toast_label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (toast_label)), ==,
                   "Positron unavailable (no connection). Showing the built-in map.");

  stats = map_stats (f, texture);
  g_assert_cmpuint (stats.n_distinct, >, 10);
  g_assert_cmpfloat (stats.dominant_share, <, 0.8);
}

static cairo_status_t
append_png_cb (void                *closure,
               const unsigned char *data,
               unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
solid_png (int side)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png_cb, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

typedef struct
{
  GPtrArray *paths;
  gboolean saw_key;
} TileServer;

/* Stands in for basemaps.cartocdn.com: a magenta PNG for every tile. */
static void
serve_tile_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  TileServer *ts = user_data;
  g_autoptr(GBytes) png = solid_png (g_str_has_suffix (path, "@2x.png") ? 512 : 256);

  g_ptr_array_add (ts->paths, g_strdup (path));
  if (query != NULL && g_hash_table_contains (query, "api_key"))
    ts->saw_key = TRUE;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (png, NULL), g_bytes_get_size (png));
}

static void
test_basemap_tiles (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  TileServer ts = { paths, FALSE };
  g_autoslist(GUri) uris = NULL;
  g_autofree char *base = NULL;
  int w, h;

  soup_server_add_handler (server, NULL, serve_tile_cb, &ts, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_setenv ("CARTO_VIEWER_BASEMAP_URL", base, TRUE);
  g_settings_set_string (viewer_context_get_settings (f->context), "basemap", "voyager");

  texture = open_and_render (f, "window-basemap-tiles.png");
  w = gdk_texture_get_width (texture);
  h = gdk_texture_get_height (texture);

  /* The CARTO layer covers the embedded map, in the right style path,
   * and with no key there is none in the URL. */
  g_assert_cmpuint (paths->len, >, 4);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (paths, 0), "/rastertiles/voyager/"));
  g_assert_false (ts.saw_key);
  g_assert_cmphex (ui_test_pixel (texture, w / 2, h / 2), ==, 0xffff00ff);
  /* Another tile, clear of the 360-pixel sidebar. */
  g_assert_cmphex (ui_test_pixel (texture, w * 2 / 3, h - 150), ==, 0xffff00ff);
  g_assert_null (ui_test_find_label (GTK_WIDGET (f->window), "unavailable"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (shumate_simple_map_get_license (viewer_map_view_get_simple_map (viewer_window_get_map_view (f->window)))),
                                       "OpenStreetMap"));
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* The basemap switcher is the shown map's basemap; a pick is also what
 * new maps start with. */
static void
test_basemap_action (Fixture       *f,
                     gconstpointer  data)
{
  GSettings *settings = viewer_context_get_settings (f->context);
  g_autoptr(GVariant) state = NULL;
  g_autofree char *nick = NULL;
  ViewerWindow *second;
  CartoMap *map;

  g_setenv ("CARTO_VIEWER_BASEMAP_URL", "http://127.0.0.1:9", TRUE);
  f->window = viewer_window_new (f->app, f->context);
  map = viewer_window_get_map (f->window);
  g_assert_cmpint (carto_map_get_basemap (map), ==, CARTO_BASEMAP_EMBEDDED);
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "basemap");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "embedded");
  g_clear_pointer (&state, g_variant_unref);

  /* As the switcher's rows do. */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "basemap", g_variant_new_string ("voyager"));
  g_assert_cmpint (carto_map_get_basemap (map), ==, CARTO_BASEMAP_VOYAGER);
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "basemap");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "voyager");
  g_clear_pointer (&state, g_variant_unref);
  nick = g_settings_get_string (settings, "basemap");
  g_assert_cmpstr (nick, ==, "voyager");
  g_clear_pointer (&nick, g_free);

  /* The map changed some other way (a document, say): the switcher shows
   * it, and the choice for new maps stays. */
  carto_map_set_basemap (map, CARTO_BASEMAP_POSITRON);
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "basemap");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "positron");
  nick = g_settings_get_string (settings, "basemap");
  g_assert_cmpstr (nick, ==, "voyager");

  second = viewer_window_new (f->app, f->context);
  g_assert_cmpint (carto_map_get_basemap (viewer_window_get_map (second)), ==, CARTO_BASEMAP_VOYAGER);
  gtk_window_destroy (GTK_WINDOW (second));
}

/* The switcher says plainly that keyless CARTO tiles are watermarked. */
static void
test_basemap_popover (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = NULL;
  GtkMenuButton *button;
  GtkPopover *popover;

  g_settings_set_string (viewer_context_get_settings (f->context), "basemap", "embedded");
  texture = open_and_render (f, "window-before-popover.png");
  button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (f->window), VIEWER_TYPE_WINDOW, "basemap_button"));
  g_assert_nonnull (button);
  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  g_assert_true (ui_test_wait_until (widget_mapped, popover, 5000));
  ui_test_iterate (300);

  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (popover), "watermark"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (popover), "Dark Matter"));
  g_clear_object (&texture);
  texture = ui_test_render (GTK_WIDGET (popover));
  ui_test_save_artifact (texture, "basemap-popover.png");
  /* Closed before the window goes, so no event reaches a dead surface. */
  gtk_popover_popdown (popover);
  ui_test_iterate (100);
}

static void
test_dark_style (Fixture       *f,
                 gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GdkTexture) texture = NULL;
  guint32 px;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  texture = open_and_render (f, "window-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* Some pixel in the middle of the map: dark water or dark land. */
  px = ui_test_pixel (texture, gdk_texture_get_width (texture) / 2, gdk_texture_get_height (texture) / 2);
  g_assert_cmpuint ((px >> 16) & 0xff, <, 0x60);
  g_assert_cmpuint ((px >> 8) & 0xff, <, 0x60);
}

/* Xvfb has no GPU: OpenGL there is Mesa's software rasterizer, so the
 * window draws with cairo (viewer-renderer.c), unless GSK_RENDERER chose
 * (run-isolated passes a GSK_RENDERER of the caller's through). */
static void
test_software_gl_uses_cairo (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *gl_renderer = NULL;
  gboolean software = viewer_renderer_is_software_gl (gdk_display_get_default (), &gl_renderer);
  GskRenderer *renderer;

  g_test_message ("OpenGL renderer: %s", gl_renderer ? gl_renderer : "(none)");
  if (!software)
    {
      g_test_skip ("OpenGL here is not a software rasterizer");
      return;
    }

  g_assert_nonnull (gl_renderer);
  f->window = viewer_window_new (f->app, f->context);
  gtk_window_present (GTK_WINDOW (f->window));
  ui_test_wait_frames (GTK_WIDGET (f->window), 2);
  renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") != 0)
    {
      g_test_skip ("GSK_RENDERER was chosen by the caller");
      return;
    }
  g_assert_true (GSK_IS_CAIRO_RENDERER (renderer));
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  test_app = ui_test_app_new ("io.github.cartoviewer.CartoViewer.Test");

  g_test_add ("/window/embedded-map", Fixture, NULL, fixture_setup, test_embedded_map, fixture_teardown);
  g_test_add ("/window/size-persists", Fixture, NULL, fixture_setup, test_size_persists, fixture_teardown);
  g_test_add ("/window/basemap-offline", Fixture, NULL, fixture_setup, test_basemap_offline_falls_back, fixture_teardown);
  g_test_add ("/window/basemap-tiles", Fixture, NULL, fixture_setup, test_basemap_tiles, fixture_teardown);
  g_test_add ("/window/basemap-action", Fixture, NULL, fixture_setup, test_basemap_action, fixture_teardown);
  g_test_add ("/window/basemap-popover", Fixture, NULL, fixture_setup, test_basemap_popover, fixture_teardown);
  g_test_add ("/window/dark-style", Fixture, NULL, fixture_setup, test_dark_style, fixture_teardown);
  g_test_add ("/window/software-gl-uses-cairo", Fixture, NULL, fixture_setup, test_software_gl_uses_cairo, fixture_teardown);

  return g_test_run ();
}
