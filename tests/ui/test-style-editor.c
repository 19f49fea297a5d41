/* test-style-editor.c — the style editor and legends against the test server
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real window with the demo data: countries (demo-atlas) and the 138k
 * populated places (demo-cities). The editor is opened from the layer row
 * and driven through its controls. Classes must come from the SQL API over
 * the whole table, once per classification; a new palette must repaint the
 * map without any request at all.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <string.h>

#include "test-server-fixture.h"
#include "ui-server-utils.h"
#include "ui-test-utils.h"
#include "viewer-context.h"
#include "viewer-layer-row.h"
#include "viewer-layers-panel.h"
#include "viewer-legend.h"
#include "viewer-style-editor.h"
#include "viewer-window.h"

static AdwApplication *test_app;
static TestServer *server;

/* Rural France, far from any border at zoom 3. */
#define FRANCE_LAT 47.0
#define FRANCE_LON 2.0

typedef struct
{
  ViewerWindow *window;
  ViewerStyleEditor *editor;
  CartoLayer *layer;
  CartoStyleKind kind;
  guint frames_left;
} Ctx;

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  guint *left = data;

  if (*left > 0)
    (*left)--;
  return *left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
frames_done (gpointer data)
{
  return ((Ctx *) data)->frames_left == 0;
}

static gboolean
map_idle (gpointer data)
{
  return viewer_map_view_is_idle (viewer_window_get_map_view (((Ctx *) data)->window));
}

/* Frames first (before them the map has not even asked for tiles), then
 * idle twice around a pause: tiles arrive in waves. */
static void
wait_painted (Ctx *ctx)
{
  ctx->frames_left = 3;
  gtk_widget_add_tick_callback (GTK_WIDGET (ctx->window), count_frame_cb, &ctx->frames_left, NULL);
  g_assert_true (ui_test_wait_until (frames_done, ctx, 20000));
  g_assert_true (ui_test_wait_until (map_idle, ctx, 60000));
  ui_test_iterate (300);
  g_assert_true (ui_test_wait_until (map_idle, ctx, 60000));
}

/* A widget keeps its last drawing only until something asks for a new
 * one: render it right after a frame. */
static GdkTexture *
render_fresh (Ctx       *ctx,
              GtkWidget *widget)
{
  g_assert_nonnull (widget);
  ctx->frames_left = 2;
  gtk_widget_add_tick_callback (widget, count_frame_cb, &ctx->frames_left, NULL);
  gtk_widget_queue_draw (widget);
  g_assert_true (ui_test_wait_until (frames_done, ctx, 20000));
  return ui_test_render (widget);
}

/* The same over the window's background, for a screenshot: a sidebar
 * panel and a popover's shadow are see-through. */
static void
save_screenshot (Ctx        *ctx,
                 GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkTexture) texture = render_fresh (ctx, widget);
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) flat = NULL;
  GdkRGBA background = { 0.98f, 0.98f, 0.98f, 1.0f };

  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (GDK_PAINTABLE (texture), snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  flat = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
  ui_test_save_artifact (flat, name);
}

static gboolean
editor_idle (gpointer data)
{
  Ctx *ctx = data;

  return !viewer_style_editor_get_busy (ctx->editor);
}

static gboolean
style_is (gpointer data)
{
  Ctx *ctx = data;

  return !viewer_style_editor_get_busy (ctx->editor) &&
         carto_style_get_kind (carto_layer_get_style (ctx->layer)) == ctx->kind;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             CartoLayer *layer)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      if (layer == NULL ||
          (VIEWER_IS_STYLE_EDITOR (root) && viewer_style_editor_get_layer (VIEWER_STYLE_EDITOR (root)) == layer) ||
          (VIEWER_IS_LAYER_ROW (root) && viewer_layer_row_get_layer (VIEWER_LAYER_ROW (root)) == layer) ||
          (VIEWER_IS_LEGEND (root) && viewer_legend_get_layer (VIEWER_LEGEND (root)) == layer))
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, layer);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Opens the layer's editor as a person would: expand the row, press the
 * Style button. */
