/* viewer-map-view.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A CartoMap on screen, and the one owner of its libshumate layer stack,
 * from the bottom: the built-in world (always there, so the map is never
 * blank), the CARTO basemap the CartoMap names, the data layers in the
 * CartoMap's order (ViewerMapLayers) and the hover highlight. It also
 * answers the pointer: hover highlights the feature under it, a click pops
 * up the feature's attributes.
 *
 * The CartoMap's centre and zoom and the ShumateViewport are one fact:
 * each follows the other. Bounds set on the CartoMap ("fit this") are
 * turned into a centre and a zoom here, where the widget's size is known.
 * Both the map and the context can be replaced at any time; the stack is
 * then built again.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "viewer-basemap-source.h"
#include "viewer-feature-popover.h"
#include "viewer-map-layers.h"
#include "viewer-map-view.h"
#include "viewer-tile-source.h"
#include "viewer-toast.h"
#include "viewer-world-map.h"

/* How much of the view a fitted box may take: a margin around it. */
#define FIT_MARGIN 1.1
/* A box that is a point is shown this close. */
#define FIT_MAX_ZOOM 16.0
/* In pixels around the pointer: what a click or a hover may hit. */
#define PICK_RADIUS 4.0

struct _ViewerMapView
{
  GtkWidget parent_instance;

  /* Template widgets */
  ShumateSimpleMap *simple_map;

  /* Owned references */
  ViewerContext *context;
  CartoMap *map;
  GSignalGroup *context_signals;
  GSignalGroup *map_signals;
  ViewerWorldMap *world;
  ViewerMapLayers *layers;
  ViewerFeaturePopover *feature_popover;
  CartoHighlightPainter *highlight_painter;
  ShumateMapLayer *highlight_layer;
  ShumateMapLayer *basemap_layer;
  ShumateMapSource *basemap_renderer;
  ViewerBasemapSource *basemap_data_source;
  GCancellable *cancellable;   /* the picks on the current stack */

  /* State */
  guint scale_factor;
  guint highlight_generation;
  guint fit_tick_id;
  gboolean basemap_failure_shown;
  gboolean syncing_viewport;
};

