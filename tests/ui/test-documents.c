/* test-documents.c — maps as documents in the real window, under Xvfb
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saving and opening through the window's actions and its real dialogs
 * (GTK's own file chooser here: there is no portal under Xvfb), against
 * the test server and the throwaway keyring: the title, a round trip
 * field by field and pixel by pixel, files that cannot be opened, the
 * question about unsaved changes, and screenshots of the dialogs.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "test-server-fixture.h"
#include "ui-server-utils.h"
#include "ui-test-utils.h"
#include "viewer-context.h"
#include "viewer-window.h"

static AdwApplication *test_app;
static TestServer *server;

typedef struct
{
  ViewerContext *context;
  CartoCredentials *atlas;
  CartoCredentials *cities;
  char *dir;
} Fixture;

static void
destroy_toplevels (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  ui_test_iterate (50);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->context = viewer_context_new ();
  g_settings_reset (viewer_context_get_settings (f->context), "basemap");
  f->atlas = ui_test_add_server_account (f->context, server, "demo-atlas");
  f->cities = ui_test_add_server_account (f->context, server, "demo-cities");
  f->dir = g_dir_make_tmp ("carto-documents-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                   G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && g_file_enumerator_iterate (children, &info, NULL, NULL, NULL) && info != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) dir = g_file_new_for_path (f->dir);

  destroy_toplevels ();
  g_clear_object (&f->atlas);
  g_clear_object (&f->cities);
  g_clear_object (&f->context);
  remove_tree (dir);
  g_free (f->dir);
  g_unsetenv ("CARTO_VIEWER_BASEMAP_URL");
}

static gboolean
map_idle (gpointer data)
{
  ViewerWindow *window = data;

  return gtk_widget_get_mapped (GTK_WIDGET (window)) && viewer_map_view_is_idle (viewer_window_get_map_view (window));
}

/* Frames first (before them the map has not asked for tiles), then idle
 * around a pause: tiles arrive in waves. */
static void
wait_painted (ViewerWindow *window)
{
  ui_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_true (ui_test_wait_until (map_idle, window, 60000));
  ui_test_iterate (400);
  g_assert_true (ui_test_wait_until (map_idle, window, 60000));
}

static ViewerWindow *
new_window (Fixture *f,
            int      width)
{
  ViewerWindow *window = viewer_window_new (test_app, f->context);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static AdwWindowTitle *
title_widget (ViewerWindow *window)
{
  return ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (window), VIEWER_TYPE_WINDOW, "window_title"));
}

typedef struct
{
  GType type;
  GtkWindow *found;
} FindToplevel;

static gboolean
toplevel_shown (gpointer data)
{
  FindToplevel *find = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  find->found = NULL;
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, find->type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          find->found = window;
          return TRUE;
        }
    }

  return FALSE;
}

/* A dialog of @type on screen, or NULL after a while. */
static GtkWindow *
find_shown (GType type,
            guint timeout_ms)
{
  FindToplevel find = { type, NULL };

  if (!ui_test_wait_until (toplevel_shown, &find, timeout_ms))
    return NULL;
  /* Drawn at least once, for a screenshot. */
  ui_test_wait_frames (GTK_WIDGET (find.found), 2);
  return find.found;
}

static gboolean
toplevel_gone (gpointer data)
{
  return !toplevel_shown (data);
}

static void
wait_gone (GType type)
{
  FindToplevel find = { type, NULL };

  g_assert_true (ui_test_wait_until (toplevel_gone, &find, 10000));
}

/* GTK 4.8's chooser reports a folder change made while it still loads
 * the folder it opened on as "The folder contents could not be
 * displayed: Operation was cancelled", in a dialog of its own, and stays
 * where it was. A person cannot click that fast; a test on a loaded
 * machine can. Such a report is dismissed and the change made again. */
static gboolean
chooser_load_failed (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == data &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return TRUE;
    }

  return FALSE;
}

static void
chooser_go_to (GtkWindow  *chooser,
               const char *folder)
{
  g_autoptr(GFile) dir = g_file_new_for_path (folder);

  for (guint attempt = 0; attempt < 5; attempt++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok;

      ok = gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, &error);
      g_assert_no_error (error);
      g_assert_true (ok);
      /* A failed load says so within a moment, or not at all. */
      if (!ui_test_wait_until (chooser_load_failed, chooser, 500))
        return;

      g_test_message ("The chooser could not change folder while loading; again");
      for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (gtk_window_get_toplevels (), i);

          if (GTK_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == chooser)
            gtk_window_destroy (window);
        }
    }

  g_error ("The chooser never showed %s", folder);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* As a person answers: a click on the response's button, which also
 * closes the dialog. */
static void
respond (GtkWindow  *dialog,
         const char *response)
{
  const char *label = adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), response);
  GtkWidget *button = find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static guint
