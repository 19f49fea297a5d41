/* viewer-feature-popover.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The attributes of the feature under a click. The feature is found in
 * the decoded tile (no request); its full row then comes from the SQL
 * API by cartodb_id, since tiles carry only the columns styles need.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-feature-popover.h"
#include "viewer-spinner.h"

struct _ViewerFeaturePopover
{
  GtkPopover parent_instance;

  GtkLabel *title;
  GtkStack *stack;
  GtkGrid *grid;
  GtkLabel *error;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (ViewerFeaturePopover, viewer_feature_popover, GTK_TYPE_POPOVER)

static gboolean
is_hidden_column (const char *name)
{
  /* Geometry as hex EWKB helps no one reading a popover. */
  return g_str_equal (name, "the_geom") || g_str_equal (name, "the_geom_webmercator");
}

static void
clear_grid (ViewerFeaturePopover *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
}

static GtkWidget *
cell (const char *text,
      gboolean    is_name)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), !is_name);
  gtk_label_set_wrap (GTK_LABEL (label), !is_name);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (is_name)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static void
fill_grid (ViewerFeaturePopover *self,
           CartoSqlResult       *result)
{
  int row = 0;

  clear_grid (self);
  if (carto_sql_result_get_n_rows (result) == 0)
    {
      gtk_label_set_text (self->error, _("This feature is no longer in the dataset."));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  for (guint i = 0; i < carto_sql_result_get_n_fields (result); i++)
    {
      CartoSqlField *field = carto_sql_result_get_field (result, i);
      const char *name = carto_sql_field_get_name (field);
      g_autofree char *value = NULL;

      if (is_hidden_column (name))
        continue;

      value = carto_sql_result_dup_display_text (result, 0, i);
      gtk_grid_attach (self->grid, cell (name, TRUE), 0, row, 1, 1);
      gtk_grid_attach (self->grid, cell (value ? value : "", FALSE), 1, row, 1, 1);
      row++;
    }

  gtk_stack_set_visible_child_name (self->stack, "attributes");
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(ViewerFeaturePopover) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = carto_layer_fetch_attributes_finish (CARTO_LAYER (source), res, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (result == NULL)
    {
      gtk_label_set_text (self->error, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  fill_grid (self, result);
}

static void
viewer_feature_popover_dispose (GObject *object)
{
  ViewerFeaturePopover *self = VIEWER_FEATURE_POPOVER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (viewer_feature_popover_parent_class)->dispose (object);
}

static void
viewer_feature_popover_class_init (ViewerFeaturePopoverClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = viewer_feature_popover_dispose;
}

static void
viewer_feature_popover_init (ViewerFeaturePopover *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "heading");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title));

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (self->grid, 12);
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->grid));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);

  self->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error, TRUE);
  gtk_label_set_max_width_chars (self->error, 40);
  gtk_label_set_xalign (self->error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error), "error");

  viewer_spinner_spin_while_mapped (GTK_SPINNER (spinner));
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->stack, spinner, "loading");
  gtk_stack_add_named (self->stack, scrolled, "attributes");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));

  gtk_popover_set_child (GTK_POPOVER (self), box);
  gtk_widget_set_size_request (box, 260, -1);
}

/**
 * viewer_feature_popover_new:
 *
 * Returns: (transfer full): a popover; parent it to the map widget
 */
ViewerFeaturePopover *
viewer_feature_popover_new (void)
{
  return g_object_new (VIEWER_TYPE_FEATURE_POPOVER, NULL);
}

/**
 * viewer_feature_popover_show:
 * @self: the popover, already pointing at the click
 * @session: the application's HTTP session
 * @layer: the layer the feature belongs to
 * @cartodb_id: the feature
 *
 * Pops up with a spinner and fills in the attributes when they arrive;
 * an earlier request still running is cancelled.
 */
void
viewer_feature_popover_show (ViewerFeaturePopover *self,
                             SoupSession          *session,
                             CartoLayer           *layer,
                             gint64                cartodb_id)
{
  g_return_if_fail (VIEWER_IS_FEATURE_POPOVER (self));
  g_return_if_fail (CARTO_IS_LAYER (layer));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_label_set_text (self->title, carto_layer_get_title (layer));
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_popover_popup (GTK_POPOVER (self));

  carto_layer_fetch_attributes_async (layer, session, cartodb_id, self->cancellable,
                                      fetch_cb, g_object_ref (self));
}

/**
 * viewer_feature_popover_show_error:
 * @self: the popover
 * @layer: the layer that could not be searched
 * @message: why, for people
 *
 * Pops up with @message instead of attributes: what is under the pointer
 * in @layer cannot be known, and a feature of a layer below would not be
 * what the person clicked on.
 */
void
viewer_feature_popover_show_error (ViewerFeaturePopover *self,
                                   CartoLayer           *layer,
                                   const char           *message)
{
  g_return_if_fail (VIEWER_IS_FEATURE_POPOVER (self));
  g_return_if_fail (CARTO_IS_LAYER (layer));
  g_return_if_fail (message != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_label_set_text (self->title, carto_layer_get_title (layer));
  gtk_label_set_text (self->error, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_popover_popup (GTK_POPOVER (self));
}

/**
 * viewer_feature_popover_is_loaded:
 * @self: the popover
 *
 * Returns: whether the attributes (or an error) are on show
 */
gboolean
viewer_feature_popover_is_loaded (ViewerFeaturePopover *self)
{
  g_return_val_if_fail (VIEWER_IS_FEATURE_POPOVER (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") != 0;
}
