/* viewer-toast.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where a widget's toast shows: the toasts of the window it is in, or, for
 * a dialog without any, those of the window the dialog belongs to. A
 * widget says what happened; it need not know which window shows it.
 */

#include "config.h"

#include "viewer-toast.h"

/* The window's own overlay may sit beside the widget rather than above it
 * (a banner over the map): look through the whole window. */
static AdwToastOverlay *
find_overlay_inside (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *overlay = find_overlay_inside (child);

      if (overlay != NULL)
        return overlay;
    }

  return NULL;
}

/**
 * viewer_toast_show:
 * @widget: the widget the toast is about
 * @toast: (transfer full): the toast
 *
 * Shows @toast in the nearest toast overlay above @widget (or the
 * preferences window it is in); failing that, in the overlay of its
 * window, or of the window that window is a dialog of. A widget in no
 * window drops the toast.
 */
void
viewer_toast_show (GtkWidget *widget,
                   AdwToast  *toast)
{
  g_autoptr(AdwToast) owned = toast;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  for (GtkWidget *ancestor = widget; ancestor != NULL; ancestor = gtk_widget_get_parent (ancestor))
    {
      if (ADW_IS_TOAST_OVERLAY (ancestor))
        {
          adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (ancestor), g_steal_pointer (&owned));
          return;
        }
      if (ADW_IS_PREFERENCES_WINDOW (ancestor))
        {
          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (ancestor), g_steal_pointer (&owned));
          return;
        }
    }

  root = gtk_widget_get_root (widget);
  for (GtkWindow *window = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL; window != NULL;
       window = gtk_window_get_transient_for (window))
    {
      AdwToastOverlay *overlay = find_overlay_inside (GTK_WIDGET (window));

      if (overlay != NULL)
        {
          adw_toast_overlay_add_toast (overlay, g_steal_pointer (&owned));
          return;
        }
    }

  g_debug ("No window to show the toast “%s” in", adw_toast_get_title (owned));
}
