import pg from "pg";
import { inject } from "vitest";
import { createIsolatedDatabase } from "../../sql/helpers/database.js";
import { CALLER_NAMES } from "./callers.js";
import { type MatrixFixture, seedMatrixFixture } from "./matrix-fixture.js";
import type { Expectations } from "./outcome.js";
import { observe } from "./outcome.js";
import { type CallOptions, type CallResult, callAs } from "./postgrest-call.js";

/**
 * A migrated database of the matrices' own (a clone of the sql tests' migrated template), seeded
 * with the matrix fixture: every count in a matrix is exact, and the admin cells that rebuild the
 * summaries or change the time zone (table locks, even when rolled back) never stall other files.
 */
export interface MatrixDatabase {
  client: pg.Client;
  fixture: MatrixFixture;
  /** Drops the database. */
  close(): Promise<void>;
}

export async function openMatrixDatabase(label: string): Promise<MatrixDatabase> {
  const url = await createIsolatedDatabase(label);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const fixture = await seedMatrixFixture(client);
  return {
    client,
    fixture,
    close: async () => {
      await client.end();
      const admin = new pg.Client({ connectionString: inject("databaseUrl") });
      await admin.connect();
      try {
        const name = decodeURIComponent(new URL(url).pathname.slice(1));
        await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

/**
 * Runs one statement as every caller, each in a request of its own, and returns what each observed,
 * shaped like the matrix row, so `expect(observed).toEqual(expected)` shows every caller on failure.
 */
export async function runAsEveryCaller(
  database: MatrixDatabase,
  expected: Expectations,
  statement: { sql: string; params: unknown[]; options: CallOptions; pick: (result: CallResult) => unknown },
): Promise<Record<string, unknown>> {
  const observed: Record<string, unknown> = {};
  for (const name of CALLER_NAMES) {
    const caller = database.fixture.callers[name];
    const result = await callAs(database.client, caller, statement.sql, statement.params, statement.options);
    observed[name] = observe(result, expected[name], statement.pick);
  }
  return observed;
}
