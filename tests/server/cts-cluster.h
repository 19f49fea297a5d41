/* cts-cluster.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CtsCluster CtsCluster;

CtsCluster *cts_cluster_new            (const char  *bindir,
                                        const char  *pg_user,
                                        GError     **error);
gboolean    cts_cluster_initdb         (CtsCluster  *cluster,
                                        GError     **error);
gboolean    cts_cluster_restore        (CtsCluster  *cluster,
                                        const char  *template_dir,
                                        GError     **error);
gboolean    cts_cluster_save_template  (CtsCluster  *cluster,
                                        const char  *template_dir,
                                        GError     **error);
gboolean    cts_cluster_start          (CtsCluster  *cluster,
                                        GError     **error);
gboolean    cts_cluster_stop           (CtsCluster  *cluster,
                                        GError     **error);
const char *cts_cluster_get_dir        (CtsCluster  *cluster);
char       *cts_cluster_dup_conninfo   (CtsCluster  *cluster);
void        cts_cluster_free           (CtsCluster  *cluster,
                                        gboolean     keep);

char       *cts_cluster_dup_version    (const char  *bindir);
gboolean    cts_run_command            (const char * const *argv,
                                        GError            **error);

G_END_DECLS
