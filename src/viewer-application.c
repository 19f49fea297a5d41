/* viewer-application.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: one instance per desktop session (a second
 * `carto-viewer FILE…` sends its files, and its --layer layers, to the
 * running one), its shared services, its windows, and the session that
 * brings the open maps back on the next start.
 *
 * Layers name accounts, so nothing that puts layers on a map happens
 * before the keyring has been read: the session's maps, the files asked
 * for and --layer's layers wait for it, in that order (process_pending).
 *
 * The session's rules (viewer-session.c holds the maps; the rules are
 * here): a window closed while others stay leaves the session; the last
 * window closed, or quitting, keeps every map that was open, so the next
 * start shows them again; a map whose changes were discarded comes back
 * as its file says, or not at all when it had none. --screenshot and
 * --standalone instances neither restore nor write the session: the
 * first is a one-shot render, the second would race the main instance
 * over the same file.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-account-cli.h"
#include "viewer-application.h"
#include "viewer-layer-request.h"
#include "viewer-preferences-window.h"
#include "viewer-renderer.h"
#include "viewer-session.h"
#include "viewer-toast.h"
#include "viewer-window.h"

struct _ViewerApplication
{
  AdwApplication parent_instance;

  /* Owned references */
  ViewerContext *context;
  ViewerSession *session;
  GCancellable *cancellable;
  char *screenshot_path;
  /* Waiting for the accounts (process_pending): files to open, and
   * arrays of layer requests, each for one window. */
  GPtrArray *pending_files;
  GPtrArray *pending_layers;

  /* State */
  gboolean no_session;
  gboolean started;
  gboolean restore_pending;
  gboolean restoring;
  gboolean quitting;
  gboolean asking_to_quit;
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

static void process_pending (ViewerApplication *self);

static GList *
viewer_windows (ViewerApplication *self)
{
  GList *windows = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (VIEWER_IS_WINDOW (l->data))
      windows = g_list_prepend (windows, l->data);

  return g_list_reverse (windows);
}

/* The main window most recently used, if any. */
static ViewerWindow *
active_window (ViewerApplication *self)
{
  g_autoptr(GList) windows = viewer_windows (self);

  return windows != NULL ? windows->data : NULL;
}

static ViewerWindow *
new_window (ViewerApplication *self,
            CartoMapDocument  *document)
{
  if (document != NULL)
    return viewer_window_new_for_document (ADW_APPLICATION (self), self->context, document);

  return viewer_window_new (ADW_APPLICATION (self), self->context);
}

/* A pristine window (the active one first) or else a new one. */
static ViewerWindow *
window_for_new_map (ViewerApplication *self)
{
  g_autoptr(GList) windows = viewer_windows (self);

  for (GList *l = windows; l != NULL; l = l->next)
    if (viewer_window_get_pristine (l->data))
      return l->data;

  return new_window (self, NULL);
}

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

/* Quitting */

typedef struct
{
  ViewerApplication *app;
  GPtrArray *windows;
  GPtrArray *discarding;
  guint next;
} QuitData;

static void
quit_data_free (QuitData *data)
{
  data->app->asking_to_quit = FALSE;
  g_clear_object (&data->app);
  g_clear_pointer (&data->windows, g_ptr_array_unref);
  g_clear_pointer (&data->discarding, g_ptr_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QuitData, quit_data_free)

/* Every answer given: the maps stay in the session as they were (those
 * discarded as their files say), and every window goes. */
static void
finish_quit (QuitData *data)
{
  ViewerApplication *self = data->app;
  g_autoptr(GList) windows = NULL;

  for (guint i = 0; self->session != NULL && i < data->discarding->len; i++)
    viewer_session_discard (self->session, g_ptr_array_index (data->discarding, i));

  self->quitting = TRUE;
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);

  /* Written now; shutdown waits for it. */
  if (self->session != NULL)
    viewer_session_save_now (self->session);
}

static void ask_next (QuitData *data);

static void
quit_confirmed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(QuitData) data = user_data;

  switch (viewer_window_confirm_close_finish (VIEWER_WINDOW (object), result))
    {
    case VIEWER_WINDOW_KEEP_OPEN:
      /* Cancel stops the quit: nothing closes. */
      return;
    case VIEWER_WINDOW_CLOSE_DISCARDING:
      g_ptr_array_add (data->discarding, object);
      break;
    case VIEWER_WINDOW_CLOSE:
    default:
      break;
    }

  ask_next (g_steal_pointer (&data));
}

