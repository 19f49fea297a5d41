/* carto-basemap.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CARTO's raster basemaps (docs/carto-api.md §7): URL templates,
 * attribution, and the basemap API key. CARTO watermarks keyless tiles; how
 * its tile servers take the key is undocumented, so it goes in the `api_key`
 * query parameter as every CARTO API accepts it. The URL with the key is
 * built only at send time and is never logged (carto_http_redact_uri) nor
 * used as a cache key.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "carto-basemap.h"

typedef struct
{
  const char *nick;
  const char *title;
  const char *style;
} BasemapInfo;

static const BasemapInfo basemaps[] = {
  [CARTO_BASEMAP_EMBEDDED] = { "embedded", N_("World (offline)"), NULL },
  [CARTO_BASEMAP_POSITRON] = { "positron", N_("Positron"), "light_all" },
  [CARTO_BASEMAP_DARK_MATTER] = { "dark-matter", N_("Dark Matter"), "dark_all" },
  [CARTO_BASEMAP_VOYAGER] = { "voyager", N_("Voyager"), "rastertiles/voyager" },
};

static const SecretSchema *
basemap_key_schema (void)
{
  static const SecretSchema schema = {
    .name = BASE_ID ".BasemapKey",
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

#define KEY_SERVICE "carto-basemaps"

/* Source tags: addresses of static data, since ISO C forbids turning a
 * function pointer into a gpointer. */
static const char lookup_tag[] = "carto_basemap_key_lookup_async";
static const char store_tag[] = "carto_basemap_key_store_async";
static const char clear_tag[] = "carto_basemap_key_clear_async";

/**
 * carto_basemap_get_nick:
 * @basemap: a basemap
 *
 * Returns: the stable name used in settings and map documents
 */
const char *
carto_basemap_get_nick (CartoBasemap basemap)
{
  g_return_val_if_fail (basemap <= CARTO_BASEMAP_LAST, NULL);

  return basemaps[basemap].nick;
}

/**
 * carto_basemap_from_nick:
 * @nick: a name from carto_basemap_get_nick()
 * @basemap: (out): the basemap
 *
 * Returns: whether @nick names a basemap
 */
gboolean
carto_basemap_from_nick (const char   *nick,
                         CartoBasemap *basemap)
{
  g_return_val_if_fail (basemap != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (basemaps); i++)
    if (g_strcmp0 (nick, basemaps[i].nick) == 0)
      {
        *basemap = (CartoBasemap) i;
        return TRUE;
      }

  return FALSE;
}

/**
 * carto_basemap_get_title:
 * @basemap: a basemap
 *
 * Returns: the translated name shown to people
 */
const char *
carto_basemap_get_title (CartoBasemap basemap)
{
  g_return_val_if_fail (basemap <= CARTO_BASEMAP_LAST, NULL);

  return g_dgettext (GETTEXT_PACKAGE, basemaps[basemap].title);
}

/**
 * carto_basemap_is_remote:
 * @basemap: a basemap
 *
 * Returns: whether tiles come from CARTO's servers
 */
gboolean
carto_basemap_is_remote (CartoBasemap basemap)
{
  g_return_val_if_fail (basemap <= CARTO_BASEMAP_LAST, FALSE);

  return basemaps[basemap].style != NULL;
}

/**
 * carto_basemap_dup_tile_url:
 * @basemap: a remote basemap
 * @zoom: 0–20
 * @x: tile column
 * @y: tile row
 * @double_resolution: ask for the 512 px `@2x` tile (HiDPI)
 *
 * The subdomain is picked from the tile so the same tile always has the
 * same URL. The basemap key is not part of it: it is added at send time.
 *
 * Returns: (transfer full) (nullable): the tile's URL, or %NULL for the
 *   embedded basemap
 */