n_viewer_windows (void)
{
  guint n = 0;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (test_app)); l != NULL; l = l->next)
    if (VIEWER_IS_WINDOW (l->data))
      n++;
  return n;
}

typedef struct
{
  ViewerWindow *window;
  GFile *file;
} DocumentWait;

static gboolean
document_is_file (gpointer data)
{
  DocumentWait *wait = data;
  GFile *file = carto_map_document_get_file (viewer_window_get_document (wait->window));

  return file != NULL && g_file_equal (file, wait->file) &&
         !carto_map_document_get_modified (viewer_window_get_document (wait->window));
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return g_steal_pointer (&path);
}

/* The header and window lists say the document's name, and whether it
 * has unsaved changes; the subtitle stays the account. */
static void
test_title (Fixture       *f,
            gconstpointer  data)
{
  ViewerWindow *window = new_window (f, 1024);
  AdwWindowTitle *title = title_widget (window);
  g_autofree char *subtitle = NULL;
  g_autofree char *path = g_build_filename (f->dir, "Europe.cartomap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GdkTexture) texture = NULL;

  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Untitled Map");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Untitled Map — CARTO Viewer");
  /* The account switcher's summary, as before documents. */
  subtitle = g_strdup (adw_window_title_get_subtitle (title));
  {
    g_autofree char *summary = NULL;

    g_object_get (gtk_widget_get_template_child (GTK_WIDGET (window), VIEWER_TYPE_WINDOW, "account_switcher"),
                  "summary", &summary, NULL);
    g_assert_cmpstr (subtitle, ==, summary != NULL ? summary : "");
  }

  ui_test_add_layer (window, "countries", f->atlas, NULL, NULL);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "• Untitled Map");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "• Untitled Map — CARTO Viewer");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, subtitle);

  wait_painted (window);
  texture = ui_test_render (GTK_WIDGET (window));
  ui_test_save_artifact (texture, "window-title-modified.png");
  g_clear_object (&texture);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  wait_painted (window);
  texture = ui_test_render (GTK_WIDGET (window));
  ui_test_save_artifact (texture, "window-title-modified-narrow.png");

  /* Saved: its file's name, without the extension, and no mark. */
  ui_test_save_document (viewer_window_get_document (window), file);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Europe");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Europe — CARTO Viewer");

  carto_layer_set_visible (carto_map_get_layer (viewer_window_get_map (window), 0), FALSE);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, "• Europe");
}

static guint32
pixel_at (ViewerWindow *window,
          GdkTexture   *texture,
          double        latitude,
          double        longitude)
{
  ShumateSimpleMap *simple = viewer_map_view_get_simple_map (viewer_window_get_map_view (window));
  GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (simple));
  double mx, my, wx, wy;

  shumate_viewport_location_to_widget_coords (shumate_simple_map_get_viewport (simple), map,
                                              latitude, longitude, &mx, &my);
  g_assert_true (gtk_widget_translate_coordinates (map, GTK_WIDGET (window), mx, my, &wx, &wy));
  return ui_test_pixel (texture, (int) wx, (int) wy);
}

static char *
dup_style_json (CartoLayer *layer)
{
  g_autoptr(JsonNode) node = carto_style_to_json (carto_layer_get_style (layer));

  return json_to_string (node, FALSE);
}

static CartoStyle *
category_style (void)
{
  static const char *const continents[] = { "Europe", "Africa", "Asia" };
  CartoColor colors[3], others;
  CartoSymbol base;

  carto_symbol_init_default (&base, CARTO_MVT_GEOM_POLYGON);
  base.opacity = 1.0;
  base.stroke_width = 0;
  carto_color_parse (&colors[0], "#3969AC");
  carto_color_parse (&colors[1], "#F2B701");
  carto_color_parse (&colors[2], "#E73F74");
  carto_color_parse (&others, "#A5AA99");
  return carto_style_new_color_category (&base, "continent", continents, colors, 3, &others);
}

static CartoStyle *
bins_style (void)
{
  static const double breaks[] = { 10000, 100000, 1000000 };
  CartoColor colors[4];
  CartoSymbol base;

  carto_symbol_init_default (&base, CARTO_MVT_GEOM_POINT);
  base.size = 6;
  carto_color_parse (&colors[0], "#fef0d9");
  carto_color_parse (&colors[1], "#fdcc8a");
  carto_color_parse (&colors[2], "#fc8d59");
  carto_color_parse (&colors[3], "#d7301f");
  return carto_style_new_color_bins (&base, "population", CARTO_BIN_METHOD_MANUAL, breaks, 3, colors);
}

static CartoStyle *
single_style (void)
{
  CartoSymbol base;

  carto_symbol_init_default (&base, CARTO_MVT_GEOM_POLYGON);
  carto_color_parse (&base.color, "#11A579");
  return carto_style_new_single (&base);
}

