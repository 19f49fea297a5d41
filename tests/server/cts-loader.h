/* cts-loader.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cts-config.h"
#include "cts-db.h"

G_BEGIN_DECLS

gboolean cts_loader_setup (CtsDb      *db,
                           CtsConfig  *config,
                           const char *data_dir,
                           guint       generate_points,
                           GError    **error);

GBytes  *cts_loader_dup_catalogue (GError **error);

G_END_DECLS
