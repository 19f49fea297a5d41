/* viewer-results-view.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of a table or a query in a GtkColumnView, shared by the
 * dataset preview and the SQL console. The model is a CartoSqlPager: the
 * view asks only for the rows on screen, and the pager fetches the next
 * page as they near the end, so scrolling a table of millions of rows
 * holds a few hundred. Statements that cannot be paged (EXPLAIN, SHOW,
 * UPDATE … RETURNING) come as one CartoSqlResult instead. Columns have fixed widths by type: sizing them to
 * their content would measure every row scrolled past, and make them jump.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-format.h"
#include "viewer-results-view.h"
#include "viewer-spinner.h"

/* Cells longer than this get their full text as a tooltip. */
#define TOOLTIP_MIN_CHARS 24

struct _ViewerResultsView
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *box;
  GtkStack *stack;
  GtkSpinner *loading_spinner;
  AdwStatusPage *placeholder_page;
  AdwStatusPage *error_page;
  GtkColumnView *column_view;
  GtkWidget *footer;
  GtkLabel *status_label;
  GtkSpinner *more_spinner;
  GtkWidget *more_error_box;
  GtkLabel *more_error_label;

  /* Owned references: a pager, or a result held whole */
  CartoSqlPager *pager;
  CartoSqlResult *result;
  GSignalGroup *pager_signals;
  GCancellable *cancellable;
  char *status;

  /* State */
  gint64 known_total;
};

G_DEFINE_FINAL_TYPE (ViewerResultsView, viewer_results_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAGER,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  guint field;
  CartoSqlFieldType type;
} ColumnInfo;

static int
column_width (CartoSqlField *field)
{
  int width;

  switch (carto_sql_field_get_field_type (field))
    {
    case CARTO_SQL_FIELD_TYPE_NUMBER:
      width = 110;
      break;
    case CARTO_SQL_FIELD_TYPE_BOOLEAN:
      width = 80;
      break;
    case CARTO_SQL_FIELD_TYPE_DATE:
      width = 180;
      break;
    case CARTO_SQL_FIELD_TYPE_GEOMETRY:
      width = 240;
      break;
    case CARTO_SQL_FIELD_TYPE_STRING:
      width = 200;
      break;
    case CARTO_SQL_FIELD_TYPE_OTHER:
    default:
      width = 160;
      break;
    }

  /* Room for the header's name (about 8 px a character, and the padding). */
  return MAX (width, MIN ((int) g_utf8_strlen (carto_sql_field_get_name (field), -1) * 8 + 32, 320));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ColumnInfo               *info)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (info->type == CARTO_SQL_FIELD_TYPE_NUMBER)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0f);
      gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ColumnInfo               *info)
{
  CartoSqlRow *row = gtk_list_item_get_item (item);
  GtkInscription *cell = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;
  gboolean dim = FALSE;

  if (!carto_sql_row_get_loaded (row))
    {
      /* A page dropped to bound memory, being fetched again. */
      text = g_strdup ("…");
      dim = TRUE;
    }
  else if (carto_sql_row_is_null (row, info->field))
    {
      text = g_strdup ("NULL");
      dim = TRUE;
    }
  else
    text = carto_sql_row_dup_display_text (row, info->field);

  gtk_inscription_set_text (cell, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (cell),
                               !dim && g_utf8_strlen (text, -1) > TOOLTIP_MIN_CHARS ? text : NULL);
  if (dim)
    gtk_widget_add_css_class (GTK_WIDGET (cell), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (cell), "dim-label");
}

static void
remove_columns (ViewerResultsView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->column_view, column);
    }
}

static void
build_columns (ViewerResultsView *self)
{
  GListModel *fields = NULL;
  guint n;

  if (self->pager != NULL)
    fields = carto_sql_pager_get_fields (self->pager);
  else if (self->result != NULL)
    fields = carto_sql_result_get_fields (self->result);
  n = fields != NULL ? g_list_model_get_n_items (fields) : 0;

  remove_columns (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartoSqlField) field = g_list_model_get_item (fields, i);
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      ColumnInfo *info = g_new0 (ColumnInfo, 1);

      info->field = i;
      info->type = carto_sql_field_get_field_type (field);
      g_object_set_data_full (G_OBJECT (factory), "viewer-column-info", info, g_free);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), info);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), info);

      column = gtk_column_view_column_new (carto_sql_field_get_name (field), g_steal_pointer (&factory));
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, column_width (field));
      gtk_column_view_append_column (self->column_view, column);
    }
}

