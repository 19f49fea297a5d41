/* viewer-dataset-preview.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A look at one dataset before it goes on the map: where it is (a
 * thumbnail of its extent on the embedded world map), what it holds (the
 * columns and their types) and its first rows, paged as they scroll. Each
 * part loads on its own and shows its own progress or error; closing the
 * window cancels whatever is still loading.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "viewer-dataset-preview.h"
#include "viewer-dataset-row.h"
#include "viewer-format.h"
#include "viewer-layer-request.h"
#include "viewer-world-map.h"
#include "viewer-spinner.h"

/* Rows per request: a screenful and a half, so the first answer fills the
 * view and scrolling asks for more before it reaches the end. */
#define PREVIEW_PAGE_SIZE 100

/* The thumbnail never zooms closer than this: the embedded map is drawn
 * for small scales, and a single point needs some surroundings. */
#define THUMBNAIL_MAX_ZOOM 6.0

struct _ViewerDatasetPreview
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkButton *add_button;
  GtkStack *thumbnail_stack;
  GtkSpinner *thumbnail_spinner;
  ShumateSimpleMap *thumbnail;
  GtkLabel *thumbnail_message;
  GtkLabel *geometry_value;
  GtkLabel *rows_value;
  GtkLabel *privacy_value;
  GtkWidget *size_key;
  GtkLabel *size_value;
  GtkWidget *updated_key;
  GtkLabel *updated_value;
  AdwPreferencesGroup *columns_group;
  GtkSpinner *columns_spinner;
  GtkListBox *columns_list;
  ViewerResultsView *results_view;

  /* Owned references */
  CartoDataset *dataset;
  CartoSqlPager *pager;
  GCancellable *cancellable;
  ViewerWorldMap *world;
  ShumatePathLayer *extent_layer;
  ShumateMarkerLayer *marker_layer;

  /* State: the dataset outlives the window */
  gulong dataset_handler;
  gboolean extent_loaded;
};

G_DEFINE_FINAL_TYPE (ViewerDatasetPreview, viewer_dataset_preview, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_EXTENT_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_account_summary (CartoDataset *dataset)
{
  CartoCredentials *credentials = carto_sql_client_get_credentials (carto_dataset_get_client (dataset));
  g_autofree char *host = carto_credentials_dup_host (credentials);
  const char *username = carto_credentials_get_username (credentials);

  if (username == NULL)
    return g_steal_pointer (&host);

  /* Translators: a CARTO username, then a server's host name */
  return g_strdup_printf (_("%s · %s"), username, host);
}

static void
update_details (ViewerDatasetPreview *self)
{
  CartoGeometryKind kind = carto_dataset_get_geometry_kind (self->dataset);
  CartoDatasetPrivacy privacy = carto_dataset_get_privacy (self->dataset);
  const char *types = carto_dataset_get_geometry_type (self->dataset);
  gint64 rows = carto_dataset_get_row_count (self->dataset);
  gint64 size = carto_dataset_get_size_bytes (self->dataset);
  GDateTime *updated = carto_dataset_get_updated_at (self->dataset);
  g_autofree char *rows_text = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *updated_text = NULL;

  gtk_label_set_text (self->geometry_value, viewer_geometry_kind_get_label (kind));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->geometry_value), types != NULL && *types != '\0' ? types : NULL);

  if (rows >= 0)
    rows_text = viewer_format_count_or_estimate (rows, carto_dataset_get_row_count_is_estimate (self->dataset));
  gtk_label_set_text (self->rows_value, rows_text != NULL ? rows_text : _("Unknown"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->rows_value),
                               rows >= 0 && carto_dataset_get_row_count_is_estimate (self->dataset)
                                 ? _("Estimated from the table’s statistics, without counting")
                                 : NULL);

  gtk_label_set_text (self->privacy_value,
                      viewer_dataset_privacy_get_label (privacy) != NULL ? viewer_dataset_privacy_get_label (privacy)
                                                                         : _("Unknown"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->privacy_value), viewer_dataset_privacy_get_tooltip (privacy));

  gtk_widget_set_visible (self->size_key, size >= 0);
  gtk_widget_set_visible (GTK_WIDGET (self->size_value), size >= 0);
  if (size >= 0)
    {
      size_text = g_format_size ((guint64) size);
      gtk_label_set_text (self->size_value, size_text);
    }

  gtk_widget_set_visible (self->updated_key, updated != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->updated_value), updated != NULL);
  if (updated != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (updated);

      /* Translators: a date and time in strftime() format */
      updated_text = g_date_time_format (local, _("%x %H:%M"));
      gtk_label_set_text (self->updated_value, updated_text);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), kind != CARTO_GEOMETRY_KIND_NONE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button),
                               kind == CARTO_GEOMETRY_KIND_NONE ? _("No geometry to show on the map") : NULL);
}

