/* viewer-window.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "viewer-account-banner.h"
#include "viewer-account-switcher.h"
#include "viewer-basemap-key-dialog.h"
#include "viewer-basemap-source.h"
#include "viewer-datasets-panel.h"
#include "viewer-feature-popover.h"
#include "viewer-layers-panel.h"
#include "viewer-map-layers.h"
#include "viewer-sql-console.h"
#include "viewer-tile-source.h"
#include "viewer-window.h"
#include "viewer-world-map.h"

struct _ViewerWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  AdwToastOverlay *toast_overlay;
  ShumateSimpleMap *map;
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
  CartoMap *carto_map;
  ViewerMapLayers *map_layers;
  ViewerFeaturePopover *feature_popover;
  CartoHighlightPainter *highlight_painter;
  ShumateMapLayer *highlight_layer;
  guint highlight_generation;
  ViewerWorldMap *world;
  ShumateMapLayer *basemap_layer;
  ShumateMapSource *basemap_renderer;
  ViewerBasemapSource *basemap_data_source;
  GCancellable *cancellable;

  /* State */
  guint scale_factor;
  gboolean basemap_failure_shown;
};

G_DEFINE_FINAL_TYPE (ViewerWindow, viewer_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
map_scale_factor (ViewerWindow *self)
{
  return (guint) MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

static GSettings *
settings (ViewerWindow *self)
{
  return viewer_context_get_settings (self->context);
}

/* Data layers sit above the CARTO basemap when there is one, else above
 * the embedded map. */
static void
update_layers_anchor (ViewerWindow *self)
{
  if (self->map_layers == NULL)
    return;

  if (self->basemap_layer != NULL)
    viewer_map_layers_set_anchor (self->map_layers, SHUMATE_LAYER (self->basemap_layer));
  else
    viewer_map_layers_set_anchor (self->map_layers, viewer_world_map_get_layer (self->world));
}

static CartoTilePainter *
make_layer_painter (CartoLayer *layer,
                    gpointer    user_data)
{
  ViewerWindow *self = user_data;

  return CARTO_TILE_PAINTER (carto_layer_painter_new (layer, viewer_context_get_soup_session (self->context)));
}

/* Directly above the embedded map, below every data layer. */
static void
insert_above_base_layer (ViewerWindow *self,
                         ShumateLayer *layer)
{
  shumate_map_insert_layer_above (shumate_simple_map_get_map (self->map), layer,
                                  viewer_world_map_get_layer (self->world));
}

static void
remove_basemap_layer (ViewerWindow *self)
{
  if (self->basemap_layer == NULL)
    return;

  shumate_map_remove_layer (shumate_simple_map_get_map (self->map), SHUMATE_LAYER (self->basemap_layer));
  shumate_license_remove_map_source (shumate_simple_map_get_license (self->map), self->basemap_renderer);
  g_clear_object (&self->basemap_layer);
  g_clear_object (&self->basemap_renderer);
  g_clear_object (&self->basemap_data_source);
  update_layers_anchor (self);
}

/* Toasts are one line in libadwaita 1.2: a short reason, not the whole
 * error message. */
static const char *
short_reason (const GError *error)
{
  if (error->domain != CARTO_HTTP_ERROR)
    return _("unexpected answer");

  switch ((CartoHttpError) error->code)
    {
    case CARTO_HTTP_ERROR_OFFLINE:
      return _("no connection");
    case CARTO_HTTP_ERROR_TIMEOUT:
      return _("the server is not answering");
    case CARTO_HTTP_ERROR_TLS:
      return _("secure connection failed");
    case CARTO_HTTP_ERROR_UNAUTHORIZED:
    case CARTO_HTTP_ERROR_FORBIDDEN:
      return _("the basemap key was refused");
    case CARTO_HTTP_ERROR_RATE_LIMITED:
      return _("too many requests");
    case CARTO_HTTP_ERROR_SERVER:
      return _("server error");
    case CARTO_HTTP_ERROR_NOT_FOUND:
    case CARTO_HTTP_ERROR_BAD_RESPONSE:
    case CARTO_HTTP_ERROR_FAILED:
    default:
      return _("unexpected answer");
    }
}

static void
on_basemap_tile_failed_cb (ViewerBasemapSource *source,
                           GError              *error,
                           ViewerWindow        *self)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* One message per choice of basemap: a viewport can fail 30 tiles. */
  if (self->basemap_failure_shown)
    return;
  self->basemap_failure_shown = TRUE;

  /* Translators: "Positron unavailable (no connection). Showing the built-in map." */
  title = g_strdup_printf (_("%s unavailable (%s). Showing the built-in map."),
                           carto_basemap_get_title (viewer_basemap_source_get_basemap (source)),
                           short_reason (error));
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 8);
  adw_toast_set_button_label (toast, _("Use World Map"));
  adw_toast_set_action_name (toast, "win.basemap");
  adw_toast_set_action_target_value (toast, g_variant_new_string ("embedded"));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
apply_basemap (ViewerWindow *self)
{
  g_autoptr(ViewerBasemapSource) data_source = NULL;
  g_autofree char *id = NULL;
  g_autofree char *nick = g_settings_get_string (settings (self), "basemap");
  CartoBasemap basemap = CARTO_BASEMAP_EMBEDDED;
  gboolean hidpi = map_scale_factor (self) > 1;
  const char *test_base_uri = g_getenv ("CARTO_VIEWER_BASEMAP_URL");
  const char *key = viewer_context_get_basemap_key (self->context);

  carto_basemap_from_nick (nick, &basemap);
  remove_basemap_layer (self);
  self->basemap_failure_shown = FALSE;

  /* The embedded map stays underneath: it is what shows where CARTO tiles
   * fail, so going offline degrades instead of going blank. */
  if (!carto_basemap_is_remote (basemap))
    return;

  data_source = viewer_basemap_source_new (viewer_context_get_soup_session (self->context),
                                           basemap, hidpi, key);
  if (test_base_uri != NULL && *test_base_uri != '\0')
    viewer_basemap_source_set_base_uri (data_source, test_base_uri);
  g_signal_connect_object (data_source, "tile-failed",
                           G_CALLBACK (on_basemap_tile_failed_cb), self, 0);
  self->basemap_data_source = g_object_ref (data_source);

  /* The id names key and resolution: a cached keyless (watermarked) tile
   * must not outlive the key, nor a 1× tile a move to HiDPI. */
  id = g_strdup_printf ("carto-basemap-%s%s%s", carto_basemap_get_nick (basemap),
                        hidpi ? "-2x" : "", key != NULL ? "-key" : "");
  self->basemap_renderer = SHUMATE_MAP_SOURCE (
    shumate_raster_renderer_new_full (id,
                                      carto_basemap_get_title (basemap),
                                      carto_basemap_get_attribution (basemap),
                                      carto_basemap_get_attribution_uri (basemap),
                                      0, carto_basemap_get_max_zoom (basemap),
                                      256, SHUMATE_MAP_PROJECTION_MERCATOR,
                                      SHUMATE_DATA_SOURCE (data_source)));
  self->basemap_layer = g_object_ref (
    shumate_map_layer_new (self->basemap_renderer,
                           shumate_simple_map_get_viewport (self->map)));
  insert_above_base_layer (self, SHUMATE_LAYER (self->basemap_layer));
  shumate_license_append_map_source (shumate_simple_map_get_license (self->map), self->basemap_renderer);
  update_layers_anchor (self);
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
  apply_basemap (self);
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
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
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

static void
viewer_window_sql_console_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  viewer_sql_console_present (VIEWER_WINDOW (widget), NULL);
}

static void
viewer_window_zoom_in_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  shumate_map_zoom_in (shumate_simple_map_get_map (VIEWER_WINDOW (widget)->map));
}

