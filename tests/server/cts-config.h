/* cts-config.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CTS_ERROR (cts_error_quark ())

typedef enum {
  CTS_ERROR_FAILED,
  CTS_ERROR_CONFIG,
  CTS_ERROR_CLUSTER,
  CTS_ERROR_DATABASE,
} CtsError;

GQuark cts_error_quark (void);

/* The role every default_public key uses, in every user's database, as
 * CARTO's `publicuser`: users are isolated by having a database each. */
#define CTS_PUBLIC_ROLE "publicuser"

typedef enum {
  CTS_KEY_MASTER,
  CTS_KEY_DEFAULT,
  CTS_KEY_REGULAR,
} CtsKeyType;

typedef enum {
  CTS_PRIVACY_PUBLIC,
  CTS_PRIVACY_LINK,
  CTS_PRIVACY_PRIVATE,
} CtsPrivacy;

typedef struct {
  char *table;
  char **permissions;   /* select, insert, update, delete */
} CtsTableGrant;

typedef struct {
  char *name;           /* "master", "default_public" or the regular key's name */
  CtsKeyType type;
  char *token;
  char *role;           /* database role the key's queries run as */
  gboolean grants_sql;
  gboolean grants_maps;
  GPtrArray *table_grants; /* CtsTableGrant */
} CtsKey;

typedef struct {
  char *name;
  char *type;           /* SQL type, checked against a short allow-list */
} CtsColumn;

typedef struct {
  char *name;
  CtsPrivacy privacy;
  GPtrArray *columns;   /* CtsColumn, without cartodb_id and the geometries */
  char *geometry_type;  /* Point, MultiPolygon…; "Geometry" when generic */
  /* exactly one source */
  char *file;           /* .csv or .geojson, relative to the data dir */
  JsonNode *geojson;    /* inline FeatureCollection */
  JsonNode *rows;       /* inline array of objects; "the_geom" holds WKT/EWKT */
  char *sql;            /* a SELECT returning the columns and the_geom */
} CtsTable;

typedef struct {
  char *name;
  char *database;
  char *schema;
  char *role;           /* the master role */
  GPtrArray *keys;      /* CtsKey */
  GPtrArray *tables;    /* CtsTable */
} CtsUser;

typedef struct {
  guint statement_timeout_ms;
  guint max_rows;
  guint64 max_result_bytes;
  guint rate_limit_requests;   /* 0: off */
  guint rate_limit_period_s;
  guint map_ttl_s;
} CtsLimits;

typedef struct {
  char *path;
  char *contents;       /* the file as read, for the template hash */
  GPtrArray *users;     /* CtsUser */
  CtsLimits limits;
} CtsConfig;

CtsConfig *cts_config_load      (const char  *path,
                                 GError     **error);
void       cts_config_free      (CtsConfig   *config);
CtsUser   *cts_config_find_user (CtsConfig   *config,
                                 const char  *name);
CtsKey    *cts_user_find_key_by_token (CtsUser    *user,
                                       const char *token);
CtsKey    *cts_user_find_key_by_type  (CtsUser    *user,
                                       CtsKeyType  type);
CtsTable  *cts_user_find_table        (CtsUser    *user,
                                       const char *name);
const char *cts_privacy_to_string (CtsPrivacy privacy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtsConfig, cts_config_free)

G_END_DECLS
