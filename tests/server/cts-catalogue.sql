-- cts-catalogue.sql — what a CARTO user database offers besides the tables
--
-- SPDX-FileCopyrightText: 2026 CARTO Viewer contributors
-- SPDX-License-Identifier: GPL-3.0-or-later
--
-- Run once, as superuser, in the template every user database is copied
-- from. Our own versions, written for this server, of the functions the
-- contract (docs/carto-api.md §4) says a real CARTO database has, under
-- the same names and with the same behaviour.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE SCHEMA cartodb;
GRANT USAGE ON SCHEMA cartodb TO PUBLIC;

-- When each table last changed. Only a user's own (master) role may read
-- it; the server grants that per user.
CREATE TABLE cartodb.cdb_tablemetadata (
  tabname regclass NOT NULL PRIMARY KEY,
  updated_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON cartodb.cdb_tablemetadata FROM PUBLIC;

-- The statement-level `track_updates` trigger of every user table. It runs
-- as its owner: a regular key allowed to insert must still stamp the table.
CREATE FUNCTION cartodb.cdb_tablemetadata_trigger ()
RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, cartodb
AS $$
BEGIN
  INSERT INTO cartodb.cdb_tablemetadata (tabname, updated_at)
  VALUES (TG_RELID, now())
  ON CONFLICT (tabname) DO UPDATE SET updated_at = EXCLUDED.updated_at;
  RETURN NULL;
END
$$;

-- Web Mercator is undefined at the poles: clip to its square first.
CREATE FUNCTION cartodb.CDB_TransformToWebmercator (geom geometry)
RETURNS geometry
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
  lim CONSTANT float8 := 85.0511287798066;
  clipped geometry;
BEGIN
  IF ST_SRID (geom) <> 4326 AND ST_SRID (geom) <> 0 THEN
    geom := ST_Transform (geom, 4326);
  END IF;
  geom := ST_SetSRID (geom, 4326);
  IF ST_IsEmpty (geom) OR (ST_YMin (geom) >= -lim AND ST_YMax (geom) <= lim) THEN
    RETURN ST_Transform (geom, 3857);
  END IF;
  -- Natural Earth's Antarctica is not valid (it self-intersects at the
  -- antimeridian), and GEOS refuses to clip invalid input.
  clipped := ST_Intersection (ST_MakeValid (geom), ST_MakeEnvelope (-180, -lim, 180, lim, 4326));
  IF ST_Dimension (geom) = 2 THEN
    clipped := ST_CollectionExtract (clipped, 3);
  ELSIF ST_Dimension (geom) = 1 THEN
    clipped := ST_CollectionExtract (clipped, 2);
  END IF;
  IF ST_IsEmpty (clipped) THEN
    RETURN NULL;
  END IF;
  RETURN ST_Transform (clipped, 3857);
END
$$;

CREATE FUNCTION cartodb._cdb_update_the_geom_webmercator ()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.the_geom_webmercator := cartodb.CDB_TransformToWebmercator (NEW.the_geom);
  RETURN NEW;
END
$$;

-- The tables a role may use: 'public' (readable by publicuser, so PUBLIC
-- and LINK alike), 'private' (readable by the caller but not publicuser),
-- 'all' (either); anything else returns nothing. A set-returning SQL
-- function: call it in the select list, where it is not inlined (so the
-- SQL API's pg_ check never sees pg_class in the plan).
CREATE FUNCTION cartodb.CDB_UserTables (perm text DEFAULT 'all')
RETURNS SETOF name
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
  SELECT c.relname
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind = 'r'
    AND c.relname NOT IN ('cdb_tablemetadata', 'spatial_ref_sys')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'topology', 'cartodb')
    AND n.nspname NOT LIKE 'pg\_%'
    AND CASE
      WHEN perm = 'public' THEN has_table_privilege ('publicuser', c.oid, 'SELECT')
      WHEN perm = 'private' THEN has_table_privilege (current_user, c.oid, 'SELECT')
                             AND NOT has_table_privilege ('publicuser', c.oid, 'SELECT')
      WHEN perm = 'all' THEN has_table_privilege (current_user, c.oid, 'SELECT')
                          OR has_table_privilege ('publicuser', c.oid, 'SELECT')
      ELSE false
    END
$$;

-- The tables a query reads, as quoted "schema"."table" names, sorted and
-- without duplicates, from its plan (so views are seen through).
CREATE FUNCTION cartodb.CDB_QueryTablesText (query text)
RETURNS text[]
LANGUAGE plpgsql VOLATILE STRICT
AS $$
DECLARE
  plan jsonb;
  tables text[];
BEGIN
  EXECUTE 'EXPLAIN (FORMAT JSON, VERBOSE) ' || query INTO STRICT plan;
  SELECT coalesce (array_agg (DISTINCT t ORDER BY t), '{}')
  INTO tables
  FROM (
    SELECT format ('%s.%s', quote_ident (node ->> 'Schema'), quote_ident (node ->> 'Relation Name')) AS t
    FROM jsonb_path_query (plan, 'strict $.** ? (exists (@."Relation Name"))') AS node
  ) s;
  RETURN tables;
END
$$;

CREATE FUNCTION cartodb.CDB_QueryTables (query text)
RETURNS name[]
LANGUAGE sql VOLATILE STRICT
AS $$
  SELECT cartodb.CDB_QueryTablesText (query)::name[]
$$;
