/* viewer-layer-request.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding a layer, in one place. Whoever wants a layer on the map (the Add
 * Layer dialog, the Datasets page and the dataset preview, the SQL
 * console, --layer, tests) builds a request and activates the window's
 * win.add-layer with it; the window carries it out here, so new layers
 * look and behave alike and say so alike.
 *
 * A request is an `a{sv}`:
 *   data      s  a table name or an SQL query (required)
 *   username  s  the account to read with, as the credential store names
 *   base-url  s    it; both absent: the default account, resolved
 *                  whenever it is used (as CARTOframes' default credentials)
 *   title     s  the layer's title; absent: the table's name, or "SQL query"
 *   style     s  JSON as carto_style_to_json() writes it; absent: a single
 *                  colour, different from the layers before
 *   quiet     b  true: no "Added …" toast (layers asked for at start-up);
 *                  a layer that cannot be added is still reported
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "viewer-layer-request.h"
#include "viewer-toast.h"

/* Set on the widget showing the toasts: the last "Added …" toast, which a
 * newer one replaces instead of queueing behind it. */
#define ADDED_TOAST_KEY "viewer-layer-added-toast"

/* Bold, from CARTOColors: distinct hues for successive layers. */
static const char *const layer_colors[] = {
  "#7F3C8D", "#11A579", "#3969AC", "#F2B701", "#E73F74", "#80BA5A", "#E68310", "#008695",
};

static CartoStyle *
default_style (guint index)
{
  CartoSymbol symbol;

  carto_symbol_init_default (&symbol, CARTO_MVT_GEOM_POINT);
  carto_color_parse (&symbol.color, layer_colors[index % G_N_ELEMENTS (layer_colors)]);
  return carto_style_new_single (&symbol);
}

/* On the search path (the account's own schema, or public), a table is
 * named as people write it; elsewhere, or when its name would not read
 * back as one identifier, it is quoted with its schema. */
static char *
dup_dataset_data (CartoDataset *dataset)
{
  const char *schema = carto_dataset_get_schema (dataset);
  const char *name = carto_dataset_get_name (dataset);
  CartoCredentials *credentials = carto_sql_client_get_credentials (carto_dataset_get_client (dataset));
  gboolean on_path = schema == NULL || g_str_equal (schema, "public") ||
                     g_strcmp0 (schema, carto_credentials_get_username (credentials)) == 0;

  if (on_path && strchr (name, '.') == NULL && name[0] != '"' && !carto_source_data_is_query (name))
    return g_strdup (name);

  return carto_dataset_dup_quoted_name (dataset);
}

/* The store's own credentials, so the layer follows an edited account. */
static gboolean
resolve_account (CartoCredentialStore  *store,
                 const char            *username,
                 const char            *base_url,
                 CartoCredentials     **credentials,
                 GError               **error)
{
  CartoAccount *account = NULL;

  *credentials = NULL;
  if (username == NULL && base_url == NULL)
    return TRUE;

  if (store == NULL)
    {
      g_set_error_literal (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_NOT_FOUND,
                           _("There are no accounts to read the layer with."));
      return FALSE;
    }

  if (username != NULL && base_url != NULL)
    {
      account = carto_credential_store_lookup (store, username, base_url);
      if (account == NULL)
        {
          /* Translators: a CARTO username, then a server's address */
          g_set_error (error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_NOT_FOUND,
                       _("There is no account “%s” on %s."), username, base_url);
          return FALSE;
        }
    }
  else
    {
      account = carto_credential_store_resolve (store, username != NULL ? username : base_url, error);
      if (account == NULL)
        return FALSE;
    }

  *credentials = carto_account_get_credentials (account);
  return TRUE;
}

static CartoStyle *
parse_style (const char  *json,
             GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;
  CartoStyle *style;

  node = json_from_string (json, &local_error);
  if (node == NULL)
    {
      /* The parser's own words are for developers. */
      g_debug ("Layer style: %s", local_error != NULL ? local_error->message : "empty");
      g_set_error_literal (error, CARTO_STYLE_ERROR, CARTO_STYLE_ERROR_INVALID,
                           _("The layer was not added: its style is not valid JSON."));
      return NULL;
    }

  style = carto_style_new_from_json (node, &local_error);
  if (style == NULL)
    {
      /* Translators: the argument says what is wrong with the style */
      g_set_error (error, CARTO_STYLE_ERROR, CARTO_STYLE_ERROR_INVALID,
                   _("The layer was not added: its style could not be read (%s)."), local_error->message);
      return NULL;
    }

  return style;
}

