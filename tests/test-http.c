/* test-http.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>

static void
test_redact (void)
{
  struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "https://u.carto.com/api/v1/map/abc/0/1/2/3.mvt?api_key=s3cr3t",
      "https://u.carto.com/api/v1/map/abc/0/1/2/3.mvt" },
    { "https://h/user/u/api/v2/sql?q=SELECT%201&API_KEY=s3cr3t&format=json",
      "https://h/user/u/api/v2/sql?q=SELECT%201&format=json" },
    { "http://127.0.0.1:8080/a?map_key=s3cr3t#frag", "http://127.0.0.1:8080/a#frag" },
    { "https://user:s3cr3t@host/x", "https://host/x" },
    { "not a uri", "(invalid URI)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *r = carto_http_redact_uri_string (cases[i].in);

      g_assert_cmpstr (r, ==, cases[i].out);
      g_assert_null (strstr (r, "s3cr3t"));
    }
}

static void
test_session (void)
{
  g_autoptr(SoupSession) s = carto_http_session_new ();

  g_assert_cmpuint (soup_session_get_max_conns_per_host (s), >=, 6);
  g_assert_cmpuint (soup_session_get_timeout (s), ==, 30);
  g_assert_true (g_str_has_prefix (soup_session_get_user_agent (s), "CartoViewer/"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/http/redact", test_redact);
  g_test_add_func ("/http/session", test_session);

  return g_test_run ();
}
