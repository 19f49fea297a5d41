/* viewer-application.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "viewer-context.h"
#include "viewer-session.h"

G_BEGIN_DECLS

#define VIEWER_TYPE_APPLICATION (viewer_application_get_type ())
G_DECLARE_FINAL_TYPE (ViewerApplication, viewer_application, VIEWER, APPLICATION, AdwApplication)

ViewerApplication *viewer_application_new         (void);
ViewerContext     *viewer_application_get_context (ViewerApplication *self);
ViewerSession     *viewer_application_get_session (ViewerApplication *self);

G_END_DECLS
