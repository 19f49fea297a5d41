/* test-session.c — the open maps come back: the real application
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each "start" of the application is a process of its own, as it is for
 * people: the real carto-viewer executable (killed with SIGKILL, or sent
 * files and layers by a second invocation), or this binary again
 * (g_test_trap_subprocess) running a ViewerApplication through
 * g_application_run, driven from its activate or open signal. They share
 * this test's XDG dirs, D-Bus session, keyring and test server, so the
 * session file one start writes is the one the next reads.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "test-server-fixture.h"
#include "ui-server-utils.h"
#include "ui-test-utils.h"
#include "viewer-application.h"
#include "viewer-layer-request.h"
#include "viewer-window.h"

/* The parent's: children find the accounts in the keyring. */
static TestServer *server;

/* The session file as the application computes it. */
static GFile *
session_file (void)
{
  return viewer_session_dup_default_file ();
}

static void
remove_session (void)
{
  g_autoptr(GFile) file = session_file ();
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *broken = g_strconcat (path, CARTO_MAP_SESSION_BROKEN_SUFFIX, NULL);

  g_unlink (path);
  g_unlink (broken);
}

/* The session names accounts, never their keys: none of the keys the
 * test server gave its users is in the file. */
static void
assert_session_holds_no_key (void)
{
  const char *users[] = { "demo-atlas", "demo-cities" };
  const char *key_names[] = { "master", "atlas_reader", "cities_mapper" };
  g_autoptr(GFile) file = session_file ();
  g_autofree char *contents = NULL;
  guint n_keys = 0;

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL));
  for (guint u = 0; u < G_N_ELEMENTS (users); u++)
    for (guint k = 0; k < G_N_ELEMENTS (key_names); k++)
      {
        const char *key = test_server_get_key (server, users[u], key_names[k]);

        if (key == NULL)
          continue;
        n_keys++;
        if (strstr (contents, key) != NULL)
          g_error ("The session file holds %s's %s key", users[u], key_names[k]);
      }
  /* The check must have had keys to look for. */
  g_assert_cmpuint (n_keys, >=, 2);
}

/* The session's maps, or NULL while there is no readable session. */
static GPtrArray *
read_session (void)
{
  g_autoptr(GFile) file = session_file ();
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);

  g_autoptr(GError) error = NULL;
  GPtrArray *documents;

  if (bytes == NULL)
    return NULL;
  documents = carto_map_session_parse (bytes, NULL, &error);
  if (documents == NULL)
    g_test_message ("session not read: %s", error->message);
  return documents;
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* ui_test_wait_until() for what no event of ours announces (another
 * process writing a file): checked every 100 ms. */
static gboolean
poll_until (gboolean (*predicate) (gpointer),
            gpointer   data,
            guint      timeout_ms)
{
  guint tick = g_timeout_add (100, tick_cb, NULL);
  gboolean ok = ui_test_wait_until (predicate, data, timeout_ms);

  g_source_remove (tick);
  return ok;
}

static const char *
first_layer_data (CartoMapDocument *document)
{
  CartoMap *map = carto_map_document_get_map (document);

  if (carto_map_get_n_layers (map) == 0)
    return NULL;
  return carto_source_get_data (carto_layer_get_source (carto_map_get_layer (map, 0)));
}

typedef struct
{
  guint n_maps;
  const char *first_layers[4];
} SessionWait;

/* The session holds these maps, in this order, by their first layer. */
static gboolean
session_is (gpointer data)
{
  SessionWait *wait = data;
  g_autoptr(GPtrArray) documents = read_session ();

  if (documents == NULL || documents->len != wait->n_maps)
    return FALSE;
  for (guint i = 0; i < wait->n_maps; i++)
    if (g_strcmp0 (first_layer_data (g_ptr_array_index (documents, i)), wait->first_layers[i]) != 0)
      return FALSE;
  return TRUE;
}

static void
wait_for_session (guint       n_maps,
                  const char *first,
                  const char *second)
{
  SessionWait wait = { n_maps, { first, second, NULL, NULL } };

  if (!poll_until (session_is, &wait, 30000))
    {
      g_autoptr(GFile) file = session_file ();
      g_autofree char *contents = NULL;

      g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL);
      g_test_message ("session: %s", contents != NULL ? contents : "(none)");
      g_assert_not_reached ();
    }
}