static void
viewer_window_zoom_out_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  shumate_map_zoom_out (shumate_simple_map_get_map (VIEWER_WINDOW (widget)->map));
}

/* Topmost visible layer first: what the person sees is what they click. */
static gboolean
pick_feature (ViewerWindow       *self,
              double              latitude,
              double              longitude,
              CartoLayer        **layer,
              CartoLayerPainter **painter_out,
              gint64             *cartodb_id)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  guint zoom = (guint) MAX (0.0, floor (shumate_viewport_get_zoom_level (viewport)));

  for (guint i = carto_map_get_n_layers (self->carto_map); i > 0; i--)
    {
      CartoLayer *candidate = carto_map_get_layer (self->carto_map, i - 1);
      CartoTilePainter *painter = viewer_map_layers_get_painter (self->map_layers, i - 1);

      if (!carto_layer_get_visible (candidate) || !CARTO_IS_LAYER_PAINTER (painter))
        continue;

      if (carto_layer_painter_pick (CARTO_LAYER_PAINTER (painter), zoom, longitude, latitude, 4.0, cartodb_id))
        {
          *layer = candidate;
          if (painter_out != NULL)
            *painter_out = CARTO_LAYER_PAINTER (painter);
          return TRUE;
        }
    }

  return FALSE;
}

