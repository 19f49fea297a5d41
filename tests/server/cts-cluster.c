/* cts-cluster.c — a throwaway PostgreSQL cluster: initdb, start, stop, copy
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cts-cluster.h"
#include "cts-config.h"

struct _CtsCluster
{
  char *bindir;
  char *pg_user;        /* NULL: run PostgreSQL as ourselves */
  char *dir;            /* holds data/, the socket and the log */
  char *data_dir;
  gboolean running;
  int reaper_fd;        /* write end of the reaper's stdin */
};

/* Stops the cluster and removes its dir once our end of its stdin closes,
 * which happens however we exit, crashes included; "keep" spares both. */
static const char reaper_script[] =
  "trap '' INT TERM HUP\n"
  "read x\n"
  "[ \"$x\" = keep ] && exit 0\n"
  "if [ -n \"$3\" ]; then runuser -u \"$3\" -- \"$2\" -D \"$1/data\" -m immediate -w stop\n"
  "else \"$2\" -D \"$1/data\" -m immediate -w stop; fi >/dev/null 2>&1\n"
  "rm -rf \"$1\"\n";

static void
start_reaper (CtsCluster *cluster)
{
  g_autofree char *pg_ctl = g_build_filename (cluster->bindir, "pg_ctl", NULL);
  const char *argv[] = { "sh", "-c", reaper_script, "cts-reaper", cluster->dir, pg_ctl,
                         cluster->pg_user ? cluster->pg_user : "", NULL };
  g_autoptr(GError) error = NULL;

  cluster->reaper_fd = -1;
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                                 NULL, NULL, NULL, &cluster->reaper_fd, NULL, NULL, &error))
    g_printerr ("carto-test-server: no reaper for %s: %s\n", cluster->dir, error->message);
  else
    fcntl (cluster->reaper_fd, F_SETFD, FD_CLOEXEC);
}

/* Runs argv (optionally as pg_user through runuser: PostgreSQL refuses to
 * run as root) and turns a failure into an error holding its output. */
static gboolean
run_as (CtsCluster         *cluster,
        const char * const *argv,
        GError            **error)
{
  g_autoptr(GPtrArray) full = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (cluster != NULL && cluster->pg_user != NULL)
    {
      g_ptr_array_add (full, (gpointer) "runuser");
      g_ptr_array_add (full, (gpointer) "-u");
      g_ptr_array_add (full, cluster->pg_user);
      g_ptr_array_add (full, (gpointer) "--");
    }
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full, (gpointer) argv[i]);
  g_ptr_array_add (full, NULL);

  if (!g_spawn_sync (NULL, (char **) full->pdata, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDIN_FROM_DEV_NULL,
                     NULL, NULL, &out, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, CTS_ERROR, CTS_ERROR_CLUSTER, "%s failed: %s%s",
                   argv[0], err ? err : "", out ? out : "");
      return FALSE;
    }
  return TRUE;
}

/**
 * cts_run_command:
 * @argv: a command
 * @error: return location for a #GError
 *
 * Runs @argv as ourselves and waits for it.
 *
 * Returns: whether it exited with status 0
 */
gboolean
cts_run_command (const char * const *argv,
                 GError            **error)
{
  return run_as (NULL, argv, error);
}

static char *
bin (CtsCluster *cluster,
     const char *name)
{
  return g_build_filename (cluster->bindir, name, NULL);
}

/**
 * cts_cluster_new:
 * @bindir: PostgreSQL's bin dir
 * @pg_user: (nullable): the unprivileged user to run PostgreSQL as when we
 *   are root
 * @error: return location for a #GError
 *
 * Makes the cluster's private temp dir. When we are root it belongs to
 * @pg_user, who must be able to reach it.
 *
 * Returns: (transfer full): a cluster, not yet initialised
 */
