import { describe, expect, it } from "vitest";
import { MigrationError, migrate } from "../../src/index.js";
import type { MigrationFile } from "../../src/migrate/migration-files.js";
import { refuseTransactionControl } from "../../src/migrate/transaction-control.js";
import { createEmptyDatabase, query, writeMigrations } from "./support.js";

// All pending migrations run in one transaction: a migration that ends it, or a statement that cannot
// run inside one, must be refused or fail clearly, never leave part of the deploy committed.

const quiet = () => undefined;
const FIRST = "20250101000000_first";
const SECOND = "20250102000000_second";

async function failure(migrations: Record<string, string>) {
  const url = await createEmptyDatabase();
  const migrationsDir = await writeMigrations(migrations);
  const error = await migrate({ databaseUrl: url, migrationsDir, log: quiet }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MigrationError);
  return { url, error: error as MigrationError };
}

const file = (sql: string): MigrationFile => ({
  name: FIRST,
  path: `${FIRST}/migration.sql`,
  sql,
  checksum: "",
});

const tables = (url: string) =>
  query(url, "SELECT to_regclass('first_table') AS first, to_regclass('second_table') AS second");

describe("transaction boundaries", () => {
  it.each([
    "COMMIT;",
    "commit and chain;",
    "END;",
    "BEGIN;",
    "START TRANSACTION ISOLATION LEVEL SERIALIZABLE;",
    "ROLLBACK;",
    "ABORT;",
    "PREPARE TRANSACTION 'x';",
  ])("refuse a migration that says %s", (statement) => {
    let refused: unknown;
    try {
      refuseTransactionControl([file(`CREATE TABLE t (id int);\n  ${statement}\nSELECT 1;`)]);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(MigrationError);
    expect(refused).toMatchObject({
      code: "P3018",
      context: { migration: FIRST, line: 2, column: 3, statement },
    });
  });

  it("allow savepoints, and the words inside function bodies and strings", () => {
    const sql = [
      "SAVEPOINT before_t; CREATE TABLE t (id int); ROLLBACK TO SAVEPOINT before_t; RELEASE before_t;",
      "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;",
      "CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;",
      "SELECT 'COMMIT;'; -- COMMIT;",
    ].join("\n");
    expect(() => refuseTransactionControl([file(sql)])).not.toThrow();
  });

  it("refuse COMMIT before anything runs: nothing applied, nothing recorded", async () => {
    const { url, error } = await failure({
      [FIRST]: "CREATE TABLE first_table (id int);",
      [SECOND]: "CREATE TABLE second_table (id int);\nCOMMIT;\n",
    });
    expect(error.message).toContain(
      `Migration ${SECOND} cannot be applied: its migration.sql has COMMIT at line 2`,
    );
    expect(await tables(url)).toEqual([{ first: null, second: null }]);
    expect(await query(url, "SELECT count(*)::int AS rows FROM _prisma_migrations")).toEqual([{ rows: 0 }]);
  });

  it("fail CREATE INDEX CONCURRENTLY with the reason and what to do, the deploy rolled back", async () => {
    const { url, error } = await failure({
      [FIRST]: "CREATE TABLE first_table (id int);",
      [SECOND]:
        "CREATE TABLE second_table (id int);\nCREATE INDEX CONCURRENTLY second_idx ON second_table (id);\n",
    });
    expect(error.context).toMatchObject({ migration: SECOND, sqlState: "25001", line: 2 });
    expect(error.message).toContain("NOTE: all pending migrations are applied in one transaction");
    expect(error.message).toContain("CREATE INDEX without CONCURRENTLY");
    expect(await tables(url)).toEqual([{ first: null, second: null }]);
  });

  it("fail a deferred constraint at the deploy's COMMIT, saying so, the deploy rolled back", async () => {
    const { url, error } = await failure({
      [FIRST]: [
        "CREATE TABLE first_table (id int PRIMARY KEY,",
        "  parent int REFERENCES first_table DEFERRABLE INITIALLY DEFERRED);",
        "INSERT INTO first_table VALUES (1, 2);",
      ].join("\n"),
      [SECOND]: "CREATE TABLE second_table (id int);",
    });
    expect(error.context).toMatchObject({ sqlState: "23503", rolledBack: [FIRST, SECOND] });
    expect(error.message).toContain("at the deploy's COMMIT (a deferred constraint or trigger");
    expect(await tables(url)).toEqual([{ first: null, second: null }]);
  });
});
