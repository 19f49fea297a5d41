/* carto.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one header applications include. libcarto holds the model and the
 * services of CARTO Viewer and never depends on GTK.
 */

#pragma once

#define CARTO_INSIDE
#include "carto-account.h"
#include "carto-basemap.h"
#include "carto-cartoframes-file.h"
#include "carto-color.h"
#include "carto-credential-store.h"
#include "carto-credentials-verify.h"
#include "carto-credentials.h"
#include "carto-enums.h"
#include "carto-http.h"
#include "carto-mvt.h"
#include "carto-tile-coord.h"
#include "carto-tile-painter.h"
#include "carto-topojson.h"
#include "carto-verify-result.h"
#include "carto-world-painter.h"
#undef CARTO_INSIDE
