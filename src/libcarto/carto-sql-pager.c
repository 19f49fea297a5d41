/* carto-sql-pager.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of a table or query as a GListModel that a table view scrolls,
 * fetched a page at a time so a preview of ten million rows costs what a
 * preview of ten does:
 *
 * - A table with CARTO's `cartodb_id` is read in keyset order
 *   (`WHERE cartodb_id > last ORDER BY cartodb_id LIMIT n`): every page is
 *   an index range scan, however deep. Anything else uses LIMIT/OFFSET.
 * - The list grows as pages arrive; the total is the planner's estimate
 *   (EXPLAIN), never a COUNT(*) over the table, until the last page makes
 *   it exact.
 * - At most max-pages pages are held. The least recently shown page is
 *   dropped when a new one arrives, and fetched again (from the page
 *   bounds kept for every page) if it is scrolled back into view.
 */

#include "config.h"

#include <string.h>

#include "carto-sql-pager.h"
#include "carto-sql-quote.h"

#define MAX_PAGE_SIZE 10000

typedef struct
{
  gint64 last_key;           /* keyset: the page's last cartodb_id */
  guint n_rows;              /* rows in the page when first loaded */
  CartoSqlResult *result;    /* NULL when not held */
  GPtrArray *items;          /* CartoSqlRow; NULL until asked for */
  guint64 last_used;
  gboolean refilling;
} Page;

typedef struct
{
  GCancellable *cancellable;
  gulong handler;
} WaiterLink;

/* The one forward load in flight; later callers join it. */
typedef struct
{
  CartoSqlPager *pager;
  GCancellable *cancellable;
  GPtrArray *waiters;        /* GTask */
  GArray *links;             /* WaiterLink */
} ForwardFetch;

typedef struct
{
  CartoSqlPager *pager;
  guint index;
} Refill;

struct _CartoSqlPager
{
  GObject parent_instance;

  /* owned */
  CartoSqlClient *client;
  char *source;              /* quoted table name, or the query */
  CartoSqlResult *schema;    /* the LIMIT 0 answer, for the fields */
  GPtrArray *pages;          /* Page */
  GCancellable *cancellable; /* refills and the estimate */
  GError *error;

  /* borrowed: the fetch owns itself until it finishes */
  ForwardFetch *forward;

  /* state */
  gboolean is_table;
  gboolean keyset;
  gboolean complete;
  gboolean estimate_started;
  gboolean total_is_estimate;
  guint page_size;
  guint max_pages;
  guint n_items;
  guint n_rows_held;
  guint n_pages_held;
  guint64 tick;
  gint64 total_rows;
  guint auto_load_id;
};

static void carto_sql_pager_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartoSqlPager, carto_sql_pager, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, carto_sql_pager_list_model_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_PAGE_SIZE,
  PROP_MAX_PAGES,
  PROP_N_ITEMS,
  PROP_FIELDS,
  PROP_TOTAL_ROWS,
  PROP_TOTAL_IS_ESTIMATE,
  PROP_LOADING,
  PROP_COMPLETE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char load_more_tag[] = "carto_sql_pager_load_more_async";

static void start_forward (CartoSqlPager *self);

static void
page_free (Page *page)
{
  g_clear_object (&page->result);
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

static void
forward_fetch_free (ForwardFetch *fetch)
{
  for (guint i = 0; i < fetch->links->len; i++)
    {
      WaiterLink *link = &g_array_index (fetch->links, WaiterLink, i);

      g_cancellable_disconnect (link->cancellable, link->handler);
      g_object_unref (link->cancellable);
    }
  g_array_unref (fetch->links);
  g_ptr_array_unref (fetch->waiters);
  g_object_unref (fetch->cancellable);
  g_object_unref (fetch->pager);
  g_free (fetch);
}

static void
set_error (CartoSqlPager *self,
           const GError  *error)
{
  if (error == NULL && self->error == NULL)
    return;
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_total (CartoSqlPager *self,
           gint64         total,
           gboolean       is_estimate)
{
  if (self->total_rows != total)
    {
      self->total_rows = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_ROWS]);
    }
  if (self->total_is_estimate != is_estimate)
    {
      self->total_is_estimate = is_estimate;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_IS_ESTIMATE]);
    }
}

