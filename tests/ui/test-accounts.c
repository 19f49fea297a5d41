/* test-accounts.c — the Accounts page, the account form and the switcher,
 * driven through their widgets against the session's real gnome-keyring
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>

#include "ui-test-utils.h"
#include "viewer-account-banner.h"
#include "viewer-account-dialog.h"
#include "viewer-account-row.h"
#include "viewer-account-switcher.h"
#include "viewer-context.h"
#include "viewer-preferences-window.h"
#include "viewer-window.h"

/* One application per process: GApplication registers once. */
static AdwApplication *test_app;

typedef struct
{
  ViewerContext *context;
  CartoCredentialStore *store;
  ViewerPreferencesWindow *prefs;
  ViewerWindow *window;
} Fixture;

/* The accounts of the three-account screenshot. None needs the network:
 * listing reads the keyring only. */
#define CLOUD_USER "demo-atlas"
#define LOCAL_URL "http://127.0.0.1:9/user/team-data"
#define LOCAL_USER "team-data"
#define LOCAL_KEY "0123456789abcdef0123456789abcdef"
#define ORG_URL "https://maps.example.org/user/jsmith"
#define ORG_USER "jsmith"

static gboolean
not_loading (gpointer data)
{
  return !viewer_context_get_accounts_loading (data);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* Each case starts from an empty keyring and no default. */
  secret_password_clear_sync (carto_credential_store_get_schema (), NULL, &error, NULL);
  g_assert_no_error (error);

  f->context = viewer_context_new ();
  f->store = viewer_context_get_credential_store (f->context);
  g_settings_reset (viewer_context_get_settings (f->context), "default-account");
  viewer_context_load_accounts (f->context);
  g_assert_true (ui_test_wait_until (not_loading, f->context, 10000));
  g_assert_null (viewer_context_get_accounts_error (f->context));
  g_assert_true (carto_credential_store_get_loaded (f->store));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->prefs != NULL)
    gtk_window_destroy (GTK_WINDOW (f->prefs));
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  ui_test_iterate (50);
  g_clear_object (&f->context);
}

/* Renders a window or a popover (any native widget) with its own
 * renderer, as it is on screen. A popover that has just mapped may not
 * have drawn yet: wait for its first content. */
static GdkTexture *
render_window (gpointer window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  g_assert_nonnull (renderer);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        ui_test_iterate (100);
    }
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Saves @window as NAME.png in light style and NAME-dark.png in dark
 * style, and checks the two differ where the background is. */
static void
screenshot_light_and_dark (GtkWindow  *window,
                           const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  g_autofree char *light_name = g_strconcat (name, ".png", NULL);
  g_autofree char *dark_name = g_strconcat (name, "-dark.png", NULL);
  int h;

  g_assert_true (ui_test_wait_until (is_mapped, window, 5000));

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  ui_test_iterate (400);
  light = render_window (window);
  ui_test_save_artifact (light, light_name);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  ui_test_iterate (400);
  dark = render_window (window);
  ui_test_save_artifact (dark, dark_name);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  ui_test_iterate (200);

  /* The bottom-left corner is window background in every layout. */
  h = gdk_texture_get_height (light);
  g_assert_cmphex (ui_test_pixel (light, 4, h - 4), !=, ui_test_pixel (dark, 4, h - 4));
}

static ViewerPreferencesWindow *
open_preferences (Fixture *f)
{
  f->prefs = viewer_preferences_window_present (NULL, f->context);
  g_object_add_weak_pointer (G_OBJECT (f->prefs), (gpointer *) &f->prefs);
  gtk_window_set_default_size (GTK_WINDOW (f->prefs), 640, 560);
  g_assert_true (ui_test_wait_until (is_mapped, f->prefs, 5000));
  ui_test_iterate (100);
  return f->prefs;
}

