/* viewer-layer-row.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One layer in the sidebar: a colour swatch (a spinner while tiles load,
 * an error badge with the server's message), the title and the account
 * it reads with, a visibility switch and a menu (rename, duplicate, zoom
 * to the layer, move up or down, remove). The header is what a drag
 * takes: a handle would cost the title a fifth of its width in a 360-px
 * sidebar, and the menu and Alt+Up/Down move layers too. Expanded, it
 * shows the style with a button to edit it, the layer's opacity and the
 * style's legend; a layer whose account the keyring lacks offers to add
 * that account there.
 *
 * The list shows the top layer first, so "up" here is later in CartoMap's
 * drawing order. Every change goes through CartoMap and CartoLayer, which
 * is what marks a map document modified.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-account-dialog.h"
#include "viewer-format.h"
#include "viewer-layer-row.h"
#include "viewer-legend.h"
#include "viewer-rename-popover.h"
#include "viewer-spinner.h"
#include "viewer-style-editor.h"
#include "viewer-toast.h"

/* Titles wrap instead of being cut; past this, a tooltip has the rest. */
#define TITLE_LINES 3
#define SUBTITLE_LINES 2

struct _ViewerLayerRow
{
  AdwExpanderRow parent_instance;

  /* Template widgets */
  GtkStack *state_stack;
  GtkImage *swatch;
  GtkSpinner *spinner;
  GtkLabel *error_label;
  GtkSwitch *visible_switch;
  GtkMenuButton *menu_button;
  GtkWidget *account_row;
  GtkLabel *account_username;
  GtkLabel *account_host;
  AdwActionRow *style_row;
  GtkMenuButton *style_button;
  GtkScale *opacity_scale;
  GtkWidget *legend_row;
  ViewerLegend *legend;

  /* Owned references */
  CartoLayer *layer;
  CartoMap *map;
  ViewerContext *context;
  ViewerRenamePopover *rename_popover;
  GCancellable *zoom_cancellable;

  /* Borrowed references */
  AdwActionRow *header;

  /* State */
  double drag_x;
  double drag_y;
  gboolean account_missing;
};

G_DEFINE_FINAL_TYPE (ViewerLayerRow, viewer_layer_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_LAYER,
  PROP_MAP,
  PROP_CONTEXT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
  GdkTexture *texture;
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
  texture = gdk_memory_texture_new (side, side, GDK_MEMORY_DEFAULT, bytes,
                                    (gsize) cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}

/* What the list calls the layer: its title, else what it shows. */
static const char *
layer_name (CartoLayer *layer)
{
  const char *title = carto_layer_get_title (layer);

  return title != NULL && *title != '\0' ? title : carto_source_get_data (carto_layer_get_source (layer));
}

static char *
dup_host (const char *base_url)
{
  g_autoptr(GUri) uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (base_url);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

/* The expander row's header is an AdwActionRow of libadwaita's own,
 * styled "header"; its title and subtitle are labels styled alike. */
static GtkWidget *
find_child_with_class (GtkWidget  *widget,
                       GType       type,
                       const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && gtk_widget_has_css_class (child, css_class))
        return child;
      found = find_child_with_class (child, type, css_class);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
label_is_cut (GtkWidget *label)
{
  return label != NULL && gtk_widget_get_visible (label) &&
         pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (label)));
}

/* The full title and account, when the lines they have do not hold them. */
static gboolean
on_header_query_tooltip_cb (GtkWidget      *header,
                            int             x,
                            int             y,
                            gboolean        keyboard_mode,
                            GtkTooltip     *tooltip,
                            ViewerLayerRow *self)
{
  GtkWidget *title = find_child_with_class (header, GTK_TYPE_LABEL, "title");
  GtkWidget *subtitle = find_child_with_class (header, GTK_TYPE_LABEL, "subtitle");
  g_autofree char *text = NULL;

  if (!label_is_cut (title) && !label_is_cut (subtitle))
    return FALSE;

  text = g_strjoin ("\n", layer_name (self->layer),
                    adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (self)), NULL);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
update_title (ViewerLayerRow *self)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), layer_name (self->layer));
}

