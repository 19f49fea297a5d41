/* main.c — carto-test-server: a CARTO-compatible server for tests and the demo
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <utime.h>

#include <gio/gio.h>
#include <glib-unix.h>
#include <glib/gstdio.h>

#include "cts-cluster.h"
#include "cts-config.h"
#include "cts-db.h"
#include "cts-loader.h"
#include "cts-server.h"

/* Bump when the loader or catalogue changes what a template holds. */
#define TEMPLATE_FORMAT "cts-template-4"
#define TEMPLATE_KEEP 8

typedef struct {
  gboolean demo;
  char *config_path;
  char *data_dir;
  int port;
  gboolean json;
  char *attach;
  char *pg_user;
  char *pg_bindir;
  gboolean keep;
  char *template_cache;
  gboolean no_template_cache;
  int generate_points;
  char *log_path;
  char *faults;
  int map_ttl;
  int statement_timeout;
} Options;

static GMainLoop *loop;

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (loop);
  return G_SOURCE_CONTINUE;
}

static char *
template_key (CtsConfig  *config,
              const char *data_dir,
              const char *bindir,
              guint       generate_points,
              GError    **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GBytes) catalogue = cts_loader_dup_catalogue (NULL);
  g_autofree char *version = cts_cluster_dup_version (bindir);
  g_autofree char *points = g_strdup_printf ("points=%u", generate_points);

  g_checksum_update (sum, (const guchar *) TEMPLATE_FORMAT, -1);
  g_checksum_update (sum, (const guchar *) version, -1);
  if (catalogue != NULL)
    g_checksum_update (sum, g_bytes_get_data (catalogue, NULL), g_bytes_get_size (catalogue));
  g_checksum_update (sum, (const guchar *) config->contents, -1);
  g_checksum_update (sum, (const guchar *) points, -1);

  for (guint i = 0; i < config->users->len; i++)
    {
      CtsUser *user = g_ptr_array_index (config->users, i);

      for (guint j = 0; j < user->tables->len; j++)
        {
          CtsTable *table = g_ptr_array_index (user->tables, j);
          g_autofree char *path = NULL;
          g_autoptr(GMappedFile) file = NULL;

          if (table->file == NULL)
            continue;
          path = g_build_filename (data_dir, table->file, NULL);
          file = g_mapped_file_new (path, FALSE, error);
          if (file == NULL)
            return NULL;
          g_checksum_update (sum, (const guchar *) g_mapped_file_get_contents (file), g_mapped_file_get_length (file));
        }
    }
  return g_strdup (g_checksum_get_string (sum));
}

static gint
compare_mtime_desc (gconstpointer a,
                    gconstpointer b)
{
  GStatBuf sa, sb;

  if (g_stat (*(const char * const *) a, &sa) != 0 || g_stat (*(const char * const *) b, &sb) != 0)
    return 0;
  return (sb.st_mtime > sa.st_mtime) - (sb.st_mtime < sa.st_mtime);
}

/* Keeps the newest templates; an old one may still be copied by another
 * server right now, so only those an hour old go. */
static void
prune_templates (const char *cache_dir)
{
  g_autoptr(GDir) dir = g_dir_open (cache_dir, 0, NULL);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strlen (name) == 64 && strspn (name, "0123456789abcdef") == 64)
      g_ptr_array_add (entries, g_build_filename (cache_dir, name, NULL));
  g_ptr_array_sort (entries, compare_mtime_desc);
  for (guint i = TEMPLATE_KEEP; i < entries->len; i++)
    {
      const char *path = g_ptr_array_index (entries, i);
      GStatBuf st;

      if (g_stat (path, &st) == 0 && time (NULL) - st.st_mtime > 3600)
        {
          const char *argv[] = { "rm", "-rf", path, NULL };

          cts_run_command (argv, NULL);
        }
    }
}