/* The halo sits above every data layer; a new highlight is a new source
 * id, so libshumate repaints it (from decoded tiles: no request). */
static void
on_highlight_changed_cb (CartoTilePainter *painter,
                         ViewerWindow     *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  g_autoptr(ViewerTileSource) source = NULL;
  g_autofree char *id = NULL;

  if (self->highlight_layer != NULL)
    {
      shumate_map_remove_layer (map, SHUMATE_LAYER (self->highlight_layer));
      g_clear_object (&self->highlight_layer);
    }

  if (carto_highlight_painter_get_feature (self->highlight_painter) < 0)
    return;

  id = g_strdup_printf ("carto-highlight-%u", ++self->highlight_generation);
  source = viewer_tile_source_new (painter, id, map_scale_factor (self));
  self->highlight_layer = g_object_ref_sink (shumate_map_layer_new (SHUMATE_MAP_SOURCE (source),
                                                                    shumate_simple_map_get_viewport (self->map)));
  shumate_map_insert_layer_above (map, SHUMATE_LAYER (self->highlight_layer),
                                  viewer_map_layers_get_top_layer (self->map_layers));
}

static void
on_map_motion_cb (GtkEventControllerMotion *motion,
                  double                    x,
                  double                    y,
                  ViewerWindow             *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  double latitude, longitude;

  shumate_viewport_widget_coords_to_location (shumate_simple_map_get_viewport (self->map),
                                              GTK_WIDGET (map), x, y, &latitude, &longitude);
  viewer_window_hover_location (self, latitude, longitude);
}

static void
on_map_leave_cb (GtkEventControllerMotion *motion,
                 ViewerWindow             *self)
{
  carto_highlight_painter_set_feature (self->highlight_painter, NULL, -1);
}

static void
on_map_click_released_cb (GtkGestureClick *gesture,
                          int              n_press,
                          double           x,
                          double           y,
                          ViewerWindow    *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->map);
  double latitude, longitude;

  /* A double click zooms; only a single click asks what is there. */
  if (n_press != 1)
    return;

  shumate_viewport_widget_coords_to_location (shumate_simple_map_get_viewport (self->map),
                                              GTK_WIDGET (map), x, y, &latitude, &longitude);
  viewer_window_inspect_location (self, latitude, longitude);
}

static void
on_basemap_setting_changed_cb (GSettings    *gsettings,
                               const char   *key,
                               ViewerWindow *self)
{
  apply_basemap (self);
}

static void
on_world_source_changed_cb (ViewerWindow *self)
{
  update_layers_anchor (self);
}

static void
on_scale_factor_changed_cb (ViewerWindow *self,
                            GParamSpec   *pspec,
                            gpointer      user_data)
{
  /* GTK notifies on realize too; only a real change costs a repaint. */
  if (self->scale_factor == map_scale_factor (self))
    return;

  self->scale_factor = map_scale_factor (self);
  apply_basemap (self);
  viewer_map_layers_set_scale_factor (self->map_layers, map_scale_factor (self));
}

static void
restore_state (ViewerWindow *self)
{
  GSettings *s = settings (self);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (s, "window-width"),
                               g_settings_get_int (s, "window-height"));
  if (g_settings_get_boolean (s, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  shumate_viewport_set_zoom_level (viewport, g_settings_get_double (s, "map-zoom"));
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 g_settings_get_double (s, "map-latitude"),
                                 g_settings_get_double (s, "map-longitude"));
}

static void
save_state (ViewerWindow *self)
{
  GSettings *s = settings (self);
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->map);
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  /* One write for all keys, once, at close: never on every motion. */
  g_settings_delay (s);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (s, "window-width", MAX (width, 360));
      g_settings_set_int (s, "window-height", MAX (height, 294));
    }
  g_settings_set_boolean (s, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_set_double (s, "map-latitude",
                         CLAMP (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                -CARTO_MAX_LATITUDE, CARTO_MAX_LATITUDE));
  g_settings_set_double (s, "map-longitude",
                         CLAMP (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), -180.0, 180.0));
  g_settings_set_double (s, "map-zoom", CLAMP (shumate_viewport_get_zoom_level (viewport), 0.0, 20.0));
  g_settings_apply (s);
}