CtsCluster *
cts_cluster_new (const char *bindir,
                 const char *pg_user,
                 GError    **error)
{
  CtsCluster *cluster = g_new0 (CtsCluster, 1);

  cluster->reaper_fd = -1;
  cluster->bindir = g_strdup (bindir);
  if (geteuid () == 0)
    {
      struct passwd *pw = getpwnam (pg_user ? pg_user : "postgres");

      if (pw == NULL)
        {
          g_set_error (error, CTS_ERROR, CTS_ERROR_CLUSTER,
                       "running as root, but there is no user %s to run PostgreSQL as (use --pg-user)",
                       pg_user ? pg_user : "postgres");
          cts_cluster_free (cluster, FALSE);
          return NULL;
        }
      cluster->pg_user = g_strdup (pw->pw_name);
    }

  /* The unix socket path must stay under ~107 bytes, and the unprivileged
   * user must reach it: /tmp (or $TMPDIR) does both. */
  cluster->dir = g_dir_make_tmp ("carto-test-server-XXXXXX", error);
  if (cluster->dir == NULL)
    {
      cts_cluster_free (cluster, FALSE);
      return NULL;
    }
  cluster->data_dir = g_build_filename (cluster->dir, "data", NULL);
  start_reaper (cluster);

  if (cluster->pg_user != NULL)
    {
      struct passwd *pw = getpwnam (cluster->pg_user);

      if (chown (cluster->dir, pw->pw_uid, pw->pw_gid) != 0)
        {
          g_set_error (error, CTS_ERROR, CTS_ERROR_CLUSTER, "chown %s: %s",
                       cluster->dir, g_strerror (errno));
          cts_cluster_free (cluster, FALSE);
          return NULL;
        }
    }

  return cluster;
}

/**
 * cts_cluster_initdb:
 * @cluster: a cluster
 * @error: return location for a #GError
 *
 * Creates an empty cluster whose superuser is `postgres`, trusting local
 * connections (the socket dir is private to us), with 1 MB WAL segments
 * so that a saved template carries little WAL.
 *
 * Returns: whether it worked
 */
gboolean
cts_cluster_initdb (CtsCluster *cluster,
                    GError    **error)
{
  g_autofree char *initdb = bin (cluster, "initdb");
  const char *argv[] = {
    initdb, "-D", cluster->data_dir, "-U", "postgres", "-A", "trust",
    "-E", "UTF8", "--no-locale", "--no-sync", "--no-instructions", "--wal-segsize=1", NULL,
  };

  return run_as (cluster, argv, error);
}

/**
 * cts_cluster_restore:
 * @cluster: a cluster, never started
 * @template_dir: a dir saved by cts_cluster_save_template()
 * @error: return location for a #GError
 *
 * Copies a stopped cluster's data dir (cp -a, with reflinks where the file
 * system has them), which is much faster than initdb and loading.
 *
 * Returns: whether it worked
 */
gboolean
cts_cluster_restore (CtsCluster *cluster,
                     const char *template_dir,
                     GError    **error)
{
  g_autofree char *src = g_build_filename (template_dir, "data", NULL);
  const char *argv[] = { "cp", "-a", "--reflink=auto", src, cluster->data_dir, NULL };

  return run_as (NULL, argv, error);
}

/**
 * cts_cluster_save_template:
 * @cluster: a stopped cluster
 * @template_dir: a new dir to copy the data dir into
 * @error: return location for a #GError
 *
 * Returns: whether it worked
 */
gboolean
cts_cluster_save_template (CtsCluster *cluster,
                           const char *template_dir,
                           GError    **error)
{
  g_autofree char *dst = g_build_filename (template_dir, "data", NULL);
  const char *argv[] = { "cp", "-a", "--reflink=auto", cluster->data_dir, dst, NULL };

  g_return_val_if_fail (!cluster->running, FALSE);

  if (g_mkdir_with_parents (template_dir, 0700) != 0)
    {
      g_set_error (error, CTS_ERROR, CTS_ERROR_CLUSTER, "mkdir %s: %s",
                   template_dir, g_strerror (errno));
      return FALSE;
    }
  return run_as (NULL, argv, error);
}

/**
 * cts_cluster_start:
 * @cluster: a cluster
 * @error: return location for a #GError
 *
 * Starts the postmaster: unix socket in the cluster dir only (no TCP), no
 * fsync (a test cluster is thrown away), minimal WAL (smaller templates,
 * and COPY into a new table writes none), and waits until it accepts
 * connections. Like a tile server's database: no JIT (compiling a tile's
 * query costs more than running it) and no parallel workers (tiles come
 * many at a time; a worker per query only adds processes to the cores).
 * PostGIS is loaded once by the postmaster, not by each new backend: a
 * map's first tiles arrive together and each opens a connection, and
 * loading postgis-3.so and its libraries costs a backend 14 ms of CPU.
 *
 * Returns: whether it worked
 */
