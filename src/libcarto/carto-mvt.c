/* carto-mvt.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Mapbox Vector Tile 2.1 decoder written for hostile input: every read is
 * bounds-checked, every count is checked against the bytes left before
 * anything is allocated for it, so memory stays proportional to the input.
 * We do not use protobuf-c because its generated code trusts counts and
 * gives no say over how geometry is laid out; one pass here produces the
 * flat point and part arrays the renderer walks.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "carto-mvt-private.h"

G_DEFINE_QUARK (carto-mvt-error-quark, carto_mvt_error)

/* Written out: G_DEFINE_BOXED_TYPE's transparent-union cast trips -Wpedantic. */
GType
carto_mvt_tile_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType t = g_boxed_type_register_static (g_intern_static_string ("CartoMvtTile"),
                                              (GBoxedCopyFunc) carto_mvt_tile_ref,
                                              (GBoxedFreeFunc) carto_mvt_tile_unref);
      g_once_init_leave (&type_id, t);
    }

  return type_id;
}

/* Protobuf wire types that appear in the schema. */
enum {
  WIRE_VARINT = 0,
  WIRE_FIXED64 = 1,
  WIRE_LEN = 2,
  WIRE_FIXED32 = 5,
};

/* Geometry command ids (spec 4.3.3). */
enum {
  CMD_MOVE_TO = 1,
  CMD_LINE_TO = 2,
  CMD_CLOSE_PATH = 7,
};

/* Tiles are a few MB at most; the limit keeps every index in 32 bits. */
#define MAX_TILE_SIZE ((gsize) G_MAXINT32)

typedef struct
{
  const guint8 *p;
  const guint8 *end;
} Reader;

typedef struct
{
  guint32 number;
  guint wire;
  guint64 varint;     /* WIRE_VARINT */
  const guint8 *data; /* WIRE_LEN, WIRE_FIXED32, WIRE_FIXED64 */
  gsize len;
} Field;

typedef struct
{
  CartoMvtTile *tile;
  GArray *parts;  /* CartoMvtPart */
  GArray *points; /* CartoMvtPoint */
  GArray *tags;   /* guint32 pairs of the layer being decoded */
} Decoder;

G_GNUC_PRINTF (3, 4)
static gboolean
fail (GError      **error,
      CartoMvtError code,
      const char   *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, CARTO_MVT_ERROR, code, message);
  return FALSE;
}

static inline gsize
reader_left (const Reader *r)
{
  return (gsize) (r->end - r->p);
}

static gboolean
read_varint (Reader  *r,
             guint64 *value,
             GError **error)
{
  guint64 v = 0;

  /* At most 10 bytes; the 10th may only carry the 64th bit. */
  for (guint shift = 0; shift < 64; shift += 7)
    {
      guint8 b;

      if (G_UNLIKELY (r->p >= r->end))
        return fail (error, CARTO_MVT_ERROR_TRUNCATED, _("The data ends inside a number"));

      b = *r->p++;
      if (G_UNLIKELY (shift == 63 && b > 1))
        return fail (error, CARTO_MVT_ERROR_MALFORMED, _("A number is longer than 64 bits"));

      v |= (guint64) (b & 0x7f) << shift;
      if (!(b & 0x80))
        {
          *value = v;
          return TRUE;
        }
    }

  return fail (error, CARTO_MVT_ERROR_MALFORMED, _("A number is longer than 64 bits"));
}

static gboolean
read_uint32 (Reader  *r,
             guint32 *value,
             GError **error)
{
  guint64 v;

  if (!read_varint (r, &v, error))
    return FALSE;
  if (G_UNLIKELY (v > G_MAXUINT32))
    return fail (error, CARTO_MVT_ERROR_MALFORMED, _("A 32-bit number is out of range"));

  *value = (guint32) v;
  return TRUE;
}

static gboolean
next_field (Reader  *r,
            Field   *field,
            GError **error)
{
  guint64 key;
  guint64 len;

  if (!read_varint (r, &key, error))
    return FALSE;

  if (key > G_MAXUINT32 || (key >> 3) == 0)
    return fail (error, CARTO_MVT_ERROR_MALFORMED, _("Invalid field number"));

  field->number = (guint32) (key >> 3);
  field->wire = (guint) (key & 7);
  field->data = NULL;
  field->len = 0;

  switch (field->wire)
    {
    case WIRE_VARINT:
      return read_varint (r, &field->varint, error);

    case WIRE_FIXED64:
    case WIRE_FIXED32:
      field->len = field->wire == WIRE_FIXED64 ? 8 : 4;
      break;

    case WIRE_LEN:
      if (!read_varint (r, &len, error))
        return FALSE;
      if (len > reader_left (r))
        return fail (error, CARTO_MVT_ERROR_TRUNCATED, _("A field is longer than the data left"));
      field->len = (gsize) len;
      break;

    default:
      /* Groups (3, 4) are deprecated and unused by the schema; 6 and 7
       * do not exist. */
      return fail (error, CARTO_MVT_ERROR_MALFORMED, _("Unsupported wire type %u"), field->wire);
    }

  if (field->len > reader_left (r))
    return fail (error, CARTO_MVT_ERROR_TRUNCATED, _("A field is longer than the data left"));

  field->data = r->p;
  r->p += field->len;

  return TRUE;
}

static gboolean
expect_wire (const Field *field,
             guint        wire,
             GError     **error)
{
  if (field->wire != wire)
    return fail (error, CARTO_MVT_ERROR_MALFORMED,
                 _("Field %u has wire type %u instead of %u"), field->number, field->wire, wire);
  return TRUE;
}

