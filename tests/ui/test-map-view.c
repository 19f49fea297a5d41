/* test-map-view.c — the map view on its own: the CartoMap's viewport and
 * basemap drive what shows, and the view moves the CartoMap
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include "ui-test-utils.h"
#include "viewer-context.h"
#include "viewer-map-view.h"

typedef struct
{
  ViewerContext *context;
  CartoMap *map;
  GtkWindow *window;
  ViewerMapView *view;
  ShumateViewport *viewport;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->context = viewer_context_new ();
  f->map = carto_map_new ();
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 600);
  f->view = viewer_map_view_new ();
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  viewer_map_view_set_context (f->view, f->context);
  viewer_map_view_set_map (f->view, f->map);
  f->viewport = shumate_simple_map_get_viewport (viewer_map_view_get_simple_map (f->view));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  ui_test_iterate (50);
  g_clear_object (&f->map);
  g_clear_object (&f->context);
  g_unsetenv ("CARTO_VIEWER_BASEMAP_URL");
}

static double
viewport_latitude (Fixture *f)
{
  return shumate_location_get_latitude (SHUMATE_LOCATION (f->viewport));
}

static double
viewport_longitude (Fixture *f)
{
  return shumate_location_get_longitude (SHUMATE_LOCATION (f->viewport));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* CartoMap → viewport and viewport → CartoMap, once each way. */
static void
test_viewport_binding (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CartoMap) other = carto_map_new ();
  guint map_notifies = 0;
  gulong handler;

  /* A new map starts where the old GSettings defaults did. */
  g_assert_cmpfloat_with_epsilon (viewport_latitude (f), 20.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (viewport_longitude (f), 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (f->viewport), 2.0, 1e-9);

  /* The model moves: the view follows, and the model hears back nothing. */
  handler = g_signal_connect (f->map, "notify::latitude", G_CALLBACK (count_notify_cb), &map_notifies);
  carto_map_set_center (f->map, 40.4, -3.7);
  carto_map_set_zoom (f->map, 5.0);
  g_assert_cmpuint (map_notifies, ==, 1);
  g_assert_cmpfloat_with_epsilon (viewport_latitude (f), 40.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (viewport_longitude (f), -3.7, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (f->viewport), 5.0, 1e-9);

  /* The view moves (a pan, a zoom): the model follows. */
  shumate_location_set_location (SHUMATE_LOCATION (f->viewport), -33.9, 18.4);
  shumate_viewport_set_zoom_level (f->viewport, 7.5);
  g_assert_cmpfloat_with_epsilon (carto_map_get_latitude (f->map), -33.9, 1e-9);
  g_assert_cmpfloat_with_epsilon (carto_map_get_longitude (f->map), 18.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (carto_map_get_zoom (f->map), 7.5, 1e-9);
  g_assert_cmpuint (map_notifies, ==, 2);

  /* Past the Mercator edge both sides agree on where the view is. */
  carto_map_set_center (f->map, 89.0, 0.0);
  g_assert_cmpfloat (viewport_latitude (f), <=, CARTO_MAX_LATITUDE);
  g_assert_cmpfloat_with_epsilon (carto_map_get_latitude (f->map), viewport_latitude (f), 1e-9);
  g_clear_signal_handler (&handler, f->map);

  /* Another map: the view goes where it is, and leaves the old one be. */
  carto_map_set_center (other, 48.85, 2.35);
  carto_map_set_zoom (other, 9.0);
  viewer_map_view_set_map (f->view, other);
  g_assert_cmpfloat_with_epsilon (viewport_latitude (f), 48.85, 1e-9);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (f->viewport), 9.0, 1e-9);
  carto_map_set_center (f->map, 10.0, 10.0);
  g_assert_cmpfloat_with_epsilon (viewport_latitude (f), 48.85, 1e-9);
  shumate_viewport_set_zoom_level (f->viewport, 4.0);
  g_assert_cmpfloat_with_epsilon (carto_map_get_zoom (other), 4.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (carto_map_get_zoom (f->map), 7.5, 1e-9);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data)) && gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

/* The box is on screen, corner to corner, and fills most of it. */
static void
assert_shows (Fixture           *f,
              const CartoBounds *box)
{
  GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (viewer_map_view_get_simple_map (f->view)));
  double width = gtk_widget_get_width (map);
  double height = gtk_widget_get_height (map);
  double x1, y1, x2, y2;

  shumate_viewport_location_to_widget_coords (f->viewport, map, box->north, box->west, &x1, &y1);
  shumate_viewport_location_to_widget_coords (f->viewport, map, box->south, box->east, &x2, &y2);
  g_test_message ("box from (%.0f, %.0f) to (%.0f, %.0f) in %.0f×%.0f", x1, y1, x2, y2, width, height);
  g_assert_cmpfloat (x1, >=, 0);
  g_assert_cmpfloat (y1, >=, 0);
  g_assert_cmpfloat (x2, <=, width);
  g_assert_cmpfloat (y2, <=, height);
  g_assert_true ((x2 - x1) > width * 0.6 || (y2 - y1) > height * 0.6);

  /* And the model says where the view went. */
  g_assert_cmpfloat_with_epsilon (carto_map_get_latitude (f->map), viewport_latitude (f), 1e-9);
  g_assert_cmpfloat_with_epsilon (carto_map_get_longitude (f->map), viewport_longitude (f), 1e-9);
  g_assert_cmpfloat_with_epsilon (carto_map_get_zoom (f->map), shumate_viewport_get_zoom_level (f->viewport), 1e-9);
}

