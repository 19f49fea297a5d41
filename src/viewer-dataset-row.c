/* viewer-dataset-row.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One dataset in the Datasets panel: its geometry as an icon, its name,
 * who may read it and about how many rows it has, and a button that puts
 * it on the map in one click. Rows are recycled by the list view, so
 * everything follows the bound dataset's properties, which fill in as its
 * details load.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-dataset-row.h"
#include "viewer-format.h"

struct _ViewerDatasetRow
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *box;
  GtkImage *geometry_icon;
  GtkLabel *name_label;
  GtkLabel *privacy_label;
  GtkLabel *rows_label;
  GtkButton *add_button;

  /* Owned references */
  CartoDataset *dataset;
  GSignalGroup *dataset_signals;
};

G_DEFINE_FINAL_TYPE (ViewerDatasetRow, viewer_dataset_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  N_PROPS
};

enum {
  SIGNAL_ADD_TO_MAP,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * viewer_geometry_kind_get_icon_name:
 * @kind: a geometry kind
 *
 * Returns: (nullable): the icon of @kind, %NULL while unknown
 */
const char *
viewer_geometry_kind_get_icon_name (CartoGeometryKind kind)
{
  switch (kind)
    {
    case CARTO_GEOMETRY_KIND_POINT:
      return "carto-geometry-point-symbolic";
    case CARTO_GEOMETRY_KIND_LINE:
      return "carto-geometry-line-symbolic";
    case CARTO_GEOMETRY_KIND_POLYGON:
      return "carto-geometry-polygon-symbolic";
    case CARTO_GEOMETRY_KIND_MIXED:
      return "carto-geometry-mixed-symbolic";
    case CARTO_GEOMETRY_KIND_NONE:
      return "x-office-spreadsheet-symbolic";
    case CARTO_GEOMETRY_KIND_UNKNOWN:
    default:
      return NULL;
    }
}

/**
 * viewer_geometry_kind_get_label:
 * @kind: a geometry kind
 *
 * Returns: what @kind is, in a few words
 */
const char *
viewer_geometry_kind_get_label (CartoGeometryKind kind)
{
  switch (kind)
    {
    case CARTO_GEOMETRY_KIND_POINT:
      return _("Points");
    case CARTO_GEOMETRY_KIND_LINE:
      return _("Lines");
    case CARTO_GEOMETRY_KIND_POLYGON:
      return _("Polygons");
    case CARTO_GEOMETRY_KIND_MIXED:
      return _("Mixed geometries");
    case CARTO_GEOMETRY_KIND_NONE:
      return _("No geometry");
    case CARTO_GEOMETRY_KIND_UNKNOWN:
    default:
      return _("Geometry not known yet");
    }
}

/**
 * viewer_dataset_privacy_get_label:
 * @privacy: a privacy
 *
 * Returns: (nullable): the badge text of @privacy, %NULL while unknown
 */
const char *
viewer_dataset_privacy_get_label (CartoDatasetPrivacy privacy)
{
  switch (privacy)
    {
    case CARTO_DATASET_PRIVACY_PUBLIC_OR_LINK:
      return C_("dataset privacy", "Public or link");
    case CARTO_DATASET_PRIVACY_PRIVATE:
      return C_("dataset privacy", "Private");
    case CARTO_DATASET_PRIVACY_UNKNOWN:
    default:
      return NULL;
    }
}

/**
 * viewer_dataset_privacy_get_tooltip:
 * @privacy: a privacy
 *
 * Returns: (nullable): why the badge says what it says
 */
const char *
viewer_dataset_privacy_get_tooltip (CartoDatasetPrivacy privacy)
{
  switch (privacy)
    {
    case CARTO_DATASET_PRIVACY_PUBLIC_OR_LINK:
      return _("Anyone may read it with the account’s public key. CARTO’s “Public” and “Link” "
               "privacies grant exactly that, so the SQL API cannot tell them apart.");
    case CARTO_DATASET_PRIVACY_PRIVATE:
      return _("Only the account’s master key, and keys granted this dataset, may read it.");
    case CARTO_DATASET_PRIVACY_UNKNOWN:
    default:
      return NULL;
    }
}

static void
update (ViewerDatasetRow *self)
{
  CartoGeometryKind kind;
  CartoDatasetPrivacy privacy;
  const char *types;
  gint64 rows;
  g_autofree char *rows_text = NULL;
  g_autofree char *geometry_tooltip = NULL;
  g_autofree char *add_tooltip = NULL;

  if (self->dataset == NULL)
    return;

  kind = carto_dataset_get_geometry_kind (self->dataset);
  privacy = carto_dataset_get_privacy (self->dataset);
  types = carto_dataset_get_geometry_type (self->dataset);
  rows = carto_dataset_get_row_count (self->dataset);

  gtk_label_set_text (self->name_label, carto_dataset_get_name (self->dataset));

  gtk_image_set_from_icon_name (self->geometry_icon, viewer_geometry_kind_get_icon_name (kind));
  if (kind == CARTO_GEOMETRY_KIND_MIXED && types != NULL)
    /* Translators: a tooltip; %s lists PostGIS geometry types, e.g. "POINT,POLYGON" */
    geometry_tooltip = g_strdup_printf (_("Mixed geometries (%s)"), types);
  else
    geometry_tooltip = g_strdup (viewer_geometry_kind_get_label (kind));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->geometry_icon), geometry_tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->geometry_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, geometry_tooltip, -1);

  gtk_widget_set_visible (GTK_WIDGET (self->privacy_label), viewer_dataset_privacy_get_label (privacy) != NULL);
  gtk_label_set_text (self->privacy_label, viewer_dataset_privacy_get_label (privacy));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->privacy_label), viewer_dataset_privacy_get_tooltip (privacy));
  /* Readable by anyone: the one to notice when scanning the list. */
  if (privacy == CARTO_DATASET_PRIVACY_PUBLIC_OR_LINK)
    gtk_widget_add_css_class (GTK_WIDGET (self->privacy_label), "public");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->privacy_label), "public");

  if (rows >= 0)
    rows_text = viewer_format_row_count (rows, carto_dataset_get_row_count_is_estimate (self->dataset));
  gtk_label_set_text (self->rows_label, rows_text != NULL ? rows_text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->rows_label),
                               rows >= 0 && carto_dataset_get_row_count_is_estimate (self->dataset)
                                 ? _("Estimated from the table’s statistics, without counting")
                                 : NULL);

  /* A table without geometry has nothing to draw. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), kind != CARTO_GEOMETRY_KIND_NONE);
  /* Translators: a button's tooltip; %s is a table name */
  add_tooltip = g_strdup_printf (_("Add “%s” to the Map"), carto_dataset_get_name (self->dataset));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button),
                               kind != CARTO_GEOMETRY_KIND_NONE ? add_tooltip : _("No geometry to show on the map"));
}

