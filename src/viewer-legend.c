/* viewer-legend.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A layer's legend, compact enough for a sidebar row: a swatch or a size
 * circle per category or class, a gradient for colour ramps. It follows
 * the layer's style. A single-symbol style has no legend beyond the row's
 * own swatch, so the widget is then empty.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "viewer-legend.h"

/* Past this many entries, two columns keep the legend short. */
#define MAX_ONE_COLUMN 5
#define SWATCH_SIZE 12
#define MAX_CIRCLE 32.0

struct _ViewerLegend
{
  GtkWidget parent_instance;

  /* Owned references */
  GtkWidget *content;
  CartoLayer *layer;

  /* State */
  guint n_items;
  gboolean empty;
};

G_DEFINE_FINAL_TYPE (ViewerLegend, viewer_legend, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LAYER,
  PROP_EMPTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  CartoSymbol symbol;
  gboolean circle;
} Swatch;

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Drawn as the map draws the symbol: the fill at the symbol's opacity,
 * with a faint edge so pale colours still show on the row. */
static void
draw_swatch_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  const Swatch *swatch = user_data;
  const CartoSymbol *symbol = &swatch->symbol;
  GdkRGBA edge;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &edge);

  if (swatch->circle)
    {
      double diameter = CLAMP (symbol->size, 2.0, MAX_CIRCLE);

      cairo_arc (cr, width / 2.0, height / 2.0, diameter / 2.0, 0, 2 * G_PI);
    }
  else
    {
      rounded_rectangle (cr, (width - SWATCH_SIZE) / 2.0, (height - SWATCH_SIZE) / 2.0,
                         SWATCH_SIZE, SWATCH_SIZE, 3);
    }

  cairo_set_source_rgba (cr, symbol->color.red, symbol->color.green, symbol->color.blue,
                         symbol->color.alpha * symbol->opacity);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, edge.red, edge.green, edge.blue, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
draw_ramp_cb (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  CartoLegend *legend = user_data;
  guint n = carto_legend_get_n_entries (legend);
  cairo_pattern_t *gradient;
  GdkRGBA edge;

  if (n == 0)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &edge);
  gradient = cairo_pattern_create_linear (0, 0, width, 0);
  for (guint i = 0; i < n; i++)
    {
      const CartoSymbol *symbol = &carto_legend_get_entry (legend, i)->symbol;

      cairo_pattern_add_color_stop_rgba (gradient, n > 1 ? (double) i / (n - 1) : 0,
                                         symbol->color.red, symbol->color.green, symbol->color.blue,
                                         symbol->color.alpha * symbol->opacity);
    }

  rounded_rectangle (cr, 0.5, 0.5, width - 1, height - 1, 3);
  cairo_set_source (cr, gradient);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, edge.red, edge.green, edge.blue, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_pattern_destroy (gradient);
}

static GtkWidget *
caption (const char *text,
         float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  return label;
}

static GtkWidget *
build_ramp (CartoLegend *legend)
{
  guint n = carto_legend_get_n_entries (legend);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *ends = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *ramp = gtk_drawing_area_new ();
  GtkWidget *low = caption (carto_legend_get_entry (legend, 0)->label, 0);
  GtkWidget *high = caption (carto_legend_get_entry (legend, n - 1)->label, 1);

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (ramp), 10);
  gtk_widget_set_hexpand (ramp, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (ramp), draw_ramp_cb, carto_legend_ref (legend),
                                  (GDestroyNotify) carto_legend_unref);
  gtk_widget_set_hexpand (low, TRUE);
  gtk_box_append (GTK_BOX (ends), low);
  gtk_box_append (GTK_BOX (ends), high);
  gtk_box_append (GTK_BOX (box), ramp);
  gtk_box_append (GTK_BOX (box), ends);
  return box;
}

static GtkWidget *
build_entries (CartoLegend *legend,
               gboolean     circles)
{
  guint n = carto_legend_get_n_entries (legend);
  guint rows = n > MAX_ONE_COLUMN ? (n + 1) / 2 : n;
  GtkWidget *grid = gtk_grid_new ();
  double swatch_width = SWATCH_SIZE;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 3);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), n > MAX_ONE_COLUMN);

  /* Circles share the width of the largest, so the labels line up. */
  for (guint i = 0; circles && i < n; i++)
    swatch_width = MAX (swatch_width, ceil (CLAMP (carto_legend_get_entry (legend, i)->symbol.size, 2.0, MAX_CIRCLE)) + 2);

  /* Column by column, so classes read in order down the first. */
  for (guint i = 0; i < n; i++)
    {
      const CartoLegendEntry *entry = carto_legend_get_entry (legend, i);
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *area = gtk_drawing_area_new ();
      GtkWidget *label = caption (entry->label, 0);
      Swatch *swatch = g_new0 (Swatch, 1);
      double height = circles ? CLAMP (entry->symbol.size, 2.0, MAX_CIRCLE) + 2 : SWATCH_SIZE + 2;

      swatch->symbol = entry->symbol;
      swatch->circle = circles;
      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), (int) swatch_width);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), (int) ceil (MAX (height, SWATCH_SIZE + 2)));
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch_cb, swatch, g_free);
      gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_tooltip_text (label, entry->label);
      gtk_box_append (GTK_BOX (item), area);
      gtk_box_append (GTK_BOX (item), label);
      gtk_grid_attach (GTK_GRID (grid), item, i / rows, i % rows, 1, 1);
    }

  return grid;
}