/* The first descendant of @root of @type whose title is @text (a
 * preferences row's) or whose label contains @text (a button's or a
 * label's), or any of @type when @text is NULL. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *text)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    {
      const char *title = NULL;

      if (ADW_IS_PREFERENCES_ROW (root))
        title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));
      else if (GTK_IS_BUTTON (root))
        title = gtk_button_get_label (GTK_BUTTON (root));
      else if (GTK_IS_LABEL (root))
        title = gtk_label_get_text (GTK_LABEL (root));

      if (text == NULL ||
          (ADW_IS_PREFERENCES_ROW (root) && g_strcmp0 (title, text) == 0) ||
          (!ADW_IS_PREFERENCES_ROW (root) && title != NULL && strstr (title, text) != NULL))
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_with_class (GtkWidget  *root,
                 GType       type,
                 const char *css_class)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type) && gtk_widget_has_css_class (root, css_class))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_drawn (GtkWidget *widget)
{
  return widget != NULL && gtk_widget_is_drawable (widget);
}

static ViewerAccountDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (VIEWER_IS_ACCOUNT_DIALOG (toplevel))
        return VIEWER_ACCOUNT_DIALOG (toplevel);
    }
  return NULL;
}

static ViewerAccountDialog *
open_add_dialog (Fixture *f)
{
  ViewerAccountDialog *dialog;

  g_assert_null (find_dialog ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->prefs), "prefs.add-account", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (ui_test_wait_until (is_mapped, dialog, 5000));
  return dialog;
}

static void
set_row_text (ViewerAccountDialog *dialog,
              const char          *title,
              const char          *text)
{
  GtkWidget *row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
on_saved_cb (ViewerAccountDialog *dialog,
             CartoAccount        *account,
             CartoAccount       **out)
{
  g_set_object (out, account);
}

static gboolean
has_account (gpointer data)
{
  return *(CartoAccount **) data != NULL;
}

static gboolean
subtitle_says_unreachable (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (data);

  return subtitle != NULL && strstr (subtitle, "could not be reached") != NULL;
}

/* Port 9 (discard) is closed on loopback: the test fails at once, with
 * the "unreachable" message, and no network is needed. */
static void
test_in_dialog (ViewerAccountDialog *dialog)
{
  GtkWidget *row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Connection");

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "account.test", NULL));
  g_assert_true (ui_test_wait_until (subtitle_says_unreachable, row, 10000));
  g_assert_true (is_drawn (find_with_class (row, GTK_TYPE_IMAGE, "error")));
}

/* Fills the form as a person would, then presses Add. */
static CartoAccount *
add_through_dialog (Fixture    *f,
                    const char *account_text,
                    const char *username,
                    const char *key,
                    gboolean    allow_insecure,
                    gboolean    test_first)
{
  ViewerAccountDialog *dialog = open_add_dialog (f);
  CartoAccount *saved = NULL;

  g_signal_connect (dialog, "saved", G_CALLBACK (on_saved_cb), &saved);
  set_row_text (dialog, "Username or Server Address", account_text);
  if (username != NULL)
    set_row_text (dialog, "Username", username);
  if (key != NULL)
    set_row_text (dialog, "API Key", key);
  if (allow_insecure)
    {
      GtkWidget *row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Allow Insecure Connection");

      g_assert_true (gtk_widget_get_visible (row));
      gtk_switch_set_active (GTK_SWITCH (find_widget (row, GTK_TYPE_SWITCH, NULL)), TRUE);
    }

  g_assert_nonnull (viewer_account_dialog_get_credentials (dialog));
  if (test_first)
    test_in_dialog (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "account.save", NULL));
  g_assert_true (ui_test_wait_until (has_account, &saved, 10000));

  /* The dialog closes once the keyring has the account. */
  ui_test_iterate (50);
  g_assert_null (find_dialog ());
  return saved;
}

static ViewerAccountRow *
find_row (Fixture    *f,
          const char *username)
{
  GtkWidget *row = find_widget (GTK_WIDGET (f->prefs), VIEWER_TYPE_ACCOUNT_ROW, username);

  return row != NULL ? VIEWER_ACCOUNT_ROW (row) : NULL;
}

static char *
keyring_secret (const char *username,
                const char *base_url)
{
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_sync (carto_credential_store_get_schema (), NULL, &error,
                                              "username", username,
                                              "base-url", base_url,
                                              NULL);

  g_assert_no_error (error);
  return secret;
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  open_preferences (f);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
  g_assert_true (is_drawn (find_widget (GTK_WIDGET (f->prefs), GTK_TYPE_LABEL, "No Accounts")));
  g_assert_true (is_drawn (find_widget (GTK_WIDGET (f->prefs), GTK_TYPE_BUTTON, "Import CARTOframes")));
  g_assert_null (find_widget (GTK_WIDGET (f->prefs), VIEWER_TYPE_ACCOUNT_ROW, NULL));

  screenshot_light_and_dark (GTK_WINDOW (f->prefs), "accounts-empty");
}

static gboolean
n_accounts_is (Fixture *f,
               guint    n)
{
  return g_list_model_get_n_items (G_LIST_MODEL (f->store)) == n;
}

static gboolean
two_accounts (gpointer data)
{
  return n_accounts_is (data, 2);
}