static char *
build_page_sql (CartoSqlPager *self,
                guint          index,
                guint          limit)
{
  g_autofree char *from = NULL;

  if (self->keyset)
    {
      if (index == 0)
        return g_strdup_printf ("SELECT * FROM %s ORDER BY \"cartodb_id\" LIMIT %u",
                                self->source, limit);
      return g_strdup_printf ("SELECT * FROM %s WHERE \"cartodb_id\" > %" G_GINT64_FORMAT
                              " ORDER BY \"cartodb_id\" LIMIT %u",
                              self->source,
                              ((Page *) g_ptr_array_index (self->pages, index - 1))->last_key,
                              limit);
    }

  if (self->is_table)
    return g_strdup_printf ("SELECT * FROM %s LIMIT %u OFFSET %" G_GUINT64_FORMAT,
                            self->source, limit, (guint64) index * self->page_size);

  from = carto_sql_quote_subquery (self->source, "_carto_query");
  return g_strdup_printf ("SELECT * FROM %s LIMIT %u OFFSET %" G_GUINT64_FORMAT,
                          from, limit, (guint64) index * self->page_size);
}

/* The rows paged, as one query: a table's are `SELECT * FROM "s"."t"`. */
static char *
dup_source_sql (CartoSqlPager *self)
{
  if (self->is_table)
    return g_strconcat ("SELECT * FROM ", self->source, NULL);
  return g_strdup (self->source);
}

/* cartodb_id is int4 or int8; a server may send int8 as a string. */
static gboolean
read_key (CartoSqlResult *result,
          guint           row,
          gint64         *key)
{
  int field = carto_sql_result_find_field (result, "cartodb_id");
  JsonNode *value;

  if (field < 0)
    return FALSE;
  value = carto_sql_result_get_value (result, row, (guint) field);
  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return FALSE;
  if (json_node_get_value_type (value) == G_TYPE_INT64)
    {
      *key = json_node_get_int (value);
      return TRUE;
    }
  if (json_node_get_value_type (value) == G_TYPE_STRING)
    return g_ascii_string_to_signed (json_node_get_string (value), 10, G_MININT64, G_MAXINT64, key, NULL);
  return FALSE;
}

static void
fill_items (CartoSqlPager *self,
            Page          *page,
            guint          index)
{
  guint n_result = page->result != NULL ? carto_sql_result_get_n_rows (page->result) : 0;

  g_clear_pointer (&page->items, g_ptr_array_unref);
  page->items = g_ptr_array_new_full (page->n_rows, g_object_unref);
  for (guint i = 0; i < page->n_rows; i++)
    {
      guint position = index * self->page_size + i;

      g_ptr_array_add (page->items,
                       carto_sql_row_new (i < n_result ? page->result : NULL, i, position));
    }
}

/* Drops least recently shown pages until at most max-pages are held,
 * never @keep (the page that just arrived). The rows a view still shows
 * keep their own page alive through their reference. */
static void
evict_pages (CartoSqlPager *self,
             guint          keep)
{
  while (self->n_pages_held > self->max_pages)
    {
      Page *victim = NULL;
      guint victim_index = 0;

      for (guint i = 0; i < self->pages->len; i++)
        {
          Page *page = g_ptr_array_index (self->pages, i);

          if (i == keep || page->result == NULL)
            continue;
          if (victim == NULL || page->last_used < victim->last_used)
            {
              victim = page;
              victim_index = i;
            }
        }
      if (victim == NULL)
        return;

      g_debug ("Pager: dropping page %u (%u rows)", victim_index, victim->n_rows);
      g_clear_object (&victim->result);
      g_clear_pointer (&victim->items, g_ptr_array_unref);
      self->n_pages_held--;
      self->n_rows_held -= victim->n_rows;
    }
}

