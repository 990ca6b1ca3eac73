import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { readMigrationFiles } from "../../src/migrate/migration-files.js";
import { defaultMigrationsDir } from "../../src/package-paths.js";
import { applyStandIn } from "../../src/stand-in/apply-stand-in.js";
import { catalogFunctions, publicTables } from "./support/catalog.js";

// Deploying with the real `prisma migrate deploy` instead of this package's runner (as on a machine
// where Prisma's schema engine runs): Prisma creates _prisma_migrations in schema public itself, so
// on Supabase the default privileges hand anon and authenticated ALL on the migration history and
// its error logs, with no RLS. The migrations alone must leave nothing open to them.

/** Prisma's own DDL for its bookkeeping table (no revokes: Prisma knows nothing of Supabase). */
const PRISMA_CREATES = `CREATE TABLE "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

let databaseName: string;
let client: pg.Client;

beforeAll(async () => {
  const serverUrl = inject("databaseUrl");
  databaseName = `security_prisma_deploy_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(databaseName)} TEMPLATE template0`);
  await admin.end();

  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await applyStandIn(client); // what a Supabase project has before any migration
  await client.query(PRISMA_CREATES);
  for (const migration of await readMigrationFiles(defaultMigrationsDir())) {
    await client.query("BEGIN");
    await client.query(migration.sql); // one script, one transaction, as Prisma sends it
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query("COMMIT");
  }
});

afterAll(async () => {
  await client?.end();
  if (databaseName) {
    const admin = new pg.Client({ connectionString: inject("databaseUrl") });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(databaseName)} WITH (FORCE)`);
    await admin.end();
  }
});

test("anon and signed-in users cannot read or change Prisma's migration history", async () => {
  const { rows } = await client.query(
    `SELECT r.role,
            has_table_privilege(r.role, 'public._prisma_migrations', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE') AS any_privilege,
            has_any_column_privilege(r.role, 'public._prisma_migrations', 'SELECT, INSERT, UPDATE') AS column_privilege
     FROM unnest(ARRAY['public', 'anon', 'authenticated']) r(role)`,
  );
  expect(rows).toEqual([
    { role: "public", any_privilege: false, column_privilege: false },
    { role: "anon", any_privilege: false, column_privilege: false },
    { role: "authenticated", any_privilege: false, column_privilege: false },
  ]);
});

test("after the migrations alone, no table or function of schema public (or the private schema) is usable by anon", async () => {
  const tables = await publicTables(client);
  const functions = await catalogFunctions(client);
  const { rows } = await client.query<{ name: string }>(
    `SELECT t AS name FROM unnest($1::text[]) t
     WHERE has_table_privilege('anon', format('public.%I', t), 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')
     UNION ALL
     SELECT f FROM unnest($2::text[]) f
     WHERE has_function_privilege('anon', f::regprocedure, 'EXECUTE')`,
    [tables, functions.map((f) => f.signature)],
  );
  expect(tables).toContain("_prisma_migrations");
  expect(rows.map((row) => row.name)).toEqual([]);
});
