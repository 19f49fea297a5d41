/* viewer-window.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: a shell around one map document. It holds the header
 * bar (the document's title, the account switcher, the basemap switcher,
 * the primary menu), the sidebar (layers and datasets), the map view and
 * the toasts, owns the CartoMapDocument they all show, and hands the
 * context and the document's map down as properties. What its widgets ask
 * of it goes through its actions.
 *
 * The document: New Window, Open (into this window while it holds a
 * pristine map, else into a new one; a map already open elsewhere
 * presents that window), Save, Save As, and the question about unsaved
 * changes before the window closes.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-account-banner.h"
#include "viewer-account-switcher.h"
#include "viewer-basemap-key-dialog.h"
#include "viewer-datasets-panel.h"
#include "viewer-layer-request.h"
#include "viewer-layers-panel.h"
#include "viewer-map-dialogs.h"
#include "viewer-map-view.h"
#include "viewer-recent-maps.h"
#include "viewer-sql-console.h"
#include "viewer-toast.h"
#include "viewer-window.h"

struct _ViewerWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  ViewerMapView *map_view;
  GtkLabel *basemap_key_label;
  GtkButton *basemap_key_button;
  GtkMenuButton *basemap_button;
  AdwFlap *flap;
  ViewerLayersPanel *layers_panel;
  ViewerDatasetsPanel *datasets_panel;
  ViewerAccountSwitcher *account_switcher;
  ViewerAccountBanner *account_banner;
  AdwWindowTitle *window_title;
  GMenu *file_section;

  /* Owned references */
  ViewerContext *context;
  CartoMapDocument *document;
  GSimpleAction *basemap_action;
  ViewerRecentMaps *recent_maps;
  GMenuItem *recent_item;
  GCancellable *cancellable;
  /* The files this window is opening, so a second request does not open
   * one twice. */
  GPtrArray *opening;

  /* Borrowed references */
  CartoMap *map;

  /* State */
  gboolean claimed;
  gboolean recent_shown;
  gboolean asking;
  gboolean changes_discarded;
};

