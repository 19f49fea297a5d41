/* viewer-application.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-account-cli.h"
#include "viewer-application.h"
#include "viewer-layer-request.h"
#include "viewer-preferences-window.h"
#include "viewer-renderer.h"
#include "viewer-toast.h"
#include "viewer-window.h"

struct _ViewerApplication
{
  AdwApplication parent_instance;

  ViewerContext *context;
  char *screenshot_path;
  char **layer_specs;
  char *layer_styles_path;
  gulong accounts_handler;
  guint screenshot_source;
  guint screenshot_timeout;
  guint screenshot_idle_polls;
};

G_DEFINE_FINAL_TYPE (ViewerApplication, viewer_application, ADW_TYPE_APPLICATION)

/* A screenshot waits for tiles, but never forever: offline CARTO tiles
 * fail fast, yet a stuck server must not hang the launcher. */
#define SCREENSHOT_TIMEOUT_SECONDS 20
/* Bounds how long quitting can take. */
#define FLUSH_TIMEOUT_MS 3000

static void
viewer_application_about_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "CARTO Viewer contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("CARTO Viewer"),
                        "application-icon", APP_ID,
                        "developer-name", _("CARTO Viewer contributors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "website", "https://github.com/cartoviewer/carto-viewer",
                        "issue-url", "https://github.com/cartoviewer/carto-viewer/issues",
                        "copyright", "© 2026 CARTO Viewer contributors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your name(s), one per line */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Explore CARTO accounts on a native map: datasets, SQL and layers, with keys kept in your keyring."),
                        NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("World map"),
                                      _("Made with Natural Earth (public domain), packaged as TopoJSON by world-atlas (ISC)."),
                                      GTK_LICENSE_CUSTOM, NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about),
                                      _("CARTO basemaps"),
                                      _("© CARTO © OpenMapTiles © OpenStreetMap contributors. Tiles are used under CARTO's basemap terms and are never stored on disk."),
                                      GTK_LICENSE_CUSTOM, NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
viewer_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing (not destroying) lets each window save its state. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
viewer_application_preferences_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  ViewerApplication *self = VIEWER_APPLICATION (user_data);

  viewer_preferences_window_present (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                     self->context);
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = viewer_application_about_action },
  { .name = "preferences", .activate = viewer_application_preferences_action },
  { .name = "quit", .activate = viewer_application_quit_action },
};

/* The window as it is on screen, drawn by its own renderer. */
static GdkTexture *
render_window (GtkWindow *window)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  if (renderer == NULL || width <= 0 || height <= 0)
    return NULL;

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static gboolean
save_screenshot (ViewerApplication *self,
                 GtkWindow         *window)
{
  g_autoptr(GdkTexture) texture = render_window (window);

  if (texture == NULL || !gdk_texture_save_to_png (texture, self->screenshot_path))
    {
      g_printerr (_("Could not save a screenshot to %s\n"), self->screenshot_path);
      g_application_quit (G_APPLICATION (self));
      return FALSE;
    }

  g_print ("%s\n", self->screenshot_path);
  g_application_quit (G_APPLICATION (self));
  return TRUE;
}

