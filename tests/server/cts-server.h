/* cts-server.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <libsoup/soup.h>

#include "cts-config.h"
#include "cts-control.h"
#include "cts-db.h"

G_BEGIN_DECLS

typedef enum {
  CTS_API_NONE,
  CTS_API_SQL,
  CTS_API_MAPS,
  CTS_API_KEYS,
} CtsApi;

typedef struct _CtsServer CtsServer;
typedef struct _CtsRequest CtsRequest;

struct _CtsServer
{
  SoupServer *soup;
  CtsConfig *config;
  CtsDb *db;
  CtsLimits limits;          /* the config's, as the control endpoint changed them */
  guint port;
  FILE *log;
  CtsStats *stats;
  GPtrArray *faults;         /* CtsFault */
  GHashTable *rate_windows;  /* "user\napi" → RateWindow */
  GHashTable *layergroups;   /* layergroupid → CtsLayergroup */
  GBytes *fallback_tile;
};

struct _CtsRequest
{
  CtsServer *server;
  SoupServerMessage *msg;
  gint64 start_us;
  char *method;
  char *path;
  char *redacted_uri;        /* for the log: no api_key/map_key values */
  CtsApi api;
  const char *kind;          /* stats category: sql, map, tile, keys, other */
  GHashTable *query;         /* query string parameters */
  GHashTable *params;        /* query + body parameters (body wins) */
  CtsUser *user;
  char *user_name;           /* as addressed, even when unknown */
  gboolean cloud_form;       /* user taken from the Host header */
  char *api_path;            /* the path after /user/NAME */
  CtsKey *key;               /* the key used; default_public when none sent */
  char *sent_token;          /* the token as sent, NULL when none */
  CtsFault *fault;           /* a copy of the fault this request meets */
  GPtrArray *headers;        /* name, value pairs for the response */
};

CtsServer  *cts_server_new              (CtsConfig    *config,
                                         CtsDb        *db,
                                         guint         port,
                                         FILE         *log,
                                         GError      **error);
void        cts_server_free             (CtsServer    *server);

void        cts_request_add_header      (CtsRequest   *req,
                                         const char   *name,
                                         const char   *value);
void        cts_request_respond         (CtsRequest   *req,
                                         guint         status,
                                         const char   *content_type,
                                         GBytes       *body);
void        cts_request_respond_string  (CtsRequest   *req,
                                         guint         status,
                                         const char   *content_type,
                                         GString      *body);
char       *cts_request_dup_base_url    (CtsRequest   *req);
const char *cts_request_get_param       (CtsRequest   *req,
                                         const char   *name);

void        cts_json_append_string      (GString      *out,
                                         const char   *value);
GString    *cts_sql_error_body          (const char   *message,
                                         const char   *context,
                                         const char   *detail,
                                         const char   *hint);
GString    *cts_maps_error_body         (const char   *message,
                                         const char   *type,
                                         const char   *subtype,
                                         const char   *layer_id,
                                         int           layer_index);

G_END_DECLS