typedef struct
{
  double latitude;
  double longitude;
  const char *what;
} Place;

/* Where the layers draw, and one place where only the basemap does. */
static const Place places[] = {
  { 47.0, 2.0, "rural France: countries, Europe" },
  { 48.8566, 2.3522, "Paris: a city over France" },
  { 23.0, 12.0, "the Sahara: countries, Africa (the Africa layer is hidden)" },
  { 52.0, 40.0, "Russia: countries, Europe" },
  { 35.0, -40.0, "the Atlantic: only the basemap" },
};

/* The header bar's menu button with the primary menu. */
static GtkWidget *
find_primary_menu_button (GtkWidget *root)
{
  if (GTK_IS_MENU_BUTTON (root) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (root)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_primary_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
recent_listed (gpointer data)
{
  ViewerWindow *window = data;
  GMenuModel *section = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (window), VIEWER_TYPE_WINDOW,
                                                                     "file_section"));

  return g_menu_model_get_n_items (section) == 4;
}

/* Three layers from two accounts, styled three ways, one hidden, one
 * translucent, a basemap and a viewport: saved through Save As and its
 * chooser, opened again, and the same map field by field and pixel by
 * pixel. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  ViewerWindow *window = new_window (f, 1024);
  ViewerWindow *reopened;
  CartoMap *map = viewer_window_get_map (window);
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  g_autofree char *expected_path = g_build_filename (f->dir, "Round Trip.cartomap", NULL);
  g_autoptr(GFile) expected = g_file_new_for_path (expected_path);
  g_autoptr(GFile) dir = g_file_new_for_path (f->dir);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) styles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkRecentInfo) recent = NULL;
  g_autofree char *uri = NULL;
  guint32 expected_pixels[G_N_ELEMENTS (places)];
  CartoLayer *countries, *cities, *africa;
  CartoMap *map_b;
  GtkWindow *chooser;
  DocumentWait wait;
  double latitude, longitude, zoom;
  const char *users[] = { "demo-atlas", "demo-cities" };
  const char *key_names[] = { "master", "atlas_reader", "cities_mapper" };
  gboolean ok;

  /* The basemap is not reachable: both windows show the built-in one
   * under it, the same way. */
  g_setenv ("CARTO_VIEWER_BASEMAP_URL", "http://127.0.0.1:9", TRUE);

  {
    g_autoptr(CartoStyle) category = category_style ();
    g_autoptr(CartoStyle) bins = bins_style ();
    g_autoptr(CartoStyle) single = single_style ();

    countries = ui_test_add_layer (window, "countries", f->atlas, "Countries", category);
    cities = ui_test_add_layer (window, "populated_places", f->cities, "Cities", bins);
    africa = ui_test_add_layer (window, "SELECT * FROM countries WHERE continent = 'Africa'", f->atlas, "Africa",
                                single);
  }
  carto_layer_set_opacity (countries, 0.6);
  carto_layer_set_visible (africa, FALSE);
  carto_layer_set_aggregation (cities, TRUE);
  carto_map_set_basemap (map, CARTO_BASEMAP_DARK_MATTER);
  carto_map_set_center (map, 45.0, 15.0);
  carto_map_set_zoom (map, 3.0);

  wait_painted (window);
  g_assert_cmpint (carto_layer_get_state (countries), ==, CARTO_LAYER_STATE_READY);
  g_assert_cmpint (carto_layer_get_state (cities), ==, CARTO_LAYER_STATE_READY);
  before = ui_test_render (GTK_WIDGET (window));
  ui_test_save_artifact (before, "round-trip-saved.png");
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    expected_pixels[i] = pixel_at (window, before, places[i].latitude, places[i].longitude);
  /* The layers drew something: not just the basemap everywhere. */
  g_assert_cmphex (expected_pixels[0], !=, expected_pixels[4]);
  g_assert_cmphex (expected_pixels[1], !=, expected_pixels[0]);

  latitude = carto_map_get_latitude (map);
  longitude = carto_map_get_longitude (map);
  zoom = carto_map_get_zoom (map);
  for (guint i = 0; i < carto_map_get_n_layers (map); i++)
    g_ptr_array_add (styles, dup_style_json (carto_map_get_layer (map, i)));

  /* Save As: a name typed without the extension gets it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL);
  chooser = find_shown (GTK_TYPE_FILE_CHOOSER_DIALOG, 10000);
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser)), ==, "Untitled Map.cartomap");
  chooser_go_to (chooser, g_file_peek_path (dir));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "Round Trip");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  wait = (DocumentWait) { window, expected };
  g_assert_true (ui_test_wait_until (document_is_file, &wait, 10000));
  g_assert_cmpstr (adw_window_title_get_title (title_widget (window)), ==, "Round Trip");

  /* Added to the desktop's recent files, as one of our maps, and listed. */
  uri = g_file_get_uri (expected);
  recent = gtk_recent_manager_lookup_item (gtk_recent_manager_get_default (), uri, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recent);
  g_assert_cmpstr (gtk_recent_info_get_mime_type (recent), ==, CARTO_MAP_FILE_MIME_TYPE);
  g_assert_true (ui_test_wait_until (recent_listed, window, 10000));
  {
    GtkMenuButton *button = GTK_MENU_BUTTON (find_primary_menu_button (GTK_WIDGET (window)));
    GtkPopover *menu;
    g_autoptr(GdkTexture) shot = NULL;

    g_assert_nonnull (button);
    menu = gtk_menu_button_get_popover (button);
    gtk_menu_button_popup (button);
    ui_test_wait_frames (GTK_WIDGET (menu), 3);
    g_assert_nonnull (ui_test_find_label (GTK_WIDGET (menu), "Open Recent"));
    shot = ui_test_render (GTK_WIDGET (menu));
    ui_test_save_artifact (shot, "primary-menu.png");
    gtk_popover_popdown (menu);
    ui_test_iterate (100);
  }

  /* No key in the file, not even the keys that read the layers. */
  ok = g_file_get_contents (expected_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  for (guint u = 0; u < G_N_ELEMENTS (users); u++)
    for (guint k = 0; k < G_N_ELEMENTS (key_names); k++)
      {
        const char *key = test_server_get_key (server, users[u], key_names[k]);

        if (key != NULL)
          g_assert_null (strstr (contents, key));
      }
  g_assert_nonnull (strstr (contents, "\"username\": \"demo-cities\""));

  /* The map only in its file now; opened into a pristine window. */
  gtk_window_destroy (GTK_WINDOW (window));
  reopened = new_window (f, 1024);
  viewer_window_open_file (reopened, expected);
  wait = (DocumentWait) { reopened, expected };
  g_assert_true (ui_test_wait_until (document_is_file, &wait, 10000));
  g_assert_cmpuint (n_viewer_windows (), ==, 1);
  map_b = viewer_window_get_map (reopened);

  g_assert_cmpuint (carto_map_get_n_layers (map_b), ==, 3);
  g_assert_cmpint (carto_map_get_basemap (map_b), ==, CARTO_BASEMAP_DARK_MATTER);
  g_assert_cmpfloat_with_epsilon (carto_map_get_latitude (map_b), latitude, 1e-9);
  g_assert_cmpfloat_with_epsilon (carto_map_get_longitude (map_b), longitude, 1e-9);
  g_assert_cmpfloat_with_epsilon (carto_map_get_zoom (map_b), zoom, 1e-9);
  {
    const char *titles[] = { "Countries", "Cities", "Africa" };
    const char *data_of[] = { "countries", "populated_places", "SELECT * FROM countries WHERE continent = 'Africa'" };
    CartoCredentials *accounts[] = { f->atlas, f->cities, f->atlas };
    gboolean visible[] = { TRUE, TRUE, FALSE };
    double opacity[] = { 0.6, 1.0, 1.0 };
    gboolean aggregation[] = { FALSE, TRUE, FALSE };

    for (guint i = 0; i < 3; i++)
      {
        CartoLayer *layer = carto_map_get_layer (map_b, i);
        CartoSource *source = carto_layer_get_source (layer);
        g_autofree char *style = dup_style_json (layer);

        g_test_message ("layer %u: %s", i, carto_layer_get_title (layer));
        g_assert_cmpstr (carto_layer_get_title (layer), ==, titles[i]);
        g_assert_cmpstr (carto_source_get_data (source), ==, data_of[i]);
        g_assert_cmpstr (carto_source_get_account_username (source), ==,
                         carto_credentials_get_username (accounts[i]));
        g_assert_cmpstr (carto_source_get_account_base_url (source), ==,
                         carto_credentials_get_base_url (accounts[i]));
        /* Its account found in the keyring, key and all. */
        g_assert_false (carto_layer_get_account_missing (layer));
        g_assert_cmpstr (style, ==, g_ptr_array_index (styles, i));
        g_assert_cmpint (carto_layer_get_visible (layer), ==, visible[i]);
        g_assert_cmpfloat (carto_layer_get_opacity (layer), ==, opacity[i]);
        g_assert_cmpint (carto_layer_get_aggregation (layer), ==, aggregation[i]);
      }
  }

  wait_painted (reopened);
  after = ui_test_render (GTK_WIDGET (reopened));
  ui_test_save_artifact (after, "round-trip-opened.png");
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    {
      g_test_message ("%s", places[i].what);
      g_assert_cmphex (pixel_at (reopened, after, places[i].latitude, places[i].longitude), ==, expected_pixels[i]);
    }

  /* Opened again: the window showing it comes forward, no second copy. */
  {
    ViewerWindow *other = new_window (f, 800);

    viewer_window_open_file (other, expected);
    ui_test_iterate (300);
    g_assert_cmpuint (n_viewer_windows (), ==, 2);
    g_assert_true (viewer_window_get_pristine (other));
    g_assert_null (carto_map_document_get_file (viewer_window_get_document (other)));
  }
}

