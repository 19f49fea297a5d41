/* viewer-layer-row.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One layer in the sidebar: its title, the account it reads with, a
 * colour swatch, a spinner while tiles load, an error badge carrying the
 * server's message, a visibility switch and a remove button. Expanded, it
 * shows the style with a button to edit it, and the style's legend.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-layer-row.h"
#include "viewer-spinner.h"
#include "viewer-legend.h"
#include "viewer-style-editor.h"

struct _ViewerLayerRow
{
  AdwExpanderRow parent_instance;

  /* Template widgets */
  GtkStack *state_stack;
  GtkImage *swatch;
  GtkSpinner *spinner;
  GtkLabel *error_label;
  GtkSwitch *visible_switch;
  AdwActionRow *style_row;
  GtkMenuButton *style_button;
  GtkWidget *legend_row;
  ViewerLegend *legend;

  /* Owned references */
  CartoLayer *layer;
  GBinding *visible_binding;
};

G_DEFINE_FINAL_TYPE (ViewerLayerRow, viewer_layer_row, ADW_TYPE_EXPANDER_ROW)

enum {
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A style colouring by value draws the base colour nowhere: the swatch
 * shows a few of its colours instead, as slices. */
static void
draw_legend_slices (cairo_t    *cr,
                    CartoStyle *style)
{
  CartoLegend *legend = style ? carto_style_get_legend (style) : NULL;
  CartoStyleKind kind = style ? carto_style_get_kind (style) : CARTO_STYLE_KIND_SINGLE;
  guint n, k;

  if (legend == NULL || (kind != CARTO_STYLE_KIND_COLOR_CATEGORY && kind != CARTO_STYLE_KIND_COLOR_BINS &&
                         kind != CARTO_STYLE_KIND_COLOR_CONTINUOUS))
    return;

  n = carto_legend_get_n_entries (legend);
  /* Not the grey of "Others" */
  if (kind == CARTO_STYLE_KIND_COLOR_CATEGORY && n > 0)
    n--;
  k = MIN (n, 5);
  if (k < 2)
    return;

  for (guint i = 0; i < k; i++)
    {
      const CartoColor *color = &carto_legend_get_entry (legend, i * (n - 1) / (k - 1))->symbol.color;
      double from = -G_PI / 2 + 2 * G_PI * i / k;

      cairo_move_to (cr, 8, 8);
      cairo_arc (cr, 8, 8, 6, from, from + 2 * G_PI / k);
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, color->red, color->green, color->blue, 1.0);
      cairo_fill (cr);
    }
  cairo_arc (cr, 8, 8, 6, 0, 2 * G_PI);
}

static GdkTexture *
swatch_texture (CartoStyle *style,
                int         scale)
{
  CartoSymbol symbol;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;
  int side = 16 * scale;

  if (style != NULL)
    symbol = *carto_style_get_base (style);
  else
    carto_symbol_init_default (&symbol, CARTO_MVT_GEOM_POINT);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, side, side);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  cairo_arc (cr, 8, 8, 6, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, symbol.color.red, symbol.color.green, symbol.color.blue, 1.0);
  cairo_fill_preserve (cr);
  draw_legend_slices (cr, style);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * side);
  {
    GdkTexture *texture = gdk_memory_texture_new (side, side, GDK_MEMORY_DEFAULT, bytes,
                                                  (gsize) cairo_image_surface_get_stride (surface));
    cairo_surface_destroy (surface);
    return texture;
  }
}

/* libadwaita 1.2's expander row cannot keep its title and subtitle to one
 * line (1.3 can), and a narrow sidebar then wraps them mid-word. Its
 * header is an AdwActionRow, which can. */
static gboolean
limit_header_lines (ViewerLayerRow *self,
                    GtkWidget      *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_ACTION_ROW (child) && child != GTK_WIDGET (self->style_row))
        {
          adw_action_row_set_title_lines (ADW_ACTION_ROW (child), 1);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (child), 1);
          return TRUE;
        }
      if (limit_header_lines (self, child))
        return TRUE;
    }

  return FALSE;
}

static void
update_title (ViewerLayerRow *self)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), carto_layer_get_title (self->layer));
}

static void
update_subtitle (ViewerLayerRow *self)
{
  CartoCredentials *own = carto_layer_get_credentials (self->layer);
  CartoCredentials *effective = carto_layer_get_effective_credentials (self->layer);
  g_autofree char *subtitle = NULL;

  if (own == NULL && carto_source_get_credentials (carto_layer_get_source (self->layer)) == NULL)
    {
      if (effective != NULL)
        /* Translators: the layer uses the default account, named here */
        subtitle = g_strdup_printf (_("Default account (%s)"), carto_credentials_get_username (effective));
      else
        subtitle = g_strdup (_("Default account (none set)"));
    }
  else if (effective != NULL)
    {
      g_autofree char *host = carto_credentials_dup_host (effective);

      subtitle = g_strdup_printf ("%s · %s", carto_credentials_get_username (effective), host);
    }

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle ? subtitle : "");
}

