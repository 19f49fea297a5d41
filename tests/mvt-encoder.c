/* mvt-encoder.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "mvt-encoder.h"

struct _MvtFeature
{
  MvtLayer *layer;
  CartoMvtGeomType type;
  GArray *geometry; /* guint32 */
  GArray *tags;     /* guint32 */
  gboolean has_id;
  guint64 id;
};

struct _MvtLayer
{
  char *name;
  guint version;
  guint extent;
  GPtrArray *keys;     /* char* */
  GPtrArray *values;   /* GBytes*, encoded Value messages */
  GHashTable *value_index; /* GBytes* → index + 1 */
  GPtrArray *features; /* MvtFeature* */
};

void
pb_varint (GByteArray *buf,
           guint64     value)
{
  do
    {
      guint8 b = value & 0x7f;

      value >>= 7;
      if (value)
        b |= 0x80;
      g_byte_array_append (buf, &b, 1);
    }
  while (value);
}

void
pb_key (GByteArray *buf,
        guint       field,
        guint       wire)
{
  pb_varint (buf, ((guint64) field << 3) | wire);
}

void
pb_uint_field (GByteArray *buf,
               guint       field,
               guint64     value)
{
  pb_key (buf, field, 0);
  pb_varint (buf, value);
}

void
pb_bytes_field (GByteArray *buf,
                guint       field,
                const void *data,
                gsize       len)
{
  pb_key (buf, field, 2);
  pb_varint (buf, len);
  g_byte_array_append (buf, data, (guint) len);
}

void
pb_string_field (GByteArray *buf,
                 guint       field,
                 const char *text)
{
  pb_bytes_field (buf, field, text, strlen (text));
}

void
pb_packed_field (GByteArray    *buf,
                 guint          field,
                 const guint32 *values,
                 guint          n_values)
{
  g_autoptr(GByteArray) packed = g_byte_array_new ();

  for (guint i = 0; i < n_values; i++)
    pb_varint (packed, values[i]);
  pb_bytes_field (buf, field, packed->data, packed->len);
}

void
pb_double_field (GByteArray *buf,
                 guint       field,
                 double      value)
{
  guint64 bits;

  memcpy (&bits, &value, 8);
  bits = GUINT64_TO_LE (bits);
  pb_key (buf, field, 1);
  g_byte_array_append (buf, (const guint8 *) &bits, 8);
}

void
pb_float_field (GByteArray *buf,
                guint       field,
                float       value)
{
  guint32 bits;

  memcpy (&bits, &value, 4);
  bits = GUINT32_TO_LE (bits);
  pb_key (buf, field, 5);
  g_byte_array_append (buf, (const guint8 *) &bits, 4);
}

GBytes *
pb_to_bytes (GByteArray *buf)
{
  return g_bytes_new (buf->data, buf->len);
}

static guint32
zigzag (gint64 n)
{
  return (guint32) (((guint64) n << 1) ^ (guint64) (n >> 63));
}

MvtGeom *
mvt_geom_new (void)
{
  MvtGeom *geom = g_new0 (MvtGeom, 1);

  geom->ints = g_array_new (FALSE, FALSE, sizeof (guint32));
  return geom;
}

void
mvt_geom_free (MvtGeom *geom)
{
  g_array_unref (geom->ints);
  g_free (geom);
}

void
mvt_geom_command (MvtGeom *geom,
                  guint    id,
                  guint    count)
{
  mvt_geom_raw (geom, (id & 7) | (count << 3));
}

void
mvt_geom_raw (MvtGeom *geom,
              guint32  value)
{
  g_array_append_val (geom->ints, value);
}

static void
add_points (MvtGeom      *geom,
            guint         id,
            const gint32 *xy,
            guint         n_points)
{
  mvt_geom_command (geom, id, n_points);
  for (guint i = 0; i < n_points; i++)
    {
      mvt_geom_raw (geom, zigzag (xy[2 * i] - geom->cx));
      mvt_geom_raw (geom, zigzag (xy[2 * i + 1] - geom->cy));
      geom->cx = xy[2 * i];
      geom->cy = xy[2 * i + 1];
    }
}

