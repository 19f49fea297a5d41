/* viewer-sql-console.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A window to run SQL with one of the accounts: type, press Ctrl+Enter,
 * read the rows in the same table as the dataset preview. A query (SELECT
 * or WITH) is paged, so a query over millions of rows shows its first page
 * at once and never loads the rest unless scrolled to; any other statement
 * runs once and shows what it returned. Errors are the server's own words,
 * above the results, and the text stays as typed to fix it. A query whose
 * rows have a geometry can go on the map as a layer.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "viewer-account-chooser.h"
#include "viewer-format.h"
#include "viewer-layer-request.h"
#include "viewer-sql-console.h"
#include "viewer-spinner.h"

/* Rows per request, as in the preview. */
#define CONSOLE_PAGE_SIZE 100

struct _ViewerSqlConsole
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkDropDown *account_drop_down;
  GtkStack *run_stack;
  GtkSpinner *running_spinner;
  GtkTextView *sql_view;
  GtkRevealer *error_revealer;
  GtkLabel *error_label;
  GtkLabel *hint_label;
  GtkWidget *results_bar;
  GtkLabel *summary_label;
  GtkButton *add_button;
  ViewerResultsView *results_view;

  /* Owned references */
  ViewerContext *context;
  CartoSqlPager *pager;
  GCancellable *cancellable;
  char *ran_sql;
  char *error_text;
  char *summary;

  /* State */
  gint64 exact_total;
  gint64 started;
  double elapsed;
  gboolean running;
  gboolean can_add;
};

G_DEFINE_FINAL_TYPE (ViewerSqlConsole, viewer_sql_console, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_RUNNING,
  PROP_ERROR_TEXT,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where the statement starts, after blanks and comments: what decides
 * whether it is a query the pager can wrap, and what a map Source sees. */
static const char *
skip_comments (const char *sql)
{
  const char *p = sql;

  while (*p != '\0')
    {
      if (g_ascii_isspace (*p))
        p++;
      else if (p[0] == '-' && p[1] == '-')
        {
          const char *end = strchr (p, '\n');

          p = end != NULL ? end + 1 : p + strlen (p);
        }
      else if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");

          if (end == NULL)
            return p;
          p = end + 2;
        }
      else
        break;
    }

  return p;
}

static CartoCredentialStore *
store (ViewerSqlConsole *self)
{
  return viewer_context_get_credential_store (self->context);
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
set_running (ViewerSqlConsole *self,
             gboolean          running)
{
  if (self->running == running)
    return;

  self->running = running;
  gtk_stack_set_visible_child_name (self->run_stack, running ? "cancel" : "run");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "console.cancel", running);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_error (ViewerSqlConsole *self,
           const GError     *error)
{
  const char *hint = error != NULL ? carto_sql_error_get_hint (error) : NULL;

  set_string (&self->error_text, error != NULL ? error->message : NULL);
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_label_set_text (self->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL && *hint != '\0');
  gtk_revealer_set_reveal_child (self->error_revealer, error != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_TEXT]);
}

static void
set_summary (ViewerSqlConsole *self,
             const char       *summary)
{
  if (g_strcmp0 (self->summary, summary) == 0)
    return;

  set_string (&self->summary, summary);
  gtk_label_set_text (self->summary_label, summary != NULL ? summary : "");
  gtk_widget_set_visible (self->results_bar, summary != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static char *
format_elapsed (double seconds)
{
  /* Translators: how long a query took, e.g. "0.42 s" */
  return g_strdup_printf (_("%.2f s"), seconds);
}

/* Which columns decide "Add to Map": a geometry, and cartodb_id, which
 * the map needs to tell features apart. */
static void
update_add_button (ViewerSqlConsole *self,
                   GListModel       *fields)
{
  gboolean has_geometry = FALSE, has_id = FALSE;
  guint n = fields != NULL ? g_list_model_get_n_items (fields) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartoSqlField) field = g_list_model_get_item (fields, i);
      const char *name = carto_sql_field_get_name (field);

      if (g_str_equal (name, "the_geom") || g_str_equal (name, "the_geom_webmercator"))
        has_geometry = TRUE;
      else if (g_str_equal (name, "cartodb_id"))
        has_id = TRUE;
    }

  self->can_add = has_geometry && has_id && self->pager != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "console.add-to-map", self->can_add);
  if (self->pager == NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), _("Only queries (SELECT or WITH) can become layers"));
  else if (!has_geometry)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), _("The rows have no the_geom or the_geom_webmercator column to draw"));
  else if (!has_id)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), _("Add cartodb_id to the query: the map tells rows apart by it"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), _("Show these rows on the map as a new layer"));
}

