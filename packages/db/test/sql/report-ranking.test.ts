import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect, createIsolatedDatabase } from "./helpers/database.js";
import { logBatch, type UsageEvent } from "./helpers/events.js";
import { pick, randomInt, seededRandom } from "./helpers/random.js";

// The dashboard's top users and customers (_ai_usage_top_users, _ai_usage_top_customers). A window
// with a long ragged start edge is ranked by pruning: bounds from month rows rule out who cannot
// make the top N, and only the rest are read in full. Whatever the window and N, the result must be
// exactly the raw log's top N, ties by id. Spend is skewed (a few users and customers spend most) as
// in real use and in the benchmark, so the bounds do prune; two "twin" users and two twin customers
// spend identically, to check ties. Windows end in the past, so days after the end hold real rows.

const MODELS = ["claude-sonnet-4-20250514", "claude-haiku-4-5", "claude-opus-4-1", "mistral-large-2411"]; // the last is unpriced
const FIRST_DAY = Date.parse("2025-11-20T00:00:00Z");
const DAYS = 130; // to 2026-03-29
const USERS = 40;
const CUSTOMERS = 12;

let client: pg.Client;
beforeAll(async () => {
  client = await connect(await createIsolatedDatabase("ranking"));
  const random = seededRandom(20261129);
  const users = Array.from({ length: USERS }, () => randomUUID());
  const twin = randomUUID();
  // Zipf-like: user i is picked with weight 1 / (i + 1).
  const weights = users.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const pickUser = (): number => {
    let r = random() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r <= 0) return i;
    }
    return weights.length - 1;
  };
  const events: UsageEvent[] = [];
  for (let i = 0; i < 3000; i++) {
    const user = pickUser();
    const customer = randomInt(random, 0, CUSTOMERS) === 0 ? null : 1 + (pickUser() % CUSTOMERS);
    const event: UsageEvent = {
      user_id: users[user],
      request_id: `rank-${i}`,
      model_used: pick(random, MODELS),
      input_tokens: randomInt(random, 1, 20_000),
      output_tokens: randomInt(random, 0, 4000),
      cache_read_tokens: randomInt(random, 0, 3) === 0 ? randomInt(random, 1, 9000) : 0,
      status: randomInt(random, 0, 19) === 0 ? "error" : "success",
      ...(customer === null ? {} : { customer_id: customer, customer_name: `Customer ${customer}` }),
      created_at: new Date(FIRST_DAY + Math.floor(random() * DAYS * 86_400_000)).toISOString(),
    };
    events.push(event);
    // The twins: every request of user 2 is repeated by a user of its own, so they tie in every window.
    if (user === 2) events.push({ ...event, user_id: twin, request_id: `rank-${i}-twin` });
  }
  // And every request for customer 2 is repeated for customer 13.
  for (const event of events.filter((e) => e.customer_id === 2)) {
    events.push({
      ...event,
      customer_id: 13,
      customer_name: "Customer 13",
      request_id: `${event.request_id}-c13`,
    });
  }
  for (let i = 0; i < events.length; i += 1000) await logBatch(client, events.slice(i, i + 1000));
});
afterAll(async () => {
  await client?.end();
});

// [start, end, pruned?]: long ragged start edges (pruned), with little or much of the window after
// the start month, across the year boundary and February; and windows that are not pruned.
const WINDOWS: [string, string, boolean][] = [
  ["2025-12-12", "2026-01-10", true],
  ["2025-12-16", "2026-01-14", true],
  ["2026-01-14", "2026-02-12", true],
  ["2026-02-11", "2026-03-12", true],
  ["2026-01-20", "2026-02-03", true],
  ["2025-12-15", "2026-03-20", true],
  ["2026-02-14", "2026-03-01", true],
  ["2026-03-15", "2026-04-13", true], // reaches past the last row
  ["2026-01-03", "2026-02-01", false], // a short edge
  ["2026-01-25", "2026-02-24", false],
  ["2026-01-01", "2026-01-31", false], // the 1st
  ["2026-02-10", "2026-02-20", false], // inside one month
  ["2024-01-12", "2024-02-20", true], // no rows at all
];
const LIMITS = [1, 3, 10, 100];

describe("_ai_usage_worth_pruning", () => {
  test.each(WINDOWS)("[%s, %s] prunes: %s", async (start, end, pruned) => {
    const { rows } = await client.query(
      "SELECT ai_usage_private._ai_usage_worth_pruning($1::date, $2::date) AS pruned",
      [start, end],
    );
    expect(rows[0].pruned).toBe(pruned);
  });
});

const USER_ORACLE = `
  SELECT user_id::text, count(*)::text AS requests,
         count(*) FILTER (WHERE total_cost_usd IS NULL)::text AS unpriced_requests,
         sum(input_tokens)::text AS input_tokens, sum(output_tokens)::text AS output_tokens,
         sum(cache_write_5m_tokens + cache_write_1h_tokens)::text AS cache_write_tokens,
         sum(cache_read_tokens)::text AS cache_read_tokens, sum(total_tokens)::text AS total_tokens,
         coalesce(sum(total_cost_usd), 0)::numeric(24,12)::text AS total_cost_usd,
         (count(*) OVER ())::text AS active_users
  FROM ai_usage_log
  WHERE (created_at AT TIME ZONE ai_usage_private.ai_usage_reporting_time_zone())::date BETWEEN $1::date AND $2::date
  GROUP BY user_id
  ORDER BY coalesce(sum(total_cost_usd), 0) DESC, user_id LIMIT $3`;

