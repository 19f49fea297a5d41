/* test-sql-result.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQL API answers parsed from canned bodies (docs/carto-api.md §2.4,
 * §2.5), and the mapping of statuses and bodies to CARTO_SQL_ERROR. The same
 * shapes against the real test server are in test-sql-client.c.
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <math.h>
#include <string.h>

#include <carto.h>

#include "carto-sql-error-private.h"

#define ROME_EWKB "0101000020E610000003780B2428FE2840166A4DF38EF34440"

static CartoSqlResult *
parse (const char      *body,
       CartoSqlFormat   format,
       GError         **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  return carto_sql_result_new_from_bytes (bytes, format, error);
}

static void
test_contract_body (void)
{
  const char *body =
    "{\"rows\":[{\"cartodb_id\":1,\"name\":\"Rome\",\"the_geom\":\"" ROME_EWKB "\"}],"
    "\"time\":0.006,"
    "\"fields\":{\"cartodb_id\":{\"type\":\"number\",\"pgtype\":\"int4\"},"
    "\"name\":{\"type\":\"string\",\"pgtype\":\"text\"},"
    "\"the_geom\":{\"type\":\"geometry\",\"wkbtype\":\"Point\",\"dims\":2,\"srid\":4326}},"
    "\"total_rows\":1}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = parse (body, CARTO_SQL_FORMAT_JSON, &error);
  g_autofree char *geom = NULL;
  g_autofree char *id = NULL;
  CartoSqlField *field;

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (carto_sql_result_get_format (result), ==, CARTO_SQL_FORMAT_JSON);
  g_assert_cmpuint (carto_sql_result_get_n_fields (result), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (carto_sql_result_get_fields (result)), ==, 3);
  g_assert_cmpuint (carto_sql_result_get_n_rows (result), ==, 1);
  g_assert_cmpint (carto_sql_result_get_total_rows (result), ==, 1);
  g_assert_cmpfloat_with_epsilon (carto_sql_result_get_time (result), 0.006, 1e-9);
  g_assert_null (carto_sql_result_get_geojson (result));

  field = carto_sql_result_get_field (result, 0);
  g_assert_cmpstr (carto_sql_field_get_name (field), ==, "cartodb_id");
  g_assert_cmpint (carto_sql_field_get_field_type (field), ==, CARTO_SQL_FIELD_TYPE_NUMBER);
  g_assert_cmpstr (carto_sql_field_get_pgtype (field), ==, "int4");
  field = carto_sql_result_get_field (result, 2);
  g_assert_cmpstr (carto_sql_field_get_name (field), ==, "the_geom");
  g_assert_cmpint (carto_sql_field_get_field_type (field), ==, CARTO_SQL_FIELD_TYPE_GEOMETRY);
  g_assert_cmpstr (carto_sql_field_get_wkbtype (field), ==, "Point");
  g_assert_cmpint (carto_sql_field_get_srid (field), ==, 4326);
  g_assert_null (carto_sql_field_get_pgtype (field));

  g_assert_cmpint (carto_sql_result_find_field (result, "name"), ==, 1);
  g_assert_cmpint (carto_sql_result_find_field (result, "nope"), ==, -1);
  g_assert_cmpstr (carto_sql_result_get_string (result, 0, 1), ==, "Rome");
  g_assert_null (carto_sql_result_get_string (result, 0, 0));
  g_assert_cmpfloat (carto_sql_result_get_double (result, 0, 0), ==, 1.0);
  g_assert_false (carto_sql_result_is_null (result, 0, 1));

  id = carto_sql_result_dup_display_text (result, 0, 0);
  g_assert_cmpstr (id, ==, "1");
  geom = carto_sql_result_dup_display_text (result, 0, 2);
  g_assert_cmpstr (geom, ==, "POINT (12.4964 41.9028)");
}

static void
test_field_order (void)
{
  /* Columns in query order, not sorted nor hashed. */
  const char *body =
    "{\"rows\":[{\"z\":1,\"a\":2,\"m\":3}],\"fields\":{\"z\":{\"type\":\"number\"},"
    "\"a\":{\"type\":\"number\"},\"m\":{\"type\":\"number\"}},\"total_rows\":1,\"time\":0}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = parse (body, CARTO_SQL_FORMAT_JSON, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (carto_sql_field_get_name (carto_sql_result_get_field (result, 0)), ==, "z");
  g_assert_cmpstr (carto_sql_field_get_name (carto_sql_result_get_field (result, 1)), ==, "a");
  g_assert_cmpstr (carto_sql_field_get_name (carto_sql_result_get_field (result, 2)), ==, "m");
  g_assert_cmpfloat (carto_sql_result_get_double (result, 0, 1), ==, 2.0);
}

