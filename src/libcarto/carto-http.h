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

SoupSession *carto_http_session_new      (void);
char        *carto_http_redact_uri       (GUri       *uri);
char        *carto_http_redact_uri_string (const char *uri);
GUri        *carto_http_strip_api_key    (GUri       *uri);

G_END_DECLS