static gboolean
expect_once (gboolean    *seen,
             const Field *field,
             GError     **error)
{
  if (*seen)
    return fail (error, CARTO_MVT_ERROR_MALFORMED, _("Field %u appears twice"), field->number);
  *seen = TRUE;
  return TRUE;
}

static inline gint64
zigzag64 (guint64 n)
{
  return (gint64) (n >> 1) ^ -(gint64) (n & 1);
}

static inline gint32
zigzag32 (guint32 n)
{
  return (gint32) (n >> 1) ^ -(gint32) (n & 1);
}

/* Copies a protobuf string into the layer's arena, NUL-terminated. */
static const char *
arena_add (char       **arena,
           const Field *field,
           GError     **error)
{
  const char *text = (const char *) field->data;
  char *copy = *arena;

  if (!g_utf8_validate (text, (gssize) field->len, NULL))
    {
      fail (error, CARTO_MVT_ERROR_MALFORMED, _("A string is not valid UTF-8"));
      return NULL;
    }

  memcpy (copy, text, field->len);
  copy[field->len] = '\0';
  *arena += field->len + 1;

  return copy;
}

static gboolean
decode_value (const Field   *message,
              char         **arena,
              CartoMvtValue *value,
              GError       **error)
{
  Reader r = { message->data, message->data + message->len };
  guint n_set = 0;

  while (r.p < r.end)
    {
      Field f;
      guint32 bits32;
      guint64 bits64;
      float f32;
      double f64;

      if (!next_field (&r, &f, error))
        return FALSE;

      switch (f.number)
        {
        case 1:
          if (!expect_wire (&f, WIRE_LEN, error))
            return FALSE;
          value->type = CARTO_MVT_VALUE_STRING;
          if (!(value->string = arena_add (arena, &f, error)))
            return FALSE;
          break;

        case 2:
          if (!expect_wire (&f, WIRE_FIXED32, error))
            return FALSE;
          memcpy (&bits32, f.data, 4);
          bits32 = GUINT32_FROM_LE (bits32);
          memcpy (&f32, &bits32, 4);
          value->type = CARTO_MVT_VALUE_FLOAT;
          value->double_value = f32;
          break;

        case 3:
          if (!expect_wire (&f, WIRE_FIXED64, error))
            return FALSE;
          memcpy (&bits64, f.data, 8);
          bits64 = GUINT64_FROM_LE (bits64);
          memcpy (&f64, &bits64, 8);
          value->type = CARTO_MVT_VALUE_DOUBLE;
          value->double_value = f64;
          break;

        case 4:
          if (!expect_wire (&f, WIRE_VARINT, error))
            return FALSE;
          value->type = CARTO_MVT_VALUE_INT;
          value->int_value = (gint64) f.varint;
          break;

        case 5:
          if (!expect_wire (&f, WIRE_VARINT, error))
            return FALSE;
          value->type = CARTO_MVT_VALUE_UINT;
          value->uint_value = f.varint;
          break;

        case 6:
          if (!expect_wire (&f, WIRE_VARINT, error))
            return FALSE;
          value->type = CARTO_MVT_VALUE_SINT;
          value->int_value = zigzag64 (f.varint);
          break;

        case 7:
          if (!expect_wire (&f, WIRE_VARINT, error))
            return FALSE;
          value->type = CARTO_MVT_VALUE_BOOL;
          value->bool_value = f.varint != 0;
          break;

        default:
          continue;
        }

      n_set++;
    }

  if (n_set != 1)
    return fail (error, CARTO_MVT_ERROR_BAD_VALUE,
                 _("A value has %u typed fields instead of one"), n_set);

  return TRUE;
}

static gboolean
decode_tags (const Field         *field,
             const CartoMvtLayer *layer,
             GArray              *tags,
             guint32             *n_pairs,
             GError             **error)
{
  Reader r = { field->data, field->data + field->len };
  guint start = tags->len;

  while (r.p < r.end)
    {
      guint32 key, value;

      if (!read_uint32 (&r, &key, error))
        return FALSE;
      if (r.p >= r.end)
        return fail (error, CARTO_MVT_ERROR_BAD_TAGS, _("The tags have an odd count"));
      if (!read_uint32 (&r, &value, error))
        return FALSE;

      if (key >= layer->n_keys)
        return fail (error, CARTO_MVT_ERROR_BAD_TAGS,
                     _("Tag key index %u is out of range (%u keys)"), key, layer->n_keys);
      if (value >= layer->n_values)
        return fail (error, CARTO_MVT_ERROR_BAD_TAGS,
                     _("Tag value index %u is out of range (%u values)"), value, layer->n_values);

      g_array_append_val (tags, key);
      g_array_append_val (tags, value);
    }

  *n_pairs = (tags->len - start) / 2;
  return TRUE;
}