static void
test_types_and_display (void)
{
  const char *body =
    "{\"rows\":[{\"i\":42,\"f\":0.1,\"big\":1e300,\"ok\":true,\"no\":false,\"d\":\"2024-02-29T11:34:56Z\","
    "\"nan\":\"NaN\",\"ninf\":\"-Infinity\",\"j\":{\"k\":[1,2]},\"ia\":[1,2],\"nothing\":null,"
    "\"iv\":\"1 day\"}],"
    "\"fields\":{\"i\":{\"type\":\"number\",\"pgtype\":\"int4\"},\"f\":{\"type\":\"number\",\"pgtype\":\"float8\"},"
    "\"big\":{\"type\":\"number\",\"pgtype\":\"float8\"},\"ok\":{\"type\":\"boolean\",\"pgtype\":\"bool\"},"
    "\"no\":{\"type\":\"boolean\",\"pgtype\":\"bool\"},\"d\":{\"type\":\"date\",\"pgtype\":\"timestamptz\"},"
    "\"nan\":{\"type\":\"number\",\"pgtype\":\"float8\"},\"ninf\":{\"type\":\"number\",\"pgtype\":\"float8\"},"
    "\"j\":{\"type\":\"jsonb\",\"pgtype\":\"jsonb\"},\"ia\":{\"type\":\"number[]\",\"pgtype\":\"_int4\"},"
    "\"nothing\":{\"type\":\"string\",\"pgtype\":\"text\"},\"iv\":{\"type\":\"interval\",\"pgtype\":\"interval\"},"
    "\"missing\":{\"type\":\"string\",\"pgtype\":\"text\"}},"
    "\"total_rows\":1,\"time\":0.001}";
  const char *expected[] = {
    "42", "0.1", "1e+300", "true", "false", "2024-02-29T11:34:56Z", "NaN", "-Infinity",
    "{\"k\":[1,2]}", "[1,2]", "", "1 day", "",
  };
  const CartoSqlFieldType types[] = {
    CARTO_SQL_FIELD_TYPE_NUMBER, CARTO_SQL_FIELD_TYPE_NUMBER, CARTO_SQL_FIELD_TYPE_NUMBER,
    CARTO_SQL_FIELD_TYPE_BOOLEAN, CARTO_SQL_FIELD_TYPE_BOOLEAN, CARTO_SQL_FIELD_TYPE_DATE,
    CARTO_SQL_FIELD_TYPE_NUMBER, CARTO_SQL_FIELD_TYPE_NUMBER, CARTO_SQL_FIELD_TYPE_OTHER,
    CARTO_SQL_FIELD_TYPE_OTHER, CARTO_SQL_FIELD_TYPE_STRING, CARTO_SQL_FIELD_TYPE_OTHER,
    CARTO_SQL_FIELD_TYPE_STRING,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = parse (body, CARTO_SQL_FORMAT_JSON, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (carto_sql_result_get_n_fields (result), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = carto_sql_result_dup_display_text (result, 0, i);

      g_assert_cmpstr (text, ==, expected[i]);
      g_assert_cmpint (carto_sql_field_get_field_type (carto_sql_result_get_field (result, i)), ==, types[i]);
    }

  g_assert_true (carto_sql_result_get_boolean (result, 0, 3));
  g_assert_false (carto_sql_result_get_boolean (result, 0, 4));
  g_assert_true (isnan (carto_sql_result_get_double (result, 0, 6)));
  g_assert_true (isinf (carto_sql_result_get_double (result, 0, 7)));
  g_assert_cmpfloat (carto_sql_result_get_double (result, 0, 7), <, 0);
  g_assert_true (carto_sql_result_is_null (result, 0, 10));
  /* A column the row lacks reads as NULL, not as a crash. */
  g_assert_true (carto_sql_result_is_null (result, 0, 12));
  g_assert_null (carto_sql_result_get_value (result, 0, 12));
}

static void
test_display_type (void)
{
  g_autoptr(CartoSqlField) number = carto_sql_field_new ("n", "number", "int4", NULL, 0);
  g_autoptr(CartoSqlField) geom = carto_sql_field_new ("g", "geometry", NULL, "Point", 4326);
  g_autoptr(CartoSqlField) bare = carto_sql_field_new ("g", "geometry", NULL, NULL, 0);
  g_autoptr(CartoSqlField) unknown = carto_sql_field_new ("u", NULL, NULL, NULL, 0);
  g_autofree char *a = carto_sql_field_dup_display_type (number);
  g_autofree char *b = carto_sql_field_dup_display_type (geom);
  g_autofree char *c = carto_sql_field_dup_display_type (bare);
  g_autofree char *d = carto_sql_field_dup_display_type (unknown);

  g_assert_cmpstr (a, ==, "number (int4)");
  g_assert_cmpstr (b, ==, "geometry (Point, SRID 4326)");
  g_assert_cmpstr (c, ==, "geometry");
  g_assert_cmpstr (d, ==, "unknown");
  g_assert_cmpint (carto_sql_field_type_from_name ("geography"), ==, CARTO_SQL_FIELD_TYPE_GEOMETRY);
  g_assert_cmpint (carto_sql_field_type_from_name ("string[]"), ==, CARTO_SQL_FIELD_TYPE_OTHER);
}

static void
test_long_text_is_cut (void)
{
  g_autofree char *text = g_strnfill (5000, 'x');
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);
  g_autofree char *shown = carto_sql_value_dup_display_text (node, CARTO_SQL_FIELD_TYPE_STRING);

  g_assert_cmpint (g_utf8_strlen (shown, -1), ==, 1001);
  g_assert_true (g_str_has_suffix (shown, "…"));
}

static void
assert_summary (const char *hex,
                const char *expected)
{
  g_autofree char *summary = carto_sql_geometry_dup_summary (hex);

  g_assert_cmpstr (summary, ==, expected);
}

static void
test_geometry_summary (void)
{
  assert_summary (ROME_EWKB, "POINT (12.4964 41.9028)");
  /* Big endian, no SRID */
  assert_summary ("0000000001C00DA161E4F765FE40443559B3D07C85", "POINT (-3.7038 40.4168)");
  /* ISO WKB Point Z */
  assert_summary ("01E9030000000000000000F03F00000000000000400000000000000840", "POINT (1 2 3)");
  assert_summary ("0101000000000000000000F87F000000000000F87F", "POINT EMPTY");
  assert_summary ("0106000020E610000003000000", "MULTIPOLYGON, 3 polygons");
  assert_summary ("01020000000C000000", "LINESTRING, 12 points");
  assert_summary ("010300000001000000", "POLYGON, 1 ring");
  assert_summary ("010700000000000000", "GEOMETRYCOLLECTION EMPTY");
  /* Not EWKB: no summary, the cell shows the text. */
  assert_summary ("", NULL);
  assert_summary ("zz", NULL);
  assert_summary ("0101000020E6", NULL);
  assert_summary ("02", NULL);
}

static void
test_notices (void)
{
  const char *body = "{\"rows\":[],\"fields\":{},\"total_rows\":0,\"time\":0,"
                     "\"notices\":[\"hello\"],\"warnings\":[\"careful\",\"twice\"]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = parse (body, CARTO_SQL_FORMAT_JSON, &error);
  const char * const *notices;
  const char * const *warnings;

  g_assert_no_error (error);
  notices = carto_sql_result_get_notices (result);
  warnings = carto_sql_result_get_warnings (result);
  g_assert_cmpuint (g_strv_length ((char **) notices), ==, 1);
  g_assert_cmpstr (notices[0], ==, "hello");
  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 2);
  g_assert_cmpstr (warnings[1], ==, "twice");
  g_assert_cmpuint (g_strv_length ((char **) carto_sql_result_get_infos (result)), ==, 0);
}

