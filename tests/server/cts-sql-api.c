/* cts-sql-api.c — SQL API v2 (/api/v2/sql) and the keys API (/api/v3/…)
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cts-sql-api.h"

#define JSON_TYPE "application/json; charset=utf-8"
#define TIMEOUT_MESSAGE "You are over platform's limits: SQL query timeout error. " \
                        "Refactor your query before running again or contact CARTO support for more details."

/* PostGIS' type names, in typmod order (liblwgeom). */
static const char * const wkb_types[] = {
  "Unknown", "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString",
  "MultiPolygon", "GeometryCollection", "CircularString", "CompoundCurve",
  "CurvePolygon", "MultiCurvePolygon", "PolyhedralSurface", "Triangle", "TIN",
};

typedef enum {
  FORMAT_JSON,
  FORMAT_GEOJSON,
} Format;

typedef struct {
  CtsRequest *req;
  Format format;
  char **skipfields;
  char *callback;
  char *filename;
  gboolean attachment;
} SqlCall;

static void
sql_call_free (SqlCall *call)
{
  g_strfreev (call->skipfields);
  g_free (call->callback);
  g_free (call->filename);
  g_free (call);
}

/**
 * cts_sql_is_timeout:
 * @message: a PostgreSQL error message
 *
 * Returns: whether CARTO reports it as a statement timeout
 */
gboolean
cts_sql_is_timeout (const char *message)
{
  return message != NULL &&
         (strstr (message, "statement timeout") != NULL ||
          strstr (message, "canceling statement due to user request") != NULL);
}

/**
 * cts_sql_type_for:
 * @pgtype: (nullable): a PostgreSQL type name
 *
 * The SQL API's `type` for a field, by node-postgres-era rules: bool →
 * boolean; int, float, numeric → number (interval too, by substring);
 * text, char, unknown → string; date, time → date; arrays add `[]`.
 *
 * Returns: (transfer full): the type
 */
char *
cts_sql_type_for (const char *pgtype)
{
  const char *t;

  if (pgtype == NULL)
    return NULL;
  if (strstr (pgtype, "bool") != NULL)
    t = "boolean";
  else if (strstr (pgtype, "int") != NULL || strstr (pgtype, "float") != NULL || strstr (pgtype, "numeric") != NULL)
    t = "number";
  else if (strstr (pgtype, "text") != NULL || strstr (pgtype, "char") != NULL || strstr (pgtype, "unknown") != NULL)
    t = "string";
  else if (strstr (pgtype, "date") != NULL || strstr (pgtype, "time") != NULL)
    t = "date";
  else
    t = pgtype;
  return g_strconcat (t, pgtype[0] == '_' ? "[]" : "", NULL);
}

/**
 * cts_append_js_number:
 * @out: a string being built
 * @value: a finite number
 *
 * Appends @value as JavaScript's Number#toString() spells it (shortest
 * round-trip digits; exponent only below 1e-6 or from 1e21).
 */
