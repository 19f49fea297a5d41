/* carto-vector-renderer.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draws decoded vector tiles with cairo. Everything here is a pure
 * function of its arguments (an immutable tile, an immutable style, a
 * cairo context the caller owns), so tiles render in worker threads.
 *
 * Seams: CARTO's tiles carry features into a buffer around the tile
 * (64 px), and we draw all of it, letting the surface clip. A polygon
 * crossing the edge is then filled right up to the edge in both tiles,
 * and a point near the edge is drawn whole, half in each tile; nothing is
 * clipped at the tile edge itself, where antialiasing would show a seam.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "carto-style-private.h"
#include "carto-vector-renderer.h"

/*
 * Direct access to the destination pixels, for points. Cairo spends some
 * 10 µs on each small circle (path, fill, stroke); the demo's zoom-3
 * tiles hold 15 000 cities. So when the destination is a plain ARGB32
 * image under a scale-and-translate matrix and a rectangular clip (what
 * carto_tile_surface_new() makes), circles are rasterized here with
 * analytic antialiasing and composited OVER, in feature order, where
 * cairo would put them (edge pixels differ from cairo's by a few levels).
 * Anything else goes through cairo.
 */
typedef struct
{
  cairo_surface_t *surface; /* NULL: draw everything through cairo */
  guint8 *data;
  int stride;
  double scale;             /* device pixels per logical pixel */
  double tx, ty;            /* device position of the logical origin */
  int x0, y0, x1, y1;       /* the clip, in device pixels */
} Raster;

typedef struct
{
  cairo_t *cr;
  double scale;     /* logical pixels per tile unit */
  double tile_size; /* logical pixels */
  double min_step;  /* logical pixels; shorter steps are dropped */
  Raster raster;
} Frame;

static void
set_color (cairo_t          *cr,
           const CartoColor *color,
           double            opacity)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * opacity);
}

/* Fills and outlines the current path, then clears it. */
static void
paint_area (cairo_t           *cr,
            const CartoSymbol *symbol)
{
  set_color (cr, &symbol->color, symbol->opacity);
  if (symbol->stroke_width > 0 && symbol->stroke_color.alpha > 0)
    {
      cairo_fill_preserve (cr);
      set_color (cr, &symbol->stroke_color, 1.0);
      cairo_set_line_width (cr, symbol->stroke_width);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);
}

/* The reach of a point symbol beyond its centre, in logical pixels. */
static double
point_reach (const CartoSymbol *symbol)
{
  return symbol->size / 2 + symbol->stroke_width / 2;
}

static void
add_points_path (const Frame           *frame,
                 const CartoMvtFeature *feature,
                 const CartoSymbol     *symbol)
{
  double radius = symbol->size / 2;
  double reach = point_reach (symbol);

  for (guint p = 0; p < feature->n_parts; p++)
    {
      const CartoMvtPart *part = carto_mvt_feature_parts (feature) + p;
      const CartoMvtPoint *pts = carto_mvt_part_points (feature, part);

      for (guint i = 0; i < part->n_points; i++)
        {
          double x = pts[i].x * frame->scale;
          double y = pts[i].y * frame->scale;

          /* Points wholly outside the tile cost a path and a fill for
           * nothing; there can be thousands in the buffer. */
          if (x + reach < 0 || y + reach < 0 || x - reach > frame->tile_size || y - reach > frame->tile_size)
            continue;

          cairo_new_sub_path (frame->cr);
          cairo_arc (frame->cr, x, y, radius, 0, 2 * G_PI);
        }
    }
}

/* Cairo works in 24.8 fixed point, about ±8 million device pixels.
 * Clipped tiles stay within their buffer, but a hostile or unclipped tile
 * may hold any 32-bit coordinate; keep far vertices far, but in range. */
static inline double
clamp_coordinate (double v)
{
  return CLAMP (v, -1e6, 1e6);
}

/* Vertices closer than half a device pixel to the last one drawn are
 * skipped: invisible, but cairo's stroker pays for each of them, and
 * tiles of low zooms hold dense coastlines. Ends are always kept. */