static gboolean
viewer_window_close_request (GtkWindow *window)
{
  save_state (VIEWER_WINDOW (window));

  return GTK_WINDOW_CLASS (viewer_window_parent_class)->close_request (window);
}

static void
viewer_window_constructed (GObject *object)
{
  ViewerWindow *self = VIEWER_WINDOW (object);
  g_autoptr(GAction) basemap_action = NULL;

  G_OBJECT_CLASS (viewer_window_parent_class)->constructed (object);

  g_assert (VIEWER_IS_CONTEXT (self->context));

  if (g_str_equal (PROFILE, "development"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->world = viewer_world_map_new (self->map);
  g_signal_connect_object (self->world, "notify::source",
                           G_CALLBACK (on_world_source_changed_cb), self, G_CONNECT_SWAPPED);

  self->scale_factor = map_scale_factor (self);
  restore_state (self);

  basemap_action = g_settings_create_action (settings (self), "basemap");
  g_action_map_add_action (G_ACTION_MAP (self), basemap_action);
  g_signal_connect_object (settings (self), "changed::basemap",
                           G_CALLBACK (on_basemap_setting_changed_cb), self, 0);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed_cb), NULL);

  g_settings_bind (settings (self), "layers-sidebar-visible", self->flap, "reveal-flap", G_SETTINGS_BIND_DEFAULT);
  viewer_layers_panel_set_store (self->layers_panel, viewer_context_get_credential_store (self->context));
  viewer_layers_panel_set_map (self->layers_panel, self->carto_map);
  viewer_datasets_panel_set_context (self->datasets_panel, self->context);
  self->map_layers = viewer_map_layers_new (self->map, self->carto_map, make_layer_painter, self);
  {
    GtkGesture *click = gtk_gesture_click_new ();
    ShumateMap *map = shumate_simple_map_get_map (self->map);

    g_signal_connect (click, "released", G_CALLBACK (on_map_click_released_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (map), GTK_EVENT_CONTROLLER (click));
    self->feature_popover = viewer_feature_popover_new ();
    gtk_widget_set_parent (GTK_WIDGET (self->feature_popover), GTK_WIDGET (map));
  }
  {
    GtkEventController *motion = gtk_event_controller_motion_new ();
    ShumateMap *map = shumate_simple_map_get_map (self->map);

    self->highlight_painter = carto_highlight_painter_new ();
    g_signal_connect (self->highlight_painter, "changed", G_CALLBACK (on_highlight_changed_cb), self);
    g_signal_connect (motion, "motion", G_CALLBACK (on_map_motion_cb), self);
    g_signal_connect (motion, "leave", G_CALLBACK (on_map_leave_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (map), motion);
  }
  viewer_map_layers_set_scale_factor (self->map_layers, map_scale_factor (self));
  update_layers_anchor (self);
  viewer_account_switcher_set_context (self->account_switcher, self->context);
  viewer_account_banner_set_context (self->account_banner, self->context);

  g_signal_connect_object (self->context, "notify::basemap-key",
                           G_CALLBACK (on_basemap_key_notify_cb), self, G_CONNECT_SWAPPED);
  update_basemap_key_ui (self);
  apply_basemap (self);
}

static void
viewer_window_dispose (GObject *object)
{
  ViewerWindow *self = VIEWER_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->highlight_painter != NULL)
    g_signal_handlers_disconnect_by_data (self->highlight_painter, self);
  g_clear_object (&self->highlight_layer);
  g_clear_object (&self->highlight_painter);
  g_clear_object (&self->map_layers);
  if (self->feature_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->feature_popover));
      self->feature_popover = NULL;
    }
  remove_basemap_layer (self);
  /* The settings action outlives a disposed window's action group if it
   * is not taken out: a later settings change would then reach it. */
  g_action_map_remove_action (G_ACTION_MAP (self), "basemap");
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_WINDOW);

  g_clear_object (&self->world);
  g_clear_object (&self->carto_map);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

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

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VIEWER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  g_type_ensure (VIEWER_TYPE_LAYERS_PANEL);
  g_type_ensure (VIEWER_TYPE_DATASETS_PANEL);
  g_type_ensure (VIEWER_TYPE_ACCOUNT_SWITCHER);
  g_type_ensure (VIEWER_TYPE_ACCOUNT_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, account_switcher);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, account_banner);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, map);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, basemap_key_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, basemap_key_button);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, basemap_button);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, layers_panel);
  gtk_widget_class_bind_template_child (widget_class, ViewerWindow, datasets_panel);

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
  self->cancellable = g_cancellable_new ();
  self->carto_map = carto_map_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * viewer_window_new:
 * @application: the application
 * @context: the application's services
 *
 * Returns: (transfer full): a new main window
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
 * Returns: (transfer none): the map widget
 */
