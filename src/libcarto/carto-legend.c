/* carto-legend.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "carto-legend-private.h"

struct _CartoLegend
{
  gatomicrefcount ref_count;
  CartoLegendKind kind;
  char *title;
  GArray *entries; /* CartoLegendEntry, labels owned */
};

/* Written out: G_DEFINE_BOXED_TYPE's transparent-union cast trips -Wpedantic. */
GType
carto_legend_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType t = g_boxed_type_register_static (g_intern_static_string ("CartoLegend"),
                                              (GBoxedCopyFunc) carto_legend_ref,
                                              (GBoxedFreeFunc) carto_legend_unref);
      g_once_init_leave (&type_id, t);
    }

  return type_id;
}

static void
entry_clear (gpointer data)
{
  CartoLegendEntry *entry = data;

  g_free ((char *) entry->label);
}

CartoLegend *
carto_legend_new (CartoLegendKind kind,
                  const char     *title)
{
  CartoLegend *legend = g_new0 (CartoLegend, 1);

  g_atomic_ref_count_init (&legend->ref_count);
  legend->kind = kind;
  legend->title = g_strdup (title);
  legend->entries = g_array_new (FALSE, FALSE, sizeof (CartoLegendEntry));
  g_array_set_clear_func (legend->entries, entry_clear);

  return legend;
}

/* Takes @label. */
void
carto_legend_add_entry (CartoLegend       *legend,
                        char              *label,
                        const CartoSymbol *symbol)
{
  CartoLegendEntry entry = { label, *symbol };

  g_array_append_val (legend->entries, entry);
}

/**
 * carto_legend_ref:
 * @legend: a legend
 *
 * Returns: (transfer full): @legend
 */
CartoLegend *
carto_legend_ref (CartoLegend *legend)
{
  g_return_val_if_fail (legend != NULL, NULL);

  g_atomic_ref_count_inc (&legend->ref_count);
  return legend;
}

/**
 * carto_legend_unref:
 * @legend: (transfer full): a legend
 */
void
carto_legend_unref (CartoLegend *legend)
{
  g_return_if_fail (legend != NULL);

  if (g_atomic_ref_count_dec (&legend->ref_count))
    {
      g_array_unref (legend->entries);
      g_free (legend->title);
      g_free (legend);
    }
}

/**
 * carto_legend_get_kind:
 * @legend: a legend
 *
 * Returns: how to draw @legend
 */
CartoLegendKind
carto_legend_get_kind (CartoLegend *legend)
{
  g_return_val_if_fail (legend != NULL, CARTO_LEGEND_KIND_SINGLE);

  return legend->kind;
}

/**
 * carto_legend_get_title:
 * @legend: a legend
 *
 * Returns: (nullable): the styled property's name, or %NULL for a single
 *   symbol (the UI shows the layer's title instead)
 */
const char *
carto_legend_get_title (CartoLegend *legend)
{
  g_return_val_if_fail (legend != NULL, NULL);

  return legend->title;
}

/**
 * carto_legend_get_n_entries:
 * @legend: a legend
 *
 * Returns: the number of entries
 */
guint
carto_legend_get_n_entries (CartoLegend *legend)
{
  g_return_val_if_fail (legend != NULL, 0);

  return legend->entries->len;
}

/**
 * carto_legend_get_entry:
 * @legend: a legend
 * @index: an entry index, in display order
 *
 * Returns: (transfer none): the entry, valid while @legend lives
 */
const CartoLegendEntry *
carto_legend_get_entry (CartoLegend *legend,
                        guint        index)
{
  g_return_val_if_fail (legend != NULL, NULL);
  g_return_val_if_fail (index < legend->entries->len, NULL);

  return &g_array_index (legend->entries, CartoLegendEntry, index);
}
