/* viewer-wrap-box.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text with actions beside it while there is room, and under it (at the
 * end) when there is not: what a banner needs from 360 pixels to a wide
 * window. libadwaita 1.2 has neither AdwBanner nor breakpoints, and a box
 * whose orientation flips after allocation would first keep the window
 * wider than its narrowest. This decides the arrangement from the width
 * it measures and allocates for, so both always agree.
 *
 * Its first child is the text (a wrapping label); the second, the
 * actions. Other children are ignored.
 */

#include "config.h"

#include "viewer-wrap-box.h"

struct _ViewerWrapBox
{
  GtkWidget parent_instance;

  int spacing;
  int min_text_width;
};

static void viewer_wrap_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ViewerWrapBox, viewer_wrap_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, viewer_wrap_box_buildable_init))

enum {
  PROP_0,
  PROP_SPACING,
  PROP_MIN_TEXT_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
get_children (GtkWidget  *widget,
              GtkWidget **text,
              GtkWidget **actions)
{
  *text = gtk_widget_get_first_child (widget);
  *actions = *text != NULL ? gtk_widget_get_next_sibling (*text) : NULL;

  return *text != NULL && *actions != NULL;
}

static int
natural_width (GtkWidget *child)
{
  int natural = 0;

  if (gtk_widget_should_layout (child))
    gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static void
measure_height (GtkWidget *child,
                int        for_width,
                int       *minimum,
                int       *natural)
{
  *minimum = *natural = 0;
  if (gtk_widget_should_layout (child))
    gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, for_width, minimum, natural, NULL, NULL);
}

/* Side by side only if the text keeps a comfortable width beside the
 * actions; hidden actions take no room at all. */
static gboolean
fits_beside (ViewerWrapBox *self,
             GtkWidget        *actions,
             int               width)
{
  if (!gtk_widget_should_layout (actions))
    return TRUE;

  return width - natural_width (actions) - self->spacing >= self->min_text_width;
}

static void
viewer_wrap_box_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  ViewerWrapBox *self = VIEWER_WRAP_BOX (widget);
  GtkWidget *text, *actions;
  int text_min = 0, text_nat = 0, actions_min = 0, actions_nat = 0;

  *minimum = *natural = 0;
  if (!get_children (widget, &text, &actions))
    return;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As narrow as the stacked arrangement allows. */
      gtk_widget_measure (text, GTK_ORIENTATION_HORIZONTAL, -1, &text_min, &text_nat, NULL, NULL);
      if (gtk_widget_should_layout (actions))
        gtk_widget_measure (actions, GTK_ORIENTATION_HORIZONTAL, -1, &actions_min, &actions_nat, NULL, NULL);
      *minimum = MAX (text_min, actions_min);
      *natural = text_nat + (actions_nat > 0 ? self->spacing + actions_nat : 0);
      return;
    }

  if (for_size < 0)
    for_size = natural_width (text) + self->spacing + natural_width (actions);

  if (fits_beside (self, actions, for_size))
    {
      int beside = gtk_widget_should_layout (actions) ? natural_width (actions) + self->spacing : 0;

      measure_height (text, for_size - beside, &text_min, &text_nat);
      measure_height (actions, -1, &actions_min, &actions_nat);
      *minimum = MAX (text_min, actions_min);
      *natural = MAX (text_nat, actions_nat);
    }
  else
    {
      measure_height (text, for_size, &text_min, &text_nat);
      measure_height (actions, -1, &actions_min, &actions_nat);
      *minimum = text_min + self->spacing + actions_min;
      *natural = text_nat + self->spacing + actions_nat;
    }
}

static void
viewer_wrap_box_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  ViewerWrapBox *self = VIEWER_WRAP_BOX (widget);
  GtkWidget *text, *actions;
  int actions_width, actions_height, text_height, unused;

  if (!get_children (widget, &text, &actions))
    return;

  if (!gtk_widget_should_layout (actions))
    {
      gtk_widget_size_allocate (text, &(GtkAllocation) { 0, 0, width, height }, -1);
      return;
    }

  actions_width = MIN (natural_width (actions), width);
  measure_height (actions, -1, &actions_height, &unused);

  if (fits_beside (self, actions, width))
    {
      int text_width = width - actions_width - self->spacing;

      gtk_widget_size_allocate (text, &(GtkAllocation) { 0, 0, text_width, height }, -1);
      gtk_widget_size_allocate (actions, &(GtkAllocation) { width - actions_width, (height - actions_height) / 2,
                                                            actions_width, actions_height }, -1);
      return;
    }

  measure_height (text, width, &text_height, &unused);
  gtk_widget_size_allocate (text, &(GtkAllocation) { 0, 0, width, text_height }, -1);
  gtk_widget_size_allocate (actions, &(GtkAllocation) { width - actions_width, text_height + self->spacing,
                                                        actions_width, actions_height }, -1);
}

static GtkSizeRequestMode
viewer_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
viewer_wrap_box_buildable_add_child (GtkBuildable *buildable,
                                     GtkBuilder   *builder,
                                     GObject      *child,
                                     const char   *type)
{
  g_return_if_fail (GTK_IS_WIDGET (child));

  gtk_widget_set_parent (GTK_WIDGET (child), GTK_WIDGET (buildable));
}

static void
viewer_wrap_box_buildable_init (GtkBuildableIface *iface)
{
  iface->add_child = viewer_wrap_box_buildable_add_child;
}

static void
viewer_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (viewer_wrap_box_parent_class)->dispose (object);
}

static void
viewer_wrap_box_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ViewerWrapBox *self = VIEWER_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_MIN_TEXT_WIDTH:
      g_value_set_int (value, self->min_text_width);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_int (ViewerWrapBox *self,
         int              *field,
         int               value,
         guint             prop_id)
{
  if (*field == value)
    return;

  *field = value;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
viewer_wrap_box_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ViewerWrapBox *self = VIEWER_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      set_int (self, &self->spacing, g_value_get_int (value), prop_id);
      break;
    case PROP_MIN_TEXT_WIDTH:
      set_int (self, &self->min_text_width, g_value_get_int (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_wrap_box_class_init (ViewerWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viewer_wrap_box_dispose;
  object_class->get_property = viewer_wrap_box_get_property;
  object_class->set_property = viewer_wrap_box_set_property;
  widget_class->measure = viewer_wrap_box_measure;
  widget_class->size_allocate = viewer_wrap_box_size_allocate;
  widget_class->get_request_mode = viewer_wrap_box_get_request_mode;

  /**
   * ViewerWrapBox:spacing:
   *
   * Pixels between the text and the actions, beside or under it.
   */
  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 12,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerWrapBox:min-text-width:
   *
   * The narrowest the text may be beside the actions; narrower, the
   * actions go under it.
   */
  properties[PROP_MIN_TEXT_WIDTH] =
    g_param_spec_int ("min-text-width", NULL, NULL, 0, G_MAXINT, 280,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
viewer_wrap_box_init (ViewerWrapBox *self)
{
  self->spacing = 12;
  self->min_text_width = 280;
}

/**
 * viewer_wrap_box_new:
 *
 * Returns: (transfer floating): an empty box for a text and its actions
 */
GtkWidget *
viewer_wrap_box_new (void)
{
  return g_object_new (VIEWER_TYPE_WRAP_BOX, NULL);
}
