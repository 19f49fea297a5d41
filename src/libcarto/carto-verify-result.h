/* carto-verify-result.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CartoVerifyStatus:
 * @CARTO_VERIFY_STATUS_OK: the server accepted the credentials
 * @CARTO_VERIFY_STATUS_UNKNOWN_USER: the server has no such user (404)
 * @CARTO_VERIFY_STATUS_INVALID_KEY: the server does not know the key (401)
 * @CARTO_VERIFY_STATUS_FORBIDDEN: the key may not use the SQL API, or the
 *   username is not the base URL's user (403)
 * @CARTO_VERIFY_STATUS_UNREACHABLE: no connection, no answer in time
 * @CARTO_VERIFY_STATUS_TLS_ERROR: the secure connection failed
 * @CARTO_VERIFY_STATUS_RATE_LIMITED: too many requests (429); see
 *   carto_verify_result_get_retry_after()
 * @CARTO_VERIFY_STATUS_SERVER_ERROR: the server failed (5xx)
 * @CARTO_VERIFY_STATUS_BAD_RESPONSE: the answer is not a CARTO SQL API's
 *
 * How a check of credentials against their server ended.
 */
typedef enum
{
  CARTO_VERIFY_STATUS_OK,
  CARTO_VERIFY_STATUS_UNKNOWN_USER,
  CARTO_VERIFY_STATUS_INVALID_KEY,
  CARTO_VERIFY_STATUS_FORBIDDEN,
  CARTO_VERIFY_STATUS_UNREACHABLE,
  CARTO_VERIFY_STATUS_TLS_ERROR,
  CARTO_VERIFY_STATUS_RATE_LIMITED,
  CARTO_VERIFY_STATUS_SERVER_ERROR,
  CARTO_VERIFY_STATUS_BAD_RESPONSE,
} CartoVerifyStatus;

/**
 * CartoKeyAccess:
 * @CARTO_KEY_ACCESS_UNKNOWN: not known (the check failed, or the server
 *   named a role we do not recognise)
 * @CARTO_KEY_ACCESS_PUBLIC: public datasets only (`default_public`)
 * @CARTO_KEY_ACCESS_REGULAR: a regular key: the datasets it was granted
 * @CARTO_KEY_ACCESS_MASTER: the master key: everything of the account
 *
 * What a key can see, from the database role it runs as
 * (docs/carto-api.md §3).
 */
typedef enum
{
  CARTO_KEY_ACCESS_UNKNOWN,
  CARTO_KEY_ACCESS_PUBLIC,
  CARTO_KEY_ACCESS_REGULAR,
  CARTO_KEY_ACCESS_MASTER,
} CartoKeyAccess;

#define CARTO_TYPE_VERIFY_RESULT (carto_verify_result_get_type ())

G_DECLARE_FINAL_TYPE (CartoVerifyResult, carto_verify_result, CARTO, VERIFY_RESULT, GObject)

CartoVerifyStatus carto_verify_result_get_status      (CartoVerifyResult *self);
gboolean          carto_verify_result_is_ok           (CartoVerifyResult *self);
CartoKeyAccess    carto_verify_result_get_key_access  (CartoVerifyResult *self);
const char       *carto_verify_result_get_message     (CartoVerifyResult *self);
guint             carto_verify_result_get_http_status (CartoVerifyResult *self);
gint64            carto_verify_result_get_retry_after (CartoVerifyResult *self);

G_END_DECLS