void
mvt_geom_move_to (MvtGeom      *geom,
                  const gint32 *xy,
                  guint         n_points)
{
  add_points (geom, 1, xy, n_points);
}

void
mvt_geom_line_to (MvtGeom      *geom,
                  const gint32 *xy,
                  guint         n_points)
{
  add_points (geom, 2, xy, n_points);
}

void
mvt_geom_close (MvtGeom *geom)
{
  mvt_geom_command (geom, 7, 1);
}

MvtGeom *
mvt_geom_point (gint32 x,
                gint32 y)
{
  MvtGeom *geom = mvt_geom_new ();
  gint32 xy[2] = { x, y };

  mvt_geom_move_to (geom, xy, 1);
  return geom;
}

/* One closed ring, without repeating the first point. */
MvtGeom *
mvt_geom_ring (const gint32 *xy,
               guint         n_points)
{
  MvtGeom *geom = mvt_geom_new ();

  mvt_geom_move_to (geom, xy, 1);
  mvt_geom_line_to (geom, xy + 2, n_points - 1);
  mvt_geom_close (geom);
  return geom;
}

MvtLayer *
mvt_layer_new (const char *name,
               guint       version,
               guint       extent)
{
  MvtLayer *layer = g_new0 (MvtLayer, 1);

  layer->name = g_strdup (name);
  layer->version = version;
  layer->extent = extent;
  layer->keys = g_ptr_array_new_with_free_func (g_free);
  layer->values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  layer->value_index = g_hash_table_new (g_bytes_hash, g_bytes_equal);
  layer->features = g_ptr_array_new ();
  return layer;
}

static void
feature_free (MvtFeature *feature)
{
  g_array_unref (feature->geometry);
  g_array_unref (feature->tags);
  g_free (feature);
}

void
mvt_layer_free (MvtLayer *layer)
{
  g_ptr_array_foreach (layer->features, (GFunc) (void (*) (void)) feature_free, NULL);
  g_ptr_array_unref (layer->features);
  g_hash_table_unref (layer->value_index);
  g_ptr_array_unref (layer->values);
  g_ptr_array_unref (layer->keys);
  g_free (layer->name);
  g_free (layer);
}

MvtFeature *
mvt_layer_add_feature (MvtLayer        *layer,
                       CartoMvtGeomType type,
                       MvtGeom         *geom)
{
  MvtFeature *feature = g_new0 (MvtFeature, 1);

  feature->layer = layer;
  feature->type = type;
  feature->geometry = g_array_ref (geom->ints);
  feature->tags = g_array_new (FALSE, FALSE, sizeof (guint32));
  mvt_geom_free (geom);
  g_ptr_array_add (layer->features, feature);
  return feature;
}

void
mvt_feature_set_id (MvtFeature *feature,
                    guint64     id)
{
  feature->has_id = TRUE;
  feature->id = id;
}

static guint32
key_index (MvtLayer   *layer,
           const char *key)
{
  for (guint i = 0; i < layer->keys->len; i++)
    if (strcmp (layer->keys->pdata[i], key) == 0)
      return i;

  g_ptr_array_add (layer->keys, g_strdup (key));
  return layer->keys->len - 1;
}

/* Takes @value, an encoded Value message. */
static void
add_tag (MvtFeature *feature,
         const char *key,
         GByteArray *value)
{
  MvtLayer *layer = feature->layer;
  g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (value);
  guint32 k = key_index (layer, key);
  guint32 v;
  gpointer found;

  found = g_hash_table_lookup (layer->value_index, bytes);
  if (found)
    v = GPOINTER_TO_UINT (found) - 1;
  else
    {
      g_ptr_array_add (layer->values, g_bytes_ref (bytes));
      v = layer->values->len - 1;
      g_hash_table_insert (layer->value_index, bytes, GUINT_TO_POINTER (v + 1));
    }

  g_array_append_val (feature->tags, k);
  g_array_append_val (feature->tags, v);
}

