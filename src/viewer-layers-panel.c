/* viewer-layers-panel.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sidebar's list of the map's layers, top layer first, as CARTO
 * Builder and QGIS list them (CartoMap keeps drawing order, first drawn
 * lowest). Its owner gives it the map and the context (the accounts a new
 * layer may use, the session the rows query with).
 *
 * Rows follow the map's items-changed: a layer added gets a row, a layer
 * removed loses its own, and the list is sorted by drawing order, top
 * first. A list box bound to a model (even a reversed one) would instead
 * destroy and rebuild every row a move spans: a moved row would come back
 * collapsed and without the focus, so Alt+Up could not be pressed twice,
 * and GTK 4.8 leaves the menus of a row that was taken out and put back
 * with their items greyed out. Sorting moves rows in place.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-add-layer-dialog.h"
#include "viewer-layer-row.h"
#include "viewer-layers-panel.h"

struct _ViewerLayersPanel
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *box;
  GtkStack *stack;
  GtkListBox *list_box;

  /* Owned references */
  ViewerContext *context;
  CartoMap *map;
  GHashTable *rows;             /* CartoLayer (owned) → its ViewerLayerRow (the list's) */
};

G_DEFINE_FINAL_TYPE (ViewerLayersPanel, viewer_layers_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
drawing_position (ViewerLayersPanel *self,
                  GtkListBoxRow     *row)
{
  guint position = 0;

  carto_map_find_layer (self->map, viewer_layer_row_get_layer (VIEWER_LAYER_ROW (row)), &position);
  return position;
}

/* The layer drawn last, on top, comes first. */
static int
compare_rows (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       user_data)
{
  ViewerLayersPanel *self = user_data;
  guint position_a = drawing_position (self, a);
  guint position_b = drawing_position (self, b);

  return position_a > position_b ? -1 : position_a < position_b ? 1 : 0;
}

static void
update_page (ViewerLayersPanel *self)
{
  gboolean empty = self->map == NULL || carto_map_get_n_layers (self->map) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
remove_row (ViewerLayersPanel *self,
            CartoLayer        *layer)
{
  GtkWidget *row = g_hash_table_lookup (self->rows, layer);

  gtk_list_box_remove (self->list_box, row);
  g_hash_table_remove (self->rows, layer);
}

/* The row whose layer left the map and had the focus, or -1. */
static int
focused_leaving_row (ViewerLayersPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, VIEWER_TYPE_LAYER_ROW) : NULL;

  if (row == NULL || gtk_widget_get_parent (row) != GTK_WIDGET (self->list_box) ||
      (self->map != NULL && carto_map_find_layer (self->map, viewer_layer_row_get_layer (VIEWER_LAYER_ROW (row)), NULL)))
    return -1;

  return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
}

/* Rows for the layers in the map, no others, in order. */
static void
sync_rows (ViewerLayersPanel *self)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  int refocus = focused_leaving_row (self);
  GHashTableIter iter;
  gpointer layer;
  guint n;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &layer, NULL))
    if (self->map == NULL || !carto_map_find_layer (self->map, layer, NULL))
      g_ptr_array_add (gone, layer);
  for (guint i = 0; i < gone->len; i++)
    remove_row (self, g_ptr_array_index (gone, i));

  n = self->map != NULL ? carto_map_get_n_layers (self->map) : 0;
  for (guint i = 0; i < n; i++)
    {
      CartoLayer *added = carto_map_get_layer (self->map, i);
      ViewerLayerRow *row;

      if (g_hash_table_contains (self->rows, added))
        continue;
      row = viewer_layer_row_new (added, self->map, self->context);
      g_hash_table_insert (self->rows, g_object_ref (added), row);
      gtk_list_box_append (self->list_box, GTK_WIDGET (row));
    }

  gtk_list_box_invalidate_sort (self->list_box);
  update_page (self);

  /* A removed row's place, and the focus, go to the next one. */
  if (refocus >= 0 && n > 0)
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, MIN (refocus, (int) n - 1))));
}

static void
on_map_items_changed_cb (ViewerLayersPanel *self)
{
  sync_rows (self);
}