static void
test_dml_total_rows (void)
{
  const char *body = "{\"rows\":[],\"time\":0.002,\"fields\":{},\"total_rows\":3}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = parse (body, CARTO_SQL_FORMAT_JSON, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (carto_sql_result_get_n_rows (result), ==, 0);
  g_assert_cmpint (carto_sql_result_get_total_rows (result), ==, 3);
}

static void
test_error_after_streaming (void)
{
  /* §2.5: the rows began, then the query failed; status was 200. */
  const char *body = "{\"rows\":[{\"x\":1}],\"fields\":{\"x\":{\"type\":\"number\"}},"
                     "\"error\":[\"division by zero\"]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = parse (body, CARTO_SQL_FORMAT_JSON, &error);

  g_assert_null (result);
  g_assert_error (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_SQL);
  g_assert_cmpstr (error->message, ==, "division by zero");
}

static void
test_malformed (void)
{
  const char *bodies[] = {
    "",
    "{\"rows\":[{\"a\":1}",
    "[1,2]",
    "{\"fields\":{}}",
    "{\"rows\":[1]}",
    "{\"rows\":[],\"fields\":[]}",
    "<html>502 Bad Gateway</html>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CartoSqlResult) result = parse (bodies[i], CARTO_SQL_FORMAT_JSON, &error);

      g_assert_null (result);
      g_assert_error (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_BAD_RESPONSE);
    }
}

