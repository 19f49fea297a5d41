/* mvt-walker.c — a tiny independent MVT 2.1 reader for the server's tests
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written from the vector-tile-spec 2.1 field numbers alone, so the server's
 * tiles are checked by code that shares nothing with the viewer's decoder.
 */

#include "config.h"

#include <gio/gio.h>

#include "mvt-walker.h"

typedef struct {
  const guint8 *p;
  const guint8 *end;
} Reader;

static gboolean
read_varint (Reader  *r,
             guint64 *value)
{
  guint64 v = 0;

  for (int shift = 0; shift < 64; shift += 7)
    {
      guint8 byte;

      if (r->p >= r->end)
        return FALSE;
      byte = *r->p++;
      v |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          *value = v;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
read_bytes (Reader *r,
            Reader *sub)
{
  guint64 length;

  if (!read_varint (r, &length) || length > (guint64) (r->end - r->p))
    return FALSE;
  sub->p = r->p;
  sub->end = r->p + length;
  r->p += length;
  return TRUE;
}

static gboolean
skip_field (Reader *r,
            guint   wire)
{
  guint64 dummy;
  Reader sub;

  switch (wire)
    {
    case 0:
      return read_varint (r, &dummy);
    case 1:
      if (r->end - r->p < 8)
        return FALSE;
      r->p += 8;
      return TRUE;
    case 2:
      return read_bytes (r, &sub);
    case 5:
      if (r->end - r->p < 4)
        return FALSE;
      r->p += 4;
      return TRUE;
    default:
      return FALSE;
    }
}

static gint64
zigzag (guint64 n)
{
  return (gint64) (n >> 1) ^ -(gint64) (n & 1);
}

/* Reads a Value message; integers only matter to the tests. */
static gboolean
read_value (Reader  *r,
            gboolean *is_int,
            gint64  *value)
{
  *is_int = FALSE;
  while (r->p < r->end)
    {
      guint64 key, v;

      if (!read_varint (r, &key))
        return FALSE;
      if ((key >> 3) >= 4 && (key >> 3) <= 6 && (key & 7) == 0)
        {
          if (!read_varint (r, &v))
            return FALSE;
          *is_int = TRUE;
          *value = (key >> 3) == 6 ? zigzag (v) : (gint64) v;
        }
      else if (!skip_field (r, key & 7))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_geometry (Reader     *r,
               MvtFeature *feature)
{
  gint64 x = 0, y = 0;
  gboolean first = TRUE;

  while (r->p < r->end)
    {
      guint64 command;
      guint id, count;

      if (!read_varint (r, &command))
        return FALSE;
      id = command & 7;
      count = command >> 3;
      if (id == 7)
        continue;
      if (id != 1 && id != 2)
        return FALSE;
      for (guint i = 0; i < count; i++)
        {
          guint64 dx, dy;

          if (!read_varint (r, &dx) || !read_varint (r, &dy))
            return FALSE;
          x += zigzag (dx);
          y += zigzag (dy);
          if (first)
            {
              feature->x = x;
              feature->y = y;
              first = FALSE;
            }
        }
    }
  return !first;
}

static gboolean
read_feature (Reader     *r,
              MvtFeature *feature,
              GArray     *tags)
{
  while (r->p < r->end)
    {
      guint64 key;
      Reader sub;

      if (!read_varint (r, &key))
        return FALSE;
      if ((key >> 3) == 3 && (key & 7) == 0)
        {
          guint64 type;

          if (!read_varint (r, &type) || type > 3)
            return FALSE;
          feature->type = type;
        }
      else if ((key >> 3) == 2 && (key & 7) == 2)
        {
          if (!read_bytes (r, &sub))
            return FALSE;
          while (sub.p < sub.end)
            {
              guint64 tag;

              if (!read_varint (&sub, &tag))
                return FALSE;
              g_array_append_val (tags, tag);
            }
        }
      else if ((key >> 3) == 4 && (key & 7) == 2)
        {
          if (!read_bytes (r, &sub) || !read_geometry (&sub, feature))
            return FALSE;
        }
      else if (!skip_field (r, key & 7))
        return FALSE;
    }
  return tags->len % 2 == 0;
}

/**
 * mvt_layer_free:
 * @layer: (transfer full): a layer
 *
 * Frees @layer.
 */
void
mvt_layer_free (MvtLayer *layer)
{
  g_free (layer->name);
  g_ptr_array_unref (layer->keys);
  g_array_unref (layer->features);
  g_free (layer);
}

static MvtLayer *
read_layer (Reader  *r,
            GError **error)
{
  MvtLayer *layer = g_new0 (MvtLayer, 1);
  g_autoptr(GPtrArray) raw_features = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) int_values = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) value_is_int = g_array_new (FALSE, FALSE, sizeof (gboolean));
  Reader *copies;

  layer->keys = g_ptr_array_new_with_free_func (g_free);
  layer->features = g_array_new (FALSE, TRUE, sizeof (MvtFeature));
  layer->extent = 4096;

  while (r->p < r->end)
    {
      guint64 key, v;
      Reader sub;

      if (!read_varint (r, &key))
        goto bad;
      switch (key)
        {
        case (1 << 3) | 2:
          if (!read_bytes (r, &sub))
            goto bad;
          layer->name = g_strndup ((const char *) sub.p, sub.end - sub.p);
          break;
        case (2 << 3) | 2:
          if (!read_bytes (r, &sub))
            goto bad;
          g_ptr_array_add (raw_features, g_memdup2 (&sub, sizeof sub));
          break;
        case (3 << 3) | 2:
          if (!read_bytes (r, &sub))
            goto bad;
          g_ptr_array_add (layer->keys, g_strndup ((const char *) sub.p, sub.end - sub.p));
          break;
        case (4 << 3) | 2:
          {
            gboolean is_int;
            gint64 value = 0;

            if (!read_bytes (r, &sub) || !read_value (&sub, &is_int, &value))
              goto bad;
            g_array_append_val (int_values, value);
            g_array_append_val (value_is_int, is_int);
          }
          break;
        case (5 << 3) | 0:
          if (!read_varint (r, &v))
            goto bad;
          layer->extent = v;
          break;
        case (15 << 3) | 0:
          if (!read_varint (r, &v))
            goto bad;
          layer->version = v;
          break;
        default:
          if (!skip_field (r, key & 7))
            goto bad;
        }
    }
  if (layer->name == NULL || (layer->version != 1 && layer->version != 2))
    goto bad;

  /* Tags refer to keys and values, which may come after the features. */
  for (guint i = 0; i < raw_features->len; i++)
    {
      g_autoptr(GArray) tags = g_array_new (FALSE, FALSE, sizeof (guint64));
      MvtFeature feature = { 0 };

      copies = g_ptr_array_index (raw_features, i);
      if (!read_feature (copies, &feature, tags))
        goto bad;
      feature.n_tags = tags->len / 2;
      for (guint t = 0; t + 1 < tags->len; t += 2)
        {
          guint64 k = g_array_index (tags, guint64, t);
          guint64 v = g_array_index (tags, guint64, t + 1);

          if (k >= layer->keys->len || v >= int_values->len)
            goto bad;
          if (g_str_equal (g_ptr_array_index (layer->keys, k), "cartodb_id") &&
              g_array_index (value_is_int, gboolean, v))
            {
              feature.has_id_prop = TRUE;
              feature.cartodb_id = g_array_index (int_values, gint64, v);
            }
        }
      g_array_append_val (layer->features, feature);
    }
  return layer;

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "invalid MVT layer");
  mvt_layer_free (layer);
  return NULL;
}

/**
 * mvt_walk:
 * @data: a tile
 * @length: its length
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type MvtLayer): the layers, or %NULL
 *   when the tile is not valid MVT
 */
GPtrArray *
mvt_walk (const guint8 *data,
          gsize         length,
          GError      **error)
{
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func ((GDestroyNotify) mvt_layer_free);
  Reader r = { data, data + length };

  while (r.p < r.end)
    {
      guint64 key;
      Reader sub;

      if (!read_varint (&r, &key))
        goto bad;
      if (key == ((3 << 3) | 2))
        {
          MvtLayer *layer;

          if (!read_bytes (&r, &sub))
            goto bad;
          layer = read_layer (&sub, error);
          if (layer == NULL)
            return NULL;
          g_ptr_array_add (layers, layer);
        }
      else if (!skip_field (&r, key & 7))
        goto bad;
    }
  return g_steal_pointer (&layers);

bad:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "invalid MVT tile");
  return NULL;
}