static gboolean
three_accounts (gpointer data)
{
  return n_accounts_is (data, 3);
}

static void
test_add_default_remove_undo (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CartoAccount) cloud = NULL;
  g_autoptr(CartoAccount) local = NULL;
  g_autoptr(CartoAccount) org = NULL;
  g_autoptr(ViewerAccountSwitcher) switcher = g_object_ref_sink (viewer_account_switcher_new ());
  g_autofree char *secret = NULL;
  ViewerAccountRow *row;
  GtkWidget *undo;

  viewer_account_switcher_set_context (switcher, f->context);
  g_assert_cmpstr (viewer_account_switcher_get_summary (switcher), ==, "No account");
  open_preferences (f);

  /* A username alone: a carto.com account with the public key. */
  cloud = add_through_dialog (f, CLOUD_USER, NULL, NULL, FALSE, FALSE);
  g_assert_cmpstr (carto_account_get_base_url (cloud), ==, "https://" CLOUD_USER ".carto.com");
  g_assert_true (carto_account_is_public (cloud));
  row = find_row (f, CLOUD_USER);
  g_assert_nonnull (row);
  g_assert_true (is_drawn (GTK_WIDGET (row)));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (row), "Public only"));

  /* The first account becomes the default. */
  g_assert_true (carto_credential_store_get_default (f->store) == cloud);
  g_assert_cmpstr (viewer_account_switcher_get_summary (switcher), ==, CLOUD_USER " · " CLOUD_USER ".carto.com");

  /* An address with its user in the path, plain http, and a key. */
  local = add_through_dialog (f, LOCAL_URL, NULL, LOCAL_KEY, TRUE, TRUE);
  g_assert_cmpstr (carto_account_get_username (local), ==, LOCAL_USER);
  g_assert_false (carto_account_is_public (local));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (find_row (f, LOCAL_USER)), "Private key"));
  secret = keyring_secret (LOCAL_USER, "http://127.0.0.1:9/user/team-data");
  g_assert_cmpstr (secret, ==, LOCAL_KEY);
  g_clear_pointer (&secret, g_free);

  org = add_through_dialog (f, ORG_URL, NULL, NULL, FALSE, FALSE);
  g_assert_cmpstr (carto_account_get_username (org), ==, ORG_USER);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 3);
  /* Adding more does not move the default. */
  g_assert_true (carto_credential_store_get_default (f->store) == cloud);

  /* Make the http account the default from its row. */
  row = find_row (f, LOCAL_USER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "account.set-default", NULL));
  g_assert_true (carto_credential_store_get_default (f->store) == local);
  g_assert_cmpstr (viewer_account_switcher_get_summary (switcher), ==, LOCAL_USER " · 127.0.0.1:9");
  ui_test_iterate (100);
  row = find_row (f, LOCAL_USER);
  g_assert_true (is_drawn (find_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, "Default")));
  g_assert_false (is_drawn (find_widget (GTK_WIDGET (find_row (f, CLOUD_USER)), GTK_TYPE_LABEL, "Default")));

  screenshot_light_and_dark (GTK_WINDOW (f->prefs), "accounts-three");

  /* Test Connection from the row: a spinner, then the outcome under the
   * host. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "account.test", NULL));
  g_assert_true (is_drawn (find_widget (GTK_WIDGET (row), GTK_TYPE_SPINNER, NULL)));
  g_assert_true (ui_test_wait_until (subtitle_says_unreachable, row, 10000));
  g_assert_false (is_drawn (find_widget (GTK_WIDGET (row), GTK_TYPE_SPINNER, NULL)));
  g_assert_true (is_drawn (find_with_class (GTK_WIDGET (row), GTK_TYPE_IMAGE, "error")));
  {
    g_autoptr(GdkTexture) tested = NULL;

    ui_test_iterate (300);
    tested = render_window (GTK_WINDOW (f->prefs));
    ui_test_save_artifact (tested, "accounts-test-connection.png");
  }

  /* Remove the default: it leaves the list and the keyring at once. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "account.remove", NULL));
  g_assert_true (ui_test_wait_until (two_accounts, f, 10000));
  g_assert_null (find_row (f, LOCAL_USER));
  secret = keyring_secret (LOCAL_USER, "http://127.0.0.1:9/user/team-data");
  g_assert_null (secret);
  g_assert_null (carto_credential_store_get_default (f->store));
  g_assert_cmpstr (viewer_account_switcher_get_summary (switcher), ==, "No account");

  /* Undo, pressed in the toast: back with its key and as the default. */
  ui_test_iterate (100);
  undo = find_widget (GTK_WIDGET (f->prefs), GTK_TYPE_BUTTON, "Undo");
  g_assert_nonnull (undo);
  g_assert_true (is_drawn (undo));
  gtk_widget_activate (undo);
  g_assert_true (ui_test_wait_until (three_accounts, f, 10000));
  g_assert_nonnull (find_row (f, LOCAL_USER));
  secret = keyring_secret (LOCAL_USER, "http://127.0.0.1:9/user/team-data");
  g_assert_cmpstr (secret, ==, LOCAL_KEY);
  g_assert_nonnull (carto_credential_store_get_default (f->store));
  g_assert_cmpstr (carto_account_get_username (carto_credential_store_get_default (f->store)), ==, LOCAL_USER);
  g_assert_false (carto_account_is_public (carto_credential_store_get_default (f->store)));
  g_assert_cmpstr (viewer_account_switcher_get_summary (switcher), ==, LOCAL_USER " · 127.0.0.1:9");

  /* A fresh load from the keyring agrees: nothing lived only in memory. */
  {
    g_autoptr(ViewerContext) other = viewer_context_new ();

    viewer_context_load_accounts (other);
    g_assert_true (ui_test_wait_until (not_loading, other, 10000));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (viewer_context_get_credential_store (other))), ==, 3);
    g_assert_cmpstr (carto_account_get_username (carto_credential_store_get_default (viewer_context_get_credential_store (other))),
                     ==, LOCAL_USER);
  }
}