static void
on_dataset_notify_cb (ViewerDatasetPreview *self)
{
  update_details (self);
}

/* Denser than an AdwActionRow: a table can have dozens of columns. */
static GtkWidget *
create_column_row (gpointer item,
                   gpointer user_data)
{
  CartoSqlField *field = CARTO_SQL_FIELD (item);
  g_autofree char *type = carto_sql_field_dup_display_type (field);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (carto_sql_field_get_name (field));
  GtkWidget *label = gtk_label_new (type);

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_widget_set_tooltip_text (label, type);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "column-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static void
show_columns (ViewerDatasetPreview *self,
              const GError         *error)
{
  GListModel *columns = carto_dataset_get_columns (self->dataset);
  g_autofree char *description = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->columns_spinner), FALSE);

  if (columns == NULL)
    {
      adw_preferences_group_set_description (self->columns_group, error != NULL ? error->message : NULL);
      return;
    }

  gtk_list_box_bind_model (self->columns_list, columns, create_column_row, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_list), TRUE);
  /* Translators: under the "Columns" heading */
  description = g_strdup_printf (ngettext ("%u column", "%u columns", g_list_model_get_n_items (columns)),
                                 g_list_model_get_n_items (columns));
  adw_preferences_group_set_description (self->columns_group, description);
}

static void
details_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ViewerDatasetPreview) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!carto_dataset_load_details_finish (CARTO_DATASET (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  show_columns (self, error);
}

static void
show_thumbnail_message (ViewerDatasetPreview *self,
                        const char           *message)
{
  gtk_label_set_text (self->thumbnail_message, message);
  gtk_stack_set_visible_child_name (self->thumbnail_stack, "message");
}

/* Frames the box, with a margin, in the thumbnail's size. */
static void
frame_extent (ViewerDatasetPreview *self,
              double                west,
              double                south,
              double                east,
              double                north)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->thumbnail);
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self->thumbnail)),
                   gtk_widget_get_width (GTK_WIDGET (self->thumbnail_stack)));
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (self->thumbnail)),
                    gtk_widget_get_height (GTK_WIDGET (self->thumbnail_stack)));
  double x1, y1, x2, y2, lon, lat, zoom;
  gboolean is_point;

  if (width <= 0 || height <= 0)
    gtk_widget_get_size_request (GTK_WIDGET (self->thumbnail_stack), &width, &height);

  south = CLAMP (south, -CARTO_MAX_LATITUDE, CARTO_MAX_LATITUDE);
  north = CLAMP (north, -CARTO_MAX_LATITUDE, CARTO_MAX_LATITUDE);
  west = CLAMP (west, -180.0, 180.0);
  east = CLAMP (east, -180.0, 180.0);

  carto_lonlat_to_world (west, north, &x1, &y1);
  carto_lonlat_to_world (east, south, &x2, &y2);
  carto_world_to_lonlat ((x1 + x2) / 2.0, (y1 + y2) / 2.0, &lon, &lat);

  is_point = (x2 - x1) * 256.0 * exp2 (THUMBNAIL_MAX_ZOOM) < 4.0 &&
             (y2 - y1) * 256.0 * exp2 (THUMBNAIL_MAX_ZOOM) < 4.0;
  if (is_point)
    zoom = THUMBNAIL_MAX_ZOOM;
  else
    {
      /* A fifth of margin around the box. */
      double zx = x2 > x1 ? log2 (width / ((x2 - x1) * 256.0 * 1.2)) : THUMBNAIL_MAX_ZOOM;
      double zy = y2 > y1 ? log2 (height / ((y2 - y1) * 256.0 * 1.2)) : THUMBNAIL_MAX_ZOOM;

      zoom = CLAMP (MIN (zx, zy), 0.0, THUMBNAIL_MAX_ZOOM);
    }

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);

  shumate_path_layer_remove_all (self->extent_layer);
  shumate_marker_layer_remove_all (self->marker_layer);
  if (is_point)
    {
      ShumateMarker *marker = shumate_marker_new ();
      GtkWidget *dot = gtk_image_new_from_icon_name ("carto-geometry-point-symbolic");

      gtk_widget_add_css_class (dot, "extent-marker");
      shumate_marker_set_child (marker, dot);
      shumate_location_set_location (SHUMATE_LOCATION (marker), lat, lon);
      shumate_marker_layer_add_marker (self->marker_layer, marker);
    }
  else
    {
      shumate_path_layer_add_node (self->extent_layer, SHUMATE_LOCATION (shumate_coordinate_new_full (north, west)));
      shumate_path_layer_add_node (self->extent_layer, SHUMATE_LOCATION (shumate_coordinate_new_full (north, east)));
      shumate_path_layer_add_node (self->extent_layer, SHUMATE_LOCATION (shumate_coordinate_new_full (south, east)));
      shumate_path_layer_add_node (self->extent_layer, SHUMATE_LOCATION (shumate_coordinate_new_full (south, west)));
    }

  gtk_stack_set_visible_child_name (self->thumbnail_stack, "map");
}