static void
finish_forward (CartoSqlPager *self,
                ForwardFetch  *fetch,
                gboolean       added,
                const GError  *error)
{
  g_autoptr(GPtrArray) waiters = g_ptr_array_ref (fetch->waiters);

  if (self->forward == fetch)
    {
      self->forward = NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  if (error != NULL)
    set_error (self, error);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, added);
    }
  g_ptr_array_set_size (fetch->waiters, 0);

  /* Last: this may drop the final reference on the pager. */
  forward_fetch_free (fetch);
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  ForwardFetch *fetch = user_data;
  CartoSqlPager *self = fetch->pager;   /* the fetch's reference keeps it */
  g_autoptr(CartoSqlResult) page_result = NULL;
  g_autoptr(GError) error = NULL;
  guint n, old_items;
  Page *page;

  page_result = carto_sql_client_query_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (page_result == NULL)
    {
      finish_forward (self, fetch, FALSE, error);
      return;
    }

  n = carto_sql_result_get_n_rows (page_result);
  old_items = self->n_items;

  if (n > 0)
    {
      page = g_new0 (Page, 1);
      page->n_rows = MIN (n, self->page_size);
      page->result = g_steal_pointer (&page_result);
      page->last_used = ++self->tick;
      g_ptr_array_add (self->pages, page);
      fill_items (self, page, self->pages->len - 1);
      self->n_items += page->n_rows;
      self->n_rows_held += page->n_rows;
      self->n_pages_held++;

      if (self->keyset && !read_key (page->result, page->n_rows - 1, &page->last_key))
        {
          /* Without a key past this page, nothing after it can be read in
           * order: what we have is all we show. */
          g_debug ("Pager: unreadable cartodb_id, stopping after %u rows", self->n_items);
          self->complete = TRUE;
        }
      evict_pages (self, self->pages->len - 1);
    }

  if (n < self->page_size)
    self->complete = TRUE;

  if (self->complete)
    {
      set_total (self, self->n_items, FALSE);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
    }
  else if (self->total_rows < self->n_items)
    set_total (self, self->n_items, TRUE);

  /* The load is over before the view hears of the rows, so a view that
   * asks for the new last rows at once can start the next page. */
  if (self->forward == fetch)
    {
      self->forward = NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  if (self->n_items != old_items)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), old_items, 0, self->n_items - old_items);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }

  finish_forward (self, fetch, self->n_items != old_items, NULL);
}

static void
fetch_page (ForwardFetch *fetch)
{
  CartoSqlPager *self = fetch->pager;
  g_autofree char *sql = build_page_sql (self, self->pages->len, self->page_size);

  carto_sql_client_query_async (self->client, sql, CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT,
                                fetch->cancellable, page_cb, fetch);
}

static void
estimate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CartoSqlPager) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 estimate;

  estimate = carto_sql_client_estimate_rows_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (estimate < 0)
    {
      /* The count is a nicety: the rows still page without it. */
      g_debug ("Pager: no row estimate: %s", error->message);
      return;
    }

  if (!self->complete)
    set_total (self, MAX (estimate, (gint64) self->n_items), TRUE);
}

static void
schema_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  ForwardFetch *fetch = user_data;
  CartoSqlPager *self = fetch->pager;
  g_autoptr(CartoSqlResult) schema = NULL;
  g_autoptr(GError) error = NULL;
  int key_field;

  schema = carto_sql_client_describe_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (schema == NULL)
    {
      finish_forward (self, fetch, FALSE, error);
      return;
    }

  key_field = carto_sql_result_find_field (schema, "cartodb_id");
  self->keyset = self->is_table && key_field >= 0 &&
                 carto_sql_field_get_field_type (carto_sql_result_get_field (schema, (guint) key_field)) ==
                   CARTO_SQL_FIELD_TYPE_NUMBER;
  self->schema = g_steal_pointer (&schema);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIELDS]);

  if (!self->estimate_started)
    {
      g_autofree char *estimate_sql = NULL;

      self->estimate_started = TRUE;
      estimate_sql = dup_source_sql (self);
      carto_sql_client_estimate_rows_async (self->client, estimate_sql, self->cancellable,
                                            estimate_cb, g_object_ref (self));
    }

  fetch_page (fetch);
}

static void
start_forward (CartoSqlPager *self)
{
  ForwardFetch *fetch;

  g_assert (self->forward == NULL);
  g_assert (!self->complete);

  fetch = g_new0 (ForwardFetch, 1);
  fetch->pager = g_object_ref (self);
  fetch->cancellable = g_cancellable_new ();
  fetch->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  fetch->links = g_array_new (FALSE, FALSE, sizeof (WaiterLink));
  self->forward = fetch;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (self->schema == NULL)
    {
      g_autofree char *sql = dup_source_sql (self);

      carto_sql_client_describe_async (self->client, sql, fetch->cancellable, schema_cb, fetch);
    }
  else
    fetch_page (fetch);
}

