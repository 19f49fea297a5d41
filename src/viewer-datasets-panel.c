/* viewer-datasets-panel.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sidebar's Datasets page: the tables of one account, searchable as
 * you type, each a click away from a preview and one more from the map.
 * The catalogue is listed once per account choice; what it leaves out
 * (columns, and row estimates for non-master keys) loads per dataset as
 * its row scrolls into view, which is why this is a list view.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-account-chooser.h"
#include "viewer-account-dialog.h"
#include "viewer-dataset-preview.h"
#include "viewer-dataset-row.h"
#include "viewer-datasets-panel.h"
#include "viewer-layer-request.h"
#include "viewer-sql-console.h"
#include "viewer-spinner.h"

struct _ViewerDatasetsPanel
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget *box;
  GtkWidget *account_box;
  GtkDropDown *account_drop_down;
  GtkSearchEntry *search_entry;
  GtkStack *stack;
  GtkSpinner *loading_spinner;
  AdwStatusPage *no_account_page;
  GtkWidget *add_account_button;
  AdwStatusPage *error_page;
  GtkWidget *edit_account_button;
  AdwStatusPage *no_results_page;
  GtkWidget *action_bar;
  GtkListView *list_view;
  GtkFilterListModel *filter_model;
  GtkStringFilter *filter;

  /* Owned references */
  ViewerContext *context;
  CartoMap *map;
  CartoAccount *account;
  GListModel *datasets;
  GCancellable *cancellable;
  GError *error;

  /* State */
  gulong credentials_handler;
  gboolean loading;
  gboolean stale;
  gboolean had_accounts;
};