ShumateSimpleMap *
viewer_window_get_map (ViewerWindow *self)
{
  g_return_val_if_fail (VIEWER_IS_WINDOW (self), NULL);

  return self->map;
}

typedef struct
{
  ViewerWindow *self;
  double latitude;
  double longitude;
  guint zoom;
  guint position;   /* the next layer to try is position - 1 */
  gboolean retried; /* the layer at position failed once already */
} Inspect;

static void inspect_next (Inspect *inspect);

static void
inspect_free (Inspect *inspect)
{
  g_object_unref (inspect->self);
  g_free (inspect);
}

static void
point_popover_at (ViewerWindow *self,
                  double        latitude,
                  double        longitude)
{
  GtkWidget *map = GTK_WIDGET (shumate_simple_map_get_map (self->map));
  double x, y;

  shumate_viewport_location_to_widget_coords (shumate_simple_map_get_viewport (self->map), map,
                                              latitude, longitude, &x, &y);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->feature_popover),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
}

static void
show_feature (ViewerWindow *self,
              CartoLayer   *layer,
              gint64        cartodb_id,
              double        latitude,
              double        longitude)
{
  point_popover_at (self, latitude, longitude);
  viewer_feature_popover_show (self->feature_popover, viewer_context_get_soup_session (self->context),
                               layer, cartodb_id);
}

static void
show_pick_error (Inspect      *inspect,
                 CartoLayer   *layer,
                 const GError *error)
{
  g_autofree char *message = NULL;

  point_popover_at (inspect->self, inspect->latitude, inspect->longitude);
  /* Translators: the argument is the server's or the network's message. */
  message = g_strdup_printf (_("What is here cannot be looked up now. %s"), error->message);
  viewer_feature_popover_show_error (inspect->self->feature_popover, layer, message);
}

static void
inspect_pick_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Inspect *inspect = user_data;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;
  gint64 cartodb_id = 0;

  carto_layer_painter_pick_finish (CARTO_LAYER_PAINTER (source), result, &found, &cartodb_id, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || inspect->self->map_layers == NULL)
    {
      inspect_free (inspect);
      return;
    }

  /* A layer that cannot be searched (its tile failed to load) must not
   * let the click fall through to the layer below: what the person
   * clicked may be in it. Once more, as a load can fail for a moment
   * (a busy server); then say so. */
  if (error != NULL)
    {
      CartoLayer *layer = carto_layer_painter_get_layer (CARTO_LAYER_PAINTER (source));

      g_debug ("Picking in “%s” failed: %s", carto_layer_get_title (layer), error->message);
      if (!inspect->retried)
        {
          inspect->retried = TRUE;
          inspect->position++;
          inspect_next (inspect);
          return;
        }
      show_pick_error (inspect, layer, error);
      inspect_free (inspect);
      return;
    }
  inspect->retried = FALSE;

  if (found)
    {
      show_feature (inspect->self, carto_layer_painter_get_layer (CARTO_LAYER_PAINTER (source)),
                    cartodb_id, inspect->latitude, inspect->longitude);
      inspect_free (inspect);
      return;
    }

  inspect_next (inspect);
}

/* Topmost visible layer first; a tile not decoded yet is loaded, so a
 * click is never answered from a half-filled cache. */
static void
inspect_next (Inspect *inspect)
{
  ViewerWindow *self = inspect->self;

  while (inspect->position > 0)
    {
      guint i = --inspect->position;
      CartoLayer *layer = carto_map_get_layer (self->carto_map, i);
      CartoTilePainter *painter = viewer_map_layers_get_painter (self->map_layers, i);

      if (!carto_layer_get_visible (layer) || !CARTO_IS_LAYER_PAINTER (painter))
        continue;

      carto_layer_painter_pick_async (CARTO_LAYER_PAINTER (painter), inspect->zoom,
                                      inspect->longitude, inspect->latitude, 4.0,
                                      self->cancellable, inspect_pick_cb, inspect);
      return;
    }

  gtk_popover_popdown (GTK_POPOVER (self->feature_popover));
  inspect_free (inspect);
}

