/* test-datasets.c — the Datasets panel, the dataset preview and the SQL
 * console, driven through their widgets against the real test server
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The path a newcomer takes: an account in the keyring, the Datasets page,
 * a search, a preview whose rows page in as they scroll, "Add to Map", and
 * a layer in the window's map read with that account. Then the console: a
 * query the server rejects, with its own message, and one it runs.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>

#include "test-server-fixture.h"
#include "ui-test-utils.h"
#include "viewer-context.h"
#include "viewer-dataset-preview.h"
#include "viewer-dataset-row.h"
#include "viewer-datasets-panel.h"
#include "viewer-results-view.h"
#include "viewer-sql-console.h"
#include "viewer-window.h"

/* One application per process: GApplication registers once. */
static AdwApplication *test_app;
static TestServer *server;

typedef struct
{
  ViewerContext *context;
  ViewerWindow *window;
  ViewerDatasetsPanel *panel;
} Fixture;

typedef struct
{
  CartoAccount *account;
  GError *error;
  gboolean done;
} AddData;

static gboolean
not_loading (gpointer data)
{
  return !viewer_context_get_accounts_loading (data);
}

static void
add_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  AddData *d = user_data;

  d->account = carto_credential_store_add_finish (CARTO_CREDENTIAL_STORE (source), result, &d->error);
  d->done = TRUE;
}

static gboolean
add_done (gpointer data)
{
  return ((AddData *) data)->done;
}

/* Stores @user of the test server with @key_name's key, as the account
 * form would. */
static CartoAccount *
add_account (Fixture    *f,
             const char *user,
             const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoCredentials) creds = carto_credentials_new (user, key, test_server_get_base_url (server, user),
                                                             CARTO_CREDENTIALS_ALLOW_NON_SECURE, &error);
  AddData d = { 0 };

  g_assert_no_error (error);
  carto_credential_store_add_async (viewer_context_get_credential_store (f->context), creds, NULL, add_cb, &d);
  g_assert_true (ui_test_wait_until (add_done, &d, 10000));
  g_assert_no_error (d.error);
  g_assert_nonnull (d.account);
  /* The store holds it; the borrowed pointer stays valid. */
  g_object_unref (d.account);
  return d.account;
}

/* Popovers are skipped: a drop-down's holds a search entry and a list of
 * its own. */
static GtkWidget *
find_by_type (GtkWidget *root,
              GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;
  if (GTK_IS_POPOVER (root))
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A button whose label (with its mnemonic underscore) is @label. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The list row showing the dataset named @name, if it is on screen. */
static ViewerDatasetRow *
find_row (GtkWidget  *root,
          const char *name)
{
  if (VIEWER_IS_DATASET_ROW (root))
    {
      CartoDataset *dataset = viewer_dataset_row_get_dataset (VIEWER_DATASET_ROW (root));

      if (dataset != NULL && g_str_equal (carto_dataset_get_name (dataset), name))
        return VIEWER_DATASET_ROW (root);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ViewerDatasetRow *found = find_row (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type))
        return window;
    }

  return NULL;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Renders a window as it is on screen; a window that has just mapped may
 * not have drawn yet. */
static GdkTexture *
render_window (GtkWidget *window)
{
  g_assert_true (ui_test_wait_until (is_mapped, window, 5000));
  ui_test_wait_frames (window, 3);
  return ui_test_render (window);
}

static gboolean
map_idle (gpointer data)
{
  return viewer_map_view_is_idle (viewer_window_get_map_view (data));
}

/* Main window screenshots wait for the map's tiles: they show it too. */
static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;

  if (VIEWER_IS_WINDOW (window))
    {
      /* Before its first frames (and while the banner slides in) the map
       * has not even asked for its tiles: "nothing loading" means
       * nothing yet. */
      ui_test_wait_frames (window, 5);
      ui_test_iterate (500);
      g_assert_true (ui_test_wait_until (map_idle, window, 30000));
      ui_test_iterate (300);
      g_assert_true (ui_test_wait_until (map_idle, window, 30000));
    }
  texture = render_window (window);

  ui_test_save_artifact (texture, name);
}

