/* ui-test-utils.h — helpers shared by the UI tests
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct
{
  guint n_pixels;
  guint n_distinct;       /* distinct colours among sampled pixels */
  double dominant_share;  /* share of the most frequent colour */
} PixelStats;

void        ui_test_init              (int         *argc,
                                       char      ***argv);
AdwApplication *ui_test_app_new       (const char  *application_id);
gboolean    ui_test_wait_until        (gboolean   (*predicate) (gpointer),
                                       gpointer     data,
                                       guint        timeout_ms);
void        ui_test_iterate           (guint        ms);
void        ui_test_wait_frames       (GtkWidget   *widget,
                                       guint        n_frames);
void        ui_test_save_artifact     (GdkTexture  *texture,
                                       const char  *name);
PixelStats  ui_test_pixel_stats       (GdkTexture  *texture,
                                       int          x,
                                       int          y,
                                       int          width,
                                       int          height);
guint32     ui_test_pixel             (GdkTexture  *texture,
                                       int          x,
                                       int          y);
GdkTexture *ui_test_render            (GtkWidget   *widget);
GdkTexture *ui_test_try_render        (GtkWidget   *widget);
void        ui_test_dump_labels       (GtkWidget   *root);
GtkWidget  *ui_test_find_label        (GtkWidget   *root,
                                       const char  *substring);

G_END_DECLS
