/* test-layers-panel.c — managing layers in the sidebar, end to end
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window under Xvfb, the test server over PostgreSQL + PostGIS
 * and the isolated keyring: the list shows the top layer first; moving a
 * layer (menu, Alt+Up/Down, a drop) changes which one the map draws on
 * top; renames, opacity, visibility and duplicates go through the model
 * and are saved; a layer whose account the keyring lacks offers to add
 * it and then paints; Zoom to Layer fits the layer's extent. The last
 * cases save screenshots to look at (light, dark, 360 px, Spanish).
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "test-server-fixture.h"
#include "ui-server-utils.h"
#include "ui-test-utils.h"
#include "viewer-account-dialog.h"
#include "viewer-context.h"
#include "viewer-layer-row.h"
#include "viewer-layers-panel.h"
#include "viewer-rename-popover.h"
#include "viewer-window.h"

static AdwApplication *test_app;
static TestServer *server;

#define COUNTRY_COLOR "#3969AC"
#define FRANCE_COLOR "#E73F74"
#define CITY_COLOR "#F2B701"

/* Rural France, far from any border and from Paris. */
#define FRANCE_LAT 47.0
#define FRANCE_LON 2.0

#define FRANCE_SQL "SELECT * FROM countries WHERE name = 'France'"

static CartoStyle *
solid_style (const char *color,
             double      size)
{
  CartoSymbol symbol;

  carto_symbol_init_default (&symbol, CARTO_MVT_GEOM_POINT);
  g_assert_true (carto_color_parse (&symbol.color, color));
  symbol.size = size;
  symbol.opacity = 1.0;
  symbol.stroke_width = 0;
  return carto_style_new_single (&symbol);
}

static guint32
rgb_of (const char *hex)
{
  CartoColor c;

  g_assert_true (carto_color_parse (&c, hex));
  return 0xff000000u | ((guint32) (c.red * 255 + 0.5) << 16) | ((guint32) (c.green * 255 + 0.5) << 8) |
         (guint32) (c.blue * 255 + 0.5);
}

static gboolean
map_idle (gpointer data)
{
  return viewer_map_view_is_idle (viewer_window_get_map_view (VIEWER_WINDOW (data)));
}

static void
wait_painted (ViewerWindow *window)
{
  /* Frames first (before them the map has not asked for tiles), then idle
   * twice around a pause: tiles arrive in waves. */
  ui_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_true (ui_test_wait_until (map_idle, window, 30000));
  ui_test_iterate (300);
  g_assert_true (ui_test_wait_until (map_idle, window, 30000));
}

static ShumateViewport *
viewport_of (ViewerWindow *window)
{
  return shumate_simple_map_get_viewport (viewer_map_view_get_simple_map (viewer_window_get_map_view (window)));
}

static GtkWidget *
map_widget_of (ViewerWindow *window)
{
  return GTK_WIDGET (shumate_simple_map_get_map (viewer_map_view_get_simple_map (viewer_window_get_map_view (window))));
}

static guint32
pixel_at (ViewerWindow *window,
          GdkTexture   *texture,
          double        latitude,
          double        longitude)
{
  GtkWidget *map = map_widget_of (window);
  double mx, my, wx, wy;

  shumate_viewport_location_to_widget_coords (viewport_of (window), map, latitude, longitude, &mx, &my);
  g_assert_true (gtk_widget_translate_coordinates (map, GTK_WIDGET (window), mx, my, &wx, &wy));
  return ui_test_pixel (texture, (int) wx, (int) wy);
}

/* A widget keeps its last drawing only until something asks for a new
 * one: draw it again, then render it. */
static GdkTexture *
render_fresh (GtkWidget *widget)
{
  GdkTexture *texture = NULL;

  for (guint attempt = 0; texture == NULL && attempt < 10; attempt++)
    {
      gtk_widget_queue_draw (widget);
      ui_test_wait_frames (widget, 2);
      texture = ui_test_try_render (widget);
    }

  g_assert_nonnull (texture);
  return texture;
}

/* The colour the map shows at a place, once every tile is painted. */
static guint32
painted_at (ViewerWindow *window,
            double        latitude,
            double        longitude)
{
  g_autoptr(GdkTexture) texture = NULL;

  wait_painted (window);
  texture = render_fresh (GTK_WIDGET (window));
  return pixel_at (window, texture, latitude, longitude);
}

static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_row (ViewerWindow *window,
          CartoLayer   *layer)
{
  GtkWidget *list = gtk_widget_get_parent (find_by_type (GTK_WIDGET (window), VIEWER_TYPE_LAYER_ROW));

  g_assert_true (GTK_IS_LIST_BOX (list));
  for (GtkWidget *child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child))
    if (VIEWER_IS_LAYER_ROW (child) && viewer_layer_row_get_layer (VIEWER_LAYER_ROW (child)) == layer)
      return child;

  g_test_message ("no row for the layer “%s”", carto_layer_get_title (layer));
  g_assert_not_reached ();
}

