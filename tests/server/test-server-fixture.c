/* test-server-fixture.c — start carto-test-server from a test
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "test-server-fixture.h"

#define START_TIMEOUT_S 60
#define STOP_TIMEOUT_S 20

struct _TestServer
{
  GSubprocess *process;
  char *tmp_dir;
  char *log_path;
  JsonNode *info;       /* the server's ready line */
  guint port;
  char *root_url;
  double startup_seconds;
};

typedef struct {
  GMainLoop *loop;
  char *line;
  GError *error;
  gboolean timed_out;
} Wait;

/* If the test dies, the server must not outlive it with a cluster. */
static void
child_setup (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Wait *wait = user_data;

  wait->timed_out = TRUE;
  g_main_loop_quit (wait->loop);
  return G_SOURCE_REMOVE;
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  g_main_loop_quit (wait->loop);
}

static char *
log_tail (TestServer *server)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (server->log_path == NULL || !g_file_get_contents (server->log_path, &contents, &length, NULL))
    return g_strdup ("(no log)");
  return g_strdup (length > 4000 ? contents + length - 4000 : contents);
}

static void
server_free (TestServer *server)
{
  g_clear_object (&server->process);
  if (server->log_path != NULL)
    g_unlink (server->log_path);
  if (server->tmp_dir != NULL)
    g_rmdir (server->tmp_dir);
  g_free (server->tmp_dir);
  g_free (server->log_path);
  g_clear_pointer (&server->info, json_node_unref);
  g_free (server->root_url);
  g_free (server);
}

/**
 * test_server_start:
 * @config_path: (nullable): a server config, or %NULL for the demo
 * @error: return location for a #GError
 *
 * Spawns `carto-test-server --json --port 0` and waits (60 s at most) for
 * its ready line. Its stderr and request log go to a file (see
 * test_server_get_log_path()).
 *
 * Returns: (transfer full): the running server, or %NULL
 */
TestServer *
test_server_start (const char *config_path,
                   GError    **error)
{
  return test_server_start_full (config_path, NULL, error);
}

/**
 * test_server_start_full:
 * @config_path: (nullable): a server config, or %NULL for the demo
 * @extra_args: (nullable) (array zero-terminated=1): more server options
 * @error: return location for a #GError
 *
 * Like test_server_start(), with more command-line options
 * (e.g. `--map-ttl`, `--faults`).
 *
 * Returns: (transfer full): the running server, or %NULL
 */
TestServer *
test_server_start_full (const char         *config_path,
                        const char * const *extra_args,
                        GError            **error)
{
  const char *exe = g_getenv ("CARTO_TEST_SERVER_EXE");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GSource) timeout = NULL;
  TestServer *server;
  Wait wait = { 0 };
  JsonObject *root;

  if (exe == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "CARTO_TEST_SERVER_EXE is not set (tests/meson.build sets it)");
      return NULL;
    }

  server = g_new0 (TestServer, 1);
  /* run-isolated's session dir goes away even when a test aborts. */
  if (g_getenv ("CARTO_TEST_SESSION_DIR") != NULL)
    {
      server->tmp_dir = g_build_filename (g_getenv ("CARTO_TEST_SESSION_DIR"), "carto-test-server-log-XXXXXX", NULL);
      if (g_mkdtemp (server->tmp_dir) == NULL)
        g_clear_pointer (&server->tmp_dir, g_free);
    }
  if (server->tmp_dir == NULL)
    server->tmp_dir = g_dir_make_tmp ("carto-test-server-log-XXXXXX", error);
  if (server->tmp_dir == NULL)
    {
      server_free (server);
      return NULL;
    }
  server->log_path = g_build_filename (server->tmp_dir, "server.log", NULL);

  g_ptr_array_add (argv, (gpointer) exe);
  g_ptr_array_add (argv, (gpointer) "--json");
  g_ptr_array_add (argv, (gpointer) "--port");
  g_ptr_array_add (argv, (gpointer) "0");
  if (config_path != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--config");
      g_ptr_array_add (argv, (gpointer) config_path);
    }
  else
    g_ptr_array_add (argv, (gpointer) "--demo");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_stderr_file_path (launcher, server->log_path);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
  if (server->process == NULL)
    {
      server_free (server);
      return NULL;
    }

  g_main_context_push_thread_default (context);
  wait.loop = g_main_loop_new (context, FALSE);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, read_line_cb, &wait);
  timeout = g_timeout_source_new_seconds (START_TIMEOUT_S);
  g_source_set_callback (timeout, timeout_cb, &wait, NULL);
  g_source_attach (timeout, context);
  g_main_loop_run (wait.loop);
  g_source_destroy (timeout);
  if (wait.timed_out)
    {
      /* Let the read finish (it fails once the process is gone). */
      g_subprocess_force_exit (server->process);
      g_main_loop_run (wait.loop);
    }
  g_main_loop_unref (wait.loop);
  g_main_context_pop_thread_default (context);

  if (wait.line == NULL || !json_parser_load_from_data (parser, wait.line, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_autofree char *tail = log_tail (server);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "carto-test-server did not start%s: %s",
                   wait.timed_out ? " in time" : "", tail);
      g_clear_error (&wait.error);
      g_free (wait.line);
      g_subprocess_force_exit (server->process);
      server_free (server);
      return NULL;
    }
  g_free (wait.line);

  server->info = json_node_copy (json_parser_get_root (parser));
  root = json_node_get_object (server->info);
  server->port = json_object_get_int_member (root, "port");
  server->root_url = g_strdup (json_object_get_string_member (root, "root_url"));
  server->startup_seconds = json_object_get_double_member (root, "startup_seconds");
  return server;
}

