/* viewer-layers-panel.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sidebar's list of the map's layers, bound to the CartoMap model:
 * rows follow insertions, removals and moves as the model reports them.
 * Its owner gives it the map and the context (the accounts a new layer
 * may use, the session the style editors query with).
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-add-layer-dialog.h"
#include "viewer-layer-row.h"
#include "viewer-layers-panel.h"
#include "viewer-toast.h"

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
};

G_DEFINE_FINAL_TYPE (ViewerLayersPanel, viewer_layers_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

  carto_map_insert_layer (removed->map, position, removed->layer);
}

static void
on_row_remove_cb (ViewerLayerRow    *row,
                  ViewerLayersPanel *self)
{
  CartoLayer *layer = viewer_layer_row_get_layer (row);
  g_autofree char *title = NULL;
  RemovedLayer *removed;
  AdwToast *toast;
  guint position;

  if (!carto_map_find_layer (self->map, layer, &position))
    return;

  removed = g_new0 (RemovedLayer, 1);
  removed->map = g_object_ref (self->map);
  removed->layer = g_object_ref (layer);
  removed->position = position;
  carto_map_remove_layer (self->map, position);

  /* Translators: a toast; %s is the layer's title */
  title = g_strdup_printf (_("“%s” removed"), carto_layer_get_title (layer));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_remove_cb), removed,
                         (GClosureNotify) (void (*) (void)) removed_layer_free, 0);
  viewer_toast_show (GTK_WIDGET (self), toast);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  ViewerLayersPanel *self = user_data;
  ViewerLayerRow *row = viewer_layer_row_new (CARTO_LAYER (item),
                                              self->context != NULL ? viewer_context_get_soup_session (self->context)
                                                                    : NULL);

  g_signal_connect_object (row, "remove", G_CALLBACK (on_row_remove_cb), self, 0);
  return GTK_WIDGET (row);
}

static void
update_page (ViewerLayersPanel *self)
{
  gboolean empty = self->map == NULL || carto_map_get_n_layers (self->map) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

/* Rows are made with the context's session: a new context, new rows. */
static void
bind_rows (ViewerLayersPanel *self)
{
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->map), self->map != NULL ? create_row : NULL, self, NULL);
}

static void
on_items_changed_cb (GListModel        *model,
                     guint              position,
                     guint              removed,
                     guint              added,
                     ViewerLayersPanel *self)
{
  update_page (self);
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
   * session the style editors query with.
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

  bind_rows (self);
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

  bind_rows (self);
  if (map != NULL)
    g_signal_connect (map, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}