G_DEFINE_FINAL_TYPE (ViewerMapView, viewer_map_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static ShumateMap *
shumate_map (ViewerMapView *self)
{
  return shumate_simple_map_get_map (self->simple_map);
}

static ShumateViewport *
viewport (ViewerMapView *self)
{
  return shumate_simple_map_get_viewport (self->simple_map);
}

static guint
map_scale_factor (ViewerMapView *self)
{
  return (guint) MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

/* Data layers sit above the CARTO basemap when there is one, else above
 * the built-in world. */
static ShumateLayer *
layers_anchor (ViewerMapView *self)
{
  if (self->basemap_layer != NULL)
    return SHUMATE_LAYER (self->basemap_layer);

  return viewer_world_map_get_layer (self->world);
}

static void
update_layers_anchor (ViewerMapView *self)
{
  if (self->layers == NULL)
    return;

  viewer_map_layers_set_anchor (self->layers, layers_anchor (self));
}

/* The viewport ↔ CartoMap binding. Each side is set only when its value
 * differs, and never while the other side is being set from it, so a
 * change goes round once. CartoMap clamps as the viewport does not quite
 * (the latitude limit, the zoom range): the viewport's own value is what
 * the CartoMap gets back. */
static void
push_viewport_to_map (ViewerMapView *self)
{
  ShumateViewport *vp = viewport (self);
  double latitude, longitude, zoom;

  if (self->map == NULL || self->syncing_viewport)
    return;

  latitude = CLAMP (shumate_location_get_latitude (SHUMATE_LOCATION (vp)), -CARTO_MAX_LATITUDE, CARTO_MAX_LATITUDE);
  longitude = CLAMP (shumate_location_get_longitude (SHUMATE_LOCATION (vp)), -180.0, 180.0);
  zoom = shumate_viewport_get_zoom_level (vp);

  self->syncing_viewport = TRUE;
  if (latitude != carto_map_get_latitude (self->map) || longitude != carto_map_get_longitude (self->map))
    carto_map_set_center (self->map, latitude, longitude);
  if (zoom != carto_map_get_zoom (self->map))
    carto_map_set_zoom (self->map, zoom);
  self->syncing_viewport = FALSE;
}

static void
pull_viewport_from_map (ViewerMapView *self)
{
  ShumateViewport *vp = viewport (self);
  double latitude, longitude, zoom;

  /* Bounds are fitted instead, once the size is known. */
  if (self->map == NULL || self->syncing_viewport || carto_map_get_bounds (self->map, NULL))
    return;

  latitude = carto_map_get_latitude (self->map);
  longitude = carto_map_get_longitude (self->map);
  zoom = carto_map_get_zoom (self->map);

  self->syncing_viewport = TRUE;
  /* The model's word is the last: an animation under way would undo it. */
  shumate_map_stop_go_to (shumate_map (self));
  if (zoom != shumate_viewport_get_zoom_level (vp))
    shumate_viewport_set_zoom_level (vp, zoom);
  if (latitude != shumate_location_get_latitude (SHUMATE_LOCATION (vp)) ||
      longitude != shumate_location_get_longitude (SHUMATE_LOCATION (vp)))
    shumate_location_set_location (SHUMATE_LOCATION (vp), latitude, longitude);
  self->syncing_viewport = FALSE;

  push_viewport_to_map (self);
}

static gboolean fit_bounds (ViewerMapView *self);

static gboolean
fit_tick_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  ViewerMapView *self = VIEWER_MAP_VIEW (widget);

  if (!fit_bounds (self))
    return G_SOURCE_CONTINUE;

  self->fit_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* Turns CartoMap:bounds into the centre and zoom that show the box in the
 * widget's size, and goes there. The viewport then sets the CartoMap's
 * centre and zoom, which clears the bounds. Returns FALSE while the widget
 * has no size yet. */
static gboolean
fit_bounds (ViewerMapView *self)
{
  GtkWidget *widget = GTK_WIDGET (shumate_map (self));
  ShumateMapSource *reference = shumate_viewport_get_reference_map_source (viewport (self));
  double tile_size = reference != NULL ? shumate_map_source_get_tile_size (reference) : 256.0;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double x1, y1, x2, y2, latitude, longitude, zoom, east;
  CartoBounds bounds;

  if (self->map == NULL || !carto_map_get_bounds (self->map, &bounds))
    return TRUE;

  if (width <= 0 || height <= 0)
    {
      if (self->fit_tick_id == 0)
        self->fit_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fit_tick_cb, NULL, NULL);
      return FALSE;
    }

  /* Across the antimeridian, east is past 180. */
  east = bounds.east < bounds.west ? bounds.east + 360.0 : bounds.east;
  carto_lonlat_to_world (bounds.west, bounds.north, &x1, &y1);
  carto_lonlat_to_world (east, bounds.south, &x2, &y2);
  carto_world_to_lonlat ((x1 + x2) / 2.0, (y1 + y2) / 2.0, &longitude, &latitude);
  if (longitude > 180.0)
    longitude -= 360.0;

  zoom = FIT_MAX_ZOOM;
  if (x2 > x1)
    zoom = MIN (zoom, log2 (width / ((x2 - x1) * tile_size * FIT_MARGIN)));
  if (y2 > y1)
    zoom = MIN (zoom, log2 (height / ((y2 - y1) * tile_size * FIT_MARGIN)));
  zoom = CLAMP (zoom,
                shumate_viewport_get_min_zoom_level (viewport (self)),
                shumate_viewport_get_max_zoom_level (viewport (self)));

  if (gtk_widget_get_mapped (widget))
    shumate_map_go_to_full (shumate_map (self), latitude, longitude, zoom);
  else
    {
      shumate_viewport_set_zoom_level (viewport (self), zoom);
      shumate_location_set_location (SHUMATE_LOCATION (viewport (self)), latitude, longitude);
    }

  return TRUE;
}

static CartoTilePainter *
make_layer_painter (CartoLayer *layer,
                    gpointer    user_data)
{
  ViewerMapView *self = user_data;

  return CARTO_TILE_PAINTER (carto_layer_painter_new (layer, viewer_context_get_soup_session (self->context)));
}

static void
remove_basemap_layer (ViewerMapView *self)
{
  if (self->basemap_layer == NULL)
    return;

  shumate_map_remove_layer (shumate_map (self), SHUMATE_LAYER (self->basemap_layer));
  shumate_license_remove_map_source (shumate_simple_map_get_license (self->simple_map), self->basemap_renderer);
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
                           ViewerMapView       *self)
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
  /* The same choice as the basemap switcher's "World". */
  adw_toast_set_button_label (toast, _("Use World Map"));
  adw_toast_set_action_name (toast, "win.basemap");
  adw_toast_set_action_target_value (toast, g_variant_new_string (carto_basemap_get_nick (CARTO_BASEMAP_EMBEDDED)));
  viewer_toast_show (GTK_WIDGET (self), toast);
}