/* A preferences row (AdwActionRow, AdwEntryRow…) by its title. */
static GtkWidget *
find_titled (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_titled (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The expander row's header: libadwaita's AdwActionRow styled "header". */
static GtkWidget *
header_of (GtkWidget *row)
{
  for (GtkWidget *child = gtk_widget_get_first_child (row); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ACTION_ROW (child) && gtk_widget_has_css_class (child, "header"))
        return child;
      found = header_of (child);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The list as a person reads it, top to bottom: "A, B, C". */
static char *
list_order (ViewerWindow *window)
{
  GtkWidget *list = gtk_widget_get_parent (find_by_type (GTK_WIDGET (window), VIEWER_TYPE_LAYER_ROW));
  g_autoptr(GString) order = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (list); child; child = gtk_widget_get_next_sibling (child))
    {
      if (!VIEWER_IS_LAYER_ROW (child))
        continue;
      if (order->len > 0)
        g_string_append (order, ", ");
      g_string_append (order, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)));
    }

  return g_string_free (g_steal_pointer (&order), FALSE);
}

/* The map's drawing order, bottom first: "C, B, A". */
static char *
drawing_order (CartoMap *map)
{
  g_autoptr(GString) order = g_string_new (NULL);

  for (guint i = 0; i < carto_map_get_n_layers (map); i++)
    {
      if (i > 0)
        g_string_append (order, ", ");
      g_string_append (order, carto_layer_get_title (carto_map_get_layer (map, i)));
    }

  return g_string_free (g_steal_pointer (&order), FALSE);
}

#define assert_orders(window, list, drawing)                                         \
  G_STMT_START {                                                                     \
    g_autofree char *list_ = list_order (window);                                    \
    g_autofree char *drawing_ = drawing_order (viewer_window_get_map (window));      \
    g_assert_cmpstr (list_, ==, list);                                               \
    g_assert_cmpstr (drawing_, ==, drawing);                                         \
  } G_STMT_END

