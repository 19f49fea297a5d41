/* carto-palettes.c
 *
 * SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "carto-palettes.h"

/* Sequential and diverging schemes come in 2 to 7 classes, each designed
 * on its own (the 5-class ramp is not a subset of the 7-class one), so all
 * six variants are kept, concatenated: 2 + 3 + … + 7 = 27 colours.
 * Qualitative schemes grow by appending, so their 11 colours suffice. */
#define MIN_CLASSES 2
#define MAX_SEQUENTIAL 7
#define MAX_QUALITATIVE 11
#define N_STORED 27

struct _CartoPalette
{
  const char *name;
  CartoPaletteKind kind;
  guint max_colors;
  guint32 other; /* the scheme's own "others" grey, else CARTO's #a5aa99 */
  guint32 colors[N_STORED];
};

/* CARTOColors by CARTO, https://github.com/CartoDB/CartoColor (version
 * 5.0.2, src/carto.ts), licensed under Creative Commons Attribution 4.0
 * International (releases before 5.0 were CC BY 3.0). Converted to packed
 * RGB; sequential ramps run light to dark as in CARTOColors since 3.0.
 * The two `ag_` aggregation schemes are left out. Upstream lists five
 * colours for TealRose's 4-class variant (a copy of the 5-class one); we
 * drop its neutral middle, as the other even-class diverging variants have
 * none. */