static void
refill_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Refill *refill = user_data;
  g_autoptr(CartoSqlPager) self = refill->pager;
  guint index = refill->index;
  g_autoptr(CartoSqlResult) page_result = NULL;
  g_autoptr(GError) error = NULL;
  Page *page = g_ptr_array_index (self->pages, index);

  g_free (refill);
  page->refilling = FALSE;

  page_result = carto_sql_client_query_finish (CARTO_SQL_CLIENT (object), result, &error);
  if (page_result == NULL)
    {
      set_error (self, error);
      return;
    }

  if (carto_sql_result_get_n_rows (page_result) < page->n_rows)
    g_debug ("Pager: page %u has %u rows now, had %u", index,
             carto_sql_result_get_n_rows (page_result), page->n_rows);

  page->result = g_steal_pointer (&page_result);
  page->last_used = ++self->tick;
  fill_items (self, page, index);
  self->n_pages_held++;
  self->n_rows_held += page->n_rows;
  evict_pages (self, index);

  g_list_model_items_changed (G_LIST_MODEL (self), index * self->page_size, page->n_rows, page->n_rows);
}

static void
start_refill (CartoSqlPager *self,
              guint          index)
{
  Page *page = g_ptr_array_index (self->pages, index);
  g_autofree char *sql = build_page_sql (self, index, page->n_rows);
  Refill *refill = g_new0 (Refill, 1);

  g_debug ("Pager: fetching page %u again", index);
  page->refilling = TRUE;
  refill->pager = g_object_ref (self);
  refill->index = index;
  carto_sql_client_query_async (self->client, sql, CARTO_SQL_FORMAT_JSON, CARTO_SQL_QUERY_IDEMPOTENT,
                                self->cancellable, refill_cb, refill);
}

/* get_item() runs inside a view's layout: start loading (and notify
 * `loading`) from the main loop instead. */
static gboolean
auto_load_cb (gpointer user_data)
{
  CartoSqlPager *self = user_data;

  self->auto_load_id = 0;
  if (self->forward == NULL && !self->complete && self->error == NULL)
    start_forward (self);

  return G_SOURCE_REMOVE;
}

static void
on_waiter_cancelled_cb (GCancellable *cancellable,
                        gpointer      user_data)
{
  /* Runs in the cancelling thread: cancelling is thread-safe. */
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static GType
carto_sql_pager_get_item_type (GListModel *model)
{
  return CARTO_TYPE_SQL_ROW;
}

static guint
carto_sql_pager_get_n_items (GListModel *model)
{
  return CARTO_SQL_PAGER (model)->n_items;
}

static gpointer
carto_sql_pager_get_item (GListModel *model,
                          guint       position)
{
  CartoSqlPager *self = CARTO_SQL_PAGER (model);
  guint index, offset;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  index = position / self->page_size;
  offset = position % self->page_size;
  page = g_ptr_array_index (self->pages, index);
  g_assert (offset < page->n_rows);
  page->last_used = ++self->tick;

  /* Near the end: fetch the next page before the view gets there. */
  if (self->auto_load_id == 0 && self->forward == NULL && !self->complete &&
      self->error == NULL && position + MAX (self->page_size / 2, 1) >= self->n_items)
    self->auto_load_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, auto_load_cb,
                                          g_object_ref (self), g_object_unref);

  if (page->items == NULL)
    fill_items (self, page, index);
  if (page->result == NULL && !page->refilling && self->error == NULL)
    start_refill (self, index);

  return g_object_ref (g_ptr_array_index (page->items, offset));
}

static void
carto_sql_pager_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = carto_sql_pager_get_item_type;
  iface->get_n_items = carto_sql_pager_get_n_items;
  iface->get_item = carto_sql_pager_get_item;
}

static void
carto_sql_pager_dispose (GObject *object)
{
  CartoSqlPager *self = CARTO_SQL_PAGER (object);

  if (self->forward != NULL)
    g_cancellable_cancel (self->forward->cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->auto_load_id, g_source_remove);
  g_clear_object (&self->client);
  g_clear_object (&self->schema);

  G_OBJECT_CLASS (carto_sql_pager_parent_class)->dispose (object);
}

static void
carto_sql_pager_finalize (GObject *object)
{
  CartoSqlPager *self = CARTO_SQL_PAGER (object);

  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->source, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (carto_sql_pager_parent_class)->finalize (object);
}

