/* carto-map-file.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Map files: a CartoMap as versioned JSON (docs/map-file-format.md), the
 * same object the session file embeds. Accounts are named by username and
 * base URL, never by key, and resolved through the credential store.
 *
 * Files are user input: every member is type-checked, values out of range
 * are refused (layer properties) or clamped as the map widget would
 * (the viewport), and the input is bounded before json-glib sees it (size,
 * UTF-8, nesting depth). Members this reader does not know are ignored, so
 * a later writer of version 1 may add optional members; the version only
 * rises for changes a version-1 reader would get wrong (a new style kind,
 * a member whose meaning changes), and such files are refused as TOO_NEW.
 *
 * Reading and parsing JSON run in a worker (carto-map-file-io.c, over
 * carto-map-file-json.c); the objects are built on the main thread, where
 * the credential store lives.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "carto-map-file-private.h"
#include "carto-tile-coord.h"

#define MAX_ZOOM 22.0

static char load_tag;

static gboolean
fail (GError           **error,
      CartoMapFileError  code,
      const char        *message)
{
  g_set_error_literal (error, CARTO_MAP_FILE_ERROR, code, message);
  return FALSE;
}

/* Members, type-checked: documents are user input, and json-glib's typed
 * getters are critical on a wrong type. */

static gboolean
wrong_type (GError    **error,
            const char *name,
            const char *message)
{
  g_set_error (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID_CONTENT, message, name);
  return FALSE;
}

/* NULL when @name is absent or null. */
static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

static gboolean
read_number (JsonObject *object,
             const char *name,
             double     *number,
             GError    **error)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64) ||
      !isfinite (json_node_get_double (node)))
    /* Translators: %s is a member of the map file, such as “zoom”. */
    return wrong_type (error, name, _("“%s” must be a number."));

  *number = json_node_get_double (node);
  return TRUE;
}

static gboolean
read_boolean (JsonObject *object,
              const char *name,
              gboolean   *value,
              GError    **error)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return wrong_type (error, name, _("“%s” must be true or false."));

  *value = json_node_get_boolean (node);
  return TRUE;
}

/* @text is left alone when the member is absent or null. */
static gboolean
read_string (JsonObject  *object,
             const char  *name,
             const char **text,
             GError     **error)
{
  JsonNode *node = get_member (object, name);

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return wrong_type (error, name, _("“%s” must be text."));

  *text = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_object (JsonObject  *object,
             const char  *name,
             JsonObject **member,
             GError     **error)
{
  JsonNode *node = get_member (object, name);

  *member = NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return wrong_type (error, name, _("“%s” must be an object."));

  *member = json_node_get_object (node);
  return TRUE;
}

/**
 * carto_map_file_check_header:
 * @root: a parsed file
 * @format: the `format` expected
 * @version: the newest version this code reads
 * @not_ours_message: what to say when @root is not of @format
 * @error: return location for a %CARTO_MAP_FILE_ERROR
 *
 * Returns: whether @root is an object of @format, at a version this code
 *   reads
 */
gboolean
carto_map_file_check_header (JsonNode    *root,
                             const char  *format,
                             int          version,
                             const char  *not_ours_message,
                             GError     **error)
{
  JsonObject *object;
  JsonNode *node;
  const char *found = NULL;
  gint64 found_version;
  g_autofree char *found_text = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, CARTO_MAP_FILE_ERROR_NOT_A_MAP, not_ours_message);

  object = json_node_get_object (root);
  node = get_member (object, "format");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    found = json_node_get_string (node);
  if (g_strcmp0 (found, format) != 0)
    return fail (error, CARTO_MAP_FILE_ERROR_NOT_A_MAP, not_ours_message);

  node = get_member (object, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < 1)
    return fail (error, CARTO_MAP_FILE_ERROR_INVALID_CONTENT, _("“version” must be a whole number from 1 up."));

  found_version = json_node_get_int (node);
  if (found_version > version)
    {
      found_text = g_strdup_printf ("%" G_GINT64_FORMAT, found_version);
      g_set_error (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_TOO_NEW,
                   /* Translators: %s and %d are format version numbers. */
                   _("It was made by a newer version of CARTO Viewer (format version %s); this version reads "
                     "format version %d. Update CARTO Viewer to open it."),
                   found_text, version);
      return FALSE;
    }

  return TRUE;
}