static void
update_subtitle (ViewerLayerRow *self)
{
  CartoSource *source = carto_layer_get_source (self->layer);
  CartoCredentials *own = carto_layer_get_credentials (self->layer);
  CartoCredentials *effective = carto_layer_get_effective_credentials (self->layer);
  gboolean missing = carto_layer_get_account_missing (self->layer);
  g_autofree char *subtitle = NULL;

  if (missing)
    {
      g_autofree char *host = dup_host (carto_source_get_account_base_url (source));

      /* Translators: the first %s is a CARTO username, the second a
       * server's host name */
      subtitle = g_strdup_printf (_("Needs account “%s” at %s"), carto_source_get_account_username (source), host);
    }
  else if (own == NULL && carto_source_get_credentials (source) == NULL &&
           carto_source_get_account_username (source) == NULL)
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

  /* The header may have to cut a long address; here it is whole, over
   * the button that adds the account. */
  if (missing)
    {
      g_autofree char *host = dup_host (carto_source_get_account_base_url (source));

      gtk_label_set_text (self->account_username, carto_source_get_account_username (source));
      gtk_label_set_text (self->account_host, host);
    }

  /* Something to act on, not a failure: said in the subtitle, with the
   * way out right under it. */
  if (missing)
    gtk_widget_add_css_class (GTK_WIDGET (self), "needs-account");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "needs-account");
  gtk_widget_set_visible (GTK_WIDGET (self->account_row), missing);
  if (missing && !self->account_missing)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  self->account_missing = missing;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.add-account", missing && self->context != NULL);
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
  if (self->zoom_cancellable != NULL)
    {
      gtk_stack_set_visible_child_name (self->state_stack, "loading");
      return;
    }

  switch (carto_layer_get_state (self->layer))
    {
    case CARTO_LAYER_STATE_LOADING:
      gtk_stack_set_visible_child_name (self->state_stack, "loading");
      break;
    case CARTO_LAYER_STATE_ERROR:
      /* A missing account is said in the subtitle; the row keeps its
       * colour. */
      if (carto_layer_get_account_missing (self->layer))
        {
          gtk_stack_set_visible_child_name (self->state_stack, "idle");
          break;
        }
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
update_actions (ViewerLayerRow *self)
{
  guint position = 0, n = 0;
  gboolean in_map = self->map != NULL && carto_map_find_layer (self->map, self->layer, &position);

  if (in_map)
    n = carto_map_get_n_layers (self->map);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.move-up", in_map && position + 1 < n);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.move-down", in_map && position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.duplicate", in_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.remove", in_map);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.zoom-to",
                                 in_map && self->context != NULL && self->zoom_cancellable == NULL);
}

static void
on_layer_title_notify_cb (ViewerLayerRow *self)
{
  update_title (self);
}

static void
on_layer_account_notify_cb (ViewerLayerRow *self)
{
  update_subtitle (self);
  update_state (self);
}

static void
on_layer_style_notify_cb (ViewerLayerRow *self)
{
  update_style (self);
}

static void
on_layer_state_notify_cb (ViewerLayerRow *self)
{
  update_state (self);
}

static void
on_map_items_changed_cb (ViewerLayerRow *self)
{
  update_actions (self);
}

static char *
format_percent_cb (GtkScale *scale,
                   double    value,
                   gpointer  user_data)
{
  return viewer_format_percent (value);
}

/* One step up (+1, later in drawing order) or down (-1). */
static void
move_layer (ViewerLayerRow *self,
            int             delta)
{
  guint position;
  guint n = carto_map_get_n_layers (self->map);

  if (!carto_map_find_layer (self->map, self->layer, &position))
    return;
  if ((delta < 0 && position == 0) || (delta > 0 && position + 1 >= n))
    return;

  carto_map_move_layer (self->map, position, delta < 0 ? position - 1 : position + 1);
}

/* @layer dropped above or below this row: above in the list is over this
 * layer on the map, later in drawing order. */
static gboolean
drop_layer (ViewerLayerRow *self,
            CartoLayer     *layer,
            gboolean        above)
{
  guint from, target;

  if (layer == self->layer ||
      !carto_map_find_layer (self->map, layer, &from) ||
      !carto_map_find_layer (self->map, self->layer, &target))
    return FALSE;

  /* Counted once @layer is taken out. */
  if (from < target)
    target--;
  carto_map_move_layer (self->map, from, above ? target + 1 : target);
  return TRUE;
}