G_DEFINE_FINAL_TYPE (ViewerWindow, viewer_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_DOCUMENT,
  PROP_MAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char save_tag;
static char confirm_tag;

/* Where "Open Recent" goes in the file section: after "Open…". */
#define RECENT_ITEM_POSITION 1

static GSettings *
settings (ViewerWindow *self)
{
  return viewer_context_get_settings (self->context);
}

static void
update_basemap_key_ui (ViewerWindow *self)
{
  if (viewer_context_get_basemap_key (self->context) != NULL)
    {
      gtk_label_set_text (self->basemap_key_label,
                          _("CARTO tiles are loaded with your basemap API key, kept in the keyring."));
      gtk_button_set_label (self->basemap_key_button, _("Change API Key…"));
    }
  else
    {
      gtk_label_set_text (self->basemap_key_label,
                          _("Without a basemap API key, CARTO shows a watermark on its tiles. "
                            "The built-in world map needs no key."));
      gtk_button_set_label (self->basemap_key_button, _("Set API Key…"));
    }
}

static void
on_basemap_key_notify_cb (ViewerWindow *self)
{
  update_basemap_key_ui (self);
}

static void
on_basemap_key_changed_cb (ViewerBasemapKeyDialog *dialog,
                           const char             *key,
                           ViewerWindow           *self)
{
  viewer_context_set_basemap_key (self->context, key);
}

static void
on_basemap_key_failed_cb (ViewerBasemapKeyDialog *dialog,
                          GError                 *error,
                          ViewerWindow           *self)
{
  viewer_toast_show (GTK_WIDGET (self), adw_toast_new (error->message));
}

/* The switcher's state is the shown map's basemap. */
static void
update_basemap_state (ViewerWindow *self)
{
  const char *nick = carto_basemap_get_nick (carto_map_get_basemap (self->map));

  g_simple_action_set_state (self->basemap_action, g_variant_new_string (nick));
}

static void
on_map_basemap_cb (ViewerWindow *self)
{
  update_basemap_state (self);
}

/* A basemap picked for this map is also the one new maps start with. */
static void
on_basemap_change_state_cb (GSimpleAction *action,
                            GVariant      *value,
                            ViewerWindow  *self)
{
  const char *nick = g_variant_get_string (value, NULL);
  CartoBasemap basemap;

  if (!carto_basemap_from_nick (nick, &basemap))
    return;

  g_settings_set_string (settings (self), "basemap", nick);
  carto_map_set_basemap (self->map, basemap);
}

static void
set_map (ViewerWindow *self,
         CartoMap     *map)
{
  if (self->map == map)
    return;

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  self->map = map;
  g_signal_connect_object (map, "notify::basemap", G_CALLBACK (on_map_basemap_cb), self, G_CONNECT_SWAPPED);
  update_basemap_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

/* "• " before the name while there are unsaved changes, as GNOME Text
 * Editor marks them; window lists get the application's name too. */
static void
update_title (ViewerWindow *self)
{
  const char *title = carto_map_document_get_title (self->document);
  g_autofree char *shown = NULL;
  g_autofree char *window_title = NULL;

  if (carto_map_document_get_modified (self->document))
    shown = g_strdup_printf ("• %s", title);
  else
    shown = g_strdup (title);

  adw_window_title_set_title (self->window_title, shown);
  /* Translators: the window's title in window lists; %s is the map's title */
  window_title = g_strdup_printf (_("%s — CARTO Viewer"), shown);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/* A new map starts over the basemap last picked. */
static CartoMap *
create_map (ViewerWindow *self)
{
  g_autofree char *nick = g_settings_get_string (settings (self), "basemap");
  CartoBasemap basemap = CARTO_BASEMAP_EMBEDDED;
  CartoMap *map = carto_map_new ();

  carto_basemap_from_nick (nick, &basemap);
  carto_map_set_basemap (map, basemap);
  return map;
}

/* "Open Recent" is there when there is something to open. */
static void
update_recent_item (ViewerWindow *self)
{
  gboolean any = g_menu_model_get_n_items (viewer_recent_maps_get_menu (self->recent_maps)) > 0;

  if (any == self->recent_shown)
    return;

  if (any)
    g_menu_insert_item (self->file_section, RECENT_ITEM_POSITION, self->recent_item);
  else
    g_menu_remove (self->file_section, RECENT_ITEM_POSITION);
  self->recent_shown = any;
}

static void
on_recent_changed_cb (ViewerWindow *self)
{
  update_recent_item (self);
}

static void
on_document_title_cb (ViewerWindow *self)
{
  update_title (self);
}

static gboolean
is_pristine (ViewerWindow *self)
{
  return !self->claimed && carto_map_document_get_file (self->document) == NULL &&
         !carto_map_document_get_modified (self->document) && carto_map_get_n_layers (self->map) == 0;
}

static GtkApplication *
application (ViewerWindow *self)
{
  return gtk_window_get_application (GTK_WINDOW (self));
}

/* Opening */

typedef struct
{
  ViewerWindow *window;
  GFile *file;
  gboolean into_window;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->window);
  g_clear_object (&data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenData, open_data_free)

static gboolean
is_opening (ViewerWindow *self,
            GFile        *file)
{
  for (guint i = 0; i < self->opening->len; i++)
    if (g_file_equal (g_ptr_array_index (self->opening, i), file))
      return TRUE;

  return FALSE;
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(OpenData) data = user_data;
  ViewerWindow *self = data->window;
  g_autoptr(CartoMapDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  document = carto_map_document_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_ptr_array_remove (self->opening, data->file);
  if (data->into_window)
    self->claimed = FALSE;

  if (document == NULL)
    {
      /* The map shown stays as it was. */
      viewer_map_dialogs_show_error (GTK_WINDOW (self), data->file, FALSE, error);
      return;
    }

  viewer_recent_maps_add (self->recent_maps, data->file);

  /* Still empty (nothing was added meanwhile): the map goes here. */
  if (data->into_window && is_pristine (self))
    {
      viewer_window_set_document (self, document);
      gtk_window_present (GTK_WINDOW (self));
    }
  else if (application (self) != NULL)
    {
      ViewerWindow *window = viewer_window_new_for_document (ADW_APPLICATION (application (self)),
                                                             self->context, document);

      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
open_files_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ViewerWindow) self = user_data;
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(GError) error = NULL;

  files = viewer_map_dialogs_choose_open_finish (result, &error);
  if (files == NULL)
    return;

  for (guint i = 0; i < files->len; i++)
    viewer_window_open_file (self, g_ptr_array_index (files, i));
}

static void
viewer_window_open_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ViewerWindow *self = VIEWER_WINDOW (widget);

  viewer_map_dialogs_choose_open_async (GTK_WINDOW (self), self->cancellable, open_files_cb, g_object_ref (self));
}

static void
viewer_window_open_recent_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  viewer_window_open_file (VIEWER_WINDOW (widget), file);
}

static void
viewer_window_new_window_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  ViewerWindow *self = VIEWER_WINDOW (widget);
  ViewerWindow *window;

  if (application (self) == NULL)
    return;

  window = viewer_window_new (ADW_APPLICATION (application (self)), self->context);
  gtk_window_present (GTK_WINDOW (window));
}

/* Saving: an async operation, so closing can wait for it. Failures are
 * said here, in a dialog; the caller only learns whether it saved. */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ViewerWindow *self = g_task_get_source_object (task);
  CartoMapDocument *document = CARTO_MAP_DOCUMENT (object);
  GFile *file = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!carto_map_document_save_finish (document, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        viewer_map_dialogs_show_error (GTK_WINDOW (self), file, TRUE, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  viewer_recent_maps_add (self->recent_maps, file);
  g_task_return_boolean (task, TRUE);
}

static void
save_to (GTask *task,
         GFile *file)
{
  ViewerWindow *self = g_task_get_source_object (task);

  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  carto_map_document_save_async (self->document, file, g_task_get_cancellable (task), saved_cb, task);
}

static void
save_chosen_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  file = viewer_map_dialogs_choose_save_finish (result, &error);
  if (file == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  save_to (g_steal_pointer (&task), file);
}

/* Save As, or Save into the document's own file; an untitled map is
 * always asked where. */
static void
save_async (ViewerWindow        *self,
            gboolean             choose,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, callback, user_data);
  GFile *file = carto_map_document_get_file (self->document);

  g_task_set_source_tag (task, &save_tag);

  if (!choose && file != NULL)
    {
      save_to (g_steal_pointer (&task), file);
      return;
    }

  viewer_map_dialogs_choose_save_async (GTK_WINDOW (self), carto_map_document_get_title (self->document), file,
                                        self->cancellable, save_chosen_cb, g_steal_pointer (&task));
}

static gboolean
save_finish (ViewerWindow  *self,
             GAsyncResult  *result,
             GError       **error)
{
  g_assert (g_task_is_valid (result, self));

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
save_action_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A failure was said in a dialog; a cancelled chooser is no failure. */
  if (!save_finish (VIEWER_WINDOW (object), result, &error))
    g_debug ("Not saved: %s", error->message);
}

static void
viewer_window_save_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  save_async (VIEWER_WINDOW (widget), FALSE, save_action_cb, NULL);
}