static ViewerStyleEditor *
open_editor (Ctx        *ctx,
             CartoLayer *layer)
{
  GtkWidget *row = find_widget (GTK_WIDGET (ctx->window), VIEWER_TYPE_LAYER_ROW, layer);
  GtkWidget *editor = find_widget (GTK_WIDGET (ctx->window), VIEWER_TYPE_STYLE_EDITOR, layer);
  GtkWidget *button;

  g_assert_nonnull (row);
  g_assert_nonnull (editor);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  button = gtk_widget_get_parent (editor);
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));

  ctx->editor = VIEWER_STYLE_EDITOR (editor);
  ctx->layer = layer;
  g_assert_true (gtk_widget_get_visible (editor));
  g_assert_true (ui_test_wait_until (editor_idle, ctx, 20000));
  g_assert_null (viewer_style_editor_get_error (ctx->editor));
  return ctx->editor;
}

static gint64
count (const char *name)
{
  g_autoptr(GError) error = NULL;
  gint64 n = test_server_get_count (server, name, &error);

  g_assert_no_error (error);
  return n;
}

static char *
stats_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) stats = test_server_get_stats (server, &error);

  g_assert_no_error (error);
  return json_to_string (stats, FALSE);
}

static guint32
pixel_of (const CartoColor *c)
{
  return 0xff000000u | ((guint32) (c->red * 255 + 0.5) << 16) | ((guint32) (c->green * 255 + 0.5) << 8) |
         (guint32) (c->blue * 255 + 0.5);
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

/* The colour a category style gives a value, from its own palette. */
static const CartoColor *
category_color (CartoStyle *style,
                const char *category)
{
  const char *const *categories = carto_style_get_categories (style);
  guint n_colors = 0;
  const CartoColor *colors = carto_style_get_colors (style, &n_colors);

  for (guint i = 0; categories[i] != NULL; i++)
    if (g_str_equal (categories[i], category))
      {
        g_assert_cmpuint (i, <, n_colors);
        return &colors[i];
      }

  g_assert_not_reached ();
}

typedef struct
{
  CartoSqlResult *result;
  GError *error;
  gboolean done;
} QueryData;

static void
query_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  QueryData *d = user_data;

  d->result = carto_sql_client_query_finish (CARTO_SQL_CLIENT (source), result, &d->error);
  d->done = TRUE;
}

static gboolean
query_done (gpointer data)
{
  return ((QueryData *) data)->done;
}

/* A query of the test's own, to check the editor's against. */
static CartoSqlResult *
run_query (ViewerContext    *context,
           CartoCredentials *credentials,
           const char       *sql)
{
  g_autoptr(CartoSqlClient) client = carto_sql_client_new (viewer_context_get_soup_session (context), credentials);
  QueryData d = { 0 };

  carto_sql_client_query_async (client, sql, CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT, NULL, query_cb, &d);
  g_assert_true (ui_test_wait_until (query_done, &d, 20000));
  g_assert_no_error (d.error);
  return d.result;
}

typedef struct
{
  Ctx *ctx;
  guint32 expected;
} PixelWait;

/* Polls the screen itself: "nothing pending" comes true before a
 * restyled layer has even asked for its tiles. */
static gboolean
france_painted (gpointer data)
{
  PixelWait *w = data;
  g_autoptr(GdkTexture) texture = ui_test_try_render (GTK_WIDGET (w->ctx->window));

  return texture != NULL && pixel_at (w->ctx->window, texture, FRANCE_LAT, FRANCE_LON) == w->expected;
}

static void
on_style_notify_cb (CartoLayer *layer,
                    GParamSpec *pspec,
                    gint64     *when)
{
  *when = g_get_monotonic_time ();
}

static gboolean
restyled (gpointer data)
{
  return *(gint64 *) data != 0;
}

