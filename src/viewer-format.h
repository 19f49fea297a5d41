/* viewer-format.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *viewer_format_count        (gint64 count);
char *viewer_format_approx_count (gint64 count);
char *viewer_format_row_count    (gint64   count,
                                  gboolean is_estimate);
char *viewer_format_count_or_estimate (gint64   count,
                                       gboolean is_estimate);
char *viewer_format_percent      (double fraction);

G_END_DECLS
