import { afterAll, beforeAll, expect, test } from "vitest";
import { FUNCTION_CALLS } from "./matrix/function-calls.js";
import { FUNCTION_MATRIX, type FunctionCaseName } from "./matrix/function-matrix.js";
import { type CatalogFunction, catalogFunctions } from "./support/catalog.js";
import { type MatrixDatabase, openMatrixDatabase, runAsEveryCaller } from "./support/matrix-database.js";
import { scalar } from "./support/postgrest-call.js";

// Every function of schema public and of the private schema, called by every caller the way
// PostgREST calls it: one transaction, role and claims set locally, named arguments, READ ONLY unless
// the function is VOLATILE (PostgREST cannot even name the private schema; these calls show that the
// database refuses too). The expected outcomes are the table in matrix/function-matrix.ts.

let database: MatrixDatabase;
let functions: CatalogFunction[];
beforeAll(async () => {
  database = await openMatrixDatabase("security_functions");
  functions = await catalogFunctions(database.client);
});
afterAll(() => database?.close());

test.each(Object.keys(FUNCTION_MATRIX) as FunctionCaseName[])("%s", async (caseName) => {
  const call = FUNCTION_CALLS[caseName];
  const volatility = functions.find((f) => f.signature === call.signature)?.volatility;
  expect(volatility, `${call.signature} is not in the catalog`).toBeDefined();
  const expected = FUNCTION_MATRIX[caseName];
  const observed = await runAsEveryCaller(database, expected, {
    sql: call.sql,
    params: call.params?.(database.fixture) ?? [],
    options: { readOnly: volatility !== "v" },
    pick: call.pick ?? scalar,
  });
  expect(observed).toEqual(expected);
});

test("every function of schema public and of the private schema has a row in the matrix, and every row a function", () => {
  const covered = new Set(Object.values(FUNCTION_CALLS).map((call) => call.signature));
  const catalog = functions.map((f) => f.signature);
  expect(
    catalog.filter((signature) => !covered.has(signature)),
    "functions without a row: add one to matrix/function-matrix.ts and matrix/function-calls.ts",
  ).toEqual([]);
  expect(
    [...covered].filter((signature) => !catalog.includes(signature)),
    "rows for missing functions",
  ).toEqual([]);
});

test("a freshly migrated database has self-logging off (so user A's log_ai_usage cell is 42501)", async () => {
  const { rows } = await database.client.query(
    "select allow_user_self_logging from public.ai_usage_settings",
  );
  expect(rows).toEqual([{ allow_user_self_logging: false }]);
});
