/* test-map-document.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CartoMapDocument (modified, title, save and load) and the session of
 * open maps (round trip, files changed or deleted since, a broken session
 * kept aside).
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>
#include <string.h>

#include "credentials-test-utils.h"

static const char *const all_keys[] = { "erin-doc-key-1", NULL };

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("map-document-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static CartoLayer *
add_layer (CartoMap   *map,
           const char *table)
{
  g_autoptr(CartoSource) source = carto_source_new_for_account (table, "erin", "https://erin.carto.com", NULL);
  g_autoptr(CartoLayer) layer = carto_layer_new (source, NULL);

  carto_layer_set_title (layer, table);
  carto_map_append_layer (map, layer);
  return layer;
}

static CartoMap *
map_with (const char *table)
{
  CartoMap *map = carto_map_new ();

  add_layer (map, table);
  return map;
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static gboolean
save (CartoMapDocument  *document,
      GFile             *file,
      GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_map_document_save_async (document, file, NULL, carto_test_result_cb, &result);
  return carto_map_document_save_finish (document, carto_test_wait_for_result (&result), error);
}

static CartoMapDocument *
load (GFile   *file,
      GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_map_document_load_async (file, NULL, NULL, carto_test_result_cb, &result);
  return carto_map_document_load_finish (carto_test_wait_for_result (&result), error);
}

static void
test_modified (void)
{
  g_autoptr(CartoMapDocument) document = carto_map_document_new (NULL);
  CartoMap *map = carto_map_document_get_map (document);
  CartoLayer *layer;
  guint modified_changes = 0;

  g_signal_connect (document, "notify::modified", G_CALLBACK (on_notify_count), &modified_changes);
  g_assert_true (CARTO_IS_MAP (map));
  g_assert_null (carto_map_document_get_file (document));
  g_assert_cmpstr (carto_map_document_get_title (document), ==, "Untitled Map");
  g_assert_false (carto_map_document_get_modified (document));

  /* Moving around is no edit. */
  carto_map_set_center (map, 10.0, 10.0);
  carto_map_set_zoom (map, 4.0);
  g_assert_false (carto_map_document_get_modified (document));

  layer = add_layer (map, "t");
  g_assert_true (carto_map_document_get_modified (document));
  carto_layer_set_opacity (layer, 0.2);
  g_assert_cmpuint (modified_changes, ==, 1);

  carto_map_document_set_modified (document, FALSE);
  g_assert_false (carto_map_document_get_modified (document));
  g_assert_cmpuint (modified_changes, ==, 2);
  carto_map_set_basemap (map, CARTO_BASEMAP_DARK_MATTER);
  g_assert_true (carto_map_document_get_modified (document));
}