/* One window with unsaved changes at a time, in window order. */
static void
ask_next (QuitData *data)
{
  while (data->next < data->windows->len)
    {
      ViewerWindow *window = g_ptr_array_index (data->windows, data->next++);

      /* Closed meanwhile. */
      if (gtk_window_get_application (GTK_WINDOW (window)) == NULL)
        continue;
      viewer_window_confirm_close_async (window, NULL, quit_confirmed_cb, data);
      return;
    }

  finish_quit (data);
  quit_data_free (data);
}

static void
viewer_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  ViewerApplication *self = VIEWER_APPLICATION (user_data);
  g_autoptr(GList) windows = viewer_windows (self);
  QuitData *data;

  if (self->asking_to_quit || self->quitting)
    return;

  self->asking_to_quit = TRUE;
  data = g_new0 (QuitData, 1);
  data->app = g_object_ref (self);
  data->windows = g_ptr_array_new_with_free_func (g_object_unref);
  data->discarding = g_ptr_array_new ();
  /* The window in use first. */
  for (GList *l = windows; l != NULL; l = l->next)
    g_ptr_array_add (data->windows, g_object_ref (l->data));

  ask_next (data);
}

/* The folder the unreadable session was kept in, in the file manager. */
static void
viewer_application_show_folder_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);

  gtk_show_uri (gtk_application_get_active_window (app), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

/* --layer, here or sent by another `carto-viewer --layer`: the layers of
 * one command line, for one window. */
static void
viewer_application_open_layers_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  ViewerApplication *self = VIEWER_APPLICATION (user_data);

  g_ptr_array_add (self->pending_layers, g_variant_ref (parameter));
  if (self->started)
    process_pending (self);
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
  { .name = "open-layers", .activate = viewer_application_open_layers_action, .parameter_type = "aa{sv}" },
  { .name = "show-folder", .activate = viewer_application_show_folder_action, .parameter_type = "s" },
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

  /* The maps asked for are not on screen yet. */
  if (viewer_context_get_accounts_loading (self->context) || self->pending_files->len > 0 ||
      self->pending_layers->len > 0 || viewer_window_get_opening (VIEWER_WINDOW (window)))
    {
      self->screenshot_idle_polls = 0;
      return G_SOURCE_CONTINUE;
    }

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
load_layer_styles (const char  *path,
                   JsonParser  *parser,
                   GError     **error)
{
  JsonNode *root;

  if (path == NULL)
    return NULL;

  if (!json_parser_load_from_file (parser, path, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s does not hold a JSON array of styles"), path);
      return NULL;
    }

  return json_node_get_array (root);
}

/* Each --layer becomes a request for the window's win.add-layer, as the
 * Add Layer dialog's layers do: a bad account or style is said there, in
 * a toast. Built here, where the files are, and sent to whichever
 * instance shows them. Asked for when starting: no "Added …" toast for
 * each. */
static GVariant *
layer_requests_from_options (char       **specs,
                             const char  *styles_path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) styles_error = NULL;
  JsonArray *styles = load_layer_styles (styles_path, parser, &styles_error);
  GVariantBuilder builder;

  if (styles_error != NULL)
    g_printerr ("%s\n", styles_error->message);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; specs[i] != NULL; i++)
    {
      g_autofree char *username = NULL;
      g_autofree char *data = NULL;
      g_autofree char *style_json = NULL;

      parse_layer_spec (specs[i], &username, &data);
      if (styles != NULL && i < json_array_get_length (styles))
        style_json = json_to_string (json_array_get_element (styles, i), FALSE);
      g_variant_builder_add_value (&builder,
                                   viewer_layer_request_new_quiet (viewer_layer_request_new (data, username, NULL,
                                                                                             NULL, style_json)));
    }

  return g_variant_builder_end (&builder);
}

/* The restored maps go first into the window opened at start-up (still
 * pristine, unless someone was quick), then into new windows, in order. */