/* The model button of a row menu's item, once the menu has been opened. */
static GtkWidget *
menu_item (GtkWidget  *root,
           const char *label)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), g_type_from_name ("GtkModelButton")))
    {
      g_autofree char *text = NULL;

      g_object_get (root, "text", &text, NULL);
      if (g_strcmp0 (text, label) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = menu_item (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_menu_button (GtkWidget  *root,
                  const char *icon_name)
{
  if (GTK_IS_MENU_BUTTON (root) && g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (root)), icon_name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child, icon_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkMenuButton *
row_menu_button (GtkWidget *row)
{
  GtkWidget *button = find_menu_button (header_of (row), "view-more-symbolic");

  g_assert_nonnull (button);
  return GTK_MENU_BUTTON (button);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* Opens the row's menu and says whether an item can be used. */
static gboolean
menu_item_sensitive (GtkWidget  *row,
                     const char *label)
{
  GtkMenuButton *button = row_menu_button (row);
  GtkPopover *popover;
  GtkWidget *item;
  gboolean sensitive;

  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  g_assert_true (ui_test_wait_until (is_mapped, popover, 5000));
  item = menu_item (GTK_WIDGET (popover), label);
  if (item == NULL)
    ui_test_dump_labels (GTK_WIDGET (popover));
  g_assert_nonnull (item);
  sensitive = gtk_widget_is_sensitive (item);
  gtk_menu_button_popdown (button);
  return sensitive;
}

/* Clicks a row menu's item, as a person would. */
static void
click_menu_item (GtkWidget  *row,
                 const char *label)
{
  GtkMenuButton *button = row_menu_button (row);
  GtkPopover *popover;
  GtkWidget *item;

  gtk_menu_button_popup (button);
  popover = gtk_menu_button_get_popover (button);
  g_assert_true (ui_test_wait_until (is_mapped, popover, 5000));
  item = menu_item (GTK_WIDGET (popover), label);
  g_assert_nonnull (item);
  g_assert_true (gtk_widget_is_sensitive (item));
  g_signal_emit_by_name (item, "clicked");
}

/* Presses a key on the focused row through the header's own shortcuts,
 * as GTK does for a key press: the trigger must match, and its action
 * runs on the header. */
static void
press_on_header (GtkWidget       *row,
                 guint            keyval,
                 GdkModifierType  modifiers)
{
  GtkWidget *header = header_of (row);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (header);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);
  gboolean pressed = FALSE;

  gtk_widget_grab_focus (row);
  g_assert_true (gtk_widget_is_focus (header));

  for (guint i = 0; !pressed && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; !pressed && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            continue;
          pressed = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, header, NULL);
        }
    }

  g_assert_true (pressed);
}

static gpointer
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  return NULL;
}

/* Drags @dragged's row and drops it on @onto's, in its upper or lower
 * half: the value comes from the drag source, as in a real drag. */
static gboolean
drag_and_drop (ViewerWindow *window,
               CartoLayer   *dragged,
               CartoLayer   *onto,
               gboolean      upper_half)
{
  GtkWidget *from = find_row (window, dragged);
  GtkWidget *to = find_row (window, onto);
  GtkDragSource *source = find_controller (header_of (from), GTK_TYPE_DRAG_SOURCE);
  GtkDropTarget *target = find_controller (to, GTK_TYPE_DROP_TARGET);
  g_autoptr(GdkContentProvider) content = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  double y = upper_half ? 4.0 : gtk_widget_get_height (to) - 4.0;
  gboolean dropped = FALSE;
  gboolean ok;

  g_assert_nonnull (source);
  g_assert_nonnull (target);
  g_signal_emit_by_name (source, "prepare", 20.0, 10.0, &content);
  g_assert_nonnull (content);
  g_value_init (&value, CARTO_TYPE_LAYER);
  ok = gdk_content_provider_get_value (content, &value, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (g_value_get_object (&value) == dragged);

  g_signal_emit_by_name (target, "drop", &value, 20.0, y, &dropped);
  return dropped;
}

static gboolean
focus_in_row_of (ViewerWindow *window,
                 CartoLayer   *layer)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_is_ancestor (focus, find_row (window, layer));
}

/* Countries in blue, France alone in pink over them: where both draw,
 * the one on top shows. */
static void
test_reorder (void)
{
  g_autoptr(ViewerContext) context = viewer_context_new ();
  g_autoptr(CartoCredentials) atlas = ui_test_add_server_account (context, server, "demo-atlas");
  g_autoptr(CartoStyle) blue = solid_style (COUNTRY_COLOR, 4);
  g_autoptr(CartoStyle) pink = solid_style (FRANCE_COLOR, 4);
  ViewerWindow *window = viewer_window_new (test_app, context);
  CartoLayer *countries, *france;
  GtkWidget *row;
  gint64 requests;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  shumate_viewport_set_zoom_level (viewport_of (window), 5.0);
  shumate_location_set_location (SHUMATE_LOCATION (viewport_of (window)), FRANCE_LAT, FRANCE_LON);
  countries = ui_test_add_layer (window, "countries", atlas, "Countries", blue);
  france = ui_test_add_layer (window, FRANCE_SQL, atlas, "France", pink);
  gtk_window_present (GTK_WINDOW (window));

  /* Added last, drawn last, listed first. */
  assert_orders (window, "France, Countries", "Countries, France");
  g_assert_cmphex (painted_at (window, FRANCE_LAT, FRANCE_LON), ==, rgb_of (FRANCE_COLOR));

  /* The row menu: Move Down, then it can go no lower. */
  row = find_row (window, france);
  g_assert_false (menu_item_sensitive (row, "Move Up"));
  requests = test_server_get_count (server, "total", NULL);
  click_menu_item (row, "Move Down");
  assert_orders (window, "Countries, France", "France, Countries");
  g_assert_cmphex (painted_at (window, FRANCE_LAT, FRANCE_LON), ==, rgb_of (COUNTRY_COLOR));
  /* Restacked: no map to instantiate again, no tile to fetch. */
  g_assert_cmpint (test_server_get_count (server, "total", NULL), ==, requests);
  g_assert_false (menu_item_sensitive (find_row (window, france), "Move Down"));
  ui_test_iterate (500);
  g_assert_true (menu_item_sensitive (find_row (window, france), "Move Up"));
  g_assert_false (menu_item_sensitive (find_row (window, countries), "Move Up"));

  /* Alt+Up on the focused row; the focus stays with it, so Alt+Down
   * brings it back. */
  press_on_header (find_row (window, france), GDK_KEY_Up, GDK_ALT_MASK);
  assert_orders (window, "France, Countries", "Countries, France");
  g_assert_true (focus_in_row_of (window, france));
  g_assert_cmphex (painted_at (window, FRANCE_LAT, FRANCE_LON), ==, rgb_of (FRANCE_COLOR));
  press_on_header (find_row (window, france), GDK_KEY_Down, GDK_ALT_MASK);
  assert_orders (window, "Countries, France", "France, Countries");
  g_assert_true (focus_in_row_of (window, france));
  g_assert_cmphex (painted_at (window, FRANCE_LAT, FRANCE_LON), ==, rgb_of (COUNTRY_COLOR));

  /* Dragged onto the upper half of the Countries row: above it. Onto
   * itself, or below where it already is: nothing moves. */
  g_assert_false (drag_and_drop (window, france, france, TRUE));
  g_assert_true (drag_and_drop (window, france, countries, TRUE));
  assert_orders (window, "France, Countries", "Countries, France");
  g_assert_cmphex (painted_at (window, FRANCE_LAT, FRANCE_LON), ==, rgb_of (FRANCE_COLOR));
  g_assert_true (drag_and_drop (window, countries, france, TRUE));
  assert_orders (window, "Countries, France", "France, Countries");
  g_assert_cmphex (painted_at (window, FRANCE_LAT, FRANCE_LON), ==, rgb_of (COUNTRY_COLOR));
  g_assert_true (drag_and_drop (window, countries, france, FALSE));
  assert_orders (window, "France, Countries", "Countries, France");
  g_assert_cmphex (painted_at (window, FRANCE_LAT, FRANCE_LON), ==, rgb_of (FRANCE_COLOR));

  ui_test_iterate (100);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_changed_cb (CartoMap *map,
               guint    *count)
{
  (*count)++;
}

static gboolean
widget_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

/* Every edit goes through the model, marks the map changed, and is in
 * the saved file. */
static void
test_edits_saved (void)
{
  g_autoptr(ViewerContext) context = viewer_context_new ();
  g_autoptr(CartoCredentials) atlas = ui_test_add_server_account (context, server, "demo-atlas");
  g_autoptr(CartoStyle) blue = solid_style (COUNTRY_COLOR, 4);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(CartoMap) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  ViewerWindow *window = viewer_window_new (test_app, context);
  CartoMap *map = viewer_window_get_map (window);
  ViewerRenamePopover *popover;
  CartoLayer *countries, *france, *copy;
  GtkWidget *row, *scale, *visible, *undo;
  guint changes = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  countries = ui_test_add_layer (window, "countries", atlas, "Countries", blue);
  france = ui_test_add_layer (window, FRANCE_SQL, atlas, "France", NULL);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (GTK_WIDGET (window), 2);
  g_signal_connect (map, "changed", G_CALLBACK (on_changed_cb), &changes);
  row = find_row (window, countries);

  /* Rename from the menu: blanks are no name, Escape changes nothing,
   * Enter renames. */
  click_menu_item (row, "Rename…");
  popover = VIEWER_RENAME_POPOVER (find_by_type (row, VIEWER_TYPE_RENAME_POPOVER));
  g_assert_true (ui_test_wait_until (is_mapped, popover, 5000));
  g_assert_cmpstr (gtk_editable_get_text (viewer_rename_popover_get_entry (popover)), ==, "Countries");
  gtk_editable_set_text (viewer_rename_popover_get_entry (popover), "   ");
  g_signal_emit_by_name (viewer_rename_popover_get_entry (popover), "activate");
  g_assert_cmpstr (carto_layer_get_title (countries), ==, "Countries");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gtk_editable_set_text (viewer_rename_popover_get_entry (popover), "Not this one");
  gtk_popover_popdown (GTK_POPOVER (popover));
  g_assert_cmpstr (carto_layer_get_title (countries), ==, "Countries");
  g_assert_cmpuint (changes, ==, 0);

  press_on_header (row, GDK_KEY_F2, 0);
  g_assert_true (ui_test_wait_until (is_mapped, popover, 5000));
  gtk_editable_set_text (viewer_rename_popover_get_entry (popover), "  Countries of the world ");
  g_signal_emit_by_name (viewer_rename_popover_get_entry (popover), "activate");
  g_assert_cmpstr (carto_layer_get_title (countries), ==, "Countries of the world");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Countries of the world");
  g_assert_true (ui_test_wait_until (widget_hidden, popover, 5000));
  g_assert_cmpuint (changes, ==, 1);

  /* Opacity, from the row itself. */
  scale = find_by_type (find_titled (row, ADW_TYPE_ACTION_ROW, "Opacity"), GTK_TYPE_SCALE);
  g_assert_nonnull (scale);
  gtk_range_set_value (GTK_RANGE (scale), 0.4);
  g_assert_cmpfloat_with_epsilon (carto_layer_get_opacity (countries), 0.4, 1e-9);
  g_assert_cmpuint (changes, ==, 2);
  carto_layer_set_opacity (countries, 0.6);
  g_assert_cmpfloat_with_epsilon (gtk_range_get_value (GTK_RANGE (scale)), 0.6, 1e-9);
  g_assert_cmpuint (changes, ==, 3);

  /* Visibility. */
  visible = find_by_type (header_of (row), GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (visible), FALSE);
  g_assert_false (carto_layer_get_visible (countries));
  g_assert_cmpuint (changes, ==, 4);

  /* Duplicate: a copy right above the original, named so. */
  click_menu_item (row, "Duplicate");
  g_assert_cmpuint (carto_map_get_n_layers (map), ==, 3);
  copy = carto_map_get_layer (map, 1);
  g_assert_cmpstr (carto_layer_get_title (copy), ==, "Countries of the world (copy)");
  g_assert_cmpfloat_with_epsilon (carto_layer_get_opacity (copy), 0.6, 1e-9);
  g_assert_false (carto_layer_get_visible (copy));
  g_assert_true (carto_layer_get_source (copy) == carto_layer_get_source (countries));
  assert_orders (window, "France, Countries of the world (copy), Countries of the world",
                 "Countries of the world, Countries of the world (copy), France");
  g_assert_cmpuint (changes, ==, 5);

  /* Saved and read back: the same layers, in the same order. */
  saved = carto_map_file_serialize (map);
  reloaded = carto_map_file_parse (saved, viewer_context_get_credential_store (context), &error);
  g_assert_no_error (error);
  g_assert_nonnull (reloaded);
  {
    g_autofree char *order = drawing_order (reloaded);

    g_assert_cmpstr (order, ==, "Countries of the world, Countries of the world (copy), France");
  }
  g_assert_cmpfloat_with_epsilon (carto_layer_get_opacity (carto_map_get_layer (reloaded, 0)), 0.6, 1e-9);
  g_assert_false (carto_layer_get_visible (carto_map_get_layer (reloaded, 0)));
  g_assert_false (carto_layer_get_visible (carto_map_get_layer (reloaded, 1)));
  g_assert_true (carto_layer_get_visible (carto_map_get_layer (reloaded, 2)));
  g_assert_cmpstr (carto_source_get_data (carto_layer_get_source (carto_map_get_layer (reloaded, 2))), ==, FRANCE_SQL);

  /* Remove, from the menu, with undo. */
  click_menu_item (find_row (window, france), "Remove");
  g_assert_cmpuint (carto_map_get_n_layers (map), ==, 2);
  g_assert_false (carto_map_find_layer (map, france, NULL));
  g_assert_cmpuint (changes, ==, 6);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (window), "“France” removed"));
  /* As a person would, not within the animation of the toast it put
   * aside: libadwaita 1.2 asserts when that toast comes back while it is
   * still sliding away. */
  ui_test_iterate (500);
  undo = gtk_widget_get_ancestor (ui_test_find_label (GTK_WIDGET (window), "Undo"), GTK_TYPE_BUTTON);
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  g_assert_true (carto_map_find_layer (map, france, NULL));
  assert_orders (window, "France, Countries of the world (copy), Countries of the world",
                 "Countries of the world, Countries of the world (copy), France");
  g_assert_cmpuint (changes, ==, 7);

  /* Delete on the focused row: the focus goes to the row that takes its
   * place, so Delete can be pressed again. */
  ui_test_iterate (500);
  press_on_header (find_row (window, france), GDK_KEY_Delete, 0);
  g_assert_false (carto_map_find_layer (map, france, NULL));
  g_assert_cmpuint (changes, ==, 8);
  g_assert_true (focus_in_row_of (window, copy));

  ui_test_iterate (100);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
layer_failed (gpointer data)
{
  return carto_layer_get_state (CARTO_LAYER (data)) == CARTO_LAYER_STATE_ERROR;
}

static gboolean
layer_has_account (gpointer data)
{
  return !carto_layer_get_account_missing (CARTO_LAYER (data)) &&
         carto_layer_get_effective_credentials (CARTO_LAYER (data)) != NULL;
}

static ViewerAccountDialog *
find_account_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) candidate = g_list_model_get_item (toplevels, i);

      if (VIEWER_IS_ACCOUNT_DIALOG (candidate))
        return VIEWER_ACCOUNT_DIALOG (candidate);
    }

  return NULL;
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* A map file names an account (username and base URL) that the keyring
 * lacks: parsed as CartoMap reads any map file. */