static const CartoPalette palettes[] = {
  { "Antique", CARTO_PALETTE_KIND_QUALITATIVE, 11, 0x7c7c7c,
      {
        0x855c75, 0xd9af6b, 0xaf6458, 0x736f4c, 0x526a83, 0x625377,
        0x68855c, 0x9c9c5e, 0xa06177, 0x8c785d, 0x467378,
      } },
  { "Bold", CARTO_PALETTE_KIND_QUALITATIVE, 11, 0xa5aa99,
      {
        0x7f3c8d, 0x11a579, 0x3969ac, 0xf2b701, 0xe73f74, 0x80ba5a,
        0xe68310, 0x008695, 0xcf1c90, 0xf97b72, 0x4b4b8f,
      } },
  { "Pastel", CARTO_PALETTE_KIND_QUALITATIVE, 11, 0xb3b3b3,
      {
        0x66c5cc, 0xf6cf71, 0xf89c74, 0xdcb0f2, 0x87c55f, 0x9eb9f3,
        0xfe88b1, 0xc9db74, 0x8be0a4, 0xb497e7, 0xd3b484,
      } },
  { "Prism", CARTO_PALETTE_KIND_QUALITATIVE, 11, 0x666666,
      {
        0x5f4690, 0x1d6996, 0x38a6a5, 0x0f8554, 0x73af48, 0xedad08,
        0xe17c05, 0xcc503e, 0x94346e, 0x6f4070, 0x994e95,
      } },
  { "Safe", CARTO_PALETTE_KIND_QUALITATIVE, 11, 0x888888,
      {
        0x88ccee, 0xcc6677, 0xddcc77, 0x117733, 0x332288, 0xaa4499,
        0x44aa99, 0x999933, 0x882255, 0x661100, 0x6699cc,
      } },
  { "Vivid", CARTO_PALETTE_KIND_QUALITATIVE, 11, 0xa5aa99,
      {
        0xe58606, 0x5d69b1, 0x52bca3, 0x99c945, 0xcc61b0, 0x24796c,
        0xdaa51b, 0x2f8ac4, 0x764e9f, 0xed645a, 0xcc3a8e,
      } },
  { "BluGrn", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xc4e6c3, 0x1d4f60, 0xc4e6c3, 0x4da284, 0x1d4f60, 0xc4e6c3,
        0x6dbc90, 0x36877a, 0x1d4f60, 0xc4e6c3, 0x80c799, 0x4da284,
        0x2d7974, 0x1d4f60, 0xc4e6c3, 0x8dce9f, 0x5fb28b, 0x3e927e,
        0x297071, 0x1d4f60, 0xc4e6c3, 0x96d2a4, 0x6dbc90, 0x4da284,
        0x36877a, 0x266b6e, 0x1d4f60,
      } },
  { "BluYl", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xf7feae, 0x045275, 0xf7feae, 0x46aea0, 0x045275, 0xf7feae,
        0x7ccba2, 0x089099, 0x045275, 0xf7feae, 0x9bd8a4, 0x46aea0,
        0x058092, 0x045275, 0xf7feae, 0xace1a4, 0x68bfa1, 0x2a9c9c,
        0x02778e, 0x045275, 0xf7feae, 0xb7e6a5, 0x7ccba2, 0x46aea0,
        0x089099, 0x00718b, 0x045275,
      } },
  { "BrwnYl", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xede5cf, 0x541f3f, 0xede5cf, 0xc1766f, 0x541f3f, 0xede5cf,
        0xd39c83, 0xa65461, 0x541f3f, 0xede5cf, 0xdaaf91, 0xc1766f,
        0x95455a, 0x541f3f, 0xede5cf, 0xddba9b, 0xcd8c7a, 0xb26166,
        0x8a3c56, 0x541f3f, 0xede5cf, 0xe0c2a2, 0xd39c83, 0xc1766f,
        0xa65461, 0x813753, 0x541f3f,
      } },
  { "Burg", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xffc6c4, 0x672044, 0xffc6c4, 0xcc607d, 0x672044, 0xffc6c4,
        0xe38191, 0xad466c, 0x672044, 0xffc6c4, 0xee919b, 0xcc607d,
        0x9e3963, 0x672044, 0xffc6c4, 0xf29ca3, 0xda7489, 0xb95073,
        0x93345d, 0x672044, 0xffc6c4, 0xf4a3a8, 0xe38191, 0xcc607d,
        0xad466c, 0x8b3058, 0x672044,
      } },
  { "BurgYl", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xfbe6c5, 0x70284a, 0xfbe6c5, 0xdc7176, 0x70284a, 0xfbe6c5,
        0xee8a82, 0xc8586c, 0x70284a, 0xfbe6c5, 0xf2a28a, 0xdc7176,
        0xb24b65, 0x70284a, 0xfbe6c5, 0xf4b191, 0xe7807d, 0xd06270,
        0xa44360, 0x70284a, 0xfbe6c5, 0xf5ba98, 0xee8a82, 0xdc7176,
        0xc8586c, 0x9c3f5d, 0x70284a,
      } },
  { "DarkMint", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xd2fbd4, 0x123f5a, 0xd2fbd4, 0x559c9e, 0x123f5a, 0xd2fbd4,
        0x7bbcb0, 0x3a7c89, 0x123f5a, 0xd2fbd4, 0x8eccb9, 0x559c9e,
        0x2b6c7f, 0x123f5a, 0xd2fbd4, 0x9cd5be, 0x6cafa9, 0x458892,
        0x266377, 0x123f5a, 0xd2fbd4, 0xa5dbc2, 0x7bbcb0, 0x559c9e,
        0x3a7c89, 0x235d72, 0x123f5a,
      } },
  { "Emrld", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xd3f2a3, 0x074050, 0xd3f2a3, 0x4c9b82, 0x074050, 0xd3f2a3,
        0x6cc08b, 0x217a79, 0x074050, 0xd3f2a3, 0x82d091, 0x4c9b82,
        0x19696f, 0x074050, 0xd3f2a3, 0x8fda94, 0x60b187, 0x35877d,
        0x145f69, 0x074050, 0xd3f2a3, 0x97e196, 0x6cc08b, 0x4c9b82,
        0x217a79, 0x105965, 0x074050,
      } },
  { "Magenta", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xf3cbd3, 0x6c2167, 0xf3cbd3, 0xca699d, 0x6c2167, 0xf3cbd3,
        0xdd88ac, 0xb14d8e, 0x6c2167, 0xf3cbd3, 0xe498b4, 0xca699d,
        0xa24186, 0x6c2167, 0xf3cbd3, 0xe7a2b9, 0xd67ba5, 0xbc5894,
        0x983a81, 0x6c2167, 0xf3cbd3, 0xeaa9bd, 0xdd88ac, 0xca699d,
        0xb14d8e, 0x91357d, 0x6c2167,
      } },
  { "Mint", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xe4f1e1, 0x0d585f, 0xe4f1e1, 0x63a6a0, 0x0d585f, 0xe4f1e1,
        0x89c0b6, 0x448c8a, 0x0d585f, 0xe4f1e1, 0x9ccdc1, 0x63a6a0,
        0x337f7f, 0x0d585f, 0xe4f1e1, 0xabd4c7, 0x7ab5ad, 0x509693,
        0x2c7778, 0x0d585f, 0xe4f1e1, 0xb4d9cc, 0x89c0b6, 0x63a6a0,
        0x448c8a, 0x287274, 0x0d585f,
      } },
  { "OrYel", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xecda9a, 0xee4d5a, 0xecda9a, 0xf7945d, 0xee4d5a, 0xecda9a,
        0xf3ad6a, 0xf97b57, 0xee4d5a, 0xecda9a, 0xf1b973, 0xf7945d,
        0xf86f56, 0xee4d5a, 0xecda9a, 0xf0c079, 0xf5a363, 0xf98558,
        0xf76856, 0xee4d5a, 0xecda9a, 0xefc47e, 0xf3ad6a, 0xf7945d,
        0xf97b57, 0xf66356, 0xee4d5a,
      } },
  { "Peach", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xfde0c5, 0xeb4a40, 0xfde0c5, 0xf59e72, 0xeb4a40, 0xfde0c5,
        0xf8b58b, 0xf2855d, 0xeb4a40, 0xfde0c5, 0xf9c098, 0xf59e72,
        0xf17854, 0xeb4a40, 0xfde0c5, 0xfac7a1, 0xf7ac80, 0xf38f65,
        0xf0704f, 0xeb4a40, 0xfde0c5, 0xfacba6, 0xf8b58b, 0xf59e72,
        0xf2855d, 0xef6a4c, 0xeb4a40,
      } },
  { "PinkYl", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xfef6b5, 0xe15383, 0xfef6b5, 0xffa679, 0xe15383, 0xfef6b5,
        0xffc285, 0xfa8a76, 0xe15383, 0xfef6b5, 0xffd08e, 0xffa679,
        0xf67b77, 0xe15383, 0xfef6b5, 0xffd795, 0xffb77f, 0xfd9576,
        0xf37378, 0xe15383, 0xfef6b5, 0xffdd9a, 0xffc285, 0xffa679,
        0xfa8a76, 0xf16d7a, 0xe15383,
      } },
  { "Purp", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xf3e0f7, 0x63589f, 0xf3e0f7, 0xb998dd, 0x63589f, 0xf3e0f7,
        0xd1afe8, 0x9f82ce, 0x63589f, 0xf3e0f7, 0xdbbaed, 0xb998dd,
        0x9178c4, 0x63589f, 0xf3e0f7, 0xe0c2ef, 0xc8a5e4, 0xaa8bd4,
        0x8871be, 0x63589f, 0xf3e0f7, 0xe4c7f1, 0xd1afe8, 0xb998dd,
        0x9f82ce, 0x826dba, 0x63589f,
      } },
  { "PurpOr", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xf9ddda, 0x573b88, 0xf9ddda, 0xce78b3, 0x573b88, 0xf9ddda,
        0xe597b9, 0xad5fad, 0x573b88, 0xf9ddda, 0xeda8bd, 0xce78b3,
        0x9955a8, 0x573b88, 0xf9ddda, 0xf0b2c1, 0xdd8ab6, 0xbb69b0,
        0x8c4fa4, 0x573b88, 0xf9ddda, 0xf2b9c4, 0xe597b9, 0xce78b3,
        0xad5fad, 0x834ba0, 0x573b88,
      } },
  { "RedOr", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xf6d2a9, 0xb13f64, 0xf6d2a9, 0xea8171, 0xb13f64, 0xf6d2a9,
        0xf19c7c, 0xdd686c, 0xb13f64, 0xf6d2a9, 0xf3aa84, 0xea8171,
        0xd55d6a, 0xb13f64, 0xf6d2a9, 0xf4b28a, 0xef9177, 0xe3726d,
        0xcf5669, 0xb13f64, 0xf6d2a9, 0xf5b78e, 0xf19c7c, 0xea8171,
        0xdd686c, 0xca5268, 0xb13f64,
      } },
  { "Sunset", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xf3e79b, 0x5c53a5, 0xf3e79b, 0xeb7f86, 0x5c53a5, 0xf3e79b,
        0xf8a07e, 0xce6693, 0x5c53a5, 0xf3e79b, 0xfab27f, 0xeb7f86,
        0xb95e9a, 0x5c53a5, 0xf3e79b, 0xfabc82, 0xf59280, 0xdc6f8e,
        0xab5b9e, 0x5c53a5, 0xf3e79b, 0xfac484, 0xf8a07e, 0xeb7f86,
        0xce6693, 0xa059a0, 0x5c53a5,
      } },
  { "SunsetDark", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xfcde9c, 0x7c1d6f, 0xfcde9c, 0xe34f6f, 0x7c1d6f, 0xfcde9c,
        0xf0746e, 0xdc3977, 0x7c1d6f, 0xfcde9c, 0xf58670, 0xe34f6f,
        0xd72d7c, 0x7c1d6f, 0xfcde9c, 0xf89872, 0xec666d, 0xdf4273,
        0xc5287b, 0x7c1d6f, 0xfcde9c, 0xfaa476, 0xf0746e, 0xe34f6f,
        0xdc3977, 0xb9257a, 0x7c1d6f,
      } },
  { "Teal", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xd1eeea, 0x2a5674, 0xd1eeea, 0x68abb8, 0x2a5674, 0xd1eeea,
        0x85c4c9, 0x4f90a6, 0x2a5674, 0xd1eeea, 0x96d0d1, 0x68abb8,
        0x45829b, 0x2a5674, 0xd1eeea, 0xa1d7d6, 0x79bbc3, 0x599bae,
        0x3f7994, 0x2a5674, 0xd1eeea, 0xa8dbd9, 0x85c4c9, 0x68abb8,
        0x4f90a6, 0x3b738f, 0x2a5674,
      } },
  { "TealGrn", CARTO_PALETTE_KIND_SEQUENTIAL, 7, 0xa5aa99,
      {
        0xb0f2bc, 0x257d98, 0xb0f2bc, 0x4cc8a3, 0x257d98, 0xb0f2bc,
        0x67dba5, 0x38b2a3, 0x257d98, 0xb0f2bc, 0x77e2a8, 0x4cc8a3,
        0x31a6a2, 0x257d98, 0xb0f2bc, 0x82e6aa, 0x5bd4a4, 0x3fbba3,
        0x2e9ea1, 0x257d98, 0xb0f2bc, 0x89e8ac, 0x67dba5, 0x4cc8a3,
        0x38b2a3, 0x2c98a0, 0x257d98,
      } },
  { "ArmyRose", CARTO_PALETTE_KIND_DIVERGING, 7, 0xa5aa99,
      {
        0x929b4f, 0xdb8195, 0xa3ad62, 0xfdfbe4, 0xdf91a3, 0x929b4f,
        0xd9dbaf, 0xf3d1ca, 0xdb8195, 0x879043, 0xc1c68c, 0xfdfbe4,
        0xebb4b8, 0xd8758b, 0x7f883b, 0xb0b874, 0xe3e4be, 0xf6ddd1,
        0xe4a0ac, 0xd66d85, 0x798234, 0xa3ad62, 0xd0d3a2, 0xfdfbe4,
        0xf0c6c3, 0xdf91a3, 0xd46780,
      } },
  { "Earth", CARTO_PALETTE_KIND_DIVERGING, 7, 0xa5aa99,
      {
        0xa16928, 0x2887a1, 0xa16928, 0xedeac2, 0x2887a1, 0xa16928,
        0xd6bd8d, 0xb5c8b8, 0x2887a1, 0xa16928, 0xcaa873, 0xedeac2,
        0x98b7b2, 0x2887a1, 0xa16928, 0xc29b64, 0xe0cfa2, 0xcbd5bc,
        0x85adaf, 0x2887a1, 0xa16928, 0xbd925a, 0xd6bd8d, 0xedeac2,
        0xb5c8b8, 0x79a7ac, 0x2887a1,
      } },
  { "Fall", CARTO_PALETTE_KIND_DIVERGING, 7, 0xa5aa99,
      {
        0x3d5941, 0xca562c, 0x3d5941, 0xf6edbd, 0xca562c, 0x3d5941,
        0xb5b991, 0xedbb8a, 0xca562c, 0x3d5941, 0x96a07c, 0xf6edbd,
        0xe6a272, 0xca562c, 0x3d5941, 0x839170, 0xcecea2, 0xf1cf9e,
        0xe19464, 0xca562c, 0x3d5941, 0x778868, 0xb5b991, 0xf6edbd,
        0xedbb8a, 0xde8a5a, 0xca562c,
      } },
  { "Geyser", CARTO_PALETTE_KIND_DIVERGING, 7, 0xa5aa99,
      {
        0x008080, 0xca562c, 0x008080, 0xf6edbd, 0xca562c, 0x008080,
        0xb4c8a8, 0xedbb8a, 0xca562c, 0x008080, 0x92b69e, 0xf6edbd,
        0xe6a272, 0xca562c, 0x008080, 0x7eab98, 0xced7b1, 0xf1cf9e,
        0xe19464, 0xca562c, 0x008080, 0x70a494, 0xb4c8a8, 0xf6edbd,
        0xedbb8a, 0xde8a5a, 0xca562c,
      } },
  { "TealRose", CARTO_PALETTE_KIND_DIVERGING, 7, 0xa5aa99,
      {
        0x009392, 0xd0587e, 0x009392, 0xf1eac8, 0xd0587e, 0x009392,
        0x91b8aa, 0xdfa0a0, 0xd0587e, 0x009392, 0x91b8aa, 0xf1eac8,
        0xdfa0a0, 0xd0587e, 0x009392, 0x72aaa1, 0xb1c7b3, 0xe5b9ad,
        0xd98994, 0xd0587e, 0x009392, 0x72aaa1, 0xb1c7b3, 0xf1eac8,
        0xe5b9ad, 0xd98994, 0xd0587e,
      } },
  { "Temps", CARTO_PALETTE_KIND_DIVERGING, 7, 0xa5aa99,
      {
        0x009392, 0xcf597e, 0x009392, 0xe9e29c, 0xcf597e, 0x009392,
        0x9ccb86, 0xeeb479, 0xcf597e, 0x009392, 0x71be83, 0xe9e29c,
        0xed9c72, 0xcf597e, 0x009392, 0x52b684, 0xbcd48c, 0xedc783,
        0xeb8d71, 0xcf597e, 0x009392, 0x39b185, 0x9ccb86, 0xe9e29c,
        0xeeb479, 0xe88471, 0xcf597e,
      } },
  { "Tropic", CARTO_PALETTE_KIND_DIVERGING, 7, 0xa5aa99,
      {
        0x009b9e, 0xc75dab, 0x009b9e, 0xf1f1f1, 0xc75dab, 0x009b9e,
        0xa7d3d4, 0xe4c1d9, 0xc75dab, 0x009b9e, 0x7cc5c6, 0xf1f1f1,
        0xdda9cd, 0xc75dab, 0x009b9e, 0x5dbcbe, 0xc6dfdf, 0xe9d4e2,
        0xd99bc6, 0xc75dab, 0x009b9e, 0x42b7b9, 0xa7d3d4, 0xf1f1f1,
        0xe4c1d9, 0xd691c1, 0xc75dab,
      } },
};