/* Reads @count (dX, dY) pairs, moving the cursor and appending points. */
static gboolean
read_points (Reader  *r,
             guint32  count,
             gint64  *cx,
             gint64  *cy,
             GArray  *points,
             GError **error)
{
  CartoMvtPoint *out;
  guint first = points->len;

  /* Each parameter takes at least one byte: refuse before allocating. */
  if ((guint64) count * 2 > reader_left (r))
    return fail (error, CARTO_MVT_ERROR_TRUNCATED,
                 _("A command count of %u runs past the geometry"), count);

  g_array_set_size (points, first + count);
  out = &g_array_index (points, CartoMvtPoint, first);

  for (guint32 i = 0; i < count; i++)
    {
      guint32 dx, dy;

      if (!read_uint32 (r, &dx, error) || !read_uint32 (r, &dy, error))
        return FALSE;

      *cx += zigzag32 (dx);
      *cy += zigzag32 (dy);
      if (*cx < G_MININT32 || *cx > G_MAXINT32 || *cy < G_MININT32 || *cy > G_MAXINT32)
        return fail (error, CARTO_MVT_ERROR_BAD_GEOMETRY, _("A coordinate is out of range"));

      out[i].x = (gint32) *cx;
      out[i].y = (gint32) *cy;
    }

  return TRUE;
}

static gboolean
read_command (Reader  *r,
              guint   *id,
              guint32 *count,
              GError **error)
{
  guint32 command;

  if (!read_uint32 (r, &command, error))
    return FALSE;

  *id = command & 7;
  *count = command >> 3;

  if (*id != CMD_MOVE_TO && *id != CMD_LINE_TO && *id != CMD_CLOSE_PATH)
    return fail (error, CARTO_MVT_ERROR_BAD_GEOMETRY, _("Unknown geometry command %u"), *id);
  if (*id == CMD_CLOSE_PATH && *count != 1)
    return fail (error, CARTO_MVT_ERROR_BAD_GEOMETRY, _("ClosePath has count %u instead of 1"), *count);
  if (*id != CMD_CLOSE_PATH && *count == 0)
    return fail (error, CARTO_MVT_ERROR_BAD_GEOMETRY, _("A geometry command has count 0"));

  return TRUE;
}

static void
add_part (GArray  *parts,
          guint    first_point,
          guint    n_points,
          gboolean is_hole)
{
  CartoMvtPart part = { first_point, n_points, is_hole };

  g_array_append_val (parts, part);
}

/* Twice the surveyor's-formula area; positive is clockwise on screen. */
static double
ring_area2 (const CartoMvtPoint *ring,
            guint                n)
{
  double sum = 0;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    sum += (double) ring[j].x * ring[i].y - (double) ring[i].x * ring[j].y;

  return sum;
}

static gboolean
decode_points (Reader  *r,
               Decoder *d,
               GError **error)
{
  gint64 cx = 0, cy = 0;
  guint first = d->points->len;
  guint id;
  guint32 count;

  if (!read_command (r, &id, &count, error))
    return FALSE;
  if (id != CMD_MOVE_TO)
    return fail (error, CARTO_MVT_ERROR_BAD_GEOMETRY, _("A point geometry must be one MoveTo"));
  if (!read_points (r, count, &cx, &cy, d->points, error))
    return FALSE;
  if (r->p != r->end)
    return fail (error, CARTO_MVT_ERROR_BAD_GEOMETRY, _("A point geometry has commands after its MoveTo"));

  add_part (d->parts, first, count, FALSE);
  return TRUE;
}

/* Lines and rings share a shape: MoveTo(1), then LineTo(n) commands, and
 * for rings a final ClosePath. */
static gboolean
decode_paths (Reader          *r,
              Decoder         *d,
              CartoMvtGeomType type,
              guint            version,
              GError         **error)
{
  gint64 cx = 0, cy = 0;
  int orientation = 0; /* sign of exterior rings, fixed by the first ring */

  while (r->p < r->end)
    {
      guint first = d->points->len;
      gboolean closed = FALSE;
      guint n;
      guint id;
      guint32 count;

      if (!read_command (r, &id, &count, error))
        return FALSE;
      if (id != CMD_MOVE_TO || count != 1)
        return fail (error, CARTO_MVT_ERROR_BAD_GEOMETRY,
                     _("A line or ring must start with MoveTo of count 1"));
      if (!read_points (r, 1, &cx, &cy, d->points, error))
        return FALSE;

      while (r->p < r->end)
        {
          const guint8 *mark = r->p;

          if (!read_command (r, &id, &count, error))
            return FALSE;

          if (id == CMD_MOVE_TO)
            {
              r->p = mark;
              break;
            }
          if (id == CMD_CLOSE_PATH)
            {
              if (type != CARTO_MVT_GEOM_POLYGON)
                return fail (error, CARTO_MVT_ERROR_BAD_GEOMETRY, _("A line has a ClosePath"));
              closed = TRUE;
              break;
            }
          if (!read_points (r, count, &cx, &cy, d->points, error))
            return FALSE;
        }

      n = d->points->len - first;

      if (type == CARTO_MVT_GEOM_LINESTRING)
        {
          if (n < 2)
            return fail (error, CARTO_MVT_ERROR_BAD_GEOMETRY, _("A line has fewer than two points"));
          add_part (d->parts, first, n, FALSE);
        }
      else
        {
          double area;

          if (!closed)
            return fail (error, CARTO_MVT_ERROR_BAD_GEOMETRY, _("A ring does not end with ClosePath"));
          if (n < 3)
            return fail (error, CARTO_MVT_ERROR_BAD_GEOMETRY, _("A ring has fewer than three points"));

          area = ring_area2 (&g_array_index (d->points, CartoMvtPoint, first), n);

          /* A ring without area draws nothing and cannot be classified. */
          if (area == 0)
            {
              g_array_set_size (d->points, first);
              continue;
            }

          if (orientation == 0)
            {
              /* Version 1 did not fix the winding order, so the first ring
               * of each feature tells; version 2 requires clockwise. */
              if (area < 0 && version >= 2)
                return fail (error, CARTO_MVT_ERROR_BAD_GEOMETRY,
                             _("A polygon starts with an interior ring"));
              orientation = area > 0 ? 1 : -1;
            }

          add_part (d->parts, first, n, (area > 0 ? 1 : -1) != orientation);
        }
    }

  return TRUE;
}