static void
test_geojson (void)
{
  const char *body =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{\"name\":\"a\"}},"
    "{\"type\":\"Feature\",\"geometry\":null,\"properties\":null}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CartoSqlResult) result = parse (body, CARTO_SQL_FORMAT_GEOJSON, &error);
  g_autoptr(CartoSqlResult) not_fc = NULL;
  JsonNode *fc;
  JsonObject *properties;

  g_assert_no_error (error);
  g_assert_cmpint (carto_sql_result_get_format (result), ==, CARTO_SQL_FORMAT_GEOJSON);
  g_assert_cmpuint (carto_sql_result_get_n_rows (result), ==, 2);
  g_assert_cmpint (carto_sql_result_get_total_rows (result), ==, 2);
  g_assert_cmpuint (carto_sql_result_get_n_fields (result), ==, 0);
  fc = carto_sql_result_get_geojson (result);
  g_assert_nonnull (fc);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (fc), "type"), ==, "FeatureCollection");
  properties = carto_sql_result_get_row (result, 0);
  g_assert_cmpstr (json_object_get_string_member (properties, "name"), ==, "a");
  g_assert_null (carto_sql_result_get_row (result, 1));

  not_fc = parse ("{\"type\":\"Feature\"}", CARTO_SQL_FORMAT_GEOJSON, &error);
  g_assert_null (not_fc);
  g_assert_error (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_BAD_RESPONSE);
}

typedef struct
{
  guint status;
  const char *body;
  CartoSqlError code;
  const char *message;     /* NULL: don't check */
} ErrorCase;