void
cts_append_js_number (GString *out,
                      double   value)
{
  char buf[64];
  char digits[32];
  int n_digits = 0;
  int exponent;
  int point;
  char *e;

  if (value == 0)
    {
      g_string_append_c (out, '0');
      return;
    }
  for (int precision = 1; precision <= 17; precision++)
    {
      snprintf (buf, sizeof buf, "%.*e", precision - 1, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  if (value < 0)
    g_string_append_c (out, '-');
  e = strchr (buf, 'e');
  exponent = atoi (e + 1);
  for (char *p = buf; p < e; p++)
    if (g_ascii_isdigit (*p))
      digits[n_digits++] = *p;
  while (n_digits > 1 && digits[n_digits - 1] == '0')
    n_digits--;
  digits[n_digits] = '\0';

  point = exponent + 1;
  if (point > 21 || point <= -6)
    {
      g_string_append_c (out, digits[0]);
      if (n_digits > 1)
        g_string_append_printf (out, ".%s", digits + 1);
      g_string_append_printf (out, "e%s%d", exponent >= 0 ? "+" : "-", ABS (exponent));
    }
  else if (point <= 0)
    {
      g_string_append (out, "0.");
      for (int i = 0; i < -point; i++)
        g_string_append_c (out, '0');
      g_string_append (out, digits);
    }
  else if (point >= n_digits)
    {
      g_string_append (out, digits);
      for (int i = n_digits; i < point; i++)
        g_string_append_c (out, '0');
    }
  else
    {
      g_string_append_len (out, digits, point);
      g_string_append_c (out, '.');
      g_string_append (out, digits + point);
    }
}

static void
append_float (GString    *out,
              const char *text)
{
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  /* JSON.stringify would give null; CARTO's replacer gives strings. */
  if (isnan (value))
    g_string_append (out, "\"NaN\"");
  else if (isinf (value))
    g_string_append (out, value > 0 ? "\"Infinity\"" : "\"-Infinity\"");
  else if (end == text)
    cts_json_append_string (out, text);
  else
    cts_append_js_number (out, value);
}

/* date-to-json.js: local time fields plus the offset; the session (and so
 * "local") time zone is UTC here. */
static void
append_date (GString    *out,
             const char *text)
{
  char buf[32];

  if (!g_ascii_isdigit (text[0]) || strlen (text) < 10)
    {
      cts_json_append_string (out, text);
      return;
    }
  if (strlen (text) >= 19 && (text[10] == ' ' || text[10] == 'T'))
    {
      memcpy (buf, text, 19);
      buf[10] = 'T';
      buf[19] = '\0';
    }
  else
    g_snprintf (buf, sizeof buf, "%.10sT00:00:00", text);
  g_string_append_printf (out, "\"%sZ\"", buf);
}

static void append_value (GString *out, const char *pgtype, const char *text);

/* node-postgres parses one-dimensional arrays of the types it knows. */
static void
append_array (GString    *out,
              const char *element_type,
              const char *text)
{
  const char *p = text;
  gboolean first = TRUE;

  if (*p != '{' || strchr (p + 1, '{') != NULL)
    {
      cts_json_append_string (out, text);
      return;
    }
  p++;
  g_string_append_c (out, '[');
  while (*p != '\0' && *p != '}')
    {
      g_autoptr(GString) item = g_string_new (NULL);
      gboolean quoted = FALSE;

      if (*p == '"')
        {
          quoted = TRUE;
          for (p++; *p != '\0' && *p != '"'; p++)
            {
              if (*p == '\\' && p[1] != '\0')
                p++;
              g_string_append_c (item, *p);
            }
          if (*p == '"')
            p++;
        }
      else
        for (; *p != '\0' && *p != ',' && *p != '}'; p++)
          g_string_append_c (item, *p);

      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      if (!quoted && g_str_equal (item->str, "NULL"))
        g_string_append (out, "null");
      else
        append_value (out, element_type, item->str);
      if (*p == ',')
        p++;
    }
  g_string_append_c (out, ']');
}

static void
append_value (GString    *out,
              const char *pgtype,
              const char *text)
{
  if (text == NULL)
    g_string_append (out, "null");
  else if (pgtype == NULL)
    cts_json_append_string (out, text);
  else if (g_str_equal (pgtype, "bool"))
    g_string_append (out, text[0] == 't' ? "true" : "false");
  else if (g_str_equal (pgtype, "int2") || g_str_equal (pgtype, "int4") || g_str_equal (pgtype, "oid"))
    g_string_append (out, text);
  else if (g_str_equal (pgtype, "int8") || g_str_equal (pgtype, "float4") ||
           g_str_equal (pgtype, "float8") || g_str_equal (pgtype, "numeric"))
    append_float (out, text);
  else if (g_str_equal (pgtype, "JSON") || g_str_equal (pgtype, "jsonb"))
    g_string_append (out, text);
  else if (g_str_equal (pgtype, "date") || g_str_equal (pgtype, "timestamp") || g_str_equal (pgtype, "timestamptz"))
    append_date (out, text);
  else if (pgtype[0] == '_' && (g_str_equal (pgtype, "_bool") || g_str_equal (pgtype, "_int2") ||
                                g_str_equal (pgtype, "_int4") || g_str_equal (pgtype, "_int8") ||
                                g_str_equal (pgtype, "_float4") || g_str_equal (pgtype, "_float8") ||
                                g_str_equal (pgtype, "_numeric") || g_str_equal (pgtype, "_text") ||
                                g_str_equal (pgtype, "_varchar") || g_str_equal (pgtype, "_bpchar") ||
                                g_str_equal (pgtype, "_date") || g_str_equal (pgtype, "_timestamp") ||
                                g_str_equal (pgtype, "_timestamptz")))
    append_array (out, pgtype + 1, text);
  else
    cts_json_append_string (out, text);
}

static gboolean
skipped (SqlCall    *call,
         const char *name)
{
  return call->skipfields != NULL && g_strv_contains ((const char * const *) call->skipfields, name);
}

static void
append_fields (GString        *out,
               SqlCall        *call,
               CtsQueryResult *result)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (int i = 0; i < result->n_fields; i++)
    {
      const char *name = result->field_names[i];
      const char *pgtype = cts_query_result_type_name (result, i);
      g_autofree char *type = NULL;
      gboolean dup = FALSE;

      if (skipped (call, name))
        continue;
      /* A later column of the same name replaces the earlier one, as in a
       * JavaScript object. */
      for (int j = i + 1; j < result->n_fields && !dup; j++)
        dup = g_str_equal (result->field_names[j], name);
      if (dup)
        continue;

      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      cts_json_append_string (out, name);
      g_string_append_c (out, ':');

      if (pgtype == NULL)
        {
          g_string_append_printf (out, "{\"type\":\"unknown(%u)\"}", result->field_types[i]);
          continue;
        }
      type = cts_sql_type_for (pgtype);
      if (g_str_equal (pgtype, "geometry") || g_str_equal (pgtype, "geography") || g_str_equal (pgtype, "raster"))
        {
          /* Decoded like cartodb-psql's typeModInfo; -1 (no typmod) gives
           * srid -1, 4 dims and no wkbtype there too. */
          gint32 mod = result->field_mods[i];
          int srid = ((mod & 0x0FFFFF00) - (mod & 0x10000000)) >> 8;
          int lwtype = (mod & 0x000000FC) >> 2;
          int dims = 2 + ((mod & 0x2) >> 1) + (mod & 0x1);

          g_string_append (out, "{\"type\":");
          cts_json_append_string (out, type);
          if (lwtype < (int) G_N_ELEMENTS (wkb_types))
            g_string_append_printf (out, ",\"wkbtype\":\"%s\"", wkb_types[lwtype]);
          g_string_append_printf (out, ",\"dims\":%d,\"srid\":%d}", dims, srid);
        }
      else
        {
          g_string_append (out, "{\"type\":");
          cts_json_append_string (out, type);
          g_string_append (out, ",\"pgtype\":");
          cts_json_append_string (out, pgtype);
          g_string_append_c (out, '}');
        }
    }
  g_string_append_c (out, '}');
}

static void
append_row_object (GString        *out,
                   SqlCall        *call,
                   CtsQueryResult *result,
                   char          **row,
                   gboolean        geojson_properties)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (int i = 0; i < result->n_fields; i++)
    {
      const char *name = result->field_names[i];
      gboolean dup = FALSE;

      if (skipped (call, name))
        continue;
      if (geojson_properties &&
          (g_str_equal (name, "the_geom") || g_str_equal (name, "the_geom_webmercator") ||
           g_str_equal (name, "cts_geojson")))
        continue;
      for (int j = i + 1; j < result->n_fields && !dup; j++)
        dup = g_str_equal (result->field_names[j], name);
      if (dup)
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      cts_json_append_string (out, name);
      g_string_append_c (out, ':');
      append_value (out, cts_query_result_type_name (result, i), row[i]);
    }
  g_string_append_c (out, '}');
}