static GFile *
map_file (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  return g_file_new_for_path (path);
}

/* Running the application in this process */

typedef void (*AppBody) (ViewerApplication *app);

static AppBody app_body;
static gboolean app_body_ran;
/* Kept past the application's end, to ask whether it was written. */
static ViewerSession *app_session;

static void
run_body_cb (GApplication *app)
{
  if (app_body_ran)
    return;
  app_body_ran = TRUE;
  g_set_object (&app_session, viewer_application_get_session (VIEWER_APPLICATION (app)));
  app_body (VIEWER_APPLICATION (app));
}

static void
on_open_cb (GApplication  *app,
            GFile        **files,
            int            n_files,
            const char    *hint)
{
  run_body_cb (app);
}

/* Starts the application as `carto-viewer [FILE]` would, with @body run
 * once it has activated (or opened @file); returns when it has quit,
 * after its shutdown. Non-unique: nothing else of ours is on the bus. */
static void
run_app (AppBody  body,
         GFile   *file)
{
  g_autoptr(ViewerApplication) app = viewer_application_new ();
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  char *argv[] = { (char *) "carto-viewer", path, NULL };
  int status;

  app_body = body;
  app_body_ran = FALSE;
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (run_body_cb), NULL);
  g_signal_connect_after (app, "open", G_CALLBACK (on_open_cb), NULL);
  status = g_application_run (G_APPLICATION (app), path != NULL ? 2 : 1, argv);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (app_body_ran);
  /* Nothing left to write when the process may end. */
  g_assert_nonnull (app_session);
  g_assert_false (viewer_session_get_busy (app_session));
  g_clear_object (&app_session);
}

static GList *
viewer_windows (ViewerApplication *app)
{
  GList *windows = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (VIEWER_IS_WINDOW (l->data))
      windows = g_list_prepend (windows, l->data);
  return windows;
}

static guint
n_windows (ViewerApplication *app)
{
  g_autoptr(GList) windows = viewer_windows (app);

  return g_list_length (windows);
}

/* The window whose map's first layer reads @data. */
static ViewerWindow *
window_showing (ViewerApplication *app,
                const char        *data)
{
  g_autoptr(GList) windows = viewer_windows (app);

  for (GList *l = windows; l != NULL; l = l->next)
    if (g_strcmp0 (first_layer_data (viewer_window_get_document (l->data)), data) == 0)
      return l->data;
  return NULL;
}

typedef struct
{
  ViewerApplication *app;
  const char *data[3];
} WindowsWait;

static gboolean
windows_show (gpointer user_data)
{
  WindowsWait *wait = user_data;
  guint n = 0;

  for (; n < G_N_ELEMENTS (wait->data) && wait->data[n] != NULL; n++)
    if (window_showing (wait->app, wait->data[n]) == NULL)
      return FALSE;
  return n_windows (wait->app) == n;
}

static void
wait_for_windows (ViewerApplication *app,
                  const char        *first,
                  const char        *second)
{
  WindowsWait wait = { app, { first, second, NULL } };

  g_assert_true (ui_test_wait_until (windows_show, &wait, 30000));
}

static gboolean
session_idle (gpointer data)
{
  return !viewer_session_get_busy (data);
}

/* The session after a restore: it has written since. */
static gboolean
session_exists (gpointer data)
{
  g_autoptr(GFile) file = session_file ();

  return g_file_query_exists (file, NULL);
}

static gboolean
no_windows (gpointer data)
{
  return n_windows (data) == 0;
}

static CartoLayer *
add_layer (ViewerWindow *window,
           const char   *data,
           const char   *username)
{
  CartoMap *map = viewer_window_get_map (window);
  guint before = carto_map_get_n_layers (map);

  g_assert_true (viewer_layer_request_send (GTK_WIDGET (window),
                                            viewer_layer_request_new (data, username, NULL, NULL, NULL)));
  g_assert_cmpuint (carto_map_get_n_layers (map), ==, before + 1);
  return carto_map_get_layer (map, before);
}