static CartoLayer *
create_layer (GVariant              *request,
              guint                  index,
              CartoCredentialStore  *store,
              GError               **error)
{
  const char *data = NULL, *username = NULL, *base_url = NULL, *title = NULL, *style_json = NULL;
  g_autoptr(CartoSource) source = NULL;
  g_autoptr(CartoStyle) style = NULL;
  g_autoptr(CartoLayer) layer = NULL;
  CartoCredentials *credentials = NULL;

  /* A request without data is a programming error, not the person's. */
  if (!g_variant_lookup (request, "data", "&s", &data) || *data == '\0')
    {
      g_critical ("A layer request without data");
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The layer has no data to show."));
      return NULL;
    }
  g_variant_lookup (request, "username", "&s", &username);
  g_variant_lookup (request, "base-url", "&s", &base_url);
  g_variant_lookup (request, "title", "&s", &title);
  g_variant_lookup (request, "style", "&s", &style_json);

  if (!resolve_account (store, username, base_url, &credentials, error))
    return NULL;

  /* Given at creation rather than set afterwards, the layer's map is
   * instantiated once, with the columns this style needs. */
  style = style_json != NULL ? parse_style (style_json, error) : default_style (index);
  if (style == NULL)
    return NULL;

  source = carto_source_new (data, credentials, store);
  layer = carto_layer_new (source, style);
  if (title != NULL && *title != '\0')
    carto_layer_set_title (layer, title);
  else if (carto_source_is_query (source))
    carto_layer_set_title (layer, _("SQL query"));
  else
    carto_layer_set_title (layer, data);

  return g_steal_pointer (&layer);
}

static void
on_added_toast_dismissed_cb (GtkWidget *widget)
{
  g_object_set_data (G_OBJECT (widget), ADDED_TOAST_KEY, NULL);
}

/* Adding several in a row says so in one toast, about the last, rather
 * than a queue of toasts about the others. The toast on screen gets the
 * new title instead of being dismissed for a new one: with libadwaita
 * 1.2, dismissing a toast while it slides in (two layers added at once,
 * as --layer does) crashed in the ending show animation
 * (/map-layers/add-layer-action under MALLOC_PERTURB_). */
static void
show_added (GtkWidget  *widget,
            CartoLayer *layer)
{
  AdwToast *shown = g_object_get_data (G_OBJECT (widget), ADDED_TOAST_KEY);
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* Translators: a toast; %s is the new layer's title, often a table name */
  title = g_markup_printf_escaped (_("Added “%s” to the map"), carto_layer_get_title (layer));
  /* A toast's title is markup: a title such as "A & B" must not break it. */
  if (shown != NULL)
    {
      adw_toast_set_title (shown, title);
      return;
    }

  toast = adw_toast_new (title);
  g_object_set_data_full (G_OBJECT (widget), ADDED_TOAST_KEY, g_object_ref (toast), g_object_unref);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_added_toast_dismissed_cb), widget, G_CONNECT_SWAPPED);
  viewer_toast_show (widget, toast);
}

/**
 * viewer_layer_request_new:
 * @data: a table name or an SQL query
 * @username: (nullable): the account's username, or %NULL
 * @base_url: (nullable): the account's base URL, or %NULL; with
 *   @username also %NULL, the layer reads with the default account
 * @title: (nullable): the layer's title, or %NULL to name it after @data
 * @style_json: (nullable): the style, as carto_style_to_json() writes it,
 *   or %NULL for the next default colour
 *
 * Returns: (transfer floating): a request for win.add-layer
 */
GVariant *
viewer_layer_request_new (const char *data,
                          const char *username,
                          const char *base_url,
                          const char *title,
                          const char *style_json)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_return_val_if_fail (data != NULL && *data != '\0', NULL);

  g_variant_dict_insert (&dict, "data", "s", data);
  if (username != NULL)
    g_variant_dict_insert (&dict, "username", "s", username);
  if (base_url != NULL)
    g_variant_dict_insert (&dict, "base-url", "s", base_url);
  if (title != NULL && *title != '\0')
    g_variant_dict_insert (&dict, "title", "s", title);
  if (style_json != NULL)
    g_variant_dict_insert (&dict, "style", "s", style_json);

  return g_variant_dict_end (&dict);
}