static void
on_dataset_notify_cb (ViewerDatasetRow *self)
{
  update (self);
}

static void
on_add_clicked_cb (ViewerDatasetRow *self)
{
  if (self->dataset != NULL)
    g_signal_emit (self, signals[SIGNAL_ADD_TO_MAP], 0);
}

static void
viewer_dataset_row_dispose (GObject *object)
{
  ViewerDatasetRow *self = VIEWER_DATASET_ROW (object);

  if (self->dataset_signals != NULL)
    g_signal_group_set_target (self->dataset_signals, NULL);
  g_clear_object (&self->dataset_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_DATASET_ROW);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (viewer_dataset_row_parent_class)->dispose (object);
}

static void
viewer_dataset_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ViewerDatasetRow *self = VIEWER_DATASET_ROW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_dataset_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ViewerDatasetRow *self = VIEWER_DATASET_ROW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      viewer_dataset_row_set_dataset (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_dataset_row_class_init (ViewerDatasetRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viewer_dataset_row_dispose;
  object_class->get_property = viewer_dataset_row_get_property;
  object_class->set_property = viewer_dataset_row_set_property;

  /**
   * ViewerDatasetRow:dataset:
   *
   * The dataset shown.
   */
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, CARTO_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ViewerDatasetRow::add-to-map:
   * @self: the row
   *
   * The row's "Add to Map" button was clicked.
   */
  signals[SIGNAL_ADD_TO_MAP] =
    g_signal_new ("add-to-map", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-dataset-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetRow, box);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetRow, geometry_icon);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetRow, privacy_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetRow, rows_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetRow, add_button);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
}

static void
viewer_dataset_row_init (ViewerDatasetRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->dataset_signals = g_signal_group_new (CARTO_TYPE_DATASET);
  g_signal_group_connect_swapped (self->dataset_signals, "notify", G_CALLBACK (on_dataset_notify_cb), self);
}

/**
 * viewer_dataset_row_new:
 *
 * Returns: (transfer floating): a new row; give it a dataset
 */
ViewerDatasetRow *
viewer_dataset_row_new (void)
{
  return g_object_new (VIEWER_TYPE_DATASET_ROW, NULL);
}

/**
 * viewer_dataset_row_get_dataset:
 * @self: a row
 *
 * Returns: (transfer none) (nullable): the dataset shown
 */
CartoDataset *
viewer_dataset_row_get_dataset (ViewerDatasetRow *self)
{
  g_return_val_if_fail (VIEWER_IS_DATASET_ROW (self), NULL);

  return self->dataset;
}

/**
 * viewer_dataset_row_set_dataset:
 * @self: a row
 * @dataset: (nullable): the dataset to show
 */
void
viewer_dataset_row_set_dataset (ViewerDatasetRow *self,
                                CartoDataset     *dataset)
{
  g_return_if_fail (VIEWER_IS_DATASET_ROW (self));
  g_return_if_fail (dataset == NULL || CARTO_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;

  g_signal_group_set_target (self->dataset_signals, dataset);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
}