static void
viewer_window_save_as_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  save_async (VIEWER_WINDOW (widget), TRUE, save_action_cb, NULL);
}

/* Closing */

static void
confirm_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ViewerWindow *self = VIEWER_WINDOW (object);
  g_autoptr(GError) error = NULL;

  self->asking = FALSE;
  /* Not saved (the chooser cancelled, the disk full): the window stays. */
  if (save_finish (self, result, &error))
    g_task_return_int (task, VIEWER_WINDOW_CLOSE);
  else
    g_task_return_int (task, VIEWER_WINDOW_KEEP_OPEN);
}

static void
confirm_answered_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ViewerWindow *self = g_task_get_source_object (task);

  switch (viewer_map_dialogs_ask_save_changes_finish (result))
    {
    case VIEWER_SAVE_CHANGES_SAVE:
      save_async (self, FALSE, confirm_saved_cb, g_steal_pointer (&task));
      return;
    case VIEWER_SAVE_CHANGES_DISCARD:
      self->asking = FALSE;
      g_task_return_int (task, VIEWER_WINDOW_CLOSE_DISCARDING);
      return;
    case VIEWER_SAVE_CHANGES_CANCEL:
    default:
      self->asking = FALSE;
      g_task_return_int (task, VIEWER_WINDOW_KEEP_OPEN);
      return;
    }
}