/* The map object */

static JsonNode *
account_to_json (CartoLayer *layer)
{
  CartoCredentials *own = carto_layer_get_credentials (layer);
  CartoSource *source = carto_layer_get_source (layer);
  const char *username = carto_source_get_account_username (source);
  const char *base_url = carto_source_get_account_base_url (source);
  g_autoptr(JsonBuilder) builder = NULL;

  /* A layer's own credentials win over its source's (CartoLayer), so they
   * are the account it is read with. Never the key. */
  if (own != NULL)
    {
      username = carto_credentials_get_username (own);
      base_url = carto_credentials_get_base_url (own);
    }

  if (username == NULL)
    return json_node_new (JSON_NODE_NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "username");
  json_builder_add_string_value (builder, username);
  json_builder_set_member_name (builder, "base_url");
  json_builder_add_string_value (builder, base_url);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
add_layer (JsonBuilder *builder,
           CartoLayer  *layer)
{
  CartoSource *source = carto_layer_get_source (layer);
  const char *title = carto_layer_get_title (layer);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "title");
  if (title != NULL)
    json_builder_add_string_value (builder, title);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "source");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, carto_source_is_query (source) ? "sql" : "table");
  json_builder_add_string_value (builder, carto_source_get_data (source));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "account");
  json_builder_add_value (builder, account_to_json (layer));

  json_builder_set_member_name (builder, "style");
  json_builder_add_value (builder, carto_style_to_json (carto_layer_get_style (layer)));

  json_builder_set_member_name (builder, "visible");
  json_builder_add_boolean_value (builder, carto_layer_get_visible (layer));
  json_builder_set_member_name (builder, "opacity");
  json_builder_add_double_value (builder, carto_layer_get_opacity (layer));
  json_builder_set_member_name (builder, "aggregation");
  json_builder_add_boolean_value (builder, carto_layer_get_aggregation (layer));

  json_builder_end_object (builder);
}

/**
 * carto_map_file_map_to_json:
 * @map: a map
 *
 * Returns: (transfer full): @map as the JSON object of a map file
 */
JsonNode *
carto_map_file_map_to_json (CartoMap *map)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CartoBounds bounds;

  g_return_val_if_fail (CARTO_IS_MAP (map), NULL);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, CARTO_MAP_FILE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, CARTO_MAP_FILE_VERSION);
  json_builder_set_member_name (builder, "basemap");
  json_builder_add_string_value (builder, carto_basemap_get_nick (carto_map_get_basemap (map)));

  json_builder_set_member_name (builder, "viewport");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "latitude");
  json_builder_add_double_value (builder, carto_map_get_latitude (map));
  json_builder_set_member_name (builder, "longitude");
  json_builder_add_double_value (builder, carto_map_get_longitude (map));
  json_builder_set_member_name (builder, "zoom");
  json_builder_add_double_value (builder, carto_map_get_zoom (map));
  /* Bounds still to fit (the widget had no size yet) outlive the save. */
  if (carto_map_get_bounds (map, &bounds))
    {
      json_builder_set_member_name (builder, "bounds");
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, bounds.west);
      json_builder_add_double_value (builder, bounds.south);
      json_builder_add_double_value (builder, bounds.east);
      json_builder_add_double_value (builder, bounds.north);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "layers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < carto_map_get_n_layers (map); i++)
    add_layer (builder, carto_map_get_layer (map, i));
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
read_viewport (JsonObject *root,
               CartoMap   *map,
               GError    **error)
{
  JsonObject *viewport;
  JsonNode *node;
  double latitude = 0.0, longitude = 0.0, zoom = 1.0;

  if (!read_object (root, "viewport", &viewport, error))
    return FALSE;
  if (viewport == NULL)
    return TRUE;

  /* Where the view was is clamped as the map widget clamps it. */
  if (!read_number (viewport, "latitude", &latitude, error) ||
      !read_number (viewport, "longitude", &longitude, error) ||
      !read_number (viewport, "zoom", &zoom, error))
    return FALSE;

  carto_map_set_center (map, latitude, longitude);
  carto_map_set_zoom (map, CLAMP (zoom, 0.0, MAX_ZOOM));

  node = get_member (viewport, "bounds");
  if (node != NULL)
    {
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
      double values[4];
      CartoBounds bounds;

      if (array == NULL || json_array_get_length (array) != 4)
        return wrong_type (error, "bounds", _("“%s” must be a list of four numbers: west, south, east, north."));

      for (guint i = 0; i < 4; i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              (json_node_get_value_type (element) != G_TYPE_DOUBLE &&
               json_node_get_value_type (element) != G_TYPE_INT64) ||
              !isfinite (json_node_get_double (element)))
            return wrong_type (error, "bounds", _("“%s” must be a list of four numbers: west, south, east, north."));
          values[i] = json_node_get_double (element);
        }

      bounds.west = values[0];
      bounds.south = CLAMP (values[1], -90.0, 90.0);
      bounds.east = values[2];
      bounds.north = CLAMP (values[3], -90.0, 90.0);
      if (bounds.south > bounds.north)
        return wrong_type (error, "bounds", _("In “%s”, south must not be above north."));
      carto_map_set_bounds (map, &bounds);
    }

  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

