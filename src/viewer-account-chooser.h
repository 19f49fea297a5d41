/* viewer-account-chooser.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <carto.h>
#include <gtk/gtk.h>

G_BEGIN_DECLS

void          viewer_account_chooser_setup        (GtkDropDown          *drop_down,
                                                   CartoCredentialStore *store);
CartoAccount *viewer_account_chooser_get_selected (GtkDropDown          *drop_down);
gboolean      viewer_account_chooser_select       (GtkDropDown          *drop_down,
                                                   CartoAccount         *account);

G_END_DECLS
