import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect, createIsolatedDatabase } from "./helpers/database.js";
import { expectedColumnType, readPrismaSchema } from "./helpers/prisma-schema.js";

// The Prisma schema must mirror the migrations: the generated client is typed from it, so a column
// it does not know is invisible to Prisma users, and a field without a column fails at run time.

interface DatabaseColumn {
  table_name: string;
  column_name: string;
  type: string;
  nullable: boolean;
}

const models = readPrismaSchema();
let client: pg.Client;
let columns: DatabaseColumn[];

beforeAll(async () => {
  // A database of its own: other test files may add objects to the shared one.
  client = await connect(await createIsolatedDatabase("schema"));
  const { rows } = await client.query<DatabaseColumn>(
    `SELECT table_name, column_name,
            CASE WHEN data_type = 'numeric' THEN format('numeric(%s,%s)', numeric_precision, numeric_scale)
                 -- An array column: its element type, then [] (data_type says only ARRAY).
                 WHEN data_type = 'ARRAY' THEN (SELECT format_type(t.typelem, NULL) FROM pg_catalog.pg_type t
                                                WHERE t.typname = udt_name AND t.typnamespace = 'pg_catalog'::regnamespace) || '[]'
                 ELSE data_type END AS type,
            is_nullable = 'YES' AS nullable
     FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = ANY($1)
     ORDER BY table_name, ordinal_position`,
    [models.map((model) => model.table)],
  );
  columns = rows;
});
afterAll(async () => {
  await client.end();
});

describe("prisma/schema.prisma agrees with the migrated database", () => {
  test("the reader found the schema's models", () => {
    expect(models.map((model) => model.table).sort()).toEqual([
      "ai_model_aliases",
      "ai_model_prices",
      "ai_usage_budget_alerts",
      "ai_usage_budget_holds",
      "ai_usage_budget_periods",
      "ai_usage_budgets",
      "ai_usage_daily_active_users",
      "ai_usage_daily_by_customer",
      "ai_usage_daily_by_model",
      "ai_usage_daily_by_user",
      "ai_usage_log",
      "ai_usage_monthly_by_customer",
      "ai_usage_settings",
      "ai_usage_summary",
      "user_roles",
    ]);
    const log = models.find((model) => model.table === "ai_usage_log")!;
    expect(log.fields.find((field) => field.field === "userId")).toEqual({
      field: "userId",
      column: "user_id",
      type: "String",
      optional: false,
      list: false,
      nativeType: "Uuid",
      id: false,
    });
    // The relation field `price` is not a column.
    expect(log.fields.some((field) => field.field === "price")).toBe(false);
  });

  test("every table of the project in schema public has a model", async () => {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
       ORDER BY table_name`,
    );
    expect(rows.map((row) => row.table_name)).toEqual(models.map((model) => model.table).sort());
  });

  for (const model of models) {
    test(`${model.model}: every field is a column of ${model.table} with a compatible type and nullability`, () => {
      const expected = model.fields.map((field) => ({
        column: field.column,
        type: expectedColumnType(field),
        nullable: field.optional,
      }));
      const actual = model.fields.map((field) => {
        const column = columns.find((c) => c.table_name === model.table && c.column_name === field.column);
        return column
          ? { column: column.column_name, type: column.type, nullable: column.nullable }
          : { missing: field.column };
      });
      expect(actual).toEqual(expected);
    });

    test(`${model.table}: every column is a field of ${model.model}`, () => {
      const known = new Set(model.fields.map((field) => field.column));
      const tableColumns = columns
        .filter((column) => column.table_name === model.table)
        .map((column) => column.column_name);
      expect(tableColumns.length).toBeGreaterThan(0);
      expect(tableColumns.filter((column) => !known.has(column))).toEqual([]);
    });
  }

  test("primary keys agree with @id / @@id", async () => {
    const { rows } = await client.query<{ table_name: string; columns: string[] }>(
      `SELECT c.conrelid::regclass::text AS table_name,
              array_agg(a.attname::text ORDER BY array_position(c.conkey, a.attnum)) AS columns
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
       WHERE c.contype = 'p' AND c.connamespace = 'public'::regnamespace AND c.conrelid::regclass::text = ANY($1)
       GROUP BY c.conrelid ORDER BY 1`,
      [models.map((model) => model.table)],
    );
    const expected = models
      .map((model) => {
        const ids = model.compoundId ?? model.fields.filter((field) => field.id).map((field) => field.field);
        const columnOf = (id: string) => model.fields.find((field) => field.field === id)?.column ?? `?${id}`;
        return { table_name: model.table, columns: ids.map(columnOf) };
      })
      .sort((a, b) => a.table_name.localeCompare(b.table_name));
    expect(rows).toEqual(expected);
  });
});