static gboolean
decode_geometry (const Field     *field,
                 CartoMvtFeature *feature,
                 Decoder         *d,
                 GError         **error)
{
  Reader r = { field->data, field->data + field->len };
  guint first_part = d->parts->len;
  gboolean ok;

  if (feature->type == CARTO_MVT_GEOM_UNKNOWN)
    return TRUE;

  if (field->len == 0)
    return fail (error, CARTO_MVT_ERROR_BAD_GEOMETRY, _("The geometry is empty"));

  if (feature->type == CARTO_MVT_GEOM_POINT)
    ok = decode_points (&r, d, error);
  else
    ok = decode_paths (&r, d, feature->type, feature->layer->version, error);

  if (!ok)
    return FALSE;

  feature->first_part = first_part;
  feature->n_parts = d->parts->len - first_part;
  return TRUE;
}

static gboolean
decode_feature (const Field     *message,
                CartoMvtFeature *feature,
                Decoder         *d,
                GError         **error)
{
  Reader r = { message->data, message->data + message->len };
  gboolean seen_id = FALSE, seen_tags = FALSE, seen_type = FALSE, seen_geometry = FALSE;
  Field geometry = { 0 };

  feature->first_tag = d->tags->len / 2;

  while (r.p < r.end)
    {
      Field f;

      if (!next_field (&r, &f, error))
        return FALSE;

      switch (f.number)
        {
        case 1:
          if (!expect_wire (&f, WIRE_VARINT, error) || !expect_once (&seen_id, &f, error))
            return FALSE;
          feature->id = f.varint;
          feature->has_id = TRUE;
          break;

        case 2:
          if (!expect_wire (&f, WIRE_LEN, error) || !expect_once (&seen_tags, &f, error))
            return FALSE;
          if (!decode_tags (&f, feature->layer, d->tags, &feature->n_tags, error))
            return FALSE;
          break;

        case 3:
          if (!expect_wire (&f, WIRE_VARINT, error) || !expect_once (&seen_type, &f, error))
            return FALSE;
          if (f.varint > CARTO_MVT_GEOM_POLYGON)
            return fail (error, CARTO_MVT_ERROR_BAD_GEOMETRY,
                         _("Unknown geometry type %llu"), (unsigned long long) f.varint);
          feature->type = (guint8) f.varint;
          break;

        case 4:
          if (!expect_wire (&f, WIRE_LEN, error) || !expect_once (&seen_geometry, &f, error))
            return FALSE;
          geometry = f;
          break;

        default:
          break;
        }
    }

  if (!seen_geometry)
    return fail (error, CARTO_MVT_ERROR_MISSING_FIELD, _("A feature has no geometry"));

  /* The type may follow the geometry on the wire, so decode last. */
  return decode_geometry (&geometry, feature, d, error);
}

