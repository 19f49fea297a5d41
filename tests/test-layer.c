/* test-layer.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CartoLayer: properties and their notifications, and which credentials a
 * layer uses (layer > source > default account).
 */

#undef G_DISABLE_ASSERT

#include "config.h"

#include <carto.h>
#include <string.h>

#include "carto-layer-private.h"

#include "credentials-test-utils.h"

typedef struct
{
  GHashTable *counts;
} Notifications;

static void
on_notify_cb (GObject       *object,
              GParamSpec    *pspec,
              Notifications *n)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (n->counts, pspec->name));

  g_hash_table_insert (n->counts, (gpointer) pspec->name, GUINT_TO_POINTER (count + 1));
}

static guint
count (Notifications *n,
       const char    *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (n->counts, name));
}

static void
test_properties (void)
{
  g_autoptr(CartoSource) source = carto_source_new ("populated_places", NULL, NULL);
  g_autoptr(CartoSource) other = carto_source_new ("countries", NULL, NULL);
  g_autoptr(CartoLayer) layer = carto_layer_new (source, NULL);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  Notifications n = { counts };
  CartoSymbol symbol;
  g_autoptr(CartoStyle) red = NULL;
  g_autoptr(CartoStyle) red_again = NULL;

  g_signal_connect (layer, "notify", G_CALLBACK (on_notify_cb), &n);

  g_assert_true (carto_layer_get_source (layer) == source);
  g_assert_true (CARTO_IS_STYLE (carto_layer_get_style (layer)));
  g_assert_cmpint (carto_style_get_kind (carto_layer_get_style (layer)), ==, CARTO_STYLE_KIND_SINGLE);
  g_assert_null (carto_layer_get_title (layer));
  g_assert_true (carto_layer_get_visible (layer));
  g_assert_cmpfloat (carto_layer_get_opacity (layer), ==, 1.0);
  g_assert_false (carto_layer_get_aggregation (layer));
  g_assert_cmpint (carto_layer_get_state (layer), ==, CARTO_LAYER_STATE_IDLE);
  g_assert_null (carto_layer_get_error_message (layer));

  carto_layer_set_title (layer, "Cities");
  carto_layer_set_title (layer, "Cities");
  g_assert_cmpstr (carto_layer_get_title (layer), ==, "Cities");
  g_assert_cmpuint (count (&n, "title"), ==, 1);

  carto_layer_set_visible (layer, FALSE);
  carto_layer_set_visible (layer, FALSE);
  g_assert_false (carto_layer_get_visible (layer));
  g_assert_cmpuint (count (&n, "visible"), ==, 1);

  carto_layer_set_opacity (layer, 0.5);
  carto_layer_set_opacity (layer, 0.5);
  carto_layer_set_opacity (layer, 7.0);
  g_assert_cmpfloat (carto_layer_get_opacity (layer), ==, 1.0);
  g_assert_cmpuint (count (&n, "opacity"), ==, 2);

  carto_layer_set_aggregation (layer, TRUE);
  carto_layer_set_aggregation (layer, TRUE);
  g_assert_true (carto_layer_get_aggregation (layer));
  g_assert_cmpuint (count (&n, "aggregation"), ==, 1);

  carto_layer_set_source (layer, other);
  carto_layer_set_source (layer, other);
  g_assert_true (carto_layer_get_source (layer) == other);
  g_assert_cmpuint (count (&n, "source"), ==, 1);

  /* Styles compare by value: an equal style is no change. */
  carto_symbol_init_default (&symbol, CARTO_MVT_GEOM_POINT);
  carto_color_init_rgb (&symbol.color, 0xff0000);
  red = carto_style_new_single (&symbol);
  red_again = carto_style_new_single (&symbol);
  carto_layer_set_style (layer, red);
  carto_layer_set_style (layer, red_again);
  g_assert_true (carto_layer_get_style (layer) == red);
  g_assert_cmpuint (count (&n, "style"), ==, 1);
  carto_layer_set_style (layer, NULL);
  g_assert_cmpuint (count (&n, "style"), ==, 2);
  g_assert_false (carto_style_equal (carto_layer_get_style (layer), red));

  /* Properties work through GObject too. */
  g_object_set (layer, "title", "Places", "opacity", 0.25, NULL);
  g_assert_cmpstr (carto_layer_get_title (layer), ==, "Places");
  g_assert_cmpfloat (carto_layer_get_opacity (layer), ==, 0.25);
}