static ViewerWindow *
new_window_from (ViewerApplication *app,
                 ViewerWindow      *window)
{
  guint before = n_windows (app);
  GtkWindow *active;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-window", NULL);
  g_assert_cmpuint (n_windows (app), ==, before + 1);
  /* The newest window heads the application's list. */
  active = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  g_assert_true (VIEWER_IS_WINDOW (active));
  g_assert_true (viewer_window_get_pristine (VIEWER_WINDOW (active)));
  return VIEWER_WINDOW (active);
}

static ViewerWindow *
only_window (ViewerApplication *app)
{
  g_autoptr(GList) windows = viewer_windows (app);

  g_assert_cmpuint (g_list_length (windows), ==, 1);
  return windows->data;
}

/* Killed, then started again */

static void
restart_after_kill_body (ViewerApplication *app)
{
  ViewerWindow *spain, *cities;
  CartoMap *map;
  CartoLayer *layer;

  wait_for_windows (app, "countries", "populated_places");

  /* The map the first run restored and kept: content and viewport. */
  spain = window_showing (app, "countries");
  map = viewer_window_get_map (spain);
  g_assert_null (carto_map_document_get_file (viewer_window_get_document (spain)));
  g_assert_true (carto_map_document_get_modified (viewer_window_get_document (spain)));
  g_assert_cmpfloat_with_epsilon (carto_map_get_latitude (map), 40.4, 1e-6);
  g_assert_cmpfloat_with_epsilon (carto_map_get_longitude (map), -3.7, 1e-6);
  g_assert_cmpfloat_with_epsilon (carto_map_get_zoom (map), 5.0, 1e-6);
  layer = carto_map_get_layer (map, 0);
  g_assert_cmpstr (carto_source_get_account_username (carto_layer_get_source (layer)), ==, "demo-atlas");
  /* Restored once the keyring was read: the account is there. */
  g_assert_false (carto_layer_get_account_missing (layer));

  /* The layer the first run was given with --layer. */
  cities = window_showing (app, "populated_places");
  layer = carto_map_get_layer (viewer_window_get_map (cities), 0);
  g_assert_cmpstr (carto_source_get_account_username (carto_layer_get_source (layer)), ==, "demo-cities");
  g_assert_false (carto_layer_get_account_missing (layer));

  /* Written again in the same order: the order of the windows. */
  viewer_session_save_now (viewer_application_get_session (app));
  g_assert_true (ui_test_wait_until (session_idle, viewer_application_get_session (app), 10000));
  wait_for_session (2, "countries", "populated_places");

  g_application_quit (G_APPLICATION (app));
}

static void
test_restart_after_kill_child (void)
{
  run_app (restart_after_kill_body, NULL);
}

static GSubprocess *
spawn_viewer (GError **error,
              ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (char *) g_getenv ("CARTO_TEST_VIEWER_EXE"));
  va_start (ap, error);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return g_subprocess_newv ((const char *const *) args->pdata, G_SUBPROCESS_FLAGS_NONE, error);
}

static void
kill_viewer (GSubprocess *viewer)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_force_exit (viewer);
  g_subprocess_wait (viewer, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_subprocess_get_if_exited (viewer));
}

/* The real executable restores the last session, adds --layer's map in a
 * new window, keeps both in the session as it goes, and is killed: the
 * next start shows both, viewport and accounts included. */
