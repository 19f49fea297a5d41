/* viewer-layer-row.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One layer in the sidebar: its title, the account it reads with, a
 * colour swatch, a spinner while tiles load, an error badge carrying the
 * server's message, a visibility switch and a remove button.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-layer-row.h"

struct _ViewerLayerRow
{
  AdwActionRow parent_instance;

  /* Template widgets */
  GtkStack *state_stack;
  GtkImage *swatch;
  GtkSpinner *spinner;
  GtkLabel *error_label;
  GtkSwitch *visible_switch;

  /* Owned references */
  CartoLayer *layer;
  GBinding *visible_binding;
};

G_DEFINE_FINAL_TYPE (ViewerLayerRow, viewer_layer_row, ADW_TYPE_ACTION_ROW)

enum {
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle ? subtitle : "");
}

static void
update_style (ViewerLayerRow *self)
{
  g_autoptr(GdkTexture) texture = swatch_texture (carto_layer_get_style (self->layer),
                                                  gtk_widget_get_scale_factor (GTK_WIDGET (self)));

  gtk_image_set_from_paintable (self->swatch, GDK_PAINTABLE (texture));
}

static void
update_state (ViewerLayerRow *self)
{
  switch (carto_layer_get_state (self->layer))
    {
    case CARTO_LAYER_STATE_LOADING:
      gtk_spinner_start (self->spinner);
      gtk_stack_set_visible_child_name (self->state_stack, "loading");
      break;
    case CARTO_LAYER_STATE_ERROR:
      gtk_spinner_stop (self->spinner);
      gtk_label_set_text (self->error_label, carto_layer_get_error_message (self->layer));
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      break;
    case CARTO_LAYER_STATE_IDLE:
    case CARTO_LAYER_STATE_READY:
    default:
      gtk_spinner_stop (self->spinner);
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

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-layer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, state_stack);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, visible_switch);

  gtk_widget_class_install_action (widget_class, "row.remove", NULL, viewer_layer_row_remove_action);
}

static void
viewer_layer_row_init (ViewerLayerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * viewer_layer_row_new:
 * @layer: the layer shown
 *
 * Returns: (transfer full): a row following @layer
 */
ViewerLayerRow *
viewer_layer_row_new (CartoLayer *layer)
{
  ViewerLayerRow *self;

  g_return_val_if_fail (CARTO_IS_LAYER (layer), NULL);

  self = g_object_new (VIEWER_TYPE_LAYER_ROW, NULL);
  self->layer = g_object_ref (layer);
  self->visible_binding = g_object_bind_property (layer, "visible", self->visible_switch, "active",
                                                  G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect (layer, "notify", G_CALLBACK (on_layer_notify_cb), self);

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
