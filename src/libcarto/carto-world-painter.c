/* carto-world-painter.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The embedded basemap: Natural Earth country polygons painted with cairo.
 * It needs no network and no account, so the map is never blank.
 */

#include "config.h"

#include <math.h>

#include "carto-world-painter.h"

struct _CartoWorldPainter
{
  GObject parent_instance;

  /* The TopoJSON is decoded once, by whichever worker needs it first. */
  GBytes *topojson;
  GMutex decode_lock;
  CartoGeoCollection *world;
  gboolean decode_failed;

  gboolean dark;
};

static void carto_world_painter_iface_init (CartoTilePainterInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CartoWorldPainter, carto_world_painter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CARTO_TYPE_TILE_PAINTER,
                                                      carto_world_painter_iface_init))

enum {
  PROP_0,
  PROP_DARK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  double r, g, b;
} Rgb;

typedef struct
{
  Rgb water;
  Rgb land;
  Rgb border;
} Palette;

/* Close to CARTO's Positron and Dark Matter, so switching basemaps does not
 * jar; borders are quiet because data layers go on top. */
static const Palette light_palette = {
  { 0.831, 0.855, 0.863 },
  { 0.980, 0.980, 0.973 },
  { 0.690, 0.706, 0.718 },
};

static const Palette dark_palette = {
  { 0.090, 0.102, 0.118 },
  { 0.192, 0.204, 0.224 },
  { 0.353, 0.369, 0.396 },
};

typedef struct
{
  CartoTileRequest request;
  const Palette *palette;
} PaintData;

static const char paint_tag[] = "carto_world_painter_paint_async";

static CartoGeoCollection *
ensure_world (CartoWorldPainter *self,
              GError           **error)
{
  CartoGeoCollection *world = NULL;

  g_mutex_lock (&self->decode_lock);
  if (self->world == NULL && !self->decode_failed)
    {
      g_autoptr(GError) local_error = NULL;

      self->world = carto_topojson_decode (self->topojson, "countries", &local_error);
      if (self->world == NULL)
        {
          g_warning ("Embedded world map cannot be decoded: %s", local_error->message);
          self->decode_failed = TRUE;
        }
    }
  if (self->world != NULL)
    world = carto_geo_collection_ref (self->world);
  g_mutex_unlock (&self->decode_lock);

  if (world == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         "The embedded world map is unavailable");

  return world;
}

static void
trace_feature (cairo_t               *cr,
               const CartoGeoCollection *world,
               const CartoGeoFeature *feature,
               const double          *points,
               double                 scale,
               double                 ox,
               double                 oy)
{
  for (guint r = 0; r < feature->n_rings; r++)
    {
      const CartoGeoRing *ring = carto_geo_collection_get_ring (world, feature->first_ring + r);
      const double *p = points + 2 * ring->first;

      cairo_move_to (cr, p[0] * scale - ox, p[1] * scale - oy);
      for (guint i = 1; i < ring->n_points; i++)
        cairo_line_to (cr, p[2 * i] * scale - ox, p[2 * i + 1] * scale - oy);
      cairo_close_path (cr);
    }
}