/* An animation moves the viewport frame after frame: settled is the same
 * zoom for a quarter of a second, with the bounds taken over. */
static void
wait_settled (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  double last_zoom = -1;
  guint stable = 0;

  while (stable < 5)
    {
      double zoom;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      ui_test_iterate (50);
      zoom = shumate_viewport_get_zoom_level (f->viewport);
      stable = zoom == last_zoom && !carto_map_get_bounds (f->map, NULL) ? stable + 1 : 0;
      last_zoom = zoom;
    }
}

static void
test_bounds_fit (Fixture       *f,
                 gconstpointer  data)
{
  /* Iberia: wider than tall. Then Chile: taller than wide. */
  CartoBounds iberia = { -10.0, 35.0, 5.0, 44.0 };
  CartoBounds chile = { -76.0, -56.0, -66.0, -17.0 };

  /* Set before the view has a size: fitted once it has one. */
  carto_map_set_bounds (f->map, &iberia);
  g_assert_true (carto_map_get_bounds (f->map, NULL));
  gtk_window_present (f->window);
  g_assert_true (ui_test_wait_until (is_mapped, f->view, 5000));
  wait_settled (f);
  assert_shows (f, &iberia);

  /* Set while shown: animated there. */
  carto_map_set_bounds (f->map, &chile);
  g_assert_true (carto_map_get_bounds (f->map, NULL));
  wait_settled (f);
  assert_shows (f, &chile);
}

static ShumateMapLayer *
find_basemap_layer (Fixture *f)
{
  ShumateMap *map = shumate_simple_map_get_map (viewer_map_view_get_simple_map (f->view));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (map)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(ShumateMapSource) source = NULL;

      if (!SHUMATE_IS_MAP_LAYER (child))
        continue;
      g_object_get (child, "map-source", &source, NULL);
      if (source != NULL && g_str_has_prefix (shumate_map_source_get_id (source), "carto-basemap-"))
        return SHUMATE_MAP_LAYER (child);
    }

  return NULL;
}

static guint
n_map_layers (Fixture *f)
{
  ShumateMap *map = shumate_simple_map_get_map (viewer_map_view_get_simple_map (f->view));
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (map)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SHUMATE_IS_LAYER (child))
      n++;

  return n;
}

/* CartoMap:basemap, not a setting, decides the CARTO basemap layer. */
static void
test_basemap_follows_map (Fixture       *f,
                          gconstpointer  data)
{
  ShumateLicense *license = shumate_simple_map_get_license (viewer_map_view_get_simple_map (f->view));
  ShumateMapLayer *layer;
  g_autoptr(ShumateMapSource) source = NULL;
  guint n_embedded = n_map_layers (f);

  /* Port 9 (discard) is closed on loopback: no tile ever loads. */
  g_setenv ("CARTO_VIEWER_BASEMAP_URL", "http://127.0.0.1:9", TRUE);
  g_assert_null (find_basemap_layer (f));
  g_assert_null (ui_test_find_label (GTK_WIDGET (license), "OpenStreetMap"));

  carto_map_set_basemap (f->map, CARTO_BASEMAP_POSITRON);
  layer = find_basemap_layer (f);
  g_assert_nonnull (layer);
  g_object_get (layer, "map-source", &source, NULL);
  g_assert_cmpstr (shumate_map_source_get_id (source), ==, "carto-basemap-positron");
  g_assert_cmpuint (n_map_layers (f), ==, n_embedded + 1);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (license), "OpenStreetMap"));
  g_clear_object (&source);

  /* Another CARTO basemap replaces it; the key is in the id. */
  viewer_context_set_basemap_key (f->context, "0123456789abcdef");
  carto_map_set_basemap (f->map, CARTO_BASEMAP_VOYAGER);
  g_object_get (find_basemap_layer (f), "map-source", &source, NULL);
  g_assert_cmpstr (shumate_map_source_get_id (source), ==, "carto-basemap-voyager-key");
  g_assert_cmpuint (n_map_layers (f), ==, n_embedded + 1);

  carto_map_set_basemap (f->map, CARTO_BASEMAP_EMBEDDED);
  g_assert_null (find_basemap_layer (f));
  g_assert_cmpuint (n_map_layers (f), ==, n_embedded);
  g_assert_null (ui_test_find_label (GTK_WIDGET (license), "OpenStreetMap"));

  /* A map over a CARTO basemap brings its layer along. */
  {
    g_autoptr(CartoMap) dark = carto_map_new ();

    carto_map_set_basemap (dark, CARTO_BASEMAP_DARK_MATTER);
    viewer_map_view_set_map (f->view, dark);
    g_clear_object (&source);
    g_object_get (find_basemap_layer (f), "map-source", &source, NULL);
    g_assert_cmpstr (shumate_map_source_get_id (source), ==, "carto-basemap-dark-matter-key");
    viewer_map_view_set_map (f->view, f->map);
    g_assert_null (find_basemap_layer (f));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  ui_test_init (&argc, &argv);
  app = ui_test_app_new ("io.github.cartoviewer.CartoViewer.Test");

  g_test_add ("/map-view/viewport-binding", Fixture, NULL, fixture_setup, test_viewport_binding, fixture_teardown);
  g_test_add ("/map-view/bounds-fit", Fixture, NULL, fixture_setup, test_bounds_fit, fixture_teardown);
  g_test_add ("/map-view/basemap-follows-map", Fixture, NULL, fixture_setup, test_basemap_follows_map, fixture_teardown);

  return g_test_run ();
}
