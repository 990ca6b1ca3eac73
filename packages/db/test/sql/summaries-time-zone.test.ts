import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect, createIsolatedDatabase } from "./helpers/database.js";
import { expectSqlError } from "./helpers/errors.js";
import { logBatch } from "./helpers/events.js";
import { compareSummariesWithLog, reconcile } from "./helpers/summary-oracle.js";

// The reporting time zone decides which day and month a request belongs to. Changing it rebuilds
// every summary; it is global, so this runs in a database of its own.

const userId = randomUUID();
let client: pg.Client;

beforeAll(async () => {
  client = await connect(await createIsolatedDatabase("time_zone"));
  await logBatch(client, [
    // 03:00 UTC is 22:00 the evening before in New York (EST, UTC-5).
    { user_id: userId, request_id: "jan-10", customer_id: 9, created_at: "2026-01-10T03:00:00Z" },
    // 03:00 UTC on the 1st of February is still January in New York.
    { user_id: userId, request_id: "feb-01", customer_id: 9, created_at: "2026-02-01T03:00:00Z" },
    { user_id: userId, request_id: "jan-15", created_at: "2026-01-15T15:00:00Z" },
  ]);
});
afterAll(async () => {
  await client.end();
});

async function setZone(zone: string): Promise<string> {
  const { rows } = await client.query<{ zone: string }>("SELECT set_ai_reporting_time_zone($1) AS zone", [
    zone,
  ]);
  return rows[0]!.zone;
}

/** The user's days and months as the summaries hold them. */
async function buckets(): Promise<{
  days: string[];
  months: string[];
  customerDays: string[];
  customerMonths: string[];
}> {
  const list = async (sql: string) =>
    (await client.query<{ bucket: string }>(sql, [userId])).rows.map((row) => row.bucket);
  return {
    days: await list(
      "SELECT usage_date::text AS bucket FROM ai_usage_daily_by_user WHERE user_id = $1 ORDER BY 1",
    ),
    months: await list("SELECT month::text AS bucket FROM ai_usage_summary WHERE user_id = $1 ORDER BY 1"),
    customerDays: await list(
      "SELECT usage_date::text AS bucket FROM ai_usage_daily_by_customer WHERE user_id = $1 ORDER BY 1",
    ),
    customerMonths: await list(
      "SELECT month::text AS bucket FROM ai_usage_monthly_by_customer WHERE user_id = $1 ORDER BY 1",
    ),
  };
}

async function expectExact(zone: string): Promise<void> {
  expect(await reconcile(client)).toMatchObject({ ok: true, mismatches: 0, time_zone: zone });
  for (const { expected, actual } of Object.values(await compareSummariesWithLog(client, zone))) {
    expect(actual).toEqual(expected);
  }
}

describe("the reporting time zone", () => {
  test("is UTC by default", async () => {
    expect(await buckets()).toEqual({
      days: ["2026-01-10", "2026-01-15", "2026-02-01"],
      months: ["2026-01-01", "2026-02-01"],
      customerDays: ["2026-01-10", "2026-02-01"],
      customerMonths: ["2026-01-01", "2026-02-01"],
    });
    await expectExact("UTC");
  });

  test("set_ai_reporting_time_zone('America/New_York') rebuilds every summary in that zone", async () => {
    expect(await setZone("America/New_York")).toBe("America/New_York");
    expect(await buckets()).toEqual({
      days: ["2026-01-09", "2026-01-15", "2026-01-31"],
      months: ["2026-01-01"],
      customerDays: ["2026-01-09", "2026-01-31"],
      customerMonths: ["2026-01-01"],
    });
    await expectExact("America/New_York");
    const { rows } = await client.query("SELECT get_ai_cost_summary() ->> 'time_zone' AS zone");
    expect(rows).toEqual([{ zone: "America/New_York" }]);
    // Reports use the zone's days too.
    const report = await client.query("SELECT get_user_ai_usage($1, 3660) AS usage", [userId]);
    const { period, daily_usage } = report.rows[0].usage;
    expect(period.time_zone).toBe("America/New_York");
    const days = (daily_usage as { date: string; requests: number }[]).filter((day) => day.requests > 0);
    expect(days.map((day) => day.date)).toEqual(["2026-01-09", "2026-01-15", "2026-01-31"]);
  });

  test("new usage is bucketed in the new zone too", async () => {
    await logBatch(client, [{ user_id: userId, request_id: "jan-20", created_at: "2026-01-20T04:59:59Z" }]);
    expect((await buckets()).days).toContain("2026-01-19");
    await expectExact("America/New_York");
  });

  test("an unknown zone raises 22023 and changes nothing", async () => {
    const before = await buckets();
    await expectSqlError(setZone("Mars/Olympus_Mons"), "22023", /unknown time zone/);
    await expectSqlError(setZone(""), "22023", /unknown time zone/);
    expect(await buckets()).toEqual(before);
    await expectExact("America/New_York");
  });

  test("a zone name in other letter case is stored in its canonical spelling", async () => {
    expect(await setZone("europe/berlin")).toBe("Europe/Berlin");
    await expectExact("Europe/Berlin");
  });

  test("back to UTC, the row of 2026-01-10T03:00:00Z is on 2026-01-10 again", async () => {
    expect(await setZone("UTC")).toBe("UTC");
    expect(await buckets()).toEqual({
      days: ["2026-01-10", "2026-01-15", "2026-01-20", "2026-02-01"],
      months: ["2026-01-01", "2026-02-01"],
      customerDays: ["2026-01-10", "2026-02-01"],
      customerMonths: ["2026-01-01", "2026-02-01"],
    });
    await expectExact("UTC");
  });
});
