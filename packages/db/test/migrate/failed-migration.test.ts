import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MigrationError, migrate, resolveRolledBack } from "../../src/index.js";
import { createEmptyDatabase, query, writeMigrations } from "./support.js";

const quiet = () => undefined;
const GOOD = "20250101000000_good";
const BROKEN = "20250102000000_broken";
const LATER = "20250103000000_later";

const brokenSql = [
  "CREATE TABLE half_applied (id int);",
  "",
  "INSERT INTO half_applied VALUES (1);",
  "SELECT id,",
  "       no_such_column",
  "FROM half_applied;",
  "",
].join("\n");

async function migrateExpectingError(options: Parameters<typeof migrate>[0]): Promise<MigrationError> {
  const error = await migrate(options).then(
    () => new Error("migrate() succeeded but should have failed"),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(MigrationError);
  return error as MigrationError;
}

async function failedDatabase() {
  const url = await createEmptyDatabase();
  const migrationsDir = await writeMigrations({
    [GOOD]: "CREATE TABLE kept (id int);",
    [BROKEN]: brokenSql,
    [LATER]: "CREATE TABLE later (id int);",
  });
  const error = await migrateExpectingError({ databaseUrl: url, migrationsDir, log: quiet });
  return { url, migrationsDir, error };
}

describe("a failing migration", () => {
  it("rolls back its whole deploy and is reported with SQLSTATE, line, column and statement", async () => {
    const { url, error } = await failedDatabase();

    expect(error.code).toBe("P3018");
    expect(error.context).toEqual({
      migration: BROKEN,
      sqlState: "42703",
      line: 5,
      column: 8,
      statement: "SELECT id,\n       no_such_column\nFROM half_applied;",
      rolledBack: [GOOD, BROKEN, LATER],
    });
    expect(error.message).toContain(
      `Migration ${BROKEN} failed, so the deploy was rolled back whole: none of the 3 migrations it was applying is in the database (${GOOD}, ${BROKEN}, ${LATER}).`,
    );
    expect(error.message).toContain('ERROR 42703: column "no_such_column" does not exist');
    expect(error.message).toContain("at line 5, column 8 of migration.sql");
    expect(error.message).toContain("in the statement starting at line 4:");

    const tables = await query(
      url,
      "SELECT to_regclass('kept') IS NOT NULL AS kept, to_regclass('half_applied') AS half",
    );
    // The migration before it, in the same deploy, is gone too.
    expect(tables).toEqual([{ kept: false, half: null }]);
  });

  it("leaves what earlier deploys applied", async () => {
    const url = await createEmptyDatabase();
    await migrate({
      databaseUrl: url,
      migrationsDir: await writeMigrations({ [GOOD]: "CREATE TABLE kept (id int);" }),
      log: quiet,
    });
    const migrationsDir = await writeMigrations({
      [GOOD]: "CREATE TABLE kept (id int);",
      [BROKEN]: brokenSql,
      [LATER]: "CREATE TABLE later (id int);",
    });

    const error = await migrateExpectingError({ databaseUrl: url, migrationsDir, log: quiet });

    expect(error.context.rolledBack).toEqual([BROKEN, LATER]);
    expect(
      await query(url, "SELECT to_regclass('kept') IS NOT NULL AS kept, to_regclass('later') AS later"),
    ).toEqual([{ kept: true, later: null }]);
    expect(
      await query(
        url,
        "SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY started_at",
      ),
    ).toEqual([
      { migration_name: GOOD, finished: true },
      { migration_name: BROKEN, finished: false },
    ]);
  });

  it("is recorded as failed, with its error in logs; the rest of its deploy leaves no row", async () => {
    const { url } = await failedDatabase();
    const rows = await query<Record<string, unknown>>(
      url,
      "SELECT migration_name, finished_at, rolled_back_at, applied_steps_count, logs FROM _prisma_migrations ORDER BY started_at",
    );
    expect(rows.map((row) => row.migration_name)).toEqual([BROKEN]);
    expect(rows[0]).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
    expect(rows[0]!.logs).toContain('ERROR 42703: column "no_such_column" does not exist');
    expect(rows[0]!.logs).toContain("at line 5, column 8 of migration.sql");
  });

  it("blocks later runs (P3009) until marked rolled back; then the fixed migration applies", async () => {
    const { url, migrationsDir } = await failedDatabase();

    const blocked = await migrateExpectingError({ databaseUrl: url, migrationsDir, log: quiet });
    expect(blocked.code).toBe("P3009");
    expect(blocked.message).toContain(`Migration ${BROKEN}`);
    expect(blocked.message).toContain(`pnpm db:migrate --resolve-rolled-back ${BROKEN}`);
    expect(blocked.message).toContain("no_such_column");

    await writeFile(join(migrationsDir, BROKEN, "migration.sql"), "CREATE TABLE half_applied (id int);");
    await resolveRolledBack({ databaseUrl: url, migrationName: BROKEN, migrationsDir, log: quiet });
    const result = await migrate({ databaseUrl: url, migrationsDir, log: quiet });

    expect(result).toEqual({ applied: [GOOD, BROKEN, LATER], skipped: 0, standInApplied: false });
    const rows = await query(
      url,
      `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back
       FROM _prisma_migrations ORDER BY started_at`,
    );
    expect(rows).toEqual([
      { migration_name: BROKEN, finished: false, rolled_back: true },
      { migration_name: GOOD, finished: true, rolled_back: false },
      { migration_name: BROKEN, finished: true, rolled_back: false },
      { migration_name: LATER, finished: true, rolled_back: false },
    ]);
  });

  it("can only be resolved when it failed, and only by its full name", async () => {
    const { url, migrationsDir } = await failedDatabase();
    const resolve = (migrationName: string) =>
      resolveRolledBack({ databaseUrl: url, migrationName, migrationsDir, log: quiet });

    await expect(resolve(GOOD)).rejects.toMatchObject({ code: "P3012" }); // rolled back, never failed
    await expect(resolve("broken")).rejects.toMatchObject({ code: "P3017" });
    await resolve(BROKEN);
    await expect(resolve(BROKEN)).rejects.toMatchObject({ code: "P3012" });
  });

  it("names the failing statement when PostgreSQL gives no error position", async () => {
    const url = await createEmptyDatabase();
    const migrationsDir = await writeMigrations({
      [GOOD]: [
        "CREATE TABLE twice (id int);",
        "/* a comment; with a semicolon */ CREATE FUNCTION one() RETURNS int LANGUAGE plpgsql",
        "AS $body$ BEGIN RETURN 1; END $body$;",
        "-- the next statement fails without a position",
        "  CREATE TABLE twice (id int);",
      ].join("\n"),
    });
    const error = await migrateExpectingError({ databaseUrl: url, migrationsDir, log: quiet });
    expect(error.context).toMatchObject({
      sqlState: "42P07",
      line: 5,
      column: 3,
      statement: "CREATE TABLE twice (id int);",
    });
    expect(await query(url, "SELECT to_regprocedure('one()') AS one")).toEqual([{ one: null }]);
  });

  it("reports a syntax error at its place, even after semicolons in quotes and dollar quotes", async () => {
    const url = await createEmptyDatabase();
    const migrationsDir = await writeMigrations({
      [GOOD]: 'SELECT \'a;b\', $$c;d$$, "e;f" FROM (SELECT 1 AS "e;f") AS t;\nCREATE TABL nope (id int);\n',
    });
    const error = await migrateExpectingError({ databaseUrl: url, migrationsDir, log: quiet });
    expect(error.context).toMatchObject({
      sqlState: "42601",
      line: 2,
      column: 8,
      statement: "CREATE TABL nope (id int);",
    });
    expect(error.message).toContain('syntax error at or near "TABL"');
  });
});