static gboolean
screenshot_poll_cb (gpointer user_data)
{
  ViewerApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (!VIEWER_IS_WINDOW (window) || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;

  /* Idle for a few polls in a row: tiles arrive in waves. */
  if (viewer_map_view_is_idle (viewer_window_get_map_view (VIEWER_WINDOW (window))))
    self->screenshot_idle_polls++;
  else
    self->screenshot_idle_polls = 0;

  if (self->screenshot_idle_polls < 3)
    return G_SOURCE_CONTINUE;

  self->screenshot_source = 0;
  g_clear_handle_id (&self->screenshot_timeout, g_source_remove);
  save_screenshot (self, window);
  return G_SOURCE_REMOVE;
}

static gboolean
screenshot_timeout_cb (gpointer user_data)
{
  ViewerApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  self->screenshot_timeout = 0;
  g_clear_handle_id (&self->screenshot_source, g_source_remove);
  g_printerr (_("The map was still loading after %d seconds; saving it as it is.\n"),
              SCREENSHOT_TIMEOUT_SECONDS);
  if (window != NULL)
    save_screenshot (self, window);
  else
    g_application_quit (G_APPLICATION (self));
  return G_SOURCE_REMOVE;
}

/* "USERNAME:TABLE_OR_SQL" uses that account; anything else is data for
 * the default account. A username never holds ':' and SQL casts ('::')
 * are not mistaken for one. */
static void
parse_layer_spec (const char  *spec,
                  char       **username,
                  char       **data)
{
  const char *colon = strchr (spec, ':');
  gboolean is_user = colon != NULL && colon > spec && colon[1] != ':';

  for (const char *p = spec; is_user && p < colon; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      is_user = FALSE;

  *username = is_user ? g_strndup (spec, (gsize) (colon - spec)) : NULL;
  *data = g_strdup (is_user ? colon + 1 : spec);
}

/* --layer-styles: a JSON array of styles (as carto_style_to_json writes
 * them), the nth for the nth --layer. */
static JsonArray *
load_layer_styles (ViewerApplication *self,
                   JsonParser        *parser,
                   GError           **error)
{
  JsonNode *root;

  if (self->layer_styles_path == NULL)
    return NULL;

  if (!json_parser_load_from_file (parser, self->layer_styles_path, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s does not hold a JSON array of styles"), self->layer_styles_path);
      return NULL;
    }

  return json_node_get_array (root);
}

/* Each --layer goes through the window's win.add-layer, as the Add Layer
 * dialog's layers do: a bad account or style is said there, in a toast. */
static void
add_layers_from_specs (ViewerApplication *self,
                       ViewerWindow      *window)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) styles_error = NULL;
  JsonArray *styles = load_layer_styles (self, parser, &styles_error);

  if (styles_error != NULL)
    {
      g_autofree char *title = g_markup_escape_text (styles_error->message, -1);

      g_printerr ("%s\n", styles_error->message);
      viewer_toast_show (GTK_WIDGET (window), adw_toast_new (title));
    }

  for (guint i = 0; self->layer_specs != NULL && self->layer_specs[i] != NULL; i++)
    {
      g_autofree char *username = NULL;
      g_autofree char *data = NULL;
      g_autofree char *style_json = NULL;

      parse_layer_spec (self->layer_specs[i], &username, &data);
      if (styles != NULL && i < json_array_get_length (styles))
        style_json = json_to_string (json_array_get_element (styles, i), FALSE);
      /* Asked for when starting: no "Added …" toast for each. */
      viewer_layer_request_send (GTK_WIDGET (window),
                                 viewer_layer_request_new_quiet (viewer_layer_request_new (data, username, NULL,
                                                                                           NULL, style_json)));
    }

  g_clear_pointer (&self->layer_specs, g_strfreev);
}

static void
on_accounts_loading_cb (ViewerContext     *context,
                        GParamSpec        *pspec,
                        ViewerApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (viewer_context_get_accounts_loading (context) || window == NULL)
    return;

  g_clear_signal_handler (&self->accounts_handler, context);
  add_layers_from_specs (self, VIEWER_WINDOW (window));
}

static int
viewer_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  ViewerApplication *self = VIEWER_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  /* Account options run without a display or a window, and exit. */
  {
    g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
    int status = viewer_account_cli_run (options, settings);

    if (status >= 0)
      return status;
  }

  if (g_variant_dict_contains (options, "standalone"))
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  g_variant_dict_lookup (options, "layer", "^as", &self->layer_specs);
  g_variant_dict_lookup (options, "layer-styles", "^ay", &self->layer_styles_path);

  if (g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot_path))
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);

  return G_APPLICATION_CLASS (viewer_application_parent_class)->handle_local_options (app, options);
}

static void
viewer_application_startup (GApplication *app)
{
  ViewerApplication *self = VIEWER_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (viewer_application_parent_class)->startup (app);

  viewer_renderer_choose (gdk_display_get_default ());
  self->context = viewer_context_new ();
  /* In the background: the window opens at once, accounts follow. */
  viewer_context_load_accounts (self->context);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
}

