/* viewer-world-map.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The embedded world map (Natural Earth countries in the GResource)
 * installed as the base of a ShumateSimpleMap: the one place that knows
 * how, for the main map and the dataset thumbnails alike, so both draw the
 * same map with the same attribution. It follows the desktop's dark style
 * and the widget's scale factor. libshumate caches tiles by source id and
 * 1.0 cannot refresh a layer, so either change installs a new source whose
 * id names what its pixels depend on.
 */

#include "config.h"

#include <adwaita.h>

#include "viewer-world-map.h"

struct _ViewerWorldMap
{
  GObject parent_instance;

  /* Owned references */
  ShumateSimpleMap *map;
  CartoWorldPainter *painter;
  ViewerTileSource *source;
};

G_DEFINE_FINAL_TYPE (ViewerWorldMap, viewer_world_map, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static CartoWorldPainter *
create_painter (void)
{
  g_autoptr(GBytes) world = NULL;

  world = g_resources_lookup_data (RESOURCE_PATH "/world/countries-110m.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  /* Compiled into the binary: missing means a broken build. */
  g_assert (world != NULL);

  return carto_world_painter_new (world);
}

static guint
scale_factor (ViewerWorldMap *self)
{
  return (guint) MAX (1, gtk_widget_get_scale_factor (GTK_WIDGET (self->map)));
}

static void
install_source (ViewerWorldMap *self)
{
  ShumateMapSource *source;
  g_autofree char *id = NULL;
  guint scale = scale_factor (self);

  id = g_strdup_printf ("carto-world-%s-%ux", carto_world_painter_get_dark (self->painter) ? "dark" : "light", scale);
  if (self->source != NULL && g_str_equal (shumate_map_source_get_id (SHUMATE_MAP_SOURCE (self->source)), id))
    return;

  g_clear_object (&self->source);
  self->source = viewer_tile_source_new (CARTO_TILE_PAINTER (self->painter), id, scale);
  source = SHUMATE_MAP_SOURCE (self->source);
  shumate_map_source_set_name (source, carto_basemap_get_title (CARTO_BASEMAP_EMBEDDED));
  shumate_map_source_set_license (source, carto_basemap_get_attribution (CARTO_BASEMAP_EMBEDDED));
  shumate_map_source_set_license_uri (source, carto_basemap_get_attribution_uri (CARTO_BASEMAP_EMBEDDED));

  shumate_simple_map_set_map_source (self->map, source);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

static void
on_dark_changed_cb (AdwStyleManager *style_manager,
                    GParamSpec      *pspec,
                    ViewerWorldMap  *self)
{
  carto_world_painter_set_dark (self->painter, adw_style_manager_get_dark (style_manager));
}

static void
on_painter_changed_cb (ViewerWorldMap *self)
{
  install_source (self);
}

/* GTK notifies on realize too; only a real change installs a source. */
static void
on_scale_factor_changed_cb (ViewerWorldMap *self)
{
  install_source (self);
}

static void
viewer_world_map_dispose (GObject *object)
{
  ViewerWorldMap *self = VIEWER_WORLD_MAP (object);

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  g_clear_object (&self->source);
  g_clear_object (&self->painter);
  g_clear_object (&self->map);

  G_OBJECT_CLASS (viewer_world_map_parent_class)->dispose (object);
}

static void
viewer_world_map_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ViewerWorldMap *self = VIEWER_WORLD_MAP (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_world_map_class_init (ViewerWorldMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = viewer_world_map_dispose;
  object_class->get_property = viewer_world_map_get_property;

  /**
   * ViewerWorldMap:source:
   *
   * The map source installed as the map's base; a new one (and with it a
   * new base layer) whenever the style or the scale factor changes.
   */
  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, VIEWER_TYPE_TILE_SOURCE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viewer_world_map_init (ViewerWorldMap *self)
{
}

/**
 * viewer_world_map_new:
 * @map: the map widget whose base it becomes
 *
 * Installs the embedded world map as @map's base and keeps it in the
 * desktop's light or dark style and at @map's scale factor, for as long as
 * the returned object lives.
 *
 * Returns: (transfer full): the world map on @map
 */
ViewerWorldMap *
viewer_world_map_new (ShumateSimpleMap *map)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  ViewerWorldMap *self;

  g_return_val_if_fail (SHUMATE_IS_SIMPLE_MAP (map), NULL);

  self = g_object_new (VIEWER_TYPE_WORLD_MAP, NULL);
  self->map = g_object_ref (map);
  self->painter = create_painter ();
  carto_world_painter_set_dark (self->painter, adw_style_manager_get_dark (style_manager));

  g_signal_connect_object (self->painter, "changed", G_CALLBACK (on_painter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (on_dark_changed_cb), self, 0);
  g_signal_connect_swapped (map, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed_cb), self);
  install_source (self);

  return self;
}

/**
 * viewer_world_map_get_source:
 * @self: the world map
 *
 * Returns: (transfer none): the map source drawing it now
 */
ViewerTileSource *
viewer_world_map_get_source (ViewerWorldMap *self)
{
  g_return_val_if_fail (VIEWER_IS_WORLD_MAP (self), NULL);

  return self->source;
}

/**
 * viewer_world_map_get_layer:
 * @self: the world map
 *
 * Debian's libshumate 1.0.3 has no getter for the simple map's base layer
 * (1.4 has), and declares but does not export
 * shumate_simple_map_insert_overlay_layer(): the base layer is found
 * among the ShumateMap's children by its source. Not merely the bottom
 * child: layers inserted before they had an anchor (a map with layers
 * shown in place of another) sit below it until restacked.
 *
 * Returns: (transfer none) (nullable): the map layer showing it
 */
ShumateLayer *
viewer_world_map_get_layer (ViewerWorldMap *self)
{
  GtkWidget *map;

  g_return_val_if_fail (VIEWER_IS_WORLD_MAP (self), NULL);

  map = GTK_WIDGET (shumate_simple_map_get_map (self->map));
  for (GtkWidget *child = gtk_widget_get_first_child (map); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(ShumateMapSource) source = NULL;

      if (!SHUMATE_IS_MAP_LAYER (child))
        continue;
      g_object_get (child, "map-source", &source, NULL);
      if (source == SHUMATE_MAP_SOURCE (self->source))
        return SHUMATE_LAYER (child);
    }

  return NULL;
}
