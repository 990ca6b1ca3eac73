import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import { readMigrationFiles } from "../../src/migrate/migration-files.js";
import { readMigrationStatus } from "../../src/migrate/status.js";
import { defaultMigrationsDir } from "../../src/package-paths.js";
import { applyStandIn } from "../../src/stand-in/apply-stand-in.js";

// A database deployed with `supabase db push` has no _prisma_migrations: its history is the Supabase
// CLI's supabase_migrations.schema_migrations (DDL and rows as the CLI 2.117 writes them; the real
// CLI is run by .ci/supabase-push). Status (and so `ai-usage doctor`) must count those as applied,
// not tell the user to apply them again.

let databaseUrl: string;
let client: pg.Client;
const migrations = await readMigrationFiles(defaultMigrationsDir());

beforeAll(async () => {
  const name = `supabase_push_status_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: inject("databaseUrl") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE template0`);
  await admin.end();
  const url = new URL(inject("databaseUrl"));
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await applyStandIn(client);
  await client.query(`CREATE SCHEMA IF NOT EXISTS supabase_migrations;
    CREATE TABLE IF NOT EXISTS supabase_migrations.schema_migrations (version text NOT NULL PRIMARY KEY);
    ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS statements text[];
    ALTER TABLE supabase_migrations.schema_migrations ADD COLUMN IF NOT EXISTS name text;`);
  for (const migration of migrations) {
    const [version, ...rest] = migration.name.split("_");
    await client.query("BEGIN");
    await client.query(migration.sql);
    await client.query(
      "INSERT INTO supabase_migrations.schema_migrations (version, name, statements) VALUES ($1, $2, $3)",
      [version, rest.join("_"), [migration.sql]],
    );
    await client.query("COMMIT");
  }
});

afterAll(async () => {
  await client?.end();
  const admin = new pg.Client({ connectionString: inject("databaseUrl") });
  await admin.connect();
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
  await admin.end();
});

test("every migration the Supabase CLI recorded counts as applied; none is pending", async () => {
  const status = await readMigrationStatus({ databaseUrl, migrationsDir: defaultMigrationsDir() });
  const names = migrations.map((migration) => migration.name);
  expect(status).toMatchObject({ tracked: false, pending: [], failed: [], unknown: [] });
  expect(status.applied).toEqual(names);
  expect(status.appliedBySupabaseCli).toEqual(names);
});

test("a migration the Supabase CLI has not recorded is pending", async () => {
  const last = migrations.at(-1)!;
  await client.query("DELETE FROM supabase_migrations.schema_migrations WHERE version = $1", [
    last.name.split("_")[0],
  ]);
  const status = await readMigrationStatus({ databaseUrl, migrationsDir: defaultMigrationsDir() });
  expect(status.pending).toEqual([last.name]);
  expect(status.applied).not.toContain(last.name);
});