static void
test_map_sql (void)
{
  g_autoptr(CartoSource) source = carto_source_new ("populated_places", NULL, NULL);
  g_autoptr(CartoLayer) layer = carto_layer_new (source, NULL);
  const char *categories[] = { "PPLC", "PPLA", NULL };
  CartoColor colors[2];
  CartoColor others;
  g_autoptr(CartoStyle) by_code = NULL;
  g_autofree char *plain_sql = NULL;
  g_autofree char *styled_sql = NULL;

  plain_sql = carto_layer_dup_map_sql (layer);
  g_assert_cmpstr (plain_sql, ==,
                   "SELECT cartodb_id, the_geom_webmercator FROM (\nSELECT * FROM \"populated_places\"\n) AS \"_cdb_src\"");

  carto_color_init_rgb (&colors[0], 0xff0000);
  carto_color_init_rgb (&colors[1], 0x00ff00);
  carto_color_init_rgb (&others, 0x777777);
  by_code = carto_style_new_color_category (NULL, "feature_code", categories, colors, 2, &others);
  carto_layer_set_style (layer, by_code);

  styled_sql = carto_layer_dup_map_sql (layer);
  g_assert_cmpstr (styled_sql, ==,
                   "SELECT cartodb_id, the_geom_webmercator, \"feature_code\" "
                   "FROM (\nSELECT * FROM \"populated_places\"\n) AS \"_cdb_src\"");
}

static char *
map_sql_for (CartoLayer *layer,
             CartoStyle *style)
{
  carto_layer_set_style (layer, style);
  return carto_layer_dup_map_sql (layer);
}

/* The tiles keep the columns of earlier styles, so going back to one
 * needs no new map; another source, account or aggregation starts from
 * the style's own. */
static void
test_map_columns (void)
{
  g_autoptr(CartoCredentials) alice = carto_test_credentials ("alice", "alice-key-1");
  g_autoptr(CartoSource) source = carto_source_new ("populated_places", NULL, NULL);
  g_autoptr(CartoSource) other = carto_source_new ("SELECT * FROM populated_places", NULL, NULL);
  g_autoptr(CartoLayer) layer = carto_layer_new (source, NULL);
  g_autoptr(CartoStyle) by_population = carto_style_new_size_continuous (NULL, "population", 0, 1e6, 2, 20);
  g_autoptr(CartoStyle) by_name = carto_style_new_size_continuous (NULL, "name", 0, 1, 2, 20);
  g_autoptr(CartoStyle) plain = carto_style_new_single (NULL);
  g_autofree char *first = map_sql_for (layer, by_population);
  g_autofree char *both = map_sql_for (layer, by_name);
  g_autofree char *back = map_sql_for (layer, by_population);
  g_autofree char *plain_sql = map_sql_for (layer, plain);
  g_autofree char *new_source = NULL;
  g_autofree char *new_account = NULL;
  g_autofree char *aggregated = NULL;

  g_assert_cmpstr (first, ==,
                   "SELECT cartodb_id, the_geom_webmercator, \"population\" "
                   "FROM (\nSELECT * FROM \"populated_places\"\n) AS \"_cdb_src\"");
  g_assert_cmpstr (both, ==,
                   "SELECT cartodb_id, the_geom_webmercator, \"population\", \"name\" "
                   "FROM (\nSELECT * FROM \"populated_places\"\n) AS \"_cdb_src\"");
  g_assert_cmpstr (back, ==, both);
  g_assert_cmpstr (plain_sql, ==, both);

  carto_layer_set_style (layer, by_name);
  carto_layer_set_source (layer, other);
  new_source = carto_layer_dup_map_sql (layer);
  g_assert_cmpstr (new_source, ==,
                   "SELECT cartodb_id, the_geom_webmercator, \"name\" "
                   "FROM (\nSELECT * FROM populated_places\n) AS \"_cdb_src\"");

  carto_layer_set_style (layer, by_population);
  carto_layer_set_credentials (layer, alice);
  new_account = carto_layer_dup_map_sql (layer);
  g_assert_cmpstr (new_account, ==,
                   "SELECT cartodb_id, the_geom_webmercator, \"population\" "
                   "FROM (\nSELECT * FROM populated_places\n) AS \"_cdb_src\"");

  carto_layer_set_style (layer, by_name);
  carto_layer_set_style (layer, plain);
  carto_layer_set_aggregation (layer, TRUE);
  aggregated = carto_layer_dup_map_sql (layer);
  g_assert_cmpstr (aggregated, ==,
                   "SELECT cartodb_id, the_geom_webmercator FROM (\nSELECT * FROM populated_places\n) AS \"_cdb_src\"");
}