/* Saves NAME.png in dark style too, once: the colours must follow. */
static void
save_dark_screenshot (GtkWidget  *window,
                      const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GdkTexture) dark = NULL;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  ui_test_iterate (400);
  dark = render_window (window);
  ui_test_save_artifact (dark, name);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  ui_test_iterate (200);
}

typedef struct
{
  ViewerDatasetsPanel *panel;
  const char *state;
} StateWait;

static gboolean
panel_in_state (gpointer data)
{
  StateWait *w = data;

  return g_strcmp0 (viewer_datasets_panel_get_state (w->panel), w->state) == 0;
}

static void
wait_panel_state (ViewerDatasetsPanel *panel,
                  const char          *state)
{
  StateWait w = { panel, state };

  if (!ui_test_wait_until (panel_in_state, &w, 20000))
    {
      ui_test_dump_labels (GTK_WIDGET (panel));
      g_assert_cmpstr (viewer_datasets_panel_get_state (panel), ==, state);
    }
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* Each case starts from an empty keyring and no default. */
  secret_password_clear_sync (carto_credential_store_get_schema (), NULL, &error, NULL);
  g_assert_no_error (error);

  f->context = viewer_context_new ();
  g_settings_reset (viewer_context_get_settings (f->context), "default-account");
  g_settings_reset (viewer_context_get_settings (f->context), "layers-sidebar-visible");
  viewer_context_load_accounts (f->context);
  g_assert_true (ui_test_wait_until (not_loading, f->context, 10000));
  g_assert_null (viewer_context_get_accounts_error (f->context));
}

static void
open_window (Fixture *f)
{
  f->window = viewer_window_new (test_app, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 720);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ui_test_wait_until (is_mapped, f->window, 5000));

  f->panel = VIEWER_DATASETS_PANEL (find_by_type (GTK_WIDGET (f->window), VIEWER_TYPE_DATASETS_PANEL));
  g_assert_nonnull (f->panel);
  g_assert_true (viewer_datasets_panel_get_context (f->panel) == f->context);
}

static void
show_datasets_page (Fixture *f)
{
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (f->panel));

  g_assert_true (GTK_IS_STACK (stack));
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "datasets");
  g_assert_true (ui_test_wait_until (is_mapped, f->panel, 5000));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gpointer other;

  while ((other = find_toplevel (VIEWER_TYPE_DATASET_PREVIEW)) != NULL)
    gtk_window_destroy (GTK_WINDOW (other));
  while ((other = find_toplevel (VIEWER_TYPE_SQL_CONSOLE)) != NULL)
    gtk_window_destroy (GTK_WINDOW (other));
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  ui_test_iterate (50);
  g_clear_object (&f->context);
}

typedef struct
{
  GListModel *model;
  guint at_least;
} CountWait;

static gboolean
has_items (gpointer data)
{
  CountWait *w = data;

  return g_list_model_get_n_items (w->model) >= w->at_least;
}

static gboolean
has_n_items (gpointer data)
{
  CountWait *w = data;

  return g_list_model_get_n_items (w->model) == w->at_least;
}

static gboolean
results_table_shown (gpointer data)
{
  return g_strcmp0 (viewer_results_view_get_state (data), "table") == 0;
}

static gboolean
extent_loaded (gpointer data)
{
  return viewer_dataset_preview_get_extent_loaded (data);
}

