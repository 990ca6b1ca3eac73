import type pg from "pg";

/**
 * The project's functions in schema public, named as in the security migration's REVOKE loop. A later
 * migration that adds a function outside this pattern still shows up in the access matrix's coverage
 * check, which lists every function of schema public and of the private schema.
 */
export const PROJECT_FUNCTION_PATTERN = "ai_(usage|cost|reporting|model_price|model_alias)";

/** The project's tables and sequences: the loop's pattern, user_roles and Prisma's bookkeeping. */
export const PROJECT_RELATION_FILTER = String.raw`(c.relname LIKE 'ai\_usage\_%' OR c.relname LIKE 'ai\_model\_prices%'
  OR c.relname IN ('user_roles', '_prisma_migrations'))`;

export interface CatalogFunction {
  /** `oid::regprocedure`, e.g. get_user_ai_usage(uuid,integer). */
  signature: string;
  /** 'i' immutable, 's' stable, 'v' volatile: PostgREST runs non-volatile calls READ ONLY. */
  volatility: "i" | "s" | "v";
}

/** Where the internal helpers live (migration 20261202000900): no API role may use this schema. */
export const PRIVATE_SCHEMA = "ai_usage_private";

/**
 * Every function in schema public and in the private schema that no extension owns (aggregates and
 * procedures included). Private ones print schema-qualified (the schema is not on the search path).
 */
export async function catalogFunctions(client: pg.ClientBase): Promise<CatalogFunction[]> {
  const { rows } = await client.query<CatalogFunction>(
    `SELECT p.oid::regprocedure::text AS signature, p.provolatile AS volatility
     FROM pg_catalog.pg_proc p
     WHERE p.pronamespace IN ('public'::regnamespace, to_regnamespace($1))
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                       WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
     ORDER BY 1`,
    [PRIVATE_SCHEMA],
  );
  return rows;
}

/** Every table-like relation in schema public (tables, partitioned tables, views, foreign tables). */
export async function publicTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_catalog.pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                       WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
     ORDER BY 1`,
  );
  return rows.map((row) => row.name);
}
