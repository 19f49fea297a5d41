/* cts-db.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* SQLSTATEs of our own, for errors the server raises itself. */
#define CTS_STATE_CONNECTION "08000"
#define CTS_STATE_SYSTEM_TABLES "CTS01"
#define CTS_STATE_TOO_LARGE "CTS02"
#define CTS_STATE_TIMEOUT "57014"

typedef struct _CtsDb CtsDb;

typedef struct {
  char *message;
  char *sqlstate;
  char *detail;
  char *hint;
  char *context;
} CtsPgError;

typedef struct {
  int n_fields;
  char **field_names;
  Oid *field_types;
  int *field_mods;
  GPtrArray *rows;       /* char ** of n_fields values; NULL = SQL NULL */
  GPtrArray *lengths;    /* int * per row, for binary values */
  gint64 affected;       /* PQcmdTuples, -1 if none */
  GPtrArray *notices;    /* pairs: severity ("notices"…), message */
  CtsPgError *error;     /* set when the query failed; rows hold what came first */
  double seconds;
  GHashTable *type_names; /* borrowed: oid → typname for this database */
} CtsQueryResult;

typedef struct {
  const char *dbname;
  const char *role;
  const char *schema;
  const char *sql;
  int n_params;
  const char * const *params;
  guint statement_timeout_ms;
  guint max_rows;              /* 0: no cap */
  guint64 max_bytes;           /* 0: no cap */
  gboolean check_system_tables;
  gboolean binary;             /* results in binary format (bytea tiles) */
} CtsQuerySpec;

CtsDb          *cts_db_new            (const char          *base_conninfo);
void            cts_db_free           (CtsDb               *db);
PGconn         *cts_db_connect        (CtsDb               *db,
                                       const char          *dbname,
                                       const char          *role,
                                       GError             **error);
gboolean        cts_db_exec           (PGconn              *conn,
                                       const char          *sql,
                                       GError             **error);
PGresult       *cts_db_exec_params    (PGconn              *conn,
                                       const char          *sql,
                                       int                  n_params,
                                       const char * const  *params,
                                       GError             **error);
char           *cts_db_quote_ident    (PGconn              *conn,
                                       const char          *name);
CtsQueryResult *cts_db_run_query      (CtsDb               *db,
                                       const CtsQuerySpec  *spec);
void            cts_db_run_query_async  (CtsDb               *db,
                                         const CtsQuerySpec  *spec,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
CtsQueryResult *cts_db_run_query_finish (GAsyncResult        *result);
void            cts_query_result_free (CtsQueryResult      *result);
const char     *cts_query_result_type_name (CtsQueryResult *result,
                                            int             field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CtsQueryResult, cts_query_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