static int
field_index (CtsQueryResult *result,
             const char     *name)
{
  for (int i = result->n_fields - 1; i >= 0; i--)
    if (g_str_equal (result->field_names[i], name))
      return i;
  return -1;
}

static void
append_notices (GString        *out,
                CtsQueryResult *result)
{
  g_autoptr(GPtrArray) severities = g_ptr_array_new ();

  for (guint i = 0; i + 1 < result->notices->len; i += 2)
    {
      const char *severity = g_ptr_array_index (result->notices, i);

      if (!g_ptr_array_find_with_equal_func (severities, severity, g_str_equal, NULL))
        g_ptr_array_add (severities, (gpointer) severity);
    }
  for (guint s = 0; s < severities->len; s++)
    {
      const char *severity = g_ptr_array_index (severities, s);
      gboolean first = TRUE;

      g_string_append_c (out, ',');
      cts_json_append_string (out, severity);
      g_string_append (out, ":[");
      for (guint i = 0; i + 1 < result->notices->len; i += 2)
        {
          if (!g_str_equal (g_ptr_array_index (result->notices, i), severity))
            continue;
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          cts_json_append_string (out, g_ptr_array_index (result->notices, i + 1));
        }
      g_string_append_c (out, ']');
    }
}

static void
respond_body (SqlCall *call,
              guint    status,
              GString *body)
{
  CtsRequest *req = call->req;

  if (call->callback != NULL)
    {
      /* JSONP is always a 200. */
      g_string_prepend (body, "(");
      g_string_prepend (body, call->callback);
      g_string_append (body, ");");
      cts_request_respond_string (req, 200, "text/javascript; charset=utf-8", body);
      return;
    }
  if (call->attachment && status == 200)
    {
      g_autofree char *disposition = g_strdup_printf ("attachment; filename=%s.%s",
                                                      call->filename ? call->filename : "cartodb-query",
                                                      call->format == FORMAT_GEOJSON ? "geojson" : "json");

      cts_request_add_header (req, "Content-Disposition", disposition);
    }
  cts_request_add_header (req, "Cache-Control", "no-cache,max-age=0,must-revalidate,public");
  cts_request_respond_string (req, status, JSON_TYPE, body);
}