static void
test_restart_after_kill (void)
{
  g_autoptr(GFile) file = session_file ();
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autoptr(GSubprocess) viewer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *seed = NULL;
  gboolean ok;

  remove_session ();
  g_file_make_directory_with_parents (folder, NULL, NULL);
  seed = g_strdup_printf ("{\"format\": \"carto-viewer-session\", \"version\": 1, \"maps\": [{\"file\": null, "
                          "\"modified\": true, \"map\": {\"format\": \"carto-viewer-map\", \"version\": 1, "
                          "\"viewport\": {\"latitude\": 40.4, \"longitude\": -3.7, \"zoom\": 5.0}, "
                          "\"layers\": [{\"title\": \"Countries\", \"source\": {\"table\": \"countries\"}, "
                          "\"account\": {\"username\": \"demo-atlas\", \"base_url\": \"%s\"}}]}}]}",
                          test_server_get_base_url (server, "demo-atlas"));
  ok = g_file_replace_contents (file, seed, strlen (seed), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  viewer = spawn_viewer (&error, "--layer", "demo-cities:populated_places", NULL);
  g_assert_no_error (error);
  /* Restored, then the new map: written behind, without quitting. */
  wait_for_session (2, "countries", "populated_places");
  {
    g_autoptr(GPtrArray) documents = read_session ();
    CartoMap *map = carto_map_document_get_map (g_ptr_array_index (documents, 0));

    g_assert_cmpfloat_with_epsilon (carto_map_get_zoom (map), 5.0, 1e-6);
  }
  assert_session_holds_no_key ();
  kill_viewer (viewer);

  g_test_trap_subprocess ("/session/restart-after-kill/subprocess", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Two windows, one closed, then quit */

static void
close_one_then_quit_body (ViewerApplication *app)
{
  g_autoptr(GFile) file_a = map_file ("A.cartomap");
  g_autoptr(GFile) file_b = map_file ("B.cartomap");
  g_autoptr(GFile) file_c = map_file ("C.cartomap");
  ViewerWindow *first, *second, *third;
  g_autoptr(GPtrArray) documents = NULL;

  /* Restored (nothing), and written since. */
  g_assert_true (poll_until (session_exists, NULL, 30000));
  first = only_window (app);
  add_layer (first, "countries", "demo-atlas");
  ui_test_save_document (viewer_window_get_document (first), file_a);

  second = new_window_from (app, first);
  add_layer (second, "populated_places", "demo-cities");
  ui_test_save_document (viewer_window_get_document (second), file_b);
  /* Panned after saving: unmodified, and the session keeps where. */
  carto_map_set_zoom (viewer_window_get_map (second), 4.0);
  wait_for_session (2, "countries", "populated_places");

  /* Closed while the other stays: out of the session. */
  gtk_window_close (GTK_WINDOW (first));
  wait_for_session (1, "populated_places", NULL);
  documents = read_session ();
  g_assert_true (g_file_equal (carto_map_document_get_file (g_ptr_array_index (documents, 0)), file_b));

  third = new_window_from (app, second);
  add_layer (third, "capital_cities", "demo-cities");
  ui_test_save_document (viewer_window_get_document (third), file_c);
  wait_for_session (2, "populated_places", "capital_cities");

  /* Saved maps: quitting asks nothing. The application ends once the
   * session is written (the test reads it after g_application_run). */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (ui_test_wait_until (no_windows, app, 10000));
}

static void
reopened_after_quit_body (ViewerApplication *app)
{
  g_autoptr(GFile) file_b = map_file ("B.cartomap");
  g_autoptr(GFile) file_c = map_file ("C.cartomap");
  ViewerWindow *window;

  wait_for_windows (app, "populated_places", "capital_cities");
  window = window_showing (app, "populated_places");
  g_assert_true (g_file_equal (carto_map_document_get_file (viewer_window_get_document (window)), file_b));
  g_assert_false (carto_map_document_get_modified (viewer_window_get_document (window)));
  /* The file's content, the session's viewport. */
  g_assert_cmpfloat_with_epsilon (carto_map_get_zoom (viewer_window_get_map (window)), 4.0, 1e-6);
  window = window_showing (app, "capital_cities");
  g_assert_true (g_file_equal (carto_map_document_get_file (viewer_window_get_document (window)), file_c));
  g_assert_null (window_showing (app, "countries"));

  g_application_quit (G_APPLICATION (app));
}

static void
test_close_one_then_quit_child (void)
{
  run_app (close_one_then_quit_body, NULL);
  /* Quitting kept both windows' maps. */
  wait_for_session (2, "populated_places", "capital_cities");
}

static void
test_reopened_after_quit_child (void)
{
  run_app (reopened_after_quit_body, NULL);
}

static void
test_close_one_then_quit (void)
{
  remove_session ();
  g_test_trap_subprocess ("/session/close-one-then-quit/subprocess/first", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_subprocess ("/session/close-one-then-quit/subprocess/second", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Quitting with unsaved changes */

static GtkWindow *
question (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
question_shown (gpointer data)
{
  return question () != NULL;
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

/* Waits for the question, answers it as a click would, and says which
 * window asked. */
static ViewerWindow *
answer (const char *response)
{
  GtkWindow *dialog;
  ViewerWindow *parent;
  GtkWidget *button;

  g_assert_true (ui_test_wait_until (question_shown, NULL, 10000));
  dialog = question ();
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Save Changes?");
  /* Before the answer: the last one closes the window. */
  parent = VIEWER_WINDOW (gtk_window_get_transient_for (dialog));
  button = find_button (GTK_WIDGET (dialog), adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog),
                                                                                    response));
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  ui_test_iterate (100);
  return parent;
}

static void
quit_with_changes_body (ViewerApplication *app)
{
  g_autoptr(GFile) file_a = map_file ("Saved.cartomap");
  ViewerWindow *titled, *untitled, *asked_first, *asked_second;

  g_assert_true (poll_until (session_exists, NULL, 30000));
  titled = only_window (app);
  add_layer (titled, "countries", "demo-atlas");
  ui_test_save_document (viewer_window_get_document (titled), file_a);
  /* Changed after saving: the change is what Discard throws away. */
  add_layer (titled, "capital_cities", "demo-cities");
  untitled = new_window_from (app, titled);
  add_layer (untitled, "populated_places", "demo-cities");

  /* Asked for each in turn; Cancel on the second stops the quit. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  asked_first = answer ("discard");
  asked_second = answer ("cancel");
  g_assert_true (asked_first != asked_second);
  g_assert_true (asked_first == titled || asked_first == untitled);
  g_assert_true (asked_second == titled || asked_second == untitled);
  g_assert_null (question ());
  g_assert_cmpuint (n_windows (app), ==, 2);
  g_assert_true (carto_map_document_get_modified (viewer_window_get_document (titled)));
  g_assert_true (carto_map_document_get_modified (viewer_window_get_document (untitled)));
  g_assert_cmpuint (carto_map_get_n_layers (viewer_window_get_map (titled)), ==, 2);

  /* Discard both: the application ends. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  answer ("discard");
  answer ("discard");
  g_assert_true (ui_test_wait_until (no_windows, app, 10000));
}

static void
after_discard_body (ViewerApplication *app)
{
  g_autoptr(GFile) file_a = map_file ("Saved.cartomap");
  ViewerWindow *window;

  /* The titled map as its file has it; the untitled one is gone. */
  wait_for_windows (app, "countries", NULL);
  window = only_window (app);
  g_assert_true (g_file_equal (carto_map_document_get_file (viewer_window_get_document (window)), file_a));
  g_assert_false (carto_map_document_get_modified (viewer_window_get_document (window)));
  g_assert_cmpuint (carto_map_get_n_layers (viewer_window_get_map (window)), ==, 1);

  g_application_quit (G_APPLICATION (app));
}

static void
test_quit_with_changes_child (void)
{
  g_autoptr(GPtrArray) documents = NULL;

  run_app (quit_with_changes_body, NULL);
  /* Kept as its file, not modified: the next start reads the file. */
  documents = read_session ();
  g_assert_nonnull (documents);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_false (carto_map_document_get_modified (g_ptr_array_index (documents, 0)));
}

static void
test_after_discard_child (void)
{
  run_app (after_discard_body, NULL);
}

static void
test_quit_with_changes (void)
{
  remove_session ();
  g_test_trap_subprocess ("/session/quit-with-changes/subprocess/first", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_subprocess ("/session/quit-with-changes/subprocess/second", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The last window closed: the application ends, its map kept */

static void
last_window_body (ViewerApplication *app)
{
  g_autoptr(GFile) file = map_file ("Last.cartomap");
  ViewerWindow *window;

  g_assert_true (poll_until (session_exists, NULL, 30000));
  window = only_window (app);
  add_layer (window, "countries", "demo-atlas");
  ui_test_save_document (viewer_window_get_document (window), file);
  carto_map_set_center (viewer_window_get_map (window), 10.0, 20.0);
  gtk_window_close (GTK_WINDOW (window));
}

static void
test_last_window_child (void)
{
  g_autoptr(GPtrArray) documents = NULL;

  run_app (last_window_body, NULL);
  /* Written before the application ended, where it was left. */
  documents = read_session ();
  g_assert_nonnull (documents);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpstr (first_layer_data (g_ptr_array_index (documents, 0)), ==, "countries");
  g_assert_cmpfloat (carto_map_get_latitude (carto_map_document_get_map (g_ptr_array_index (documents, 0))), ==,
                     10.0);
}

static void
test_last_window (void)
{
  remove_session ();
  g_test_trap_subprocess ("/session/last-window/subprocess", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* A session that cannot be read */

static gboolean
toast_shown (gpointer data)
{
  ViewerApplication *app = data;
  g_autoptr(GList) windows = viewer_windows (app);

  return windows != NULL && ui_test_find_label (windows->data, "The last session could not be restored") != NULL;
}

static void
corrupt_session_body (ViewerApplication *app)
{
  g_autoptr(GFile) file = session_file ();
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *kept = g_strconcat (path, CARTO_MAP_SESSION_BROKEN_SUFFIX, NULL);
  g_autofree char *contents = NULL;
  ViewerWindow *window;
  GtkWidget *label;

  g_assert_true (ui_test_wait_until (toast_shown, app, 30000));
  window = only_window (app);
  label = ui_test_find_label (GTK_WIDGET (window), "The last session could not be restored");
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (label)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==,
                   "The last session could not be restored; a copy was kept");
  /* Where the copy is: its folder, shown by the toast's button. */
  {
    GtkWidget *show = find_button (GTK_WIDGET (window), "Show");
    g_autoptr(GFile) folder = g_file_get_parent (file);
    g_autofree char *folder_uri = g_file_get_uri (folder);
    GVariant *target;

    g_assert_nonnull (show);
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (show)), ==, "app.show-folder");
    target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (show));
    g_assert_nonnull (target);
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, folder_uri);
  }
  g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "{ \"format\": \"carto-viewer-session\", \"maps\": [");
  /* An empty window to start from. */
  g_assert_true (viewer_window_get_pristine (window));
  {
    g_autoptr(GdkTexture) texture = NULL;

    /* The toast slides in. */
    ui_test_iterate (800);
    ui_test_wait_frames (GTK_WIDGET (window), 3);
    texture = ui_test_render (GTK_WIDGET (window));
    ui_test_save_artifact (texture, "session-not-restored.png");
  }

  g_application_quit (G_APPLICATION (app));
}

static void
test_corrupt_session_child (void)
{
  run_app (corrupt_session_body, NULL);
}

static void
test_corrupt_session (void)
{
  g_autoptr(GFile) file = session_file ();
  g_autoptr(GFile) folder = g_file_get_parent (file);
  const char *garbage = "{ \"format\": \"carto-viewer-session\", \"maps\": [";
  g_autoptr(GError) error = NULL;

  remove_session ();
  g_file_make_directory_with_parents (folder, NULL, NULL);
  g_file_replace_contents (file, garbage, strlen (garbage), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_trap_subprocess ("/session/corrupt/subprocess", 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Files from the command line */

static void
write_map (GFile      *file,
           const char *table,
           const char *user)
{
  g_autofree char *contents = g_strdup_printf ("{\"format\": \"carto-viewer-map\", \"version\": 1, \"layers\": "
                                               "[{\"source\": {\"table\": \"%s\"}, \"account\": {\"username\": "
                                               "\"%s\", \"base_url\": \"%s\"}}]}",
                                               table, user, test_server_get_base_url (server, user));
  g_autoptr(GError) error = NULL;

  g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
open_file_body (ViewerApplication *app)
{
  g_autoptr(GFile) file = map_file ("Opened.cartomap");
  ViewerWindow *window;
  CartoLayer *layer;

  /* Into the window opened at start, not a second one. */
  wait_for_windows (app, "countries", NULL);
  window = only_window (app);
  g_assert_true (g_file_equal (carto_map_document_get_file (viewer_window_get_document (window)), file));
  layer = carto_map_get_layer (viewer_window_get_map (window), 0);
  g_assert_false (carto_layer_get_account_missing (layer));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Opened — CARTO Viewer");

  g_application_quit (G_APPLICATION (app));
}

static void
test_open_file_child (void)
{
  g_autoptr(GFile) file = map_file ("Opened.cartomap");

  run_app (open_file_body, file);
}

/* `carto-viewer FILE` in process (g_application_open, as GApplication
 * calls it), then the real executable: a file, then a second invocation
 * with another file and with --layer, which go to the running instance. */
static void
test_command_line (void)
{
  g_autoptr(GFile) opened = map_file ("Opened.cartomap");
  g_autoptr(GFile) first = map_file ("First.cartomap");
  g_autoptr(GFile) second = map_file ("Second.cartomap");
  g_autofree char *first_path = g_file_get_path (first);
  g_autofree char *second_path = g_file_get_path (second);
  g_autoptr(GSubprocess) viewer = NULL;
  g_autoptr(GSubprocess) again = NULL;
  g_autoptr(GError) error = NULL;

  remove_session ();
  write_map (opened, "countries", "demo-atlas");
  g_test_trap_subprocess ("/session/command-line/subprocess", 120 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  remove_session ();
  write_map (first, "countries", "demo-atlas");
  write_map (second, "capital_cities", "demo-cities");
  viewer = spawn_viewer (&error, first_path, NULL);
  g_assert_no_error (error);
  wait_for_session (1, "countries", NULL);

  /* A second invocation hands its file over and ends. */
  again = spawn_viewer (&error, second_path, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (again, NULL, &error);
  g_assert_no_error (error);
  wait_for_session (2, "countries", "capital_cities");
  g_clear_object (&again);

  /* And its --layer, as a new map. */
  again = spawn_viewer (&error, "--layer", "demo-cities:populated_places", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (again, NULL, &error);
  g_assert_no_error (error);
  {
    SessionWait wait = { 3, { "countries", "capital_cities", "populated_places", NULL } };

    g_assert_true (poll_until (session_is, &wait, 30000));
  }
  kill_viewer (viewer);
}

/* --standalone runs beside the main instance: it must not write (nor
 * read) the session the main instance keeps. */
static void
test_standalone_keeps_no_session (void)
{
  g_autoptr(GSubprocess) viewer = NULL;
  g_autoptr(GFile) file = session_file ();
  g_autoptr(GError) error = NULL;

  remove_session ();
  viewer = spawn_viewer (&error, "--standalone", "--layer", "demo-atlas:countries", NULL);
  g_assert_no_error (error);
  /* Three times the write delay, and then some. */
  ui_test_iterate (3 * VIEWER_SESSION_SAVE_DELAY_MS + 2000);
  g_assert_false (g_file_query_exists (file, NULL));
  kill_viewer (viewer);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  ui_test_init (&argc, &argv);

  g_test_add_func ("/session/restart-after-kill", test_restart_after_kill);
  g_test_add_func ("/session/restart-after-kill/subprocess", test_restart_after_kill_child);
  g_test_add_func ("/session/close-one-then-quit", test_close_one_then_quit);
  g_test_add_func ("/session/close-one-then-quit/subprocess/first", test_close_one_then_quit_child);
  g_test_add_func ("/session/close-one-then-quit/subprocess/second", test_reopened_after_quit_child);
  g_test_add_func ("/session/quit-with-changes", test_quit_with_changes);
  g_test_add_func ("/session/quit-with-changes/subprocess/first", test_quit_with_changes_child);
  g_test_add_func ("/session/quit-with-changes/subprocess/second", test_after_discard_child);
  g_test_add_func ("/session/last-window", test_last_window);
  g_test_add_func ("/session/last-window/subprocess", test_last_window_child);
  g_test_add_func ("/session/corrupt", test_corrupt_session);
  g_test_add_func ("/session/corrupt/subprocess", test_corrupt_session_child);
  g_test_add_func ("/session/command-line", test_command_line);
  g_test_add_func ("/session/command-line/subprocess", test_open_file_child);
  g_test_add_func ("/session/standalone", test_standalone_keeps_no_session);

  /* One server, the parent's; the accounts go to the shared keyring. */
  if (!g_test_subprocess ())
    {
      g_autoptr(ViewerContext) context = NULL;

      server = test_server_start (NULL, &error);
      g_assert_no_error (error);
      context = viewer_context_new ();
      g_object_unref (ui_test_add_server_account (context, server, "demo-atlas"));
      g_object_unref (ui_test_add_server_account (context, server, "demo-cities"));
    }

  status = g_test_run ();

  g_clear_pointer (&server, test_server_stop);
  return status;
}