static void
apply_basemap (ViewerMapView *self)
{
  g_autoptr(ViewerBasemapSource) data_source = NULL;
  g_autofree char *id = NULL;
  CartoBasemap basemap = self->map != NULL ? carto_map_get_basemap (self->map) : CARTO_BASEMAP_EMBEDDED;
  gboolean hidpi = map_scale_factor (self) > 1;
  const char *test_base_uri = g_getenv ("CARTO_VIEWER_BASEMAP_URL");
  const char *key;

  remove_basemap_layer (self);
  self->basemap_failure_shown = FALSE;

  /* The built-in world stays underneath: it is what shows where CARTO
   * tiles fail, so going offline degrades instead of going blank. */
  if (!carto_basemap_is_remote (basemap) || self->context == NULL)
    return;

  key = viewer_context_get_basemap_key (self->context);
  data_source = viewer_basemap_source_new (viewer_context_get_soup_session (self->context), basemap, hidpi, key);
  if (test_base_uri != NULL && *test_base_uri != '\0')
    viewer_basemap_source_set_base_uri (data_source, test_base_uri);
  g_signal_connect_object (data_source, "tile-failed", G_CALLBACK (on_basemap_tile_failed_cb), self, 0);
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
  self->basemap_layer = g_object_ref (shumate_map_layer_new (self->basemap_renderer, viewport (self)));
  /* Directly above the built-in world, below every data layer. */
  shumate_map_insert_layer_above (shumate_map (self), SHUMATE_LAYER (self->basemap_layer),
                                  viewer_world_map_get_layer (self->world));
  shumate_license_append_map_source (shumate_simple_map_get_license (self->simple_map), self->basemap_renderer);
  update_layers_anchor (self);
}

/* Whatever belongs to the map and context being replaced: their layers,
 * the picks under way, the popover and the highlight about them. */
static void
tear_down_layers (ViewerMapView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->feature_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->feature_popover));
  if (self->highlight_painter != NULL)
    carto_highlight_painter_set_feature (self->highlight_painter, NULL, -1);
  g_clear_object (&self->layers);
}

static void
build_layers (ViewerMapView *self)
{
  apply_basemap (self);

  if (self->map != NULL && self->context != NULL)
    {
      self->layers = viewer_map_layers_new (self->simple_map, self->map, make_layer_painter, self);
      viewer_map_layers_set_scale_factor (self->layers, map_scale_factor (self));
      update_layers_anchor (self);
    }

  if (self->map != NULL && !fit_bounds (self))
    return;
  pull_viewport_from_map (self);
}

/* The halo sits above every data layer; a new highlight is a new source
 * id, so libshumate repaints it (from decoded tiles: no request). */
static void
on_highlight_changed_cb (CartoTilePainter *painter,
                         ViewerMapView    *self)
{
  g_autoptr(ViewerTileSource) source = NULL;
  g_autofree char *id = NULL;

  if (self->highlight_layer != NULL)
    {
      shumate_map_remove_layer (shumate_map (self), SHUMATE_LAYER (self->highlight_layer));
      g_clear_object (&self->highlight_layer);
    }

  if (carto_highlight_painter_get_feature (self->highlight_painter) < 0 || self->layers == NULL)
    return;

  id = g_strdup_printf ("carto-highlight-%u", ++self->highlight_generation);
  source = viewer_tile_source_new (painter, id, map_scale_factor (self));
  self->highlight_layer = g_object_ref_sink (shumate_map_layer_new (SHUMATE_MAP_SOURCE (source), viewport (self)));
  shumate_map_insert_layer_above (shumate_map (self), SHUMATE_LAYER (self->highlight_layer),
                                  viewer_map_layers_get_top_layer (self->layers));
}