static void
respond_error (SqlCall    *call,
               CtsPgError *error)
{
  guint status = 400;
  GString *body;

  if (g_strcmp0 (error->sqlstate, CTS_STATE_TOO_LARGE) == 0)
    body = cts_sql_error_body (error->message, error->context, error->detail, NULL);
  else if (cts_sql_is_timeout (error->message))
    {
      status = 429;
      body = cts_sql_error_body (TIMEOUT_MESSAGE, "limit", "datasource", NULL);
    }
  else
    {
      if (g_strcmp0 (error->sqlstate, CTS_STATE_SYSTEM_TABLES) == 0 ||
          strstr (error->message, "permission denied") != NULL)
        status = 403;
      else if (g_strcmp0 (error->sqlstate, CTS_STATE_CONNECTION) == 0)
        status = 500;
      body = cts_sql_error_body (error->message, error->context, error->detail, error->hint);
    }
  respond_body (call, status, body);
}

static void
query_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  SqlCall *call = user_data;
  g_autoptr(CtsQueryResult) result = cts_db_run_query_finish (res);
  gboolean streamed = result->rows->len > 0 && g_strcmp0 (result->error ? result->error->sqlstate : NULL,
                                                          CTS_STATE_TOO_LARGE) != 0;
  GString *body;

  /* CARTO streams rows as they come: an error after the first row arrives
   * inside a 200 body. Before any row, it is an error response. */
  if (result->error != NULL && !streamed)
    {
      respond_error (call, result->error);
      sql_call_free (call);
      return;
    }

  if (call->format == FORMAT_GEOJSON)
    {
      int geom = field_index (result, "cts_geojson");

      body = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [");
      for (guint r = 0; r < result->rows->len; r++)
        {
          char **row = g_ptr_array_index (result->rows, r);

          if (r > 0)
            g_string_append_c (body, ',');
          g_string_append (body, "{\"type\":\"Feature\",\"geometry\":");
          g_string_append (body, geom >= 0 && row[geom] != NULL ? row[geom] : "null");
          g_string_append (body, ",\"properties\":");
          append_row_object (body, call, result, row, TRUE);
          g_string_append_c (body, '}');
        }
      g_string_append_c (body, ']');
      if (result->error != NULL)
        {
          GString *error = cts_sql_error_body (cts_sql_is_timeout (result->error->message)
                                                 ? TIMEOUT_MESSAGE : result->error->message,
                                               NULL, NULL, NULL);

          g_string_append (body, ",\"error\":");
          g_string_append_len (body, error->str + 9, error->len - 10);
          g_string_free (error, TRUE);
        }
      g_string_append_c (body, '}');
    }
  else
    {
      gint64 total;

      body = g_string_new ("{\"rows\":[");
      for (guint r = 0; r < result->rows->len; r++)
        {
          if (r > 0)
            g_string_append_c (body, ',');
          append_row_object (body, call, result, g_ptr_array_index (result->rows, r), FALSE);
        }
      g_string_append (body, "],\"time\":");
      cts_append_js_number (body, round (result->seconds * 1000) / 1000);
      g_string_append (body, ",\"fields\":");
      append_fields (body, call, result);
      total = result->affected > 0 ? result->affected : (gint64) result->rows->len;
      g_string_append_printf (body, ",\"total_rows\":%" G_GINT64_FORMAT, total);
      if (result->error != NULL)
        {
          g_string_append (body, ",\"error\":[");
          cts_json_append_string (body, cts_sql_is_timeout (result->error->message)
                                          ? TIMEOUT_MESSAGE : result->error->message);
          g_string_append_c (body, ']');
        }
      append_notices (body, result);
      g_string_append_c (body, '}');
    }

  respond_body (call, 200, body);
  sql_call_free (call);
}

