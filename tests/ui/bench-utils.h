/* bench-utils.h — what the map benchmarks share
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "viewer-window.h"

G_BEGIN_DECLS

CartoStyle *bench_style_from_file (guint         index);
void        bench_measure         (ViewerWindow *window,
                                   gint64        start_us,
                                   double       *view_ms,
                                   double       *all_ms);

G_END_DECLS