/**
 * carto_palette_get_n_palettes:
 *
 * Returns: how many CARTOColors schemes are built in
 */
guint
carto_palette_get_n_palettes (void)
{
  return G_N_ELEMENTS (palettes);
}

/**
 * carto_palette_get_nth:
 * @index: a palette index: qualitative schemes first, then sequential, then
 *   diverging, each group sorted by name
 *
 * Returns: (transfer none): the palette, a static constant
 */
const CartoPalette *
carto_palette_get_nth (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (palettes), NULL);

  return &palettes[index];
}

/**
 * carto_palette_lookup:
 * @name: a CARTOColors scheme name such as `Bold` or `Sunset`,
 *   case-insensitive as in CARTOframes
 *
 * Returns: (transfer none) (nullable): the palette, or %NULL if unknown
 */
const CartoPalette *
carto_palette_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (palettes); i++)
    if (g_ascii_strcasecmp (palettes[i].name, name) == 0)
      return &palettes[i];

  return NULL;
}

/**
 * carto_palette_get_name:
 * @palette: a palette
 *
 * Returns: the scheme's name as CARTOColors spells it
 */
const char *
carto_palette_get_name (const CartoPalette *palette)
{
  g_return_val_if_fail (palette != NULL, NULL);

  return palette->name;
}