typedef struct
{
  const char *name;
  const char *expected;
} BadCase;

static GtkWindow *
open_expecting_error (ViewerWindow *window,
                      const char   *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  viewer_window_open_file (window, file);
  return find_shown (ADW_TYPE_MESSAGE_DIALOG, 10000);
}

static void
check_error_dialog (GtkWindow  *dialog,
                    const char *display_name,
                    const char *expected)
{
  g_autofree char *heading = g_strdup_printf ("Could not open “%s”", display_name);
  const char *body;

  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("%s: %s", adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), body);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, heading);
  g_assert_nonnull (strstr (body, expected));
  /* The heading names the file; the body says why, once. */
  g_assert_null (strstr (body, "Could not open"));

  respond (dialog, "close");
  wait_gone (ADW_TYPE_MESSAGE_DIALOG);
}

/* Files that are not maps, or not readable: said in a dialog, and the
 * map shown stays exactly as it was. */
static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  static const char valid[] =
    "{\n  \"format\": \"carto-viewer-map\",\n  \"version\": 1,\n  \"layers\": [\n"
    "    { \"title\": \"T\", \"source\": { \"table\": \"countries\" } }\n  ]\n}\n";
  const BadCase cases[] = {
    { "malformed.cartomap", "not valid JSON" },
    { "truncated.cartomap", "incomplete" },
    { "wrong-types.cartomap", "Layer 1: “opacity” must be a number" },
    { "future.cartomap", "newer version of CARTO Viewer (format version 7)" },
    { "huge.cartomap", "too large to be a map" },
    { "folder.cartomap", "It is a folder" },
    { "missing.cartomap", "The file does not exist" },
  };
  ViewerWindow *window = new_window (f, 1024);
  CartoMapDocument *document = viewer_window_get_document (window);
  CartoLayer *layer = ui_test_add_layer (window, "countries", f->atlas, "Mine", NULL);
  g_autofree char *huge = g_build_filename (f->dir, "huge.cartomap", NULL);
  g_autofree char *folder = g_build_filename (f->dir, "folder.cartomap", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int fd;

  g_free (write_file (f, "malformed.cartomap", "{ \"format\": \"carto-viewer-map\", version: 1 }", -1));
  g_free (write_file (f, "truncated.cartomap", valid, sizeof valid / 2));
  g_free (write_file (f, "wrong-types.cartomap",
                      "{\"format\": \"carto-viewer-map\", \"version\": 1, \"layers\": "
                      "[{\"source\": {\"table\": \"t\"}, \"opacity\": \"high\"}]}", -1));
  g_free (write_file (f, "future.cartomap", "{\"format\": \"carto-viewer-map\", \"version\": 7}", -1));
  /* 100 MB without writing them: a sparse file. */
  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 100 * 1024 * 1024), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);

  g_assert_true (carto_map_document_get_modified (document));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_free (path);
      path = g_build_filename (f->dir, cases[i].name, NULL);
      check_error_dialog (open_expecting_error (window, path), cases[i].name, cases[i].expected);

      /* Untouched: same document, same layer, still unsaved, no window. */
      g_assert_true (viewer_window_get_document (window) == document);
      g_assert_cmpuint (carto_map_get_n_layers (viewer_window_get_map (window)), ==, 1);
      g_assert_true (carto_map_get_layer (viewer_window_get_map (window), 0) == layer);
      g_assert_true (carto_map_document_get_modified (document));
      g_assert_null (carto_map_document_get_file (document));
      g_assert_cmpuint (n_viewer_windows (), ==, 1);
    }

  /* A file that cannot be read, even by root (CI runs as root, for whom
   * no permission bit stops a read): /proc/self/mem is a regular file
   * whose first page is not mapped, so reading it fails with EIO. */
  check_error_dialog (open_expecting_error (window, "/proc/self/mem"), "mem", "Input/output error");
  g_assert_true (viewer_window_get_document (window) == document);
  g_assert_cmpuint (carto_map_get_n_layers (viewer_window_get_map (window)), ==, 1);

  /* And the permission case where permissions apply. */
  if (geteuid () != 0)
    {
      g_autofree char *locked = write_file (f, "locked.cartomap", valid, -1);

      g_assert_cmpint (g_chmod (locked, 0), ==, 0);
      check_error_dialog (open_expecting_error (window, locked), "locked.cartomap",
                          "You do not have permission to read it");
      g_assert_true (viewer_window_get_document (window) == document);
    }
  else
    g_test_message ("root reads a file without permissions: the chmod 000 case needs another user");

  /* Into a pristine window: it stays pristine, and ready for the next. */
  {
    ViewerWindow *empty = new_window (f, 800);
    CartoMapDocument *empty_document = viewer_window_get_document (empty);
    GtkWindow *dialog = NULL;

    g_free (path);
    path = g_build_filename (f->dir, "malformed.cartomap", NULL);
    dialog = open_expecting_error (empty, path);
    g_assert_nonnull (dialog);
    texture = ui_test_render (GTK_WIDGET (dialog));
    ui_test_save_artifact (texture, "open-error.png");
    check_error_dialog (dialog, "malformed.cartomap", "not valid JSON");
    g_assert_true (viewer_window_get_document (empty) == empty_document);
    g_assert_true (viewer_window_get_pristine (empty));
  }
}