static void
viewer_application_activate (GApplication *app)
{
  ViewerApplication *self = VIEWER_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (viewer_window_new (ADW_APPLICATION (app), self->context));

  gtk_window_present (window);

  /* Layers name accounts: they wait for the keyring to be read. */
  if (self->layer_specs != NULL)
    {
      if (viewer_context_get_accounts_loading (self->context))
        self->accounts_handler = g_signal_connect (self->context, "notify::accounts-loading",
                                                   G_CALLBACK (on_accounts_loading_cb), self);
      else
        add_layers_from_specs (self, VIEWER_WINDOW (window));
    }

  if (self->screenshot_path != NULL && self->screenshot_source == 0)
    {
      self->screenshot_source = g_timeout_add (250, screenshot_poll_cb, self);
      self->screenshot_timeout = g_timeout_add_seconds (SCREENSHOT_TIMEOUT_SECONDS, screenshot_timeout_cb, self);
    }
}

static void
viewer_application_shutdown (GApplication *app)
{
  ViewerApplication *self = VIEWER_APPLICATION (app);

  g_clear_handle_id (&self->screenshot_source, g_source_remove);
  g_clear_handle_id (&self->screenshot_timeout, g_source_remove);

  G_APPLICATION_CLASS (viewer_application_parent_class)->shutdown (app);

  g_clear_object (&self->context);

  /* Tiles seen are what shows offline next time; the windows are gone,
   * so the writer has the cores. */
  if (!carto_tile_disk_cache_flush (carto_tile_disk_cache_get_default (), FLUSH_TIMEOUT_MS))
    g_debug ("Some tiles seen were not written to the disk cache in time");
}

static void
viewer_application_constructed (GObject *object)
{
  G_OBJECT_CLASS (viewer_application_parent_class)->constructed (object);

  /* Explicit, so the .Devel application ID keeps the same resources. */
  g_application_set_application_id (G_APPLICATION (object), APP_ID);
  g_application_set_resource_base_path (G_APPLICATION (object), RESOURCE_PATH);
}

static void
viewer_application_finalize (GObject *object)
{
  ViewerApplication *self = VIEWER_APPLICATION (object);

  g_clear_pointer (&self->screenshot_path, g_free);
  g_clear_pointer (&self->layer_specs, g_strfreev);
  g_clear_pointer (&self->layer_styles_path, g_free);

  G_OBJECT_CLASS (viewer_application_parent_class)->finalize (object);
}

static void
viewer_application_class_init (ViewerApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = viewer_application_constructed;
  object_class->finalize = viewer_application_finalize;
  app_class->handle_local_options = viewer_application_handle_local_options;
  app_class->startup = viewer_application_startup;
  app_class->activate = viewer_application_activate;
  app_class->shutdown = viewer_application_shutdown;
}

static void
viewer_application_init (ViewerApplication *self)
{
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { "standalone", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Run a separate instance, not shared with other windows"), NULL },
    { "layer", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Open the map with a layer of a table or an SQL query, read with the default account or, as USERNAME:TABLE, with that account (repeatable)"),
      N_("[USERNAME:]TABLE_OR_SQL") },
    { "layer-styles", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Style the --layer layers from a JSON array of styles, one per layer, in order"), N_("FILE") },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the window, wait for the map to load, save it as a PNG and quit"), N_("FILE") },
    { NULL, 0, 0, G_OPTION_ARG_NONE, NULL, NULL, NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  viewer_account_cli_add_options (G_APPLICATION (self));
}

/**
 * viewer_application_new:
 *
 * Returns: (transfer full): the application
 */
ViewerApplication *
viewer_application_new (void)
{
  return g_object_new (VIEWER_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/**
 * viewer_application_get_context:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the shared services, once started
 */
ViewerContext *
viewer_application_get_context (ViewerApplication *self)
{
  g_return_val_if_fail (VIEWER_IS_APPLICATION (self), NULL);

  return self->context;
}