/**
 * carto_palette_get_kind:
 * @palette: a palette
 *
 * Returns: what the palette is for
 */
CartoPaletteKind
carto_palette_get_kind (const CartoPalette *palette)
{
  g_return_val_if_fail (palette != NULL, CARTO_PALETTE_KIND_QUALITATIVE);

  return palette->kind;
}

/**
 * carto_palette_get_max_colors:
 * @palette: a palette
 *
 * Returns: the most classes the scheme defines: 11 for qualitative schemes,
 *   7 for the others; carto_palette_get_colors() interpolates beyond
 */
guint
carto_palette_get_max_colors (const CartoPalette *palette)
{
  g_return_val_if_fail (palette != NULL, 0);

  return palette->max_colors;
}

/* The designed n-class variant of a sequential or diverging scheme. */
static const guint32 *
variant (const CartoPalette *palette,
         guint               n)
{
  g_assert (n >= MIN_CLASSES && n <= MAX_SEQUENTIAL);

  return palette->colors + (n * (n - 1)) / 2 - 1;
}

/**
 * carto_palette_get_colors:
 * @palette: a palette
 * @n_colors: how many colours to produce, at least 1
 * @colors: (out caller-allocates) (array length=n_colors): the colours
 *
 * Fills @colors with the scheme's @n_colors-class variant. Qualitative
 * schemes repeat after 11 colours. Sequential and diverging schemes use the
 * designed variant for 2 to 7 classes; for more they are interpolated along
 * the 7-class ramp, and a single class gets its middle colour.
 */