/**
 * viewer_layer_request_new_for_dataset:
 * @dataset: a dataset of the catalogue
 *
 * Returns: (transfer floating): a request for a layer showing @dataset,
 *   named after it and read with the account it was listed with
 */
GVariant *
viewer_layer_request_new_for_dataset (CartoDataset *dataset)
{
  CartoCredentials *credentials;
  g_autofree char *data = NULL;

  g_return_val_if_fail (CARTO_IS_DATASET (dataset), NULL);

  credentials = carto_sql_client_get_credentials (carto_dataset_get_client (dataset));
  data = dup_dataset_data (dataset);
  return viewer_layer_request_new (data,
                                   carto_credentials_get_username (credentials),
                                   carto_credentials_get_base_url (credentials),
                                   carto_dataset_get_name (dataset), NULL);
}

/**
 * viewer_layer_request_new_quiet:
 * @request: (transfer floating): a request from viewer_layer_request_new()
 *
 * Returns: (transfer floating): the same request, for a layer added
 *   without an "Added …" toast (the layers a person asked for when
 *   starting the application)
 */
GVariant *
viewer_layer_request_new_quiet (GVariant *request)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (request);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (owned);

  g_return_val_if_fail (g_variant_is_of_type (request, G_VARIANT_TYPE_VARDICT), NULL);

  g_variant_dict_insert (&dict, "quiet", "b", TRUE);
  return g_variant_dict_end (&dict);
}

/**
 * viewer_layer_request_send:
 * @widget: a widget in the main window, or the main window itself
 * @request: (transfer floating): a request from viewer_layer_request_new()
 *
 * Asks the window to add the layer, by activating its win.add-layer.
 * A dialog sends it through the window it belongs to.
 *
 * Returns: whether there was a window to ask
 */
gboolean
viewer_layer_request_send (GtkWidget *widget,
                           GVariant  *request)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (request);

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (g_variant_is_of_type (request, G_VARIANT_TYPE_VARDICT), FALSE);

  return gtk_widget_activate_action_variant (widget, VIEWER_LAYER_REQUEST_ACTION, owned);
}

/**
 * viewer_layer_request_add:
 * @request: a request from viewer_layer_request_new()
 * @map: the map the layer goes on
 * @store: (nullable): the accounts the request may name, and where the
 *   default account comes from
 * @toast_widget: (nullable): where to say what happened
 *
 * Carries out win.add-layer: resolves the account, reads the style,
 * appends the layer on top of @map and says so in a toast (unless the
 * request is quiet). An account the
 * store does not have, or a style that cannot be read, adds nothing and
 * says why in a toast.
 *
 * Returns: (transfer none) (nullable): the new layer, now @map's last
 */
CartoLayer *
viewer_layer_request_add (GVariant             *request,
                          CartoMap             *map,
                          CartoCredentialStore *store,
                          GtkWidget            *toast_widget)
{
  g_autoptr(CartoLayer) layer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean quiet = FALSE;

  g_return_val_if_fail (request != NULL && g_variant_is_of_type (request, G_VARIANT_TYPE_VARDICT), NULL);
  g_return_val_if_fail (CARTO_IS_MAP (map), NULL);
  g_return_val_if_fail (store == NULL || CARTO_IS_CREDENTIAL_STORE (store), NULL);
  g_return_val_if_fail (toast_widget == NULL || GTK_IS_WIDGET (toast_widget), NULL);

  layer = create_layer (request, carto_map_get_n_layers (map), store, &error);
  if (layer == NULL)
    {
      g_debug ("No layer added: %s", error->message);
      if (toast_widget != NULL)
        {
          g_autofree char *title = g_markup_escape_text (error->message, -1);

          viewer_toast_show (toast_widget, adw_toast_new (title));
        }
      return NULL;
    }

  carto_map_append_layer (map, layer);
  if (toast_widget != NULL && !g_variant_lookup (request, "quiet", "b", &quiet))
    quiet = FALSE;
  if (toast_widget != NULL && !quiet)
    show_added (toast_widget, layer);

  return layer;
}
