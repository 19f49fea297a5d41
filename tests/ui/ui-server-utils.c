/* ui-server-utils.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include "ui-server-utils.h"
#include "ui-test-utils.h"
#include "viewer-layer-request.h"

typedef struct
{
  CartoAccount *account;
  GError *error;
  gboolean done;
} AddData;

static void
add_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  AddData *d = user_data;

  d->account = carto_credential_store_add_finish (CARTO_CREDENTIAL_STORE (source), result, &d->error);
  d->done = TRUE;
}

static gboolean
add_done (gpointer data)
{
  return ((AddData *) data)->done;
}

/**
 * ui_test_add_server_account:
 * @context: the app's services, whose keyring store gets the account
 * @server: a running test server
 * @user: one of its users
 *
 * Stores @user with its master key, as the Accounts page would.
 *
 * Returns: (transfer full): the account's credentials
 */
CartoCredentials *
ui_test_add_server_account (ViewerContext *context,
                            TestServer    *server,
                            const char    *user)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoCredentials) creds = carto_credentials_new (user, test_server_get_key (server, user, "master"),
                                                             test_server_get_base_url (server, user),
                                                             CARTO_CREDENTIALS_ALLOW_NON_SECURE, &error);
  AddData d = { 0 };

  g_assert_no_error (error);
  carto_credential_store_add_async (viewer_context_get_credential_store (context), creds, NULL, add_cb, &d);
  g_assert_true (ui_test_wait_until (add_done, &d, 10000));
  g_assert_no_error (d.error);
  g_assert_nonnull (d.account);
  g_clear_object (&d.account);
  return g_steal_pointer (&creds);
}

static CartoLayer *
add_layer (ViewerWindow     *window,
           const char       *data,
           CartoCredentials *credentials,
           const char       *title,
           CartoStyle       *style,
           gboolean          quiet)
{
  CartoMap *map = viewer_window_get_map (window);
  guint before = carto_map_get_n_layers (map);
  g_autofree char *style_json = NULL;
  GVariant *request;

  if (style != NULL)
    {
      g_autoptr(JsonNode) node = carto_style_to_json (style);

      style_json = json_to_string (node, FALSE);
    }
  request = viewer_layer_request_new (data,
                                      credentials != NULL ? carto_credentials_get_username (credentials) : NULL,
                                      credentials != NULL ? carto_credentials_get_base_url (credentials) : NULL,
                                      title, style_json);
  if (quiet)
    request = viewer_layer_request_new_quiet (request);
  g_assert_true (viewer_layer_request_send (GTK_WIDGET (window), request));
  g_assert_cmpuint (carto_map_get_n_layers (map), ==, before + 1);

  return carto_map_get_layer (map, before);
}

/**
 * ui_test_add_layer:
 * @window: a main window
 * @data: a table name or an SQL query
 * @credentials: (nullable): the account to read with (it must be in the
 *   window's credential store), or %NULL for the default account
 * @title: (nullable): the layer's title
 * @style: (nullable): its style
 *
 * Adds a layer as the application does, through the window's
 * win.add-layer, and checks that it added exactly one.
 *
 * Returns: (transfer none): the new layer
 */
CartoLayer *
ui_test_add_layer (ViewerWindow     *window,
                   const char       *data,
                   CartoCredentials *credentials,
                   const char       *title,
                   CartoStyle       *style)
{
  return add_layer (window, data, credentials, title, style, FALSE);
}

/* The same without the "Added …" toast, as for the layers of --layer:
 * what a benchmark times is the map, not a toast sliding over it. */
CartoLayer *
ui_test_add_layer_quietly (ViewerWindow     *window,
                           const char       *data,
                           CartoCredentials *credentials,
                           const char       *title,
                           CartoStyle       *style)
{
  return add_layer (window, data, credentials, title, style, TRUE);
}

typedef struct
{
  gboolean done;
  GError *error;
} SaveWait;

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveWait *wait = user_data;

  carto_map_document_save_finish (CARTO_MAP_DOCUMENT (object), result, &wait->error);
  wait->done = TRUE;
}

static gboolean
save_done (gpointer data)
{
  return ((SaveWait *) data)->done;
}

/**
 * ui_test_save_document:
 * @document: a map document
 * @file: where to save it
 *
 * Saves as the document API does, for a test's setup, and waits.
 */
void
ui_test_save_document (CartoMapDocument *document,
                       GFile            *file)
{
  SaveWait wait = { FALSE, NULL };

  carto_map_document_save_async (document, file, NULL, save_cb, &wait);
  g_assert_true (ui_test_wait_until (save_done, &wait, 10000));
  g_assert_no_error (wait.error);
}
