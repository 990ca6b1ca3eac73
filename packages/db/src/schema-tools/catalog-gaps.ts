import {
  OUR_COMMENTS_SQL,
  OUR_FUNCTION_DEFINITIONS_SQL,
  OUR_GRANTABLE_OBJECTS_SQL,
} from "./catalog-objects.js";
import { COMPARED_SCHEMAS_SQL } from "./compared-schemas.js";
import { withClient } from "./scratch-server.js";

// What migra does not compare, but the drift check must: it diffs no comments, and its privilege
// diff (information_schema.role_table_grants joined to pg_tables) sees tables only: not functions,
// schemas, sequences, views, columns, nor default privileges. A new function, for one, gets EXECUTE
// for PUBLIC and Supabase's API roles by default, so a source that revokes them must be seen to
// differ. This comparison only reports (db:diff writes statements for these gaps in
// gap-statements.ts, and this comparison is what proves them). Each row is one fact, written the same way on both sides (names, never oids), so
// the two databases are compared as sets of lines. Function definitions are compared too (by hash):
// migra compares a function by prosrc and a few attributes only (see `definitions` below).
const CATALOG_FACTS = `
WITH comments AS (
  SELECT format('comment on %s %s: %s', c.type, c.identity, c.description) AS fact
  FROM (${OUR_COMMENTS_SQL}) c
),
acl_owners(kind, identity, acl) AS (
  SELECT g.type, g.identity, g.acl FROM (${OUR_GRANTABLE_OBJECTS_SQL}) g
  UNION ALL
  SELECT 'column', (pg_identify_object('pg_class'::regclass, a.attrelid, a.attnum)).identity, a.attacl
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE a.attacl IS NOT NULL AND NOT a.attisdropped AND n.nspname IN ${COMPARED_SCHEMAS_SQL}
  UNION ALL
  SELECT 'default privileges for ' || pg_get_userbyid(d.defaclrole) || ' on ' ||
         CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions'
           WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas' END || ' in schema',
         coalesce(n.nspname::text, '(all)'), d.defaclacl
  FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
  WHERE d.defaclnamespace = 0 OR n.nspname IN ${COMPARED_SCHEMAS_SQL}
),
acls AS (
  SELECT format('%s %s: %s to %s%s', o.kind, o.identity, x.privilege_type,
           CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END,
           CASE WHEN x.is_grantable THEN ' with grant option' ELSE '' END) AS fact
  FROM acl_owners o CROSS JOIN LATERAL aclexplode(o.acl) x
),
-- Every function's whole definition (as an md5): migra misses a changed body written in SQL-standard
-- form (RETURN ... / BEGIN ATOMIC), whose text is not in prosrc, and a changed SET clause
-- (search_path), COST, ROWS, PARALLEL or LEAKPROOF, none of which its function comparison looks at.
definitions AS (
  SELECT format('definition of function %s: md5 %s', f.identity, md5(f.definition)) AS fact
  FROM (${OUR_FUNCTION_DEFINITIONS_SQL}) f
)
SELECT fact FROM comments UNION SELECT fact FROM acls UNION SELECT fact FROM definitions ORDER BY 1`;

async function catalogFacts(databaseUrl: string): Promise<Set<string>> {
  const { rows } = await withClient(databaseUrl, (client) => client.query<{ fact: string }>(CATALOG_FACTS));
  return new Set(rows.map((row) => row.fact));
}

export interface CatalogGaps {
  /** Facts of the "from" database (the migrations) that the "to" database (the source) lacks. */
  onlyInFrom: string[];
  /** Facts of the "to" database that the "from" database lacks. */
  onlyInTo: string[];
}

/** Comments, privileges and function definitions (where migra does not look) that differ. */
export async function compareCatalogGaps(fromUrl: string, toUrl: string): Promise<CatalogGaps> {
  const [from, to] = await Promise.all([catalogFacts(fromUrl), catalogFacts(toUrl)]);
  return {
    onlyInFrom: [...from].filter((fact) => !to.has(fact)),
    onlyInTo: [...to].filter((fact) => !from.has(fact)),
  };
}

export function hasGaps(gaps: CatalogGaps): boolean {
  return gaps.onlyInFrom.length > 0 || gaps.onlyInTo.length > 0;
}
