/* viewer-recent-maps.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The maps opened or saved lately, as the Open Recent menu: the desktop's
 * recent files (GtkRecentManager, shared with the file chooser and other
 * apps) of our MIME type, newest first, files that no longer exist left
 * out. The menu is rebuilt whenever that list changes, in any program.
 */

#include "config.h"

#include <carto.h>
#include <string.h>

#include "viewer-recent-maps.h"

struct _ViewerRecentMaps
{
  GObject parent_instance;

  /* Owned references */
  GtkRecentManager *manager;
  GMenu *menu;
};

G_DEFINE_FINAL_TYPE (ViewerRecentMaps, viewer_recent_maps, G_TYPE_OBJECT)

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  GtkRecentInfo *info_a = (GtkRecentInfo *) a;
  GtkRecentInfo *info_b = (GtkRecentInfo *) b;

  return g_date_time_compare (gtk_recent_info_get_modified (info_b), gtk_recent_info_get_modified (info_a));
}

/* The name as the window title shows it, and underscores kept: a menu
 * label reads them as mnemonics. */
static char *
dup_label (GtkRecentInfo *info)
{
  g_autofree char *name = g_strdup (gtk_recent_info_get_display_name (info));
  gsize len = strlen (name), ext_len = strlen (CARTO_MAP_FILE_EXTENSION);
  g_auto(GStrv) parts = NULL;

  if (len > ext_len && g_ascii_strcasecmp (name + len - ext_len, CARTO_MAP_FILE_EXTENSION) == 0)
    name[len - ext_len] = '\0';
  parts = g_strsplit (name, "_", -1);
  return g_strjoinv ("__", parts);
}

static void
rebuild (ViewerRecentMaps *self)
{
  g_autolist(GtkRecentInfo) items = NULL;
  GList *maps = NULL;
  guint n = 0;

  items = gtk_recent_manager_get_items (self->manager);
  for (GList *l = items; l != NULL; l = l->next)
    if (g_strcmp0 (gtk_recent_info_get_mime_type (l->data), CARTO_MAP_FILE_MIME_TYPE) == 0 &&
        gtk_recent_info_exists (l->data))
      maps = g_list_prepend (maps, l->data);
  maps = g_list_sort (maps, compare_newest_first);

  g_menu_remove_all (self->menu);
  for (GList *l = maps; l != NULL && n < VIEWER_RECENT_MAPS_MAX; l = l->next, n++)
    {
      g_autofree char *label = dup_label (l->data);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, VIEWER_RECENT_MAPS_ACTION,
                                               g_variant_new_string (gtk_recent_info_get_uri (l->data)));
      g_menu_append_item (self->menu, item);
    }
  g_list_free (maps);
}

static void
on_manager_changed_cb (ViewerRecentMaps *self)
{
  rebuild (self);
}

static void
viewer_recent_maps_dispose (GObject *object)
{
  ViewerRecentMaps *self = VIEWER_RECENT_MAPS (object);

  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_clear_object (&self->manager);
  g_clear_object (&self->menu);

  G_OBJECT_CLASS (viewer_recent_maps_parent_class)->dispose (object);
}

static void
viewer_recent_maps_class_init (ViewerRecentMapsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = viewer_recent_maps_dispose;
}

static void
viewer_recent_maps_init (ViewerRecentMaps *self)
{
  self->menu = g_menu_new ();
}

/**
 * viewer_recent_maps_new:
 * @manager: (nullable): the recent files, or %NULL for the desktop's
 *
 * Returns: (transfer full): the recent maps, kept up to date
 */
ViewerRecentMaps *
viewer_recent_maps_new (GtkRecentManager *manager)
{
  ViewerRecentMaps *self;

  g_return_val_if_fail (manager == NULL || GTK_IS_RECENT_MANAGER (manager), NULL);

  self = g_object_new (VIEWER_TYPE_RECENT_MAPS, NULL);
  self->manager = g_object_ref (manager != NULL ? manager : gtk_recent_manager_get_default ());
  g_signal_connect_swapped (self->manager, "changed", G_CALLBACK (on_manager_changed_cb), self);
  rebuild (self);
  return self;
}

/**
 * viewer_recent_maps_get_menu:
 * @self: the recent maps
 *
 * Returns: (transfer none): a menu of up to %VIEWER_RECENT_MAPS_MAX
 *   maps, newest first, each activating %VIEWER_RECENT_MAPS_ACTION with
 *   its URI; empty when there is none
 */
GMenuModel *
viewer_recent_maps_get_menu (ViewerRecentMaps *self)
{
  g_return_val_if_fail (VIEWER_IS_RECENT_MAPS (self), NULL);

  return G_MENU_MODEL (self->menu);
}

/**
 * viewer_recent_maps_add:
 * @self: the recent maps
 * @file: a map just opened or saved
 *
 * Adds @file to the desktop's recent files as one of our maps.
 */
void
viewer_recent_maps_add (ViewerRecentMaps *self,
                        GFile            *file)
{
  g_autofree char *uri = NULL;
  g_autofree char *exec = NULL;
  GtkRecentData data = { 0 };

  g_return_if_fail (VIEWER_IS_RECENT_MAPS (self));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  exec = g_strconcat (g_get_prgname () != NULL ? g_get_prgname () : "carto-viewer", " %u", NULL);
  data.mime_type = (char *) CARTO_MAP_FILE_MIME_TYPE;
  data.app_name = (char *) (g_get_application_name () != NULL ? g_get_application_name () : "carto-viewer");
  data.app_exec = exec;
  if (!gtk_recent_manager_add_full (self->manager, uri, &data))
    g_debug ("Could not add a map to the recent files");
}