static CartoMap *
parse_map_naming (ViewerContext *context,
                  const char    *data,
                  const char    *username,
                  const char    *base_url,
                  const char    *title,
                  CartoStyle    *style)
{
  g_autoptr(JsonNode) style_node = carto_style_to_json (style);
  g_autofree char *style_json = json_to_string (style_node, FALSE);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CartoMap *map;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, CARTO_MAP_FILE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "viewport");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "latitude");
  json_builder_add_double_value (builder, 48.0);
  json_builder_set_member_name (builder, "longitude");
  json_builder_add_double_value (builder, 2.5);
  json_builder_set_member_name (builder, "zoom");
  json_builder_add_double_value (builder, 5.0);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "table");
  json_builder_add_string_value (builder, data);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "account");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "base_url");
  json_builder_add_string_value (builder, base_url);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "style");
  json_builder_add_value (builder, json_from_string (style_json, NULL));
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, TRUE);
  bytes = g_bytes_new (text, strlen (text));
  map = carto_map_file_parse (bytes, viewer_context_get_credential_store (context), &error);
  g_assert_no_error (error);
  g_assert_nonnull (map);
  return map;
}

/* A layer from someone else's map: the row says which account it needs
 * and adds it; then the layer paints. */
static void
test_missing_account (void)
{
  g_autoptr(ViewerContext) context = viewer_context_new ();
  g_autoptr(CartoStyle) yellow = solid_style (CITY_COLOR, 7);
  const char *base_url = test_server_get_base_url (server, "demo-cities");
  g_autoptr(CartoMap) map = parse_map_naming (context, "populated_places", "demo-cities", base_url, "Cities", yellow);
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *needs = g_strdup_printf ("Needs account “demo-cities” at 127.0.0.1:%d", g_uri_get_port (uri));
  g_autoptr(CartoMapDocument) document = carto_map_document_new (map);
  ViewerWindow *window = viewer_window_new_for_document (test_app, context, document);
  CartoLayer *layer = carto_map_get_layer (map, 0);
  ViewerAccountDialog *dialog;
  GtkWidget *row, *account_row, *add_button, *address, *username, *key, *insecure, *focus;

  g_assert_true (carto_layer_get_account_missing (layer));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (layer_failed, layer, 20000));
  ui_test_wait_frames (GTK_WIDGET (window), 3);

  /* Said where the account goes, with the way out under it. */
  row = find_row (window, layer);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, needs);
  g_assert_true (gtk_widget_has_css_class (row, "needs-account"));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_null (ui_test_find_label (row, carto_layer_get_error_message (layer)));
  account_row = gtk_widget_get_ancestor (ui_test_find_label (row, "Add Account…"), GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (account_row);
  g_assert_nonnull (ui_test_find_label (account_row, "demo-cities"));
  g_assert_true (gtk_widget_get_mapped (account_row));
  add_button = gtk_widget_get_ancestor (ui_test_find_label (account_row, "Add Account…"), GTK_TYPE_BUTTON);
  g_assert_nonnull (add_button);
  /* The layer stays in the map, and in the file. */
  {
    g_autoptr(GBytes) saved = carto_map_file_serialize (map);

    g_assert_nonnull (g_strstr_len (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), base_url));
  }

  g_signal_emit_by_name (add_button, "clicked");
  dialog = find_account_dialog ();
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (is_mapped, dialog, 5000));

  /* Filled in from the layer; the key is what is left, and has the focus. */
  address = find_titled (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Username or Server Address");
  username = find_titled (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Username");
  key = find_titled (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW, "API Key");
  g_assert_nonnull (address);
  g_assert_nonnull (username);
  g_assert_nonnull (key);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (address)), ==, base_url);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (username)), ==, "demo-cities");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key)), ==, "");
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, key));
  {
    g_autoptr(GdkTexture) shot = NULL;

    shot = render_fresh (GTK_WIDGET (dialog));
    ui_test_save_artifact (shot, "layers-add-account-dialog.png");
  }

  /* The test server speaks http: allowed here, as a person would. */
  gtk_editable_set_text (GTK_EDITABLE (key), test_server_get_key (server, "demo-cities", "master"));
  insecure = find_by_type (find_titled (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Allow Insecure Connection"),
                           GTK_TYPE_SWITCH);
  gtk_switch_set_active (GTK_SWITCH (insecure), TRUE);
  g_assert_nonnull (viewer_account_dialog_get_credentials (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "account.save", NULL));
  g_assert_true (ui_test_wait_until (pointer_cleared, &dialog, 10000));

  /* Nothing else to do: the layer finds its account and paints. */
  g_assert_true (ui_test_wait_until (layer_has_account, layer, 10000));
  g_assert_cmphex (painted_at (window, 48.8566, 2.3522), ==, rgb_of (CITY_COLOR));   /* Paris */
  g_assert_cmpint (carto_layer_get_state (layer), !=, CARTO_LAYER_STATE_ERROR);
  g_assert_false (gtk_widget_has_css_class (row, "needs-account"));
  g_assert_false (gtk_widget_get_visible (account_row));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), "demo-cities · 127.0.0.1:"));

  ui_test_iterate (100);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
