import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect, createIsolatedDatabase } from "./helpers/database.js";
import { logBatch, type UsageEvent } from "./helpers/events.js";
import { pick, randomInt, seededRandom } from "./helpers/random.js";

// The dashboard ranks users and customers by adding up signed summary rows: whole months, plus the
// window's days outside them, minus the months' days outside the window. Whatever the window, the
// sums must equal the raw log's. The windows here end in the past, so the subtracted days hold real
// rows (the reports' windows end today, where there is nothing after p_end to subtract).

const MODELS = ["claude-sonnet-4-20250514", "claude-haiku-4-5", "mistral-large-2411"]; // the last is unpriced
const FIRST_DAY = Date.parse("2025-11-20T00:00:00Z");
const DAYS = 130; // to 2026-03-29, across a year boundary and a February

let client: pg.Client;
beforeAll(async () => {
  client = await connect(await createIsolatedDatabase("window_rows"));
  const random = seededRandom(20261128);
  const users = Array.from({ length: 7 }, () => randomUUID());
  const events: UsageEvent[] = Array.from({ length: 1500 }, (_, i) => {
    const customer = randomInt(random, 0, 3);
    return {
      user_id: pick(random, users),
      request_id: `window-${i}`,
      model_used: pick(random, MODELS),
      input_tokens: randomInt(random, 1, 5000),
      output_tokens: randomInt(random, 0, 2000),
      cache_read_tokens: randomInt(random, 0, 3) === 0 ? randomInt(random, 1, 9000) : 0,
      ...(customer > 0 ? { customer_id: customer, customer_name: `Customer ${customer}` } : {}),
      created_at: new Date(FIRST_DAY + Math.floor(random() * DAYS * 86_400_000)).toISOString(),
    };
  });
  await logBatch(client, events);
});
afterAll(async () => {
  await client?.end();
});

// [start, end]: ragged both ends, month-aligned ends, the 1st, the last day, one day, one month,
// February, across the year boundary, and windows with no summary rows at all.
const WINDOWS: [string, string][] = [
  ["2025-11-25", "2026-03-10"],
  ["2025-12-01", "2026-02-28"],
  ["2025-12-02", "2026-01-31"],
  ["2025-12-31", "2026-01-01"],
  ["2026-01-01", "2026-01-01"],
  ["2026-01-17", "2026-01-17"],
  ["2026-01-03", "2026-01-29"],
  ["2026-01-16", "2026-02-14"],
  ["2026-02-01", "2026-02-28"],
  ["2026-02-02", "2026-03-01"],
  ["2026-01-30", "2026-03-02"],
  ["2025-06-01", "2026-12-31"],
  ["2024-01-01", "2024-03-31"],
];

describe("_ai_usage_whole_months", () => {
  test.each([
    // A start in the first half of its month reads the month minus its earlier days; in the second
    // half, the days from p_start on. The end month is read whole (minus nothing yet to come)
    // unless p_end is the 1st.
    ["2026-01-03", "2026-01-29", ["2026-01-01", "2026-02-01"]],
    ["2026-01-17", "2026-02-14", ["2026-02-01", "2026-03-01"]],
    ["2025-11-29", "2026-11-28", ["2025-12-01", "2026-12-01"]],
    ["2026-10-30", "2026-11-28", ["2026-11-01", "2026-12-01"]],
    ["2026-02-01", "2026-03-01", ["2026-02-01", "2026-03-01"]],
    // No whole month in reach: days only.
    ["2026-01-20", "2026-01-25", ["2026-01-20", "2026-01-20"]],
    ["2026-01-01", "2026-01-01", ["2026-01-01", "2026-01-01"]],
  ])("[%s, %s] reads whole months %j", async (start, end, months) => {
    const { rows } = await client.query(
      "SELECT ai_usage_private._ai_usage_whole_months($1::date, $2::date)::text[] AS months",
      [start, end],
    );
    expect(rows[0].months).toEqual(months);
  });
});

describe("signed window rows add up to the raw log", () => {
  test.each(WINDOWS)("per user, [%s, %s]", async (start, end) => {
    const window = `(SELECT (created_at AT TIME ZONE 'UTC')::date AS day, * FROM ai_usage_log) l
                    WHERE l.day BETWEEN $1::date AND $2::date`;
    const expected = await client.query(
      `SELECT user_id::text, count(*)::text AS requests,
              count(*) FILTER (WHERE total_cost_usd IS NULL)::text AS unpriced_requests,
              sum(input_tokens)::text AS input_tokens, sum(output_tokens)::text AS output_tokens,
              sum(cache_write_5m_tokens + cache_write_1h_tokens)::text AS cache_write_tokens,
              sum(cache_read_tokens)::text AS cache_read_tokens, sum(total_tokens)::text AS total_tokens,
              coalesce(sum(total_cost_usd), 0)::numeric(24,12)::text AS total_cost_usd
       FROM ${window} GROUP BY user_id ORDER BY user_id`,
      [start, end],
    );
    const actual = await client.query(
      `SELECT user_id::text, sum(requests)::text AS requests, sum(unpriced_requests)::text AS unpriced_requests,
              sum(input_tokens)::text AS input_tokens, sum(output_tokens)::text AS output_tokens,
              sum(cache_write_tokens)::text AS cache_write_tokens, sum(cache_read_tokens)::text AS cache_read_tokens,
              sum(total_tokens)::text AS total_tokens, sum(total_cost_usd)::numeric(24,12)::text AS total_cost_usd
       FROM ai_usage_private._ai_usage_user_window($1::date, $2::date)
       GROUP BY user_id HAVING sum(requests) > 0 ORDER BY user_id`,
      [start, end],
    );
    expect(actual.rows).toEqual(expected.rows);
  });

  test.each(WINDOWS)("per customer and user, [%s, %s]", async (start, end) => {
    const expected = await client.query(
      `SELECT customer_id, user_id::text, count(*)::text AS requests, sum(total_tokens)::text AS total_tokens,
              coalesce(sum(total_cost_usd), 0)::numeric(24,12)::text AS total_cost_usd
       FROM ai_usage_log
       WHERE customer_id IS NOT NULL AND (created_at AT TIME ZONE 'UTC')::date BETWEEN $1::date AND $2::date
       GROUP BY customer_id, user_id ORDER BY customer_id, user_id`,
      [start, end],
    );
    const actual = await client.query(
      `SELECT customer_id, user_id::text, sum(requests)::text AS requests, sum(total_tokens)::text AS total_tokens,
              sum(total_cost_usd)::numeric(24,12)::text AS total_cost_usd
       FROM ai_usage_private._ai_usage_customer_window($1::date, $2::date)
       GROUP BY customer_id, user_id HAVING sum(requests) > 0 ORDER BY customer_id, user_id`,
      [start, end],
    );
    expect(actual.rows).toEqual(expected.rows);
  });

  test("the windows cover rows on both sides (the fixture is not trivially empty)", async () => {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n, count(DISTINCT date_trunc('month', created_at))::int AS months,
              count(DISTINCT customer_id)::int AS customers FROM ai_usage_log`,
    );
    expect(rows[0]).toEqual({ n: 1500, months: 5, customers: 3 });
  });
});
