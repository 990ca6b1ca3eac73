import type pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { connect, createIsolatedDatabase } from "./database.js";

/**
 * The reporting time zone the report tests run in: AI_USAGE_TEST_REPORTING_TZ, else UTC. The clock
 * matrix (.ci/clock-matrix) sets it to a zone whose DST change it fakes the clock to, so "today"
 * and the windows around it are local days of that zone on the day the clocks change.
 */
export function reportingZoneUnderTest(): string {
  return process.env.AI_USAGE_TEST_REPORTING_TZ?.trim() || "UTC";
}

/**
 * For the calling test file: an isolated database in the reporting zone under test, and a client
 * that works in one transaction from the file's first hook to its end (ending the client discards
 * it). now() is the transaction's start, so every statement of the file sees the same today: rows
 * the file's beforeAll dates "today" stay today even when midnight passes while the file runs.
 * Each test runs in a savepoint rolled back after it, so a failing statement fails its own test
 * only (not every later one, as an aborted transaction would) and tests cannot change each other's
 * data. Register it before the file's own beforeAll, which can then use `client`.
 */
export function reportDatabaseForThisFile(label: string): { readonly client: pg.Client } {
  let client: pg.Client | undefined;
  const database = {
    get client(): pg.Client {
      if (!client) throw new Error("the report database is not connected yet (use it in hooks and tests)");
      return client;
    },
  };
  beforeAll(async () => {
    const connected = await connect(await createIsolatedDatabase(label));
    try {
      await connected.query("SELECT set_ai_reporting_time_zone($1)", [reportingZoneUnderTest()]);
      await connected.query("BEGIN");
    } catch (error) {
      await connected.end();
      throw error;
    }
    client = connected;
  });
  beforeEach(async () => {
    await database.client.query("SAVEPOINT each_test");
  });
  afterEach(async () => {
    await database.client.query("ROLLBACK TO SAVEPOINT each_test");
  });
  afterAll(async () => {
    await client?.end();
  });
  return database;
}