static void
on_viewport_changed_cb (ViewerMapView *self)
{
  push_viewport_to_map (self);
}

static void
on_map_viewport_changed_cb (ViewerMapView *self)
{
  pull_viewport_from_map (self);
}

static void
on_map_bounds_changed_cb (ViewerMapView *self)
{
  fit_bounds (self);
}

static void
on_map_basemap_changed_cb (ViewerMapView *self)
{
  apply_basemap (self);
}

static void
on_basemap_key_changed_cb (ViewerMapView *self)
{
  apply_basemap (self);
}

static void
on_world_source_changed_cb (ViewerMapView *self)
{
  update_layers_anchor (self);
}

static void
on_scale_factor_changed_cb (ViewerMapView *self)
{
  /* GTK notifies on realize too; only a real change costs a repaint. The
   * world map follows by itself. */
  if (self->scale_factor == map_scale_factor (self))
    return;

  self->scale_factor = map_scale_factor (self);
  apply_basemap (self);
  if (self->layers != NULL)
    viewer_map_layers_set_scale_factor (self->layers, self->scale_factor);
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              ViewerMapView            *self)
{
  double latitude, longitude;

  shumate_viewport_widget_coords_to_location (viewport (self), GTK_WIDGET (shumate_map (self)), x, y,
                                              &latitude, &longitude);
  viewer_map_view_hover_location (self, latitude, longitude);
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             ViewerMapView            *self)
{
  carto_highlight_painter_set_feature (self->highlight_painter, NULL, -1);
}

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      ViewerMapView   *self)
{
  double latitude, longitude;

  /* A double click zooms; only a single click asks what is there. */
  if (n_press != 1)
    return;

  shumate_viewport_widget_coords_to_location (viewport (self), GTK_WIDGET (shumate_map (self)), x, y,
                                              &latitude, &longitude);
  viewer_map_view_inspect_location (self, latitude, longitude);
}

static void
viewer_map_view_dispose (GObject *object)
{
  ViewerMapView *self = VIEWER_MAP_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->fit_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fit_tick_id);
      self->fit_tick_id = 0;
    }
  if (self->simple_map != NULL)
    g_signal_handlers_disconnect_by_data (viewport (self), self);
  if (self->highlight_painter != NULL)
    g_signal_handlers_disconnect_by_data (self->highlight_painter, self);
  g_clear_object (&self->highlight_layer);
  g_clear_object (&self->highlight_painter);
  g_clear_object (&self->layers);
  if (self->feature_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->feature_popover));
      self->feature_popover = NULL;
    }
  if (self->world != NULL)
    remove_basemap_layer (self);
  g_clear_object (&self->world);
  if (self->context_signals != NULL)
    g_signal_group_set_target (self->context_signals, NULL);
  if (self->map_signals != NULL)
    g_signal_group_set_target (self->map_signals, NULL);
  g_clear_object (&self->context_signals);
  g_clear_object (&self->map_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_MAP_VIEW);

  g_clear_object (&self->map);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (viewer_map_view_parent_class)->dispose (object);
}

