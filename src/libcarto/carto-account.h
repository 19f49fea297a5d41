/* carto-account.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include "carto-credentials.h"

G_BEGIN_DECLS

#define CARTO_TYPE_ACCOUNT (carto_account_get_type ())

G_DECLARE_FINAL_TYPE (CartoAccount, carto_account, CARTO, ACCOUNT, GObject)

CartoCredentials *carto_account_get_credentials (CartoAccount *self);
const char       *carto_account_get_username    (CartoAccount *self);
const char       *carto_account_get_base_url    (CartoAccount *self);
char             *carto_account_dup_host        (CartoAccount *self);
gboolean          carto_account_is_public       (CartoAccount *self);
gboolean          carto_account_get_is_default  (CartoAccount *self);

G_END_DECLS