static void
test_validation_error (Fixture       *f,
                       gconstpointer  data)
{
  ViewerAccountDialog *dialog;
  GtkWidget *account_row;
  GtkWidget *insecure_row;
  GtkWidget *error_label;
  GtkWidget *save_button;

  open_preferences (f);
  dialog = open_add_dialog (f);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 480, -1);
  save_button = find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Add");
  g_assert_nonnull (save_button);

  /* Nothing typed yet: Add is off, but nothing is called wrong. */
  g_assert_false (gtk_widget_is_sensitive (save_button));
  g_assert_null (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "must"));

  set_row_text (dialog, "Username or Server Address", "http://x");
  account_row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Username or Server Address");
  insecure_row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Allow Insecure Connection");
  error_label = find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "must use https://");

  g_assert_nonnull (error_label);
  ui_test_iterate (100);
  g_assert_true (is_drawn (error_label));
  g_assert_true (gtk_widget_has_css_class (error_label, "error"));
  g_assert_true (gtk_widget_has_css_class (account_row, "error"));
  g_assert_true (is_drawn (insecure_row));
  g_assert_false (gtk_widget_is_sensitive (save_button));
  g_assert_null (viewer_account_dialog_get_credentials (dialog));

  screenshot_light_and_dark (GTK_WINDOW (dialog), "accounts-validation-error");

  /* Allowing http clears that error; the next one is that a host
   * without dots names no user, and it is the Username field's. */
  gtk_switch_set_active (GTK_SWITCH (find_widget (insecure_row, GTK_TYPE_SWITCH, NULL)), TRUE);
  g_assert_null (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "must use https://"));
  g_assert_false (gtk_widget_has_css_class (account_row, "error"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "Enter the username too"));
  g_assert_true (gtk_widget_has_css_class (find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Username"), "error"));
  g_assert_false (gtk_widget_is_sensitive (save_button));

  /* With the username the form is valid: no error, Add comes on. */
  set_row_text (dialog, "Username", "x");
  g_assert_nonnull (viewer_account_dialog_get_credentials (dialog));
  g_assert_false (gtk_widget_has_css_class (find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Username"), "error"));
  g_assert_true (gtk_widget_is_sensitive (save_button));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "Signs in as “x” on x"));

  /* A key with a space is the key field's error, under that field. */
  set_row_text (dialog, "API Key", "not a key");
  error_label = find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "API key contains");
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_has_css_class (error_label, "error"));
  g_assert_true (gtk_widget_has_css_class (find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "API Key"), "error"));
  g_assert_false (gtk_widget_is_sensitive (save_button));

  /* A username that contradicts the address's /user/ path. */
  set_row_text (dialog, "API Key", "");
  set_row_text (dialog, "Username or Server Address", "https://carto.example.com/user/alice");
  set_row_text (dialog, "Username", "bob");
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "does not match"));
  g_assert_true (gtk_widget_has_css_class (find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Username"), "error"));
  g_assert_false (gtk_widget_is_sensitive (save_button));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==, 0);
}