char *
carto_basemap_dup_tile_url (CartoBasemap basemap,
                            guint        zoom,
                            guint        x,
                            guint        y,
                            gboolean     double_resolution)
{
  static const char subdomains[] = "abcd";

  g_return_val_if_fail (basemap <= CARTO_BASEMAP_LAST, NULL);

  if (!carto_basemap_is_remote (basemap))
    return NULL;

  return g_strdup_printf ("https://%c.basemaps.cartocdn.com/%s/%u/%u/%u%s.png",
                          subdomains[(x + y) % 4],
                          basemaps[basemap].style,
                          zoom, x, y,
                          double_resolution ? "@2x" : "");
}

/**
 * carto_basemap_get_attribution:
 * @basemap: a basemap
 *
 * Returns: the attribution its licence requires (§7)
 */
const char *
carto_basemap_get_attribution (CartoBasemap basemap)
{
  g_return_val_if_fail (basemap <= CARTO_BASEMAP_LAST, NULL);

  if (!carto_basemap_is_remote (basemap))
    return _("Made with Natural Earth");

  return _("© CARTO © OpenMapTiles © OpenStreetMap contributors");
}

/**
 * carto_basemap_get_attribution_uri:
 * @basemap: a basemap
 *
 * Returns: where the attribution links to
 */
const char *
carto_basemap_get_attribution_uri (CartoBasemap basemap)
{
  g_return_val_if_fail (basemap <= CARTO_BASEMAP_LAST, NULL);

  if (!carto_basemap_is_remote (basemap))
    return "https://www.naturalearthdata.com/";

  return "https://carto.com/attributions";
}

/**
 * carto_basemap_get_max_zoom:
 * @basemap: a basemap
 *
 * Returns: the deepest zoom level with tiles
 */
guint
carto_basemap_get_max_zoom (CartoBasemap basemap)
{
  g_return_val_if_fail (basemap <= CARTO_BASEMAP_LAST, 0);

  /* CARTO serves 0–20 (§7); the embedded map is drawn, not
   * fetched, and is allowed as deep: 1:110m just gets coarse. */
  return 20;
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *key = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, key, (GDestroyNotify) secret_password_free);
}

/**
 * carto_basemap_key_lookup_async:
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Looks the basemap API key up in the keyring.
 */
void
carto_basemap_key_lookup_async (GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, (gpointer) lookup_tag);
  secret_password_lookup (basemap_key_schema (), cancellable, lookup_cb, task,
                          "service", KEY_SERVICE,
                          NULL);
}

/**
 * carto_basemap_key_lookup_finish:
 * @result: the result
 * @error: return location for an error (the keyring could not be read)
 *
 * Returns: (transfer full) (nullable): the key, or %NULL without an error
 *   when none is stored
 */
char *
carto_basemap_key_lookup_finish (GAsyncResult *result,
                                 GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
boolean_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  gboolean is_store = g_task_get_source_tag (task) == (gpointer) store_tag;

  if (is_store)
    secret_password_store_finish (result, &error);
  else
    secret_password_clear_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * carto_basemap_key_store_async:
 * @key: the API key from https://carto.com/basemaps/apikey
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Stores (or replaces) the basemap API key in the keyring.
 */
void
carto_basemap_key_store_async (const char          *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (key != NULL && *key != '\0');

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) store_tag);
  secret_password_store (basemap_key_schema (), SECRET_COLLECTION_DEFAULT,
                         _("CARTO basemaps API key"),
                         key, cancellable, boolean_cb, task,
                         "service", KEY_SERVICE,
                         NULL);
}

/**
 * carto_basemap_key_store_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: whether the key was stored
 */
gboolean
carto_basemap_key_store_finish (GAsyncResult *result,
                                GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * carto_basemap_key_clear_async:
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Removes the basemap API key from the keyring.
 */
void
carto_basemap_key_clear_async (GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, (gpointer) clear_tag);
  secret_password_clear (basemap_key_schema (), cancellable, boolean_cb, task,
                         "service", KEY_SERVICE,
                         NULL);
}

/**
 * carto_basemap_key_clear_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: whether the keyring could be updated
 */
gboolean
carto_basemap_key_clear_finish (GAsyncResult *result,
                                GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