/* The row's menu closes before the row moves, or leaves the list. */
static void
close_menu (ViewerLayerRow *self)
{
  gtk_menu_button_popdown (self->menu_button);
}

static void
viewer_layer_row_move_up_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  ViewerLayerRow *self = VIEWER_LAYER_ROW (widget);

  close_menu (self);
  move_layer (self, +1);
}

static void
viewer_layer_row_move_down_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  ViewerLayerRow *self = VIEWER_LAYER_ROW (widget);

  close_menu (self);
  move_layer (self, -1);
}

static void
viewer_layer_row_duplicate_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  ViewerLayerRow *self = VIEWER_LAYER_ROW (widget);
  g_autoptr(CartoLayer) copy = NULL;
  g_autofree char *title = NULL;
  guint position;

  if (!carto_map_find_layer (self->map, self->layer, &position))
    return;

  close_menu (self);
  copy = carto_layer_copy (self->layer);
  /* Translators: the title of a duplicated layer; %s is the original's */
  title = g_strdup_printf (_("%s (copy)"), layer_name (self->layer));
  carto_layer_set_title (copy, title);
  /* Right above the original in the list. */
  carto_map_insert_layer (self->map, position + 1, copy);
}

typedef struct
{
  CartoMap *map;
  CartoLayer *layer;
  guint position;
} RemovedLayer;

static void
removed_layer_free (gpointer data)
{
  RemovedLayer *removed = data;

  g_object_unref (removed->map);
  g_object_unref (removed->layer);
  g_free (removed);
}

static void
on_undo_remove_cb (AdwToast     *toast,
                   RemovedLayer *removed)
{
  guint position = MIN (removed->position, carto_map_get_n_layers (removed->map));

  if (!carto_map_find_layer (removed->map, removed->layer, NULL))
    carto_map_insert_layer (removed->map, position, removed->layer);
}

static void
viewer_layer_row_remove_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  ViewerLayerRow *self = VIEWER_LAYER_ROW (widget);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  RemovedLayer *removed;
  AdwToast *toast;
  guint position;

  if (!carto_map_find_layer (self->map, self->layer, &position))
    return;

  close_menu (self);
  removed = g_new0 (RemovedLayer, 1);
  removed->map = g_object_ref (self->map);
  removed->layer = g_object_ref (self->layer);
  removed->position = position;

  /* Toast titles are markup. */
  name = g_markup_escape_text (layer_name (self->layer), -1);
  /* Translators: a toast; %s is the layer's title */
  title = g_strdup_printf (_("“%s” removed"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_remove_cb), removed,
                         (GClosureNotify) (void (*) (void)) removed_layer_free, 0);
  /* Shown before the row leaves the window it finds the overlay in. */
  viewer_toast_show (GTK_WIDGET (self), toast);

  carto_map_remove_layer (self->map, position);
}

static void
on_renamed_cb (ViewerRenamePopover *popover,
               const char          *name,
               ViewerLayerRow      *self)
{
  carto_layer_set_title (self->layer, name);
}

static void
viewer_layer_row_rename_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  ViewerLayerRow *self = VIEWER_LAYER_ROW (widget);
  graphene_rect_t bounds;

  close_menu (self);
  if (self->header != NULL && gtk_widget_compute_bounds (GTK_WIDGET (self->header), GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->rename_popover),
                                 &(GdkRectangle) { (int) bounds.origin.x, (int) bounds.origin.y,
                                                   (int) bounds.size.width, (int) bounds.size.height });
  viewer_rename_popover_popup_with (self->rename_popover, layer_name (self->layer));
}

/* Toasts are one line in libadwaita 1.2: the reason, short. */
static char *
dup_zoom_error (const GError *error)
{
  if (g_error_matches (error, CARTO_LAYER_ERROR, CARTO_LAYER_ERROR_EMPTY) ||
      g_error_matches (error, CARTO_LAYER_ERROR, CARTO_LAYER_ERROR_NO_GEOMETRY))
    return g_strdup (error->message);
  if (g_error_matches (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_NO_ACCOUNT))
    return g_strdup (_("Add the layer’s account to zoom to it."));

  /* Translators: a toast; %s says why (the network's or the server's words) */
  return g_strdup_printf (_("Could not zoom to the layer: %s"), error->message);
}

