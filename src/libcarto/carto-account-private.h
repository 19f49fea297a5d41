/* carto-account-private.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the credential store creates accounts and changes them.
 */

#pragma once

#include "carto-account.h"

G_BEGIN_DECLS

CartoAccount *carto_account_new             (CartoCredentials *credentials);
void          carto_account_set_credentials (CartoAccount     *self,
                                             CartoCredentials *credentials);
void          carto_account_set_is_default  (CartoAccount     *self,
                                             gboolean          is_default);

G_END_DECLS