const USER_RANKING = `
  SELECT user_id::text, requests::text, unpriced_requests::text, input_tokens::text, output_tokens::text,
         cache_write_tokens::text, cache_read_tokens::text, total_tokens::text,
         total_cost_usd::numeric(24,12)::text, active_users::text
  FROM ai_usage_private._ai_usage_top_users($1::date, $2::date, $3)`;

const CUSTOMER_ORACLE = `
  SELECT customer_id, count(*)::text AS requests, sum(total_tokens)::text AS total_tokens,
         coalesce(sum(total_cost_usd), 0)::numeric(24,12)::text AS total_cost_usd,
         count(DISTINCT user_id)::text AS unique_users
  FROM ai_usage_log
  WHERE customer_id IS NOT NULL
    AND (created_at AT TIME ZONE ai_usage_private.ai_usage_reporting_time_zone())::date BETWEEN $1::date AND $2::date
  GROUP BY customer_id
  ORDER BY coalesce(sum(total_cost_usd), 0) DESC, customer_id LIMIT $3`;

const CUSTOMER_RANKING = `
  SELECT customer_id, requests::text, total_tokens::text, total_cost_usd::numeric(24,12)::text, unique_users::text
  FROM ai_usage_private._ai_usage_top_customers($1::date, $2::date, $3)`;

describe.each(LIMITS)("the top %i equal the raw log's", (limit) => {
  test.each(WINDOWS)("users, [%s, %s]", async (start, end) => {
    const expected = await client.query(USER_ORACLE, [start, end, limit]);
    const actual = await client.query(USER_RANKING, [start, end, limit]);
    expect(actual.rows).toEqual(expected.rows);
  });

  test.each(WINDOWS)("customers, [%s, %s]", async (start, end) => {
    const expected = await client.query(CUSTOMER_ORACLE, [start, end, limit]);
    const actual = await client.query(CUSTOMER_RANKING, [start, end, limit]);
    expect(actual.rows).toEqual(expected.rows);
  });
});

describe("the fixture exercises what it claims", () => {
  test("the twins tie, and sit inside the top 10 of a pruned window", async () => {
    const { rows } = await client.query(USER_RANKING, ["2026-01-14", "2026-02-12", 10]);
    const costs = rows.map((row) => row.total_cost_usd);
    expect(new Set(costs).size).toBeLessThan(costs.length);
    const customers = await client.query(CUSTOMER_RANKING, ["2026-01-14", "2026-02-12", 10]);
    const ids = customers.rows.map((row) => row.customer_id);
    expect(ids).toEqual(expect.arrayContaining([2, 13]));
    expect(customers.rows[ids.indexOf(2)].total_cost_usd).toBe(
      customers.rows[ids.indexOf(13)].total_cost_usd,
    );
  });

  test("at least one user active only in a pruned window's start month is counted", async () => {
    // Users whose only requests in [2026-01-14, 2026-02-12] fall before February: their activity is
    // known from the January row's latest request alone.
    const { rows } = await client.query(
      `SELECT count(DISTINCT user_id)::int AS n FROM ai_usage_log l
       WHERE l.created_at >= '2026-01-14' AND l.created_at < '2026-02-01'
         AND NOT EXISTS (SELECT 1 FROM ai_usage_log m WHERE m.user_id = l.user_id
                         AND m.created_at >= '2026-02-01' AND m.created_at < '2026-02-13')`,
    );
    expect(rows[0].n).toBeGreaterThan(0);
  });
});

describe("in another reporting time zone", () => {
  beforeAll(async () => {
    await client.query("SELECT set_ai_reporting_time_zone('Pacific/Auckland')");
  });

  test.each(WINDOWS.slice(0, 6))("users and customers, [%s, %s]", async (start, end) => {
    for (const limit of [3, 10]) {
      expect((await client.query(USER_RANKING, [start, end, limit])).rows).toEqual(
        (await client.query(USER_ORACLE, [start, end, limit])).rows,
      );
      expect((await client.query(CUSTOMER_RANKING, [start, end, limit])).rows).toEqual(
        (await client.query(CUSTOMER_ORACLE, [start, end, limit])).rows,
      );
    }
  });
});

describe("costs are never negative (the bounds rely on it)", () => {
  test("a log row with a negative rate is refused", async () => {
    await expect(
      client.query(
        `INSERT INTO ai_usage_log (user_id, request_id, request_type, model_used, provider, input_tokens, output_tokens,
                                   input_price_per_mtok, output_price_per_mtok, cache_write_5m_price_per_mtok,
                                   cache_write_1h_price_per_mtok, cache_read_price_per_mtok)
         VALUES (gen_random_uuid(), 'negative-rate', 'chat', 'some-model', 'anthropic', 10, 10, -1, 1, 1, 1, 1)`,
      ),
    ).rejects.toMatchObject({ code: "23514", constraint: "ai_usage_log_price_check" });
  });
});
