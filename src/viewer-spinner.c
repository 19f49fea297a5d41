/* viewer-spinner.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In GTK 4.8 a spinning GtkSpinner keeps its window drawing frames back to
 * back even on a hidden stack page. Under a software renderer that starves
 * the idle callbacks libshumate loads tiles from, so spinners here spin
 * only while they are on screen.
 */

#include "config.h"

#include "viewer-spinner.h"

/**
 * viewer_spinner_spin_while_mapped:
 * @spinner: a spinner shown only while something loads
 *
 * Makes @spinner spin exactly while it is mapped.
 */
void
viewer_spinner_spin_while_mapped (GtkSpinner *spinner)
{
  g_return_if_fail (GTK_IS_SPINNER (spinner));

  g_signal_connect (spinner, "map", G_CALLBACK (gtk_spinner_start), NULL);
  g_signal_connect (spinner, "unmap", G_CALLBACK (gtk_spinner_stop), NULL);
  gtk_spinner_set_spinning (spinner, gtk_widget_get_mapped (GTK_WIDGET (spinner)));
}
