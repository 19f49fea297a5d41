/* carto-http.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(CARTO_INSIDE) && !defined(CARTO_COMPILATION)
#error "Only <carto.h> can be included directly."
#endif

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define CARTO_HTTP_ERROR (carto_http_error_quark ())

/**
 * CartoHttpError:
 * @CARTO_HTTP_ERROR_FAILED: anything else
 * @CARTO_HTTP_ERROR_OFFLINE: the server could not be reached
 * @CARTO_HTTP_ERROR_TIMEOUT: the server did not answer in time
 * @CARTO_HTTP_ERROR_TLS: the secure connection failed (certificate…)
 * @CARTO_HTTP_ERROR_UNAUTHORIZED: 401, the key is not valid
 * @CARTO_HTTP_ERROR_FORBIDDEN: 403, the key may not do this
 * @CARTO_HTTP_ERROR_NOT_FOUND: 404
 * @CARTO_HTTP_ERROR_RATE_LIMITED: 429
 * @CARTO_HTTP_ERROR_SERVER: 5xx
 * @CARTO_HTTP_ERROR_BAD_RESPONSE: an answer we cannot read
 *
 * Transport and status failures, by what a person can do about them.
 */
typedef enum
{
  CARTO_HTTP_ERROR_FAILED,
  CARTO_HTTP_ERROR_OFFLINE,
  CARTO_HTTP_ERROR_TIMEOUT,
  CARTO_HTTP_ERROR_TLS,
  CARTO_HTTP_ERROR_UNAUTHORIZED,
  CARTO_HTTP_ERROR_FORBIDDEN,
  CARTO_HTTP_ERROR_NOT_FOUND,
  CARTO_HTTP_ERROR_RATE_LIMITED,
  CARTO_HTTP_ERROR_SERVER,
  CARTO_HTTP_ERROR_BAD_RESPONSE,
} CartoHttpError;

GQuark       carto_http_error_quark      (void);
GError      *carto_http_error_from_transport (const GError *error);
GError      *carto_http_error_from_status    (guint         status);

SoupSession *carto_http_session_new      (void);
char        *carto_http_redact_uri       (GUri       *uri);
char        *carto_http_redact_uri_string (const char *uri);
GUri        *carto_http_strip_api_key    (GUri       *uri);

G_END_DECLS