static void
extent_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ViewerDatasetPreview) self = user_data;
  g_autoptr(GError) error = NULL;
  double west, south, east, north;

  if (carto_dataset_load_extent_finish (CARTO_DATASET (source), result, &west, &south, &east, &north, &error))
    frame_extent (self, west, south, east, north);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else if (error != NULL)
    {
      g_debug ("Preview: no extent for %s: %s", carto_dataset_get_name (self->dataset), error->message);
      show_thumbnail_message (self, _("The area could not be loaded"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->thumbnail_message), error->message);
    }
  else
    show_thumbnail_message (self, _("No geometry"));

  self->extent_loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTENT_LOADED]);
}

static void
first_page_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The results view shows the pager's error itself, with a Retry. */
  if (!carto_sql_pager_load_more_finish (CARTO_SQL_PAGER (source), result, &error) && error != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Preview: first rows failed: %s", error->message);
}

static void
setup_thumbnail (ViewerDatasetPreview *self)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->thumbnail);
  ShumateMap *map = shumate_simple_map_get_map (self->thumbnail);
  GdkRGBA fill, stroke;

  /* A picture, not a map to explore: no controls, no input. */
  shumate_simple_map_set_show_zoom_buttons (self->thumbnail, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (shumate_simple_map_get_scale (self->thumbnail)), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (shumate_simple_map_get_license (self->thumbnail)), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (shumate_simple_map_get_compass (self->thumbnail)), FALSE);
  gtk_widget_set_can_target (GTK_WIDGET (self->thumbnail), FALSE);
  gtk_widget_set_can_focus (GTK_WIDGET (self->thumbnail), FALSE);

  self->world = viewer_world_map_new (self->thumbnail);

  /* libadwaita's accent blue, which reads on the light and the dark map. */
  gdk_rgba_parse (&stroke, "#3584e4");
  fill = stroke;
  fill.alpha = 0.15f;
  self->extent_layer = g_object_ref (shumate_path_layer_new (viewport));
  shumate_path_layer_set_closed (self->extent_layer, TRUE);
  shumate_path_layer_set_fill (self->extent_layer, TRUE);
  shumate_path_layer_set_fill_color (self->extent_layer, &fill);
  shumate_path_layer_set_stroke_color (self->extent_layer, &stroke);
  shumate_path_layer_set_stroke_width (self->extent_layer, 1.5);
  shumate_map_add_layer (map, SHUMATE_LAYER (self->extent_layer));

  self->marker_layer = g_object_ref (shumate_marker_layer_new (viewport));
  shumate_map_add_layer (map, SHUMATE_LAYER (self->marker_layer));
}