static void
test_style_editor (void)
{
  g_autoptr(ViewerContext) context = viewer_context_new ();
  g_autoptr(CartoCredentials) atlas = ui_test_add_server_account (context, server, "demo-atlas");
  g_autoptr(CartoCredentials) cities = ui_test_add_server_account (context, server, "demo-cities");
  g_autoptr(CartoSqlResult) expected = NULL;
  g_autoptr(GdkTexture) before = NULL;
  g_autoptr(GdkTexture) after = NULL;
  g_autofree char *stats_before = NULL;
  g_autofree char *stats_after = NULL;
  ShumateViewport *viewport;
  CartoLayer *countries, *places;
  CartoStyle *style;
  g_auto(GStrv) categories = NULL;
  const double *breaks;
  guint n_breaks = 0;
  GtkWidget *legend;
  CartoSymbol symbol;
  Ctx ctx = { 0 };
  gint64 sql_before, start_us, styled_us = 0;
  PixelWait wait;
  guint32 old_pixel;
  gulong handler;

  ctx.window = viewer_window_new (test_app, context);
  gtk_window_set_default_size (GTK_WINDOW (ctx.window), 1280, 800);
  viewport = shumate_simple_map_get_viewport (viewer_map_view_get_simple_map (viewer_window_get_map_view (ctx.window)));
  shumate_viewport_set_zoom_level (viewport, 3.0);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 45.0, 10.0);

  countries = ui_test_add_layer (ctx.window, "countries", atlas, NULL, NULL);
  places = ui_test_add_layer (ctx.window, "populated_places", cities, NULL, NULL);

  /* Opaque fills without outlines, so a pixel is exactly a palette colour. */
  carto_symbol_init_default (&symbol, CARTO_MVT_GEOM_POLYGON);
  symbol.opacity = 1.0;
  symbol.stroke_width = 0;
  {
    g_autoptr(CartoStyle) plain = carto_style_new_single (&symbol);

    carto_layer_set_style (countries, plain);
  }

  gtk_window_present (GTK_WINDOW (ctx.window));
  wait_painted (&ctx);
  g_assert_cmpint (carto_layer_get_state (countries), !=, CARTO_LAYER_STATE_ERROR);
  g_assert_cmpint (carto_layer_get_state (places), !=, CARTO_LAYER_STATE_ERROR);

  /* Colour by category: continent, Bold. One SQL API request. */
  open_editor (&ctx, countries);
  sql_before = count ("sql");
  ctx.kind = CARTO_STYLE_KIND_COLOR_CATEGORY;
  viewer_style_editor_set_kind (ctx.editor, CARTO_STYLE_KIND_COLOR_CATEGORY);
  g_assert_true (viewer_style_editor_set_column (ctx.editor, "continent"));
  g_assert_true (viewer_style_editor_set_palette (ctx.editor, "Bold"));
  g_assert_true (ui_test_wait_until (style_is, &ctx, 20000));
  g_assert_null (viewer_style_editor_get_error (ctx.editor));
  g_assert_cmpint (count ("sql") - sql_before, ==, 1);

  style = carto_layer_get_style (countries);
  g_assert_cmpstr (carto_style_get_property_name (style), ==, "continent");
  categories = g_strdupv ((char **) carto_style_get_categories (style));
  expected = run_query (context, atlas,
                        "SELECT DISTINCT continent FROM countries WHERE continent IS NOT NULL ORDER BY 1");
  g_assert_cmpuint (g_strv_length (categories), ==, carto_sql_result_get_n_rows (expected));
  for (guint i = 0; i < carto_sql_result_get_n_rows (expected); i++)
    g_assert_true (g_strv_contains ((const char *const *) categories, carto_sql_result_get_string (expected, i, 0)));
  g_assert_true (g_strv_contains ((const char *const *) categories, "Europe"));
  {
    CartoColor bold[11];

    carto_palette_get_colors (carto_palette_lookup ("Bold"), G_N_ELEMENTS (bold), bold);
    g_assert_true (carto_color_equal (category_color (style, categories[0]), &bold[0]));
  }
  legend = find_widget (GTK_WIDGET (ctx.window), VIEWER_TYPE_LEGEND, countries);
  g_assert_nonnull (legend);
  g_assert_false (viewer_legend_get_empty (VIEWER_LEGEND (legend)));
  g_assert_cmpuint (viewer_legend_get_n_items (VIEWER_LEGEND (legend)), ==, g_strv_length (categories) + 1);

  wait_painted (&ctx);
  save_screenshot (&ctx, GTK_WIDGET (ctx.editor), "style-editor.png");
  gtk_popover_popdown (GTK_POPOVER (ctx.editor));

  /* Colour by bins: population, quantiles, 5 classes. One request. */
  open_editor (&ctx, places);
  sql_before = count ("sql");
  ctx.kind = CARTO_STYLE_KIND_COLOR_BINS;
  viewer_style_editor_set_kind (ctx.editor, CARTO_STYLE_KIND_COLOR_BINS);
  g_assert_true (viewer_style_editor_set_column (ctx.editor, "population"));
  viewer_style_editor_set_classes (ctx.editor, 5, CARTO_BIN_METHOD_QUANTILES);
  g_assert_true (ui_test_wait_until (style_is, &ctx, 30000));
  g_assert_null (viewer_style_editor_get_error (ctx.editor));
  g_assert_cmpint (count ("sql") - sql_before, ==, 1);

  style = carto_layer_get_style (places);
  g_assert_cmpstr (carto_style_get_property_name (style), ==, "population");
  g_assert_cmpint (carto_style_get_bin_method (style), ==, CARTO_BIN_METHOD_QUANTILES);
  breaks = carto_style_get_breaks (style, &n_breaks);
  g_assert_cmpuint (n_breaks, >=, 1);
  g_assert_cmpuint (n_breaks, <=, 4);
  for (guint i = 1; i < n_breaks; i++)
    g_assert_cmpfloat (breaks[i - 1], <, breaks[i]);
  {
    /* The server's own quantiles over the whole table. */
    g_autoptr(CartoSqlResult) quantiles =
      run_query (context, cities,
                 "SELECT percentile_disc(0.2) WITHIN GROUP (ORDER BY population::float8) AS q1, "
                 "percentile_disc(0.4) WITHIN GROUP (ORDER BY population::float8) AS q2, "
                 "percentile_disc(0.6) WITHIN GROUP (ORDER BY population::float8) AS q3, "
                 "percentile_disc(0.8) WITHIN GROUP (ORDER BY population::float8) AS q4 "
                 "FROM populated_places");
    double server_breaks[4];
    guint n_server;

    for (guint i = 0; i < 4; i++)
      server_breaks[i] = carto_sql_result_get_double (quantiles, 0, i);
    n_server = carto_classify_clean_breaks (server_breaks, 4);
    g_assert_cmpuint (n_breaks, ==, n_server);
    for (guint i = 0; i < n_breaks; i++)
      g_assert_cmpfloat (breaks[i], ==, server_breaks[i]);
  }
  legend = find_widget (GTK_WIDGET (ctx.window), VIEWER_TYPE_LEGEND, places);
  g_assert_nonnull (legend);
  g_assert_cmpuint (viewer_legend_get_n_items (VIEWER_LEGEND (legend)), ==, n_breaks + 1);
  save_screenshot (&ctx, GTK_WIDGET (ctx.editor), "style-editor-bins.png");
  gtk_popover_popdown (GTK_POPOVER (ctx.editor));

  /* Only countries from here, so France's pixel is theirs. */
  carto_layer_set_visible (places, FALSE);
  wait_painted (&ctx);
  save_screenshot (&ctx, find_widget (GTK_WIDGET (ctx.window), VIEWER_TYPE_LAYERS_PANEL, NULL), "legend.png");

  before = ui_test_render (GTK_WIDGET (ctx.window));
  ui_test_save_artifact (before, "style-bold.png");
  style = carto_layer_get_style (countries);
  old_pixel = pixel_at (ctx.window, before, FRANCE_LAT, FRANCE_LON);
  g_assert_cmphex (old_pixel, ==, pixel_of (category_color (style, "Europe")));

  /* Another palette: the same categories, no request of any kind. */
  open_editor (&ctx, countries);
  stats_before = stats_text ();
  handler = g_signal_connect (countries, "notify::style", G_CALLBACK (on_style_notify_cb), &styled_us);
  start_us = g_get_monotonic_time ();
  g_assert_true (viewer_style_editor_set_palette (ctx.editor, "Vivid"));
  g_assert_true (ui_test_wait_until (restyled, &styled_us, 1000));
  g_assert_false (viewer_style_editor_get_busy (ctx.editor));
  style = carto_layer_get_style (countries);
  wait.ctx = &ctx;
  wait.expected = pixel_of (category_color (style, "Europe"));
  g_assert_cmphex (wait.expected, !=, old_pixel);
  if (!ui_test_wait_until (france_painted, &wait, 10000))
    {
      g_autoptr(GdkTexture) seen = ui_test_render (GTK_WIDGET (ctx.window));

      ui_test_save_artifact (seen, "style-vivid-not-painted.png");
      g_test_message ("France shows %08x, expected %08x", pixel_at (ctx.window, seen, FRANCE_LAT, FRANCE_LON),
                      wait.expected);
      g_assert_not_reached ();
    }
  g_test_message ("palette change: style set %.1f ms after the choice; France's new colour on screen "
                  "%.0f ms after the style was set",
                  (styled_us - start_us) / 1000.0, (g_get_monotonic_time () - styled_us) / 1000.0);
  wait_painted (&ctx);
  g_clear_signal_handler (&handler, countries);

  stats_after = stats_text ();
  g_assert_cmpstr (stats_after, ==, stats_before);
  {
    CartoColor vivid[11];

    carto_palette_get_colors (carto_palette_lookup ("Vivid"), G_N_ELEMENTS (vivid), vivid);
    g_assert_cmpstrv (carto_style_get_categories (style), categories);
    g_assert_true (carto_color_equal (category_color (style, categories[0]), &vivid[0]));
  }
  after = ui_test_render (GTK_WIDGET (ctx.window));
  ui_test_save_artifact (after, "style-vivid.png");
  g_assert_cmphex (pixel_at (ctx.window, after, FRANCE_LAT, FRANCE_LON), ==, wait.expected);

  /* Away and back: bins on pop_est queries once, the categories again
   * not at all. */
  sql_before = count ("sql");
  ctx.kind = CARTO_STYLE_KIND_COLOR_BINS;
  viewer_style_editor_set_kind (ctx.editor, CARTO_STYLE_KIND_COLOR_BINS);
  g_assert_true (ui_test_wait_until (style_is, &ctx, 20000));
  g_assert_cmpstr (carto_style_get_property_name (carto_layer_get_style (countries)), ==, "pop_est");
  g_assert_cmpint (count ("sql") - sql_before, ==, 1);
  ctx.kind = CARTO_STYLE_KIND_COLOR_CATEGORY;
  viewer_style_editor_set_kind (ctx.editor, CARTO_STYLE_KIND_COLOR_CATEGORY);
  g_assert_true (viewer_style_editor_set_column (ctx.editor, "continent"));
  g_assert_true (ui_test_wait_until (style_is, &ctx, 20000));
  g_assert_cmpstr (carto_style_get_property_name (carto_layer_get_style (countries)), ==, "continent");
  g_assert_cmpint (count ("sql") - sql_before, ==, 1);

  gtk_popover_popdown (GTK_POPOVER (ctx.editor));
  gtk_window_destroy (GTK_WINDOW (ctx.window));
}