/**
 * test_server_get_port:
 * @server: a server
 *
 * Returns: its port on 127.0.0.1
 */
guint
test_server_get_port (TestServer *server)
{
  return server->port;
}

/**
 * test_server_get_root_url:
 * @server: a server
 *
 * Returns: `http://127.0.0.1:PORT`
 */
const char *
test_server_get_root_url (TestServer *server)
{
  return server->root_url;
}

static JsonObject *
user_object (TestServer *server,
             const char *user)
{
  JsonObject *users = json_object_get_object_member (json_node_get_object (server->info), "users");

  if (users == NULL || !json_object_has_member (users, user))
    return NULL;
  return json_object_get_object_member (users, user);
}

/**
 * test_server_get_base_url:
 * @server: a server
 * @user: a user of its config
 *
 * Returns: (nullable): `http://127.0.0.1:PORT/user/USER`
 */
const char *
test_server_get_base_url (TestServer *server,
                          const char *user)
{
  JsonObject *object = user_object (server, user);

  return object ? json_object_get_string_member (object, "base_url") : NULL;
}

/**
 * test_server_get_cloud_host:
 * @server: a server
 * @user: a user of its config
 *
 * Returns: (nullable): `USER.localhost:PORT`, a Host header for the cloud
 *   form of addressing
 */
const char *
test_server_get_cloud_host (TestServer *server,
                            const char *user)
{
  JsonObject *object = user_object (server, user);

  return object ? json_object_get_string_member (object, "cloud_host") : NULL;
}

/**
 * test_server_get_key:
 * @server: a server
 * @user: a user of its config
 * @key_name: `master`, `default_public` or a regular key's name
 *
 * Returns: (nullable): the key's token
 */
const char *
test_server_get_key (TestServer *server,
                     const char *user,
                     const char *key_name)
{
  JsonObject *object = user_object (server, user);
  JsonObject *keys = object ? json_object_get_object_member (object, "keys") : NULL;

  if (keys == NULL || !json_object_has_member (keys, key_name))
    return NULL;
  return json_object_get_string_member (keys, key_name);
}

/**
 * test_server_get_log_path:
 * @server: a server
 *
 * Returns: the file holding the server's stderr and request log
 */
const char *
test_server_get_log_path (TestServer *server)
{
  return server->log_path;
}

/**
 * test_server_get_startup_seconds:
 * @server: a server
 *
 * Returns: how long the server took to be ready
 */
double
test_server_get_startup_seconds (TestServer *server)
{
  return server->startup_seconds;
}

/* A tiny HTTP/1.0 client, so the fixture needs nothing beyond GIO. */
static char *
control_request (TestServer *server,
                 const char *method,
                 const char *path,
                 const char *body,
                 GError    **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autofree char *request = NULL;
  g_autoptr(GByteArray) response = g_byte_array_new ();
  GOutputStream *out;
  GInputStream *in;
  guint8 buffer[8192];
  gssize n;
  const char *text;
  const char *header_end;
  guint status = 0;

  g_socket_client_set_timeout (client, 30);
  /* Loopback needs no proxy, and the default resolver may need GSettings. */
  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", server->port, NULL, error);
  if (connection == NULL)
    return NULL;
  request = g_strdup_printf ("%s %s HTTP/1.0\r\nHost: 127.0.0.1:%u\r\nContent-Type: application/json\r\n"
                             "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                             method, path, server->port, body ? strlen (body) : 0, body ? body : "");
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  if (!g_output_stream_write_all (out, request, strlen (request), NULL, NULL, error))
    return NULL;
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, error)) > 0)
    g_byte_array_append (response, buffer, n);
  if (n < 0)
    return NULL;
  g_byte_array_append (response, (const guint8 *) "", 1);

  text = (const char *) response->data;
  header_end = strstr (text, "\r\n\r\n");
  if (!g_str_has_prefix (text, "HTTP/1.") || header_end == NULL || sscanf (text + 9, "%u", &status) != 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "bad control response");
      return NULL;
    }
  if (status != 200)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s %s: HTTP %u: %s", method, path, status, header_end + 4);
      return NULL;
    }
  return g_strdup (header_end + 4);
}