static void
test_error_mapping (void)
{
  const ErrorCase cases[] = {
    { 400, "{\"error\":[\"syntax error at or near \\\"and\\\"\"]}", CARTO_SQL_ERROR_SQL,
      "syntax error at or near \"and\"" },
    { 400, "{\"error\":[\"relation \\\"t\\\" does not exist\"]}", CARTO_SQL_ERROR_NOT_FOUND,
      "relation \"t\" does not exist" },
    { 403, "{\"error\":[\"permission denied for table t\"]}", CARTO_SQL_ERROR_PERMISSION_DENIED,
      "permission denied for table t" },
    { 403, "{\"error\":[\"system tables are forbidden\"]}", CARTO_SQL_ERROR_PERMISSION_DENIED,
      "system tables are forbidden" },
    { 403, "{\"error\":[\"forbidden\"]}", CARTO_SQL_ERROR_PERMISSION_DENIED, NULL },
    { 401, "{\"error\":[\"Unauthorized\"]}", CARTO_SQL_ERROR_INVALID_KEY, NULL },
    { 404, "{\"error\":[\"Sorry, we can't find CARTO user 'x'. Please check that you have entered the correct domain.\"]}",
      CARTO_SQL_ERROR_UNKNOWN_USER, NULL },
    { 429, "{\"error\":[\"You are over platform's limits: SQL query timeout error. Refactor your query before "
           "running again or contact CARTO support for more details.\"],\"context\":\"limit\",\"detail\":\"datasource\"}",
      CARTO_SQL_ERROR_TIMEOUT, NULL },
    { 429, "{\"error\":[\"You are over platform's limits: Max result size exceeded.\"],"
           "\"context\":\"limit\",\"detail\":\"datasource\"}",
      CARTO_SQL_ERROR_TOO_LARGE, NULL },
    { 429, "{\"error\":[\"You are over platform's limits. Please contact us to know more details\"],"
           "\"context\":\"limit\",\"detail\":\"rate-limit\"}",
      CARTO_SQL_ERROR_RATE_LIMITED, NULL },
    { 429, "Too Many Requests", CARTO_SQL_ERROR_RATE_LIMITED, NULL },
    { 200, "{\"error\":[\"canceling statement due to statement timeout\"]}", CARTO_SQL_ERROR_TIMEOUT, NULL },
    { 500, "{\"error\":[\"internal\"]}", CARTO_SQL_ERROR_SERVER, NULL },
    { 503, "<html>down</html>", CARTO_SQL_ERROR_SERVER, NULL },
    { 504, "", CARTO_SQL_ERROR_TIMEOUT, NULL },
    { 302, "", CARTO_SQL_ERROR_BAD_RESPONSE, NULL },
    { 418, "", CARTO_SQL_ERROR_FAILED, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonNode *root = NULL;

      if (json_parser_load_from_data (parser, cases[i].body, -1, NULL))
        root = json_parser_get_root (parser);
      error = carto_sql_error_new_from_response (cases[i].status, root, "alice", "s3cret-key");
      g_test_message ("case %u: HTTP %u", i, cases[i].status);
      g_assert_error (error, CARTO_SQL_ERROR, (int) cases[i].code);
      if (cases[i].message != NULL)
        g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_error_details (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) unknown = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(GError) success = NULL;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"error\":[\"function foo(integer) does not exist\"],"
    "\"hint\":\"No function matches the given name and argument types.\",\"detail\":\"d\"}", -1, NULL));
  error = carto_sql_error_new_from_response (400, json_parser_get_root (parser), "alice", NULL);
  g_assert_error (error, CARTO_SQL_ERROR, CARTO_SQL_ERROR_SQL);
  g_assert_cmpstr (carto_sql_error_get_hint (error), ==, "No function matches the given name and argument types.");
  g_assert_cmpstr (carto_sql_error_get_detail (error), ==, "d");
  g_assert_cmpstr (carto_sql_error_get_server_message (error), ==, "function foo(integer) does not exist");

  /* Extended data survives a copy (GTask and GError users copy errors). */
  copy = g_error_copy (error);
  g_assert_cmpstr (carto_sql_error_get_hint (copy), ==, "No function matches the given name and argument types.");

  unknown = carto_sql_error_new_from_response (404, NULL, "alice", NULL);
  g_assert_error (unknown, CARTO_SQL_ERROR, CARTO_SQL_ERROR_UNKNOWN_USER);
  g_assert_nonnull (strstr (unknown->message, "alice"));
  g_assert_null (carto_sql_error_get_hint (unknown));

  success = carto_sql_error_new_from_response (200, json_parser_get_root (parser), "alice", NULL);
  g_assert_nonnull (success);
  g_clear_error (&success);
  g_assert_true (json_parser_load_from_data (parser, "{\"rows\":[]}", -1, NULL));
  success = carto_sql_error_new_from_response (200, json_parser_get_root (parser), "alice", NULL);
  g_assert_null (success);

  /* Not our domain: the getters answer nothing instead of reading junk. */
  {
    g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

    g_assert_null (carto_sql_error_get_hint (other));
    g_assert_cmpuint (carto_sql_error_get_retry_after (other), ==, 0);
  }
}

