import type pg from "pg";
import { beforeAll, describe, expect, test } from "vitest";
import type { UsageEvent } from "./helpers/events.js";
import { reportDatabaseForThisFile, reportingZoneUnderTest } from "./helpers/report-database.js";
import { insertFixture } from "./helpers/report-fixture.js";
import { COST_SUMMARY_ORACLE_SQL } from "./helpers/user-report-oracle.js";

type Json = Record<string, unknown>;

const database = reportDatabaseForThisFile("cost_summary");
let client: pg.Client;
let events: UsageEvent[];
beforeAll(async () => {
  client = database.client;
  events = await insertFixture(client);
});

async function summaryAndOracle(): Promise<{ actual: Json; expected: Json; today: string }> {
  const { rows } = await client.query<{ actual: Json; expected: Json; today: string }>(
    `SELECT get_ai_cost_summary() AS actual, (${COST_SUMMARY_ORACLE_SQL}) AS expected,
            ((now() AT TIME ZONE reporting_time_zone)::date)::text AS today
     FROM ai_usage_settings`,
  );
  return rows[0]!;
}

describe("get_ai_cost_summary", () => {
  test("returns every documented key, and nothing else", async () => {
    const { actual } = await summaryAndOracle();
    expect(Object.keys(actual).sort()).toEqual(
      [
        "today",
        "yesterday",
        "this_week",
        "this_month",
        "last_month",
        "all_time",
        "requests_today",
        "requests_this_month",
        "unpriced_requests_this_month",
        "time_zone",
      ].sort(),
    );
  });

  test("equals the raw-log oracle, figure by figure", async () => {
    const { actual, expected } = await summaryAndOracle();
    for (const key of Object.keys(expected)) expect({ [key]: actual[key] }).toEqual({ [key]: expected[key] });
    expect(actual).toEqual(expected);
  });

  test("counts what the test inserted: requests today and this month, unpriced ones, all-time cost", async () => {
    const { actual, today } = await summaryAndOracle();
    const dateOf = (event: UsageEvent) => (event.created_at as string).slice(0, 10);
    const monthOf = (date: string) => date.slice(0, 7);
    expect(actual.requests_today).toBe(events.filter((event) => dateOf(event) === today).length);
    const thisMonth = events.filter(
      (event) => monthOf(dateOf(event)) === monthOf(today) && dateOf(event) <= today,
    );
    expect(actual.requests_this_month).toBe(thisMonth.length);
    expect(actual.unpriced_requests_this_month).toBe(
      thisMonth.filter((event) => event.model_used === "mystery-model-9000").length,
    );
    expect(actual.time_zone).toBe(reportingZoneUnderTest());
    const { rows } = await client.query(
      "SELECT round(sum(total_cost_usd), 2)::float8 AS total FROM ai_usage_log",
    );
    expect(actual.all_time).toBe(rows[0].total);
    expect(actual.all_time).toBeGreaterThan(0);
  });
});
