/* carto-credential-store.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <gio/gio.h>
#include <libsecret/secret.h>

#include "carto-account.h"
#include "carto-credentials.h"

G_BEGIN_DECLS

/**
 * CARTO_CREDENTIAL_STORE_SCHEMA_NAME:
 *
 * The libsecret schema of stored accounts, named after the application ID.
 */
#define CARTO_CREDENTIAL_STORE_SCHEMA_NAME "io.github.cartoviewer.CartoViewer.Account"

/**
 * CARTO_CREDENTIAL_STORE_FORMAT_VERSION:
 *
 * The value of the `version` attribute of the items this code writes; a
 * later format bumps it and migrates.
 */
#define CARTO_CREDENTIAL_STORE_FORMAT_VERSION "1"

#define CARTO_TYPE_CREDENTIAL_STORE (carto_credential_store_get_type ())

G_DECLARE_FINAL_TYPE (CartoCredentialStore, carto_credential_store, CARTO, CREDENTIAL_STORE, GObject)

const SecretSchema   *carto_credential_store_get_schema     (void);

CartoCredentialStore *carto_credential_store_new            (GSettings            *settings);

void                  carto_credential_store_load_async     (CartoCredentialStore *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean              carto_credential_store_load_finish    (CartoCredentialStore *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
gboolean              carto_credential_store_get_loaded     (CartoCredentialStore *self);

void                  carto_credential_store_add_async      (CartoCredentialStore *self,
                                                             CartoCredentials     *credentials,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
CartoAccount         *carto_credential_store_add_finish     (CartoCredentialStore *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

void                  carto_credential_store_remove_async   (CartoCredentialStore *self,
                                                             const char           *username,
                                                             const char           *base_url,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean              carto_credential_store_remove_finish  (CartoCredentialStore *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

CartoAccount         *carto_credential_store_lookup         (CartoCredentialStore *self,
                                                             const char           *username,
                                                             const char           *base_url);
CartoAccount         *carto_credential_store_resolve        (CartoCredentialStore *self,
                                                             const char           *name,
                                                             GError              **error);

CartoAccount         *carto_credential_store_get_default    (CartoCredentialStore *self);
gboolean              carto_credential_store_set_default    (CartoCredentialStore *self,
                                                             CartoAccount         *account,
                                                             GError              **error);

G_END_DECLS