void
mvt_feature_add_string (MvtFeature *feature,
                        const char *key,
                        const char *value)
{
  GByteArray *msg = g_byte_array_new ();

  pb_string_field (msg, 1, value);
  add_tag (feature, key, msg);
}

void
mvt_feature_add_int (MvtFeature *feature,
                     const char *key,
                     gint64      value)
{
  GByteArray *msg = g_byte_array_new ();

  pb_uint_field (msg, 4, (guint64) value);
  add_tag (feature, key, msg);
}

void
mvt_feature_add_sint (MvtFeature *feature,
                      const char *key,
                      gint64      value)
{
  GByteArray *msg = g_byte_array_new ();

  pb_uint_field (msg, 6, ((guint64) value << 1) ^ (guint64) (value >> 63));
  add_tag (feature, key, msg);
}

void
mvt_feature_add_uint (MvtFeature *feature,
                      const char *key,
                      guint64     value)
{
  GByteArray *msg = g_byte_array_new ();

  pb_uint_field (msg, 5, value);
  add_tag (feature, key, msg);
}

void
mvt_feature_add_double (MvtFeature *feature,
                        const char *key,
                        double      value)
{
  GByteArray *msg = g_byte_array_new ();

  pb_double_field (msg, 3, value);
  add_tag (feature, key, msg);
}

void
mvt_feature_add_float (MvtFeature *feature,
                       const char *key,
                       float       value)
{
  GByteArray *msg = g_byte_array_new ();

  pb_float_field (msg, 2, value);
  add_tag (feature, key, msg);
}

void
mvt_feature_add_bool (MvtFeature *feature,
                      const char *key,
                      gboolean    value)
{
  GByteArray *msg = g_byte_array_new ();

  pb_uint_field (msg, 7, value ? 1 : 0);
  add_tag (feature, key, msg);
}

/* Fields in field-number order, as protobuf writers (and PostGIS) emit
 * them: the version comes last. */
GByteArray *
mvt_layer_encode (MvtLayer *layer)
{
  GByteArray *buf = g_byte_array_new ();

  pb_string_field (buf, 1, layer->name);

  for (guint i = 0; i < layer->features->len; i++)
    {
      MvtFeature *feature = layer->features->pdata[i];
      g_autoptr(GByteArray) msg = g_byte_array_new ();

      if (feature->has_id)
        pb_uint_field (msg, 1, feature->id);
      if (feature->tags->len > 0)
        pb_packed_field (msg, 2, (const guint32 *) (void *) feature->tags->data, feature->tags->len);
      pb_uint_field (msg, 3, feature->type);
      pb_packed_field (msg, 4, (const guint32 *) (void *) feature->geometry->data, feature->geometry->len);
      pb_bytes_field (buf, 2, msg->data, msg->len);
    }

  for (guint i = 0; i < layer->keys->len; i++)
    pb_string_field (buf, 3, layer->keys->pdata[i]);

  for (guint i = 0; i < layer->values->len; i++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (layer->values->pdata[i], &len);

      pb_bytes_field (buf, 4, data, len);
    }

  pb_uint_field (buf, 5, layer->extent);
  pb_uint_field (buf, 15, layer->version);

  return buf;
}

GBytes *
mvt_tile_encode (MvtLayer *layer,
                 ...)
{
  g_autoptr(GByteArray) tile = g_byte_array_new ();
  va_list args;

  va_start (args, layer);
  for (MvtLayer *l = layer; l != NULL; l = va_arg (args, MvtLayer *))
    {
      g_autoptr(GByteArray) msg = mvt_layer_encode (l);

      pb_bytes_field (tile, 3, msg->data, msg->len);
    }
  va_end (args);

  return pb_to_bytes (tile);
}