static void
set_status (ViewerResultsView *self,
            const char        *status)
{
  if (g_strcmp0 (self->status, status) == 0)
    return;

  g_free (self->status);
  self->status = g_strdup (status);
  gtk_label_set_text (self->status_label, status != NULL ? status : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
update_status (ViewerResultsView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->pager));
  gint64 total = carto_sql_pager_get_total_rows (self->pager);
  g_autofree char *shown = viewer_format_count (n_items);
  g_autofree char *status = NULL;
  const char *tooltip = NULL;

  if (carto_sql_pager_get_complete (self->pager))
    status = viewer_format_row_count (n_items, FALSE);
  else if (self->known_total >= 0)
    {
      g_autofree char *exact = viewer_format_count (self->known_total);

      /* Translators: the rows loaded out of the total, e.g.
       * "Showing 1–200 of 1 094" */
      status = g_strdup_printf (_("Showing 1–%s of %s"), shown, exact);
    }
  else if (total >= 0 && carto_sql_pager_get_total_is_estimate (self->pager))
    {
      g_autofree char *approx = viewer_format_approx_count (total);

      /* Translators: the rows loaded out of an estimated total, e.g.
       * "Showing 1–200 of ≈ 135 k" */
      status = g_strdup_printf (_("Showing 1–%s of ≈ %s"), shown, approx);
      tooltip = _("The total is the database's estimate: it is known exactly once the last row is loaded.");
    }
  else if (total >= 0)
    {
      g_autofree char *exact = viewer_format_count (total);

      /* Translators: the rows loaded out of the total, e.g.
       * "Showing 1–200 of 241" */
      status = g_strdup_printf (_("Showing 1–%s of %s"), shown, exact);
    }
  else
    /* Translators: the rows loaded so far, e.g. "Showing 1–200" */
    status = g_strdup_printf (_("Showing 1–%s"), shown);

  set_status (self, status);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), tooltip);
}

static void
update (ViewerResultsView *self)
{
  const GError *error = self->pager != NULL ? carto_sql_pager_get_error (self->pager) : NULL;
  guint n_items = 0;
  const char *page;

  if (self->pager != NULL)
    n_items = g_list_model_get_n_items (G_LIST_MODEL (self->pager));
  else if (self->result != NULL)
    n_items = carto_sql_result_get_n_rows (self->result);

  if (self->result != NULL)
    page = n_items > 0 ? "table" : "empty";
  else if (self->pager == NULL)
    page = "placeholder";
  else if (n_items > 0)
    page = "table";
  else if (error != NULL)
    page = "error";
  else if (carto_sql_pager_get_complete (self->pager))
    page = "empty";
  else
    page = "loading";

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_widget_set_visible (self->footer, n_items > 0);

  if (error != NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_label_set_text (self->more_error_label, error->message);
    }
  gtk_widget_set_visible (self->more_error_box, n_items > 0 && error != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->more_spinner),
                          self->pager != NULL && n_items > 0 && error == NULL &&
                          carto_sql_pager_get_loading (self->pager));

  if (self->pager != NULL)
    update_status (self);
  else if (self->result != NULL)
    {
      g_autofree char *status = viewer_format_row_count (n_items, FALSE);

      set_status (self, status);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), NULL);
    }
  else
    set_status (self, NULL);
}

static void
on_pager_changed_cb (ViewerResultsView *self)
{
  update (self);
}

static void
on_fields_changed_cb (ViewerResultsView *self)
{
  build_columns (self);
  update (self);
}

static void
retry_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The pager keeps the error, and the view follows its notifications. */
  if (!carto_sql_pager_load_more_finish (CARTO_SQL_PAGER (object), result, &error) && error != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Results: retry failed: %s", error->message);
}

static void
viewer_results_view_retry_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  ViewerResultsView *self = VIEWER_RESULTS_VIEW (widget);

  if (self->pager == NULL)
    return;

  carto_sql_pager_load_more_async (self->pager, self->cancellable, retry_cb, NULL);
  update (self);
}

static void
viewer_results_view_dispose (GObject *object)
{
  ViewerResultsView *self = VIEWER_RESULTS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->pager != NULL)
    carto_sql_pager_cancel (self->pager);
  if (self->pager_signals != NULL)
    g_signal_group_set_target (self->pager_signals, NULL);
  g_clear_object (&self->pager_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_RESULTS_VIEW);
  g_clear_object (&self->pager);
  g_clear_object (&self->result);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (viewer_results_view_parent_class)->dispose (object);
}

static void
viewer_results_view_finalize (GObject *object)
{
  ViewerResultsView *self = VIEWER_RESULTS_VIEW (object);

  g_clear_pointer (&self->status, g_free);

  G_OBJECT_CLASS (viewer_results_view_parent_class)->finalize (object);
}