static void
rebuild (ViewerLegend *self)
{
  CartoStyle *style = self->layer ? carto_layer_get_style (self->layer) : NULL;
  CartoLegend *legend = style ? carto_style_get_legend (style) : NULL;
  CartoStyleKind kind = style ? carto_style_get_kind (style) : CARTO_STYLE_KIND_SINGLE;
  gboolean empty;

  g_clear_pointer (&self->content, gtk_widget_unparent);
  self->n_items = 0;

  empty = legend == NULL || carto_legend_get_kind (legend) == CARTO_LEGEND_KIND_SINGLE ||
          carto_legend_get_n_entries (legend) == 0;
  if (!empty)
    {
      self->n_items = carto_legend_get_n_entries (legend);
      if (carto_legend_get_kind (legend) == CARTO_LEGEND_KIND_COLOR_RAMP)
        self->content = build_ramp (legend);
      else
        self->content = build_entries (legend,
                                       kind == CARTO_STYLE_KIND_SIZE_BINS || kind == CARTO_STYLE_KIND_SIZE_CONTINUOUS);
      gtk_widget_set_parent (self->content, GTK_WIDGET (self));
    }

  if (empty != self->empty)
    {
      self->empty = empty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
    }
}

static void
on_layer_style_cb (CartoLayer   *layer,
                   GParamSpec   *pspec,
                   ViewerLegend *self)
{
  rebuild (self);
}

static void
viewer_legend_dispose (GObject *object)
{
  ViewerLegend *self = VIEWER_LEGEND (object);

  if (self->layer != NULL)
    g_signal_handlers_disconnect_by_data (self->layer, self);
  g_clear_object (&self->layer);
  g_clear_pointer (&self->content, gtk_widget_unparent);

  G_OBJECT_CLASS (viewer_legend_parent_class)->dispose (object);
}

static void
viewer_legend_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ViewerLegend *self = VIEWER_LEGEND (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      g_value_set_object (value, self->layer);
      break;
    case PROP_EMPTY:
      g_value_set_boolean (value, self->empty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_legend_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ViewerLegend *self = VIEWER_LEGEND (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      viewer_legend_set_layer (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_legend_class_init (ViewerLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viewer_legend_dispose;
  object_class->get_property = viewer_legend_get_property;
  object_class->set_property = viewer_legend_set_property;

  /**
   * ViewerLegend:layer:
   *
   * The layer whose style's legend is shown.
   */
  properties[PROP_LAYER] =
    g_param_spec_object ("layer", NULL, NULL, CARTO_TYPE_LAYER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerLegend:empty:
   *
   * Whether there is nothing to show: no layer, or a single-symbol style.
   */
  properties[PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "legend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
viewer_legend_init (ViewerLegend *self)
{
  self->empty = TRUE;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Legend"),
                                  -1);
}

/**
 * viewer_legend_new:
 *
 * Returns: (transfer full): an empty legend; give it a layer
 */
ViewerLegend *
viewer_legend_new (void)
{
  return g_object_new (VIEWER_TYPE_LEGEND, NULL);
}

/**
 * viewer_legend_get_layer:
 * @self: a legend
 *
 * Returns: (transfer none) (nullable): the layer it follows
 */
CartoLayer *
viewer_legend_get_layer (ViewerLegend *self)
{
  g_return_val_if_fail (VIEWER_IS_LEGEND (self), NULL);

  return self->layer;
}

/**
 * viewer_legend_set_layer:
 * @self: a legend
 * @layer: (nullable): the layer whose legend to show
 */
void
viewer_legend_set_layer (ViewerLegend *self,
                         CartoLayer   *layer)
{
  g_return_if_fail (VIEWER_IS_LEGEND (self));
  g_return_if_fail (layer == NULL || CARTO_IS_LAYER (layer));

  if (self->layer == layer)
    return;

  if (self->layer != NULL)
    g_signal_handlers_disconnect_by_data (self->layer, self);
  g_set_object (&self->layer, layer);
  if (layer != NULL)
    g_signal_connect (layer, "notify::style", G_CALLBACK (on_layer_style_cb), self);

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYER]);
}

/**
 * viewer_legend_get_empty:
 * @self: a legend
 *
 * Returns: whether the legend shows nothing
 */
gboolean
viewer_legend_get_empty (ViewerLegend *self)
{
  g_return_val_if_fail (VIEWER_IS_LEGEND (self), TRUE);

  return self->empty;
}

/**
 * viewer_legend_get_n_items:
 * @self: a legend
 *
 * Returns: the number of entries shown (both ends of a ramp count)
 */
guint
viewer_legend_get_n_items (ViewerLegend *self)
{
  g_return_val_if_fail (VIEWER_IS_LEGEND (self), 0);

  return self->n_items;
}