static void
update_pager_summary (ViewerSqlConsole *self)
{
  g_autofree char *rows = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *summary = NULL;
  gint64 total;

  if (self->pager == NULL || self->running || carto_sql_pager_get_error (self->pager) != NULL)
    return;

  total = carto_sql_pager_get_total_rows (self->pager);
  if (total < 0)
    total = g_list_model_get_n_items (G_LIST_MODEL (self->pager));
  if (self->exact_total >= 0)
    rows = viewer_format_row_count (self->exact_total, FALSE);
  else
    rows = viewer_format_row_count (total, carto_sql_pager_get_total_is_estimate (self->pager));
  elapsed = format_elapsed (self->elapsed);
  /* Translators: a query's outcome: "135 233 rows · 0.42 s" */
  summary = g_strdup_printf (_("%s · %s"), rows, elapsed);
  set_summary (self, summary);
}

static void
on_pager_total_cb (ViewerSqlConsole *self)
{
  update_pager_summary (self);
}

static void
count_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ViewerSqlConsole) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) answer = carto_sql_client_query_finish (CARTO_SQL_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The estimate stays: a count over a huge query may time out. */
  if (answer == NULL || carto_sql_result_get_n_rows (answer) != 1 || carto_sql_result_is_null (answer, 0, 0))
    {
      g_debug ("Console: no exact count: %s", error != NULL ? error->message : "unexpected answer");
      return;
    }

  self->exact_total = (gint64) carto_sql_result_get_double (answer, 0, 0);
  viewer_results_view_set_known_total (self->results_view, self->exact_total);
  update_pager_summary (self);
}

/* The pager only estimates how many rows a query has; a person at a
 * console wants the count, so it is asked for once the first rows show. */
static void
start_count (ViewerSqlConsole *self)
{
  g_autofree char *from = carto_sql_quote_subquery (self->ran_sql, "_carto_count");
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) AS n FROM %s", from);

  carto_sql_client_query_async (carto_sql_pager_get_client (self->pager), sql, CARTO_SQL_FORMAT_JSON,
                                CARTO_SQL_QUERY_IDEMPOTENT, self->cancellable, count_cb, g_object_ref (self));
}

static void
first_page_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ViewerSqlConsole) self = user_data;
  CartoSqlPager *pager = CARTO_SQL_PAGER (source);
  g_autoptr(GError) error = NULL;

  carto_sql_pager_load_more_finish (pager, result, &error);
  if (pager != self->pager || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->elapsed = (double) (g_get_monotonic_time () - self->started) / G_USEC_PER_SEC;
  set_running (self, FALSE);

  if (error != NULL)
    {
      set_error (self, error);
      viewer_results_view_set_pager (self->results_view, NULL);
      viewer_results_view_set_placeholder (self->results_view, NULL, NULL,
                                           _("Fix the query above and run it again with Ctrl+Enter."));
      g_clear_object (&self->pager);
      update_add_button (self, NULL);
      return;
    }

  update_add_button (self, carto_sql_pager_get_fields (pager));
  update_pager_summary (self);
  if (!carto_sql_pager_get_complete (pager))
    start_count (self);
}