static gboolean
decode_layer (const Field   *message,
              CartoMvtLayer *layer,
              Decoder       *d,
              GError       **error)
{
  Reader r = { message->data, message->data + message->len };
  gboolean seen_name = FALSE, seen_version = FALSE, seen_extent = FALSE;
  Field name = { 0 };
  guint64 version = 0, extent = 4096;
  gsize string_bytes = 0;
  guint n_keys = 0, n_values = 0, n_features = 0;
  guint i_key = 0, i_value = 0, i_feature = 0;
  char *arena;

  /* First pass: the version may come last (protobuf writers sort by field
   * number and it is field 15), and counts size the arrays exactly. */
  while (r.p < r.end)
    {
      Field f;

      if (!next_field (&r, &f, error))
        return FALSE;

      switch (f.number)
        {
        case 1:
          if (!expect_wire (&f, WIRE_LEN, error) || !expect_once (&seen_name, &f, error))
            return FALSE;
          name = f;
          break;

        case 2:
          if (!expect_wire (&f, WIRE_LEN, error))
            return FALSE;
          n_features++;
          break;

        case 3:
        case 4:
          if (!expect_wire (&f, WIRE_LEN, error))
            return FALSE;
          string_bytes += f.len + 1;
          if (f.number == 3)
            n_keys++;
          else
            n_values++;
          break;

        case 5:
          if (!expect_wire (&f, WIRE_VARINT, error) || !expect_once (&seen_extent, &f, error))
            return FALSE;
          extent = f.varint;
          break;

        case 15:
          if (!expect_wire (&f, WIRE_VARINT, error) || !expect_once (&seen_version, &f, error))
            return FALSE;
          version = f.varint;
          break;

        default:
          break;
        }
    }

  if (!seen_name)
    return fail (error, CARTO_MVT_ERROR_MISSING_FIELD, _("A layer has no name"));
  if (!seen_version)
    return fail (error, CARTO_MVT_ERROR_MISSING_FIELD, _("A layer has no version"));
  if (version != 1 && version != 2)
    return fail (error, CARTO_MVT_ERROR_UNSUPPORTED_VERSION,
                 _("Unsupported layer version %llu"), (unsigned long long) version);
  if (extent == 0 || extent > CARTO_MVT_MAX_EXTENT)
    return fail (error, CARTO_MVT_ERROR_BAD_EXTENT,
                 _("Unsupported layer extent %llu"), (unsigned long long) extent);
  if (!g_utf8_validate ((const char *) name.data, (gssize) name.len, NULL))
    return fail (error, CARTO_MVT_ERROR_MALFORMED, _("A layer name is not valid UTF-8"));

  layer->name = g_strndup ((const char *) name.data, name.len);
  layer->version = (guint) version;
  layer->extent = (guint) extent;

  /* Every count is bounded by the message size, so these are too. */
  layer->strings = arena = g_malloc (string_bytes + 1);
  layer->keys = g_new0 (char *, n_keys + 1);
  layer->values = g_new0 (CartoMvtValue, n_values + 1);
  layer->features = g_new0 (CartoMvtFeature, n_features + 1);
  layer->n_keys = n_keys;
  layer->n_values = n_values;
  layer->n_features = n_features;
  layer->cartodb_id_key = -1;

  g_array_set_size (d->tags, 0);

  r.p = message->data;
  while (r.p < r.end)
    {
      Field f;

      /* Already validated by the first pass. */
      if (!next_field (&r, &f, error))
        return FALSE;

      switch (f.number)
        {
        case 2:
          {
            CartoMvtFeature *feature = &layer->features[i_feature];

            feature->layer = layer;
            if (!decode_feature (&f, feature, d, error))
              {
                g_prefix_error (error, _("Feature %u: "), i_feature);
                return FALSE;
              }
            i_feature++;
          }
          break;

        case 3:
          if (!(layer->keys[i_key] = (char *) arena_add (&arena, &f, error)))
            return FALSE;
          if (layer->cartodb_id_key < 0 && strcmp (layer->keys[i_key], "cartodb_id") == 0)
            layer->cartodb_id_key = (int) i_key;
          i_key++;
          break;

        case 4:
          if (!decode_value (&f, &arena, &layer->values[i_value], error))
            {
              g_prefix_error (error, _("Value %u: "), i_value);
              return FALSE;
            }
          i_value++;
          break;

        default:
          break;
        }
    }

  layer->n_tags = d->tags->len / 2;
  layer->tags = g_memdup2 (d->tags->data, (gsize) d->tags->len * sizeof (guint32));

  return TRUE;
}

static void
layer_clear (CartoMvtLayer *layer)
{
  g_free (layer->name);
  g_free (layer->features);
  g_free (layer->keys);
  g_free (layer->values);
  g_free (layer->strings);
  g_free (layer->tags);
}

static void
tile_free (CartoMvtTile *tile)
{
  for (guint i = 0; i < tile->n_layers; i++)
    layer_clear (&tile->layers[i]);
  g_free (tile->layers);
  g_free (tile->parts);
  g_free (tile->points);
  g_free (tile);
}

static gboolean
decode_tile (CartoMvtTile *tile,
             const guint8 *data,
             gsize         size,
             GError      **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  Reader r = { data, data + size };
  Decoder d = { tile, NULL, NULL, NULL };
  guint n_layers = 0;
  gboolean ok = FALSE;

  while (r.p < r.end)
    {
      Field f;

      if (!next_field (&r, &f, error))
        return FALSE;
      if (f.number == 3)
        {
          if (!expect_wire (&f, WIRE_LEN, error))
            return FALSE;
          n_layers++;
        }
    }

  tile->layers = g_new0 (CartoMvtLayer, n_layers + 1);

  /* A point costs at least two bytes, a part at least one. */
  d.points = g_array_sized_new (FALSE, FALSE, sizeof (CartoMvtPoint), MIN (size / 4, 1 << 20));
  d.parts = g_array_sized_new (FALSE, FALSE, sizeof (CartoMvtPart), MIN (size / 16, 1 << 18));
  d.tags = g_array_new (FALSE, FALSE, sizeof (guint32));

  r.p = data;
  while (r.p < r.end)
    {
      CartoMvtLayer *layer;
      Field f;

      if (!next_field (&r, &f, error))
        goto out;
      if (f.number != 3)
        continue;

      layer = &tile->layers[tile->n_layers++];
      layer->tile = tile;
      if (!decode_layer (&f, layer, &d, error))
        {
          if (layer->name != NULL)
            g_prefix_error (error, _("Layer “%s”: "), layer->name);
          else
            g_prefix_error (error, _("Layer %u: "), tile->n_layers - 1);
          goto out;
        }

      if (!g_hash_table_add (names, layer->name))
        {
          fail (error, CARTO_MVT_ERROR_MALFORMED, _("Two layers are named “%s”"), layer->name);
          goto out;
        }
    }

  ok = TRUE;

out:
  tile->n_parts = d.parts->len;
  tile->parts = (CartoMvtPart *) (void *) g_array_free (d.parts, FALSE);
  tile->n_points = d.points->len;
  tile->points = (CartoMvtPoint *) (void *) g_array_free (d.points, FALSE);
  g_array_unref (d.tags);

  return ok;
}

/**
 * carto_mvt_tile_decode:
 * @bytes: a Mapbox Vector Tile (protobuf, not gzip-compressed); an empty
 *   buffer, as a `204 No Content` tile, is a tile without layers
 * @error: return location for a %CARTO_MVT_ERROR
 *
 * Decodes a whole tile: geometry into absolute tile coordinates with its
 * parts (polygon rings classified into exteriors and holes by their winding,
 * spec 4.3.4.4), and properties into typed values. The result is immutable
 * and may be shared between threads.
 *
 * Any violation of the spec fails the whole tile, so a half-drawn tile
 * never looks like a complete one. Decoding never reads outside @bytes and
 * allocates memory proportional to its size.
 *
 * Returns: (transfer full) (nullable): the tile, or %NULL with @error set
 */