static void
viewer_results_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ViewerResultsView *self = VIEWER_RESULTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAGER:
      g_value_set_object (value, self->pager);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_results_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ViewerResultsView *self = VIEWER_RESULTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAGER:
      viewer_results_view_set_pager (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_results_view_class_init (ViewerResultsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viewer_results_view_dispose;
  object_class->finalize = viewer_results_view_finalize;
  object_class->get_property = viewer_results_view_get_property;
  object_class->set_property = viewer_results_view_set_property;

  /**
   * ViewerResultsView:pager:
   *
   * The rows shown, %NULL for the placeholder.
   */
  properties[PROP_PAGER] =
    g_param_spec_object ("pager", NULL, NULL, CARTO_TYPE_SQL_PAGER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerResultsView:status:
   *
   * What the footer says of the rows ("Showing 1–200 of ≈ 135 k"),
   * %NULL without a pager.
   */
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-results-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerResultsView, box);
  gtk_widget_class_bind_template_child (widget_class, ViewerResultsView, stack);
  gtk_widget_class_bind_template_child (widget_class, ViewerResultsView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, ViewerResultsView, placeholder_page);
  gtk_widget_class_bind_template_child (widget_class, ViewerResultsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, ViewerResultsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, ViewerResultsView, footer);
  gtk_widget_class_bind_template_child (widget_class, ViewerResultsView, status_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerResultsView, more_spinner);
  gtk_widget_class_bind_template_child (widget_class, ViewerResultsView, more_error_box);
  gtk_widget_class_bind_template_child (widget_class, ViewerResultsView, more_error_label);

  gtk_widget_class_install_action (widget_class, "results.retry", NULL, viewer_results_view_retry_action);
}

static void
viewer_results_view_init (ViewerResultsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* GTK 4.8 animates a spinning spinner even where it does not show (a
   * hidden stack page), drawing frames for nothing: spin while mapped. */
  viewer_spinner_spin_while_mapped (self->loading_spinner);
  viewer_spinner_spin_while_mapped (self->more_spinner);

  self->known_total = -1;
  self->cancellable = g_cancellable_new ();
  self->pager_signals = g_signal_group_new (CARTO_TYPE_SQL_PAGER);
  g_signal_group_connect_swapped (self->pager_signals, "notify::fields", G_CALLBACK (on_fields_changed_cb), self);
  g_signal_group_connect_swapped (self->pager_signals, "notify::n-items", G_CALLBACK (on_pager_changed_cb), self);
  g_signal_group_connect_swapped (self->pager_signals, "notify::loading", G_CALLBACK (on_pager_changed_cb), self);
  g_signal_group_connect_swapped (self->pager_signals, "notify::error", G_CALLBACK (on_pager_changed_cb), self);
  g_signal_group_connect_swapped (self->pager_signals, "notify::complete", G_CALLBACK (on_pager_changed_cb), self);
  g_signal_group_connect_swapped (self->pager_signals, "notify::total-rows", G_CALLBACK (on_pager_changed_cb), self);
  g_signal_group_connect_swapped (self->pager_signals, "notify::total-is-estimate", G_CALLBACK (on_pager_changed_cb), self);

  update (self);
}

/**
 * viewer_results_view_new:
 *
 * Returns: (transfer floating): a new, empty results view
 */
ViewerResultsView *
viewer_results_view_new (void)
{
  return g_object_new (VIEWER_TYPE_RESULTS_VIEW, NULL);
}

/**
 * viewer_results_view_get_pager:
 * @self: a results view
 *
 * Returns: (transfer none) (nullable): the rows shown
 */
CartoSqlPager *
viewer_results_view_get_pager (ViewerResultsView *self)
{
  g_return_val_if_fail (VIEWER_IS_RESULTS_VIEW (self), NULL);

  return self->pager;
}

/**
 * viewer_results_view_set_pager:
 * @self: a results view
 * @pager: (nullable): the rows to show, %NULL for the placeholder
 *
 * Shows @pager's rows. Start its first load yourself
 * (carto_sql_pager_load_more_async()); the view shows a spinner until
 * rows or an error arrive, and the pager loads the next pages as the
 * view scrolls. A replaced pager's fetches are cancelled.
 */
void
viewer_results_view_set_pager (ViewerResultsView *self,
                               CartoSqlPager     *pager)
{
  g_autoptr(GtkSelectionModel) selection = NULL;

  g_return_if_fail (VIEWER_IS_RESULTS_VIEW (self));
  g_return_if_fail (pager == NULL || CARTO_IS_SQL_PAGER (pager));

  if (self->pager == pager && self->result == NULL)
    return;

  if (self->pager != NULL)
    carto_sql_pager_cancel (self->pager);
  g_clear_object (&self->result);
  g_set_object (&self->pager, pager);
  self->known_total = -1;
  g_signal_group_set_target (self->pager_signals, pager);

  if (pager != NULL)
    {
      GtkSingleSelection *single = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (pager)));

      gtk_single_selection_set_autoselect (single, FALSE);
      gtk_single_selection_set_can_unselect (single, TRUE);
      selection = GTK_SELECTION_MODEL (single);
    }
  gtk_column_view_set_model (self->column_view, selection);
  build_columns (self);
  update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGER]);
}