static gboolean
toplevel_gone (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static gboolean
added_toast_replaced (gpointer data)
{
  return ui_test_find_label (data, "Added “populated_places” to the map") != NULL &&
         ui_test_find_label (data, "Added “capital_cities” to the map") == NULL;
}

/* The newcomer's path, from an account to a dataset on the map. */
static void
test_browse_and_add (Fixture       *f,
                     gconstpointer  data)
{
  CartoAccount *cities = add_account (f, "demo-cities", test_server_get_key (server, "demo-cities", "master"));
  GListModel *datasets;
  ViewerDatasetPreview *preview;
  ViewerResultsView *results;
  GtkColumnView *column_view;
  CartoSqlPager *pager;
  CartoMap *map;
  CartoLayer *layer;
  CartoSource *source;
  ViewerDatasetRow *row;
  GtkWidget *search, *list_view, *button;
  CountWait count;
  gint64 start_us;

  g_assert_true (carto_credential_store_set_default (viewer_context_get_credential_store (f->context), cities, NULL));
  add_account (f, "demo-atlas", test_server_get_key (server, "demo-atlas", "master"));

  open_window (f);
  start_us = g_get_monotonic_time ();
  show_datasets_page (f);
  map = viewer_window_get_map (f->window);

  /* The default account comes first, and its datasets are listed. */
  wait_panel_state (f->panel, "list");
  g_test_message ("datasets listed %.0f ms after the page showed", (g_get_monotonic_time () - start_us) / 1000.0);
  g_assert_true (viewer_datasets_panel_get_account (f->panel) == cities);
  datasets = viewer_datasets_panel_get_datasets (f->panel);
  g_assert_cmpuint (g_list_model_get_n_items (datasets), ==, 2);
  ui_test_iterate (300);
  g_assert_nonnull (find_row (GTK_WIDGET (f->panel), "capital_cities"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (f->panel), "Public or link"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (f->panel), "≈ 135 k rows"));
  save_screenshot (GTK_WIDGET (f->window), "datasets-panel.png");
  save_dark_screenshot (GTK_WIDGET (f->window), "datasets-panel-dark.png");

  /* One click on a row's button puts the dataset on the map. */
  row = find_row (GTK_WIDGET (f->panel), "capital_cities");
  button = find_by_type (GTK_WIDGET (row), GTK_TYPE_BUTTON);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (carto_map_get_n_layers (map), ==, 1);
  g_assert_cmpstr (carto_layer_get_title (carto_map_get_layer (map, 0)), ==, "capital_cities");

  /* Search as you type. */
  search = find_by_type (GTK_WIDGET (f->panel), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (search), "popul");
  count = (CountWait) { datasets, 1 };
  g_assert_true (ui_test_wait_until (has_n_items, &count, 5000));
  {
    g_autoptr(CartoDataset) found = g_list_model_get_item (datasets, 0);

    g_assert_cmpstr (carto_dataset_get_name (found), ==, "populated_places");
  }
  ui_test_iterate (200);
  save_screenshot (GTK_WIDGET (f->window), "datasets-panel-search.png");

  gtk_editable_set_text (GTK_EDITABLE (search), "no such table");
  wait_panel_state (f->panel, "no-results");
  /* Setting the text empties it first, which shows every dataset at once:
   * wait for the search itself. */
  gtk_editable_set_text (GTK_EDITABLE (search), "POPUL");
  g_assert_true (ui_test_wait_until (has_n_items, &count, 5000));
  g_assert_cmpstr (viewer_datasets_panel_get_state (f->panel), ==, "list");

  /* A click on the row opens its preview. */
  list_view = find_by_type (GTK_WIDGET (f->panel), GTK_TYPE_LIST_VIEW);
  start_us = g_get_monotonic_time ();
  g_signal_emit_by_name (list_view, "activate", 0);
  preview = find_toplevel (VIEWER_TYPE_DATASET_PREVIEW);
  g_assert_nonnull (preview);
  g_assert_cmpstr (carto_dataset_get_name (viewer_dataset_preview_get_dataset (preview)), ==, "populated_places");
  gtk_window_set_default_size (GTK_WINDOW (preview), 1000, 640);

  /* Activating it again raises the same window. */
  g_signal_emit_by_name (list_view, "activate", 0);
  g_assert_true (find_toplevel (VIEWER_TYPE_DATASET_PREVIEW) == (gpointer) preview);

  results = viewer_dataset_preview_get_results_view (preview);
  column_view = viewer_results_view_get_column_view (results);
  pager = viewer_results_view_get_pager (results);
  g_assert_nonnull (pager);
  if (!ui_test_wait_until (results_table_shown, results, 20000))
    ui_test_dump_labels (GTK_WIDGET (preview));
  g_assert_cmpstr (viewer_results_view_get_state (results), ==, "table");
  g_test_message ("preview: first rows %.0f ms after the click", (g_get_monotonic_time () - start_us) / 1000.0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pager)), >=, 100);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (column_view)), >=, 6);
  g_assert_true (ui_test_wait_until (extent_loaded, preview, 20000));
  ui_test_iterate (500);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (preview), "population"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (preview), "Showing 1–"));
  save_screenshot (GTK_WIDGET (preview), "dataset-preview.png");
  save_dark_screenshot (GTK_WIDGET (preview), "dataset-preview-dark.png");

  /* Scrolling to the end asks for the next page; memory stays bounded. */
  {
    GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (column_view), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
    guint before = g_list_model_get_n_items (G_LIST_MODEL (pager));

    for (guint i = 0; i < 3; i++)
      {
        count = (CountWait) { G_LIST_MODEL (pager), before + 1 };
        gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj));
        g_assert_true (ui_test_wait_until (has_items, &count, 20000));
        before = g_list_model_get_n_items (G_LIST_MODEL (pager));
        ui_test_iterate (100);
      }
    g_assert_cmpuint (before, >=, 400);
    g_test_message ("preview: %u rows listed after scrolling, %u held",
                    g_list_model_get_n_items (G_LIST_MODEL (pager)), carto_sql_pager_get_n_rows_held (pager));
    g_assert_cmpuint (carto_sql_pager_get_n_rows_held (pager), <=,
                      carto_sql_pager_get_page_size (pager) * carto_sql_pager_get_max_pages (pager));
  }

  /* Add to Map: a layer for that table, with that account, and the
   * preview gives way to the map. */
  button = find_button (GTK_WIDGET (preview), "_Add to Map");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (ui_test_wait_until (toplevel_gone, GSIZE_TO_POINTER (VIEWER_TYPE_DATASET_PREVIEW), 5000));

  g_assert_cmpuint (carto_map_get_n_layers (map), ==, 2);
  layer = carto_map_get_layer (map, 1);
  source = carto_layer_get_source (layer);
  g_assert_cmpstr (carto_layer_get_title (layer), ==, "populated_places");
  g_assert_cmpstr (carto_source_get_data (source), ==, "populated_places");
  g_assert_false (carto_source_is_query (source));
  g_assert_nonnull (carto_source_get_credentials (source));
  g_assert_true (carto_credentials_same_account (carto_source_get_credentials (source),
                                                 carto_account_get_credentials (cities)));
  g_assert_cmpstr (carto_credentials_get_api_key (carto_source_get_credentials (source)), ==,
                   test_server_get_key (server, "demo-cities", "master"));
  /* It replaces the toast about capital_cities rather than waiting for
   * it to time out (after 5 s). */
  g_assert_true (ui_test_wait_until (added_toast_replaced, f->window, 3000));
}

