/* viewer-renderer.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which GSK renderer draws our windows on a machine without a GPU.
 *
 * GTK picks OpenGL whenever it can, even when OpenGL is Mesa's software
 * rasterizer (llvmpipe on a virtual machine, a remote desktop, Xvfb).
 * There, a map is the worst case: every tile that arrives redraws the
 * whole window in emulated shaders, about 50 ms of both cores a frame
 * (measured with tools/bench), and the shaders are compiled on the CPU
 * at first start. Those cores are the ones decoding and painting tiles.
 * GTK's cairo renderer draws the same 2D scene with pixman, only where
 * it changed, and we use no 3D transforms. So with a software OpenGL,
 * and unless GSK_RENDERER says otherwise, the windows use cairo (as
 * mutter's window frames do for their own reasons, mutter!2976).
 */

#include "config.h"

#include <epoxy/gl.h>

#include "viewer-renderer.h"

/* What viewer_renderer_choose() found; tiles are drawn to suit it. */
static gboolean draws_with_cairo;

static gboolean
is_software_renderer_name (const char *name)
{
  static const char *const software[] = { "llvmpipe", "softpipe", "swrast", "Software Rasterizer", "SWR" };

  for (guint i = 0; i < G_N_ELEMENTS (software); i++)
    if (strstr (name, software[i]) != NULL)
      return TRUE;

  return FALSE;
}

/* Creates an OpenGL context the way GTK would and asks who renders it.
 * Returns FALSE when there is no OpenGL at all. */
static gboolean
probe_gl (GdkDisplay *display,
          char      **gl_renderer)
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  *gl_renderer = NULL;
  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      g_debug ("No OpenGL: %s", error->message);
      return FALSE;
    }

  gdk_gl_context_make_current (context);
  name = (const char *) glGetString (GL_RENDERER);
  *gl_renderer = g_strdup (name != NULL ? name : "");
  gdk_gl_context_clear_current ();

  return TRUE;
}

/**
 * viewer_renderer_is_software_gl:
 * @display: a display
 * @gl_renderer: (out) (optional) (transfer full): the OpenGL renderer's
 *   name, or %NULL without OpenGL
 *
 * Creates an OpenGL context the way GTK would and asks who renders it.
 *
 * Returns: whether OpenGL on @display is a software rasterizer
 */
gboolean
viewer_renderer_is_software_gl (GdkDisplay *display,
                                char      **gl_renderer)
{
  g_autofree char *name = NULL;
  gboolean software;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), FALSE);

  software = probe_gl (display, &name) && is_software_renderer_name (name);
  if (gl_renderer != NULL)
    *gl_renderer = g_steal_pointer (&name);

  return software;
}

/**
 * viewer_renderer_choose:
 * @display: (nullable): the display the windows will open on; %NULL
 *   (no display) does nothing
 *
 * Chooses cairo when OpenGL is a software rasterizer and the person has
 * not chosen with GSK_RENDERER. Call before any window is realized: GTK
 * reads the variable when it creates the first renderer.
 */
void
viewer_renderer_choose (GdkDisplay *display)
{
  g_autofree char *gl_renderer = NULL;
  const char *chosen;

  g_return_if_fail (display == NULL || GDK_IS_DISPLAY (display));

  if (display == NULL)
    return;

  chosen = g_getenv ("GSK_RENDERER");
  if (chosen != NULL)
    {
      draws_with_cairo = g_str_equal (chosen, "cairo");
      return;
    }

  if (!probe_gl (display, &gl_renderer))
    {
      /* GTK falls back to cairo by itself. */
      draws_with_cairo = TRUE;
      return;
    }

  if (is_software_renderer_name (gl_renderer))
    {
      g_debug ("OpenGL is %s, a software rasterizer: drawing with cairo", gl_renderer);
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
      draws_with_cairo = TRUE;
    }
}

/**
 * viewer_renderer_draws_with_cairo:
 *
 * Returns: whether GTK's cairo renderer draws the windows, as far as
 *   viewer_renderer_choose() could tell (%FALSE before it is called)
 */
gboolean
viewer_renderer_draws_with_cairo (void)
{
  return draws_with_cairo;
}
