import { readFile } from "node:fs/promises";
import type pg from "pg";

export interface InlinedCaller {
  /** e.g. `ai_usage_private._ai_usage_ingest` */
  qualifiedName: string;
  /** The function as the database holds it, helper calls expanded. */
  definition: string;
}

/**
 * Expands the calls of the inlined helpers (see inline-helpers.sql) in the scratch database and
 * returns every function it rewrote, as pg_get_functiondef prints it.
 */
export async function generateInlinedCallers(
  client: pg.Client,
  expanderPath: string,
): Promise<InlinedCaller[]> {
  await client.query(await readFile(expanderPath, "utf8"));
  const { rows } = await client.query<{ qualified_name: string; definition: string }>(
    `SELECT n.nspname || '.' || p.proname AS qualified_name, pg_catalog.pg_get_functiondef(p.oid) AS definition
     FROM pg_temp._ai_usage_inline_helpers() AS f(oid)
     JOIN pg_catalog.pg_proc p ON p.oid = f.oid
     JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
     ORDER BY 1`,
  );
  return rows.map((row) => ({ qualifiedName: row.qualified_name, definition: row.definition }));
}