static void
add_parts_path (const Frame           *frame,
                const CartoMvtFeature *feature,
                gboolean               close)
{
  double min_step2 = frame->min_step * frame->min_step;

  for (guint p = 0; p < feature->n_parts; p++)
    {
      const CartoMvtPart *part = carto_mvt_feature_parts (feature) + p;
      const CartoMvtPoint *pts = carto_mvt_part_points (feature, part);
      double last_x = clamp_coordinate (pts[0].x * frame->scale);
      double last_y = clamp_coordinate (pts[0].y * frame->scale);

      cairo_move_to (frame->cr, last_x, last_y);
      for (guint i = 1; i < part->n_points; i++)
        {
          double x = clamp_coordinate (pts[i].x * frame->scale);
          double y = clamp_coordinate (pts[i].y * frame->scale);
          double dx = x - last_x, dy = y - last_y;

          if (dx * dx + dy * dy < min_step2 && i + 1 < part->n_points)
            continue;

          cairo_line_to (frame->cr, x, y);
          last_x = x;
          last_y = y;
        }
      if (close)
        cairo_close_path (frame->cr);
    }
}

static gboolean
raster_init (Raster  *raster,
             cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_rectangle_list_t *clip;
  cairo_matrix_t m;
  double ox, oy, sx, sy;
  gboolean ok = FALSE;

  memset (raster, 0, sizeof *raster);

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS ||
      cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_image_surface_get_format (target) != CAIRO_FORMAT_ARGB32 ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER)
    return FALSE;

  cairo_surface_get_device_offset (target, &ox, &oy);
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_get_matrix (cr, &m);
  if (ox != 0 || oy != 0 || sx != 1 || sy != 1 ||
      m.xy != 0 || m.yx != 0 || m.xx != m.yy || !(m.xx > 0))
    return FALSE;

  raster->scale = m.xx;
  raster->tx = m.x0;
  raster->ty = m.y0;

  /* The clip comes back in user space; only a pixel-aligned rectangle
   * can be honoured by hand. */
  clip = cairo_copy_clip_rectangle_list (cr);
  if (clip->status == CAIRO_STATUS_SUCCESS && clip->num_rectangles == 1)
    {
      const cairo_rectangle_t *r = &clip->rectangles[0];
      double x0 = r->x * m.xx + m.x0, y0 = r->y * m.yy + m.y0;
      double x1 = (r->x + r->width) * m.xx + m.x0, y1 = (r->y + r->height) * m.yy + m.y0;

      if (x0 == floor (x0) && y0 == floor (y0) && x1 == floor (x1) && y1 == floor (y1))
        {
          raster->x0 = MAX ((int) x0, 0);
          raster->y0 = MAX ((int) y0, 0);
          raster->x1 = MIN ((int) x1, cairo_image_surface_get_width (target));
          raster->y1 = MIN ((int) y1, cairo_image_surface_get_height (target));
          ok = TRUE;
        }
    }
  cairo_rectangle_list_destroy (clip);

  if (!ok)
    return FALSE;

  raster->surface = target;
  raster->stride = cairo_image_surface_get_stride (target);
  return TRUE;
}

/* Composites premultiplied @color (0..1) at @coverage OVER one pixel. */
static inline void
blend (guint32    *pixel,
       const float color[4],
       float       coverage)
{
  guint32 d = *pixel;
  float k = 1.f - color[3] * coverage;
  float a = color[3] * coverage * 255.f + (d >> 24) * k;
  float r = color[0] * coverage * 255.f + ((d >> 16) & 0xff) * k;
  float g = color[1] * coverage * 255.f + ((d >> 8) & 0xff) * k;
  float b = color[2] * coverage * 255.f + (d & 0xff) * k;

  *pixel = ((guint32) (a + .5f) << 24) | ((guint32) (r + .5f) << 16) |
           ((guint32) (g + .5f) << 8) | (guint32) (b + .5f);
}

static void
premultiply (const CartoColor *color,
             double            opacity,
             float             out[4])
{
  float a = (float) (color->alpha * opacity);

  out[0] = color->red * a;
  out[1] = color->green * a;
  out[2] = color->blue * a;
  out[3] = a;
}

