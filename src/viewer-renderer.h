/* viewer-renderer.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean viewer_renderer_is_software_gl (GdkDisplay *display,
                                         char      **gl_renderer);
void     viewer_renderer_choose         (GdkDisplay *display);
gboolean viewer_renderer_draws_with_cairo (void);

G_END_DECLS