void
carto_palette_get_colors (const CartoPalette *palette,
                          guint               n_colors,
                          CartoColor         *colors)
{
  const guint32 *ramp;

  g_return_if_fail (palette != NULL);
  g_return_if_fail (n_colors > 0);
  g_return_if_fail (colors != NULL);

  if (palette->kind == CARTO_PALETTE_KIND_QUALITATIVE)
    {
      for (guint i = 0; i < n_colors; i++)
        carto_color_init_rgb (&colors[i], palette->colors[i % MAX_QUALITATIVE]);
      return;
    }

  if (n_colors == 1)
    {
      carto_color_init_rgb (&colors[0], variant (palette, 3)[1]);
      return;
    }

  if (n_colors <= MAX_SEQUENTIAL)
    {
      ramp = variant (palette, n_colors);
      for (guint i = 0; i < n_colors; i++)
        carto_color_init_rgb (&colors[i], ramp[i]);
      return;
    }

  ramp = variant (palette, MAX_SEQUENTIAL);
  for (guint i = 0; i < n_colors; i++)
    {
      double pos = (double) i * (MAX_SEQUENTIAL - 1) / (n_colors - 1);
      guint lo = MIN ((guint) pos, MAX_SEQUENTIAL - 2);
      CartoColor a, b;

      carto_color_init_rgb (&a, ramp[lo]);
      carto_color_init_rgb (&b, ramp[lo + 1]);
      carto_color_interpolate (&a, &b, pos - lo, &colors[i]);
    }
}

/**
 * carto_palette_get_other_color:
 * @palette: a palette
 * @color: (out caller-allocates): the colour
 *
 * The colour for values outside the listed categories: each qualitative
 * scheme defines its own grey; other schemes get CARTO's `#a5aa99`.
 */
void
carto_palette_get_other_color (const CartoPalette *palette,
                               CartoColor         *color)
{
  g_return_if_fail (palette != NULL);
  g_return_if_fail (color != NULL);

  carto_color_init_rgb (color, palette->other);
}
