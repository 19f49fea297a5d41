/* carto-map-document-private.h
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The session restores a document's file as it was, which only loading
 * and saving set otherwise.
 */

#pragma once

#include "carto-map-document.h"

G_BEGIN_DECLS

void carto_map_document_set_file (CartoMapDocument *self,
                                  GFile            *file);

G_END_DECLS