/**
 * cts_sql_api_handle:
 * @req: (transfer full): a request for /api/v2/sql with its key resolved
 *
 * Runs `q` as the key's role and answers in CARTO's SQL API shapes
 * (docs/carto-api.md §2).
 */
void
cts_sql_api_handle (CtsRequest *req)
{
  const char *q = cts_request_get_param (req, "q");
  const char *format = cts_request_get_param (req, "format");
  const char *skipfields = cts_request_get_param (req, "skipfields");
  const char *dp = cts_request_get_param (req, "dp");
  const char *rows_per_page = cts_request_get_param (req, "rows_per_page");
  const char *page = cts_request_get_param (req, "page");
  g_autofree char *sql = NULL;
  CtsQuerySpec spec = { 0 };
  SqlCall *call;

  if (g_strcmp0 (req->method, "GET") != 0 && g_strcmp0 (req->method, "POST") != 0)
    {
      cts_request_respond_string (req, 405, JSON_TYPE, cts_sql_error_body ("Method not allowed", NULL, NULL, NULL));
      return;
    }
  if (q == NULL || *q == '\0')
    {
      cts_request_respond_string (req, 400, JSON_TYPE,
                                  cts_sql_error_body ("You must indicate a sql query", NULL, NULL, NULL));
      return;
    }

  call = g_new0 (SqlCall, 1);
  call->req = req;
  call->callback = g_strdup (cts_request_get_param (req, "callback"));
  call->filename = g_strdup (cts_request_get_param (req, "filename"));
  call->attachment = format != NULL || call->filename != NULL;
  if (format == NULL || g_str_equal (format, "json"))
    call->format = FORMAT_JSON;
  else if (g_str_equal (format, "geojson"))
    call->format = FORMAT_GEOJSON;
  else
    {
      g_autofree char *message = g_strdup_printf ("Invalid format: %s", format);

      respond_body (call, 400, cts_sql_error_body (message, NULL, NULL, NULL));
      sql_call_free (call);
      return;
    }
  if (skipfields != NULL && *skipfields != '\0')
    call->skipfields = g_strsplit (skipfields, ",", -1);

  sql = g_strdup (q);
  if (rows_per_page != NULL)
    {
      guint64 per_page = g_ascii_strtoull (rows_per_page, NULL, 10);
      guint64 page_no = page ? g_ascii_strtoull (page, NULL, 10) : 0;
      g_autofree char *inner = g_steal_pointer (&sql);

      sql = g_strdup_printf ("SELECT * FROM (%s) AS cdbq LIMIT %" G_GUINT64_FORMAT " OFFSET %" G_GUINT64_FORMAT,
                             inner, per_page, per_page * page_no);
    }
  if (call->format == FORMAT_GEOJSON)
    {
      gint64 digits = dp ? g_ascii_strtoll (dp, NULL, 10) : 6;
      g_autofree char *inner = g_steal_pointer (&sql);

      sql = g_strdup_printf ("SELECT *, ST_AsGeoJSON(the_geom, %d) AS cts_geojson FROM (%s) AS foo",
                             (int) CLAMP (digits, 0, 15), inner);
    }

  spec.dbname = req->user->database;
  spec.role = req->key->role;
  spec.schema = req->user->schema;
  spec.sql = sql;
  spec.statement_timeout_ms = req->server->limits.statement_timeout_ms;
  spec.max_rows = req->server->limits.max_rows;
  spec.max_bytes = req->server->limits.max_result_bytes;
  spec.check_system_tables = req->key->type != CTS_KEY_MASTER;
  cts_db_run_query_async (req->server->db, &spec, query_done_cb, call);
}

