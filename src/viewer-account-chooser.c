/* viewer-account-chooser.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkDropDown over the credential store, the default account first, as
 * the Datasets panel and the SQL console offer it. The button shows the
 * username; the list adds the server, since one username can live on
 * several servers.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "viewer-account-chooser.h"

static int
compare_accounts (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  gboolean a_default = carto_account_get_is_default (CARTO_ACCOUNT ((gpointer) a));
  gboolean b_default = carto_account_get_is_default (CARTO_ACCOUNT ((gpointer) b));

  /* The sort is stable: the others keep the store's order. */
  return (int) b_default - (int) a_default;
}

static void
on_default_changed_cb (GtkSorter *sorter)
{
  gtk_sorter_changed (sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static void
setup_button_item_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_button_item_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  CartoAccount *account = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), carto_account_get_username (account));
}

static void
setup_list_item_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_item_set_child (item, box);
}

static void
bind_list_item_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  CartoAccount *account = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *host = carto_account_dup_host (account);
  g_autofree char *detail = NULL;

  if (carto_account_get_is_default (account))
    /* Translators: under an account's name in a list: its server, and
     * that it is the default account. */
    detail = g_strdup_printf (_("%s · Default"), host);
  else
    detail = g_steal_pointer (&host);

  gtk_label_set_text (GTK_LABEL (title), carto_account_get_username (account));
  gtk_label_set_text (GTK_LABEL (subtitle), detail);
}

static GtkListItemFactory *
new_factory (GCallback setup,
             GCallback bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, NULL);
  return factory;
}

/**
 * viewer_account_chooser_setup:
 * @drop_down: a drop-down
 * @store: the accounts
 *
 * Lists @store's accounts in @drop_down, the default account first, so a
 * new chooser starts on it.
 */
void
viewer_account_chooser_setup (GtkDropDown          *drop_down,
                              CartoCredentialStore *store)
{
  g_autoptr(GtkListItemFactory) button_factory = NULL;
  g_autoptr(GtkListItemFactory) list_factory = NULL;
  GtkSortListModel *sorted;
  GtkSorter *sorter;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));
  g_return_if_fail (CARTO_IS_CREDENTIAL_STORE (store));

  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_accounts, NULL, NULL));
  g_signal_connect_object (store, "notify::default-account",
                           G_CALLBACK (on_default_changed_cb), sorter, G_CONNECT_SWAPPED);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (store)), sorter);

  button_factory = new_factory (G_CALLBACK (setup_button_item_cb), G_CALLBACK (bind_button_item_cb));
  list_factory = new_factory (G_CALLBACK (setup_list_item_cb), G_CALLBACK (bind_list_item_cb));
  gtk_drop_down_set_factory (drop_down, button_factory);
  gtk_drop_down_set_list_factory (drop_down, list_factory);
  gtk_drop_down_set_model (drop_down, G_LIST_MODEL (sorted));
  g_object_unref (sorted);
}

/**
 * viewer_account_chooser_get_selected:
 * @drop_down: a drop-down set up with viewer_account_chooser_setup()
 *
 * Returns: (transfer none) (nullable): the chosen account
 */
CartoAccount *
viewer_account_chooser_get_selected (GtkDropDown *drop_down)
{
  gpointer item;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (drop_down), NULL);

  item = gtk_drop_down_get_selected_item (drop_down);
  return CARTO_IS_ACCOUNT (item) ? CARTO_ACCOUNT (item) : NULL;
}

/**
 * viewer_account_chooser_select:
 * @drop_down: a drop-down set up with viewer_account_chooser_setup()
 * @account: an account of the store
 *
 * Returns: whether @account was found and chosen
 */
gboolean
viewer_account_chooser_select (GtkDropDown  *drop_down,
                               CartoAccount *account)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (drop_down), FALSE);
  g_return_val_if_fail (CARTO_IS_ACCOUNT (account), FALSE);

  model = gtk_drop_down_get_model (drop_down);
  n = model != NULL ? g_list_model_get_n_items (model) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CartoAccount) candidate = g_list_model_get_item (model, i);

      if (candidate == account)
        {
          gtk_drop_down_set_selected (drop_down, i);
          return TRUE;
        }
    }

  return FALSE;
}