gboolean
cts_cluster_start (CtsCluster *cluster,
                   GError    **error)
{
  g_autofree char *pg_ctl = bin (cluster, "pg_ctl");
  g_autofree char *log = g_build_filename (cluster->dir, "postgresql.log", NULL);
  g_autofree char *options = g_strdup_printf (
      "-c listen_addresses='' -k '%s' -c unix_socket_permissions=0700 "
      "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
      "-c max_connections=100 -c shared_buffers=64MB -c timezone=UTC "
      "-c wal_level=minimal -c max_wal_senders=0 -c min_wal_size=2MB -c max_wal_size=256MB "
      "-c log_min_messages=warning "
      "-c jit=off -c max_parallel_workers_per_gather=0 "
      "-c shared_preload_libraries=postgis-3",
      cluster->dir);
  const char *argv[] = {
    pg_ctl, "-D", cluster->data_dir, "-l", log, "-w", "-t", "60",
    "-o", options, "start", NULL,
  };

  if (!run_as (cluster, argv, error))
    {
      g_autofree char *contents = NULL;

      if (g_file_get_contents (log, &contents, NULL, NULL))
        g_prefix_error (error, "%s\n", contents);
      return FALSE;
    }
  cluster->running = TRUE;
  return TRUE;
}

/**
 * cts_cluster_stop:
 * @cluster: a cluster
 * @error: return location for a #GError
 *
 * Stops the postmaster with pg_ctl -m fast (running queries are cancelled).
 *
 * Returns: whether it worked
 */
gboolean
cts_cluster_stop (CtsCluster *cluster,
                  GError    **error)
{
  g_autofree char *pg_ctl = bin (cluster, "pg_ctl");
  const char *argv[] = { pg_ctl, "-D", cluster->data_dir, "-m", "fast", "-w", "stop", NULL };

  if (!cluster->running)
    return TRUE;
  cluster->running = FALSE;
  return run_as (cluster, argv, error);
}

/**
 * cts_cluster_get_dir:
 * @cluster: a cluster
 *
 * Returns: the cluster's dir, which also holds its socket
 */
const char *
cts_cluster_get_dir (CtsCluster *cluster)
{
  return cluster->dir;
}

/**
 * cts_cluster_dup_conninfo:
 * @cluster: a cluster
 *
 * Returns: (transfer full): a libpq connection string for the superuser
 */
char *
cts_cluster_dup_conninfo (CtsCluster *cluster)
{
  return g_strdup_printf ("host=%s user=postgres dbname=postgres", cluster->dir);
}

/**
 * cts_cluster_free:
 * @cluster: (transfer full): a cluster
 * @keep: leave the dir on disk
 *
 * Stops the cluster if it runs and, unless @keep, removes its dir.
 */
void
cts_cluster_free (CtsCluster *cluster,
                  gboolean    keep)
{
  g_autoptr(GError) error = NULL;

  if (cluster == NULL)
    return;
  if (!cts_cluster_stop (cluster, &error))
    g_printerr ("carto-test-server: stopping PostgreSQL: %s\n", error->message);
  if (cluster->dir != NULL && !keep)
    {
      const char *argv[] = { "rm", "-rf", cluster->dir, NULL };

      g_clear_error (&error);
      if (!run_as (NULL, argv, &error))
        g_printerr ("carto-test-server: %s\n", error->message);
    }
  if (cluster->reaper_fd >= 0)
    {
      if (keep && write (cluster->reaper_fd, "keep\n", 5) != 5)
        g_printerr ("carto-test-server: the reaper may remove %s\n", cluster->dir);
      close (cluster->reaper_fd);
    }
  g_free (cluster->bindir);
  g_free (cluster->pg_user);
  g_free (cluster->dir);
  g_free (cluster->data_dir);
  g_free (cluster);
}

/**
 * cts_cluster_dup_version:
 * @bindir: PostgreSQL's bin dir
 *
 * Returns: (transfer full): what `postgres --version` prints, plus the
 *   PostGIS extension's control file, for the template cache key
 */
char *
cts_cluster_dup_version (const char *bindir)
{
  g_autofree char *postgres = g_build_filename (bindir, "postgres", NULL);
  const char *argv[] = { postgres, "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *control = NULL;
  g_autofree char *sharedir = NULL;
  g_autofree char *pg_config = g_build_filename (bindir, "pg_config", NULL);
  const char *cfg_argv[] = { pg_config, "--sharedir", NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, NULL, NULL))
    out = g_strdup ("unknown");
  if (g_spawn_sync (NULL, (char **) cfg_argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, &sharedir, NULL, NULL, NULL))
    {
      g_autofree char *path = g_build_filename (g_strstrip (sharedir), "extension", "postgis.control", NULL);

      g_file_get_contents (path, &control, NULL, NULL);
    }
  return g_strconcat (out, control ? control : "", NULL);
}