static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ViewerApplication) self = user_data;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;

  documents = viewer_session_restore_finish (VIEWER_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->restoring = FALSE;

  if (documents == NULL)
    {
      ViewerWindow *window = active_window (self);
      g_autoptr(GFile) kept_file = NULL;
      AdwToast *toast;

      g_debug ("Could not restore the last session: %s", error->message);
      if (window == NULL)
        window = new_window (self, NULL);
      /* A toast is one line: where the copy is, the file manager shows
       * (app.show-folder). */
      kept_file = viewer_session_dup_kept_aside_file (self->session);
      if (kept_file != NULL)
        {
          g_autoptr(GFile) folder = g_file_get_parent (kept_file);
          g_autofree char *folder_uri = g_file_get_uri (folder);

          toast = adw_toast_new (_("The last session could not be restored; a copy was kept"));
          /* Translators: a toast's button, which shows a folder */
          adw_toast_set_button_label (toast, _("Show"));
          adw_toast_set_action_name (toast, "app.show-folder");
          adw_toast_set_action_target_value (toast, g_variant_new_string (folder_uri));
        }
      else
        {
          /* Translators: a toast; %s says why */
          g_autofree char *title = g_markup_printf_escaped (_("The last session could not be restored: %s"),
                                                            error->message);

          toast = adw_toast_new (title);
        }
      /* Read, perhaps acted on: it stays until dismissed. */
      adw_toast_set_timeout (toast, 0);
      viewer_toast_show (GTK_WIDGET (window), toast);
      gtk_window_present (GTK_WINDOW (window));
    }

  for (guint i = 0; documents != NULL && i < documents->len; i++)
    {
      CartoMapDocument *document = g_ptr_array_index (documents, i);
      ViewerWindow *window = i == 0 ? active_window (self) : NULL;

      if (window != NULL && viewer_window_get_pristine (window))
        viewer_window_set_document (window, document);
      else
        window = new_window (self, document);
      gtk_window_present (GTK_WINDOW (window));
    }

  process_pending (self);
}

static void
on_accounts_loading_cb (ViewerContext     *context,
                        GParamSpec        *pspec,
                        ViewerApplication *self)
{
  if (viewer_context_get_accounts_loading (context))
    return;

  g_clear_signal_handler (&self->accounts_handler, context);
  process_pending (self);
}

/* Restoring the session, opening files and --layer, in that order, once
 * the accounts are there: before, every layer would "need its account". */
static void
process_pending (ViewerApplication *self)
{
  if (viewer_context_get_accounts_loading (self->context))
    {
      if (self->accounts_handler == 0)
        self->accounts_handler = g_signal_connect (self->context, "notify::accounts-loading",
                                                   G_CALLBACK (on_accounts_loading_cb), self);
      return;
    }

  if (self->restore_pending)
    {
      self->restore_pending = FALSE;
      self->restoring = TRUE;
      viewer_session_restore_async (self->session, viewer_context_get_credential_store (self->context),
                                    self->cancellable, restore_cb, g_object_ref (self));
      return;
    }
  if (self->restoring)
    return;

  if (self->pending_files->len > 0)
    {
      g_autoptr(GPtrArray) files = g_steal_pointer (&self->pending_files);
      ViewerWindow *window = active_window (self);

      self->pending_files = g_ptr_array_new_with_free_func (g_object_unref);
      if (window == NULL)
        window = new_window (self, NULL);
      for (guint i = 0; i < files->len; i++)
        viewer_window_open_file (window, g_ptr_array_index (files, i));
    }

  while (self->pending_layers->len > 0)
    {
      g_autoptr(GVariant) requests = g_ptr_array_steal_index (self->pending_layers, 0);
      ViewerWindow *window = window_for_new_map (self);
      GVariantIter iter;
      GVariant *request;

      gtk_window_present (GTK_WINDOW (window));
      g_variant_iter_init (&iter, requests);
      while ((request = g_variant_iter_next_value (&iter)) != NULL)
        viewer_layer_request_send (GTK_WIDGET (window), request);
    }
}

/* The session follows each main window's document, in the order they
 * opened. */
static void
on_window_document_cb (ViewerWindow      *window,
                       GParamSpec        *pspec,
                       ViewerApplication *self)
{
  viewer_session_set_document (self->session, window, viewer_window_get_document (window));
}

static void
on_window_added_cb (GtkApplication    *app,
                    GtkWindow         *window,
                    ViewerApplication *self)
{
  if (!VIEWER_IS_WINDOW (window))
    return;

  viewer_session_set_document (self->session, window, viewer_window_get_document (VIEWER_WINDOW (window)));
  g_signal_connect_object (window, "notify::document", G_CALLBACK (on_window_document_cb), self, 0);
}