static GtkWindow *
close_expecting_question (ViewerWindow *window)
{
  GtkWindow *dialog;

  gtk_window_close (GTK_WINDOW (window));
  dialog = find_shown (ADW_TYPE_MESSAGE_DIALOG, 10000);
  g_assert_nonnull (dialog);
  /* In the language of the moment (the Spanish screenshots). */
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, _("Save Changes?"));
  return dialog;
}

static gboolean
window_closed (gpointer data)
{
  return gtk_window_get_application (data) == NULL;
}

/* Closing with unsaved changes asks first; Cancel keeps the window,
 * Discard closes it, Save saves then closes; a saved map closes at once. */
static void
test_unsaved_changes (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(ViewerWindow) untitled = g_object_ref (new_window (f, 1024));
  g_autofree char *path = g_build_filename (f->dir, "Kept.cartomap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog;
  DocumentWait wait;

  ui_test_add_layer (untitled, "countries", f->atlas, NULL, NULL);

  dialog = close_expecting_question (untitled);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "“Untitled Map”"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "save");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  respond (dialog, "cancel");
  wait_gone (ADW_TYPE_MESSAGE_DIALOG);
  ui_test_iterate (100);
  g_assert_nonnull (gtk_window_get_application (GTK_WINDOW (untitled)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (untitled)));

  /* Save on an untitled map asks where; cancelling that keeps it open. */
  dialog = close_expecting_question (untitled);
  respond (dialog, "save");
  dialog = find_shown (GTK_TYPE_FILE_CHOOSER_DIALOG, 10000);
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  wait_gone (GTK_TYPE_FILE_CHOOSER_DIALOG);
  ui_test_iterate (100);
  g_assert_nonnull (gtk_window_get_application (GTK_WINDOW (untitled)));
  g_assert_true (carto_map_document_get_modified (viewer_window_get_document (untitled)));

  dialog = close_expecting_question (untitled);
  respond (dialog, "discard");
  g_assert_true (ui_test_wait_until (window_closed, untitled, 5000));
  g_assert_true (viewer_window_get_changes_discarded (untitled));

  /* A titled map: Save writes its file, then the window closes. */
  {
    g_autoptr(CartoMapDocument) document = carto_map_document_new (NULL);
    g_autoptr(ViewerWindow) titled = NULL;

    ui_test_save_document (document, file);
    titled = g_object_ref (new_window (f, 1024));
    viewer_window_open_file (titled, file);
    wait = (DocumentWait) { titled, file };
    g_assert_true (ui_test_wait_until (document_is_file, &wait, 10000));
    ui_test_add_layer (titled, "countries", f->atlas, "Saved on close", NULL);

    dialog = close_expecting_question (titled);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "“Kept”"));
    respond (dialog, "save");
    g_assert_true (ui_test_wait_until (window_closed, titled, 10000));
    g_assert_false (viewer_window_get_changes_discarded (titled));
    g_assert_false (carto_map_document_get_modified (viewer_window_get_document (titled)));
  }
  {
    g_autofree char *contents = NULL;
    g_autoptr(GError) error = NULL;
    gboolean ok = g_file_get_contents (path, &contents, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (ok);
    g_assert_nonnull (strstr (contents, "Saved on close"));
  }

  /* Saved, unmodified: no question. */
  {
    g_autoptr(ViewerWindow) saved = g_object_ref (new_window (f, 1024));

    viewer_window_open_file (saved, file);
    wait = (DocumentWait) { saved, file };
    g_assert_true (ui_test_wait_until (document_is_file, &wait, 10000));
    gtk_window_close (GTK_WINDOW (saved));
    g_assert_true (ui_test_wait_until (window_closed, saved, 5000));
    g_assert_null (find_shown (ADW_TYPE_MESSAGE_DIALOG, 300));
  }
}