static void
update_style (ViewerLayerRow *self)
{
  CartoStyle *style = carto_layer_get_style (self->layer);
  g_autoptr(GdkTexture) texture = swatch_texture (style, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  g_autofree char *description = style ? viewer_style_dup_description (style) : NULL;

  gtk_image_set_from_paintable (self->swatch, GDK_PAINTABLE (texture));
  adw_action_row_set_subtitle (self->style_row, description ? description : "");
}

static void
update_state (ViewerLayerRow *self)
{
  switch (carto_layer_get_state (self->layer))
    {
    case CARTO_LAYER_STATE_LOADING:
      gtk_stack_set_visible_child_name (self->state_stack, "loading");
      break;
    case CARTO_LAYER_STATE_ERROR:
      gtk_label_set_text (self->error_label, carto_layer_get_error_message (self->layer));
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      break;
    case CARTO_LAYER_STATE_IDLE:
    case CARTO_LAYER_STATE_READY:
    default:
      gtk_stack_set_visible_child_name (self->state_stack, "idle");
      break;
    }
}

static void
on_layer_notify_cb (CartoLayer     *layer,
                    GParamSpec     *pspec,
                    ViewerLayerRow *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "title"))
    update_title (self);
  else if (g_str_equal (name, "credentials") || g_str_equal (name, "effective-credentials") ||
           g_str_equal (name, "source"))
    update_subtitle (self);
  else if (g_str_equal (name, "style"))
    update_style (self);
  else if (g_str_equal (name, "state") || g_str_equal (name, "error-message"))
    update_state (self);
}

static void
viewer_layer_row_remove_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

static void
viewer_layer_row_dispose (GObject *object)
{
  ViewerLayerRow *self = VIEWER_LAYER_ROW (object);

  if (self->layer != NULL)
    g_signal_handlers_disconnect_by_data (self->layer, self);
  g_clear_pointer (&self->visible_binding, g_binding_unbind);
  g_clear_object (&self->layer);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_LAYER_ROW);

  G_OBJECT_CLASS (viewer_layer_row_parent_class)->dispose (object);
}

static void
viewer_layer_row_class_init (ViewerLayerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viewer_layer_row_dispose;

  /**
   * ViewerLayerRow::remove:
   *
   * The person asked to remove this layer from the map.
   */
  signals[REMOVE] = g_signal_new ("remove",
                                  G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  g_type_ensure (VIEWER_TYPE_LEGEND);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-layer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, state_stack);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, visible_switch);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, style_row);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, style_button);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, legend_row);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, legend);

  gtk_widget_class_install_action (widget_class, "row.remove", NULL, viewer_layer_row_remove_action);
}

static void
viewer_layer_row_init (ViewerLayerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  limit_header_lines (self, GTK_WIDGET (self));
  viewer_spinner_spin_while_mapped (self->spinner);
}

/**
 * viewer_layer_row_new:
 * @layer: the layer shown
 * @session: (nullable): the session its style editor queries the SQL
 *   API with
 *
 * Returns: (transfer full): a row following @layer
 */
ViewerLayerRow *
viewer_layer_row_new (CartoLayer  *layer,
                      SoupSession *session)
{
  ViewerLayerRow *self;
  ViewerStyleEditor *editor;

  g_return_val_if_fail (CARTO_IS_LAYER (layer), NULL);
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);

  self = g_object_new (VIEWER_TYPE_LAYER_ROW, NULL);
  self->layer = g_object_ref (layer);
  self->visible_binding = g_object_bind_property (layer, "visible", self->visible_switch, "active",
                                                  G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect (layer, "notify", G_CALLBACK (on_layer_notify_cb), self);

  /* The editor opens beside the sidebar, over the map it restyles. */
  editor = viewer_style_editor_new (layer);
  viewer_style_editor_set_session (editor, session);
  gtk_menu_button_set_popover (self->style_button, GTK_WIDGET (editor));
  gtk_menu_button_set_direction (self->style_button, GTK_ARROW_RIGHT);
  viewer_legend_set_layer (self->legend, layer);
  g_object_bind_property (self->legend, "empty", self->legend_row, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  /* A classified style's legend is worth seeing without a click. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), !viewer_legend_get_empty (self->legend));

  update_title (self);
  update_subtitle (self);
  update_style (self);
  update_state (self);

  return self;
}

/**
 * viewer_layer_row_get_layer:
 * @self: a row
 *
 * Returns: (transfer none): the layer
 */
CartoLayer *
viewer_layer_row_get_layer (ViewerLayerRow *self)
{
  g_return_val_if_fail (VIEWER_IS_LAYER_ROW (self), NULL);

  return self->layer;
}