static CartoSource *
read_source (JsonObject           *layer,
             JsonObject           *account,
             CartoCredentialStore *store,
             GError              **error)
{
  g_autoptr(CartoCredentials) checked = NULL;
  g_autoptr(GError) account_error = NULL;
  JsonObject *source;
  const char *table = NULL, *sql = NULL, *data;
  const char *username = NULL, *base_url = NULL;

  if (!read_object (layer, "source", &source, error))
    return NULL;
  if (source == NULL)
    {
      fail (error, CARTO_MAP_FILE_ERROR_INVALID_CONTENT, _("It has no “source”."));
      return NULL;
    }
  if (!read_string (source, "table", &table, error) || !read_string (source, "sql", &sql, error))
    return NULL;

  if ((table == NULL) == (sql == NULL))
    {
      fail (error, CARTO_MAP_FILE_ERROR_INVALID_CONTENT,
            _("Its “source” must have either a “table” or an “sql” query."));
      return NULL;
    }

  data = table != NULL ? table : sql;
  if (is_blank (data))
    {
      fail (error, CARTO_MAP_FILE_ERROR_INVALID_CONTENT, _("Its source is empty."));
      return NULL;
    }
  /* One rule tells tables from queries (carto_source_data_is_query): a
   * member that the rule reads the other way would change meaning. */
  if (table != NULL && carto_source_data_is_query (table))
    {
      fail (error, CARTO_MAP_FILE_ERROR_INVALID_CONTENT,
            _("Its “table” holds an SQL query: queries go in “sql”."));
      return NULL;
    }
  if (sql != NULL && !carto_source_data_is_query (sql))
    {
      fail (error, CARTO_MAP_FILE_ERROR_INVALID_CONTENT, _("Its “sql” query must start with SELECT or WITH."));
      return NULL;
    }

  if (account == NULL)
    return carto_source_new_for_account (data, NULL, NULL, store);

  if (!read_string (account, "username", &username, error) || !read_string (account, "base_url", &base_url, error))
    return NULL;
  if (username == NULL || base_url == NULL || *username == '\0' || *base_url == '\0')
    {
      fail (error, CARTO_MAP_FILE_ERROR_INVALID_CONTENT,
            _("Its “account” must have a “username” and a “base_url”, or be null for the default account."));
      return NULL;
    }

  /* Validated and normalized as the keyring's accounts are, so the lookup
   * matches them; the key is a placeholder that is never used. */
  checked = carto_credentials_new (username, NULL, base_url, CARTO_CREDENTIALS_ALLOW_NON_SECURE, &account_error);
  if (checked == NULL)
    {
      g_set_error (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID_CONTENT,
                   _("Its account is not valid: %s"), account_error->message);
      return NULL;
    }

  return carto_source_new_for_account (data, carto_credentials_get_username (checked),
                                       carto_credentials_get_base_url (checked), store);
}