static void
set_zooming (ViewerLayerRow *self,
             GCancellable   *cancellable)
{
  if (self->zoom_cancellable != NULL)
    g_cancellable_cancel (self->zoom_cancellable);
  g_set_object (&self->zoom_cancellable, cancellable);
  update_state (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
extent_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ViewerLayerRow) self = user_data;
  g_autoptr(GError) error = NULL;
  CartoBounds bounds;
  gboolean ok;

  ok = carto_layer_compute_extent_finish (CARTO_LAYER (source), result, &bounds, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_zooming (self, NULL);
  if (!ok)
    {
      g_autofree char *message = dup_zoom_error (error);
      g_autofree char *title = g_markup_escape_text (message, -1);

      AdwToast *toast = adw_toast_new (title);

      g_debug ("No extent for “%s”: %s", layer_name (self->layer), error->message);
      /* The answer to what the person just asked: now, not queued. */
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      viewer_toast_show (GTK_WIDGET (self), toast);
      return;
    }

  /* The map view fits and animates to it. */
  carto_map_set_bounds (self->map, &bounds);
}

static void
viewer_layer_row_zoom_to_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  ViewerLayerRow *self = VIEWER_LAYER_ROW (widget);
  g_autoptr(GCancellable) cancellable = NULL;

  if (self->context == NULL || self->zoom_cancellable != NULL)
    return;

  cancellable = g_cancellable_new ();
  set_zooming (self, cancellable);
  carto_layer_compute_extent_async (self->layer, viewer_context_get_soup_session (self->context), cancellable,
                                    extent_cb, g_object_ref (self));
}

static void
viewer_layer_row_add_account_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  ViewerLayerRow *self = VIEWER_LAYER_ROW (widget);
  CartoSource *source = carto_layer_get_source (self->layer);
  GtkRoot *root = gtk_widget_get_root (widget);
  ViewerAccountDialog *dialog;

  if (self->context == NULL || !carto_layer_get_account_missing (self->layer))
    return;

  /* The layer loads by itself once the account is in the store. */
  dialog = viewer_account_dialog_new_for_reference (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->context,
                                                    carto_source_get_account_username (source),
                                                    carto_source_get_account_base_url (source));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Drag and drop: the row carries its layer; a row it is dropped on puts
 * it above or below itself, by the half the pointer is in. */

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource  *source,
                    double          x,
                    double          y,
                    ViewerLayerRow *self)
{
  graphene_point_t point;

  if (self->map == NULL)
    return NULL;

  /* Where the row was grabbed, for the hot spot of its image. */
  if (gtk_widget_compute_point (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source)), GTK_WIDGET (self),
                                &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    {
      self->drag_x = point.x;
      self->drag_y = point.y;
    }

  return gdk_content_provider_new_typed (CARTO_TYPE_LAYER, self->layer);
}

/* The image under the pointer: a lone row like this one's header, as wide
 * as the list, since the row itself stays in the list, dimmed. */
static GtkWidget *
build_drag_image (ViewerLayerRow *self)
{
  GtkWidget *list = gtk_list_box_new ();
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *swatch = gtk_image_new_from_paintable (gtk_image_get_paintable (self->swatch));

  gtk_image_set_pixel_size (GTK_IMAGE (swatch), 16);
  gtk_widget_set_size_request (swatch, 24, -1);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), layer_name (self->layer));
  adw_action_row_set_subtitle (row, adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (self)));
  adw_action_row_add_prefix (row, swatch);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (row));
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (list, "layer-drag-image");
  gtk_widget_set_size_request (list, gtk_widget_get_width (GTK_WIDGET (self)), -1);
  return list;
}

static void
on_drag_begin_cb (GtkDragSource  *source,
                  GdkDrag        *drag,
                  ViewerLayerRow *self)
{
  GtkWidget *icon = gtk_drag_icon_get_for_drag (drag);

  gtk_drag_icon_set_child (GTK_DRAG_ICON (icon), build_drag_image (self));
  gdk_drag_set_hotspot (drag, (int) self->drag_x, (int) self->drag_y);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dragged");
}

