/* viewer-context.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The services one application instance shares: the one HTTP session (so
 * connections and limits are shared by every layer and basemap) and the
 * settings. Windows receive it as a construct-only property.
 */

#include "config.h"

#include "viewer-context.h"

struct _ViewerContext
{
  GObject parent_instance;

  SoupSession *soup_session;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (ViewerContext, viewer_context, G_TYPE_OBJECT)

static void
viewer_context_dispose (GObject *object)
{
  ViewerContext *self = VIEWER_CONTEXT (object);

  if (self->soup_session != NULL)
    soup_session_abort (self->soup_session);
  g_clear_object (&self->soup_session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (viewer_context_parent_class)->dispose (object);
}

static void
viewer_context_class_init (ViewerContextClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = viewer_context_dispose;
}

static void
viewer_context_init (ViewerContext *self)
{
  self->soup_session = carto_http_session_new ();
  self->settings = g_settings_new (BASE_ID);
}

/**
 * viewer_context_new:
 *
 * Returns: (transfer full): the services of one application instance
 */
ViewerContext *
viewer_context_new (void)
{
  return g_object_new (VIEWER_TYPE_CONTEXT, NULL);
}

/**
 * viewer_context_get_soup_session:
 * @self: a context
 *
 * Returns: (transfer none): the application-wide HTTP session
 */
SoupSession *
viewer_context_get_soup_session (ViewerContext *self)
{
  g_return_val_if_fail (VIEWER_IS_CONTEXT (self), NULL);

  return self->soup_session;
}

/**
 * viewer_context_get_settings:
 * @self: a context
 *
 * Returns: (transfer none): the application settings
 */
GSettings *
viewer_context_get_settings (ViewerContext *self)
{
  g_return_val_if_fail (VIEWER_IS_CONTEXT (self), NULL);

  return self->settings;
}
