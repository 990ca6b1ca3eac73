import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { logBatch, type UsageEvent } from "./helpers/events.js";
import { todayStart } from "./helpers/local-days.js";
import { reportDatabaseForThisFile } from "./helpers/report-database.js";

// by_user and by_customer list the top 25 by cost, most expensive first, ties by id. 27 users and
// 27 customers, each with one Claude Sonnet 4 request today costing input_tokens x $3 per million;
// two pairs cost the same, to check the tie order.

type Json = Record<string, unknown>;
interface Spender {
  id: string;
  customerId: number;
  inputTokens: number;
}

const spenders: Spender[] = Array.from({ length: 27 }, (_, i) => ({
  id: randomUUID(),
  customerId: 1000 + ((i * 7) % 27), // customer ids not in cost order
  // Distinct costs, except i = 3/4 and i = 20/21, which tie. At most 31k tokens: below the
  // 200k prompt above which Sonnet 4's long-context rate ($6) would apply.
  inputTokens: 1_000 * (30 - i) + (i === 4 || i === 21 ? 1_000 : 0),
}));

const database = reportDatabaseForThisFile("top25");
let dashboard: Json;
beforeAll(async () => {
  const client = database.client;
  const today = await todayStart(client);
  const events: UsageEvent[] = spenders.map((spender, i) => ({
    user_id: spender.id,
    user_email: `spender${i}@example.com`,
    customer_id: spender.customerId,
    customer_name: `Customer ${spender.customerId}`,
    input_tokens: spender.inputTokens,
    output_tokens: 0,
    created_at: new Date(today.getTime() + i * 1000).toISOString(),
  }));
  await logBatch(client, events);
  // An unpriced request (cost 0 in the ranking) for one more user, who must not push anyone out.
  await logBatch(client, [
    { user_id: randomUUID(), model_used: "unpriced-model", created_at: today.toISOString() },
  ]);
  const { rows } = await client.query("SELECT get_ai_usage_dashboard(1) AS dashboard");
  dashboard = rows[0].dashboard;
});

/** The 25 most expensive, by cost desc then id asc (uuid order is the order of its hex text). */
function top25<T>(items: T[], cost: (item: T) => number, id: (item: T) => string | number): T[] {
  const byId = (a: T, b: T) => {
    const [x, y] = [id(a), id(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return [...items].sort((a, b) => cost(b) - cost(a) || byId(a, b)).slice(0, 25);
}

describe("top-25 lists", () => {
  test("by_user: the 25 most expensive users, cost desc, ties by user id", () => {
    const expected = top25(
      spenders,
      (s) => s.inputTokens,
      (s) => s.id,
    ).map((s) => ({ user_id: s.id, total_cost: (s.inputTokens * 3) / 1_000_000 }));
    const byUser = dashboard.by_user as Json[];
    expect(byUser.map((user) => ({ user_id: user.user_id, total_cost: user.total_cost }))).toEqual(expected);
    // The two cheapest spenders and the unpriced user are left out.
    expect((dashboard.summary as Json).unique_users).toBe(28);
  });

  test("by_customer: the 25 most expensive customers, cost desc, ties by customer id", () => {
    const expected = top25(
      spenders,
      (s) => s.inputTokens,
      (s) => s.customerId,
    ).map((s) => ({
      customer_id: s.customerId,
      total_cost: (s.inputTokens * 3) / 1_000_000,
      unique_users: 1,
    }));
    const byCustomer = dashboard.by_customer as Json[];
    expect(
      byCustomer.map((c) => ({
        customer_id: c.customer_id,
        total_cost: c.total_cost,
        unique_users: c.unique_users,
      })),
    ).toEqual(expected);
  });

  test("the ties really are ties", () => {
    const costs = (dashboard.by_user as Json[]).map((user) => user.total_cost as number);
    expect(new Set(costs).size).toBe(23);
  });
});