/* A window closed while others stay leaves the session; the last one
 * stays, for the next start. The window is already out of the list. */
static void
on_window_removed_cb (GtkApplication    *app,
                      GtkWindow         *window,
                      ViewerApplication *self)
{
  g_autoptr(GList) others = NULL;

  if (!VIEWER_IS_WINDOW (window))
    return;

  /* By data: the application connects nothing else to its windows. */
  g_signal_handlers_disconnect_by_data (window, self);
  /* Quitting keeps every window (finish_quit). */
  if (self->quitting)
    return;

  if (viewer_window_get_changes_discarded (VIEWER_WINDOW (window)))
    viewer_session_discard (self->session, window);

  others = viewer_windows (self);
  if (others != NULL)
    viewer_session_remove (self->session, window);
  else
    viewer_session_save_now (self->session);
}

/* Files and --layer's layers go to the instance that shows them: here,
 * or the one already running. */
static int
send_layers (ViewerApplication  *self,
             char              **specs,
             const char         *styles_path)
{
  g_autoptr(GError) error = NULL;
  GVariant *requests = layer_requests_from_options (specs, styles_path);

  if (!g_application_register (G_APPLICATION (self), NULL, &error))
    {
      g_variant_unref (g_variant_ref_sink (requests));
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_action_group_activate_action (G_ACTION_GROUP (self), "open-layers", requests);
  if (g_application_get_is_remote (G_APPLICATION (self)))
    {
      GDBusConnection *connection = g_application_get_dbus_connection (G_APPLICATION (self));

      /* Out before this process ends. */
      if (connection != NULL && !g_dbus_connection_flush_sync (connection, NULL, &error))
        g_printerr ("%s\n", error->message);
    }

  return -1;
}

static int
viewer_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  ViewerApplication *self = VIEWER_APPLICATION (app);
  g_auto(GStrv) layer_specs = NULL;
  g_autofree char *layer_styles_path = NULL;

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

  /* Neither restores nor writes the session (see the top of this file). */
  if (g_variant_dict_contains (options, "standalone"))
    {
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
      self->no_session = TRUE;
    }
  if (g_variant_dict_lookup (options, "screenshot", "^ay", &self->screenshot_path))
    {
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
      self->no_session = TRUE;
    }

  g_variant_dict_lookup (options, "layer-styles", "^ay", &layer_styles_path);
  if (g_variant_dict_lookup (options, "layer", "^as", &layer_specs))
    {
      int status = send_layers (self, layer_specs, layer_styles_path);

      if (status >= 0)
        return status;
    }

  return G_APPLICATION_CLASS (viewer_application_parent_class)->handle_local_options (app, options);
}

static void
viewer_application_startup (GApplication *app)
{
  ViewerApplication *self = VIEWER_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *new_window_accels[] = { "<Control>n", NULL };
  static const char *open_accels[] = { "<Control>o", NULL };
  static const char *save_accels[] = { "<Control>s", NULL };
  static const char *save_as_accels[] = { "<Control><Shift>s", NULL };

  G_APPLICATION_CLASS (viewer_application_parent_class)->startup (app);

  viewer_renderer_choose (gdk_display_get_default ());
  self->context = viewer_context_new ();
  /* In the background: the window opens at once, accounts follow. */
  viewer_context_load_accounts (self->context);

  if (!self->no_session)
    {
      g_autoptr(GFile) file = viewer_session_dup_default_file ();

      self->session = viewer_session_new (file);
      g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb), self);
      g_signal_connect (app, "window-removed", G_CALLBACK (on_window_removed_cb), self);
    }

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.open", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save", save_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.save-as", save_as_accels);
}

/* The first activation or open: a window at once (the session's first map
 * or the first file takes its place when they are read), and the session
 * to restore. */
static void
start (ViewerApplication *self)
{
  if (self->started)
    return;

  self->started = TRUE;
  self->restore_pending = self->session != NULL;
  if (active_window (self) == NULL)
    gtk_window_present (GTK_WINDOW (new_window (self, NULL)));

  if (self->screenshot_path != NULL)
    {
      self->screenshot_source = g_timeout_add (250, screenshot_poll_cb, self);
      self->screenshot_timeout = g_timeout_add_seconds (SCREENSHOT_TIMEOUT_SECONDS, screenshot_timeout_cb, self);
    }
}

