/* viewer-window.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: a shell around one map. It holds the header bar (the
 * account switcher, the basemap switcher, the primary menu), the sidebar
 * (layers and datasets), the map view and the toasts, owns the CartoMap
 * they all show, and hands the context and the map down as properties.
 * What its widgets ask of it goes through its actions.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-account-banner.h"
#include "viewer-account-switcher.h"
#include "viewer-basemap-key-dialog.h"
#include "viewer-datasets-panel.h"
#include "viewer-layer-request.h"
#include "viewer-layers-panel.h"
#include "viewer-map-view.h"
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

  /* Owned references */
  ViewerContext *context;
  CartoMap *map;
  GSimpleAction *basemap_action;
};

G_DEFINE_FINAL_TYPE (ViewerWindow, viewer_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  g_return_if_fail (CARTO_IS_MAP (map));

  if (self->map == map)
    return;

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  g_set_object (&self->map, map);
  g_signal_connect_object (map, "notify::basemap", G_CALLBACK (on_map_basemap_cb), self, G_CONNECT_SWAPPED);
  update_basemap_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
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

static gboolean
viewer_window_close_request (GtkWindow *window)
{
  save_state (VIEWER_WINDOW (window));

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
  g_autoptr(CartoMap) map = NULL;

  G_OBJECT_CLASS (viewer_window_parent_class)->constructed (object);

  g_assert (VIEWER_IS_CONTEXT (self->context));

  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  restore_state (self);

  self->basemap_action = g_simple_action_new_stateful ("basemap", G_VARIANT_TYPE_STRING,
                                                       g_variant_new_string (carto_basemap_get_nick (CARTO_BASEMAP_EMBEDDED)));
  g_signal_connect_object (self->basemap_action, "change-state", G_CALLBACK (on_basemap_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (self->basemap_action));
  map = create_map (self);
  set_map (self, map);

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

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  /* A toast's button may still name it: nothing must reach a disposed
   * window through it. */
  g_action_map_remove_action (G_ACTION_MAP (self), "basemap");
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_WINDOW);

  g_clear_object (&self->basemap_action);
  g_clear_object (&self->map);
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
    case PROP_MAP:
      set_map (self, g_value_get_object (value));
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
   * ViewerWindow:map:
   *
   * The map the window shows and edits; the sidebar and the map view
   * follow it when it is replaced.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, CARTO_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

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

  gtk_widget_class_install_action (widget_class, VIEWER_LAYER_REQUEST_ACTION, "a{sv}", viewer_window_add_layer_action);
  gtk_widget_class_install_action (widget_class, "win.basemap-key", NULL, viewer_window_basemap_key_action);
  gtk_widget_class_install_action (widget_class, "win.sql-console", NULL, viewer_window_sql_console_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, viewer_window_zoom_in_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, viewer_window_zoom_out_action);

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