static void
statement_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ViewerSqlConsole) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) answer = carto_sql_client_query_finish (CARTO_SQL_CLIENT (source), result, &error);
  g_autofree char *rows = NULL;
  g_autofree char *elapsed = NULL;
  g_autofree char *summary = NULL;
  gint64 total;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->elapsed = (double) (g_get_monotonic_time () - self->started) / G_USEC_PER_SEC;
  set_running (self, FALSE);

  if (answer == NULL)
    {
      set_error (self, error);
      viewer_results_view_set_placeholder (self->results_view, NULL, NULL,
                                           _("Fix the statement above and run it again with Ctrl+Enter."));
      return;
    }

  viewer_results_view_set_result (self->results_view, answer);
  update_add_button (self, NULL);

  total = MAX (carto_sql_result_get_total_rows (answer), 0);
  elapsed = format_elapsed (self->elapsed);
  if (carto_sql_result_get_n_fields (answer) > 0)
    rows = viewer_format_row_count (total, FALSE);
  else
    {
      g_autofree char *count = viewer_format_count (total);

      /* Translators: what an UPDATE, INSERT or DELETE did, e.g. "3 rows changed" */
      rows = g_strdup_printf (ngettext ("%s row changed", "%s rows changed", (gulong) MIN (total, G_MAXINT32)), count);
    }
  /* Translators: a statement's outcome: "3 rows changed · 0.02 s" */
  summary = g_strdup_printf (_("%s · %s"), rows, elapsed);
  set_summary (self, summary);
}

static void
stop (ViewerSqlConsole *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->pager != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->pager, self);
      carto_sql_pager_cancel (self->pager);
    }
  set_running (self, FALSE);
}

static void
update_actions (ViewerSqlConsole *self)
{
  gboolean has_account = viewer_account_chooser_get_selected (self->account_drop_down) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "console.run", has_account);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->run_stack),
                               has_account ? NULL : _("Add an account in Preferences to run queries"));
}

static void
on_account_changed_cb (ViewerSqlConsole *self)
{
  update_actions (self);
}

static void
viewer_sql_console_run_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  viewer_sql_console_run (VIEWER_SQL_CONSOLE (widget));
}

static void
viewer_sql_console_cancel_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  viewer_sql_console_cancel (VIEWER_SQL_CONSOLE (widget));
}

static void
viewer_sql_console_add_to_map_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  viewer_sql_console_add_to_map (VIEWER_SQL_CONSOLE (widget));
}

static void
viewer_sql_console_constructed (GObject *object)
{
  ViewerSqlConsole *self = VIEWER_SQL_CONSOLE (object);

  G_OBJECT_CLASS (viewer_sql_console_parent_class)->constructed (object);

  g_assert (VIEWER_IS_CONTEXT (self->context));

  viewer_account_chooser_setup (self->account_drop_down, store (self));
  g_signal_connect_object (self->account_drop_down, "notify::selected-item",
                           G_CALLBACK (on_account_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
  update_add_button (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->sql_view));
}

static void
viewer_sql_console_dispose (GObject *object)
{
  ViewerSqlConsole *self = VIEWER_SQL_CONSOLE (object);

  stop (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), VIEWER_TYPE_SQL_CONSOLE);
  g_clear_object (&self->pager);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (viewer_sql_console_parent_class)->dispose (object);
}

static void
viewer_sql_console_finalize (GObject *object)
{
  ViewerSqlConsole *self = VIEWER_SQL_CONSOLE (object);

  g_clear_pointer (&self->ran_sql, g_free);
  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (viewer_sql_console_parent_class)->finalize (object);
}

static void
viewer_sql_console_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ViewerSqlConsole *self = VIEWER_SQL_CONSOLE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_ERROR_TEXT:
      g_value_set_string (value, self->error_text);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_sql_console_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ViewerSqlConsole *self = VIEWER_SQL_CONSOLE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