static gboolean
window_has_file (gpointer data)
{
  return carto_map_document_get_file (viewer_window_get_document (data)) != NULL;
}

/* Save As into a folder, typing @name in the chooser. */
static void
save_as_in_chooser (ViewerWindow *window,
                    const char   *folder,
                    const char   *name)
{
  GtkWindow *chooser = find_shown (GTK_TYPE_FILE_CHOOSER_DIALOG, 10000);

  g_assert_nonnull (chooser);
  chooser_go_to (chooser, folder);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

/* Saving: a name typed without the extension that names an existing map
 * asks before replacing it; a save that fails says why and leaves the
 * map unsaved; Save in the question about changes, on an untitled map,
 * goes through Save As and closes once saved. */
static void
test_saving (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(ViewerWindow) window = g_object_ref (new_window (f, 1024));
  g_autofree char *existing = write_file (f, "Existing.cartomap", "kept as it was", -1);
  g_autofree char *folder = g_build_filename (f->dir, "gone", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) in_folder = NULL;
  CartoMapDocument *document = viewer_window_get_document (window);
  GtkWindow *dialog;
  DocumentWait wait;

  ui_test_add_layer (window, "countries", f->atlas, NULL, NULL);

  /* "Existing" means Existing.cartomap, which is there: asked, kept. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL);
  save_as_in_chooser (window, f->dir, "Existing");
  dialog = find_shown (ADW_TYPE_MESSAGE_DIALOG, 10000);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Replace “Existing.cartomap”?");
  respond (dialog, "cancel");
  wait_gone (ADW_TYPE_MESSAGE_DIALOG);
  ui_test_iterate (200);
  g_assert_null (carto_map_document_get_file (document));
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "kept as it was");
  g_clear_pointer (&contents, g_free);

  /* Replaced when the person says so. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save-as", NULL);
  save_as_in_chooser (window, f->dir, "Existing");
  dialog = find_shown (ADW_TYPE_MESSAGE_DIALOG, 10000);
  g_assert_nonnull (dialog);
  respond (dialog, "replace");
  g_assert_true (ui_test_wait_until (window_has_file, window, 10000));
  g_assert_true (g_file_get_contents (existing, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"countries\""));
  g_assert_false (carto_map_document_get_modified (document));

  /* Its folder gone: Save fails, says why, and the map stays unsaved. */
  g_assert_cmpint (g_mkdir (folder, 0755), ==, 0);
  in_folder = g_file_new_build_filename (folder, "Inside.cartomap", NULL);
  ui_test_save_document (document, in_folder);
  g_assert_cmpint (g_unlink (g_file_peek_path (in_folder)), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  carto_layer_set_visible (carto_map_get_layer (viewer_window_get_map (window), 0), FALSE);
  g_assert_true (carto_map_document_get_modified (document));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  dialog = find_shown (ADW_TYPE_MESSAGE_DIALOG, 10000);
  g_assert_nonnull (dialog);
  g_test_message ("%s", adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Could not save “Inside.cartomap”");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "The folder does not exist"));
  respond (dialog, "close");
  wait_gone (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (carto_map_document_get_modified (document));
  g_assert_true (g_file_equal (carto_map_document_get_file (document), in_folder));

  /* An untitled map, Save on closing: Save As, then the window closes. */
  {
    g_autoptr(ViewerWindow) untitled = g_object_ref (new_window (f, 1024));
    g_autofree char *expected = g_build_filename (f->dir, "Closing.cartomap", NULL);
    g_autoptr(GFile) expected_file = g_file_new_for_path (expected);

    ui_test_add_layer (untitled, "countries", f->atlas, NULL, NULL);
    dialog = close_expecting_question (untitled);
    respond (dialog, "save");
    save_as_in_chooser (untitled, f->dir, "Closing.cartomap");
    g_assert_true (ui_test_wait_until (window_closed, untitled, 10000));
    wait = (DocumentWait) { untitled, expected_file };
    g_assert_true (document_is_file (&wait));
  }
}

/* A dark scheme would leave the next tests dark. */
static void
set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_DEFAULT);
}

/* The question about unsaved changes and the Open dialog, to look at. */
static void
save_dialog_screenshots (Fixture    *f,
                         int         width,
                         const char *suffix)
{
  ViewerWindow *window = new_window (f, width);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *name = NULL;
  GtkWindow *dialog;

  ui_test_add_layer (window, "countries", f->atlas, NULL, NULL);
  wait_painted (window);

  dialog = close_expecting_question (window);
  texture = ui_test_render (GTK_WIDGET (dialog));
  name = g_strdup_printf ("unsaved-changes-%s.png", suffix);
  ui_test_save_artifact (texture, name);
  g_clear_object (&texture);
  respond (dialog, "cancel");
  wait_gone (ADW_TYPE_MESSAGE_DIALOG);

  /* A folder with maps, and a file the filter hides. */
  {
    g_autoptr(CartoMapDocument) document = carto_map_document_new (NULL);
    g_autoptr(GFile) europe = g_file_new_build_filename (f->dir, "Europe.cartomap", NULL);
    g_autoptr(GFile) cities = g_file_new_build_filename (f->dir, "World cities.cartomap", NULL);

    ui_test_save_document (document, europe);
    ui_test_save_document (document, cities);
    g_free (write_file (f, "notes.txt", "not a map", -1));
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open", NULL);
  dialog = find_shown (GTK_TYPE_FILE_CHOOSER_DIALOG, 10000);
  g_assert_nonnull (dialog);
  chooser_go_to (dialog, f->dir);
  ui_test_iterate (800);
  texture = ui_test_render (GTK_WIDGET (dialog));
  g_free (name);
  name = g_strdup_printf ("open-dialog-%s.png", suffix);
  ui_test_save_artifact (texture, name);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  wait_gone (GTK_TYPE_FILE_CHOOSER_DIALOG);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_screenshots_light (Fixture       *f,
                        gconstpointer  data)
{
  save_dialog_screenshots (f, 1024, "light");
}

static void
test_screenshots_dark (Fixture       *f,
                       gconstpointer  data)
{
  set_dark (TRUE);
  save_dialog_screenshots (f, 1024, "dark");
  set_dark (FALSE);
}

static void
test_screenshots_narrow (Fixture       *f,
                         gconstpointer  data)
{
  save_dialog_screenshots (f, 360, "narrow");
}

/* Spanish: our strings from the build's catalogue, GTK's and
 * libadwaita's from the system's. gettext ignores LANGUAGE in the C
 * locale, so C.UTF-8 (always there) stands in. */
static void
test_screenshots_spanish (Fixture       *f,
                          gconstpointer  data)
{
  const char *localedir = g_getenv ("CARTO_TEST_LOCALEDIR");
  g_autofree char *old_locale = g_strdup (setlocale (LC_ALL, NULL));

  if (localedir == NULL || setlocale (LC_ALL, "C.UTF-8") == NULL)
    {
      g_test_skip ("no build catalogue or no C.UTF-8 locale");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("LANGUAGE", "es", TRUE);

  /* Translated for real, or the screenshots would show English. */
  g_assert_cmpstr (_("Save Changes?"), !=, "Save Changes?");
  save_dialog_screenshots (f, 1024, "es");

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, old_locale);
}

/* GTK 4.8's file chooser sometimes draws its path bar's scroll button
 * before laying it out, on the chooser's first frames, and warns: a GTK
 * bug, not ours. Tests make warnings fatal, and the structured log does
 * not ask g_test_log_set_fatal_handler(); so this writer passes that one
 * warning on as plain text, and every other message as it is. */
static gboolean
is_path_bar_warning (const GLogField *fields,
                     gsize            n_fields)
{
  const char *message = NULL;
  const char *button;
  gpointer pointer = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
      message = fields[i].value;

  if (message == NULL || strstr (message, "without a current allocation") == NULL ||
      (button = strstr (message, "GtkButton 0x")) == NULL ||
      sscanf (button + strlen ("GtkButton "), "%p", &pointer) != 1)
    return FALSE;

  for (GtkWidget *widget = pointer; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkPathBar"))
      return TRUE;

  return FALSE;
}

static GLogWriterOutput
log_writer_cb (GLogLevelFlags   log_level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  if ((log_level & G_LOG_LEVEL_WARNING) && is_path_bar_warning (fields, n_fields))
    {
      g_printerr ("(GTK's file chooser path bar warned; not fatal here)\n");
      return G_LOG_WRITER_HANDLED;
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_log_set_writer_func (log_writer_cb, NULL, NULL);
  ui_test_init (&argc, &argv);
  test_app = ui_test_app_new ("io.github.cartoviewer.CartoViewer.Test");

  server = test_server_start (NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/documents/title", Fixture, NULL, fixture_setup, test_title, fixture_teardown);
  g_test_add ("/documents/round-trip", Fixture, NULL, fixture_setup, test_round_trip, fixture_teardown);
  g_test_add ("/documents/bad-files", Fixture, NULL, fixture_setup, test_bad_files, fixture_teardown);
  g_test_add ("/documents/unsaved-changes", Fixture, NULL, fixture_setup, test_unsaved_changes, fixture_teardown);
  g_test_add ("/documents/saving", Fixture, NULL, fixture_setup, test_saving, fixture_teardown);
  g_test_add ("/documents/screenshots/light", Fixture, NULL, fixture_setup, test_screenshots_light, fixture_teardown);
  g_test_add ("/documents/screenshots/dark", Fixture, NULL, fixture_setup, test_screenshots_dark, fixture_teardown);
  g_test_add ("/documents/screenshots/narrow", Fixture, NULL, fixture_setup, test_screenshots_narrow, fixture_teardown);
  g_test_add ("/documents/screenshots/spanish", Fixture, NULL, fixture_setup, test_screenshots_spanish,
              fixture_teardown);
  status = g_test_run ();

  test_server_stop (server);
  g_object_unref (test_app);
  return status;
}
