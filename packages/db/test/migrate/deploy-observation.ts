import type pg from "pg";
import { readMigrationFiles } from "../../src/migrate/migration-files.js";
import { defaultMigrationsDir } from "../../src/package-paths.js";

/** This package's migrations, name to SQL, to copy into a test's own migrations folder. */
export async function shippedMigrations(): Promise<Record<string, string>> {
  const files = await readMigrationFiles(defaultMigrationsDir());
  return Object.fromEntries(files.map((file) => [file.name, file.sql]));
}

// Schemas that exist before any migration: PostgreSQL's own and the Supabase stand-in's auth.
const PREEXISTING_SCHEMAS = "('pg_catalog', 'information_schema', 'pg_toast', 'auth')";

/**
 * Every object a session can see in the user schemas (public and any schema a migration made):
 * schemas, relations, functions and standalone types, as "kind schema.name", sorted. Extensions' own
 * objects and Prisma's bookkeeping table are left out.
 */
export async function visibleObjects(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ object: string }>(
    `WITH user_schemas AS (
       SELECT oid, nspname FROM pg_catalog.pg_namespace
       WHERE nspname NOT IN ${PREEXISTING_SCHEMAS} AND nspname !~ '^pg_(temp|toast_temp)_'
     )
     SELECT 'schema ' || nspname AS object FROM user_schemas WHERE nspname <> 'public'
     UNION ALL
     SELECT 'relation ' || s.nspname || '.' || c.relname
     FROM pg_catalog.pg_class c JOIN user_schemas s ON s.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND c.relname <> '_prisma_migrations'
       AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
                       WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
     UNION ALL
     SELECT 'function ' || s.nspname || '.' || p.proname
     FROM pg_catalog.pg_proc p JOIN user_schemas s ON s.oid = p.pronamespace
     WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
                       WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
     UNION ALL
     SELECT 'type ' || s.nspname || '.' || t.typname
     FROM pg_catalog.pg_type t JOIN user_schemas s ON s.oid = t.typnamespace
     WHERE t.typtype IN ('e', 'd', 'r', 'm')
       AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d
                       WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
     ORDER BY 1`,
  );
  return rows.map((row) => row.object);
}

/**
 * What anon may use, or signed-in users may write, among the visible objects of the user schemas:
 * "<role> <privilege> <object>". Empty when nothing is open.
 */
export async function openToApiRoles(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ grant: string }>(
    `WITH user_schemas AS (
       SELECT oid, nspname FROM pg_catalog.pg_namespace
       WHERE nspname NOT IN ${PREEXISTING_SCHEMAS} AND nspname !~ '^pg_(temp|toast_temp)_'
     ),
     relations AS (
       SELECT c.oid, c.relkind, s.nspname || '.' || c.relname AS name
       FROM pg_catalog.pg_class c JOIN user_schemas s ON s.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
     ),
     checks (role, privilege, writes) AS (
       VALUES ('anon', 'SELECT', false), ('anon', 'INSERT', true), ('anon', 'UPDATE', true),
              ('anon', 'DELETE', true), ('anon', 'TRUNCATE', true),
              ('authenticated', 'INSERT', true), ('authenticated', 'UPDATE', true),
              ('authenticated', 'DELETE', true), ('authenticated', 'TRUNCATE', true)
     )
     SELECT k.role || ' ' || k.privilege || ' ' || r.name AS grant
     FROM relations r CROSS JOIN checks k
     WHERE r.relkind <> 'S' AND has_table_privilege(k.role, r.oid, k.privilege)
     UNION ALL
     SELECT k.role || ' ' || k.privilege || ' ' || r.name
     FROM relations r CROSS JOIN (VALUES ('anon', 'USAGE'), ('anon', 'SELECT'), ('anon', 'UPDATE'),
                                         ('authenticated', 'USAGE'), ('authenticated', 'UPDATE')) AS k (role, privilege)
     WHERE r.relkind = 'S' AND has_sequence_privilege(k.role, r.oid, k.privilege)
     UNION ALL
     SELECT 'anon EXECUTE ' || s.nspname || '.' || p.oid::regprocedure::text
     FROM pg_catalog.pg_proc p JOIN user_schemas s ON s.oid = p.pronamespace
     WHERE has_function_privilege('anon', p.oid, 'EXECUTE')
     ORDER BY 1`,
  );
  return rows.map((row) => row.grant);
}

/**
 * Polls pg_locks until some backend of this database waits for advisory lock `key` (a single bigint
 * key: classid 0, objid the key, objsubid 1) and returns its pid; fails after about 10 s.
 */
export async function waitForAdvisoryWaiter(observer: pg.ClientBase, key: number): Promise<number> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const { rows } = await observer.query<{ pid: number }>(
      `SELECT pid FROM pg_catalog.pg_locks
       WHERE locktype = 'advisory' AND NOT granted AND classid = 0 AND objid = $1 AND objsubid = 1
         AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())`,
      [key],
    );
    if (rows[0]) return rows[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no session ever waited for advisory lock ${key}`);
}

/** Which backend of this database holds advisory lock `key`, if any. */
export async function advisoryHolder(observer: pg.ClientBase, key: number): Promise<number | undefined> {
  const { rows } = await observer.query<{ pid: number }>(
    `SELECT pid FROM pg_catalog.pg_locks
     WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = $1 AND objsubid = 1
       AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())`,
    [key],
  );
  return rows[0]?.pid;
}