static gboolean
init_and_load (CtsCluster *cluster,
               CtsConfig  *config,
               const char *data_dir,
               guint       generate_points,
               GError    **error)
{
  g_autofree char *conninfo = NULL;
  CtsDb *db;
  gboolean ok;
  gint64 start = g_get_monotonic_time ();

  if (!cts_cluster_initdb (cluster, error) || !cts_cluster_start (cluster, error))
    return FALSE;
  g_printerr ("carto-test-server: initdb and start in %.2f s\n", (g_get_monotonic_time () - start) / 1e6);
  start = g_get_monotonic_time ();
  conninfo = cts_cluster_dup_conninfo (cluster);
  db = cts_db_new (conninfo);
  ok = cts_loader_setup (db, config, data_dir, generate_points, error);
  cts_db_free (db);
  if (ok)
    g_printerr ("carto-test-server: data loaded in %.2f s\n", (g_get_monotonic_time () - start) / 1e6);
  return ok;
}

/* A fresh cluster holding the config's data: copied from a cached template
 * when one exists (fast), else built and then saved as the template. A
 * lock file keeps concurrent servers from building the same one twice. */
static gboolean
prepare_cluster (CtsCluster *cluster,
                 CtsConfig  *config,
                 const char *data_dir,
                 const char *bindir,
                 const char *cache_dir,
                 guint       generate_points,
                 GError    **error)
{
  g_autofree char *key = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *entry_data = NULL;
  g_autofree char *lock_path = NULL;
  g_autofree char *tmp = NULL;
  int lock_fd;
  gboolean ok;

  if (cache_dir == NULL)
    return init_and_load (cluster, config, data_dir, generate_points, error);

  key = template_key (config, data_dir, bindir, generate_points, error);
  if (key == NULL)
    return FALSE;
  entry = g_build_filename (cache_dir, key, NULL);
  entry_data = g_build_filename (entry, "data", NULL);

  if (!g_file_test (entry_data, G_FILE_TEST_IS_DIR))
    {
      if (g_mkdir_with_parents (cache_dir, 0755) != 0)
        {
          g_set_error (error, CTS_ERROR, CTS_ERROR_CLUSTER, "mkdir %s: %s", cache_dir, g_strerror (errno));
          return FALSE;
        }
      lock_path = g_strconcat (entry, ".lock", NULL);
      lock_fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
      if (lock_fd < 0 || flock (lock_fd, LOCK_EX) != 0)
        {
          g_set_error (error, CTS_ERROR, CTS_ERROR_CLUSTER, "lock %s: %s", lock_path, g_strerror (errno));
          if (lock_fd >= 0)
            close (lock_fd);
          return FALSE;
        }
      if (!g_file_test (entry_data, G_FILE_TEST_IS_DIR))
        {
          ok = init_and_load (cluster, config, data_dir, generate_points, error) &&
               cts_cluster_stop (cluster, error);
          if (ok)
            {
              tmp = g_strdup_printf ("%s.tmp-%d", entry, (int) getpid ());
              ok = cts_cluster_save_template (cluster, tmp, error);
              if (ok && g_rename (tmp, entry) != 0)
                {
                  const char *argv[] = { "rm", "-rf", tmp, NULL };

                  cts_run_command (argv, NULL);
                }
              else if (ok)
                g_printerr ("carto-test-server: saved template %s\n", entry);
            }
          close (lock_fd);
          g_unlink (lock_path);
          prune_templates (cache_dir);
          return ok && cts_cluster_start (cluster, error);
        }
      close (lock_fd);
    }

  g_utime (entry, NULL);
  if (!cts_cluster_restore (cluster, entry, error))
    return FALSE;
  g_printerr ("carto-test-server: cluster copied from template %s\n", key);
  return cts_cluster_start (cluster, error);
}