G_DEFINE_FINAL_TYPE (ViewerDatasetsPanel, viewer_datasets_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_MAP,
  PROP_ACCOUNT,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Set on a dataset whose details were asked for in this listing. */
#define DETAILS_REQUESTED "viewer-details-requested"

static CartoCredentialStore *
store (ViewerDatasetsPanel *self)
{
  return viewer_context_get_credential_store (self->context);
}

/* Only to own the windows it opens: previews, the console, forms. */
static GtkWindow *
parent_window (ViewerDatasetsPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static const char *
error_icon (const GError *error)
{
  if (g_error_matches (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_NETWORK) ||
      g_error_matches (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_TIMEOUT))
    return "network-offline-symbolic";
  if (g_error_matches (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_INVALID_KEY) ||
      g_error_matches (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_PERMISSION_DENIED))
    return "dialog-password-symbolic";
  return "dialog-error-symbolic";
}

static const char *
error_title (const GError *error)
{
  if (g_error_matches (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_NETWORK))
    return _("Server Not Reachable");
  if (g_error_matches (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_INVALID_KEY))
    return _("API Key Not Accepted");
  if (g_error_matches (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_UNKNOWN_USER))
    return _("Account Not Found");
  return _("Could Not Load Datasets");
}

static void
update (ViewerDatasetsPanel *self)
{
  guint n_accounts = self->context != NULL ? g_list_model_get_n_items (G_LIST_MODEL (store (self))) : 0;
  guint n_datasets = self->datasets != NULL ? g_list_model_get_n_items (self->datasets) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  const char *old_page = gtk_stack_get_visible_child_name (self->stack);
  const char *page;

  if (self->context == NULL || (n_accounts == 0 && viewer_context_get_accounts_loading (self->context)))
    page = "loading";
  else if (n_accounts == 0)
    page = "no-account";
  else if (self->loading || self->stale)
    page = "loading";
  else if (self->error != NULL)
    page = "error";
  else if (n_datasets == 0)
    page = "empty";
  else if (n_shown == 0)
    page = "no-results";
  else
    page = "list";

  if (self->context != NULL && n_accounts == 0)
    {
      const GError *accounts_error = viewer_context_get_accounts_error (self->context);

      adw_status_page_set_description (self->no_account_page,
                                       accounts_error != NULL ? accounts_error->message
                                                              : _("Add a CARTO account to browse its datasets."));
      /* Without a keyring an account could not be kept; the window's
       * banner offers to try again. */
      gtk_widget_set_visible (self->add_account_button, accounts_error == NULL);
    }

  if (self->error != NULL)
    {
      adw_status_page_set_icon_name (self->error_page, error_icon (self->error));
      adw_status_page_set_title (self->error_page, error_title (self->error));
      adw_status_page_set_description (self->error_page, self->error->message);
      /* What only a change to the account itself can fix. */
      gtk_widget_set_visible (self->edit_account_button,
                              g_error_matches (self->error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_INVALID_KEY) ||
                              g_error_matches (self->error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_UNKNOWN_USER) ||
                              g_error_matches (self->error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_PERMISSION_DENIED));
    }

  if (g_str_equal (page, "no-results"))
    {
      g_autofree char *description = NULL;

      /* Translators: %s is what was typed in the search entry */
      description = g_strdup_printf (_("No dataset name contains “%s”."),
                                     gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      adw_status_page_set_description (self->no_results_page, description);
    }

  gtk_widget_set_visible (self->account_box, n_accounts > 0);
  gtk_widget_set_visible (self->action_bar, n_accounts > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), n_datasets > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "datasets.reload", self->account != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "datasets.sql-console", self->account != NULL);

  gtk_stack_set_visible_child_name (self->stack, page);
  if (g_strcmp0 (old_page, page) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_datasets (ViewerDatasetsPanel *self,
              GListModel          *datasets)
{
  g_set_object (&self->datasets, datasets);
  gtk_filter_list_model_set_model (self->filter_model, datasets);
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ViewerDatasetsPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) datasets = carto_catalogue_list_finish (result, NULL, &error);

  /* A newer listing replaced this one; it reports for itself. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  if (datasets == NULL)
    {
      g_debug ("Datasets: listing failed: %s", error->message);
      self->error = g_steal_pointer (&error);
    }
  set_datasets (self, datasets);
  update (self);
}

static void
cancel_listing (ViewerDatasetsPanel *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->loading = FALSE;
}

/* A hidden page lists nothing: the requests wait until it shows, so a
 * person who never opens it costs the account nothing, and the map's
 * own requests have the connections to themselves. */
static void
start_listing (ViewerDatasetsPanel *self)
{
  cancel_listing (self);
  g_clear_error (&self->error);
  set_datasets (self, NULL);
  self->stale = self->account != NULL && !gtk_widget_get_mapped (GTK_WIDGET (self));

  if (self->account != NULL && !self->stale)
    {
      self->cancellable = g_cancellable_new ();
      self->loading = TRUE;
      carto_catalogue_list_async (viewer_context_get_soup_session (self->context),
                                  carto_account_get_credentials (self->account),
                                  self->cancellable, list_cb, g_object_ref (self));
    }

  update (self);
}

/* An edited account (a corrected key) is the same object with new
 * credentials: list again with them. */
static void
on_credentials_changed_cb (ViewerDatasetsPanel *self)
{
  start_listing (self);
}

static void
set_account (ViewerDatasetsPanel *self,
             CartoAccount        *account)
{
  if (self->account == account)
    return;

  if (self->account != NULL)
    g_clear_signal_handler (&self->credentials_handler, self->account);
  g_set_object (&self->account, account);
  if (account != NULL)
    self->credentials_handler = g_signal_connect_object (account, "notify::credentials",
                                                         G_CALLBACK (on_credentials_changed_cb), self,
                                                         G_CONNECT_SWAPPED);
  start_listing (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

/* A person who has just added their first account wants to see what is
 * in it: show this page, unless the map already has layers to look at. */
static void
show_after_first_account (ViewerDatasetsPanel *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (!GTK_IS_STACK (parent) || (self->map != NULL && carto_map_get_n_layers (self->map) > 0))
    return;

  gtk_stack_set_visible_child (GTK_STACK (parent), GTK_WIDGET (self));
}

static void
on_accounts_changed_cb (ViewerDatasetsPanel *self)
{
  guint n_accounts = g_list_model_get_n_items (G_LIST_MODEL (store (self)));

  if (n_accounts > 0 && !self->had_accounts && carto_credential_store_get_loaded (store (self)) &&
      !viewer_context_get_accounts_loading (self->context))
    show_after_first_account (self);
  self->had_accounts = n_accounts > 0 || viewer_context_get_accounts_loading (self->context);

  set_account (self, viewer_account_chooser_get_selected (self->account_drop_down));
  update (self);
}

static void
on_selected_account_cb (ViewerDatasetsPanel *self)
{
  set_account (self, viewer_account_chooser_get_selected (self->account_drop_down));
}

static void
on_search_changed_cb (ViewerDatasetsPanel *self)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  update (self);
}

static void
on_filtered_changed_cb (ViewerDatasetsPanel *self)
{
  update (self);
}

static void
details_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CartoDataset *dataset = CARTO_DATASET (source);
  g_autoptr(GError) error = NULL;

  /* The row shows what arrived through the dataset's properties. A failed
   * load may be retried by scrolling back, after a new listing. */
  if (!carto_dataset_load_details_finish (dataset, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Datasets: no details for %s: %s", carto_dataset_get_name (dataset), error->message);
      g_object_set_data (G_OBJECT (dataset), DETAILS_REQUESTED, NULL);
    }
}

static void
ensure_details (ViewerDatasetsPanel *self,
                CartoDataset        *dataset)
{
  gboolean wanted = carto_dataset_get_row_count (dataset) < 0 ||
                    carto_dataset_get_geometry_kind (dataset) == CARTO_GEOMETRY_KIND_UNKNOWN;

  if (!wanted || carto_dataset_get_details_loaded (dataset) || self->cancellable == NULL ||
      g_object_get_data (G_OBJECT (dataset), DETAILS_REQUESTED) != NULL)
    return;

  g_object_set_data (G_OBJECT (dataset), DETAILS_REQUESTED, GINT_TO_POINTER (TRUE));
  carto_dataset_load_details_async (dataset, self->cancellable, details_cb, NULL);
}

static void
on_row_add_to_map_cb (ViewerDatasetRow    *row,
                      ViewerDatasetsPanel *self)
{
  CartoDataset *dataset = viewer_dataset_row_get_dataset (row);

  if (dataset != NULL)
    viewer_layer_request_send (GTK_WIDGET (self), viewer_layer_request_new_for_dataset (dataset));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ViewerDatasetsPanel      *self)
{
  ViewerDatasetRow *row = viewer_dataset_row_new ();

  g_signal_connect_object (row, "add-to-map", G_CALLBACK (on_row_add_to_map_cb), self, 0);
  gtk_list_item_set_child (item, GTK_WIDGET (row));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             ViewerDatasetsPanel      *self)
{
  CartoDataset *dataset = gtk_list_item_get_item (item);

  viewer_dataset_row_set_dataset (VIEWER_DATASET_ROW (gtk_list_item_get_child (item)), dataset);
  ensure_details (self, dataset);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ViewerDatasetsPanel      *self)
{
  viewer_dataset_row_set_dataset (VIEWER_DATASET_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
on_list_activate_cb (GtkListView         *list_view,
                     guint                position,
                     ViewerDatasetsPanel *self)
{
  g_autoptr(CartoDataset) dataset = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
  GtkWindow *parent = parent_window (self);

  if (dataset != NULL && parent != NULL)
    viewer_dataset_preview_present (parent, dataset);
}

static void
viewer_datasets_panel_reload_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  viewer_datasets_panel_reload (VIEWER_DATASETS_PANEL (widget));
}

static void
viewer_datasets_panel_add_account_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  ViewerDatasetsPanel *self = VIEWER_DATASETS_PANEL (widget);

  if (self->context != NULL)
    gtk_window_present (GTK_WINDOW (viewer_account_dialog_new (parent_window (self), self->context, NULL)));
}

static void
viewer_datasets_panel_edit_account_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  ViewerDatasetsPanel *self = VIEWER_DATASETS_PANEL (widget);

  if (self->context != NULL && self->account != NULL)
    gtk_window_present (GTK_WINDOW (viewer_account_dialog_new (parent_window (self), self->context, self->account)));
}

static void
viewer_datasets_panel_sql_console_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  ViewerDatasetsPanel *self = VIEWER_DATASETS_PANEL (widget);
  GtkWindow *parent = parent_window (self);

  if (parent != NULL && self->context != NULL)
    viewer_sql_console_present (parent, self->context, self->account);
}

static void
viewer_datasets_panel_map (GtkWidget *widget)
{
  ViewerDatasetsPanel *self = VIEWER_DATASETS_PANEL (widget);

  GTK_WIDGET_CLASS (viewer_datasets_panel_parent_class)->map (widget);

  if (self->stale)
    start_listing (self);
}

static void
viewer_datasets_panel_dispose (GObject *object)
{
  ViewerDatasetsPanel *self = VIEWER_DATASETS_PANEL (object);

  cancel_listing (self);
  if (self->account != NULL)
    g_clear_signal_handler (&self->credentials_handler, self->account);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_DATASETS_PANEL);
  g_clear_object (&self->datasets);
  g_clear_object (&self->account);
  g_clear_object (&self->map);
  g_clear_object (&self->context);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (viewer_datasets_panel_parent_class)->dispose (object);
}

static void
viewer_datasets_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ViewerDatasetsPanel *self = VIEWER_DATASETS_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_MAP:
      g_value_set_object (value, self->map);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_STATE:
      g_value_set_string (value, viewer_datasets_panel_get_state (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_datasets_panel_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ViewerDatasetsPanel *self = VIEWER_DATASETS_PANEL (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      viewer_datasets_panel_set_context (self, g_value_get_object (value));
      break;
    case PROP_MAP:
      viewer_datasets_panel_set_map (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_datasets_panel_class_init (ViewerDatasetsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = viewer_datasets_panel_dispose;
  object_class->get_property = viewer_datasets_panel_get_property;
  object_class->set_property = viewer_datasets_panel_set_property;
  widget_class->map = viewer_datasets_panel_map;

  /**
   * ViewerDatasetsPanel:context:
   *
   * The application's services: the accounts and the HTTP session.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VIEWER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerDatasetsPanel:map:
   *
   * The map the datasets go on: while it is empty, a first account
   * brings this page forward.
   */
  properties[PROP_MAP] =
    g_param_spec_object ("map", NULL, NULL, CARTO_TYPE_MAP,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerDatasetsPanel:account:
   *
   * The account whose datasets are listed.
   */
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, CARTO_TYPE_ACCOUNT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerDatasetsPanel:state:
   *
   * What the panel shows: `loading`, `no-account`, `error`, `empty`,
   * `no-results` or `list`.
   */
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VIEWER_TYPE_DATASET_ROW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-datasets-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetsPanel, box);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetsPanel, account_box);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetsPanel, account_drop_down);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetsPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetsPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetsPanel, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetsPanel, no_account_page);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetsPanel, add_account_button);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetsPanel, error_page);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetsPanel, edit_account_button);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetsPanel, action_bar);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetsPanel, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetsPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetsPanel, filter_model);
  gtk_widget_class_bind_template_child (widget_class, ViewerDatasetsPanel, filter);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);

  gtk_widget_class_install_action (widget_class, "datasets.reload", NULL, viewer_datasets_panel_reload_action);
  gtk_widget_class_install_action (widget_class, "datasets.add-account", NULL, viewer_datasets_panel_add_account_action);
  gtk_widget_class_install_action (widget_class, "datasets.edit-account", NULL, viewer_datasets_panel_edit_account_action);
  gtk_widget_class_install_action (widget_class, "datasets.sql-console", NULL, viewer_datasets_panel_sql_console_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "datasets.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "datasets.reload", NULL);
}