row_idle (gpointer data)
{
  return !viewer_layer_row_get_busy (VIEWER_LAYER_ROW (data));
}

typedef struct
{
  ViewerWindow *window;
  CartoBounds extent;
} FitCheck;

/* The extent is in view, and fills most of it one way or the other: the
 * view was fitted, not merely left somewhere containing it. */
static gboolean
extent_fitted (gpointer data)
{
  FitCheck *check = data;
  GtkWidget *map = map_widget_of (check->window);
  double width = gtk_widget_get_width (map), height = gtk_widget_get_height (map);
  double x1, y1, x2, y2;

  shumate_viewport_location_to_widget_coords (viewport_of (check->window), map,
                                              check->extent.north, check->extent.west, &x1, &y1);
  shumate_viewport_location_to_widget_coords (viewport_of (check->window), map,
                                              check->extent.south, check->extent.east, &x2, &y2);

  return x1 >= -1 && y1 >= -1 && x2 <= width + 1 && y2 <= height + 1 &&
         ((x2 - x1) > 0.5 * width || (y2 - y1) > 0.5 * height);
}

typedef struct
{
  gboolean done;
  gboolean ok;
  CartoBounds bounds;
  GError *error;
} ExtentResult;

static void
extent_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ExtentResult *r = user_data;

  r->ok = carto_layer_compute_extent_finish (CARTO_LAYER (source), result, &r->bounds, &r->error);
  r->done = TRUE;
}