CartoMvtTile *
carto_mvt_tile_decode (GBytes  *bytes,
                       GError **error)
{
  static const guint8 no_data[1];
  CartoMvtTile *tile;
  const guint8 *data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  /* Empty GBytes may have no data pointer; pointer arithmetic on NULL,
   * even + 0, is undefined. */
  if (data == NULL)
    data = no_data;
  if (size > MAX_TILE_SIZE)
    {
      fail (error, CARTO_MVT_ERROR_FAILED, _("The tile is too large"));
      return NULL;
    }

  tile = g_new0 (CartoMvtTile, 1);
  g_atomic_ref_count_init (&tile->ref_count);

  if (!decode_tile (tile, data, size, error))
    {
      tile_free (tile);
      return NULL;
    }

  return tile;
}

/**
 * carto_mvt_tile_ref:
 * @tile: a tile
 *
 * Returns: (transfer full): @tile
 */
CartoMvtTile *
carto_mvt_tile_ref (CartoMvtTile *tile)
{
  g_return_val_if_fail (tile != NULL, NULL);

  g_atomic_ref_count_inc (&tile->ref_count);
  return tile;
}

/**
 * carto_mvt_tile_unref:
 * @tile: (transfer full): a tile
 *
 * Drops a reference; layers, features and values of the tile are freed with
 * the last one.
 */
void
carto_mvt_tile_unref (CartoMvtTile *tile)
{
  g_return_if_fail (tile != NULL);

  if (g_atomic_ref_count_dec (&tile->ref_count))
    tile_free (tile);
}

/**
 * carto_mvt_tile_get_n_layers:
 * @tile: a tile
 *
 * Returns: how many layers @tile has
 */
guint
carto_mvt_tile_get_n_layers (CartoMvtTile *tile)
{
  g_return_val_if_fail (tile != NULL, 0);

  return tile->n_layers;
}

/**
 * carto_mvt_tile_get_layer:
 * @tile: a tile
 * @index: a layer index, in tile order
 *
 * Returns: (transfer none): the layer, valid while @tile lives
 */
const CartoMvtLayer *
carto_mvt_tile_get_layer (CartoMvtTile *tile,
                          guint         index)
{
  g_return_val_if_fail (tile != NULL, NULL);
  g_return_val_if_fail (index < tile->n_layers, NULL);

  return &tile->layers[index];
}

/**
 * carto_mvt_tile_find_layer:
 * @tile: a tile
 * @name: a layer name; CARTO's Maps API names them `layer0`, `layer1`…
 *
 * Returns: (transfer none) (nullable): the layer called @name
 */
const CartoMvtLayer *
carto_mvt_tile_find_layer (CartoMvtTile *tile,
                           const char   *name)
{
  g_return_val_if_fail (tile != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < tile->n_layers; i++)
    if (strcmp (tile->layers[i].name, name) == 0)
      return &tile->layers[i];

  return NULL;
}

/**
 * carto_mvt_tile_get_n_features:
 * @tile: a tile
 *
 * Returns: the number of features in all layers
 */
guint
carto_mvt_tile_get_n_features (CartoMvtTile *tile)
{
  guint n = 0;

  g_return_val_if_fail (tile != NULL, 0);

  for (guint i = 0; i < tile->n_layers; i++)
    n += tile->layers[i].n_features;

  return n;
}

/**
 * carto_mvt_layer_get_name:
 * @layer: a layer
 *
 * Returns: the layer's name, unique in its tile
 */
const char *
carto_mvt_layer_get_name (const CartoMvtLayer *layer)
{
  g_return_val_if_fail (layer != NULL, NULL);

  return layer->name;
}

/**
 * carto_mvt_layer_get_version:
 * @layer: a layer
 *
 * Returns: the MVT version the layer declares, 1 or 2
 */
guint
carto_mvt_layer_get_version (const CartoMvtLayer *layer)
{
  g_return_val_if_fail (layer != NULL, 0);

  return layer->version;
}

/**
 * carto_mvt_layer_get_extent:
 * @layer: a layer
 *
 * Returns: tile units per tile side (4096 unless the layer says otherwise)
 */
guint
carto_mvt_layer_get_extent (const CartoMvtLayer *layer)
{
  g_return_val_if_fail (layer != NULL, 0);

  return layer->extent;
}

/**
 * carto_mvt_layer_get_n_features:
 * @layer: a layer
 *
 * Returns: how many features @layer has
 */
guint
carto_mvt_layer_get_n_features (const CartoMvtLayer *layer)
{
  g_return_val_if_fail (layer != NULL, 0);

  return layer->n_features;
}

/**
 * carto_mvt_layer_get_feature:
 * @layer: a layer
 * @index: a feature index; later features draw on top
 *
 * Returns: (transfer none): the feature, valid while its tile lives
 */
const CartoMvtFeature *
carto_mvt_layer_get_feature (const CartoMvtLayer *layer,
                             guint                index)
{
  g_return_val_if_fail (layer != NULL, NULL);
  g_return_val_if_fail (index < layer->n_features, NULL);

  return &layer->features[index];
}