static void
test_save_and_load (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "Europe.cartomap", NULL);
  g_autofree char *upper_path = g_build_filename (dir, "WORLD.CartoMap", NULL);
  g_autofree char *other_path = g_build_filename (dir, "plain.json", NULL);
  g_autofree char *nowhere_path = g_build_filename (dir, "missing", "x.cartomap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) upper = g_file_new_for_path (upper_path);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autoptr(GFile) nowhere = g_file_new_for_path (nowhere_path);
  g_autoptr(CartoMap) map = map_with ("countries");
  g_autoptr(CartoMapDocument) document = carto_map_document_new (map);
  g_autoptr(CartoMapDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  guint title_changes = 0;
  guint file_changes = 0;
  gboolean ok;

  g_signal_connect (document, "notify::title", G_CALLBACK (on_notify_count), &title_changes);
  g_signal_connect (document, "notify::file", G_CALLBACK (on_notify_count), &file_changes);
  g_assert_true (carto_map_document_get_map (document) == map);
  carto_map_document_set_modified (document, TRUE);

  ok = save (document, file, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (g_file_equal (carto_map_document_get_file (document), file));
  g_assert_cmpstr (carto_map_document_get_title (document), ==, "Europe");
  g_assert_false (carto_map_document_get_modified (document));
  g_assert_cmpuint (title_changes, ==, 1);
  g_assert_cmpuint (file_changes, ==, 1);

  /* Save to its own file: nothing to rename. */
  carto_layer_set_title (carto_map_get_layer (map, 0), "Countries");
  g_assert_true (carto_map_document_get_modified (document));
  ok = save (document, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_false (carto_map_document_get_modified (document));
  g_assert_cmpuint (file_changes, ==, 1);

  loaded = load (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_false (carto_map_document_get_modified (loaded));
  g_assert_cmpstr (carto_map_document_get_title (loaded), ==, "Europe");
  g_assert_true (g_file_equal (carto_map_document_get_file (loaded), file));
  g_assert_cmpstr (carto_layer_get_title (carto_map_get_layer (carto_map_document_get_map (loaded), 0)), ==,
                   "Countries");

  /* Titles: the extension goes whatever its case; other names stay. */
  ok = save (document, upper, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carto_map_document_get_title (document), ==, "WORLD");
  ok = save (document, other, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carto_map_document_get_title (document), ==, "plain.json");

  /* A failed save changes nothing. */
  carto_layer_set_visible (carto_map_get_layer (map, 0), FALSE);
  ok = save (document, nowhere, &error);
  g_assert_error (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_NOT_FOUND);
  g_assert_false (ok);
  g_assert_true (g_file_equal (carto_map_document_get_file (document), other));
  g_assert_true (carto_map_document_get_modified (document));
  g_clear_error (&error);

  /* A load error names the file. */
  {
    g_autoptr(CartoMapDocument) none = load (nowhere, &error);

    g_assert_error (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_NOT_FOUND);
    g_assert_null (none);
    g_assert_nonnull (strstr (error->message, "“x.cartomap”"));
  }
}

/* A change made while the save is writing is not in the file: the
 * document stays modified. */
static void
test_change_during_save (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "busy.cartomap", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CartoMap) map = map_with ("t");
  g_autoptr(CartoMapDocument) document = carto_map_document_new (map);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoMapDocument) on_disk = NULL;
  gboolean ok;

  carto_map_document_set_modified (document, TRUE);
  carto_map_document_save_async (document, file, NULL, carto_test_result_cb, &result);
  carto_layer_set_title (carto_map_get_layer (map, 0), "edited meanwhile");
  ok = carto_map_document_save_finish (document, carto_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (g_file_equal (carto_map_document_get_file (document), file));
  g_assert_true (carto_map_document_get_modified (document));

  /* The file has the map as it was when the save began. */
  on_disk = load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (carto_layer_get_title (carto_map_get_layer (carto_map_document_get_map (on_disk), 0)), ==, "t");
}

/* The session */

static GPtrArray *
load_session (GFile   *session_file,
              GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_map_session_load_async (session_file, NULL, NULL, carto_test_result_cb, &result);
  return carto_map_session_load_finish (carto_test_wait_for_result (&result), error);
}

static gboolean
save_session (GPtrArray  *documents,
              GFile      *session_file,
              GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  carto_map_session_save_async (documents, session_file, NULL, carto_test_result_cb, &result);
  return carto_map_session_save_finish (carto_test_wait_for_result (&result), error);
}

static const char *
first_title (CartoMapDocument *document)
{
  return carto_layer_get_title (carto_map_get_layer (carto_map_document_get_map (document), 0));
}

static GFile *
session_file_in_state_dir (void)
{
  g_autofree char *path = g_build_filename (g_get_user_state_dir (), "carto-viewer", "session.json", NULL);

  return g_file_new_for_path (path);
}

static void
test_session_round_trip (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *changed_path = g_build_filename (dir, "changed.cartomap", NULL);
  g_autofree char *deleted_path = g_build_filename (dir, "deleted.cartomap", NULL);
  g_autofree char *gone_path = g_build_filename (dir, "gone.cartomap", NULL);
  g_autoptr(GFile) changed_file = g_file_new_for_path (changed_path);
  g_autoptr(GFile) deleted_file = g_file_new_for_path (deleted_path);
  g_autoptr(GFile) gone_file = g_file_new_for_path (gone_path);
  g_autoptr(GFile) session_file = session_file_in_state_dir ();
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) restored = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CartoMapDocument *untitled, *changed, *deleted, *gone;
  gboolean ok;

  /* An untitled map with unsaved work, one layer with its own key. */
  untitled = carto_map_document_new (NULL);
  {
    CartoLayer *layer = add_layer (carto_map_document_get_map (untitled), "scratch");
    g_autoptr(CartoCredentials) own = carto_credentials_new ("erin", all_keys[0], "https://erin.carto.com",
                                                             CARTO_CREDENTIALS_FLAGS_NONE, &error);

    g_assert_no_error (error);
    carto_layer_set_credentials (layer, own);
  }
  carto_map_set_center (carto_map_document_get_map (untitled), 12.5, 7.25);
  g_ptr_array_add (documents, untitled);

  /* Saved, unmodified; someone edits its file afterwards. */
  changed = carto_map_document_new (NULL);
  add_layer (carto_map_document_get_map (changed), "before");
  ok = save (changed, changed_file, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  /* Panned after the save: still unmodified, and the session keeps where. */
  carto_map_set_center (carto_map_document_get_map (changed), 33.0, 44.0);
  carto_map_set_zoom (carto_map_document_get_map (changed), 6.0);
  g_ptr_array_add (documents, changed);

  /* Saved, then edited, then its file deleted. */
  deleted = carto_map_document_new (NULL);
  add_layer (carto_map_document_get_map (deleted), "kept");
  ok = save (deleted, deleted_file, &error);
  g_assert_no_error (error);
  carto_layer_set_title (carto_map_get_layer (carto_map_document_get_map (deleted), 0), "kept edited");
  g_ptr_array_add (documents, deleted);

  /* Saved, unmodified, and its file deleted. */
  gone = carto_map_document_new (NULL);
  add_layer (carto_map_document_get_map (gone), "only in session");
  ok = save (gone, gone_file, &error);
  g_assert_no_error (error);
  g_ptr_array_add (documents, gone);

  g_assert_true (carto_map_document_get_modified (untitled));
  g_assert_false (carto_map_document_get_modified (changed));
  g_assert_true (carto_map_document_get_modified (deleted));
  g_assert_false (carto_map_document_get_modified (gone));

  /* The state folder does not exist yet: the save makes it. */
  ok = save_session (documents, session_file, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  /* What happens while the app is closed. */
  {
    g_autoptr(CartoMapDocument) edited_elsewhere = carto_map_document_new (NULL);

    add_layer (carto_map_document_get_map (edited_elsewhere), "after");
    ok = save (edited_elsewhere, changed_file, &error);
    g_assert_no_error (error);
  }
  ok = g_file_delete (deleted_file, NULL, &error);
  g_assert_no_error (error);
  ok = g_file_delete (gone_file, NULL, &error);
  g_assert_no_error (error);

  restored = load_session (session_file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (restored);
  g_assert_cmpuint (restored->len, ==, 4);

  untitled = g_ptr_array_index (restored, 0);
  g_assert_null (carto_map_document_get_file (untitled));
  g_assert_true (carto_map_document_get_modified (untitled));
  g_assert_cmpstr (first_title (untitled), ==, "scratch");
  g_assert_cmpfloat (carto_map_get_latitude (carto_map_document_get_map (untitled)), ==, 12.5);
  g_assert_cmpfloat (carto_map_get_longitude (carto_map_document_get_map (untitled)), ==, 7.25);
  g_assert_cmpstr (carto_source_get_account_username (carto_layer_get_source (
                     carto_map_get_layer (carto_map_document_get_map (untitled), 0))), ==, "erin");

  /* Unmodified: the file on disk wins over the session's copy. */
  changed = g_ptr_array_index (restored, 1);
  g_assert_true (g_file_equal (carto_map_document_get_file (changed), changed_file));
  g_assert_false (carto_map_document_get_modified (changed));
  g_assert_cmpstr (carto_map_document_get_title (changed), ==, "changed");
  g_assert_cmpstr (first_title (changed), ==, "after");
  /* …in the viewport the session left it in, not the file's. */
  g_assert_cmpfloat (carto_map_get_latitude (carto_map_document_get_map (changed)), ==, 33.0);
  g_assert_cmpfloat (carto_map_get_longitude (carto_map_document_get_map (changed)), ==, 44.0);
  g_assert_cmpfloat (carto_map_get_zoom (carto_map_document_get_map (changed)), ==, 6.0);

  /* Modified: the session's copy, its file remembered for Save. */
  deleted = g_ptr_array_index (restored, 2);
  g_assert_true (g_file_equal (carto_map_document_get_file (deleted), deleted_file));
  g_assert_true (carto_map_document_get_modified (deleted));
  g_assert_cmpstr (first_title (deleted), ==, "kept edited");

  /* Unmodified but its file is gone: only the session has it now. */
  gone = g_ptr_array_index (restored, 3);
  g_assert_true (g_file_equal (carto_map_document_get_file (gone), gone_file));
  g_assert_true (carto_map_document_get_modified (gone));
  g_assert_cmpstr (first_title (gone), ==, "only in session");

  /* Serialized and parsed without I/O, the session is the same. */
  bytes = carto_map_session_serialize (restored);
  {
    g_autoptr(GPtrArray) parsed = carto_map_session_parse (bytes, NULL, &error);
    g_autoptr(GBytes) again = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (parsed->len, ==, 4);
    again = carto_map_session_serialize (parsed);
    g_assert_true (g_bytes_equal (bytes, again));
  }
  carto_test_assert_no_secret_in_dir (g_get_user_state_dir (), all_keys);
}

static void
test_session_missing_and_broken (void)
{
  g_autoptr(GFile) session_file = session_file_in_state_dir ();
  g_autoptr(GFile) parent = g_file_get_parent (session_file);
  g_autoptr(GFile) broken_copy = g_file_get_child (parent, "session.json" CARTO_MAP_SESSION_BROKEN_SUFFIX);
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  const char *garbage = "{\"format\": \"carto-viewer-session\", \"version\": 1, \"maps\": [{\"map\": ";
  gboolean ok;

  /* No session yet: nothing to restore and nothing wrong. */
  none = load_session (session_file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (none);
  g_assert_cmpuint (none->len, ==, 0);

  ok = g_file_make_directory_with_parents (parent, NULL, &error);
  g_assert_no_error (error);
  ok = g_file_replace_contents (session_file, garbage, strlen (garbage), NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);

  {
    g_autoptr(GPtrArray) broken = load_session (session_file, &error);

    g_assert_error (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID);
    g_assert_null (broken);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "“session.json”"));
    g_assert_nonnull (strstr (error->message, "“session.json.broken”"));
    g_clear_error (&error);
  }

  /* Kept aside as it was, so the next session save loses nothing. */
  ok = g_file_load_contents (broken_copy, NULL, &kept, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpstr (kept, ==, garbage);

  /* Valid JSON with a broken map: kept aside too. */
  g_clear_pointer (&kept, g_free);
  {
    const char *bad_map = "{\"format\": \"carto-viewer-session\", \"version\": 1, \"maps\": "
                          "[{\"file\": null, \"map\": {\"format\": \"carto-viewer-map\", \"version\": 1, "
                          "\"layers\": [{\"source\": {}}]}}]}";
    g_autoptr(GPtrArray) broken = NULL;

    ok = g_file_replace_contents (session_file, bad_map, strlen (bad_map), NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, NULL, &error);
    g_assert_no_error (error);
    broken = load_session (session_file, &error);
    g_assert_error (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID_CONTENT);
    g_assert_null (broken);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "Map 1: Layer 1: "));
    g_clear_error (&error);
    ok = g_file_load_contents (broken_copy, NULL, &kept, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (kept, ==, bad_map);
  }
}

static void
test_session_parse_errors (void)
{
  const struct
  {
    const char *text;
    CartoMapFileError code;
    const char *part;
  } cases[] = {
    { "{\"format\": \"carto-viewer-map\", \"version\": 1}", CARTO_MAP_FILE_ERROR_NOT_A_MAP, "not a CARTO Viewer session" },
    { "{\"format\": \"carto-viewer-session\", \"version\": 9}", CARTO_MAP_FILE_ERROR_TOO_NEW, "format version 9" },
    { "{\"format\": \"carto-viewer-session\", \"version\": 1, \"maps\": 1}", CARTO_MAP_FILE_ERROR_INVALID_CONTENT, "“maps”" },
    { "{\"format\": \"carto-viewer-session\", \"version\": 1, \"maps\": [{}]}", CARTO_MAP_FILE_ERROR_INVALID_CONTENT, "Map 1: It has no “map”" },
    { "{\"format\": \"carto-viewer-session\", \"version\": 1, \"maps\": [{\"file\": 3, \"map\": {}}]}",
      CARTO_MAP_FILE_ERROR_INVALID_CONTENT, "“file”" },
    { "{\"format\": \"carto-viewer-session\", \"version\": 1, \"maps\": [{\"modified\": \"no\", \"map\": {}}]}",
      CARTO_MAP_FILE_ERROR_INVALID_CONTENT, "“modified”" },
    { "{\"format\": \"carto-viewer-session\", \"version\": 1, \"maps\": [{\"map\": {\"format\": \"x\"}}]}",
      CARTO_MAP_FILE_ERROR_NOT_A_MAP, "Map 1: It is not a CARTO Viewer map" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].text, strlen (cases[i].text));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) documents = carto_map_session_parse (bytes, NULL, &error);

      g_assert_error (error, CARTO_MAP_FILE_ERROR, (gint) cases[i].code);
      g_assert_null (documents);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].part));
    }
}

int
main (int   argc,
      char *argv[])
{
  carto_test_guard_secrets_in_logs (all_keys);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/map-document/modified", test_modified);
  g_test_add_func ("/map-document/save-and-load", test_save_and_load);
  g_test_add_func ("/map-document/change-during-save", test_change_during_save);
  g_test_add_func ("/map-session/round-trip", test_session_round_trip);
  g_test_add_func ("/map-session/missing-and-broken", test_session_missing_and_broken);
  g_test_add_func ("/map-session/parse-errors", test_session_parse_errors);

  return g_test_run ();
}