static void
test_credentials_precedence (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) fallback = carto_test_credentials ("fallback", "fallback-key-1");
  g_autoptr(CartoCredentials) source_own = carto_test_credentials ("sourceuser", "source-key-1");
  g_autoptr(CartoCredentials) layer_own = carto_test_credentials ("layeruser", "layer-key-1");
  g_autoptr(CartoCredentials) fallback_other = carto_test_credentials ("other", "other-key-1");
  g_autoptr(CartoAccount) fallback_account = NULL;
  g_autoptr(CartoAccount) other_account = NULL;
  g_autoptr(CartoSource) bare = NULL;
  g_autoptr(CartoSource) owned = NULL;
  g_autoptr(CartoLayer) layer = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  Notifications n = { counts };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  carto_credential_store_add_async (store, fallback, NULL, carto_test_result_cb, &result);
  fallback_account = carto_credential_store_add_finish (store, carto_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  carto_credential_store_add_async (store, fallback_other, NULL, carto_test_result_cb, &result);
  other_account = carto_credential_store_add_finish (store, carto_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (carto_credential_store_set_default (store, fallback_account, &error));

  bare = carto_source_new ("t", NULL, store);
  owned = carto_source_new ("t", source_own, store);
  layer = carto_layer_new (bare, NULL);
  g_signal_connect (layer, "notify", G_CALLBACK (on_notify_cb), &n);

  /* default */
  g_assert_true (carto_layer_get_effective_credentials (layer) == fallback);

  /* the default changes: the layer follows */
  g_assert_true (carto_credential_store_set_default (store, other_account, &error));
  g_assert_true (carto_layer_get_effective_credentials (layer) == fallback_other);
  g_assert_cmpuint (count (&n, "effective-credentials"), ==, 1);

  /* source > default */
  carto_layer_set_source (layer, owned);
  g_assert_true (carto_layer_get_effective_credentials (layer) == source_own);
  g_assert_cmpuint (count (&n, "effective-credentials"), ==, 2);

  /* layer > source */
  carto_layer_set_credentials (layer, layer_own);
  g_assert_true (carto_layer_get_credentials (layer) == layer_own);
  g_assert_true (carto_layer_get_effective_credentials (layer) == layer_own);
  g_assert_cmpuint (count (&n, "credentials"), ==, 1);
  g_assert_cmpuint (count (&n, "effective-credentials"), ==, 3);

  /* With the layer's own, the default no longer matters. */
  carto_layer_set_source (layer, bare);
  g_assert_true (carto_credential_store_set_default (store, fallback_account, &error));
  g_assert_true (carto_layer_get_effective_credentials (layer) == layer_own);
  g_assert_cmpuint (count (&n, "effective-credentials"), ==, 3);

  /* Equal credentials in another object are no change. */
  {
    g_autoptr(CartoCredentials) same = carto_test_credentials ("layeruser", "layer-key-1");

    carto_layer_set_credentials (layer, same);
    g_assert_cmpuint (count (&n, "credentials"), ==, 2);
    g_assert_cmpuint (count (&n, "effective-credentials"), ==, 3);
  }

  /* Back to the source's, which follows the default. */
  carto_layer_set_credentials (layer, NULL);
  g_assert_true (carto_layer_get_effective_credentials (layer) == fallback);
  g_assert_cmpuint (count (&n, "effective-credentials"), ==, 4);
}

/* A layer from a file naming an account this keyring lacks: it says so,
 * paints nothing without a request, and loads once the account is added. */
static void
test_account_missing (void)
{
  g_autoptr(CartoCredentialStore) store = carto_credential_store_new (NULL);
  g_autoptr(CartoCredentials) gina = carto_test_credentials ("gina", "gina-key-1");
  g_autoptr(CartoCredentials) own = carto_test_credentials ("hank", "hank-key-1");
  g_autoptr(CartoSource) source = carto_source_new_for_account ("t", "gina", "https://gina.carto.com", store);
  g_autoptr(CartoLayer) layer = carto_layer_new (source, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(CartoLayerPainter) painter = carto_layer_painter_new (layer, session);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  Notifications n = { counts };
  CartoTileRequest request = { { 2, 1, 1 }, 256, 1 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  g_signal_connect (layer, "notify", G_CALLBACK (on_notify_cb), &n);
  g_assert_true (carto_layer_get_account_missing (layer));
  g_assert_null (carto_layer_get_effective_credentials (layer));

  carto_tile_painter_paint_async (CARTO_TILE_PAINTER (painter), &request, NULL, carto_test_result_cb, &result);
  surface = carto_tile_painter_paint_finish (CARTO_TILE_PAINTER (painter), carto_test_wait_for_result (&result), &error);
  g_assert_error (error, CARTO_MAPS_ERROR, CARTO_MAPS_ERROR_NO_ACCOUNT);
  g_assert_null (surface);
  g_assert_nonnull (strstr (error->message, "“gina”"));
  g_assert_nonnull (strstr (error->message, "gina.carto.com"));
  g_assert_cmpint (carto_layer_get_state (layer), ==, CARTO_LAYER_STATE_ERROR);
  g_assert_cmpstr (carto_layer_get_error_message (layer), ==, error->message);

  /* The layer's own credentials take precedence: nothing is missing. */
  carto_layer_set_credentials (layer, own);
  g_assert_false (carto_layer_get_account_missing (layer));
  g_assert_cmpuint (count (&n, "account-missing"), ==, 1);
  carto_layer_set_credentials (layer, NULL);
  g_assert_true (carto_layer_get_account_missing (layer));
  g_assert_cmpuint (count (&n, "account-missing"), ==, 2);

  /* The account arrives: the layer resolves it and its painter starts
   * over, so the next tiles load. */
  {
    g_autoptr(CartoAccount) account = carto_test_store_add (store, gina);

    g_assert_true (carto_layer_get_effective_credentials (layer) == carto_account_get_credentials (account));
    g_assert_false (carto_layer_get_account_missing (layer));
    g_assert_cmpuint (count (&n, "account-missing"), ==, 3);
    g_assert_true (carto_credentials_equal (carto_layer_get_effective_credentials (layer), gina));
    g_assert_cmpint (carto_layer_get_state (layer), ==, CARTO_LAYER_STATE_IDLE);
    g_assert_null (carto_layer_get_error_message (layer));
  }
}

static void
test_copy (void)
{
  g_autoptr(CartoCredentials) ivan = carto_test_credentials ("ivan", "ivan-key-1");
  g_autoptr(CartoSource) source = carto_source_new_for_account ("SELECT * FROM t", "ivan", "https://ivan.carto.com", NULL);
  g_autoptr(CartoLayer) layer = carto_layer_new (source, NULL);
  g_autoptr(CartoLayer) copy = NULL;
  g_autoptr(CartoStyle) style = NULL;
  CartoSymbol symbol;

  carto_symbol_init_default (&symbol, CARTO_MVT_GEOM_POINT);
  carto_color_init_rgb (&symbol.color, 0x123456);
  style = carto_style_new_single (&symbol);
  carto_layer_set_style (layer, style);
  carto_layer_set_title (layer, "Stores");
  carto_layer_set_visible (layer, FALSE);
  carto_layer_set_opacity (layer, 0.3);
  carto_layer_set_aggregation (layer, TRUE);
  carto_layer_set_credentials (layer, ivan);
  carto_layer_set_state (layer, CARTO_LAYER_STATE_ERROR, "broken");

  copy = carto_layer_copy (layer);
  g_assert_true (copy != layer);
  g_assert_cmpstr (carto_source_get_data (carto_layer_get_source (copy)), ==, "SELECT * FROM t");
  g_assert_cmpstr (carto_source_get_account_username (carto_layer_get_source (copy)), ==, "ivan");
  g_assert_cmpstr (carto_source_get_account_base_url (carto_layer_get_source (copy)), ==, "https://ivan.carto.com");
  g_assert_true (carto_style_equal (carto_layer_get_style (copy), style));
  g_assert_cmpstr (carto_layer_get_title (copy), ==, "Stores");
  g_assert_false (carto_layer_get_visible (copy));
  g_assert_cmpfloat (carto_layer_get_opacity (copy), ==, 0.3);
  g_assert_true (carto_layer_get_aggregation (copy));
  g_assert_true (carto_layer_get_credentials (copy) == ivan);
  g_assert_cmpint (carto_layer_get_state (copy), ==, CARTO_LAYER_STATE_IDLE);
  g_assert_null (carto_layer_get_error_message (copy));

  /* Independent from then on. */
  carto_layer_set_title (copy, "Stores (copy)");
  g_assert_cmpstr (carto_layer_get_title (layer), ==, "Stores");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/layer/properties", test_properties);
  g_test_add_func ("/layer/map-sql", test_map_sql);
  g_test_add_func ("/layer/map-columns", test_map_columns);
  g_test_add_func ("/layer/credentials-precedence", test_credentials_precedence);
  g_test_add_func ("/layer/copy", test_copy);
  if (g_strcmp0 (g_getenv ("CARTO_TEST_KEYRING"), "none") != 0)
    g_test_add_func ("/layer/account-missing", test_account_missing);

  return g_test_run ();
}