static void
close_confirmed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ViewerWindow) self = user_data;

  switch (viewer_window_confirm_close_finish (self, result))
    {
    case VIEWER_WINDOW_CLOSE_DISCARDING:
      self->changes_discarded = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
      break;
    case VIEWER_WINDOW_CLOSE:
      gtk_window_destroy (GTK_WINDOW (self));
      break;
    case VIEWER_WINDOW_KEEP_OPEN:
    default:
      break;
    }
}

static void
viewer_window_basemap_key_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  ViewerWindow *self = VIEWER_WINDOW (widget);
  ViewerBasemapKeyDialog *dialog;

  dialog = viewer_basemap_key_dialog_new (GTK_WINDOW (self), viewer_context_get_basemap_key (self->context) != NULL);
  g_signal_connect_object (dialog, "key-changed", G_CALLBACK (on_basemap_key_changed_cb), self, 0);
  g_signal_connect_object (dialog, "failed", G_CALLBACK (on_basemap_key_failed_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Every path that adds a layer asks here: see viewer-layer-request.c. */
static void
viewer_window_add_layer_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  ViewerWindow *self = VIEWER_WINDOW (widget);

  viewer_layer_request_add (parameter, self->map, viewer_context_get_credential_store (self->context), widget);
}

static void
viewer_window_sql_console_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  ViewerWindow *self = VIEWER_WINDOW (widget);

  viewer_sql_console_present (GTK_WINDOW (self), self->context, NULL);
}

static void
viewer_window_zoom_in_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  viewer_map_view_zoom_in (VIEWER_WINDOW (widget)->map_view);
}

static void
viewer_window_zoom_out_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  viewer_map_view_zoom_out (VIEWER_WINDOW (widget)->map_view);
}

