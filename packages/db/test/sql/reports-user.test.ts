import { randomUUID } from "node:crypto";
import type pg from "pg";
import { beforeAll, describe, expect, test } from "vitest";
import { logBatch } from "./helpers/events.js";
import { todayStart } from "./helpers/local-days.js";
import { reportDatabaseForThisFile } from "./helpers/report-database.js";
import { insertFixture, UNPRICED_MODEL, USERS } from "./helpers/report-fixture.js";
import { USER_REPORT_ORACLE_SQL } from "./helpers/user-report-oracle.js";

type Json = Record<string, unknown>;

// A user with more requests today than recent_requests lists; several share a timestamp.
const busyUser = randomUUID();
const database = reportDatabaseForThisFile("user_report");
let client: pg.Client;

beforeAll(async () => {
  client = database.client;
  await insertFixture(client);
  const today = await todayStart(client);
  await logBatch(
    client,
    Array.from({ length: 55 }, (_, i) => ({
      user_id: busyUser,
      request_id: `busy-${i}`,
      input_tokens: 1000 + i,
      output_tokens: 10,
      created_at: new Date(today.getTime() + Math.floor(i / 5) * 60_000).toISOString(),
    })),
  );
});

async function reportAndOracle(userId: string, days: number): Promise<{ actual: Json; expected: Json }> {
  const { rows } = await client.query<{ actual: Json; expected: Json }>(
    `SELECT get_user_ai_usage($1, $2) AS actual, (${USER_REPORT_ORACLE_SQL}) AS expected`,
    [userId, days],
  );
  return rows[0]!;
}

describe("get_user_ai_usage", () => {
  test("returns every documented key", async () => {
    const { actual } = await reportAndOracle(USERS.alice, 30);
    const keys = (value: unknown) => Object.keys(value as Json).sort();
    expect(keys(actual)).toEqual(["daily_usage", "period", "recent_requests", "summary"]);
    expect(keys(actual.period)).toEqual(["days", "end_date", "start_date", "time_zone"]);
    expect(keys(actual.summary)).toEqual(
      [
        "total_requests",
        "successful_requests",
        "failed_requests",
        "total_tokens",
        "total_cost_usd",
        "avg_tokens_per_request",
        "unpriced_requests",
      ].sort(),
    );
    expect(keys((actual.recent_requests as Json[])[0])).toEqual(
      [
        "id",
        "request_id",
        "customer_id",
        "customer_name",
        "request_type",
        "model_used",
        "provider",
        "input_tokens",
        "output_tokens",
        "cache_write_tokens",
        "cache_read_tokens",
        "total_tokens",
        "cost",
        "latency_ms",
        "status",
        "error_message",
        "created_at",
      ].sort(),
    );
    expect(keys((actual.daily_usage as Json[])[0])).toEqual(["cost", "date", "requests", "tokens"]);
  });

  const users = Object.entries({ ...USERS, busy: busyUser, nobody: randomUUID() });
  for (const days of [1, 2, 11, 30, 31, 365]) {
    test.each(users)(`p_days = ${days}: %s equals the raw-log oracle`, async (_name, userId) => {
      const { actual, expected } = await reportAndOracle(userId, days);
      for (const key of Object.keys(expected))
        expect({ [key]: actual[key] }).toEqual({ [key]: expected[key] });
      expect(actual).toEqual(expected);
    });
  }

  test("recent_requests lists the newest 50, newest first, ties by id", async () => {
    const { actual } = await reportAndOracle(busyUser, 1);
    const recent = actual.recent_requests as Json[];
    expect(recent).toHaveLength(50);
    expect((actual.summary as Json).total_requests).toBe(55);
    // busy-0..4 share the oldest minute: they are the five left out.
    expect(recent.map((row) => row.request_id).sort()).not.toContain("busy-0");
    const keys = recent.map((row) => [Date.parse(row.created_at as string), row.id as string] as const);
    const sorted = [...keys].sort((a, b) => b[0] - a[0] || a[1].localeCompare(b[1]));
    expect(keys).toEqual(sorted);
  });

  test("an unpriced request's cost is null, not 0; a priced one has 6 decimals", async () => {
    const { actual } = await reportAndOracle(USERS.dave, 2);
    const recent = actual.recent_requests as Json[];
    expect(recent.map((row) => [row.model_used, row.cost])).toEqual([
      [UNPRICED_MODEL, null],
      [UNPRICED_MODEL, null],
    ]);
    expect(actual.summary).toMatchObject({ unpriced_requests: 2, total_cost_usd: 0, failed_requests: 1 });
    const alice = await reportAndOracle(USERS.alice, 1);
    // A prompt of 325k tokens (input, cache write and read) is above 200k: the whole request is at
    // Sonnet 4's long-context rates. 120k x $6 + 30k x $22.50 + 5k x $7.50 + 200k x $0.60, per
    // million: 0.72 + 0.675 + 0.0375 + 0.12
    expect(
      (alice.actual.recent_requests as Json[]).find((row) => row.model_used === "claude-sonnet-4-20250514"),
    ).toMatchObject({
      cost: 1.5525,
      cache_write_tokens: 5000,
      cache_read_tokens: 200_000,
      total_tokens: 355_000,
    });
  });
});
