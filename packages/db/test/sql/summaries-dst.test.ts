import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect, createIsolatedDatabase } from "./helpers/database.js";
import { logBatch } from "./helpers/events.js";
import { compareSummariesWithLog, reconcile } from "./helpers/summary-oracle.js";

// The summaries bucket requests by local day and month of the reporting time zone, also on the days
// the clocks change (a 23-hour spring day, a 25-hour autumn day with its hour twice) and at a month
// end an hour's offset away from UTC's. Fixed historical instants, written in local time with the
// offset in force then: the first ten characters are the day they must land on, the first seven
// their month. Each zone has a user of its own; the zone is global, so a database of its own.

const CASES: Record<string, string[]> = {
  "Europe/Berlin": [
    // Spring, 2026-03-29: 02:00 CET becomes 03:00 CEST.
    "2026-03-28T23:59:59+01:00",
    "2026-03-29T00:00:00+01:00",
    "2026-03-29T01:59:59+01:00",
    "2026-03-29T03:00:00+02:00",
    "2026-03-29T23:59:59+02:00",
    "2026-03-30T00:00:00+02:00",
    // April in Berlin, still March in UTC.
    "2026-03-31T23:59:59+02:00",
    "2026-04-01T00:00:00+02:00",
    // Autumn, 2025-10-26: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    "2025-10-25T23:59:59+02:00",
    "2025-10-26T00:00:00+02:00",
    "2025-10-26T02:30:00+02:00",
    "2025-10-26T02:30:00+01:00",
    "2025-10-26T23:59:59+01:00",
    "2025-10-27T00:00:00+01:00",
    // November in Berlin, still October in UTC.
    "2025-10-31T23:59:59+01:00",
    "2025-11-01T00:00:00+01:00",
  ],
  "America/New_York": [
    // Spring, 2026-03-08: 02:00 EST becomes 03:00 EDT.
    "2026-03-07T23:59:59-05:00",
    "2026-03-08T00:00:00-05:00",
    "2026-03-08T01:59:59-05:00",
    "2026-03-08T03:00:00-04:00",
    "2026-03-08T23:59:59-04:00",
    "2026-03-09T00:00:00-04:00",
    // Still March in New York, April in UTC.
    "2026-03-31T23:59:59-04:00",
    "2026-04-01T00:00:00-04:00",
    // Autumn, 2025-11-02: 02:00 EDT becomes 01:00 EST; 01:30 happens twice.
    "2025-11-01T23:59:59-04:00",
    "2025-11-02T00:00:00-04:00",
    "2025-11-02T01:30:00-04:00",
    "2025-11-02T01:30:00-05:00",
    "2025-11-02T23:59:59-05:00",
    "2025-11-03T00:00:00-05:00",
    // Still October in New York, November in UTC.
    "2025-10-31T23:59:59-04:00",
    "2025-11-01T00:00:00-04:00",
  ],
};

/** Requests per bucket, as the hand-written local times say. */
function countBy(localTimes: string[], bucketOf: (localTime: string) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const at of localTimes) counts[bucketOf(at)] = (counts[bucketOf(at)] ?? 0) + 1;
  return counts;
}
const localDay = (at: string) => at.slice(0, 10);
const localMonth = (at: string) => `${at.slice(0, 7)}-01`;

let client: pg.Client;
beforeAll(async () => {
  client = await connect(await createIsolatedDatabase("dst"));
});
afterAll(async () => {
  await client?.end();
});

async function requestsPer(table: "ai_usage_daily_by_user" | "ai_usage_summary", userId: string) {
  const bucket = table === "ai_usage_summary" ? "month" : "usage_date";
  const { rows } = await client.query<{ bucket: string; requests: number }>(
    `SELECT ${bucket}::text AS bucket, requests::int AS requests FROM ${table} WHERE user_id = $1 ORDER BY 1`,
    [userId],
  );
  return Object.fromEntries(rows.map((row) => [row.bucket, row.requests]));
}

async function expectLocalBuckets(zone: string, userId: string, localTimes: string[]): Promise<void> {
  expect(await requestsPer("ai_usage_daily_by_user", userId)).toEqual(countBy(localTimes, localDay));
  expect(await requestsPer("ai_usage_summary", userId)).toEqual(countBy(localTimes, localMonth));
  expect(await reconcile(client)).toMatchObject({ ok: true, mismatches: 0, time_zone: zone });
  for (const { expected, actual } of Object.values(await compareSummariesWithLog(client, zone))) {
    expect(actual).toEqual(expected);
  }
}

describe.each(Object.entries(CASES))("reporting in %s", (zone, localTimes) => {
  const userId = randomUUID();

  test("rows around both DST changes and at month ends land on their local day and month", async () => {
    await client.query("SELECT set_ai_reporting_time_zone($1)", [zone]);
    // As writes: the triggers bucket each row as it arrives.
    await logBatch(
      client,
      localTimes.map((at, i) => ({ user_id: userId, request_id: `dst-${zone}-${i}`, created_at: at })),
    );
    await expectLocalBuckets(zone, userId, localTimes);
  });

  test("a rebuild puts them in the same buckets", async () => {
    await client.query("SELECT rebuild_ai_usage_summaries()");
    await expectLocalBuckets(zone, userId, localTimes);
  });
});