static void
on_drag_end_cb (GtkDragSource  *source,
                GdkDrag        *drag,
                gboolean        delete_data,
                ViewerLayerRow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "dragged");
}

static void
clear_drop_indicator (ViewerLayerRow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-above");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-below");
}

static gboolean
is_upper_half (ViewerLayerRow *self,
               double          y)
{
  return y < gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
}

static GdkDragAction
on_drop_motion_cb (GtkDropTarget  *target,
                   double          x,
                   double          y,
                   ViewerLayerRow *self)
{
  const GValue *value = gtk_drop_target_get_value (target);
  gboolean above = is_upper_half (self, y);

  clear_drop_indicator (self);
  /* Onto itself, nothing moves: no line to promise otherwise. */
  if (value != NULL && G_VALUE_HOLDS (value, CARTO_TYPE_LAYER) && g_value_get_object (value) == self->layer)
    return 0;

  gtk_widget_add_css_class (GTK_WIDGET (self), above ? "drop-above" : "drop-below");
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave_cb (GtkDropTarget  *target,
                  ViewerLayerRow *self)
{
  clear_drop_indicator (self);
}

static gboolean
on_drop_cb (GtkDropTarget  *target,
            const GValue   *value,
            double          x,
            double          y,
            ViewerLayerRow *self)
{
  clear_drop_indicator (self);

  if (self->map == NULL || !G_VALUE_HOLDS (value, CARTO_TYPE_LAYER))
    return FALSE;

  return drop_layer (self, g_value_get_object (value), is_upper_half (self, y));
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              GdkModifierType        modifiers,
              const char            *action_name)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                                          gtk_named_action_new (action_name)));
}

/* libadwaita 1.2's expander row gives its header no title-lines (1.3
 * does): set them on the header itself. The header is also what a drag
 * starts from, and what the keys act on: on the header (its switch and
 * menu included), not on the whole row, so Delete in the style editor or
 * on the opacity scale never removes the layer. */
static void
setup_header (ViewerLayerRow *self)
{
  GtkDragSource *drag_source;
  GtkEventController *shortcuts;

  self->header = ADW_ACTION_ROW (find_child_with_class (GTK_WIDGET (self), ADW_TYPE_ACTION_ROW, "header"));
  g_return_if_fail (self->header != NULL);

  /* libadwaita spaces the header's actions 12 px apart; 6 leave the
   * title a little more room. */
  if (GTK_IS_BOX (gtk_widget_get_parent (GTK_WIDGET (self->visible_switch))))
    gtk_box_set_spacing (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->visible_switch))), 6);

  adw_action_row_set_title_lines (self->header, TITLE_LINES);
  adw_action_row_set_subtitle_lines (self->header, SUBTITLE_LINES);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->header), TRUE);
  g_signal_connect_object (self->header, "query-tooltip", G_CALLBACK (on_header_query_tooltip_cb), self, 0);

  drag_source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag_source, GDK_ACTION_MOVE);
  g_signal_connect_object (drag_source, "prepare", G_CALLBACK (on_drag_prepare_cb), self, 0);
  g_signal_connect_object (drag_source, "drag-begin", G_CALLBACK (on_drag_begin_cb), self, 0);
  g_signal_connect_object (drag_source, "drag-end", G_CALLBACK (on_drag_end_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->header), GTK_EVENT_CONTROLLER (drag_source));

  /* Written out in help-overlay.ui too: the shortcuts window sees only
   * the application's accelerators. */
  shortcuts = gtk_shortcut_controller_new ();
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Up, GDK_ALT_MASK, "row.move-up");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_KP_Up, GDK_ALT_MASK, "row.move-up");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Down, GDK_ALT_MASK, "row.move-down");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_KP_Down, GDK_ALT_MASK, "row.move-down");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_F2, 0, "row.rename");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_Delete, 0, "row.remove");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), GDK_KEY_KP_Delete, 0, "row.remove");
  gtk_widget_add_controller (GTK_WIDGET (self->header), shortcuts);
}

