import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect, createIsolatedDatabase } from "../sql/helpers/database.js";
import { randomInt, seededRandom } from "../sql/helpers/random.js";
import { reportingZoneUnderTest } from "../sql/helpers/report-database.js";
import { addDollarModel, logUsage, reconcileOk, reserve, setBudget, statusOf } from "./budget-support.js";

// The promise of budgets, tested the way it can fail: many callers at once, each reserving a
// random upper bound, then logging a real cost at most that bound with the hold's id. With holds
// that are true upper bounds, settled spend never exceeds a hard limit; every refusal is made
// while spent + held + request > limit (read from the refusal itself, decided under the lock); no
// caller ever sees an error (a deadlock, 40P01, would be one); reconcile is exact at the end.
// `pnpm bench` runs the same race with 64 callers and times it; 32 here keep CI's 2 cores honest.

const CALLERS = 32;
const MICRO = 1_000_000;

interface Outcome {
  admitted: number;
  refused: number;
  badRefusals: string[];
  errors: string[];
}

/** One caller: reserve, then log a cost within the bound, until refused `stopAfter` times. */
async function caller(
  url: string,
  seed: number,
  pickTarget: (random: () => number) => { userId: string; customerId: number | null },
  model: string,
  stopAfter: number,
): Promise<Outcome> {
  const client = await connect(url);
  const random = seededRandom(seed);
  const outcome: Outcome = { admitted: 0, refused: 0, badRefusals: [], errors: [] };
  try {
    while (outcome.refused < stopAfter) {
      const target = pickTarget(random);
      // Bounds in whole micro-dollars, so the sums below are exact.
      const bound = randomInt(random, 5_000, 60_000);
      try {
        const answer = await reserve(client, {
          user_id: target.userId,
          customer_id: target.customerId,
          max_cost_usd: bound / MICRO,
        });
        if (!answer.admitted) {
          outcome.refused++;
          const b = answer.budget;
          const total = Math.round(((b.spent_usd ?? 0) + (b.held_usd ?? 0) + (b.request_usd ?? 0)) * MICRO);
          if (!(total > Math.round((b.limit_usd ?? 0) * MICRO))) outcome.badRefusals.push(JSON.stringify(b));
          continue;
        }
        outcome.admitted++;
        // The real cost: half the time the whole bound (the worst case a true bound allows, and
        // the one where an admission race would show as overspend), else anything below it.
        const tokens = random() < 0.5 ? bound : randomInt(random, 0, bound);
        await logUsage(client, { ...target, model, tokens, holdId: answer.hold_id });
      } catch (error) {
        outcome.errors.push(error instanceof Error ? error.message : String(error));
        return outcome;
      }
    }
    return outcome;
  } finally {
    await client.end();
  }
}

function total(outcomes: Outcome[]) {
  return {
    admitted: outcomes.reduce((n, o) => n + o.admitted, 0),
    refused: outcomes.reduce((n, o) => n + o.refused, 0),
    badRefusals: outcomes.flatMap((o) => o.badRefusals),
    errors: outcomes.flatMap((o) => o.errors),
  };
}

let url: string;
let client: pg.Client;
let model: string;
beforeAll(async () => {
  url = await createIsolatedDatabase("budget_race");
  client = await connect(url);
  // Periods are days, weeks and months of the reporting zone: the clock matrix sets one.
  await client.query("select public.set_ai_reporting_time_zone($1)", [reportingZoneUnderTest()]);
  model = await addDollarModel(client);
});
afterAll(() => client?.end());

describe(`${CALLERS} callers racing`, () => {
  test("one $1.00 hard budget: settled spend never exceeds it, every refusal was right, no errors, reconcile exact", async () => {
    const user = randomUUID();
    const budget = await setBudget(client, { scope: "user", limit_usd: 1, user_id: user });
    const outcomes = await Promise.all(
      Array.from({ length: CALLERS }, (_, i) =>
        caller(url, 1000 + i, () => ({ userId: user, customerId: null }), model, 3),
      ),
    );
    const sum = total(outcomes);
    expect(sum.errors).toEqual([]);
    expect(sum.badRefusals).toEqual([]);
    expect(sum.admitted).toBeGreaterThan(10);
    const status = await statusOf(client, budget.budget_id);
    expect(status.held_usd).toBe(0);
    expect(status.spent_usd!).toBeLessThanOrEqual(1);
    expect((await reconcileOk(client)).ok).toBe(true);
    // Alerts: each threshold the spend reached, exactly once.
    const { rows } = await client.query(
      `select threshold_percent, count(*)::int as n from public.ai_usage_budget_alerts
       where budget_id = $1 and period_start = $2 group by 1 order by 1`,
      [budget.budget_id, status.period_start],
    );
    const reached = [50, 80, 100].filter((t) => status.spent_usd! * 100 >= t);
    expect(rows).toEqual(reached.map((t) => ({ threshold_percent: t, n: 1 })));
  });

  test("a mix of project, customer, user and user-in-customer budgets: none is overrun", async () => {
    const users = Array.from({ length: 6 }, () => randomUUID());
    const customers = [810_001, 810_002];
    const budgets = [
      await setBudget(client, { scope: "project", limit_usd: 2.5 }),
      await setBudget(client, { scope: "customer", limit_usd: 1, customer_id: customers[0] }),
      await setBudget(client, { scope: "customer", limit_usd: 0.8, customer_id: customers[1] }),
      await setBudget(client, { scope: "user", limit_usd: 0.4, user_id: users[0] }),
      await setBudget(client, { scope: "user", limit_usd: 0.5, user_id: users[3] }),
      await setBudget(client, {
        scope: "user_in_customer",
        limit_usd: 0.3,
        user_id: users[1],
        customer_id: customers[0],
      }),
      await setBudget(client, {
        scope: "user_in_customer",
        limit_usd: 0.2,
        user_id: users[4],
        customer_id: customers[1],
      }),
    ];
    const pickTarget = (random: () => number) => {
      const userIndex = randomInt(random, 0, users.length - 1);
      // Users 0-2 work for the first customer, 3-5 for the second; one request in five without one.
      const customerId = random() < 0.2 ? null : customers[userIndex < 3 ? 0 : 1]!;
      return { userId: users[userIndex]!, customerId };
    };
    const outcomes = await Promise.all(
      Array.from({ length: CALLERS }, (_, i) => caller(url, 5000 + i, pickTarget, model, 4)),
    );
    const sum = total(outcomes);
    expect(sum.errors).toEqual([]);
    expect(sum.badRefusals).toEqual([]);
    for (const budget of budgets) {
      const status = await statusOf(client, budget.budget_id);
      expect(status.held_usd).toBe(0);
      expect(status.spent_usd!, `${budget.scope} budget ${budget.budget_id}`).toBeLessThanOrEqual(
        budget.limit_usd!,
      );
    }
    expect((await reconcileOk(client)).ok).toBe(true);
  });
});

