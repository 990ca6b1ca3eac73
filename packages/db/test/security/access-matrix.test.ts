import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createDatabase } from "../../src/testing.js";
import { FUNCTION_CALLS } from "./matrix/function-calls.js";
import { FUNCTION_MATRIX, type FunctionCaseName } from "./matrix/function-matrix.js";
import { TABLE_ACTIONS, TABLE_MATRIX, type TableName } from "./matrix/table-matrix.js";
import { TABLE_STATEMENTS } from "./matrix/table-statements.js";
import { CALLER_NAMES } from "./support/callers.js";
import { type CatalogFunction, publicFunctions, publicTables } from "./support/catalog.js";
import { type MatrixFixture, seedMatrixFixture } from "./support/matrix-fixture.js";
import { type Outcome, observe } from "./support/outcome.js";
import { type CallOptions, type CallResult, callAs, scalar } from "./support/postgrest-call.js";

// A database of its own: every count in the matrices is exact, and the admin cells that rebuild the
// summaries or change the time zone (table locks, even when rolled back) never stall other test files.
let databaseName: string;
let client: pg.Client;
let fixture: MatrixFixture;
let functions: CatalogFunction[];
let tables: string[];

beforeAll(async () => {
  databaseName = `security_matrix_${randomUUID().replaceAll("-", "")}`;
  client = new pg.Client({ connectionString: await createDatabase(inject("databaseUrl"), databaseName) });
  await client.connect();
  fixture = await seedMatrixFixture(client);
  functions = await publicFunctions(client);
  tables = await publicTables(client);
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

/** Runs one statement as every caller; returns what each observed, shaped like the expectations. */
async function runRow(
  expected: Record<string, Outcome>,
  sql: string,
  params: unknown[],
  options: CallOptions,
  pick: (result: CallResult) => unknown,
): Promise<Record<string, unknown>> {
  const observed: Record<string, unknown> = {};
  for (const name of CALLER_NAMES) {
    const result = await callAs(client, fixture.callers[name], sql, params, options);
    observed[name] = observe(result, expected[name]!, pick);
  }
  return observed;
}

describe("every function of schema public, called by every caller as PostgREST calls it", () => {
  test.each(Object.keys(FUNCTION_MATRIX) as FunctionCaseName[])("%s", async (caseName) => {
    const call = FUNCTION_CALLS[caseName];
    const volatility = functions.find((f) => f.signature === call.signature)?.volatility;
    expect(volatility, `${call.signature} is not in the catalog`).toBeDefined();
    const expected = FUNCTION_MATRIX[caseName];
    const observed = await runRow(
      expected,
      call.sql,
      call.params?.(fixture) ?? [],
      { readOnly: volatility !== "v" },
      call.pick ?? scalar,
    );
    expect(observed).toEqual(expected);
  });

  test("every function in the catalog has a row, and every row a function", () => {
    const covered = new Set(Object.values(FUNCTION_CALLS).map((call) => call.signature));
    const catalog = functions.map((f) => f.signature);
    expect(
      catalog.filter((signature) => !covered.has(signature)),
      "functions without a matrix row",
    ).toEqual([]);
    expect(
      [...covered].filter((signature) => !catalog.includes(signature)),
      "rows for missing functions",
    ).toEqual([]);
  });
});

describe("every table of schema public, touched by every caller as PostgREST touches it", () => {
  const cells = (Object.keys(TABLE_MATRIX) as TableName[]).flatMap((table) =>
    TABLE_ACTIONS.map((action) => ({ table, action })),
  );
  test.each(cells)("$action $table", async ({ table, action }) => {
    const statement = TABLE_STATEMENTS[table][action];
    const expected = TABLE_MATRIX[table][action];
    const observed = await runRow(
      expected,
      statement.sql,
      statement.params?.(fixture) ?? [],
      { readOnly: action === "select" }, // GET requests run READ ONLY
      (result) =>
        action === "select" && result.ok ? result.rows[0]?.n : result.ok ? result.rowCount : undefined,
    );
    expect(observed).toEqual(expected);
  });

  test("every table in the catalog has a row, and every row a table", () => {
    const covered = Object.keys(TABLE_MATRIX);
    expect(
      tables.filter((table) => !covered.includes(table)),
      "tables without a matrix row",
    ).toEqual([]);
    expect(
      covered.filter((table) => !tables.includes(table)),
      "rows for missing tables",
    ).toEqual([]);
  });
});

test("a freshly migrated database has self-logging off", async () => {
  const { rows } = await client.query("select allow_user_self_logging from public.ai_usage_settings");
  expect(rows).toEqual([{ allow_user_self_logging: false }]);
});