/**
 * carto_mvt_layer_get_n_keys:
 * @layer: a layer
 *
 * Returns: the number of distinct property names in @layer
 */
guint
carto_mvt_layer_get_n_keys (const CartoMvtLayer *layer)
{
  g_return_val_if_fail (layer != NULL, 0);

  return layer->n_keys;
}

/**
 * carto_mvt_layer_get_key:
 * @layer: a layer
 * @index: a key index
 *
 * Returns: a property name used in @layer
 */
const char *
carto_mvt_layer_get_key (const CartoMvtLayer *layer,
                         guint                index)
{
  g_return_val_if_fail (layer != NULL, NULL);
  g_return_val_if_fail (index < layer->n_keys, NULL);

  return layer->keys[index];
}

int
carto_mvt_layer_find_key (const CartoMvtLayer *layer,
                          const char          *key)
{
  for (guint i = 0; i < layer->n_keys; i++)
    if (strcmp (layer->keys[i], key) == 0)
      return (int) i;

  return -1;
}

/**
 * carto_mvt_layer_find_by_cartodb_id:
 * @layer: a layer
 * @cartodb_id: the row id CARTO puts in the `cartodb_id` property
 *
 * Returns: (transfer none) (nullable): the topmost feature of that row
 */
const CartoMvtFeature *
carto_mvt_layer_find_by_cartodb_id (const CartoMvtLayer *layer,
                                    gint64               cartodb_id)
{
  g_return_val_if_fail (layer != NULL, NULL);

  for (guint i = layer->n_features; i-- > 0;)
    {
      gint64 id;

      if (carto_mvt_feature_get_cartodb_id (&layer->features[i], &id) && id == cartodb_id)
        return &layer->features[i];
    }

  return NULL;
}

/**
 * carto_mvt_feature_get_layer:
 * @feature: a feature
 *
 * Returns: (transfer none): the layer holding @feature
 */
const CartoMvtLayer *
carto_mvt_feature_get_layer (const CartoMvtFeature *feature)
{
  g_return_val_if_fail (feature != NULL, NULL);

  return feature->layer;
}

/**
 * carto_mvt_feature_get_geom_type:
 * @feature: a feature
 *
 * Returns: the geometry type
 */
CartoMvtGeomType
carto_mvt_feature_get_geom_type (const CartoMvtFeature *feature)
{
  g_return_val_if_fail (feature != NULL, CARTO_MVT_GEOM_UNKNOWN);

  return feature->type;
}

/**
 * carto_mvt_feature_get_id:
 * @feature: a feature
 * @id: (out) (optional): the feature id
 *
 * CARTO's tiles carry no feature ids; see carto_mvt_feature_get_cartodb_id().
 *
 * Returns: %TRUE if the feature has an id
 */
gboolean
carto_mvt_feature_get_id (const CartoMvtFeature *feature,
                          guint64               *id)
{
  g_return_val_if_fail (feature != NULL, FALSE);

  if (feature->has_id && id != NULL)
    *id = feature->id;

  return feature->has_id;
}

/**
 * carto_mvt_feature_get_cartodb_id:
 * @feature: a feature
 * @cartodb_id: (out) (optional): the value of the `cartodb_id` property
 *
 * CARTO identifies rows by `cartodb_id`, which the Maps API sends as a
 * property. Any integral numeric value is accepted.
 *
 * Returns: %TRUE if the feature has an integral `cartodb_id`
 */
gboolean
carto_mvt_feature_get_cartodb_id (const CartoMvtFeature *feature,
                                  gint64                *cartodb_id)
{
  const CartoMvtValue *value;
  gint64 id;

  g_return_val_if_fail (feature != NULL, FALSE);

  value = carto_mvt_feature_lookup_key (feature, feature->layer->cartodb_id_key);
  if (value == NULL || !carto_mvt_value_get_int64 (value, &id))
    return FALSE;

  if (cartodb_id != NULL)
    *cartodb_id = id;
  return TRUE;
}

/**
 * carto_mvt_feature_get_n_properties:
 * @feature: a feature
 *
 * Returns: how many properties @feature has
 */
guint
carto_mvt_feature_get_n_properties (const CartoMvtFeature *feature)
{
  g_return_val_if_fail (feature != NULL, 0);

  return feature->n_tags;
}

/**
 * carto_mvt_feature_get_nth_property:
 * @feature: a feature
 * @index: a property index, below carto_mvt_feature_get_n_properties()
 * @key: (out) (optional) (transfer none): the property's name
 *
 * Returns: (transfer none): the property's value
 */
const CartoMvtValue *
carto_mvt_feature_get_nth_property (const CartoMvtFeature *feature,
                                    guint                  index,
                                    const char           **key)
{
  const guint32 *tag;

  g_return_val_if_fail (feature != NULL, NULL);
  g_return_val_if_fail (index < feature->n_tags, NULL);

  tag = feature->layer->tags + 2 * ((gsize) feature->first_tag + index);
  if (key != NULL)
    *key = feature->layer->keys[tag[0]];

  return &feature->layer->values[tag[1]];
}

/**
 * carto_mvt_feature_get_property:
 * @feature: a feature
 * @key: a property name
 *
 * Returns: (transfer none) (nullable): the value of @key, or %NULL when the
 *   feature lacks it (PostGIS leaves out SQL NULLs)
 */