/**
 * test_server_get_stats:
 * @server: a server
 * @error: return location for a #GError
 *
 * `GET /_control/stats`: request counts since start or the last reset,
 * `{"total","sql","map","tile","keys","other","paths":{path: n}}`.
 *
 * Returns: (transfer full): the counts, or %NULL
 */
JsonNode *
test_server_get_stats (TestServer *server,
                       GError    **error)
{
  g_autofree char *body = control_request (server, "GET", "/_control/stats", NULL, error);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (body == NULL || !json_parser_load_from_data (parser, body, -1, error))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

/**
 * test_server_get_count:
 * @server: a server
 * @name: `total`, `sql`, `map`, `tile`, `keys`, `other`, or a request path
 * @error: return location for a #GError
 *
 * Returns: that count (0 for a path never requested), or -1 on error
 */
gint64
test_server_get_count (TestServer *server,
                       const char *name,
                       GError    **error)
{
  g_autoptr(JsonNode) stats = test_server_get_stats (server, error);
  JsonObject *root;
  JsonObject *paths;

  if (stats == NULL)
    return -1;
  root = json_node_get_object (stats);
  if (name[0] != '/')
    return json_object_get_int_member_with_default (root, name, 0);
  paths = json_object_get_object_member (root, "paths");
  return paths ? json_object_get_int_member_with_default (paths, name, 0) : 0;
}

/**
 * test_server_set_faults:
 * @server: a server
 * @json: a fault object, an array of them, or `{}` to clear (README.md)
 * @error: return location for a #GError
 *
 * Returns: whether the server took them
 */
gboolean
test_server_set_faults (TestServer *server,
                        const char *json,
                        GError    **error)
{
  g_autofree char *body = control_request (server, "POST", "/_control/faults", json, error);

  return body != NULL;
}

/**
 * test_server_set_limits:
 * @server: a server
 * @json: e.g. `{"statement_timeout_ms":100,"rate_limit":{"requests":2,"period_s":60}}`
 * @error: return location for a #GError
 *
 * Returns: whether the server took them
 */
gboolean
test_server_set_limits (TestServer *server,
                        const char *json,
                        GError    **error)
{
  g_autofree char *body = control_request (server, "POST", "/_control/limits", json, error);

  return body != NULL;
}

/**
 * test_server_reset:
 * @server: a server
 * @error: return location for a #GError
 *
 * Zeroes the counts, clears faults and puts the limits back to the config's.
 *
 * Returns: whether it worked
 */
gboolean
test_server_reset (TestServer *server,
                   GError    **error)
{
  g_autofree char *body = control_request (server, "POST", "/_control/reset", NULL, error);

  return body != NULL;
}

/**
 * test_server_stop:
 * @server: (transfer full) (nullable): a server
 *
 * Sends SIGTERM (the server stops PostgreSQL and removes its cluster),
 * waits for it, and frees @server.
 */
void
test_server_stop (TestServer *server)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GSource) timeout = NULL;
  Wait wait = { 0 };

  if (server == NULL)
    return;

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  wait.loop = g_main_loop_new (context, FALSE);
  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait_async (server->process, NULL, wait_cb, &wait);
  timeout = g_timeout_source_new_seconds (STOP_TIMEOUT_S);
  g_source_set_callback (timeout, timeout_cb, &wait, NULL);
  g_source_attach (timeout, context);
  g_main_loop_run (wait.loop);
  g_source_destroy (timeout);
  if (wait.timed_out)
    {
      g_printerr ("test-server-fixture: carto-test-server ignored SIGTERM; killing it\n");
      g_subprocess_force_exit (server->process);
      g_main_loop_run (wait.loop);
    }
  g_main_loop_unref (wait.loop);
  g_main_context_pop_thread_default (context);
  server_free (server);
}