static void
add_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(CartoAccount **) user_data = carto_credential_store_add_finish (CARTO_CREDENTIAL_STORE (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
banner_hidden (gpointer data)
{
  return !viewer_account_banner_get_revealed (data);
}

/* Whether the banner's Add Account button sits beside its text (the
 * button's top above the text's bottom) rather than under it. */
static gboolean
banner_buttons_beside_text (GtkWidget *banner)
{
  GtkWidget *button = find_widget (banner, GTK_TYPE_BUTTON, "Add Account");
  GtkWidget *label = gtk_widget_get_first_child (gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (button))));
  graphene_rect_t button_bounds, label_bounds;

  g_assert_true (GTK_IS_LABEL (label));
  g_assert_true (gtk_widget_compute_bounds (button, banner, &button_bounds));
  g_assert_true (gtk_widget_compute_bounds (label, banner, &label_bounds));
  return button_bounds.origin.y < label_bounds.origin.y + label_bounds.size.height;
}

/* The main window: a first-run banner over a working map, and the title
 * naming the default account. */
static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CartoCredentials) credentials = NULL;
  g_autoptr(CartoAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  AdwWindowTitle *title;
  GtkWidget *banner;
  GtkWidget *switcher;
  GtkWidget *menu_button;
  GtkWidget *popover;
  GtkWidget *row;
  GtkWidget *check;

  f->window = viewer_window_new (test_app, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ui_test_wait_until (is_mapped, f->window, 5000));
  ui_test_iterate (500);

  title = ADW_WINDOW_TITLE (find_widget (GTK_WIDGET (f->window), ADW_TYPE_WINDOW_TITLE, NULL));
  banner = find_widget (GTK_WIDGET (f->window), VIEWER_TYPE_ACCOUNT_BANNER, NULL);
  g_assert_nonnull (title);
  g_assert_nonnull (banner);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "No account");
  g_assert_true (viewer_account_banner_get_revealed (VIEWER_ACCOUNT_BANNER (banner)));
  g_assert_true (is_drawn (find_widget (banner, GTK_TYPE_BUTTON, "Add Account")));
  g_assert_true (is_drawn (find_widget (banner, GTK_TYPE_BUTTON, "Import…")));

  texture = render_window (GTK_WINDOW (f->window));
  ui_test_save_artifact (texture, "accounts-window-banner.png");
  g_assert_true (banner_buttons_beside_text (banner));

  /* At 360 pixels the buttons go under the text, and the banner does not
   * keep the window wider. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  ui_test_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 360);
  g_assert_false (banner_buttons_beside_text (banner));
  g_clear_object (&texture);
  texture = render_window (GTK_WINDOW (f->window));
  ui_test_save_artifact (texture, "accounts-window-banner-narrow.png");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1024, 700);
  ui_test_wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_true (banner_buttons_beside_text (banner));

  credentials = carto_credentials_new (LOCAL_USER, LOCAL_KEY, LOCAL_URL, CARTO_CREDENTIALS_ALLOW_NON_SECURE, &error);
  g_assert_no_error (error);
  carto_credential_store_add_async (f->store, credentials, NULL, add_cb, &account);
  g_assert_true (ui_test_wait_until (has_account, &account, 10000));
  g_assert_true (carto_credential_store_set_default (f->store, account, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, LOCAL_USER " · 127.0.0.1:9");
  g_assert_true (ui_test_wait_until (banner_hidden, banner, 2000));

  /* A second account, picked as the default in the switcher's popover. */
  g_clear_object (&credentials);
  g_clear_object (&account);
  credentials = carto_credentials_new (CLOUD_USER, NULL, NULL, CARTO_CREDENTIALS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  carto_credential_store_add_async (f->store, credentials, NULL, add_cb, &account);
  g_assert_true (ui_test_wait_until (has_account, &account, 10000));

  switcher = find_widget (GTK_WIDGET (f->window), VIEWER_TYPE_ACCOUNT_SWITCHER, NULL);
  g_assert_nonnull (switcher);
  menu_button = find_widget (switcher, GTK_TYPE_MENU_BUTTON, NULL);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  g_assert_true (ui_test_wait_until (is_mapped, popover, 5000));
  ui_test_iterate (300);
  g_clear_object (&texture);
  texture = render_window (popover);
  ui_test_save_artifact (texture, "accounts-switcher.png");

  row = find_widget (popover, ADW_TYPE_ACTION_ROW, CLOUD_USER);
  g_assert_nonnull (row);
  check = find_widget (row, GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (find_widget (find_widget (popover, ADW_TYPE_ACTION_ROW, LOCAL_USER),
                                                                              GTK_TYPE_CHECK_BUTTON, NULL))));
  gtk_widget_activate (row);
  g_assert_true (carto_credential_store_get_default (f->store) == account);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, CLOUD_USER " · " CLOUD_USER ".carto.com");
}

