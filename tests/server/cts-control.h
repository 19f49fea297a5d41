/* cts-control.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct {
  guint total;
  guint sql;
  guint map;
  guint tile;
  guint keys;
  guint other;
  GHashTable *paths;    /* path without query → count */
} CtsStats;

/* A fault knob set; every member off by default. */
typedef struct {
  char *path_prefix;       /* NULL: every API request */
  int remaining;           /* requests left to meet it; -1: until cleared */
  guint latency_ms;
  guint status;            /* 500, 502, 503, 429… */
  guint retry_after;       /* seconds, with status */
  gboolean reset;          /* close the connection mid-body */
  gboolean truncate_tile;  /* a 200 tile cut in half */
  gboolean garbage_tile;   /* a 200 tile of random bytes */
  gboolean invalid_json;   /* a 200 JSON body cut short */
  guint64 huge_body_bytes; /* a 200 body this big */
  char *redirect_to;       /* 302 to this base URL (another host) */
} CtsFault;

CtsStats *cts_stats_new     (void);
void      cts_stats_free    (CtsStats   *stats);
void      cts_stats_count   (CtsStats   *stats,
                             const char *kind,
                             const char *path);
void      cts_stats_reset   (CtsStats   *stats);
char     *cts_stats_to_json (CtsStats   *stats);

CtsFault  *cts_fault_copy   (const CtsFault *fault);
void       cts_fault_free   (CtsFault       *fault);
GPtrArray *cts_faults_parse (const char     *json,
                             gsize           length,
                             GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtsFault, cts_fault_free)

G_END_DECLS