static void
viewer_dataset_preview_add_to_map_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  ViewerDatasetPreview *self = VIEWER_DATASET_PREVIEW (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (parent == NULL)
    return;

  /* The window the preview belongs to adds it, and says so. */
  viewer_layer_request_send (GTK_WIDGET (parent), viewer_layer_request_new_for_dataset (self->dataset));
  /* Done here: what the person wants to see now is the map behind. */
  gtk_window_close (GTK_WINDOW (self));
}

static void
viewer_dataset_preview_constructed (GObject *object)
{
  ViewerDatasetPreview *self = VIEWER_DATASET_PREVIEW (object);
  g_autofree char *account = NULL;

  G_OBJECT_CLASS (viewer_dataset_preview_parent_class)->constructed (object);

  g_assert (CARTO_IS_DATASET (self->dataset));

  account = dup_account_summary (self->dataset);
  gtk_window_set_title (GTK_WINDOW (self), carto_dataset_get_name (self->dataset));
  adw_window_title_set_title (self->window_title, carto_dataset_get_name (self->dataset));
  adw_window_title_set_subtitle (self->window_title, account);

  self->dataset_handler = g_signal_connect_swapped (self->dataset, "notify", G_CALLBACK (on_dataset_notify_cb), self);
  update_details (self);

  setup_thumbnail (self);
  carto_dataset_load_extent_async (self->dataset, self->cancellable, extent_cb, g_object_ref (self));

  if (carto_dataset_get_details_loaded (self->dataset))
    show_columns (self, NULL);
  else
    carto_dataset_load_details_async (self->dataset, self->cancellable, details_cb, g_object_ref (self));

  self->pager = carto_dataset_create_pager (self->dataset, PREVIEW_PAGE_SIZE);
  viewer_results_view_set_pager (self->results_view, self->pager);
  carto_sql_pager_load_more_async (self->pager, self->cancellable, first_page_cb, NULL);
}

static void
viewer_dataset_preview_dispose (GObject *object)
{
  ViewerDatasetPreview *self = VIEWER_DATASET_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->pager != NULL)
    carto_sql_pager_cancel (self->pager);
  /* Async callbacks may keep the window alive past dispose; nothing may
   * reach its disposed widgets then. */
  if (self->dataset != NULL)
    g_clear_signal_handler (&self->dataset_handler, self->dataset);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_DATASET_PREVIEW);

  g_clear_object (&self->extent_layer);
  g_clear_object (&self->marker_layer);
  g_clear_object (&self->world);
  g_clear_object (&self->pager);
  g_clear_object (&self->dataset);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (viewer_dataset_preview_parent_class)->dispose (object);
}