static void
test_error_redacts_key (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *public = NULL;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"error\":[\"bad token s3cret-key here\"],\"hint\":\"s3cret-key\"}", -1, NULL));
  error = carto_sql_error_new_from_response (400, json_parser_get_root (parser), "alice", "s3cret-key");
  g_assert_null (strstr (error->message, "s3cret-key"));
  g_assert_null (strstr (carto_sql_error_get_hint (error), "s3cret-key"));
  g_assert_null (strstr (carto_sql_error_get_server_message (error), "s3cret-key"));
  g_assert_nonnull (strstr (error->message, "bad token"));

  public = carto_sql_error_redact ("uses default_public", "default_public");
  g_assert_cmpstr (public, ==, "uses default_public");
}

static void
test_transport_errors (void)
{
  const struct { GQuark domain; int code; CartoSqlError expected; } cases[] = {
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, CARTO_SQL_ERROR_NETWORK },
    { G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT, CARTO_SQL_ERROR_NETWORK },
    { G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, CARTO_SQL_ERROR_NETWORK },
    { G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, CARTO_SQL_ERROR_NETWORK },
    { G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, CARTO_SQL_ERROR_NETWORK },
    { G_IO_ERROR, G_IO_ERROR_TIMED_OUT, CARTO_SQL_ERROR_TIMEOUT },
  };
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");
  g_autoptr(GError) still = carto_sql_error_new_from_transport (cancelled);

  g_assert_error (still, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) in = g_error_new_literal (cases[i].domain, cases[i].code, "library words");
      g_autoptr(GError) out = carto_sql_error_new_from_transport (in);

      g_assert_error (out, CARTO_SQL_ERROR, (int) cases[i].expected);
      g_assert_cmpstr (out->message, !=, "library words");
    }
}

static void
test_geometry_kind (void)
{
  const char * const none[] = { NULL };
  const char * const points[] = { "POINT", "MULTIPOINT", NULL };
  const char * const polygons[] = { "MULTIPOLYGON", NULL };
  const char * const lines[] = { "LINESTRING", NULL };
  const char * const mixed[] = { "POINT", "POLYGON", NULL };
  const char * const collection[] = { "GEOMETRYCOLLECTION", NULL };

  g_assert_cmpint (carto_geometry_kind_from_types (NULL), ==, CARTO_GEOMETRY_KIND_UNKNOWN);
  g_assert_cmpint (carto_geometry_kind_from_types (none), ==, CARTO_GEOMETRY_KIND_NONE);
  g_assert_cmpint (carto_geometry_kind_from_types (points), ==, CARTO_GEOMETRY_KIND_POINT);
  g_assert_cmpint (carto_geometry_kind_from_types (polygons), ==, CARTO_GEOMETRY_KIND_POLYGON);
  g_assert_cmpint (carto_geometry_kind_from_types (lines), ==, CARTO_GEOMETRY_KIND_LINE);
  g_assert_cmpint (carto_geometry_kind_from_types (mixed), ==, CARTO_GEOMETRY_KIND_MIXED);
  g_assert_cmpint (carto_geometry_kind_from_types (collection), ==, CARTO_GEOMETRY_KIND_MIXED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sql-result/contract-body", test_contract_body);
  g_test_add_func ("/sql-result/field-order", test_field_order);
  g_test_add_func ("/sql-result/types-and-display", test_types_and_display);
  g_test_add_func ("/sql-result/display-type", test_display_type);
  g_test_add_func ("/sql-result/long-text-is-cut", test_long_text_is_cut);
  g_test_add_func ("/sql-result/geometry-summary", test_geometry_summary);
  g_test_add_func ("/sql-result/notices", test_notices);
  g_test_add_func ("/sql-result/dml-total-rows", test_dml_total_rows);
  g_test_add_func ("/sql-result/error-after-streaming", test_error_after_streaming);
  g_test_add_func ("/sql-result/malformed", test_malformed);
  g_test_add_func ("/sql-result/geojson", test_geojson);
  g_test_add_func ("/sql-result/error-mapping", test_error_mapping);
  g_test_add_func ("/sql-result/error-details", test_error_details);
  g_test_add_func ("/sql-result/error-redacts-key", test_error_redacts_key);
  g_test_add_func ("/sql-result/transport-errors", test_transport_errors);
  g_test_add_func ("/sql-result/geometry-kind", test_geometry_kind);

  return g_test_run ();
}