describe("alerts", () => {
  test("a threshold crossed by two writers at once is written once, in their transaction, and announced with pg_notify", async () => {
    const user = randomUUID();
    const budget = await setBudget(client, {
      scope: "user",
      limit_usd: 1,
      user_id: user,
      mode: "soft",
      thresholds: [50],
    });
    const listener = await connect(url);
    const notes: string[] = [];
    listener.on("notification", (note) => {
      if (note.channel === "ai_usage_budget_alert") notes.push(note.payload ?? "");
    });
    await listener.query("LISTEN ai_usage_budget_alert");
    try {
      // Neither write crosses 50 % alone ($0.30 each); together they do. The second writes while
      // the first has not committed yet (it waits on the first's locks), then sees its spend.
      const [first, second] = await Promise.all([connect(url), connect(url)]);
      await first.query("BEGIN");
      await logUsage(first, { userId: user, model, tokens: 300_000 });
      await second.query("BEGIN");
      const secondWrite = logUsage(second, { userId: user, model, tokens: 300_000 });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query("COMMIT");
      await secondWrite;
      // Written by the second writer's transaction: not visible before it commits.
      const before = await client.query(
        "select count(*)::int as n from public.ai_usage_budget_alerts where budget_id = $1",
        [budget.budget_id],
      );
      expect(before.rows[0].n).toBe(0);
      await second.query("COMMIT");
      await Promise.all([first.end(), second.end()]);
      const { rows } = await client.query(
        "select threshold_percent, spent_usd::float8 as spent from public.ai_usage_budget_alerts where budget_id = $1",
        [budget.budget_id],
      );
      expect(rows).toEqual([{ threshold_percent: 50, spent: 0.6 }]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Other budgets (this file's project budget) may be announced too: only this one's count.
      const mine = notes.map((n) => JSON.parse(n)).filter((n) => n.budget_id === budget.budget_id);
      expect(mine).toEqual([expect.objectContaining({ budget_id: budget.budget_id, threshold_percent: 50 })]);
    } finally {
      await listener.end();
    }
  });

  test("dispatchers claim each alert once (SKIP LOCKED), a failure is retried after its backoff, delivery is final", async () => {
    const user = randomUUID();
    // Earlier tests' alerts are delivered first, so that only what this test writes is due.
    await client.query(
      "update public.ai_usage_budget_alerts set delivered_at = now() where delivered_at is null",
    );
    const budget = await setBudget(client, {
      scope: "user",
      limit_usd: 1,
      user_id: user,
      mode: "soft",
      thresholds: [10, 20, 30],
    });
    await logUsage(client, { userId: user, model, tokens: 350_000 });
    const dispatchers = await Promise.all([connect(url), connect(url), connect(url)]);
    try {
      const claims = await Promise.all(
        dispatchers.map((d) =>
          d.query<{ a: { id: number; budget_id: number }[] }>(
            "select public.claim_ai_usage_budget_alerts(100, 60) as a",
          ),
        ),
      );
      const claimed = claims.flatMap((c) => c.rows[0]!.a);
      // Every due alert claimed by exactly one dispatcher.
      expect(new Set(claimed.map((a) => a.id)).size).toBe(claimed.length);
      const mine = claimed.filter((a) => a.budget_id === budget.budget_id);
      expect(mine).toHaveLength(3);
      const [first, second] = mine;
      await client.query("select public.complete_ai_usage_budget_alert($1, true)", [first!.id]);
      await client.query("select public.complete_ai_usage_budget_alert($1, false, 'HTTP 500', 0)", [
        second!.id,
      ]);
      const again = await client.query<{ a: { id: number }[] }>(
        "select public.claim_ai_usage_budget_alerts(100, 60) as a",
      );
      const ids = again.rows[0]!.a.map((a) => a.id);
      expect(ids).toContain(second!.id);
      expect(ids).not.toContain(first!.id);
      const { rows } = await client.query(
        "select attempts, last_error from public.ai_usage_budget_alerts where id = $1",
        [second!.id],
      );
      expect(rows).toEqual([{ attempts: 2, last_error: "HTTP 500" }]);
    } finally {
      await Promise.all(dispatchers.map((d) => d.end()));
    }
  });
});