/* New rows for all: they are made with the map and the context. */
static void
rebuild_rows (ViewerLayersPanel *self)
{
  g_autoptr(GList) layers = g_hash_table_get_keys (self->rows);

  for (GList *l = layers; l != NULL; l = l->next)
    remove_row (self, l->data);
  sync_rows (self);
}

static void
viewer_layers_panel_add_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  ViewerLayersPanel *self = VIEWER_LAYERS_PANEL (widget);
  ViewerAddLayerDialog *dialog;

  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->map == NULL || !GTK_IS_WINDOW (root))
    return;

  /* The window is only the dialog's parent: the dialog asks it for the
   * layer through win.add-layer. */
  dialog = viewer_add_layer_dialog_new (GTK_WINDOW (root),
                                        self->context != NULL ? viewer_context_get_credential_store (self->context)
                                                              : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
viewer_layers_panel_dispose (GObject *object)
{
  ViewerLayersPanel *self = VIEWER_LAYERS_PANEL (object);

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_object (&self->map);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_LAYERS_PANEL);

  G_OBJECT_CLASS (viewer_layers_panel_parent_class)->dispose (object);
}

static void
viewer_layers_panel_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ViewerLayersPanel *self = VIEWER_LAYERS_PANEL (object);

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
viewer_layers_panel_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ViewerLayersPanel *self = VIEWER_LAYERS_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viewer_layers_panel_set_context (self, g_value_get_object (value));
      break;
    case PROP_MAP:
      viewer_layers_panel_set_map (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_layers_panel_class_init (ViewerLayersPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viewer_layers_panel_dispose;
  object_class->get_property = viewer_layers_panel_get_property;
  object_class->set_property = viewer_layers_panel_set_property;

  /**
   * ViewerLayersPanel:context:
   *
   * The application's services: the accounts new layers may use, the
   * session the rows query with.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VIEWER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerLayersPanel:map:
   *
   * The map whose layers it lists.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, CARTO_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-layers-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerLayersPanel, box);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayersPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, ViewerLayersPanel, list_box);

  gtk_widget_class_install_action (widget_class, "layers.add", NULL, viewer_layers_panel_add_action);
}

static void
viewer_layers_panel_init (ViewerLayersPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  gtk_list_box_set_sort_func (self->list_box, compare_rows, self, NULL);
  update_page (self);
}

/**
 * viewer_layers_panel_get_context:
 * @self: a panel
 *
 * Returns: (transfer none) (nullable): the application's services
 */
ViewerContext *
viewer_layers_panel_get_context (ViewerLayersPanel *self)
{
  g_return_val_if_fail (VIEWER_IS_LAYERS_PANEL (self), NULL);

  return self->context;
}

/**
 * viewer_layers_panel_set_context:
 * @self: a panel
 * @context: (nullable): the application's services
 */
void
viewer_layers_panel_set_context (ViewerLayersPanel *self,
                                 ViewerContext     *context)
{
  g_return_if_fail (VIEWER_IS_LAYERS_PANEL (self));
  g_return_if_fail (context == NULL || VIEWER_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  rebuild_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * viewer_layers_panel_get_map:
 * @self: a panel
 *
 * Returns: (transfer none) (nullable): the map
 */
CartoMap *
viewer_layers_panel_get_map (ViewerLayersPanel *self)
{
  g_return_val_if_fail (VIEWER_IS_LAYERS_PANEL (self), NULL);

  return self->map;
}

/**
 * viewer_layers_panel_set_map:
 * @self: a panel
 * @map: (nullable): the map whose layers it lists
 */
void
viewer_layers_panel_set_map (ViewerLayersPanel *self,
                             CartoMap          *map)
{
  g_return_if_fail (VIEWER_IS_LAYERS_PANEL (self));
  g_return_if_fail (map == NULL || CARTO_IS_MAP (map));

  if (self->map == map)
    return;

  if (self->map != NULL)
    g_signal_handlers_disconnect_by_data (self->map, self);
  g_set_object (&self->map, map);
  if (map != NULL)
    g_signal_connect_swapped (map, "items-changed", G_CALLBACK (on_map_items_changed_cb), self);

  rebuild_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}