static void
viewer_map_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ViewerMapView *self = VIEWER_MAP_VIEW (object);

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
viewer_map_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ViewerMapView *self = VIEWER_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viewer_map_view_set_context (self, g_value_get_object (value));
      break;
    case PROP_MAP:
      viewer_map_view_set_map (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_map_view_class_init (ViewerMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viewer_map_view_dispose;
  object_class->get_property = viewer_map_view_get_property;
  object_class->set_property = viewer_map_view_set_property;

  /**
   * ViewerMapView:context:
   *
   * The application's services: the HTTP session the layers and the
   * basemap load with, and the basemap key. Without one only the built-in
   * world shows.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VIEWER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerMapView:map:
   *
   * The map shown: its layers, its basemap and its viewport, which the
   * view follows and moves.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, CARTO_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerMapView, simple_map);
}

static void
viewer_map_view_init (ViewerMapView *self)
{
  GtkWidget *map;
  GtkGesture *click;
  GtkEventController *motion;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->scale_factor = map_scale_factor (self);
  map = GTK_WIDGET (shumate_map (self));

  self->world = viewer_world_map_new (self->simple_map);
  g_signal_connect_object (self->world, "notify::source", G_CALLBACK (on_world_source_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->context_signals = g_signal_group_new (VIEWER_TYPE_CONTEXT);
  g_signal_group_connect_swapped (self->context_signals, "notify::basemap-key",
                                  G_CALLBACK (on_basemap_key_changed_cb), self);

  self->map_signals = g_signal_group_new (CARTO_TYPE_MAP);
  g_signal_group_connect_swapped (self->map_signals, "notify::latitude", G_CALLBACK (on_map_viewport_changed_cb), self);
  g_signal_group_connect_swapped (self->map_signals, "notify::longitude", G_CALLBACK (on_map_viewport_changed_cb), self);
  g_signal_group_connect_swapped (self->map_signals, "notify::zoom", G_CALLBACK (on_map_viewport_changed_cb), self);
  g_signal_group_connect_swapped (self->map_signals, "notify::bounds", G_CALLBACK (on_map_bounds_changed_cb), self);
  g_signal_group_connect_swapped (self->map_signals, "notify::basemap", G_CALLBACK (on_map_basemap_changed_cb), self);

  g_signal_connect_swapped (viewport (self), "notify::latitude", G_CALLBACK (on_viewport_changed_cb), self);
  g_signal_connect_swapped (viewport (self), "notify::longitude", G_CALLBACK (on_viewport_changed_cb), self);
  g_signal_connect_swapped (viewport (self), "notify::zoom-level", G_CALLBACK (on_viewport_changed_cb), self);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed_cb), NULL);

  self->highlight_painter = carto_highlight_painter_new ();
  g_signal_connect (self->highlight_painter, "changed", G_CALLBACK (on_highlight_changed_cb), self);

  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (map, GTK_EVENT_CONTROLLER (click));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (map, motion);

  self->feature_popover = viewer_feature_popover_new ();
  gtk_widget_set_parent (GTK_WIDGET (self->feature_popover), map);
}

/**
 * viewer_map_view_new:
 *
 * Returns: (transfer floating): a map view showing the built-in world;
 *   give it a context and a map
 */
ViewerMapView *
viewer_map_view_new (void)
{
  return g_object_new (VIEWER_TYPE_MAP_VIEW, NULL);
}

/**
 * viewer_map_view_get_context:
 * @self: a map view
 *
 * Returns: (transfer none) (nullable): the application's services
 */
ViewerContext *
viewer_map_view_get_context (ViewerMapView *self)
{
  g_return_val_if_fail (VIEWER_IS_MAP_VIEW (self), NULL);

  return self->context;
}

/**
 * viewer_map_view_set_context:
 * @self: a map view
 * @context: (nullable): the application's services
 *
 * The layers and the basemap are built again with @context's session.
 */
void
viewer_map_view_set_context (ViewerMapView *self,
                             ViewerContext *context)
{
  g_return_if_fail (VIEWER_IS_MAP_VIEW (self));
  g_return_if_fail (context == NULL || VIEWER_IS_CONTEXT (context));

  if (self->context == context)
    return;

  tear_down_layers (self);
  g_set_object (&self->context, context);
  g_signal_group_set_target (self->context_signals, context);
  build_layers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * viewer_map_view_get_map:
 * @self: a map view
 *
 * Returns: (transfer none) (nullable): the map shown
 */
CartoMap *
viewer_map_view_get_map (ViewerMapView *self)
{
  g_return_val_if_fail (VIEWER_IS_MAP_VIEW (self), NULL);

  return self->map;
}

/**
 * viewer_map_view_set_map:
 * @self: a map view
 * @map: (nullable): the map to show
 *
 * Shows @map instead: its layers and basemap replace the old map's, and
 * the view moves to @map's centre and zoom (or fits its bounds).
 */
void
viewer_map_view_set_map (ViewerMapView *self,
                         CartoMap      *map)
{
  g_return_if_fail (VIEWER_IS_MAP_VIEW (self));
  g_return_if_fail (map == NULL || CARTO_IS_MAP (map));

  if (self->map == map)
    return;

  tear_down_layers (self);
  g_set_object (&self->map, map);
  g_signal_group_set_target (self->map_signals, map);
  build_layers (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

/**
 * viewer_map_view_get_simple_map:
 * @self: a map view
 *
 * Returns: (transfer none): the libshumate widget the map is drawn in
 */
ShumateSimpleMap *
viewer_map_view_get_simple_map (ViewerMapView *self)
{
  g_return_val_if_fail (VIEWER_IS_MAP_VIEW (self), NULL);

  return self->simple_map;
}

/**
 * viewer_map_view_zoom_in:
 * @self: a map view
 */
void
viewer_map_view_zoom_in (ViewerMapView *self)
{
  g_return_if_fail (VIEWER_IS_MAP_VIEW (self));

  shumate_map_zoom_in (shumate_map (self));
}

/**
 * viewer_map_view_zoom_out:
 * @self: a map view
 */
void
viewer_map_view_zoom_out (ViewerMapView *self)
{
  g_return_if_fail (VIEWER_IS_MAP_VIEW (self));

  shumate_map_zoom_out (shumate_map (self));
}

typedef struct
{
  ViewerMapView *self;
  GCancellable *cancellable;
  GPtrArray *painters;   /* CartoLayerPainter, topmost first */
  double latitude;
  double longitude;
  guint zoom;
  guint next;            /* the painter to try next */
  gboolean retried;      /* the one before it failed once already */
} Inspect;

static void inspect_next (Inspect *inspect);

static void
inspect_free (Inspect *inspect)
{
  g_object_unref (inspect->self);
  g_object_unref (inspect->cancellable);
  g_ptr_array_unref (inspect->painters);
  g_free (inspect);
}

static guint
zoom_level (ViewerMapView *self)
{
  return (guint) MAX (0.0, floor (shumate_viewport_get_zoom_level (viewport (self))));
}

static void
point_popover_at (ViewerMapView *self,
                  double         latitude,
                  double         longitude)
{
  double x, y;

  shumate_viewport_location_to_widget_coords (viewport (self), GTK_WIDGET (shumate_map (self)),
                                              latitude, longitude, &x, &y);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->feature_popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
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
  CartoLayer *layer = carto_layer_painter_get_layer (CARTO_LAYER_PAINTER (source));
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;
  gint64 cartodb_id = 0;

  carto_layer_painter_pick_finish (CARTO_LAYER_PAINTER (source), result, &found, &cartodb_id, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
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
      g_debug ("Picking in “%s” failed: %s", carto_layer_get_title (layer), error->message);
      if (!inspect->retried)
        {
          inspect->retried = TRUE;
          inspect->next--;
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
      point_popover_at (inspect->self, inspect->latitude, inspect->longitude);
      viewer_feature_popover_show (inspect->self->feature_popover,
                                   viewer_context_get_soup_session (inspect->self->context),
                                   layer, cartodb_id);
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
  if (inspect->next < inspect->painters->len)
    {
      CartoLayerPainter *painter = g_ptr_array_index (inspect->painters, inspect->next++);

      carto_layer_painter_pick_async (painter, inspect->zoom, inspect->longitude, inspect->latitude, PICK_RADIUS,
                                      inspect->cancellable, inspect_pick_cb, inspect);
      return;
    }

  gtk_popover_popdown (GTK_POPOVER (inspect->self->feature_popover));
  inspect_free (inspect);
}

/**
 * viewer_map_view_inspect_location:
 * @self: a map view
 * @latitude: where the person clicked
 * @longitude: where the person clicked
 *
 * What a click on the map does: finds the topmost visible feature there
 * and pops up its attributes, or closes the popover when there is none.
 */
void
viewer_map_view_inspect_location (ViewerMapView *self,
                                  double         latitude,
                                  double         longitude)
{
  Inspect *inspect;

  g_return_if_fail (VIEWER_IS_MAP_VIEW (self));

  inspect = g_new0 (Inspect, 1);
  inspect->self = g_object_ref (self);
  inspect->cancellable = g_object_ref (self->cancellable);
  inspect->painters = self->layers != NULL ? viewer_map_layers_dup_pickable (self->layers)
                                           : g_ptr_array_new_with_free_func (g_object_unref);
  inspect->latitude = latitude;
  inspect->longitude = longitude;
  inspect->zoom = zoom_level (self);
  inspect_next (inspect);
}

/**
 * viewer_map_view_hover_location:
 * @self: a map view
 * @latitude: where the pointer is
 * @longitude: where the pointer is
 *
 * What moving the pointer does: highlights the topmost visible feature
 * there, or nothing. Only tiles already decoded are searched.
 *
 * Returns: whether a feature is highlighted
 */
gboolean
viewer_map_view_hover_location (ViewerMapView *self,
                                double         latitude,
                                double         longitude)
{
  g_autoptr(GPtrArray) painters = NULL;
  guint zoom;

  g_return_val_if_fail (VIEWER_IS_MAP_VIEW (self), FALSE);

  if (self->layers != NULL)
    {
      painters = viewer_map_layers_dup_pickable (self->layers);
      zoom = zoom_level (self);
      for (guint i = 0; i < painters->len; i++)
        {
          CartoLayerPainter *painter = g_ptr_array_index (painters, i);
          gint64 cartodb_id = -1;

          if (carto_layer_painter_pick (painter, zoom, longitude, latitude, PICK_RADIUS, &cartodb_id))
            {
              carto_highlight_painter_set_feature (self->highlight_painter, painter, cartodb_id);
              return TRUE;
            }
        }
    }

  carto_highlight_painter_set_feature (self->highlight_painter, NULL, -1);
  return FALSE;
}

/**
 * viewer_map_view_get_feature_popover:
 * @self: a map view
 *
 * Returns: (transfer none): the popover that shows a feature's attributes
 */
GtkPopover *
viewer_map_view_get_feature_popover (ViewerMapView *self)
{
  g_return_val_if_fail (VIEWER_IS_MAP_VIEW (self), NULL);

  return GTK_POPOVER (self->feature_popover);
}

/* The basemap (the built-in world and the CARTO one) has painted, and the
 * key it loads with is known: a screenshot must not show the watermark a
 * moment before the key arrives. */
static gboolean
is_basemap_painted (ViewerMapView *self)
{
  if (self->context != NULL && viewer_context_get_basemap_key_loading (self->context))
    return FALSE;
  if (viewer_tile_source_get_n_pending (viewer_world_map_get_source (self->world)) > 0)
    return FALSE;
  if (self->basemap_data_source != NULL && viewer_basemap_source_get_n_pending (self->basemap_data_source) > 0)
    return FALSE;

  return TRUE;
}

/**
 * viewer_map_view_is_idle:
 * @self: a map view
 *
 * Returns: whether every map layer has finished loading its tiles and the
 *   basemap key is known (for tests and screenshots)
 */
gboolean
viewer_map_view_is_idle (ViewerMapView *self)
{
  g_return_val_if_fail (VIEWER_IS_MAP_VIEW (self), FALSE);

  return is_basemap_painted (self) && (self->layers == NULL || viewer_map_layers_is_idle (self->layers));
}

/**
 * viewer_map_view_is_view_painted:
 * @self: a map view
 *
 * Returns: whether what shows of the map is complete: the basemap and
 *   every layer's tiles on screen painted (tiles in the margin around
 *   the view may still be loading)
 */
gboolean
viewer_map_view_is_view_painted (ViewerMapView *self)
{
  g_return_val_if_fail (VIEWER_IS_MAP_VIEW (self), FALSE);

  return is_basemap_painted (self) && (self->layers == NULL || viewer_map_layers_is_view_painted (self->layers));
}