static gboolean
extent_done (gpointer data)
{
  return ((ExtentResult *) data)->done;
}

static void
test_zoom_to_layer (void)
{
  g_autoptr(ViewerContext) context = viewer_context_new ();
  g_autoptr(CartoCredentials) atlas = ui_test_add_server_account (context, server, "demo-atlas");
  ViewerWindow *window = viewer_window_new (test_app, context);
  CartoMap *map = viewer_window_get_map (window);
  ExtentResult expected = { 0 };
  FitCheck check = { .window = window };
  CartoLayer *spain, *empty;
  GtkWidget *row, *toast;
  double latitude, longitude, zoom;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  spain = ui_test_add_layer (window, "SELECT * FROM countries WHERE name = 'Spain'", atlas, "Spain", NULL);
  empty = ui_test_add_layer (window, "SELECT * FROM countries WHERE false", atlas, "Nothing", NULL);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_frames (GTK_WIDGET (window), 3);

  /* What the layer covers, asked the same way, as the oracle. */
  carto_layer_compute_extent_async (spain, viewer_context_get_soup_session (context), NULL, extent_cb, &expected);
  g_assert_true (ui_test_wait_until (extent_done, &expected, 10000));
  g_assert_no_error (expected.error);
  g_assert_true (expected.ok);
  check.extent = expected.bounds;
  g_assert_false (extent_fitted (&check));

  row = find_row (window, spain);
  click_menu_item (row, "Zoom to Layer");
  g_assert_true (viewer_layer_row_get_busy (VIEWER_LAYER_ROW (row)));
  g_assert_false (menu_item_sensitive (row, "Zoom to Layer"));
  g_assert_true (ui_test_wait_until (row_idle, row, 10000));
  g_assert_true (ui_test_wait_until (extent_fitted, &check, 5000));
  ui_test_iterate (600);
  g_assert_true (extent_fitted (&check));
  g_assert_true (menu_item_sensitive (row, "Zoom to Layer"));

  /* A layer with nothing to show: a toast, and the view stays. */
  latitude = carto_map_get_latitude (map);
  longitude = carto_map_get_longitude (map);
  zoom = carto_map_get_zoom (map);
  row = find_row (window, empty);
  click_menu_item (row, "Zoom to Layer");
  g_assert_true (ui_test_wait_until (row_idle, row, 10000));
  toast = ui_test_find_label (GTK_WIDGET (window), "This layer has no features to zoom to.");
  if (toast == NULL)
    ui_test_dump_labels (GTK_WIDGET (window));
  g_assert_nonnull (toast);
  ui_test_iterate (600);
  g_assert_cmpfloat (carto_map_get_latitude (map), ==, latitude);
  g_assert_cmpfloat (carto_map_get_longitude (map), ==, longitude);
  g_assert_cmpfloat (carto_map_get_zoom (map), ==, zoom);
  g_assert_false (carto_map_get_bounds (map, NULL));

  ui_test_iterate (100);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Screenshots: five layers with long titles, another server's account
 * that the keyring lacks, a classified style. */

#define LONG_SQL "SELECT * FROM populated_places WHERE population > 1000000 AND feature_code = 'PPLC'"
#define LONG_HOST "carto-onprem.geodata.example-organisation.org"
#define LONG_HOST_URL "https://" LONG_HOST "/user/field-team"

static ViewerWindow *
open_five_layers (ViewerContext *context,
                  int            width,
                  int            height)
{
  g_autoptr(CartoCredentials) atlas = ui_test_add_server_account (context, server, "demo-atlas");
  g_autoptr(CartoCredentials) cities = ui_test_add_server_account (context, server, "demo-cities");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string ("{\"kind\": \"color-category\", \"property\": \"continent\","
                                               " \"base\": {\"size\": 4, \"stroke-color\": \"#ffffff\","
                                               " \"stroke-width\": 0.5, \"opacity\": 0.75},"
                                               " \"categories\": [\"Africa\", \"Asia\", \"Europe\"],"
                                               " \"colors\": [\"#7F3C8D\", \"#11A579\", \"#3969AC\"]}",
                                               &error);
  g_autoptr(CartoStyle) by_continent = carto_style_new_from_json (node, &error);
  g_autoptr(CartoStyle) red = solid_style ("#E73F74", 3);
  g_autoptr(CartoSource) source = NULL;
  g_autoptr(CartoLayer) field = NULL;
  ViewerWindow *window = viewer_window_new (test_app, context);

  g_assert_no_error (error);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  shumate_viewport_set_zoom_level (viewport_of (window), 2.0);
  shumate_location_set_location (SHUMATE_LOCATION (viewport_of (window)), 30.0, 10.0);

  ui_test_add_layer (window, "countries", atlas, "Countries by continent", by_continent);
  ui_test_add_layer (window, "populated_places", cities, NULL, NULL);
  source = carto_source_new_for_account ("survey_sites", "field-team", LONG_HOST_URL,
                                         viewer_context_get_credential_store (context));
  field = carto_layer_new (source, NULL);
  carto_layer_set_title (field, "Survey sites");
  carto_map_append_layer (viewer_window_get_map (window), field);
  ui_test_add_layer (window, LONG_SQL, cities, LONG_SQL, red);
  ui_test_add_layer (window, "SELECT * FROM countries WHERE continent = 'Europe'", atlas, NULL, NULL);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
layers_settled (gpointer data)
{
  CartoMap *map = viewer_window_get_map (VIEWER_WINDOW (data));

  for (guint i = 0; i < carto_map_get_n_layers (map); i++)
    if (carto_layer_get_state (carto_map_get_layer (map, i)) == CARTO_LAYER_STATE_LOADING ||
        carto_layer_get_state (carto_map_get_layer (map, i)) == CARTO_LAYER_STATE_IDLE)
      return FALSE;

  return TRUE;
}

static void
save_window (ViewerWindow *window,
             const char   *name)
{
  g_autoptr(GdkTexture) texture = NULL;

  g_assert_true (ui_test_wait_until (layers_settled, window, 30000));
  wait_painted (window);
  texture = render_fresh (GTK_WIDGET (window));
  ui_test_save_artifact (texture, name);
}

/* A title or subtitle label under @widget cut short, if any. */
static GtkWidget *
find_cut_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      (gtk_widget_has_css_class (widget, "title") || gtk_widget_has_css_class (widget, "subtitle")) &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cut_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Nothing in a row's header is cut but the long SQL title and the long
 * address of the missing account, whose tooltip has them whole, as the
 * expanded row has the address. */
static void
assert_rows_readable (ViewerWindow *window)
{
  CartoMap *map = viewer_window_get_map (window);

  for (guint i = 0; i < carto_map_get_n_layers (map); i++)
    {
      CartoLayer *layer = carto_map_get_layer (map, i);
      GtkWidget *row = find_row (window, layer);
      GtkWidget *header = header_of (row);
      GtkWidget *cut = find_cut_label (header);

      if (cut == NULL)
        continue;

      g_test_message ("cut: “%s” (layer “%s”)", gtk_label_get_text (GTK_LABEL (cut)), carto_layer_get_title (layer));
      g_assert_true (gtk_widget_get_has_tooltip (header));
      if (gtk_widget_has_css_class (cut, "title"))
        {
          g_assert_cmpstr (carto_layer_get_title (layer), ==, LONG_SQL);
          continue;
        }
      g_assert_true (carto_layer_get_account_missing (layer));
      g_assert_nonnull (ui_test_find_label (row, LONG_HOST));
    }
}

static void
test_screenshots (void)
{
  g_autoptr(ViewerContext) context = viewer_context_new ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  ViewerWindow *window = open_five_layers (context, 1100, 720);
  GtkWidget *row;
  GtkPopover *menu;

  save_window (window, "layers-panel.png");
  assert_rows_readable (window);

  /* The map keeps its room at the default size. */
  g_assert_cmpint (gtk_widget_get_width (map_widget_of (window)), >=, 360);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  ui_test_iterate (300);
  save_window (window, "layers-panel-dark.png");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  ui_test_iterate (300);

  /* A drag under way: the line a drop would land on (from the drop
   * target's own motion handler), over the dragged row, faded as
   * drag-begin fades it. */
  {
    CartoMap *map = viewer_window_get_map (window);
    GtkWidget *dragged = find_row (window, carto_map_get_layer (map, 4));
    GtkWidget *onto = find_row (window, carto_map_get_layer (map, 1));
    GdkDragAction action = 0;

    g_signal_emit_by_name (find_controller (onto, GTK_TYPE_DROP_TARGET), "motion", 20.0, 4.0, &action);
    g_assert_cmpint (action, ==, GDK_ACTION_MOVE);
    g_assert_true (gtk_widget_has_css_class (onto, "drop-above"));
    gtk_widget_add_css_class (dragged, "dragged");
    save_window (window, "layers-panel-drag.png");
    gtk_widget_remove_css_class (dragged, "dragged");
    g_signal_emit_by_name (find_controller (onto, GTK_TYPE_DROP_TARGET), "leave");
    g_assert_false (gtk_widget_has_css_class (onto, "drop-above"));
  }

  /* A row's menu, and the rename popover. */
  row = find_row (window, carto_map_get_layer (viewer_window_get_map (window), 1));
  gtk_menu_button_popup (row_menu_button (row));
  menu = gtk_menu_button_get_popover (row_menu_button (row));
  g_assert_true (ui_test_wait_until (is_mapped, menu, 5000));
  {
    g_autoptr(GdkTexture) shot = render_fresh (GTK_WIDGET (menu));

    ui_test_save_artifact (shot, "layers-row-menu.png");
  }
  gtk_menu_button_popdown (row_menu_button (row));
  gtk_widget_activate_action (row, "row.rename", NULL);
  {
    GtkWidget *popover = find_by_type (row, VIEWER_TYPE_RENAME_POPOVER);
    g_autoptr(GdkTexture) shot = NULL;

    g_assert_true (ui_test_wait_until (is_mapped, popover, 5000));
    shot = render_fresh (popover);
    ui_test_save_artifact (shot, "layers-rename-popover.png");
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  ui_test_iterate (100);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* At 360 pixels the sidebar folds over the map, and still reads. */
static void
test_screenshot_narrow (void)
{
  g_autoptr(ViewerContext) context = viewer_context_new ();
  ViewerWindow *window = open_five_layers (context, 360, 720);
  AdwFlap *flap = ADW_FLAP (find_by_type (GTK_WIDGET (window), ADW_TYPE_FLAP));

  ui_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 360);
  g_assert_true (adw_flap_get_folded (flap));
  adw_flap_set_reveal_flap (flap, TRUE);
  ui_test_iterate (600);
  save_window (window, "layers-panel-narrow.png");
  assert_rows_readable (window);

  ui_test_iterate (100);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* In Spanish, whose words run longer. Last: the language stays. */
static void
test_screenshot_spanish (void)
{
  const char *localedir = g_getenv ("CARTO_TEST_LOCALEDIR");
  g_autoptr(ViewerContext) context = NULL;
  ViewerWindow *window;

  if (localedir == NULL)
    {
      g_test_skip ("CARTO_TEST_LOCALEDIR is not set");
      return;
    }

  /* LANGUAGE is ignored under the C locale; C.UTF-8 is always there. */
  g_setenv ("LANGUAGE", "es", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (_("Layers"), ==, "Capas");

  context = viewer_context_new ();
  window = open_five_layers (context, 1100, 720);
  save_window (window, "layers-panel-es.png");
  assert_rows_readable (window);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (window), "Necesita la cuenta"));

  ui_test_iterate (100);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  ui_test_init (&argc, &argv);
  test_app = ui_test_app_new ("io.github.cartoviewer.CartoViewer.Test");

  server = test_server_start (NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/layers-panel/reorder", test_reorder);
  g_test_add_func ("/layers-panel/edits-saved", test_edits_saved);
  g_test_add_func ("/layers-panel/missing-account", test_missing_account);
  g_test_add_func ("/layers-panel/zoom-to-layer", test_zoom_to_layer);
  g_test_add_func ("/layers-panel/screenshots", test_screenshots);
  g_test_add_func ("/layers-panel/screenshot-narrow", test_screenshot_narrow);
  g_test_add_func ("/layers-panel/screenshot-spanish", test_screenshot_spanish);
  status = g_test_run ();

  test_server_stop (server);
  g_object_unref (test_app);
  return status;
}
