import type pg from "pg";
import { beforeAll, describe, expect, test } from "vitest";
import { DASHBOARD_AS_OF_ORACLE_SQL, DASHBOARD_ORACLE_SQL } from "./helpers/dashboard-oracle.js";
import { reportDatabaseForThisFile } from "./helpers/report-database.js";
import { insertFixture, UNPRICED_MODEL, USERS } from "./helpers/report-fixture.js";

// A database of its own: the dashboard adds up everything in the log.
const database = reportDatabaseForThisFile("dashboard");
let client: pg.Client;
beforeAll(async () => {
  client = database.client;
  await insertFixture(client);
});

type Json = Record<string, unknown>;

/** The report and its oracle, computed in one statement (one now()). */
async function dashboardAndOracle(days: number): Promise<{ actual: Json; expected: Json }> {
  const { rows } = await client.query<{ actual: Json; expected: Json }>(
    `SELECT get_ai_usage_dashboard($1) AS actual, (${DASHBOARD_ORACLE_SQL}) AS expected`,
    [days],
  );
  return rows[0]!;
}

describe("get_ai_usage_dashboard", () => {
  test("returns every documented key, and nothing else", async () => {
    const { actual } = await dashboardAndOracle(30);
    expect(Object.keys(actual).sort()).toEqual(
      [
        "summary",
        "costs",
        "by_user",
        "by_customer",
        "daily_trend",
        "by_request_type",
        "current_month",
        "previous_month",
        "by_model",
        "unpriced_models",
        "period",
      ].sort(),
    );
    const keys = (value: unknown) => Object.keys(value as Json).sort();
    expect(keys(actual.period)).toEqual(["days", "end_date", "start_date", "time_zone"]);
    expect(keys(actual.summary)).toEqual(
      [
        "total_requests",
        "successful_requests",
        "failed_requests",
        "total_input_tokens",
        "total_output_tokens",
        "total_cache_write_tokens",
        "total_cache_read_tokens",
        "total_tokens",
        "total_cost_usd",
        "avg_tokens_per_request",
        "avg_cost_per_request",
        "avg_latency_ms",
        "unpriced_requests",
        "unique_users",
      ].sort(),
    );
    expect(keys(actual.costs)).toEqual(
      [
        "input_cost_usd",
        "output_cost_usd",
        "cache_write_cost_usd",
        "cache_read_cost_usd",
        "total_cost_usd",
        "cost_per_1k_tokens",
        "cache_savings_usd",
      ].sort(),
    );
    const first = (list: unknown) => keys((list as Json[])[0]);
    expect(first(actual.by_user)).toEqual(
      [
        "user_id",
        "user_email",
        "request_count",
        "input_tokens",
        "output_tokens",
        "cache_write_tokens",
        "cache_read_tokens",
        "total_tokens",
        "total_cost",
        "avg_cost_per_request",
        "last_request",
      ].sort(),
    );
    expect(first(actual.by_customer)).toEqual(
      ["customer_id", "customer_name", "request_count", "total_tokens", "total_cost", "unique_users"].sort(),
    );
    expect(first(actual.daily_trend)).toEqual(["cost", "date", "requests", "tokens", "unique_users"]);
    expect(first(actual.by_request_type)).toEqual(["avg_latency", "cost", "count", "request_type", "tokens"]);
    expect(first(actual.by_model)).toEqual(
      [
        "provider",
        "model_used",
        "requests",
        "input_tokens",
        "output_tokens",
        "cache_write_tokens",
        "cache_read_tokens",
        "total_tokens",
        "cost",
        "unpriced_requests",
      ].sort(),
    );
    expect(first(actual.unpriced_models)).toEqual([
      "last_request",
      "model_used",
      "provider",
      "requests",
      "total_tokens",
    ]);
    expect(keys(actual.current_month)).toEqual(["cost_usd", "requests", "tokens"]);
    expect(keys(actual.previous_month)).toEqual(["cost_usd", "requests", "tokens"]);
  });

  test.each([1, 2, 7, 11, 30, 31, 90, 400])(
    "p_days = %s equals the raw-log oracle, figure by figure",
    async (days) => {
      const { actual, expected } = await dashboardAndOracle(days);
      for (const key of Object.keys(expected))
        expect({ [key]: actual[key] }).toEqual({ [key]: expected[key] });
      expect(actual).toEqual(expected);
    },
  );

  // Long windows add whole calendar months from the monthly summaries and the ragged ends from the
  // daily ones: windows starting on, just after and just before a first of the month.
  test.each([
    ["the 1st of last month", 0],
    ["the 2nd of last month", -1],
    ["the last day of the month before last", 1],
    ["the 1st of the month a year ago", 0, 12],
  ])("a window starting on %s equals the raw-log oracle", async (_what, shift, monthsBack = 1) => {
    const { rows } = await client.query<{ days: number }>(
      `SELECT (now() AT TIME ZONE reporting_time_zone)::date
              - (date_trunc('month', now() AT TIME ZONE reporting_time_zone) - make_interval(months => $1))::date
              + 1 + $2 AS days
       FROM ai_usage_settings`,
      [monthsBack, shift],
    );
    const { actual, expected } = await dashboardAndOracle(rows[0]!.days);
    expect(actual).toEqual(expected);
  });

  // The dashboard's body takes the window's last day (the mid-month benchmark times past windows on
  // data cut at that day); on data that goes on after it, later rows must not count.
  test.each([
    [30, 1],
    [30, 9],
    [30, 15],
    [7, 8],
    [90, 20],
    [400, 35],
  ])(
    "_ai_usage_dashboard(%s days, ending %s days ago) equals the oracle for that window",
    async (days, back) => {
      const day = await client.query<{ d: string }>(
        "SELECT ((now() AT TIME ZONE reporting_time_zone)::date - $1::integer)::text AS d FROM ai_usage_settings",
        [back],
      );
      const { rows } = await client.query<{ actual: Json; expected: Json }>(
        `SELECT ai_usage_private._ai_usage_dashboard($1, $2::date) AS actual, (${DASHBOARD_AS_OF_ORACLE_SQL}) AS expected`,
        [days, day.rows[0]!.d],
      );
      expect(rows[0]!.actual).toEqual(rows[0]!.expected);
      expect((rows[0]!.actual.summary as Json).total_requests).toBeGreaterThan(0);
    },
  );

  test("the oracle itself sees the fixture: hand-checked figures for the last 30 days", async () => {
    const { actual } = await dashboardAndOracle(30);
    const summary = actual.summary as Json;
    // 6 today + 3 yesterday + 2 ten days ago + 1 at day 29; day 30 and older (the mid-month rows
    // are 31 to 61 days back) are out.
    expect(summary).toMatchObject({
      total_requests: 12,
      failed_requests: 2,
      unpriced_requests: 2,
      unique_users: 4,
    });
    // 120k + 50k + 80k + 10k + 7k + 1k + 200k + 30k + 1k + 500k + 1M + 90k
    expect(summary.total_input_tokens).toBe(2_089_000);
    const byUser = actual.by_user as Json[];
    expect(byUser.map((user) => user.user_id)).toEqual([USERS.alice, USERS.bob, USERS.carol, USERS.dave]);
    // Alice's latest email wins over the old one; Carol never gave one.
    expect(byUser.map((user) => user.user_email)).toEqual([
      "alice@example.com",
      "bob@example.com",
      "Unknown",
      "dave@example.com",
    ]);
    // The renamed customer shows its latest name.
    expect((actual.by_customer as Json[]).find((customer) => customer.customer_id === 1)).toMatchObject({
      customer_name: "Acme",
      unique_users: 4,
    });
    // Dave's unpriced requests count, and cost nothing rather than a made-up amount.
    expect(byUser[3]).toMatchObject({ request_count: 2, total_cost: 0, avg_cost_per_request: 0 });
    expect(actual.unpriced_models).toEqual([
      expect.objectContaining({
        provider: "unknown",
        model_used: UNPRICED_MODEL,
        requests: 2,
        total_tokens: 12_000,
      }),
    ]);
  });
});