static CartoLayer *
read_layer (JsonObject           *object,
            CartoCredentialStore *store,
            GError              **error)
{
  g_autoptr(CartoSource) source = NULL;
  g_autoptr(CartoStyle) style = NULL;
  g_autoptr(GError) style_error = NULL;
  CartoLayer *layer;
  JsonObject *account;
  JsonNode *style_node;
  const char *title = NULL;
  gboolean visible = TRUE, aggregation = FALSE;
  double opacity = 1.0;

  if (!read_string (object, "title", &title, error) ||
      !read_object (object, "account", &account, error) ||
      !read_boolean (object, "visible", &visible, error) ||
      !read_number (object, "opacity", &opacity, error) ||
      !read_boolean (object, "aggregation", &aggregation, error))
    return NULL;

  /* A layer's properties are refused out of range: no writer makes them. */
  if (opacity < 0.0 || opacity > 1.0)
    {
      fail (error, CARTO_MAP_FILE_ERROR_INVALID_CONTENT, _("Its “opacity” must be a number from 0 to 1."));
      return NULL;
    }

  source = read_source (object, account, store, error);
  if (source == NULL)
    return NULL;

  style_node = get_member (object, "style");
  if (style_node != NULL)
    {
      style = carto_style_new_from_json (style_node, &style_error);
      if (style == NULL)
        {
          g_set_error_literal (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID_CONTENT,
                               style_error->message);
          return NULL;
        }
    }

  layer = carto_layer_new (source, style);
  carto_layer_set_title (layer, title);
  carto_layer_set_visible (layer, visible);
  carto_layer_set_opacity (layer, opacity);
  carto_layer_set_aggregation (layer, aggregation);
  return layer;
}

static gboolean
read_layers (JsonObject           *root,
             CartoMap             *map,
             CartoCredentialStore *store,
             GError              **error)
{
  JsonNode *node = get_member (root, "layers");
  JsonArray *array;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return wrong_type (error, "layers", _("“%s” must be a list."));

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(CartoLayer) layer = NULL;
      JsonObject *object;
      const char *title = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          /* Translators: %u is the layer's position in the file, from 1. */
          g_set_error (error, CARTO_MAP_FILE_ERROR, CARTO_MAP_FILE_ERROR_INVALID_CONTENT,
                       _("Layer %u is not an object."), i + 1);
          return FALSE;
        }
      object = json_node_get_object (element);

      layer = read_layer (object, store, error);
      if (layer == NULL)
        {
          /* Name the layer as the user knows it, when its title reads. */
          if (read_string (object, "title", &title, NULL) && title != NULL && !is_blank (title))
            {
              g_autofree char *shown = g_utf8_substring (title, 0, MIN (g_utf8_strlen (title, -1), 60));

              /* Translators: %u is the layer's position, %s its title. */
              g_prefix_error (error, _("Layer %u (“%s”): "), i + 1, shown);
            }
          else
            g_prefix_error (error, _("Layer %u: "), i + 1);
          return FALSE;
        }

      carto_map_append_layer (map, layer);
    }

  return TRUE;
}

/**
 * carto_map_file_map_from_json:
 * @node: a map file's root object
 * @store: (nullable): where the layers' accounts are resolved
 * @error: return location for a %CARTO_MAP_FILE_ERROR
 *
 * Checks the format and version, then builds the map. Main thread only:
 * sources watch @store.
 *
 * Returns: (transfer full) (nullable): the map
 */
CartoMap *
carto_map_file_map_from_json (JsonNode             *node,
                              CartoCredentialStore *store,
                              GError              **error)
{
  g_autoptr(CartoMap) map = NULL;
  JsonObject *root;
  const char *nick = NULL;
  CartoBasemap basemap = CARTO_BASEMAP_EMBEDDED;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (store == NULL || CARTO_IS_CREDENTIAL_STORE (store), NULL);

  if (!carto_map_file_check_header (node, CARTO_MAP_FILE_FORMAT, CARTO_MAP_FILE_VERSION,
                                    _("It is not a CARTO Viewer map."), error))
    return NULL;

  root = json_node_get_object (node);
  map = carto_map_new ();

  if (!read_string (root, "basemap", &nick, error))
    return NULL;
  /* A basemap this version lacks is decoration, not content: the map
   * still opens, over the built-in one. */
  if (nick != NULL && !carto_basemap_from_nick (nick, &basemap))
    g_debug ("Unknown basemap “%s” in a map file; using the built-in one", nick);
  carto_map_set_basemap (map, basemap);

  if (!read_viewport (root, map, error) || !read_layers (root, map, store, error))
    return NULL;

  return g_steal_pointer (&map);
}