static void
print_ready (CtsServer *server,
             CtsConfig *config,
             double     seconds,
             gboolean   json)
{
  guint port = server->port;

  g_printerr ("carto-test-server: ready in %.2f s on http://127.0.0.1:%u\n", seconds, port);

  if (json)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      g_string_append_printf (out, "{\"port\":%u,\"root_url\":\"http://127.0.0.1:%u\","
                              "\"control_url\":\"http://127.0.0.1:%u/_control\",\"startup_seconds\":%.3f,"
                              "\"users\":{", port, port, port, seconds);
      for (guint i = 0; i < config->users->len; i++)
        {
          CtsUser *user = g_ptr_array_index (config->users, i);
          g_autofree char *base = g_strdup_printf ("http://127.0.0.1:%u/user/%s", port, user->name);
          g_autofree char *host = g_strdup_printf ("%s.localhost:%u", user->name, port);

          if (i > 0)
            g_string_append_c (out, ',');
          cts_json_append_string (out, user->name);
          g_string_append (out, ":{\"base_url\":");
          cts_json_append_string (out, base);
          g_string_append (out, ",\"cloud_host\":");
          cts_json_append_string (out, host);
          g_string_append (out, ",\"database\":");
          cts_json_append_string (out, user->database);
          g_string_append (out, ",\"keys\":{");
          for (guint j = 0; j < user->keys->len; j++)
            {
              CtsKey *key = g_ptr_array_index (user->keys, j);

              if (j > 0)
                g_string_append_c (out, ',');
              cts_json_append_string (out, key->name);
              g_string_append_c (out, ':');
              cts_json_append_string (out, key->token);
            }
          g_string_append (out, "}}");
        }
      g_string_append (out, "}}\n");
      fputs (out->str, stdout);
      fflush (stdout);
      return;
    }

  printf ("carto-test-server is ready (%.2f s) on http://127.0.0.1:%u\n", seconds, port);
  for (guint i = 0; i < config->users->len; i++)
    {
      CtsUser *user = g_ptr_array_index (config->users, i);

      printf ("  user %-14s http://127.0.0.1:%u/user/%s  (or http://%s.localhost:%u)\n",
              user->name, port, user->name, user->name, port);
      /* Test keys of this local server, shown on the terminal only (a
       * config may make them at random, so no file holds them). */
      for (guint j = 0; j < user->keys->len; j++)
        {
          CtsKey *key = g_ptr_array_index (user->keys, j);

          printf ("       key %-16s %s\n", key->name, key->token);
        }
    }
  printf ("  control: http://127.0.0.1:%u/_control/stats\n", port);
  printf ("Stop with Ctrl+C.\n");
  fflush (stdout);
}

