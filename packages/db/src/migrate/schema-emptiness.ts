import type pg from "pg";
import { MigrationError } from "./migration-error.js";

// What a database already holds in public, ignoring what extensions own (pgcrypto and friends
// install into public on plain PostgreSQL). A few names are enough for the message.
const OBJECTS_IN_PUBLIC = /* sql */ `
SELECT kind || ' ' || quote_ident(name) AS object
FROM (
  SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence'
           WHEN 'c' THEN 'type' WHEN 'f' THEN 'foreign table' ELSE 'table' END AS kind,
         c.relname AS name, 'pg_class'::regclass AS classid, c.oid AS objid
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'c', 'f')
  UNION ALL
  SELECT 'type', t.typname, 'pg_type'::regclass, t.oid
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r')
  UNION ALL
  SELECT 'function', p.proname, 'pg_proc'::regclass, p.oid
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname = 'public'
) AS objects
WHERE NOT EXISTS (
  SELECT FROM pg_depend d WHERE d.classid = objects.classid AND d.objid = objects.objid AND d.deptype = 'e'
)
ORDER BY 1
LIMIT 6`;

/**
 * Like `prisma migrate deploy`, refuse a database whose public schema already has objects but no
 * migration history (P3005): applying the migrations over an unknown schema would clash or corrupt.
 */
export async function refuseUnmanagedSchema(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ object: string }>(OBJECTS_IN_PUBLIC);
  if (rows.length === 0) return;
  const examples = rows.slice(0, 5).map((row) => row.object);
  const more = rows.length > 5 ? ", ..." : "";
  const pushed = await migrationsPushedBySupabase(client);
  if (pushed > 0) {
    throw new MigrationError(
      "P3005",
      `This database was deployed with the Supabase CLI: supabase_migrations.schema_migrations lists ${pushed} ` +
        "AI usage migration(s), and there is no _prisma_migrations table. Keep deploying it that way " +
        "(`npx ai-usage supabase-export`, then `supabase db push`; in this repository `pnpm supabase:sync`): " +
        "each database keeps one migration history, and applying ours on top would run them twice.",
    );
  }
  throw new MigrationError(
    "P3005",
    `The database schema is not empty: public already has ${examples.join(", ")}${more}, but no ` +
      "_prisma_migrations table, so nothing says which migrations it holds. Migrate an empty database, " +
      "or baseline this one first (https://pris.ly/d/migrate-baseline).",
  );
}

// How many of our migrations `supabase db push` recorded here: its history table keeps the part of
// the file name after the timestamp in `name`. 0 where the table does not exist.
async function migrationsPushedBySupabase(client: pg.ClientBase): Promise<number> {
  const { rows: present } = await client.query<{ present: boolean }>(
    "SELECT to_regclass('supabase_migrations.schema_migrations') IS NOT NULL AS present",
  );
  if (!present[0]?.present) return 0;
  const { rows } = await client.query<{ pushed: number }>(
    "SELECT count(*)::int AS pushed FROM supabase_migrations.schema_migrations WHERE name LIKE 'ai\\_usage\\_%'",
  );
  return rows[0]?.pushed ?? 0;
}