static gboolean
label_shown (gpointer data)
{
  return gtk_widget_get_visible (data) && *gtk_label_get_text (data) != '\0';
}

/* No Secret Service on the bus (CARTO_TEST_KEYRING=none): the page says
 * what to do, nothing is written anywhere else, and the map works. */
static void
test_no_keyring (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GdkTexture) texture = NULL;
  const GError *load_error;
  ViewerAccountDialog *dialog;
  GtkWidget *save_error;
  GtkWidget *banner;

  f->context = viewer_context_new ();
  f->store = viewer_context_get_credential_store (f->context);
  viewer_context_load_accounts (f->context);
  g_assert_true (ui_test_wait_until (not_loading, f->context, 30000));
  load_error = viewer_context_get_accounts_error (f->context);
  g_assert_error (load_error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_KEYRING_UNAVAILABLE);

  /* Opening the page tries the keyring again. */
  open_preferences (f);
  g_assert_true (ui_test_wait_until (not_loading, f->context, 30000));
  ui_test_iterate (100);
  load_error = viewer_context_get_accounts_error (f->context);
  g_assert_error (load_error, CARTO_CREDENTIALS_ERROR, CARTO_CREDENTIALS_ERROR_KEYRING_UNAVAILABLE);
  g_assert_true (is_drawn (find_widget (GTK_WIDGET (f->prefs), GTK_TYPE_LABEL, "Accounts Unavailable")));
  g_assert_true (is_drawn (find_widget (GTK_WIDGET (f->prefs), GTK_TYPE_LABEL, load_error->message)));
  g_assert_true (is_drawn (find_widget (GTK_WIDGET (f->prefs), GTK_TYPE_BUTTON, "Try Again")));
  screenshot_light_and_dark (GTK_WINDOW (f->prefs), "accounts-no-keyring");

  /* Saving cannot work: the form says why and stays open. */
  dialog = viewer_account_dialog_new (GTK_WINDOW (f->prefs), f->context, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  set_row_text (dialog, "Username or Server Address", CLOUD_USER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "account.save", NULL));
  /* The form is valid, so the one label styled as an error is Save's. */
  save_error = find_with_class (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "error");
  g_assert_nonnull (save_error);
  g_assert_true (ui_test_wait_until (label_shown, save_error, 30000));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (save_error)), "keyring"));
  g_assert_true (find_dialog () == dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The main window opens, its banner explains, the map is there. */
  f->window = viewer_window_new (test_app, f->context);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (ui_test_wait_until (is_mapped, f->window, 5000));
  banner = find_widget (GTK_WIDGET (f->window), VIEWER_TYPE_ACCOUNT_BANNER, NULL);
  g_assert_true (viewer_account_banner_get_revealed (VIEWER_ACCOUNT_BANNER (banner)));
  g_assert_nonnull (find_widget (banner, GTK_TYPE_LABEL, load_error->message));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (viewer_map_view_get_simple_map (viewer_window_get_map_view (f->window)))));

  ui_test_iterate (500);
  texture = render_window (f->window);
  ui_test_save_artifact (texture, "accounts-window-no-keyring.png");
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  test_app = ui_test_app_new ("io.github.cartoviewer.CartoViewer.Test");

  /* The same binary runs a second time without a Secret Service. */
  if (g_strcmp0 (g_getenv ("CARTO_TEST_KEYRING"), "none") == 0)
    {
      g_test_add ("/accounts/no-keyring", Fixture, NULL, NULL, test_no_keyring, fixture_teardown);
      return g_test_run ();
    }

  g_test_add ("/accounts/empty", Fixture, NULL, fixture_setup, test_empty, fixture_teardown);
  g_test_add ("/accounts/add-default-remove-undo", Fixture, NULL, fixture_setup, test_add_default_remove_undo, fixture_teardown);
  g_test_add ("/accounts/validation-error", Fixture, NULL, fixture_setup, test_validation_error, fixture_teardown);
  g_test_add ("/accounts/window", Fixture, NULL, fixture_setup, test_window, fixture_teardown);

  return g_test_run ();
}