/* No account: the page says what to do, and follows a new account. */
static void
test_no_account (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *stack;

  open_window (f);
  stack = gtk_widget_get_parent (GTK_WIDGET (f->panel));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "layers");

  show_datasets_page (f);
  wait_panel_state (f->panel, "no-account");
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (f->panel), "Add a CARTO account to browse its datasets."));
  g_assert_nonnull (find_button (GTK_WIDGET (f->panel), "_Add Account…"));
  save_screenshot (GTK_WIDGET (f->window), "datasets-no-account.png");

  /* A first account, added while the Layers page shows: the window turns
   * to its datasets. */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "layers");
  add_account (f, "demo-cities", test_server_get_key (server, "demo-cities", "default_public"));
  wait_panel_state (f->panel, "list");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "datasets");

  /* The public key sees the public and link tables; a non-master key's
   * row estimates arrive as the rows show. */
  g_assert_cmpuint (g_list_model_get_n_items (viewer_datasets_panel_get_datasets (f->panel)), ==, 2);
}

/* A key the server refuses: the server's reason and a way to retry. */
static void
test_error (Fixture       *f,
            gconstpointer  data)
{
  add_account (f, "demo-cities", "0123456789abcdef0123456789abcdef");

  open_window (f);
  show_datasets_page (f);
  wait_panel_state (f->panel, "error");
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (f->panel), "API Key Not Accepted"));
  g_assert_nonnull (find_button (GTK_WIDGET (f->panel), "_Retry"));
  g_assert_true (gtk_widget_get_visible (find_button (GTK_WIDGET (f->panel), "_Edit Account…")));
  ui_test_iterate (200);
  save_screenshot (GTK_WIDGET (f->window), "datasets-error.png");

  /* Retry lists again (and fails again, with the same key). */
  gtk_widget_activate_action (GTK_WIDGET (f->panel), "datasets.reload", NULL);
  g_assert_cmpstr (viewer_datasets_panel_get_state (f->panel), ==, "loading");
  wait_panel_state (f->panel, "error");
}