static inline float
coverage (float edge)
{
  return CLAMP (edge + .5f, 0.f, 1.f);
}

/* The fill of a circle, then its outline, as cairo_arc() + fill + stroke
 * draw them: coverage from the distance of each pixel centre to the edge. */
static void
raster_points (const Frame           *frame,
               const CartoMvtFeature *feature,
               const CartoSymbol     *symbol)
{
  const Raster *raster = &frame->raster;
  gboolean stroke = symbol->stroke_width > 0 && symbol->stroke_color.alpha > 0;
  float radius = (float) (symbol->size / 2 * raster->scale);
  float half_width = stroke ? (float) (symbol->stroke_width / 2 * raster->scale) : 0.f;
  float reach = radius + half_width + 1.f;
  /* Beyond `outer` nothing is covered; within `inner` only the fill is,
   * fully: most pixels of a symbol skip the square root. */
  float outer = radius + half_width + .5f;
  float inner = radius - half_width - .5f;
  float outer2 = outer * outer;
  float inner2 = inner > 0.f ? inner * inner : -1.f;
  float fill[4], outline[4];
  guint32 solid;

  premultiply (&symbol->color, symbol->opacity, fill);
  premultiply (&symbol->stroke_color, 1.0, outline);
  solid = ((guint32) (fill[3] * 255.f + .5f) << 24) | ((guint32) (fill[0] * 255.f + .5f) << 16) |
          ((guint32) (fill[1] * 255.f + .5f) << 8) | (guint32) (fill[2] * 255.f + .5f);

  for (guint p = 0; p < feature->n_parts; p++)
    {
      const CartoMvtPart *part = carto_mvt_feature_parts (feature) + p;
      const CartoMvtPoint *pts = carto_mvt_part_points (feature, part);

      for (guint i = 0; i < part->n_points; i++)
        {
          float cx = (float) (pts[i].x * frame->scale * raster->scale + raster->tx);
          float cy = (float) (pts[i].y * frame->scale * raster->scale + raster->ty);
          int x0, y0, x1, y1;

          /* Outside the clip (and far outside int range, for hostile
           * coordinates): nothing to draw. */
          if (cx + reach < raster->x0 || cx - reach > raster->x1 ||
              cy + reach < raster->y0 || cy - reach > raster->y1)
            continue;

          x0 = MAX ((int) floorf (cx - reach), raster->x0);
          y0 = MAX ((int) floorf (cy - reach), raster->y0);
          x1 = MIN ((int) ceilf (cx + reach), raster->x1);
          y1 = MIN ((int) ceilf (cy + reach), raster->y1);

          for (int y = y0; y < y1; y++)
            {
              guint32 *row = (guint32 *) (void *) (raster->data + (gsize) y * raster->stride);
              float dy = y + .5f - cy;

              for (int x = x0; x < x1; x++)
                {
                  float dx = x + .5f - cx;
                  float d2 = dx * dx + dy * dy;
                  float d, c;

                  if (d2 >= outer2)
                    continue;

                  if (d2 <= inner2)
                    {
                      if (fill[3] >= 1.f)
                        row[x] = solid;
                      else
                        blend (&row[x], fill, 1.f);
                      continue;
                    }

                  d = sqrtf (d2);
                  c = coverage (radius - d);
                  if (c > 0.f)
                    blend (&row[x], fill, c);
                  if (stroke)
                    {
                      c = coverage (radius + half_width - d) - coverage (radius - half_width - d);
                      if (c > 0.f)
                        blend (&row[x], outline, c);
                    }
                }
            }
        }
    }
}