/**
 * viewer_results_view_set_result:
 * @self: a results view
 * @result: (nullable): rows held whole, %NULL for the placeholder
 *
 * Shows the rows of a statement that cannot be paged (EXPLAIN, SHOW,
 * UPDATE … RETURNING): they are all in @result already.
 */
void
viewer_results_view_set_result (ViewerResultsView *self,
                                CartoSqlResult    *result)
{
  g_autoptr(GtkSelectionModel) selection = NULL;

  g_return_if_fail (VIEWER_IS_RESULTS_VIEW (self));
  g_return_if_fail (result == NULL || CARTO_IS_SQL_RESULT (result));

  if (self->pager != NULL)
    {
      carto_sql_pager_cancel (self->pager);
      g_signal_group_set_target (self->pager_signals, NULL);
      g_clear_object (&self->pager);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGER]);
    }
  g_set_object (&self->result, result);

  if (result != NULL)
    {
      GListStore *rows = g_list_store_new (CARTO_TYPE_SQL_ROW);
      GtkSingleSelection *single;

      for (guint i = 0; i < carto_sql_result_get_n_rows (result); i++)
        {
          g_autoptr(CartoSqlRow) row = carto_sql_row_new (result, i, i);

          g_list_store_append (rows, row);
        }
      single = gtk_single_selection_new (G_LIST_MODEL (rows));
      gtk_single_selection_set_autoselect (single, FALSE);
      gtk_single_selection_set_can_unselect (single, TRUE);
      selection = GTK_SELECTION_MODEL (single);
    }
  gtk_column_view_set_model (self->column_view, selection);
  build_columns (self);
  update (self);
}

/**
 * viewer_results_view_set_known_total:
 * @self: a results view showing a pager
 * @total: the exact number of rows, counted by the caller
 *
 * Tells the view the count the pager only estimates, for its footer. A
 * new pager forgets it.
 */
void
viewer_results_view_set_known_total (ViewerResultsView *self,
                                     gint64             total)
{
  g_return_if_fail (VIEWER_IS_RESULTS_VIEW (self));
  g_return_if_fail (total >= 0);

  self->known_total = total;
  update (self);
}

/**
 * viewer_results_view_set_placeholder:
 * @self: a results view
 * @icon_name: (nullable): the placeholder's icon
 * @title: (nullable): its title
 * @description: (nullable): its description
 *
 * Sets what the view shows when it has no pager.
 */
void
viewer_results_view_set_placeholder (ViewerResultsView *self,
                                     const char        *icon_name,
                                     const char        *title,
                                     const char        *description)
{
  g_return_if_fail (VIEWER_IS_RESULTS_VIEW (self));

  adw_status_page_set_icon_name (self->placeholder_page, icon_name);
  adw_status_page_set_title (self->placeholder_page, title);
  adw_status_page_set_description (self->placeholder_page, description);
}

/**
 * viewer_results_view_get_column_view:
 * @self: a results view
 *
 * Returns: (transfer none): the table
 */
GtkColumnView *
viewer_results_view_get_column_view (ViewerResultsView *self)
{
  g_return_val_if_fail (VIEWER_IS_RESULTS_VIEW (self), NULL);

  return self->column_view;
}

/**
 * viewer_results_view_get_status:
 * @self: a results view
 *
 * Returns: (nullable): what the footer says of the rows
 */
const char *
viewer_results_view_get_status (ViewerResultsView *self)
{
  g_return_val_if_fail (VIEWER_IS_RESULTS_VIEW (self), NULL);

  return self->status;
}

/**
 * viewer_results_view_get_state:
 * @self: a results view
 *
 * Returns: what the view shows: `placeholder`, `loading`, `error`,
 *   `empty` or `table`
 */
const char *
viewer_results_view_get_state (ViewerResultsView *self)
{
  g_return_val_if_fail (VIEWER_IS_RESULTS_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