/**
 * viewer_window_inspect_location:
 * @self: a window
 * @latitude: where the person clicked
 * @longitude: where the person clicked
 *
 * What a click on the map does: finds the topmost visible feature there
 * and pops up its attributes, or closes the popover when there is none.
 */
void
viewer_window_inspect_location (ViewerWindow *self,
                                double        latitude,
                                double        longitude)
{
  Inspect *inspect;

  g_return_if_fail (VIEWER_IS_WINDOW (self));

  inspect = g_new0 (Inspect, 1);
  inspect->self = g_object_ref (self);
  inspect->latitude = latitude;
  inspect->longitude = longitude;
  inspect->zoom = (guint) MAX (0.0, floor (shumate_viewport_get_zoom_level (shumate_simple_map_get_viewport (self->map))));
  inspect->position = carto_map_get_n_layers (self->carto_map);
  inspect_next (inspect);
}

/**
 * viewer_window_hover_location:
 * @self: a window
 * @latitude: where the pointer is
 * @longitude: where the pointer is
 *
 * What moving the pointer does: highlights the topmost visible feature
 * there, or nothing.
 *
 * Returns: whether a feature is highlighted
 */
gboolean
viewer_window_hover_location (ViewerWindow *self,
                              double        latitude,
                              double        longitude)
{
  CartoLayerPainter *painter = NULL;
  CartoLayer *layer = NULL;
  gint64 cartodb_id = -1;

  g_return_val_if_fail (VIEWER_IS_WINDOW (self), FALSE);

  if (!pick_feature (self, latitude, longitude, &layer, &painter, &cartodb_id))
    painter = NULL;

  carto_highlight_painter_set_feature (self->highlight_painter, painter, cartodb_id);
  return painter != NULL;
}

/**
 * viewer_window_get_feature_popover:
 * @self: a window
 *
 * Returns: (transfer none): the popover that shows a feature's attributes
 */
GtkPopover *
viewer_window_get_feature_popover (ViewerWindow *self)
{
  g_return_val_if_fail (VIEWER_IS_WINDOW (self), NULL);

  return GTK_POPOVER (self->feature_popover);
}

/**
 * viewer_window_get_carto_map:
 * @self: a window
 *
 * Returns: (transfer none): the map model the window shows
 */
CartoMap *
viewer_window_get_carto_map (ViewerWindow *self)
{
  g_return_val_if_fail (VIEWER_IS_WINDOW (self), NULL);

  return self->carto_map;
}

/**
 * viewer_window_is_map_idle:
 * @self: a window
 *
 * Returns: whether every map layer has finished loading its tiles and the
 *   basemap key lookup is done (used by tests and screenshots)
 */
static gboolean
is_basemap_painted (ViewerWindow *self)
{
  if (viewer_context_get_basemap_key_loading (self->context))
    return FALSE;
  if (viewer_tile_source_get_n_pending (viewer_world_map_get_source (self->world)) > 0)
    return FALSE;
  if (self->basemap_data_source != NULL && viewer_basemap_source_get_n_pending (self->basemap_data_source) > 0)
    return FALSE;

  return TRUE;
}

gboolean
viewer_window_is_map_idle (ViewerWindow *self)
{
  g_return_val_if_fail (VIEWER_IS_WINDOW (self), FALSE);

  return is_basemap_painted (self) &&
         (self->map_layers == NULL || viewer_map_layers_is_idle (self->map_layers));
}

/**
 * viewer_window_is_view_painted:
 * @self: a window
 *
 * Returns: whether what shows of the map is complete: the basemap and
 *   every layer's tiles on screen painted (tiles in the margin around
 *   the view may still be loading)
 */
gboolean
viewer_window_is_view_painted (ViewerWindow *self)
{
  g_return_val_if_fail (VIEWER_IS_WINDOW (self), FALSE);

  return is_basemap_painted (self) &&
         (self->map_layers == NULL || viewer_map_layers_is_view_painted (self->map_layers));
}

/**
 * viewer_window_render_texture:
 * @self: a mapped window
 *
 * Renders the window as it is on screen, with its own renderer.
 *
 * Returns: (transfer full) (nullable): the window's pixels
 */
GdkTexture *
viewer_window_render_texture (ViewerWindow *self)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (VIEWER_IS_WINDOW (self), NULL);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  renderer = gtk_native_get_renderer (GTK_NATIVE (self));
  if (renderer == NULL || width <= 0 || height <= 0)
    return NULL;

  paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}