const CartoMvtValue *
carto_mvt_feature_get_property (const CartoMvtFeature *feature,
                                const char            *key)
{
  g_return_val_if_fail (feature != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return carto_mvt_feature_lookup_key (feature, carto_mvt_layer_find_key (feature->layer, key));
}

/**
 * carto_mvt_feature_get_n_parts:
 * @feature: a feature
 *
 * A point feature has one part holding all its points; a line feature one
 * part per line; a polygon feature one part per ring, each exterior ring
 * followed by its holes.
 *
 * Returns: the number of parts
 */
guint
carto_mvt_feature_get_n_parts (const CartoMvtFeature *feature)
{
  g_return_val_if_fail (feature != NULL, 0);

  return feature->n_parts;
}

/**
 * carto_mvt_feature_get_part:
 * @feature: a feature
 * @index: a part index
 * @n_points: (out): the number of points in the part
 * @is_hole: (out) (optional): whether the part is an interior ring
 *
 * Rings are returned without repeating their first point at the end.
 *
 * Returns: (array length=n_points) (transfer none): the part's points
 */
const CartoMvtPoint *
carto_mvt_feature_get_part (const CartoMvtFeature *feature,
                            guint                  index,
                            guint                 *n_points,
                            gboolean              *is_hole)
{
  const CartoMvtPart *part;

  g_return_val_if_fail (feature != NULL, NULL);
  g_return_val_if_fail (index < feature->n_parts, NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  part = carto_mvt_feature_parts (feature) + index;
  *n_points = part->n_points;
  if (is_hole != NULL)
    *is_hole = part->is_hole;

  return carto_mvt_part_points (feature, part);
}

/**
 * carto_mvt_value_get_double:
 * @value: a value
 * @number: (out): the value as a double
 *
 * Returns: %TRUE if @value is numeric (booleans and strings are not)
 */
gboolean
carto_mvt_value_get_double (const CartoMvtValue *value,
                            double              *number)
{
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  switch (value->type)
    {
    case CARTO_MVT_VALUE_FLOAT:
    case CARTO_MVT_VALUE_DOUBLE:
      *number = value->double_value;
      return TRUE;
    case CARTO_MVT_VALUE_INT:
    case CARTO_MVT_VALUE_SINT:
      *number = (double) value->int_value;
      return TRUE;
    case CARTO_MVT_VALUE_UINT:
      *number = (double) value->uint_value;
      return TRUE;
    case CARTO_MVT_VALUE_STRING:
    case CARTO_MVT_VALUE_BOOL:
    default:
      return FALSE;
    }
}

/**
 * carto_mvt_value_get_int64:
 * @value: a value
 * @number: (out): the value as a signed 64-bit integer
 *
 * Reals count when they are integral and in range: PostGIS writes
 * `numeric` columns as doubles.
 *
 * Returns: %TRUE if @value is an integer that fits
 */
gboolean
carto_mvt_value_get_int64 (const CartoMvtValue *value,
                           gint64              *number)
{
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  switch (value->type)
    {
    case CARTO_MVT_VALUE_INT:
    case CARTO_MVT_VALUE_SINT:
      *number = value->int_value;
      return TRUE;
    case CARTO_MVT_VALUE_UINT:
      if (value->uint_value > G_MAXINT64)
        return FALSE;
      *number = (gint64) value->uint_value;
      return TRUE;
    case CARTO_MVT_VALUE_FLOAT:
    case CARTO_MVT_VALUE_DOUBLE:
      /* 2^63 itself is out of range, hence < rather than <=. */
      if (value->double_value != floor (value->double_value) ||
          !(value->double_value >= -9223372036854775808.0 && value->double_value < 9223372036854775808.0))
        return FALSE;
      *number = (gint64) value->double_value;
      return TRUE;
    case CARTO_MVT_VALUE_STRING:
    case CARTO_MVT_VALUE_BOOL:
    default:
      return FALSE;
    }
}

/* The shortest decimal that reads back as the same number, as PostgreSQL
 * prints float8 since version 12, so `col::text` categories match. */
static char *
format_real (double value,
             int    max_digits,
             gboolean is_float)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("NaN");
  if (isinf (value))
    return g_strdup (value > 0 ? "Infinity" : "-Infinity");

  for (int digits = 1; digits <= max_digits; digits++)
    {
      char format[8];
      double back;

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      back = g_ascii_strtod (buf, NULL);
      if (is_float ? (float) back == (float) value : back == value)
        break;
    }

  return g_strdup (buf);
}

/**
 * carto_mvt_value_to_string:
 * @value: a value
 *
 * Formats @value as PostgreSQL's `::text` would: integers in decimal,
 * reals as the shortest decimal that reads back exactly, booleans as
 * `true`/`false`. Category styles compare values in this form.
 *
 * Returns: (transfer full): the text of @value
 */
char *
carto_mvt_value_to_string (const CartoMvtValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  switch (value->type)
    {
    case CARTO_MVT_VALUE_STRING:
      return g_strdup (value->string);
    case CARTO_MVT_VALUE_FLOAT:
      return format_real (value->double_value, 9, TRUE);
    case CARTO_MVT_VALUE_DOUBLE:
      return format_real (value->double_value, 17, FALSE);
    case CARTO_MVT_VALUE_INT:
    case CARTO_MVT_VALUE_SINT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, value->int_value);
    case CARTO_MVT_VALUE_UINT:
      return g_strdup_printf ("%" G_GUINT64_FORMAT, value->uint_value);
    case CARTO_MVT_VALUE_BOOL:
      return g_strdup (value->bool_value ? "true" : "false");
    default:
      g_return_val_if_reached (NULL);
    }
}
