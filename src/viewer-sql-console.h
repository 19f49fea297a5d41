/* viewer-sql-console.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <carto.h>

#include "viewer-context.h"
#include "viewer-results-view.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_SQL_CONSOLE (viewer_sql_console_get_type ())
G_DECLARE_FINAL_TYPE (ViewerSqlConsole, viewer_sql_console, VIEWER, SQL_CONSOLE, AdwWindow)

ViewerSqlConsole  *viewer_sql_console_new              (GtkWindow        *parent,
                                                        ViewerContext    *context,
                                                        CartoAccount     *account);
ViewerSqlConsole  *viewer_sql_console_present          (GtkWindow        *parent,
                                                        ViewerContext    *context,
                                                        CartoAccount     *account);
CartoAccount      *viewer_sql_console_get_account      (ViewerSqlConsole *self);
void               viewer_sql_console_set_account      (ViewerSqlConsole *self,
                                                        CartoAccount     *account);
char              *viewer_sql_console_dup_sql          (ViewerSqlConsole *self);
void               viewer_sql_console_set_sql          (ViewerSqlConsole *self,
                                                        const char       *sql);
void               viewer_sql_console_run              (ViewerSqlConsole *self);
void               viewer_sql_console_cancel           (ViewerSqlConsole *self);
gboolean           viewer_sql_console_get_running      (ViewerSqlConsole *self);
const char        *viewer_sql_console_get_error_text   (ViewerSqlConsole *self);
const char        *viewer_sql_console_get_summary      (ViewerSqlConsole *self);
ViewerResultsView *viewer_sql_console_get_results_view (ViewerSqlConsole *self);
gboolean           viewer_sql_console_add_to_map       (ViewerSqlConsole *self);

G_END_DECLS