static void
carto_sql_pager_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CartoSqlPager *self = CARTO_SQL_PAGER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;
    case PROP_MAX_PAGES:
      g_value_set_uint (value, self->max_pages);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_FIELDS:
      g_value_set_object (value, carto_sql_pager_get_fields (self));
      break;
    case PROP_TOTAL_ROWS:
      g_value_set_int64 (value, self->total_rows);
      break;
    case PROP_TOTAL_IS_ESTIMATE:
      g_value_set_boolean (value, self->total_is_estimate);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->forward != NULL);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_sql_pager_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CartoSqlPager *self = CARTO_SQL_PAGER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_PAGE_SIZE:
      self->page_size = g_value_get_uint (value);
      break;
    case PROP_MAX_PAGES:
      carto_sql_pager_set_max_pages (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_sql_pager_class_init (CartoSqlPagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = carto_sql_pager_dispose;
  object_class->finalize = carto_sql_pager_finalize;
  object_class->get_property = carto_sql_pager_get_property;
  object_class->set_property = carto_sql_pager_set_property;

  /**
   * CartoSqlPager:client:
   *
   * The client the pages are queried with.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, CARTO_TYPE_SQL_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlPager:page-size:
   *
   * Rows per request.
   */
  properties[PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 1, MAX_PAGE_SIZE, CARTO_SQL_PAGER_DEFAULT_PAGE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlPager:max-pages:
   *
   * The most pages held in memory; the rows held are at most
   * page-size × max-pages.
   */
  properties[PROP_MAX_PAGES] =
    g_param_spec_uint ("max-pages", NULL, NULL, 1, G_MAXUINT, CARTO_SQL_PAGER_DEFAULT_MAX_PAGES,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlPager:n-items:
   *
   * The rows loaded so far: the list's length.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlPager:fields:
   *
   * The columns (#CartoSqlField), %NULL until the first load answers.
   */
  properties[PROP_FIELDS] =
    g_param_spec_object ("fields", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlPager:total-rows:
   *
   * How many rows there are: the planner's estimate while
   * #CartoSqlPager:total-is-estimate, exact once the last page arrived;
   * -1 while unknown.
   */
  properties[PROP_TOTAL_ROWS] =
    g_param_spec_int64 ("total-rows", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlPager:total-is-estimate:
   *
   * Whether #CartoSqlPager:total-rows is an estimate (show it as "about").
   */
  properties[PROP_TOTAL_IS_ESTIMATE] =
    g_param_spec_boolean ("total-is-estimate", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlPager:loading:
   *
   * Whether the next rows are being fetched.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlPager:complete:
   *
   * Whether every row has been listed (the last page arrived).
   */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * CartoSqlPager:error:
   *
   * The error of the last failed fetch, %NULL when none. While set, no
   * fetch starts on its own; carto_sql_pager_load_more_async() clears it
   * and tries again (a "Retry" button).
   */
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_sql_pager_init (CartoSqlPager *self)
{
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  self->cancellable = g_cancellable_new ();
  self->page_size = CARTO_SQL_PAGER_DEFAULT_PAGE_SIZE;
  self->max_pages = CARTO_SQL_PAGER_DEFAULT_MAX_PAGES;
  self->total_rows = -1;
}

/**
 * carto_sql_pager_new_for_table:
 * @client: the client to query with
 * @schema: (nullable): the table's schema, %NULL for the search path's
 * @table: the table name, unquoted
 * @page_size: rows per request, 0 for %CARTO_SQL_PAGER_DEFAULT_PAGE_SIZE
 *
 * Pages through `SELECT * FROM "schema"."table"`, in `cartodb_id` order
 * when the table has that column (keyset paging: each page costs the same
 * at any depth), else in storage order with LIMIT/OFFSET. No I/O happens
 * until carto_sql_pager_load_more_async() is called.
 *
 * Returns: (transfer full): a new pager
 */
CartoSqlPager *
carto_sql_pager_new_for_table (CartoSqlClient *client,
                               const char     *schema,
                               const char     *table,
                               guint           page_size)
{
  CartoSqlPager *self;

  g_return_val_if_fail (CARTO_IS_SQL_CLIENT (client), NULL);
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (page_size <= MAX_PAGE_SIZE, NULL);

  self = g_object_new (CARTO_TYPE_SQL_PAGER,
                       "client", client,
                       "page-size", page_size > 0 ? page_size : CARTO_SQL_PAGER_DEFAULT_PAGE_SIZE,
                       NULL);
  self->is_table = TRUE;
  self->source = carto_sql_quote_qualified (schema, table);

  return self;
}

/**
 * carto_sql_pager_new_for_query:
 * @client: the client to query with
 * @sql: one `SELECT` (or `WITH … SELECT`) statement
 * @page_size: rows per request, 0 for %CARTO_SQL_PAGER_DEFAULT_PAGE_SIZE
 *
 * Pages through the rows of @sql with LIMIT/OFFSET around it as a
 * subquery; its own `ORDER BY`, if any, gives the order. A statement that
 * cannot be a subquery (DML, several statements) fails with
 * %CARTO_SQL_ERROR_SQL: run those with carto_sql_client_query_async().
 * Trailing semicolons are dropped.
 *
 * Returns: (transfer full): a new pager
 */
CartoSqlPager *
carto_sql_pager_new_for_query (CartoSqlClient *client,
                               const char     *sql,
                               guint           page_size)
{
  CartoSqlPager *self;

  g_return_val_if_fail (CARTO_IS_SQL_CLIENT (client), NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  g_return_val_if_fail (page_size <= MAX_PAGE_SIZE, NULL);

  self = g_object_new (CARTO_TYPE_SQL_PAGER,
                       "client", client,
                       "page-size", page_size > 0 ? page_size : CARTO_SQL_PAGER_DEFAULT_PAGE_SIZE,
                       NULL);

  self->source = carto_sql_quote_trim_statement (sql);

  return self;
}

/**
 * carto_sql_pager_load_more_async:
 * @self: a #CartoSqlPager
 * @cancellable: (nullable): a #GCancellable; cancelling it stops the load
 * @callback: called when the next page has arrived or failed
 * @user_data: data for @callback
 *
 * Fetches the next page (the first call also fetches the columns and the
 * row estimate). Call it once to start; after that, the pager loads on its
 * own when a view asks for items near the end. A call while a load is
 * under way joins it. A previous error is cleared first, so this is also
 * the "Retry" of an error state.
 */
void
carto_sql_pager_load_more_async (CartoSqlPager       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CARTO_IS_SQL_PAGER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) load_more_tag);

  set_error (self, NULL);

  if (self->complete)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  if (self->forward == NULL)
    start_forward (self);

  if (cancellable != NULL)
    {
      WaiterLink link;

      link.cancellable = g_object_ref (cancellable);
      link.handler = g_cancellable_connect (cancellable, G_CALLBACK (on_waiter_cancelled_cb),
                                            g_object_ref (self->forward->cancellable),
                                            g_object_unref);
      g_array_append_val (self->forward->links, link);
    }
  g_ptr_array_add (self->forward->waiters, g_steal_pointer (&task));
}

/**
 * carto_sql_pager_load_more_finish:
 * @self: a #CartoSqlPager
 * @result: the #GAsyncResult
 * @error: return location for a %CARTO_SQL_ERROR or %G_IO_ERROR_CANCELLED
 *
 * Returns: %TRUE when rows were added, %FALSE with @error unset when there
 *   were no more rows, %FALSE with @error set on failure
 */
gboolean
carto_sql_pager_load_more_finish (CartoSqlPager  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (CARTO_IS_SQL_PAGER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == (gpointer) load_more_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * carto_sql_pager_cancel:
 * @self: a #CartoSqlPager
 *
 * Stops every fetch under way (a view closing, a new query replacing this
 * one). Pending load_more calls fail with %G_IO_ERROR_CANCELLED. The pager
 * stays usable: scrolling fetches again.
 */
void
carto_sql_pager_cancel (CartoSqlPager *self)
{
  g_return_if_fail (CARTO_IS_SQL_PAGER (self));

  if (self->forward != NULL)
    g_cancellable_cancel (self->forward->cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* The estimate died with the old cancellable. */
  if (self->total_rows < 0)
    self->estimate_started = FALSE;
}

/**
 * carto_sql_pager_get_client:
 * @self: a #CartoSqlPager
 *
 * Returns: (transfer none): the client
 */
CartoSqlClient *
carto_sql_pager_get_client (CartoSqlPager *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_PAGER (self), NULL);

  return self->client;
}

/**
 * carto_sql_pager_get_page_size:
 * @self: a #CartoSqlPager
 *
 * Returns: rows per request
 */
guint
carto_sql_pager_get_page_size (CartoSqlPager *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_PAGER (self), 0);

  return self->page_size;
}

/**
 * carto_sql_pager_get_max_pages:
 * @self: a #CartoSqlPager
 *
 * Returns: the most pages held in memory
 */
guint
carto_sql_pager_get_max_pages (CartoSqlPager *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_PAGER (self), 0);

  return self->max_pages;
}

/**
 * carto_sql_pager_set_max_pages:
 * @self: a #CartoSqlPager
 * @max_pages: the most pages to hold, at least 1 (default
 *   %CARTO_SQL_PAGER_DEFAULT_MAX_PAGES); give a view at least two
 *   screens' worth so the rows it shows are never the ones dropped
 */
void
carto_sql_pager_set_max_pages (CartoSqlPager *self,
                               guint          max_pages)
{
  g_return_if_fail (CARTO_IS_SQL_PAGER (self));
  g_return_if_fail (max_pages >= 1);

  if (self->max_pages == max_pages)
    return;
  self->max_pages = max_pages;
  evict_pages (self, G_MAXUINT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_PAGES]);
}

/**
 * carto_sql_pager_get_fields:
 * @self: a #CartoSqlPager
 *
 * Returns: (transfer none) (nullable): the columns (#CartoSqlField), %NULL
 *   until the first load answered
 */
GListModel *
carto_sql_pager_get_fields (CartoSqlPager *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_PAGER (self), NULL);

  return self->schema != NULL ? carto_sql_result_get_fields (self->schema) : NULL;
}

/**
 * carto_sql_pager_get_total_rows:
 * @self: a #CartoSqlPager
 *
 * Returns: the row count, an estimate while
 *   carto_sql_pager_get_total_is_estimate(); -1 while unknown
 */
gint64
carto_sql_pager_get_total_rows (CartoSqlPager *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_PAGER (self), -1);

  return self->total_rows;
}

/**
 * carto_sql_pager_get_total_is_estimate:
 * @self: a #CartoSqlPager
 *
 * Returns: whether carto_sql_pager_get_total_rows() is the planner's
 *   estimate rather than a count
 */
gboolean
carto_sql_pager_get_total_is_estimate (CartoSqlPager *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_PAGER (self), FALSE);

  return self->total_is_estimate;
}

/**
 * carto_sql_pager_get_loading:
 * @self: a #CartoSqlPager
 *
 * Returns: whether the next rows are being fetched
 */
gboolean
carto_sql_pager_get_loading (CartoSqlPager *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_PAGER (self), FALSE);

  return self->forward != NULL;
}

/**
 * carto_sql_pager_get_complete:
 * @self: a #CartoSqlPager
 *
 * Returns: whether every row has been listed
 */
gboolean
carto_sql_pager_get_complete (CartoSqlPager *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_PAGER (self), FALSE);

  return self->complete;
}

/**
 * carto_sql_pager_get_error:
 * @self: a #CartoSqlPager
 *
 * Returns: (nullable): the error of the last failed fetch
 */
const GError *
carto_sql_pager_get_error (CartoSqlPager *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_PAGER (self), NULL);

  return self->error;
}

/**
 * carto_sql_pager_get_uses_keyset:
 * @self: a #CartoSqlPager
 *
 * Returns: whether pages are read in `cartodb_id` order by key (known
 *   once the first load answered)
 */
gboolean
carto_sql_pager_get_uses_keyset (CartoSqlPager *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_PAGER (self), FALSE);

  return self->keyset;
}

/**
 * carto_sql_pager_get_n_rows_held:
 * @self: a #CartoSqlPager
 *
 * The rows of the pages the pager holds, at most page-size × max-pages.
 * Rows a view still holds keep their page alive on their own; a view holds
 * only the rows it shows.
 *
 * Returns: the rows in memory
 */
guint
carto_sql_pager_get_n_rows_held (CartoSqlPager *self)
{
  g_return_val_if_fail (CARTO_IS_SQL_PAGER (self), 0);

  return self->n_rows_held;
}
