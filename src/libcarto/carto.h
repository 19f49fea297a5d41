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
#include "carto-catalogue.h"
#include "carto-classify.h"
#include "carto-color.h"
#include "carto-credential-store.h"
#include "carto-credentials-verify.h"
#include "carto-credentials.h"
#include "carto-dataset.h"
#include "carto-enums.h"
#include "carto-hit-test.h"
#include "carto-highlight-painter.h"
#include "carto-http.h"
#include "carto-layer.h"
#include "carto-layer-painter.h"
#include "carto-layer-tile-loader.h"
#include "carto-layergroup.h"
#include "carto-legend.h"
#include "carto-map.h"
#include "carto-map-document.h"
#include "carto-map-file.h"
#include "carto-map-session.h"
#include "carto-maps-client.h"
#include "carto-mvt.h"
#include "carto-number.h"
#include "carto-palettes.h"
#include "carto-source.h"
#include "carto-sql-client.h"
#include "carto-sql-pager.h"
#include "carto-sql-error.h"
#include "carto-sql-field.h"
#include "carto-sql-quote.h"
#include "carto-sql-result.h"
#include "carto-sql-row.h"
#include "carto-style.h"
#include "carto-symbol.h"
#include "carto-tile-cache.h"
#include "carto-tile-coord.h"
#include "carto-tile-disk-cache.h"
#include "carto-tile-fetcher.h"
#include "carto-tile-painter.h"
#include "carto-topojson.h"
#include "carto-vector-renderer.h"
#include "carto-verify-result.h"
#include "carto-world-painter.h"
#undef CARTO_INSIDE