static void
stroke_line (cairo_t          *cr,
             const CartoColor *color,
             double            opacity,
             double            width)
{
  set_color (cr, color, opacity);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

/* Switching between our pixel writes and cairo's needs a flush one way
 * and a dirty mark the other; runs of points switch once. */
static void
raster_begin (Frame *frame)
{
  if (frame->raster.data == NULL)
    {
      cairo_surface_flush (frame->raster.surface);
      frame->raster.data = cairo_image_surface_get_data (frame->raster.surface);
    }
}

static void
raster_end (Frame *frame)
{
  if (frame->raster.data != NULL)
    {
      cairo_surface_mark_dirty (frame->raster.surface);
      frame->raster.data = NULL;
    }
}

static void
draw_feature (Frame                 *frame,
              const CartoMvtFeature *feature,
              const CartoSymbol     *symbol)
{
  if (feature->type == CARTO_MVT_GEOM_POINT && frame->raster.surface != NULL)
    {
      if (symbol->size > 0)
        {
          raster_begin (frame);
          raster_points (frame, feature, symbol);
        }
      return;
    }

  raster_end (frame);

  switch (feature->type)
    {
    case CARTO_MVT_GEOM_POINT:
      if (symbol->size <= 0)
        return;
      add_points_path (frame, feature, symbol);
      paint_area (frame->cr, symbol);
      break;

    case CARTO_MVT_GEOM_LINESTRING:
      if (symbol->size <= 0)
        return;
      add_parts_path (frame, feature, FALSE);
      stroke_line (frame->cr, &symbol->color, symbol->opacity, symbol->size);
      break;

    case CARTO_MVT_GEOM_POLYGON:
      /* Holes wind the other way (the decoder classified them by their
       * winding), so the nonzero rule empties them and still fills
       * overlapping exteriors of a multipolygon. */
      add_parts_path (frame, feature, TRUE);
      paint_area (frame->cr, symbol);
      break;

    case CARTO_MVT_GEOM_UNKNOWN:
    default:
      break;
    }
}

static void
frame_init (Frame                  *frame,
            cairo_t                *cr,
            const CartoMvtLayer    *layer,
            const CartoTileRequest *request)
{
  frame->cr = cr;
  frame->tile_size = request->tile_size;
  frame->scale = (double) request->tile_size / layer->extent;
  frame->min_step = 0.5 / MAX (request->scale_factor, 1);
  raster_init (&frame->raster, cr);
}

static void
render_layer (const CartoMvtLayer    *layer,
              CartoStyle             *style,
              const CartoTileRequest *request,
              cairo_t                *cr)
{
  CartoStyleResolver resolver;
  Frame frame;

  frame_init (&frame, cr, layer, request);
  carto_style_resolver_init (&resolver, style, layer);

  for (guint i = 0; i < layer->n_features; i++)
    {
      const CartoMvtFeature *feature = &layer->features[i];
      const CartoSymbol *symbol = carto_style_resolver_get (&resolver, feature);

      draw_feature (&frame, feature, symbol);
    }

  raster_end (&frame);
  carto_style_resolver_clear (&resolver);
}

static void
prepare_context (cairo_t *cr)
{
  cairo_new_path (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
}

/**
 * carto_vector_renderer_render:
 * @tile: a decoded tile
 * @layer_name: (nullable): the layer to draw (`layer0` for a CARTO map
 *   with one layer), or %NULL for all layers in tile order
 * @style: how to draw features
 * @request: the tile being drawn; only its logical size is used
 * @cr: a context whose user space is the logical tile, `0..tile_size`
 *   (as carto_tile_surface_new() makes it, scaled for HiDPI)
 *
 * Draws points as circles, lines and polygons (holes left empty),
 * antialiased, in feature order, so later features are on top. Sizes are
 * logical pixels. A missing layer draws nothing: CARTO leaves empty layers
 * out of a tile. Thread-safe; @cr's state is restored.
 */
void
carto_vector_renderer_render (CartoMvtTile           *tile,
                              const char             *layer_name,
                              CartoStyle             *style,
                              const CartoTileRequest *request,
                              cairo_t                *cr)
{
  g_return_if_fail (tile != NULL);
  g_return_if_fail (CARTO_IS_STYLE (style));
  g_return_if_fail (request != NULL && request->tile_size > 0);
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  prepare_context (cr);

  for (guint i = 0; i < tile->n_layers; i++)
    if (layer_name == NULL || g_strcmp0 (tile->layers[i].name, layer_name) == 0)
      render_layer (&tile->layers[i], style, request, cr);

  cairo_restore (cr);
}

/**
 * carto_vector_renderer_render_surface:
 * @tile: a decoded tile
 * @layer_name: (nullable): as for carto_vector_renderer_render()
 * @style: how to draw features
 * @request: the tile being drawn
 *
 * Renders into a new transparent surface of
 * `tile_size * scale_factor` device pixels.
 *
 * Returns: (transfer full): an ARGB32 image surface
 */
cairo_surface_t *
carto_vector_renderer_render_surface (CartoMvtTile           *tile,
                                      const char             *layer_name,
                                      CartoStyle             *style,
                                      const CartoTileRequest *request)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (tile != NULL, NULL);
  g_return_val_if_fail (CARTO_IS_STYLE (style), NULL);
  g_return_val_if_fail (request != NULL && request->tile_size > 0 && request->scale_factor > 0, NULL);

  surface = carto_tile_surface_new (request, &cr);
  carto_vector_renderer_render (tile, layer_name, style, request, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static void
draw_highlight (Frame                 *frame,
                const CartoMvtFeature *feature,
                const CartoSymbol     *symbol,
                const CartoColor      *color)
{
  const double halo = 3.0;

  switch (feature->type)
    {
    case CARTO_MVT_GEOM_POINT:
      {
        CartoSymbol ring = *symbol;

        /* The point again, then a ring just outside its outline. */
        draw_feature (frame, feature, symbol);
        raster_end (frame);
        ring.size = 2 * point_reach (symbol) + halo;
        add_points_path (frame, feature, &ring);
        stroke_line (frame->cr, color, 1.0, halo);
      }
      break;

    case CARTO_MVT_GEOM_LINESTRING:
      add_parts_path (frame, feature, FALSE);
      stroke_line (frame->cr, color, 1.0, symbol->size + 2 * halo);
      draw_feature (frame, feature, symbol);
      break;

    case CARTO_MVT_GEOM_POLYGON:
      draw_feature (frame, feature, symbol);
      add_parts_path (frame, feature, TRUE);
      stroke_line (frame->cr, color, 1.0, halo);
      break;

    case CARTO_MVT_GEOM_UNKNOWN:
    default:
      break;
    }
}

/**
 * carto_vector_renderer_render_highlight:
 * @tile: a decoded tile
 * @layer_name: (nullable): as for carto_vector_renderer_render()
 * @style: the layer's style
 * @request: the tile being drawn
 * @cartodb_id: the row to highlight
 * @color: the highlight colour
 * @cr: as for carto_vector_renderer_render()
 *
 * Draws only the features of one row, as the style draws them, with a
 * halo in @color: meant for a hover overlay above the rendered tile.
 *
 * Returns: %TRUE if the row has a feature in this tile
 */
gboolean
carto_vector_renderer_render_highlight (CartoMvtTile           *tile,
                                        const char             *layer_name,
                                        CartoStyle             *style,
                                        const CartoTileRequest *request,
                                        gint64                  cartodb_id,
                                        const CartoColor       *color,
                                        cairo_t                *cr)
{
  gboolean found = FALSE;

  g_return_val_if_fail (tile != NULL, FALSE);
  g_return_val_if_fail (CARTO_IS_STYLE (style), FALSE);
  g_return_val_if_fail (request != NULL && request->tile_size > 0, FALSE);
  g_return_val_if_fail (color != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  cairo_save (cr);
  prepare_context (cr);

  for (guint l = 0; l < tile->n_layers; l++)
    {
      const CartoMvtLayer *layer = &tile->layers[l];
      CartoStyleResolver resolver;
      Frame frame;

      if (layer_name != NULL && g_strcmp0 (layer->name, layer_name) != 0)
        continue;

      frame_init (&frame, cr, layer, request);
      carto_style_resolver_init (&resolver, style, layer);

      for (guint i = 0; i < layer->n_features; i++)
        {
          const CartoMvtFeature *feature = &layer->features[i];
          const CartoSymbol *symbol;
          gint64 id;

          if (!carto_mvt_feature_get_cartodb_id (feature, &id) || id != cartodb_id)
            continue;

          symbol = carto_style_resolver_get (&resolver, feature);
          draw_highlight (&frame, feature, symbol, color);
          found = TRUE;
        }

      raster_end (&frame);
      carto_style_resolver_clear (&resolver);
    }

  cairo_restore (cr);
  return found;
}