viewer_sql_console_class_init (ViewerSqlConsoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = viewer_sql_console_constructed;
  object_class->dispose = viewer_sql_console_dispose;
  object_class->finalize = viewer_sql_console_finalize;
  object_class->get_property = viewer_sql_console_get_property;
  object_class->set_property = viewer_sql_console_set_property;

  /**
   * ViewerSqlConsole:context:
   *
   * The application's services: the accounts and the HTTP session.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, VIEWER_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerSqlConsole:running:
   *
   * Whether a statement is running (until its first rows or its error).
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerSqlConsole:error-text:
   *
   * The last run's error, as the server worded it; %NULL when it worked.
   */
  properties[PROP_ERROR_TEXT] =
    g_param_spec_string ("error-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * ViewerSqlConsole:summary:
   *
   * The last run's outcome ("135 233 rows · 0.42 s"); %NULL before one.
   */
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VIEWER_TYPE_RESULTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/viewer-sql-console.ui");
  gtk_widget_class_bind_template_child (widget_class, ViewerSqlConsole, account_drop_down);
  gtk_widget_class_bind_template_child (widget_class, ViewerSqlConsole, run_stack);
  gtk_widget_class_bind_template_child (widget_class, ViewerSqlConsole, running_spinner);
  gtk_widget_class_bind_template_child (widget_class, ViewerSqlConsole, sql_view);
  gtk_widget_class_bind_template_child (widget_class, ViewerSqlConsole, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, ViewerSqlConsole, error_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerSqlConsole, hint_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerSqlConsole, results_bar);
  gtk_widget_class_bind_template_child (widget_class, ViewerSqlConsole, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ViewerSqlConsole, add_button);
  gtk_widget_class_bind_template_child (widget_class, ViewerSqlConsole, results_view);

  gtk_widget_class_install_action (widget_class, "console.run", NULL, viewer_sql_console_run_action);
  gtk_widget_class_install_action (widget_class, "console.cancel", NULL, viewer_sql_console_cancel_action);
  gtk_widget_class_install_action (widget_class, "console.add-to-map", NULL, viewer_sql_console_add_to_map_action);
}

static void
viewer_sql_console_init (ViewerSqlConsole *self)
{
  GtkEventController *shortcuts;
  GtkShortcutTrigger *trigger;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->exact_total = -1;
  /* GTK 4.8 animates a spinning spinner even where it does not show (a
   * hidden stack page), drawing frames for nothing: spin while mapped. */
  viewer_spinner_spin_while_mapped (self->running_spinner);

  /* In the capture phase: the text view would otherwise take Ctrl+Enter
   * as a new line. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  trigger = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                         gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (trigger, gtk_named_action_new ("console.run")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("console.cancel")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "console.cancel", FALSE);
  viewer_results_view_set_placeholder (self->results_view, NULL, _("Run a Query"),
                                       _("Type SQL above and press Ctrl+Enter. It runs with the chosen account’s API key."));
}

/**
 * viewer_sql_console_new:
 * @parent: (nullable): the main window it belongs to, whose map "Add to
 *   Map as Layer" adds to (through its win.add-layer)
 * @context: the application's services
 * @account: (nullable): the account to start with, %NULL for the default
 *
 * Returns: (transfer none): a new console; GTK owns it until it is closed
 */
ViewerSqlConsole *
viewer_sql_console_new (GtkWindow     *parent,
                        ViewerContext *context,
                        CartoAccount  *account)
{
  ViewerSqlConsole *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VIEWER_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (account == NULL || CARTO_IS_ACCOUNT (account), NULL);

  self = g_object_new (VIEWER_TYPE_SQL_CONSOLE,
                       "transient-for", parent,
                       "context", context,
                       NULL);
  if (account != NULL)
    viewer_sql_console_set_account (self, account);

  return self;
}

/**
 * viewer_sql_console_present:
 * @parent: the main window it belongs to
 * @context: the application's services
 * @account: (nullable): the account to query with, %NULL to keep the
 *   console's (the default account's, for a new one)
 *
 * Shows @parent's console, opening it if needed.
 *
 * Returns: (transfer none): the console
 */
ViewerSqlConsole *
viewer_sql_console_present (GtkWindow     *parent,
                            ViewerContext *context,
                            CartoAccount  *account)
{
  g_autoptr(GListModel) toplevels = NULL;
  ViewerSqlConsole *console = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VIEWER_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (account == NULL || CARTO_IS_ACCOUNT (account), NULL);

  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; console == NULL && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) candidate = g_list_model_get_item (toplevels, i);

      if (VIEWER_IS_SQL_CONSOLE (candidate) && gtk_window_get_transient_for (GTK_WINDOW (candidate)) == parent)
        console = VIEWER_SQL_CONSOLE (candidate);
    }

  if (console == NULL)
    console = viewer_sql_console_new (parent, context, account);
  else if (account != NULL)
    viewer_sql_console_set_account (console, account);

  gtk_window_present (GTK_WINDOW (console));
  return console;
}

