import { afterAll, beforeAll, expect, test } from "vitest";
import { TABLE_ACTIONS, TABLE_MATRIX, type TableName } from "./matrix/table-matrix.js";
import { TABLE_STATEMENTS } from "./matrix/table-statements.js";
import { publicTables } from "./support/catalog.js";
import { type MatrixDatabase, openMatrixDatabase, runAsEveryCaller } from "./support/matrix-database.js";
import type { CallResult } from "./support/postgrest-call.js";

// Every table of schema public, read and written by every caller the way PostgREST's table
// endpoints do it (GET in a READ ONLY transaction). The expected outcomes are the table in
// matrix/table-matrix.ts.

let database: MatrixDatabase;
let tables: string[];
beforeAll(async () => {
  database = await openMatrixDatabase("security_tables");
  tables = await publicTables(database.client);
});
afterAll(() => database?.close());

/** Rows seen (a select's `n`) or rows changed (the statement's row count). */
const rowsOf = (result: CallResult) =>
  !result.ok ? undefined : "n" in (result.rows[0] ?? {}) ? result.rows[0]!.n : result.rowCount;

const cells = (Object.keys(TABLE_MATRIX) as TableName[]).flatMap((table) =>
  TABLE_ACTIONS.map((action) => ({ table, action })),
);

test.each(cells)("$action $table", async ({ table, action }) => {
  const statement = TABLE_STATEMENTS[table][action];
  const expected = TABLE_MATRIX[table][action];
  const observed = await runAsEveryCaller(database, expected, {
    sql: statement.sql,
    params: statement.params?.(database.fixture) ?? [],
    options: { readOnly: action === "select" },
    pick: rowsOf,
  });
  expect(observed).toEqual(expected);
});

test("every table of schema public has a row in the matrix, and every row a table", () => {
  const covered = Object.keys(TABLE_MATRIX);
  expect(
    tables.filter((table) => !covered.includes(table)),
    "tables without a row: add one to matrix/table-matrix.ts and matrix/table-statements.ts",
  ).toEqual([]);
  expect(
    covered.filter((table) => !tables.includes(table)),
    "rows for missing tables",
  ).toEqual([]);
});