static void
restore_state (ViewerWindow *self)
{
  GSettings *s = settings (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (s, "window-width"),
                               g_settings_get_int (s, "window-height"));
  if (g_settings_get_boolean (s, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_state (ViewerWindow *self)
{
  GSettings *s = settings (self);
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  /* One write for all keys, once, at close: never on every resize. */
  g_settings_delay (s);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (s, "window-width", MAX (width, 360));
      g_settings_set_int (s, "window-height", MAX (height, 294));
    }
  g_settings_set_boolean (s, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (s);
}

/* Unsaved changes are asked about first; the answer closes the window,
 * or not. */
static gboolean
viewer_window_close_request (GtkWindow *window)
{
  ViewerWindow *self = VIEWER_WINDOW (window);

  save_state (self);

  if (carto_map_document_get_modified (self->document))
    {
      if (!self->asking)
        viewer_window_confirm_close_async (self, NULL, close_confirmed_cb, g_object_ref (self));
      return TRUE;
    }

  return GTK_WINDOW_CLASS (viewer_window_parent_class)->close_request (window);
}

/* Every widget of the window gets the context and the map from here, and
 * follows a new map. Bound in code rather than in the .ui: the .ui
 * validator (tests/validate/test-ui-file.c) builds the template on a
 * stand-in class, which has neither property. */
static void
hand_down (ViewerWindow *self)
{
  GObject *with_context[] = {
    G_OBJECT (self->account_switcher), G_OBJECT (self->account_banner), G_OBJECT (self->layers_panel),
    G_OBJECT (self->datasets_panel), G_OBJECT (self->map_view),
  };
  GObject *with_map[] = {
    G_OBJECT (self->layers_panel), G_OBJECT (self->datasets_panel), G_OBJECT (self->map_view),
  };

  for (guint i = 0; i < G_N_ELEMENTS (with_context); i++)
    g_object_bind_property (self, "context", with_context[i], "context", G_BINDING_SYNC_CREATE);
  for (guint i = 0; i < G_N_ELEMENTS (with_map); i++)
    g_object_bind_property (self, "map", with_map[i], "map", G_BINDING_SYNC_CREATE);
}

static void
viewer_window_constructed (GObject *object)
{
  ViewerWindow *self = VIEWER_WINDOW (object);
  g_autoptr(CartoMapDocument) document = g_steal_pointer (&self->document);

  G_OBJECT_CLASS (viewer_window_parent_class)->constructed (object);

  g_assert (VIEWER_IS_CONTEXT (self->context));

  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  restore_state (self);

  self->basemap_action = g_simple_action_new_stateful ("basemap", G_VARIANT_TYPE_STRING,
                                                       g_variant_new_string (carto_basemap_get_nick (CARTO_BASEMAP_EMBEDDED)));
  g_signal_connect_object (self->basemap_action, "change-state", G_CALLBACK (on_basemap_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (self->basemap_action));
  if (document == NULL)
    {
      g_autoptr(CartoMap) map = create_map (self);

      document = carto_map_document_new (map);
    }
  viewer_window_set_document (self, document);

  self->recent_maps = viewer_recent_maps_new (NULL);
  self->recent_item = g_menu_item_new_submenu (_("Open _Recent"), viewer_recent_maps_get_menu (self->recent_maps));
  g_signal_connect_object (viewer_recent_maps_get_menu (self->recent_maps), "items-changed",
                           G_CALLBACK (on_recent_changed_cb), self, G_CONNECT_SWAPPED);
  update_recent_item (self);

  g_settings_bind (settings (self), "layers-sidebar-visible", self->flap, "reveal-flap", G_SETTINGS_BIND_DEFAULT);
  hand_down (self);

  g_signal_connect_object (self->context, "notify::basemap-key",
                           G_CALLBACK (on_basemap_key_notify_cb), self, G_CONNECT_SWAPPED);
  update_basemap_key_ui (self);
}

static void
viewer_window_dispose (GObject *object)
{
  ViewerWindow *self = VIEWER_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  /* A toast's button may still name it: nothing must reach a disposed
   * window through it. */
  g_action_map_remove_action (G_ACTION_MAP (self), "basemap");
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_WINDOW);

  self->map = NULL;
  g_clear_object (&self->basemap_action);
  g_clear_object (&self->recent_item);
  g_clear_object (&self->recent_maps);
  g_clear_object (&self->document);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->opening, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (viewer_window_parent_class)->dispose (object);
}

static void
viewer_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ViewerWindow *self = VIEWER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ViewerWindow *self = VIEWER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_DOCUMENT:
      /* At construction, constructed() takes it (or makes a new one). */
      if (self->basemap_action == NULL)
        g_set_object (&self->document, g_value_get_object (value));
      else if (g_value_get_object (value) != NULL)
        viewer_window_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_window_class_init (ViewerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = viewer_window_constructed;
  object_class->dispose = viewer_window_dispose;
  object_class->get_property = viewer_window_get_property;
  object_class->set_property = viewer_window_set_property;
  window_class->close_request = viewer_window_close_request;

  /**
   * ViewerWindow:context:
   *
   * The application's services, handed to every widget of the window.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VIEWER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerWindow:document:
   *
   * The map document the window shows and edits: a new untitled one when
   * none is given. Replaced when a file opens into a pristine window.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, CARTO_TYPE_MAP_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerWindow:map:
   *
   * The document's map; the sidebar and the map view follow it when the
   * document is replaced.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, CARTO_TYPE_MAP,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VIEWER_TYPE_MAP_VIEW);
  g_type_ensure (VIEWER_TYPE_LAYERS_PANEL);
  g_type_ensure (VIEWER_TYPE_DATASETS_PANEL);
  g_type_ensure (VIEWER_TYPE_ACCOUNT_SWITCHER);
  g_type_ensure (VIEWER_TYPE_ACCOUNT_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, account_switcher);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, account_banner);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, basemap_key_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, basemap_key_button);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, basemap_button);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, layers_panel);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, datasets_panel);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, file_section);

  gtk_widget_class_install_action (widget_class, VIEWER_LAYER_REQUEST_ACTION, "a{sv}", viewer_window_add_layer_action);
  gtk_widget_class_install_action (widget_class, "win.basemap-key", NULL, viewer_window_basemap_key_action);
  gtk_widget_class_install_action (widget_class, "win.sql-console", NULL, viewer_window_sql_console_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, viewer_window_zoom_in_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, viewer_window_zoom_out_action);
  gtk_widget_class_install_action (widget_class, "win.new-window", NULL, viewer_window_new_window_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, viewer_window_open_action);
  gtk_widget_class_install_action (widget_class, VIEWER_RECENT_MAPS_ACTION, "s", viewer_window_open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, viewer_window_save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, viewer_window_save_as_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.sql-console", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
}

static void
viewer_window_init (ViewerWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->opening = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * viewer_window_new:
 * @application: the application
 * @context: the application's services
 *
 * Returns: (transfer full): a new main window, on a new map
 */
ViewerWindow *
viewer_window_new (AdwApplication *application,
                   ViewerContext  *context)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (VIEWER_IS_CONTEXT (context), NULL);

  return g_object_new (VIEWER_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

/**
 * viewer_window_new_for_document:
 * @application: the application
 * @context: the application's services
 * @document: the map to show
 *
 * Returns: (transfer full): a new main window on @document
 */
ViewerWindow *
viewer_window_new_for_document (AdwApplication   *application,
                                ViewerContext    *context,
                                CartoMapDocument *document)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (VIEWER_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (CARTO_IS_MAP_DOCUMENT (document), NULL);

  return g_object_new (VIEWER_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       "document", document,
                       NULL);
}

/**
 * viewer_window_get_document:
 * @self: a window
 *
 * Returns: (transfer none): the document the window shows
 */
CartoMapDocument *
viewer_window_get_document (ViewerWindow *self)
{
  g_return_val_if_fail (VIEWER_IS_WINDOW (self), NULL);

  return self->document;
}

/**
 * viewer_window_set_document:
 * @self: a window
 * @document: the document to show instead
 *
 * Shows another document: its title, its map in the sidebar and the map
 * view. The old one is dropped as it is, unsaved changes included: the
 * caller replaces only a pristine document (viewer_window_get_pristine()).
 */
void
viewer_window_set_document (ViewerWindow     *self,
                            CartoMapDocument *document)
{
  g_return_if_fail (VIEWER_IS_WINDOW (self));
  g_return_if_fail (CARTO_IS_MAP_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  g_signal_connect_object (document, "notify::title", G_CALLBACK (on_document_title_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::modified", G_CALLBACK (on_document_title_cb), self, G_CONNECT_SWAPPED);

  g_object_freeze_notify (G_OBJECT (self));
  set_map (self, carto_map_document_get_map (document));
  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * viewer_window_get_pristine:
 * @self: a window
 *
 * Returns: whether the window holds a map nobody has worked on (untitled,
 *   unmodified, without layers) and is not opening a file into it: a map
 *   opened now can take its place
 */
gboolean
viewer_window_get_pristine (ViewerWindow *self)
{
  g_return_val_if_fail (VIEWER_IS_WINDOW (self), FALSE);

  return is_pristine (self);
}

/**
 * viewer_window_get_opening:
 * @self: a window
 *
 * Returns: whether the window is opening maps
 */
gboolean
viewer_window_get_opening (ViewerWindow *self)
{
  g_return_val_if_fail (VIEWER_IS_WINDOW (self), FALSE);

  return self->opening->len > 0;
}

/**
 * viewer_window_get_changes_discarded:
 * @self: a window
 *
 * Returns: whether the window closed because its unsaved changes were
 *   discarded (the person answered Discard)
 */
gboolean
viewer_window_get_changes_discarded (ViewerWindow *self)
{
  g_return_val_if_fail (VIEWER_IS_WINDOW (self), FALSE);

  return self->changes_discarded;
}

/**
 * viewer_window_open_file:
 * @self: the window asking
 * @file: a map file
 *
 * Opens @file: a window already showing it is presented; otherwise it is
 * read, then shown in @self if @self is still pristine, or in a new
 * window. A file that cannot be opened is said in a dialog over @self,
 * whose map stays as it was.
 */
void
viewer_window_open_file (ViewerWindow *self,
                         GFile        *file)
{
  OpenData *data;
  GtkApplication *app;

  g_return_if_fail (VIEWER_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  app = application (self);
  for (GList *l = app != NULL ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    {
      ViewerWindow *window = l->data;
      GFile *shown;

      if (!VIEWER_IS_WINDOW (window))
        continue;
      shown = carto_map_document_get_file (window->document);
      if (shown != NULL && g_file_equal (shown, file))
        {
          gtk_window_present (GTK_WINDOW (window));
          return;
        }
      if (is_opening (window, file))
        return;
    }
  if (is_opening (self, file))
    return;

  data = g_new0 (OpenData, 1);
  data->window = g_object_ref (self);
  data->file = g_object_ref (file);
  data->into_window = is_pristine (self);
  /* Not pristine while a map is on its way into it. */
  if (data->into_window)
    self->claimed = TRUE;
  g_ptr_array_add (self->opening, g_object_ref (file));

  carto_map_document_load_async (file, viewer_context_get_credential_store (self->context), self->cancellable,
                                 open_cb, data);
}

/**
 * viewer_window_confirm_close_async:
 * @self: a window
 * @cancellable: (nullable): a cancellable
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * Before the window closes (or the application quits): with unsaved
 * changes, presents the window and asks to Save, Discard or Cancel
 * (viewer-map-dialogs.c); Save goes through Save As for an untitled map.
 * Without changes, answers at once that it may close.
 */
void
viewer_window_confirm_close_async (ViewerWindow        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VIEWER_IS_WINDOW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, &confirm_tag);

  if (!carto_map_document_get_modified (self->document))
    {
      g_task_return_int (task, VIEWER_WINDOW_CLOSE);
      return;
    }
  /* Already asked, by the close button or by quitting. */
  if (self->asking)
    {
      g_task_return_int (task, VIEWER_WINDOW_KEEP_OPEN);
      return;
    }

  self->asking = TRUE;
  gtk_window_present (GTK_WINDOW (self));
  viewer_map_dialogs_ask_save_changes_async (GTK_WINDOW (self), carto_map_document_get_title (self->document),
                                             cancellable, confirm_answered_cb, g_steal_pointer (&task));
}

/**
 * viewer_window_confirm_close_finish:
 * @self: a window
 * @result: the result passed to the callback
 *
 * Returns: whether the window may close, and how
 */
ViewerWindowCloseAnswer
viewer_window_confirm_close_finish (ViewerWindow *self,
                                    GAsyncResult *result)
{
  g_return_val_if_fail (VIEWER_IS_WINDOW (self), VIEWER_WINDOW_KEEP_OPEN);
  g_return_val_if_fail (g_task_is_valid (result, self), VIEWER_WINDOW_KEEP_OPEN);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == &confirm_tag, VIEWER_WINDOW_KEEP_OPEN);

  return (ViewerWindowCloseAnswer) g_task_propagate_int (G_TASK (result), NULL);
}

/**
 * viewer_window_get_map:
 * @self: a window
 *
 * Returns: (transfer none): the map the window shows
 */
CartoMap *
viewer_window_get_map (ViewerWindow *self)
{
  g_return_val_if_fail (VIEWER_IS_WINDOW (self), NULL);

  return self->map;
}

/**
 * viewer_window_get_map_view:
 * @self: a window
 *
 * Returns: (transfer none): the widget showing the map
 */
ViewerMapView *
viewer_window_get_map_view (ViewerWindow *self)
{
  g_return_val_if_fail (VIEWER_IS_WINDOW (self), NULL);

  return self->map_view;
}