static void
append_key_json (GString    *out,
                 CtsRequest *req,
                 CtsKey     *key,
                 const char *base_url)
{
  const char *type = key->type == CTS_KEY_MASTER ? "master" : key->type == CTS_KEY_DEFAULT ? "default" : "regular";
  const char *name = key->type == CTS_KEY_MASTER ? "Master" : key->type == CTS_KEY_DEFAULT ? "Default public" : key->name;
  gboolean first = TRUE;

  g_string_append (out, "{\"name\":");
  cts_json_append_string (out, name);
  g_string_append (out, ",\"user\":{\"username\":");
  cts_json_append_string (out, req->user->name);
  g_string_append_printf (out, "},\"type\":\"%s\",\"token\":", type);
  cts_json_append_string (out, key->token);
  g_string_append (out, ",\"grants\":[{\"type\":\"apis\",\"apis\":[");
  if (key->grants_sql)
    g_string_append (out, "\"sql\"");
  if (key->grants_maps)
    g_string_append (out, key->grants_sql ? ",\"maps\"" : "\"maps\"");
  g_string_append (out, "]},{\"type\":\"database\",\"tables\":[");
  for (guint i = 0; i < key->table_grants->len; i++)
    {
      CtsTableGrant *grant = g_ptr_array_index (key->table_grants, i);

      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      g_string_append (out, "{\"schema\":");
      cts_json_append_string (out, req->user->schema);
      g_string_append (out, ",\"name\":");
      cts_json_append_string (out, grant->table);
      g_string_append (out, ",\"permissions\":[");
      for (guint j = 0; grant->permissions[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          cts_json_append_string (out, grant->permissions[j]);
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, "]}],\"_links\":{\"self\":");
  {
    g_autofree char *self = g_strdup_printf ("%s/api/v3/api_keys/%s", base_url, name);

    cts_json_append_string (out, self);
  }
  g_string_append (out, "}}");
}

/**
 * cts_keys_api_handle:
 * @req: (transfer full): a request under /api/v3/ with its key resolved
 *
 * `GET /api/v3/me` names the user; `GET /api/v3/api_keys` lists the keys
 * the request's key may see: all of them for master, itself otherwise.
 */
void
cts_keys_api_handle (CtsRequest *req)
{
  g_autofree char *base_url = cts_request_dup_base_url (req);
  GString *out;

  if (g_str_equal (req->api_path, "/api/v3/me") && g_str_equal (req->method, "GET"))
    {
      out = g_string_new ("{\"config\":{\"user_name\":");
      cts_json_append_string (out, req->user->name);
      g_string_append (out, "},\"user_data\":{\"username\":");
      cts_json_append_string (out, req->user->name);
      g_string_append (out, ",\"base_url\":");
      cts_json_append_string (out, base_url);
      g_string_append (out, "}}");
      cts_request_respond_string (req, 200, JSON_TYPE, out);
      return;
    }
  if (g_str_equal (req->api_path, "/api/v3/api_keys") && g_str_equal (req->method, "GET"))
    {
      guint count = 0;

      out = g_string_new ("{\"count\":");
      g_string_append (out, "COUNT,\"result\":[");
      for (guint i = 0; i < req->user->keys->len; i++)
        {
          CtsKey *key = g_ptr_array_index (req->user->keys, i);

          if (req->key->type != CTS_KEY_MASTER && key != req->key)
            continue;
          if (count++ > 0)
            g_string_append_c (out, ',');
          append_key_json (out, req, key, base_url);
        }
      g_string_append_printf (out, "],\"total\":%u,\"_links\":{\"self\":", count);
      {
        g_autofree char *self = g_strdup_printf ("%s/api/v3/api_keys", base_url);
        g_autofree char *n = g_strdup_printf ("%u", count);

        cts_json_append_string (out, self);
        g_string_replace (out, "COUNT", n, 1);
      }
      g_string_append (out, "}}");
      cts_request_respond_string (req, 200, JSON_TYPE, out);
      return;
    }
  cts_request_respond_string (req, 404, JSON_TYPE, cts_sql_error_body ("Not Found", NULL, NULL, NULL));
}