static void
set_rgb (cairo_t   *cr,
         const Rgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

static void
paint_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CartoWorldPainter *self = source_object;
  PaintData *data = task_data;
  const CartoTileRequest *req = &data->request;
  g_autoptr(CartoGeoCollection) world = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double scale, ox, oy, margin;
  double tx0, ty0, tx1, ty1;
  const double *points;

  if (g_task_return_error_if_cancelled (task))
    return;

  world = ensure_world (self, &error);
  if (world == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  surface = carto_tile_surface_new (req, &cr);

  /* World units → logical tile pixels. */
  scale = ldexp ((double) req->tile_size, (int) req->coord.zoom);
  ox = (double) req->coord.x * req->tile_size;
  oy = (double) req->coord.y * req->tile_size;

  set_rgb (cr, &data->palette->water);
  cairo_paint (cr);

  /* Cull in world units, with a margin for the border stroke. */
  margin = 2.0 / scale;
  tx0 = ox / scale - margin;
  ty0 = oy / scale - margin;
  tx1 = (ox + req->tile_size) / scale + margin;
  ty1 = (oy + req->tile_size) / scale + margin;

  points = carto_geo_collection_get_points (world, NULL);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, req->coord.zoom < 3 ? 0.5 : 0.8);

  for (guint i = 0; i < carto_geo_collection_get_n_features (world); i++)
    {
      const CartoGeoFeature *f = carto_geo_collection_get_feature (world, i);

      if ((i & 31) == 0 && g_cancellable_is_cancelled (cancellable))
        break;

      if (f->world_bounds[3] < ty0 || f->world_bounds[1] > ty1)
        continue;

      /* A feature unwrapped past the antimeridian also shows one world
       * width to the other side. */
      for (int shift = -1; shift <= 1; shift++)
        {
          if (f->world_bounds[2] + shift < tx0 || f->world_bounds[0] + shift > tx1)
            continue;

          trace_feature (cr, world, f, points, scale, ox - shift * scale, oy);
          set_rgb (cr, &data->palette->land);
          cairo_fill_preserve (cr);
          set_rgb (cr, &data->palette->border);
          cairo_stroke (cr);
        }
    }

  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* Checked again so a tile cancelled mid-paint is never handed back. */
  if (g_task_return_error_if_cancelled (task))
    {
      cairo_surface_destroy (surface);
      return;
    }

  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

static void
carto_world_painter_paint_async (CartoTilePainter       *painter,
                                 const CartoTileRequest *request,
                                 GCancellable           *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  CartoWorldPainter *self = CARTO_WORLD_PAINTER (painter);
  g_autoptr(GTask) task = NULL;
  PaintData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, (gpointer) paint_tag);

  data = g_new0 (PaintData, 1);
  data->request = *request;
  data->palette = self->dark ? &dark_palette : &light_palette;
  g_task_set_task_data (task, data, g_free);

  g_task_run_in_thread (task, paint_thread);
}

static cairo_surface_t *
carto_world_painter_paint_finish (CartoTilePainter *painter,
                                  GAsyncResult     *result,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, painter), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
carto_world_painter_iface_init (CartoTilePainterInterface *iface)
{
  iface->paint_async = carto_world_painter_paint_async;
  iface->paint_finish = carto_world_painter_paint_finish;
}

static void
carto_world_painter_finalize (GObject *object)
{
  CartoWorldPainter *self = CARTO_WORLD_PAINTER (object);

  g_clear_pointer (&self->world, carto_geo_collection_unref);
  g_clear_pointer (&self->topojson, g_bytes_unref);
  g_mutex_clear (&self->decode_lock);

  G_OBJECT_CLASS (carto_world_painter_parent_class)->finalize (object);
}

static void
carto_world_painter_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CartoWorldPainter *self = CARTO_WORLD_PAINTER (object);

  switch (prop_id)
    {
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_world_painter_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CartoWorldPainter *self = CARTO_WORLD_PAINTER (object);

  switch (prop_id)
    {
    case PROP_DARK:
      carto_world_painter_set_dark (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
carto_world_painter_class_init (CartoWorldPainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = carto_world_painter_finalize;
  object_class->get_property = carto_world_painter_get_property;
  object_class->set_property = carto_world_painter_set_property;

  /**
   * CartoWorldPainter:dark:
   *
   * Paint with the dark palette, to match the desktop's dark style.
   */
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
carto_world_painter_init (CartoWorldPainter *self)
{
  g_mutex_init (&self->decode_lock);
}

/**
 * carto_world_painter_new:
 * @topojson: a TopoJSON topology with a "countries" object
 *   (world-atlas' countries-110m.json)
 *
 * Returns: (transfer full): a painter for the embedded basemap
 */
CartoWorldPainter *
carto_world_painter_new (GBytes *topojson)
{
  CartoWorldPainter *self;

  g_return_val_if_fail (topojson != NULL, NULL);

  self = g_object_new (CARTO_TYPE_WORLD_PAINTER, NULL);
  self->topojson = g_bytes_ref (topojson);

  return self;
}

/**
 * carto_world_painter_get_dark:
 * @self: a painter
 *
 * Returns: whether the dark palette is used
 */
gboolean
carto_world_painter_get_dark (CartoWorldPainter *self)
{
  g_return_val_if_fail (CARTO_IS_WORLD_PAINTER (self), FALSE);

  return self->dark;
}

/**
 * carto_world_painter_set_dark:
 * @self: a painter
 * @dark: whether to use the dark palette
 *
 * Tiles painted with the other palette become stale (#CartoTilePainter::changed).
 */
void
carto_world_painter_set_dark (CartoWorldPainter *self,
                              gboolean           dark)
{
  g_return_if_fail (CARTO_IS_WORLD_PAINTER (self));

  dark = !!dark;
  if (self->dark == dark)
    return;

  self->dark = dark;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
  carto_tile_painter_emit_changed (CARTO_TILE_PAINTER (self));
}