static void
viewer_dataset_preview_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ViewerDatasetPreview *self = VIEWER_DATASET_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_EXTENT_LOADED:
      g_value_set_boolean (value, self->extent_loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_dataset_preview_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ViewerDatasetPreview *self = VIEWER_DATASET_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      self->dataset = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_dataset_preview_class_init (ViewerDatasetPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = viewer_dataset_preview_constructed;
  object_class->dispose = viewer_dataset_preview_dispose;
  object_class->get_property = viewer_dataset_preview_get_property;
  object_class->set_property = viewer_dataset_preview_set_property;

  /**
   * ViewerDatasetPreview:dataset:
   *
   * The dataset previewed.
   */
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, CARTO_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerDatasetPreview:extent-loaded:
   *
   * Whether the thumbnail's extent query has answered (with a box, no
   * geometry, or an error).
   */
  properties[PROP_EXTENT_LOADED] =
    g_param_spec_boolean ("extent-loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  g_type_ensure (VIEWER_TYPE_RESULTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-dataset-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, add_button);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, thumbnail_stack);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, thumbnail_spinner);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, thumbnail_message);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, geometry_value);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, rows_value);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, privacy_value);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, size_key);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, size_value);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, updated_key);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, updated_value);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, columns_group);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, columns_spinner);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, columns_list);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetPreview, results_view);

  gtk_widget_class_install_action (widget_class, "preview.add-to-map", NULL,
                                   viewer_dataset_preview_add_to_map_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
viewer_dataset_preview_init (ViewerDatasetPreview *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* GTK 4.8 animates a spinning spinner even where it does not show (a
   * hidden stack page), drawing frames for nothing: spin while mapped. */
  viewer_spinner_spin_while_mapped (self->thumbnail_spinner);
  viewer_spinner_spin_while_mapped (self->columns_spinner);
}

/**
 * viewer_dataset_preview_new:
 * @parent: (nullable): the main window it belongs to, whose map "Add to
 *   Map" adds to (through its win.add-layer)
 * @dataset: the dataset to preview
 *
 * Returns: (transfer none): a new preview window, loading; GTK owns it
 *   until it is closed
 */
ViewerDatasetPreview *
viewer_dataset_preview_new (GtkWindow    *parent,
                            CartoDataset *dataset)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CARTO_IS_DATASET (dataset), NULL);

  return g_object_new (VIEWER_TYPE_DATASET_PREVIEW,
                       "transient-for", parent,
                       "dataset", dataset,
                       NULL);
}

static gboolean
same_dataset (CartoDataset *a,
              CartoDataset *b)
{
  CartoCredentials *ca = carto_sql_client_get_credentials (carto_dataset_get_client (a));
  CartoCredentials *cb = carto_sql_client_get_credentials (carto_dataset_get_client (b));

  return a == b ||
         (g_strcmp0 (carto_dataset_get_schema (a), carto_dataset_get_schema (b)) == 0 &&
          g_str_equal (carto_dataset_get_name (a), carto_dataset_get_name (b)) &&
          carto_credentials_equal (ca, cb));
}

/**
 * viewer_dataset_preview_present:
 * @parent: the main window it belongs to
 * @dataset: the dataset to preview
 *
 * Shows the preview of @dataset, raising the one of @parent already open
 * for it.
 *
 * Returns: (transfer none): the preview
 */
ViewerDatasetPreview *
viewer_dataset_preview_present (GtkWindow    *parent,
                                CartoDataset *dataset)
{
  g_autoptr(GListModel) toplevels = NULL;
  ViewerDatasetPreview *preview = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CARTO_IS_DATASET (dataset), NULL);

  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; preview == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) candidate = g_list_model_get_item (toplevels, i);

      if (VIEWER_IS_DATASET_PREVIEW (candidate) &&
          gtk_window_get_transient_for (GTK_WINDOW (candidate)) == parent &&
          same_dataset (VIEWER_DATASET_PREVIEW (candidate)->dataset, dataset))
        preview = VIEWER_DATASET_PREVIEW (candidate);
    }

  /* A new window belongs to GTK's toplevel list until it is closed. */
  if (preview == NULL)
    preview = viewer_dataset_preview_new (parent, dataset);

  gtk_window_present (GTK_WINDOW (preview));
  return preview;
}

/**
 * viewer_dataset_preview_get_dataset:
 * @self: a preview
 *
 * Returns: (transfer none): the dataset previewed
 */
CartoDataset *
viewer_dataset_preview_get_dataset (ViewerDatasetPreview *self)
{
  g_return_val_if_fail (VIEWER_IS_DATASET_PREVIEW (self), NULL);

  return self->dataset;
}

/**
 * viewer_dataset_preview_get_results_view:
 * @self: a preview
 *
 * Returns: (transfer none): the table of the first rows
 */
ViewerResultsView *
viewer_dataset_preview_get_results_view (ViewerDatasetPreview *self)
{
  g_return_val_if_fail (VIEWER_IS_DATASET_PREVIEW (self), NULL);

  return self->results_view;
}

/**
 * viewer_dataset_preview_get_extent_loaded:
 * @self: a preview
 *
 * Returns: whether the thumbnail's extent query has answered
 */
gboolean
viewer_dataset_preview_get_extent_loaded (ViewerDatasetPreview *self)
{
  g_return_val_if_fail (VIEWER_IS_DATASET_PREVIEW (self), FALSE);

  return self->extent_loaded;
}
