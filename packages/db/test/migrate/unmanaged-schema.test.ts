import { describe, expect, it } from "vitest";
import { MigrationError, migrate } from "../../src/index.js";
import { createEmptyDatabase, query, writeMigrations } from "./support.js";

describe("a database that has a schema but no migration history", () => {
  it("is refused (P3005) and left untouched", async () => {
    const url = await createEmptyDatabase();
    await query(
      url,
      "CREATE TABLE legacy_orders (id int); CREATE FUNCTION legacy_total() RETURNS int RETURN 1;",
    );
    const migrationsDir = await writeMigrations({ "20250101000000_init": "CREATE TABLE fresh (id int);" });

    const error = await migrate({ databaseUrl: url, migrationsDir, log: () => undefined }).catch((e) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect(error.code).toBe("P3005");
    expect(error.message).toContain("public already has function legacy_total, table legacy_orders");
    expect(
      await query(
        url,
        `SELECT to_regclass('_prisma_migrations') AS bookkeeping, to_regclass('fresh') AS fresh,
                to_regnamespace('auth') AS auth`,
      ),
    ).toEqual([{ bookkeeping: null, fresh: null, auth: null }]);
  });

  it("deployed by `supabase db push` is refused with that said, so it keeps one history", async () => {
    const url = await createEmptyDatabase();
    // What `supabase db push` leaves: our objects, and its history table naming our migrations.
    await query(
      url,
      `CREATE TABLE ai_usage_log (id int);
       CREATE SCHEMA supabase_migrations;
       CREATE TABLE supabase_migrations.schema_migrations (version text PRIMARY KEY, statements text[], name text);
       INSERT INTO supabase_migrations.schema_migrations VALUES
         ('20261127000050', '{}', 'ai_usage_preflight'), ('20261127000100', '{}', 'ai_usage_core'),
         ('20260101000000', '{}', 'the_apps_own_migration');`,
    );
    const migrationsDir = await writeMigrations({ "20250101000000_init": "CREATE TABLE fresh (id int);" });

    const error = await migrate({ databaseUrl: url, migrationsDir, log: () => undefined }).catch((e) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect(error.code).toBe("P3005");
    expect(error.message).toContain("deployed with the Supabase CLI");
    expect(error.message).toContain("lists 2 AI usage migration(s)");
    expect(error.message).toContain("supabase db push");
    expect(await query(url, "SELECT to_regclass('_prisma_migrations') AS bookkeeping")).toEqual([
      { bookkeeping: null },
    ]);
  });
});
