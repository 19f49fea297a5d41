/* carto-source.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <gio/gio.h>

#include "carto-credential-store.h"
#include "carto-credentials.h"

G_BEGIN_DECLS

#define CARTO_TYPE_SOURCE (carto_source_get_type ())

G_DECLARE_FINAL_TYPE (CartoSource, carto_source, CARTO, SOURCE, GObject)

gboolean          carto_source_data_is_query          (const char           *data);

CartoSource      *carto_source_new                    (const char           *data,
                                                       CartoCredentials     *credentials,
                                                       CartoCredentialStore *store);
CartoSource      *carto_source_new_for_account        (const char           *data,
                                                       const char           *username,
                                                       const char           *base_url,
                                                       CartoCredentialStore *store);

const char       *carto_source_get_data               (CartoSource          *self);
gboolean          carto_source_is_query               (CartoSource          *self);
const char       *carto_source_get_sql                (CartoSource          *self);
CartoCredentials *carto_source_get_credentials        (CartoSource          *self);
CartoCredentialStore *carto_source_get_credential_store (CartoSource        *self);
CartoCredentials *carto_source_get_effective_credentials (CartoSource       *self);
const char       *carto_source_get_account_username   (CartoSource          *self);
const char       *carto_source_get_account_base_url   (CartoSource          *self);
gboolean          carto_source_get_account_missing    (CartoSource          *self);

char             *carto_source_dup_map_sql            (CartoSource          *self,
                                                       const char *const    *columns);
char             *carto_source_dup_map_sql_for        (const char           *sql,
                                                       const char *const    *columns);

G_END_DECLS