/* A query the server rejects: its message shows in the editor. */
static void
test_style_editor_error (void)
{
  g_autoptr(ViewerContext) context = viewer_context_new ();
  g_autoptr(CartoCredentials) atlas = ui_test_add_server_account (context, server, "demo-atlas");
  Ctx ctx = { 0 };

  ctx.window = viewer_window_new (test_app, context);
  gtk_window_set_default_size (GTK_WINDOW (ctx.window), 1280, 800);
  ctx.layer = ui_test_add_layer (ctx.window, "SELECT * FROM no_such_table", atlas, "Missing", NULL);
  gtk_window_present (GTK_WINDOW (ctx.window));
  ui_test_iterate (200);

  ctx.editor = VIEWER_STYLE_EDITOR (find_widget (GTK_WIDGET (ctx.window), VIEWER_TYPE_STYLE_EDITOR, ctx.layer));
  g_assert_nonnull (ctx.editor);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_widget (GTK_WIDGET (ctx.window), VIEWER_TYPE_LAYER_ROW,
                                                                ctx.layer)), TRUE);
  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_widget_get_parent (GTK_WIDGET (ctx.editor))));
  g_assert_true (ui_test_wait_until (editor_idle, &ctx, 20000));
  g_assert_nonnull (viewer_style_editor_get_error (ctx.editor));
  g_assert_nonnull (strstr (viewer_style_editor_get_error (ctx.editor), "no_such_table"));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (ctx.editor), "no_such_table"));

  gtk_popover_popdown (GTK_POPOVER (ctx.editor));
  gtk_window_destroy (GTK_WINDOW (ctx.window));
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

  g_test_add_func ("/style-editor/classify-and-restyle", test_style_editor);
  g_test_add_func ("/style-editor/server-error", test_style_editor_error);
  status = g_test_run ();

  test_server_stop (server);
  g_object_unref (test_app);
  return status;
}