static void
viewer_application_activate (GApplication *app)
{
  ViewerApplication *self = VIEWER_APPLICATION (app);
  ViewerWindow *window;

  start (self);
  window = active_window (self);
  if (window == NULL)
    window = new_window (self, NULL);
  gtk_window_present (GTK_WINDOW (window));

  process_pending (self);
}

/* `carto-viewer FILE…`, here or from another invocation: each file in its
 * own window (the first in a pristine one). */
static void
viewer_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  ViewerApplication *self = VIEWER_APPLICATION (app);

  start (self);
  for (int i = 0; i < n_files; i++)
    g_ptr_array_add (self->pending_files, g_object_ref (files[i]));

  process_pending (self);
}

static gboolean
session_idle (gpointer data)
{
  return !viewer_session_get_busy (data);
}

static gboolean
flush_timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
viewer_application_shutdown (GApplication *app)
{
  ViewerApplication *self = VIEWER_APPLICATION (app);

  g_clear_handle_id (&self->screenshot_source, g_source_remove);
  g_clear_handle_id (&self->screenshot_timeout, g_source_remove);

  G_APPLICATION_CLASS (viewer_application_parent_class)->shutdown (app);

  /* The last window closed, quitting (or the session manager ending the
   * application): the last changes reach the session before the process
   * ends, in bounded time. */
  if (self->session != NULL)
    {
      gboolean timed_out = FALSE;
      guint id;

      viewer_session_save_now (self->session);
      id = g_timeout_add (FLUSH_TIMEOUT_MS, flush_timeout_cb, &timed_out);
      while (!timed_out && !session_idle (self->session))
        g_main_context_iteration (NULL, TRUE);
      if (!timed_out)
        g_source_remove (id);
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_signal_handler (&self->accounts_handler, self->context);
  g_clear_object (&self->session);
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
viewer_application_dispose (GObject *object)
{
  ViewerApplication *self = VIEWER_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    g_clear_signal_handler (&self->accounts_handler, self->context);
  g_clear_handle_id (&self->screenshot_source, g_source_remove);
  g_clear_handle_id (&self->screenshot_timeout, g_source_remove);
  g_clear_object (&self->session);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (viewer_application_parent_class)->dispose (object);
}

static void
viewer_application_finalize (GObject *object)
{
  ViewerApplication *self = VIEWER_APPLICATION (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->screenshot_path, g_free);
  g_clear_pointer (&self->pending_files, g_ptr_array_unref);
  g_clear_pointer (&self->pending_layers, g_ptr_array_unref);

  G_OBJECT_CLASS (viewer_application_parent_class)->finalize (object);
}

static void
viewer_application_class_init (ViewerApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = viewer_application_constructed;
  object_class->dispose = viewer_application_dispose;
  object_class->finalize = viewer_application_finalize;
  app_class->handle_local_options = viewer_application_handle_local_options;
  app_class->startup = viewer_application_startup;
  app_class->activate = viewer_application_activate;
  app_class->open = viewer_application_open;
  app_class->shutdown = viewer_application_shutdown;
}

static void
viewer_application_init (ViewerApplication *self)
{
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { "standalone", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Run a separate instance, not shared with other windows; it neither restores the last session nor keeps its maps for the next one"),
      NULL },
    { "layer", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Open a new map with a layer of a table or an SQL query, read with the default account or, as USERNAME:TABLE, with that account (repeatable)"),
      N_("[USERNAME:]TABLE_OR_SQL") },
    { "layer-styles", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Style the --layer layers from a JSON array of styles, one per layer, in order"), N_("FILE") },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the window, wait for the map to load, save it as a PNG and quit (without the last session)"),
      N_("FILE") },
    { NULL, 0, 0, G_OPTION_ARG_NONE, NULL, NULL, NULL }
  };

  self->cancellable = g_cancellable_new ();
  self->pending_files = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending_layers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
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
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}

/**
 * viewer_application_get_session:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the session that brings the open
 *   maps back, once started; %NULL for --standalone and --screenshot
 */
ViewerSession *
viewer_application_get_session (ViewerApplication *self)
{
  g_return_val_if_fail (VIEWER_IS_APPLICATION (self), NULL);

  return self->session;
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