int
main (int    argc,
      char **argv)
{
  Options opts = { .port = 0, .generate_points = 0, .map_ttl = -1, .statement_timeout = -1 };
  GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &opts.demo, "Serve the demo users and data", NULL },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &opts.config_path, "Users, keys and tables (JSON)", "FILE" },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &opts.data_dir, "Where table files live (default: the build's demo data)", "DIR" },
    { "port", 'p', 0, G_OPTION_ARG_INT, &opts.port, "Port on 127.0.0.1 (0: any free one)", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opts.json, "When ready, print one JSON line to stdout", NULL },
    { "attach", 0, 0, G_OPTION_ARG_STRING, &opts.attach, "Use this existing cluster (libpq connection string)", "CONNINFO" },
    { "pg-user", 0, 0, G_OPTION_ARG_STRING, &opts.pg_user, "Run PostgreSQL as this user when root (default: postgres)", "USER" },
    { "pg-bindir", 0, 0, G_OPTION_ARG_FILENAME, &opts.pg_bindir, "PostgreSQL's bin dir", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &opts.keep, "Leave the cluster dir on disk at exit", NULL },
    { "template-cache", 0, 0, G_OPTION_ARG_FILENAME, &opts.template_cache, "Cache of loaded clusters (default: $CARTO_TEST_TEMPLATE_CACHE)", "DIR" },
    { "no-template-cache", 0, 0, G_OPTION_ARG_NONE, &opts.no_template_cache, "Always initdb and load", NULL },
    { "generate-points", 0, 0, G_OPTION_ARG_INT, &opts.generate_points, "Add a synthetic_points table of N random points to the first user", "N" },
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &opts.log_path, "Request log file (default: stderr); never holds a key", "FILE" },
    { "faults", 0, 0, G_OPTION_ARG_STRING, &opts.faults, "Fault knobs at start (JSON, as POST /_control/faults)", "JSON" },
    { "map-ttl", 0, 0, G_OPTION_ARG_INT, &opts.map_ttl, "Seconds an unused layergroup lives", "S" },
    { "statement-timeout", 0, 0, G_OPTION_ARG_INT, &opts.statement_timeout, "statement_timeout in ms", "MS" },
    { NULL, 0, 0, G_OPTION_ARG_NONE, NULL, NULL, NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— a CARTO-compatible server over PostgreSQL + PostGIS");
  g_autoptr(GError) error = NULL;
  g_autoptr(CtsConfig) config = NULL;
  g_autofree char *conninfo = NULL;
  CtsCluster *cluster = NULL;
  CtsServer *server = NULL;
  CtsDb *db = NULL;
  FILE *log = stderr;
  const char *data_dir;
  const char *bindir;
  const char *cache_dir = NULL;
  gint64 start = g_get_monotonic_time ();
  int status = 1;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("carto-test-server: %s\n", error->message);
      return 2;
    }
  if (opts.demo == (opts.config_path != NULL))
    {
      g_printerr ("carto-test-server: give exactly one of --demo and --config FILE\n");
      return 2;
    }

  data_dir = opts.data_dir ? opts.data_dir
                           : g_getenv ("CARTO_TEST_DATA_DIR") ? g_getenv ("CARTO_TEST_DATA_DIR") : CTS_DEMO_DATA_DIR;
  bindir = opts.pg_bindir ? opts.pg_bindir : CTS_PG_BINDIR;
  if (!opts.no_template_cache)
    cache_dir = opts.template_cache ? opts.template_cache : g_getenv ("CARTO_TEST_TEMPLATE_CACHE");
  if (cache_dir != NULL && *cache_dir == '\0')
    cache_dir = NULL;

  config = cts_config_load (opts.demo ? CTS_DEMO_CONFIG : opts.config_path, &error);
  if (config == NULL)
    {
      g_printerr ("carto-test-server: %s\n", error->message);
      return 1;
    }
  if (opts.map_ttl >= 0)
    config->limits.map_ttl_s = opts.map_ttl;
  if (opts.statement_timeout >= 0)
    config->limits.statement_timeout_ms = opts.statement_timeout;

  if (opts.log_path != NULL)
    {
      log = fopen (opts.log_path, "ae");
      if (log == NULL)
        {
          g_printerr ("carto-test-server: %s: %s\n", opts.log_path, g_strerror (errno));
          return 1;
        }
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, NULL);
  g_unix_signal_add (SIGTERM, quit_cb, NULL);

  if (opts.attach != NULL)
    {
      conninfo = g_strdup (opts.attach);
      db = cts_db_new (conninfo);
      if (!cts_loader_setup (db, config, data_dir, opts.generate_points, &error))
        goto out;
    }
  else
    {
      cluster = cts_cluster_new (bindir, opts.pg_user, &error);
      if (cluster != NULL)
        g_printerr ("carto-test-server: cluster in %s\n", cts_cluster_get_dir (cluster));
      if (cluster == NULL ||
          !prepare_cluster (cluster, config, data_dir, bindir, cache_dir, opts.generate_points, &error))
        goto out;
      conninfo = cts_cluster_dup_conninfo (cluster);
      db = cts_db_new (conninfo);
    }

  server = cts_server_new (config, db, opts.port, log, &error);
  if (server == NULL)
    goto out;
  if (opts.faults != NULL)
    {
      g_autoptr(GPtrArray) faults = cts_faults_parse (opts.faults, -1, &error);

      if (faults == NULL)
        goto out;
      for (guint i = 0; i < faults->len; i++)
        g_ptr_array_add (server->faults, cts_fault_copy (g_ptr_array_index (faults, i)));
    }

  print_ready (server, config, (g_get_monotonic_time () - start) / 1e6, opts.json);
  g_main_loop_run (loop);
  g_printerr ("carto-test-server: stopping\n");
  status = 0;

out:
  if (error != NULL)
    g_printerr ("carto-test-server: %s\n", error->message);
  cts_server_free (server);
  /* Worker threads may still hold connections: stopping PostgreSQL ends
   * them, and the process exits right after. */
  if (cluster != NULL)
    {
      if (opts.keep)
        g_printerr ("carto-test-server: keeping %s\n", cts_cluster_get_dir (cluster));
      cts_cluster_free (cluster, opts.keep);
    }
  if (log != stderr && log != NULL)
    fclose (log);
  g_clear_pointer (&loop, g_main_loop_unref);
  return status;
}
