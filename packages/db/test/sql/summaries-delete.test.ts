import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect, createIsolatedDatabase } from "./helpers/database.js";
import { logBatch, uniqueTag } from "./helpers/events.js";
import {
  ACTIVE_USERS_TABLE,
  compareSummariesWithLog,
  reconcile,
  SUMMARY_TABLES,
} from "./helpers/summary-oracle.js";

// The owner may delete log rows (retention, GDPR erasure): the summaries must follow exactly,
// including each summary row's latest-request time and display name, which cannot be "subtracted".

const alice = randomUUID();
const bob = randomUUID();
const requestType = `delete-${uniqueTag()}`;
let client: pg.Client;

beforeAll(async () => {
  client = await connect();
  const event = (userId: string, id: string, createdAt: string, extra: Record<string, unknown> = {}) => ({
    user_id: userId,
    request_id: `${requestType}-${id}`,
    request_type: requestType,
    created_at: createdAt,
    input_tokens: 1000,
    output_tokens: 100,
    ...extra,
  });
  await logBatch(client, [
    event(alice, "a1", "2026-03-01T08:00:00Z", {
      user_email: "alice@old.example",
      customer_id: 5,
      customer_name: "Old name",
    }),
    event(alice, "a2", "2026-03-01T09:00:00Z", {
      user_email: "alice@new.example",
      customer_id: 5,
      customer_name: "New name",
    }),
    event(alice, "a3", "2026-03-02T09:00:00Z", { user_email: "alice@new.example" }),
    event(bob, "b1", "2026-03-01T10:00:00Z", { user_email: "bob@example.com", customer_id: 5 }),
    event(bob, "b2", "2026-04-01T10:00:00Z", { user_email: "bob@example.com" }),
  ]);
});
afterAll(async () => {
  await client.end();
});

const scope = () => ({ userIds: [alice, bob], requestTypes: [requestType] });

async function expectExact(): Promise<void> {
  for (const { expected, actual } of Object.values(await compareSummariesWithLog(client, "UTC", scope()))) {
    expect(actual).toEqual(expected);
  }
  expect(await reconcile(client)).toMatchObject({ ok: true, mismatches: 0 });
}

async function aliceOnMarchFirst(): Promise<unknown> {
  const { rows } = await client.query(
    `SELECT requests::int, user_email, last_request_at::text = '2026-03-01 08:00:00+00'::timestamptz::text AS at_eight
     FROM ai_usage_daily_by_user WHERE user_id = $1 AND usage_date = '2026-03-01'`,
    [alice],
  );
  return rows;
}

describe("deleting log rows", () => {
  test("deleting the latest request of a bucket restores the previous latest time and name", async () => {
    await expectExact();
    await client.query("DELETE FROM ai_usage_log WHERE request_id = $1", [`${requestType}-a2`]);
    expect(await aliceOnMarchFirst()).toEqual([
      { requests: 1, user_email: "alice@old.example", at_eight: true },
    ]);
    const { rows } = await client.query(
      "SELECT customer_name FROM ai_usage_daily_by_customer WHERE user_id = $1 AND usage_date = '2026-03-01'",
      [alice],
    );
    expect(rows).toEqual([{ customer_name: "Old name" }]);
    await expectExact();
  });

  test("deleting every request of a bucket removes its summary rows", async () => {
    await client.query("DELETE FROM ai_usage_log WHERE user_id = $1 AND created_at >= '2026-04-01'", [bob]);
    const { rows } = await client.query(
      "SELECT month::text FROM ai_usage_summary WHERE user_id = $1 ORDER BY 1",
      [bob],
    );
    expect(rows).toEqual([{ month: "2026-03-01" }]);
    await expectExact();
  });

  test("deleting a user's rows across buckets in one statement (erasure) leaves no trace of them", async () => {
    await client.query("DELETE FROM ai_usage_log WHERE user_id = $1", [alice]);
    for (const table of SUMMARY_TABLES) {
      if (table.scopeBy !== "user_id") continue;
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${table.name} WHERE user_id = $1`, [
        alice,
      ]);
      expect({ table: table.name, rows: rows[0].n }).toEqual({ table: table.name, rows: 0 });
    }
    await expectExact();
  });
});

describe("TRUNCATE of the log", () => {
  test("empties every summary (in a database of its own)", async () => {
    const isolated = await connect(await createIsolatedDatabase("truncate"));
    try {
      await logBatch(isolated, [
        { user_id: alice, customer_id: 1, created_at: "2026-05-01T00:00:00Z" },
        { user_id: bob, created_at: "2026-06-01T00:00:00Z" },
      ]);
      const count = async (table: string) =>
        (await isolated.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;
      const tables = [...SUMMARY_TABLES.map((table) => table.name), ACTIVE_USERS_TABLE];
      for (const table of tables) expect(await count(table)).toBeGreaterThan(0);
      await isolated.query("TRUNCATE ai_usage_log");
      for (const table of tables) expect({ [table]: await count(table) }).toEqual({ [table]: 0 });
      expect(await reconcile(isolated)).toMatchObject({ ok: true, mismatches: 0, log_rows: 0 });
    } finally {
      await isolated.end();
    }
  });
});