/**
 * viewer_sql_console_get_account:
 * @self: a console
 *
 * Returns: (transfer none) (nullable): the account queries run with
 */
CartoAccount *
viewer_sql_console_get_account (ViewerSqlConsole *self)
{
  g_return_val_if_fail (VIEWER_IS_SQL_CONSOLE (self), NULL);

  return viewer_account_chooser_get_selected (self->account_drop_down);
}

/**
 * viewer_sql_console_set_account:
 * @self: a console
 * @account: an account of the store
 */
void
viewer_sql_console_set_account (ViewerSqlConsole *self,
                                CartoAccount     *account)
{
  g_return_if_fail (VIEWER_IS_SQL_CONSOLE (self));
  g_return_if_fail (CARTO_IS_ACCOUNT (account));

  viewer_account_chooser_select (self->account_drop_down, account);
}

/**
 * viewer_sql_console_dup_sql:
 * @self: a console
 *
 * Returns: (transfer full): the text typed
 */
char *
viewer_sql_console_dup_sql (ViewerSqlConsole *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (VIEWER_IS_SQL_CONSOLE (self), NULL);

  buffer = gtk_text_view_get_buffer (self->sql_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * viewer_sql_console_set_sql:
 * @self: a console
 * @sql: the text to put in the editor
 */
void
viewer_sql_console_set_sql (ViewerSqlConsole *self,
                            const char       *sql)
{
  g_return_if_fail (VIEWER_IS_SQL_CONSOLE (self));
  g_return_if_fail (sql != NULL);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->sql_view), sql, -1);
}

/**
 * viewer_sql_console_run:
 * @self: a console
 *
 * Runs the text with the chosen account, cancelling a run under way.
 * Does nothing without text or without an account.
 */
