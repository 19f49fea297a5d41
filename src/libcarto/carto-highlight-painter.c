/* carto-highlight-painter.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Paints one feature of a layer, with a halo, on transparent tiles laid
 * over the map: the hover highlight. It reads the layer's tiles from the
 * decoded-tile cache its CartoLayerPainter filled, so hovering never
 * touches the network; a tile not decoded yet simply shows no halo.
 */

#include "config.h"

#include "carto-highlight-painter.h"
#include "carto-layergroup.h"
#include "carto-tile-cache.h"
#include "carto-vector-renderer.h"

struct _CartoHighlightPainter
{
  GObject parent_instance;

  CartoLayerPainter *painter;   /* nullable: nothing highlighted */
  gint64 cartodb_id;
};

static void carto_highlight_painter_iface_init (CartoTilePainterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartoHighlightPainter, carto_highlight_painter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CARTO_TYPE_TILE_PAINTER,
                                                      carto_highlight_painter_iface_init))

typedef struct
{
  CartoTileRequest request;
  CartoMvtTile *tile;       /* nullable */
  CartoStyle *style;
  char *layer_name;
  gint64 cartodb_id;
} HighlightData;

static const char paint_tag[] = "carto_highlight_painter_paint_async";

static void
highlight_data_free (HighlightData *data)
{
  g_clear_pointer (&data->tile, carto_mvt_tile_unref);
  g_clear_object (&data->style);
  g_free (data->layer_name);
  g_free (data);
}

static void
paint_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  HighlightData *data = task_data;
  CartoColor halo;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (g_task_return_error_if_cancelled (task))
    return;

  surface = carto_tile_surface_new (&data->request, &cr);
  if (data->tile != NULL)
    {
      /* GNOME's accent blue reads as "selected" on light and dark maps. */
      carto_color_parse (&halo, "#3584E4");
      carto_vector_renderer_render_highlight (data->tile, data->layer_name, data->style,
                                              &data->request, data->cartodb_id, &halo, cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (g_task_return_error_if_cancelled (task))
    {
      cairo_surface_destroy (surface);
      return;
    }

  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

static void
carto_highlight_painter_paint_async (CartoTilePainter       *painter,
                                     const CartoTileRequest *request,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  CartoHighlightPainter *self = CARTO_HIGHLIGHT_PAINTER (painter);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  HighlightData *data = g_new0 (HighlightData, 1);
  CartoLayergroup *layergroup = self->painter ? carto_layer_painter_get_layergroup (self->painter) : NULL;

  g_task_set_source_tag (task, (gpointer) paint_tag);
  data->request = *request;
  data->cartodb_id = self->cartodb_id;

  /* The cache is read here, on the main thread that fills it. */
  if (layergroup != NULL)
    {
      CartoLayer *layer = carto_layer_painter_get_layer (self->painter);

      data->tile = carto_tile_cache_lookup (carto_layer_painter_get_tile_cache (self->painter),
                                            carto_layergroup_get_cache_id (layergroup), &request->coord);
      data->style = g_object_ref (carto_layer_get_style (layer));
      data->layer_name = g_strdup (carto_layergroup_get_mvt_layer_name (layergroup));
    }

  g_task_set_task_data (task, data, (GDestroyNotify) highlight_data_free);
  g_task_run_in_thread (task, paint_thread);
}

static cairo_surface_t *
carto_highlight_painter_paint_finish (CartoTilePainter *painter,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, painter), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
carto_highlight_painter_iface_init (CartoTilePainterInterface *iface)
{
  iface->paint_async = carto_highlight_painter_paint_async;
  iface->paint_finish = carto_highlight_painter_paint_finish;
}

static void
carto_highlight_painter_dispose (GObject *object)
{
  CartoHighlightPainter *self = CARTO_HIGHLIGHT_PAINTER (object);

  g_clear_object (&self->painter);

  G_OBJECT_CLASS (carto_highlight_painter_parent_class)->dispose (object);
}

static void
carto_highlight_painter_class_init (CartoHighlightPainterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = carto_highlight_painter_dispose;
}

static void
carto_highlight_painter_init (CartoHighlightPainter *self)
{
  self->cartodb_id = -1;
}

/**
 * carto_highlight_painter_new:
 *
 * Returns: (transfer full): a painter highlighting nothing yet
 */
CartoHighlightPainter *
carto_highlight_painter_new (void)
{
  return g_object_new (CARTO_TYPE_HIGHLIGHT_PAINTER, NULL);
}

/**
 * carto_highlight_painter_set_feature:
 * @self: a highlight painter
 * @painter: (nullable): the painter of the feature's layer, whose decoded
 *   tiles are drawn from; %NULL to highlight nothing
 * @cartodb_id: the feature
 *
 * Emits #CartoTilePainter::changed when the highlighted feature changes.
 */
void
carto_highlight_painter_set_feature (CartoHighlightPainter *self,
                                     CartoLayerPainter     *painter,
                                     gint64                 cartodb_id)
{
  g_return_if_fail (CARTO_IS_HIGHLIGHT_PAINTER (self));
  g_return_if_fail (!painter || CARTO_IS_LAYER_PAINTER (painter));

  if (painter == NULL)
    cartodb_id = -1;
  if (self->painter == painter && self->cartodb_id == cartodb_id)
    return;

  g_set_object (&self->painter, painter);
  self->cartodb_id = cartodb_id;
  carto_tile_painter_emit_changed (CARTO_TILE_PAINTER (self));
}

/**
 * carto_highlight_painter_get_feature:
 * @self: a highlight painter
 *
 * Returns: the highlighted cartodb_id, or -1
 */
gint64
carto_highlight_painter_get_feature (CartoHighlightPainter *self)
{
  g_return_val_if_fail (CARTO_IS_HIGHLIGHT_PAINTER (self), -1);

  return self->cartodb_id;
}