static void
viewer_datasets_panel_init (ViewerDatasetsPanel *self)
{
  GtkListItemFactory *factory;
  GtkExpression *name;

  gtk_widget_init_template (GTK_WIDGET (self));

  name = gtk_property_expression_new (CARTO_TYPE_DATASET, NULL, "name");
  gtk_string_filter_set_expression (self->filter, name);
  gtk_expression_unref (name);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (on_filtered_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  /* GTK 4.8 animates a spinning spinner even where it does not show (a
   * hidden stack page), drawing frames for nothing: spin while mapped. */
  viewer_spinner_spin_while_mapped (self->loading_spinner);

  update (self);
}

/**
 * viewer_datasets_panel_new:
 *
 * Returns: (transfer floating): a new panel; give it a context
 */
ViewerDatasetsPanel *
viewer_datasets_panel_new (void)
{
  return g_object_new (VIEWER_TYPE_DATASETS_PANEL, NULL);
}

/**
 * viewer_datasets_panel_get_context:
 * @self: a panel
 *
 * Returns: (transfer none) (nullable): the application's services
 */
ViewerContext *
viewer_datasets_panel_get_context (ViewerDatasetsPanel *self)
{
  g_return_val_if_fail (VIEWER_IS_DATASETS_PANEL (self), NULL);

  return self->context;
}

/**
 * viewer_datasets_panel_set_context:
 * @self: a panel
 * @context: the application's services
 *
 * Lists the datasets of @context's accounts, starting with the default
 * account's. Can be set once.
 */
void
viewer_datasets_panel_set_context (ViewerDatasetsPanel *self,
                                   ViewerContext       *context)
{
  g_return_if_fail (VIEWER_IS_DATASETS_PANEL (self));
  g_return_if_fail (VIEWER_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL || self->context == context);

  if (self->context == context)
    return;

  self->context = g_object_ref (context);
  self->had_accounts = g_list_model_get_n_items (G_LIST_MODEL (store (self))) > 0 ||
                       viewer_context_get_accounts_loading (context);

  viewer_account_chooser_setup (self->account_drop_down, store (self));
  g_signal_connect_object (self->account_drop_down, "notify::selected-item",
                           G_CALLBACK (on_selected_account_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store (self), "items-changed",
                           G_CALLBACK (on_accounts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::accounts-loading",
                           G_CALLBACK (on_accounts_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::accounts-error",
                           G_CALLBACK (on_accounts_changed_cb), self, G_CONNECT_SWAPPED);

  set_account (self, viewer_account_chooser_get_selected (self->account_drop_down));
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * viewer_datasets_panel_get_map:
 * @self: a panel
 *
 * Returns: (transfer none) (nullable): the map the datasets go on
 */
CartoMap *
viewer_datasets_panel_get_map (ViewerDatasetsPanel *self)
{
  g_return_val_if_fail (VIEWER_IS_DATASETS_PANEL (self), NULL);

  return self->map;
}

/**
 * viewer_datasets_panel_set_map:
 * @self: a panel
 * @map: (nullable): the map the datasets go on
 */
void
viewer_datasets_panel_set_map (ViewerDatasetsPanel *self,
                               CartoMap            *map)
{
  g_return_if_fail (VIEWER_IS_DATASETS_PANEL (self));
  g_return_if_fail (map == NULL || CARTO_IS_MAP (map));

  if (g_set_object (&self->map, map))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAP]);
}

/**
 * viewer_datasets_panel_get_account:
 * @self: a panel
 *
 * Returns: (transfer none) (nullable): the account whose datasets are listed
 */
CartoAccount *
viewer_datasets_panel_get_account (ViewerDatasetsPanel *self)
{
  g_return_val_if_fail (VIEWER_IS_DATASETS_PANEL (self), NULL);

  return self->account;
}

/**
 * viewer_datasets_panel_get_datasets:
 * @self: a panel
 *
 * Returns: (transfer none): the datasets shown, after the search
 */
GListModel *
viewer_datasets_panel_get_datasets (ViewerDatasetsPanel *self)
{
  g_return_val_if_fail (VIEWER_IS_DATASETS_PANEL (self), NULL);

  return G_LIST_MODEL (self->filter_model);
}

/**
 * viewer_datasets_panel_get_state:
 * @self: a panel
 *
 * Returns: what the panel shows (see #ViewerDatasetsPanel:state)
 */
const char *
viewer_datasets_panel_get_state (ViewerDatasetsPanel *self)
{
  g_return_val_if_fail (VIEWER_IS_DATASETS_PANEL (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * viewer_datasets_panel_reload:
 * @self: a panel
 *
 * Lists the account's datasets again, cancelling a listing under way.
 */
void
viewer_datasets_panel_reload (ViewerDatasetsPanel *self)
{
  g_return_if_fail (VIEWER_IS_DATASETS_PANEL (self));

  if (self->account != NULL)
    start_listing (self);
}