void
viewer_sql_console_run (ViewerSqlConsole *self)
{
  g_autofree char *text = NULL;
  g_autoptr(CartoSqlClient) client = NULL;
  CartoAccount *account;
  const char *statement;

  g_return_if_fail (VIEWER_IS_SQL_CONSOLE (self));

  text = g_strstrip (viewer_sql_console_dup_sql (self));
  account = viewer_account_chooser_get_selected (self->account_drop_down);
  if (*text == '\0' || account == NULL)
    return;

  stop (self);
  g_clear_object (&self->pager);
  set_error (self, NULL);
  set_summary (self, NULL);
  update_add_button (self, NULL);

  self->exact_total = -1;
  statement = skip_comments (text);
  set_string (&self->ran_sql, statement);
  /* One statement: a trailing `;` would break the subquery a pager or a
   * map layer wraps it in. */
  for (gsize len = strlen (self->ran_sql);
       len > 0 && (self->ran_sql[len - 1] == ';' || g_ascii_isspace (self->ran_sql[len - 1]));
       len--)
    self->ran_sql[len - 1] = '\0';
  statement = self->ran_sql;
  self->cancellable = g_cancellable_new ();
  self->started = g_get_monotonic_time ();
  set_running (self, TRUE);
  client = carto_sql_client_new (viewer_context_get_soup_session (self->context),
                                 carto_account_get_credentials (account));

  if (carto_source_data_is_query (statement))
    {
      self->pager = carto_sql_pager_new_for_query (client, statement, CONSOLE_PAGE_SIZE);
      g_signal_connect_object (self->pager, "notify::total-rows",
                               G_CALLBACK (on_pager_total_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->pager, "notify::total-is-estimate",
                               G_CALLBACK (on_pager_total_cb), self, G_CONNECT_SWAPPED);
      viewer_results_view_set_pager (self->results_view, self->pager);
      carto_sql_pager_load_more_async (self->pager, self->cancellable, first_page_cb, g_object_ref (self));
    }
  else
    {
      viewer_results_view_set_pager (self->results_view, NULL);
      viewer_results_view_set_placeholder (self->results_view, NULL, _("Running…"), NULL);
      carto_sql_client_query_async (client, statement, CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_FLAGS_NONE,
                                    self->cancellable, statement_cb, g_object_ref (self));
    }
}

/**
 * viewer_sql_console_cancel:
 * @self: a console
 *
 * Stops the statement under way. A write the server already received may
 * still complete there: cancelling stops the wait, not the server.
 */
void
viewer_sql_console_cancel (ViewerSqlConsole *self)
{
  g_return_if_fail (VIEWER_IS_SQL_CONSOLE (self));

  if (!self->running)
    return;

  stop (self);
  g_clear_object (&self->pager);
  viewer_results_view_set_pager (self->results_view, NULL);
  viewer_results_view_set_placeholder (self->results_view, NULL, _("Cancelled"),
                                       _("Run the query again with Ctrl+Enter."));
  update_add_button (self, NULL);
}

/**
 * viewer_sql_console_get_running:
 * @self: a console
 *
 * Returns: whether a statement is running
 */
gboolean
viewer_sql_console_get_running (ViewerSqlConsole *self)
{
  g_return_val_if_fail (VIEWER_IS_SQL_CONSOLE (self), FALSE);

  return self->running;
}

/**
 * viewer_sql_console_get_error_text:
 * @self: a console
 *
 * Returns: (nullable): the last run's error message
 */
const char *
viewer_sql_console_get_error_text (ViewerSqlConsole *self)
{
  g_return_val_if_fail (VIEWER_IS_SQL_CONSOLE (self), NULL);

  return self->error_text;
}

/**
 * viewer_sql_console_get_summary:
 * @self: a console
 *
 * Returns: (nullable): the last run's outcome ("135 233 rows · 0.42 s")
 */
const char *
viewer_sql_console_get_summary (ViewerSqlConsole *self)
{
  g_return_val_if_fail (VIEWER_IS_SQL_CONSOLE (self), NULL);

  return self->summary;
}

/**
 * viewer_sql_console_get_results_view:
 * @self: a console
 *
 * Returns: (transfer none): the results table
 */
ViewerResultsView *
viewer_sql_console_get_results_view (ViewerSqlConsole *self)
{
  g_return_val_if_fail (VIEWER_IS_SQL_CONSOLE (self), NULL);

  return self->results_view;
}

/**
 * viewer_sql_console_add_to_map:
 * @self: a console whose last query returned a geometry and cartodb_id
 *
 * Asks the window the console belongs to for a layer of the last query,
 * read with the console's account. A query with `the_geom` only gets the
 * Web Mercator column the Maps API draws computed from it.
 *
 * Returns: whether the layer was asked for; %FALSE when the query cannot
 *   be drawn
 */
gboolean
viewer_sql_console_add_to_map (ViewerSqlConsole *self)
{
  g_autofree char *sql = NULL;
  GListModel *fields;
  CartoAccount *account;
  GtkWindow *parent;
  gboolean has_mercator = FALSE;

  g_return_val_if_fail (VIEWER_IS_SQL_CONSOLE (self), FALSE);

  account = viewer_account_chooser_get_selected (self->account_drop_down);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (!self->can_add || self->ran_sql == NULL || account == NULL || parent == NULL)
    return FALSE;

  fields = carto_sql_pager_get_fields (self->pager);
  for (guint i = 0; fields != NULL && i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(CartoSqlField) field = g_list_model_get_item (fields, i);

      if (g_str_equal (carto_sql_field_get_name (field), "the_geom_webmercator"))
        has_mercator = TRUE;
    }

  if (has_mercator)
    sql = g_strdup (self->ran_sql);
  else
    {
      g_autofree char *from = carto_sql_quote_subquery (self->ran_sql, "_carto_console");

      /* CARTO's own transform: it clips to the Mercator square, which a
       * bare ST_Transform of a pole would fail on. */
      sql = g_strdup_printf ("SELECT *, CDB_TransformToWebmercator (the_geom) AS the_geom_webmercator FROM %s",
                             from);
    }

  /* The window the console belongs to adds it, and says so. */
  return viewer_layer_request_send (GTK_WIDGET (parent),
                                    viewer_layer_request_new (sql, carto_account_get_username (account),
                                                              carto_account_get_base_url (account), NULL, NULL));
}