static gboolean
console_idle (gpointer data)
{
  return !viewer_sql_console_get_running (data);
}

static gboolean
layer_settled (gpointer data)
{
  CartoLayerState state = carto_layer_get_state (data);

  return state == CARTO_LAYER_STATE_READY || state == CARTO_LAYER_STATE_ERROR;
}

static gboolean
summary_exact (gpointer data)
{
  const char *summary = viewer_sql_console_get_summary (data);

  return summary != NULL && !g_str_has_prefix (summary, "≈");
}

static void
test_console (Fixture       *f,
              gconstpointer  data)
{
  CartoAccount *cities = add_account (f, "demo-cities", test_server_get_key (server, "demo-cities", "master"));
  g_autoptr(GError) error = NULL;
  ViewerSqlConsole *console;
  ViewerResultsView *results;
  CartoMap *map;
  CartoLayer *layer;
  GtkWidget *label;

  open_window (f);
  map = viewer_window_get_map (f->window);

  /* From the primary menu's action. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sql-console", NULL);
  console = find_toplevel (VIEWER_TYPE_SQL_CONSOLE);
  g_assert_nonnull (console);
  g_assert_true (viewer_sql_console_get_account (console) == cities);
  gtk_window_set_default_size (GTK_WINDOW (console), 960, 640);
  results = viewer_sql_console_get_results_view (console);

  /* A query the server rejects: its message, inline. */
  viewer_sql_console_set_sql (console, "SELECT name, population FROM populated_places WHERE population >> ORDER BY 1");
  gtk_widget_activate_action (GTK_WIDGET (console), "console.run", NULL);
  g_assert_true (viewer_sql_console_get_running (console));
  g_assert_true (ui_test_wait_until (console_idle, console, 20000));
  g_assert_nonnull (viewer_sql_console_get_error_text (console));
  g_assert_nonnull (strstr (viewer_sql_console_get_error_text (console), "syntax error at or near"));
  label = ui_test_find_label (GTK_WIDGET (console), "syntax error at or near");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_has_css_class (label, "error"));
  g_assert_null (viewer_sql_console_get_summary (console));
  ui_test_iterate (400);
  save_screenshot (GTK_WIDGET (console), "sql-console-error.png");

  /* A query it runs: rows, a count and a time. */
  viewer_sql_console_set_sql (console,
                              "-- The biggest cities\n"
                              "SELECT cartodb_id, name, country, population, the_geom\n"
                              "FROM populated_places\n"
                              "WHERE population > 1000000\n"
                              "ORDER BY population DESC;\n");
  gtk_widget_activate_action (GTK_WIDGET (console), "console.run", NULL);
  g_assert_true (ui_test_wait_until (console_idle, console, 20000));
  g_assert_null (viewer_sql_console_get_error_text (console));
  g_assert_cmpstr (viewer_results_view_get_state (results), ==, "table");
  g_assert_nonnull (viewer_sql_console_get_summary (console));
  g_assert_nonnull (strstr (viewer_sql_console_get_summary (console), " rows · "));
  /* The estimate gives way to the count. */
  g_assert_true (ui_test_wait_until (summary_exact, console, 20000));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (console), " rows · "));
  g_test_message ("console: %s", viewer_sql_console_get_summary (console));
  ui_test_iterate (400);
  save_screenshot (GTK_WIDGET (console), "sql-console.png");

  /* Its rows have a geometry: they go on the map as a layer, which the
   * Maps API draws. */
  g_assert_true (gtk_widget_is_sensitive (find_button (GTK_WIDGET (console), "_Add to Map as Layer")));
  g_assert_true (viewer_sql_console_add_to_map (console));
  g_assert_cmpuint (carto_map_get_n_layers (map), ==, 1);
  layer = carto_map_get_layer (map, 0);
  g_assert_true (carto_source_is_query (carto_layer_get_source (layer)));
  g_assert_true (carto_credentials_same_account (carto_source_get_credentials (carto_layer_get_source (layer)),
                                                 carto_account_get_credentials (cities)));
  g_assert_true (ui_test_wait_until (layer_settled, layer, 30000));
  g_assert_cmpint (carto_layer_get_state (layer), ==, CARTO_LAYER_STATE_READY);

  /* A statement that is not a query: all its rows at once. */
  viewer_sql_console_set_sql (console, "EXPLAIN SELECT * FROM populated_places");
  gtk_widget_activate_action (GTK_WIDGET (console), "console.run", NULL);
  g_assert_true (ui_test_wait_until (console_idle, console, 20000));
  g_assert_null (viewer_sql_console_get_error_text (console));
  g_assert_cmpstr (viewer_results_view_get_state (results), ==, "table");
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (console), "_Add to Map as Layer")));

  /* A slow answer can be given up on, at once. */
  g_assert_true (test_server_set_faults (server, "{\"latency_ms\":5000,\"path_prefix\":\"/user/demo-cities/api/v2/sql\"}",
                                         &error));
  g_assert_no_error (error);
  viewer_sql_console_set_sql (console, "SELECT 1 AS one");
  gtk_widget_activate_action (GTK_WIDGET (console), "console.run", NULL);
  ui_test_iterate (200);
  g_assert_true (viewer_sql_console_get_running (console));
  gtk_widget_activate_action (GTK_WIDGET (console), "console.cancel", NULL);
  g_assert_false (viewer_sql_console_get_running (console));
  g_assert_cmpstr (viewer_results_view_get_state (results), ==, "placeholder");
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (console), "Cancelled"));
  g_assert_true (test_server_reset (server, &error));
  g_assert_no_error (error);
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

  g_test_add ("/datasets/no-account", Fixture, NULL, fixture_setup, test_no_account, fixture_teardown);
  g_test_add ("/datasets/browse-and-add", Fixture, NULL, fixture_setup, test_browse_and_add, fixture_teardown);
  g_test_add ("/datasets/error", Fixture, NULL, fixture_setup, test_error, fixture_teardown);
  g_test_add ("/datasets/console", Fixture, NULL, fixture_setup, test_console, fixture_teardown);
  status = g_test_run ();

  test_server_stop (server);
  g_object_unref (test_app);
  return status;
}
