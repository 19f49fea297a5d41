/* ui-test-utils.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include "ui-test-utils.h"
#include "viewer-renderer.h"

void
ui_test_init (int    *argc,
              char ***argv)
{
  /* No G_TEST_OPTION_ISOLATE_DIRS here: it empties XDG_DATA_DIRS, and GTK
   * then finds no MIME database to recognise SVG icons. run-isolated
   * already gives the process a throwaway HOME and XDG_*_HOME. */
  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
}

/* One registered, non-unique application per test process (GApplication
 * registers once), with the app's resource base path so its style.css
 * and icons load as in the real app. */
AdwApplication *
ui_test_app_new (const char *application_id)
{
  AdwApplication *app = adw_application_new (application_id, G_APPLICATION_NON_UNIQUE);

  g_application_set_resource_base_path (G_APPLICATION (app), RESOURCE_PATH);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  /* Draw as the viewer would on this machine (see viewer-renderer.c). */
  viewer_renderer_choose (gdk_display_get_default ());
  return app;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
ui_test_wait_until (gboolean (*predicate) (gpointer),
                    gpointer   data,
                    guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!timed_out && !predicate (data))
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return !timed_out;
}

void
ui_test_iterate (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

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
  return *(guint *) data == 0;
}

/* Waits until @widget has drawn @n_frames frames: before its first frames
 * a map has not even asked for tiles, so "nothing loading" means nothing. */
void
ui_test_wait_frames (GtkWidget *widget,
                     guint      n_frames)
{
  guint left = n_frames;

  gtk_widget_add_tick_callback (widget, count_frame_cb, &left, NULL);
  g_assert_true (ui_test_wait_until (frames_done, &left, 20000));
}

void
ui_test_save_artifact (GdkTexture *texture,
                       const char *name)
{
  const char *dir = g_getenv ("CARTO_TEST_ARTIFACTS_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;

  g_mkdir_with_parents (dir, 0755);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static guchar *
download (GdkTexture *texture,
          gsize      *stride)
{
  int w = gdk_texture_get_width (texture);
  int h = gdk_texture_get_height (texture);
  guchar *data;

  *stride = (gsize) w * 4;
  data = g_malloc (*stride * (gsize) h);
  gdk_texture_download (texture, data, *stride);
  return data;
}

guint32
ui_test_pixel (GdkTexture *texture,
               int         x,
               int         y)
{
  gsize stride;
  g_autofree guchar *data = download (texture, &stride);

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, gdk_texture_get_width (texture));
  g_assert_cmpint (y, <, gdk_texture_get_height (texture));

  return *(guint32 *) (void *) (data + (gsize) y * stride + (gsize) x * 4);
}

PixelStats
ui_test_pixel_stats (GdkTexture *texture,
                     int         x0,
                     int         y0,
                     int         width,
                     int         height)
{
  gsize stride;
  g_autofree guchar *data = download (texture, &stride);
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  PixelStats stats = { 0 };
  guint max = 0;
  GHashTableIter iter;
  gpointer key, value;

  for (int y = y0; y < y0 + height; y += 2)
    for (int x = x0; x < x0 + width; x += 2)
      {
        guint32 px = *(guint32 *) (void *) (data + (gsize) y * stride + (gsize) x * 4);
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (px)));

        g_hash_table_insert (counts, GUINT_TO_POINTER (px), GUINT_TO_POINTER (n + 1));
        stats.n_pixels++;
      }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    max = MAX (max, GPOINTER_TO_UINT (value));

  stats.n_distinct = g_hash_table_size (counts);
  stats.dominant_share = stats.n_pixels ? (double) max / stats.n_pixels : 1.0;
  return stats;
}

GtkWidget *
ui_test_find_label (GtkWidget  *root,
                    const char *substring)
{
  if (GTK_IS_LABEL (root))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (root));

      if (text != NULL && strstr (text, substring) != NULL)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_label (child, substring);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Renders a mapped widget (a window, a popover…) with its native's
 * renderer, as it appears on screen; %NULL when it has not drawn yet (a
 * widget keeps its last drawing only until something asks for a new
 * one). */
GdkTexture *
ui_test_try_render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_nonnull (renderer);
  g_assert_cmpint (width, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The same, for a widget on screen. A widget that was just resized (a
 * layout change, a loaded machine) has no drawing until its next frame:
 * wait for frames until it draws, for a while. */
GdkTexture *
ui_test_render (GtkWidget *widget)
{
  GdkTexture *texture = ui_test_try_render (widget);

  for (guint i = 0; texture == NULL && i < 100; i++)
    {
      ui_test_wait_frames (widget, 1);
      texture = ui_test_try_render (widget);
    }

  if (texture == NULL)
    g_error ("%s never drew, even after 100 frames", G_OBJECT_TYPE_NAME (widget));
  return texture;
}

/* For a failing assertion's context: every label's text under @root. */
void
ui_test_dump_labels (GtkWidget *root)
{
  if (GTK_IS_LABEL (root))
    g_test_message ("label: %s", gtk_label_get_text (GTK_LABEL (root)));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ui_test_dump_labels (child);
}