static void
setup_drop_target (ViewerLayerRow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (CARTO_TYPE_LAYER, GDK_ACTION_MOVE);

  /* The value is needed while hovering, to draw no line over itself. */
  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect_object (target, "motion", G_CALLBACK (on_drop_motion_cb), self, 0);
  g_signal_connect_object (target, "leave", G_CALLBACK (on_drop_leave_cb), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

static void
viewer_layer_row_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  ViewerLayerRow *self = VIEWER_LAYER_ROW (widget);

  GTK_WIDGET_CLASS (viewer_layer_row_parent_class)->size_allocate (widget, width, height, baseline);

  /* A popover's parent places it. */
  if (self->rename_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->rename_popover));
}

/* The row is its header, for the keyboard: that is where its keys are. */
static gboolean
viewer_layer_row_grab_focus (GtkWidget *widget)
{
  ViewerLayerRow *self = VIEWER_LAYER_ROW (widget);

  if (self->header == NULL)
    return GTK_WIDGET_CLASS (viewer_layer_row_parent_class)->grab_focus (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->header));
}

static void
viewer_layer_row_constructed (GObject *object)
{
  ViewerLayerRow *self = VIEWER_LAYER_ROW (object);
  ViewerStyleEditor *editor;

  G_OBJECT_CLASS (viewer_layer_row_parent_class)->constructed (object);

  g_assert (CARTO_IS_LAYER (self->layer));
  g_assert (CARTO_IS_MAP (self->map));

  g_object_bind_property (self->layer, "visible", self->visible_switch, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->layer, "opacity", gtk_range_get_adjustment (GTK_RANGE (self->opacity_scale)), "value",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->layer, "notify::title", G_CALLBACK (on_layer_title_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layer, "notify::source", G_CALLBACK (on_layer_title_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layer, "notify::source", G_CALLBACK (on_layer_account_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layer, "notify::credentials", G_CALLBACK (on_layer_account_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layer, "notify::effective-credentials", G_CALLBACK (on_layer_account_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layer, "notify::account-missing", G_CALLBACK (on_layer_account_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layer, "notify::style", G_CALLBACK (on_layer_style_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layer, "notify::state", G_CALLBACK (on_layer_state_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layer, "notify::error-message", G_CALLBACK (on_layer_state_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map, "items-changed", G_CALLBACK (on_map_items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* The editor opens beside the sidebar, over the map it restyles. */
  editor = viewer_style_editor_new (self->layer);
  viewer_style_editor_set_session (editor, self->context != NULL ? viewer_context_get_soup_session (self->context)
                                                                 : NULL);
  gtk_menu_button_set_popover (self->style_button, GTK_WIDGET (editor));
  gtk_menu_button_set_direction (self->style_button, GTK_ARROW_RIGHT);
  viewer_legend_set_layer (self->legend, self->layer);
  g_object_bind_property (self->legend, "empty", self->legend_row, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  /* A classified style's legend is worth seeing without a click. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), !viewer_legend_get_empty (self->legend));

  update_title (self);
  update_subtitle (self);
  update_style (self);
  update_state (self);
  update_actions (self);
}

static void
viewer_layer_row_dispose (GObject *object)
{
  ViewerLayerRow *self = VIEWER_LAYER_ROW (object);

  g_cancellable_cancel (self->zoom_cancellable);
  g_clear_object (&self->zoom_cancellable);
  if (self->rename_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->rename_popover));
      self->rename_popover = NULL;
    }
  self->header = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_LAYER_ROW);
  g_clear_object (&self->layer);
  g_clear_object (&self->map);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (viewer_layer_row_parent_class)->dispose (object);
}

static void
viewer_layer_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ViewerLayerRow *self = VIEWER_LAYER_ROW (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      g_value_set_object (value, self->layer);
      break;
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, viewer_layer_row_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_layer_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ViewerLayerRow *self = VIEWER_LAYER_ROW (object);

  switch (prop_id)
    {
    case PROP_LAYER:
      self->layer = g_value_dup_object (value);
      break;
    case PROP_MAP:
      self->map = g_value_dup_object (value);
      break;
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_layer_row_class_init (ViewerLayerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = viewer_layer_row_constructed;
  object_class->dispose = viewer_layer_row_dispose;
  object_class->get_property = viewer_layer_row_get_property;
  object_class->set_property = viewer_layer_row_set_property;
  widget_class->size_allocate = viewer_layer_row_size_allocate;
  widget_class->grab_focus = viewer_layer_row_grab_focus;

  /**
   * ViewerLayerRow:layer:
   *
   * The layer shown.
   */
  properties[PROP_LAYER] =
    g_param_spec_object ("layer", NULL, NULL, CARTO_TYPE_LAYER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerLayerRow:map:
   *
   * The map the layer is in: moves, duplicates and removals change it.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, CARTO_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerLayerRow:context:
   *
   * The application's services: the session the layer's queries use, the
   * accounts a missing one is added to. Without it, neither is offered.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VIEWER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerLayerRow:busy:
   *
   * Whether the layer's extent is being computed, to zoom to it.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VIEWER_TYPE_LEGEND);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-layer-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, state_stack);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, visible_switch);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, account_row);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, account_username);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, account_host);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, style_row);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, style_button);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, opacity_scale);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, legend_row);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayerRow, legend);

  gtk_widget_class_install_action (widget_class, "row.rename", NULL, viewer_layer_row_rename_action);
  gtk_widget_class_install_action (widget_class, "row.duplicate", NULL, viewer_layer_row_duplicate_action);
  gtk_widget_class_install_action (widget_class, "row.zoom-to", NULL, viewer_layer_row_zoom_to_action);
  gtk_widget_class_install_action (widget_class, "row.move-up", NULL, viewer_layer_row_move_up_action);
  gtk_widget_class_install_action (widget_class, "row.move-down", NULL, viewer_layer_row_move_down_action);
  gtk_widget_class_install_action (widget_class, "row.remove", NULL, viewer_layer_row_remove_action);
  gtk_widget_class_install_action (widget_class, "row.add-account", NULL, viewer_layer_row_add_account_action);

}

static void
viewer_layer_row_init (ViewerLayerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  viewer_spinner_spin_while_mapped (self->spinner);
  gtk_scale_set_format_value_func (self->opacity_scale, format_percent_cb, NULL, NULL);

  self->rename_popover = viewer_rename_popover_new (_("Rename Layer"));
  gtk_widget_set_parent (GTK_WIDGET (self->rename_popover), GTK_WIDGET (self));
  gtk_popover_set_position (GTK_POPOVER (self->rename_popover), GTK_POS_BOTTOM);
  g_signal_connect_object (self->rename_popover, "renamed", G_CALLBACK (on_renamed_cb), self, 0);

  setup_header (self);
  setup_drop_target (self);
}

/**
 * viewer_layer_row_new:
 * @layer: the layer shown
 * @map: the map @layer is in
 * @context: (nullable): the application's services
 *
 * Returns: (transfer full): a row following @layer
 */
ViewerLayerRow *
viewer_layer_row_new (CartoLayer    *layer,
                      CartoMap      *map,
                      ViewerContext *context)
{
  g_return_val_if_fail (CARTO_IS_LAYER (layer), NULL);
  g_return_val_if_fail (CARTO_IS_MAP (map), NULL);
  g_return_val_if_fail (context == NULL || VIEWER_IS_CONTEXT (context), NULL);

  return g_object_new (VIEWER_TYPE_LAYER_ROW,
                       "layer", layer,
                       "map", map,
                       "context", context,
                       NULL);
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

/**
 * viewer_layer_row_get_map:
 * @self: a row
 *
 * Returns: (transfer none): the map the layer is in
 */
CartoMap *
viewer_layer_row_get_map (ViewerLayerRow *self)
{
  g_return_val_if_fail (VIEWER_IS_LAYER_ROW (self), NULL);

  return self->map;
}

/**
 * viewer_layer_row_get_context:
 * @self: a row
 *
 * Returns: (transfer none) (nullable): the application's services
 */
ViewerContext *
viewer_layer_row_get_context (ViewerLayerRow *self)
{
  g_return_val_if_fail (VIEWER_IS_LAYER_ROW (self), NULL);

  return self->context;
}

/**
 * viewer_layer_row_get_busy:
 * @self: a row
 *
 * Returns: whether the layer's extent is being computed
 */
gboolean
viewer_layer_row_get_busy (ViewerLayerRow *self)
{
  g_return_val_if_fail (VIEWER_IS_LAYER_ROW (self), FALSE);

  return self->zoom_cancellable != NULL;
}