/**
 * carto_map_file_serialize:
 * @map: a map
 *
 * Writes @map in the map file format: every layer with its source, the
 * account it is read with (username and base URL only, never a key), its
 * style and properties; the basemap and the viewport.
 *
 * Returns: (transfer full): the file's content, pretty-printed UTF-8 JSON
 *   ending in a newline
 */
GBytes *
carto_map_file_serialize (CartoMap *map)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (CARTO_IS_MAP (map), NULL);

  root = carto_map_file_map_to_json (map);
  return carto_map_file_json_to_bytes (root);
}

/**
 * carto_map_file_parse:
 * @bytes: a map file's content
 * @store: (nullable): where the layers' accounts are resolved; %NULL
 *   leaves every named account missing
 * @error: return location for a %CARTO_MAP_FILE_ERROR
 *
 * Reads a map file's content, without I/O. Everything is validated: the
 * error says what is wrong (and in which layer) in the user's terms,
 * without naming the file; carto_map_file_load_async() adds its name.
 *
 * Returns: (transfer full) (nullable): the map, or %NULL with @error set
 */
CartoMap *
carto_map_file_parse (GBytes               *bytes,
                      CartoCredentialStore *store,
                      GError              **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (store == NULL || CARTO_IS_CREDENTIAL_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = carto_map_file_parse_json (bytes, error);
  if (root == NULL)
    return NULL;

  return carto_map_file_map_from_json (root, store, error);
}

/* Loading and saving maps */

typedef struct
{
  CartoCredentialStore *store;
  char *display_name;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_free (data->display_name);
  g_free (data);
}

static void
load_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  CartoMap *map;

  root = carto_map_file_read_json_finish (result, &error);
  if (root == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  map = carto_map_file_map_from_json (root, data->store, &error);
  if (map == NULL)
    {
      g_prefix_error (&error, _("Could not open “%s”. "), data->display_name);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, map, g_object_unref);
}

/**
 * carto_map_file_load_async:
 * @file: a map file
 * @store: (nullable): where the layers' accounts are resolved
 * @cancellable: (nullable): cancels the load
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Reads and parses @file in a worker, then builds the map on the main
 * thread. Files over %CARTO_MAP_FILE_MAX_SIZE, folders and special files
 * are refused. Layers naming accounts @store lacks are kept (see
 * #CartoLayer:account-missing).
 */
void
carto_map_file_load_async (GFile                *file,
                           CartoCredentialStore *store,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (store == NULL || CARTO_IS_CREDENTIAL_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, &load_tag);
  data = g_new0 (LoadData, 1);
  data->store = store != NULL ? g_object_ref (store) : NULL;
  data->display_name = carto_map_file_dup_display_name (file);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  carto_map_file_read_json_async (file, CARTO_MAP_FILE_MAX_SIZE, cancellable, load_read_cb, g_steal_pointer (&task));
}

/**
 * carto_map_file_load_finish:
 * @result: the result passed to the callback
 * @error: return location for a %CARTO_MAP_FILE_ERROR whose message
 *   names the file, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the map
 */
CartoMap *
carto_map_file_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &load_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * carto_map_file_save_async:
 * @map: the map to save
 * @file: where to save it
 * @cancellable: (nullable): cancels the save; the old file stays
 * @callback: called on the main context
 * @user_data: for @callback
 *
 * Serializes @map now (later edits are not part of this save) and
 * replaces @file atomically with it.
 */
void
carto_map_file_save_async (CartoMap            *map,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (CARTO_IS_MAP (map));
  g_return_if_fail (G_IS_FILE (file));

  bytes = carto_map_file_serialize (map);
  carto_map_file_write_bytes_async (file, bytes, FALSE, cancellable, callback, user_data);
}

/**
 * carto_map_file_save_finish:
 * @result: the result passed to the callback
 * @error: return location for a %CARTO_MAP_FILE_ERROR whose message
 *   names the file, or %G_IO_ERROR_CANCELLED
 *
 * Returns: whether the map was saved
 */
gboolean
carto_map_file_save_finish (GAsyncResult  *result,
                            GError       **error)
{
  return carto_map_file_write_bytes_finish (result, error);
}
