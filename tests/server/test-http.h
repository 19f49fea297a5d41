/* test-http.h — plain libsoup requests for the server's tests
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct {
  guint status;
  GBytes *body;
  SoupMessageHeaders *headers;
  GError *error;       /* a transport error (reset, refused…) */
  double seconds;
} HttpReply;

HttpReply  *http_send            (const char         *method,
                                  const char         *url,
                                  const char         *content_type,
                                  const char         *body,
                                  const char * const *headers);
HttpReply  *http_get             (const char         *url);
HttpReply  *http_post_form       (const char         *url,
                                  ...) G_GNUC_NULL_TERMINATED;
void        http_reply_free      (HttpReply          *reply);
JsonNode   *http_reply_json      (HttpReply          *reply);
const char *http_reply_header    (HttpReply          *reply,
                                  const char         *name);
char       *http_reply_text      (HttpReply          *reply);
char       *http_sql_url         (const char         *base_url,
                                  const char         *q,
                                  ...) G_GNUC_NULL_TERMINATED;
JsonNode   *json_get             (JsonNode           *node,
                                  const char         *path);
const char *json_get_string      (JsonNode           *node,
                                  const char         *path);
gint64      json_get_int         (JsonNode           *node,
                                  const char         *path);
char       *json_first_error     (JsonNode           *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpReply, http_reply_free)

G_END_DECLS
