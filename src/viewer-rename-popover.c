/* viewer-rename-popover.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small popover to rename something, as Nautilus renames a file: a
 * heading, an entry holding the current name (selected, so typing
 * replaces it) and a Rename button. Enter renames, Escape or a click
 * elsewhere cancels. A name of blanks only is no name: Rename stays off.
 */

#include "config.h"

#include "viewer-rename-popover.h"

struct _ViewerRenamePopover
{
  GtkPopover parent_instance;

  /* Template widgets */
  GtkLabel *heading_label;
  GtkEntry *entry;
};

G_DEFINE_FINAL_TYPE (ViewerRenamePopover, viewer_rename_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_HEADING,
  N_PROPS
};

enum {
  RENAMED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
dup_name (ViewerRenamePopover *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
}

static void
on_entry_changed_cb (ViewerRenamePopover *self)
{
  g_autofree char *name = dup_name (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rename.confirm", *name != '\0');
}

static void
viewer_rename_popover_confirm_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  ViewerRenamePopover *self = VIEWER_RENAME_POPOVER (widget);
  g_autofree char *name = dup_name (self);

  if (*name == '\0')
    return;

  /* Closed first: the handler may rebuild the widget it points at. */
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[RENAMED], 0, name);
}

static void
on_entry_activate_cb (ViewerRenamePopover *self)
{
  g_autofree char *name = dup_name (self);

  if (*name == '\0')
    {
      gtk_widget_error_bell (GTK_WIDGET (self->entry));
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "rename.confirm", NULL);
}

static void
viewer_rename_popover_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ViewerRenamePopover *self = VIEWER_RENAME_POPOVER (object);

  switch (prop_id)
    {
    case PROP_HEADING:
      g_value_set_string (value, gtk_label_get_text (self->heading_label));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_rename_popover_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ViewerRenamePopover *self = VIEWER_RENAME_POPOVER (object);

  switch (prop_id)
    {
    case PROP_HEADING:
      gtk_label_set_text (self->heading_label, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_rename_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VIEWER_TYPE_RENAME_POPOVER);

  G_OBJECT_CLASS (viewer_rename_popover_parent_class)->dispose (object);
}

static void
viewer_rename_popover_class_init (ViewerRenamePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viewer_rename_popover_dispose;
  object_class->get_property = viewer_rename_popover_get_property;
  object_class->set_property = viewer_rename_popover_set_property;

  /**
   * ViewerRenamePopover:heading:
   *
   * What is renamed, as a heading: “Rename Layer”.
   */
  properties[PROP_HEADING] =
    g_param_spec_string ("heading", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ViewerRenamePopover::renamed:
   * @name: the new name, without leading or trailing blanks; never empty
   *
   * The person confirmed a new name. The popover is closed by then.
   */
  signals[RENAMED] = g_signal_new ("renamed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-rename-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerRenamePopover, heading_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerRenamePopover, entry);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);

  gtk_widget_class_install_action (widget_class, "rename.confirm", NULL, viewer_rename_popover_confirm_action);
}

static void
viewer_rename_popover_init (ViewerRenamePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * viewer_rename_popover_new:
 * @heading: what is renamed, e.g. “Rename Layer”
 *
 * Returns: (transfer full): a popover, to give a parent and pop up with
 *   viewer_rename_popover_popup_with()
 */
ViewerRenamePopover *
viewer_rename_popover_new (const char *heading)
{
  g_return_val_if_fail (heading != NULL, NULL);

  return g_object_new (VIEWER_TYPE_RENAME_POPOVER, "heading", heading, NULL);
}

/**
 * viewer_rename_popover_popup_with:
 * @self: a rename popover
 * @text: the current name
 *
 * Shows the popover with @text selected in its entry.
 */
void
viewer_rename_popover_popup_with (ViewerRenamePopover *self,
                                  const char          *text)
{
  g_return_if_fail (VIEWER_IS_RENAME_POPOVER (self));
  g_return_if_fail (text != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

/**
 * viewer_rename_popover_get_entry:
 * @self: a rename popover
 *
 * Returns: (transfer none): the entry the name is typed in
 */
GtkEditable *
viewer_rename_popover_get_entry (ViewerRenamePopover *self)
{
  g_return_val_if_fail (VIEWER_IS_RENAME_POPOVER (self), NULL);

  return GTK_EDITABLE (self->entry);
}
