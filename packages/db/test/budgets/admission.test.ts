import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { connect, createIsolatedDatabase } from "../sql/helpers/database.js";
import { expectSqlError } from "../sql/helpers/errors.js";
import { reportingZoneUnderTest } from "../sql/helpers/report-database.js";
import { addDollarModel, logUsage, reconcileOk, reserve, setBudget, statusOf } from "./budget-support.js";

// Admission, settlement, release and expiry against real budgets, as the server (the owner) calls
// them. Each test uses users of its own; the database is this file's, so project budgets and
// reconcile see only this file's rows.

let url: string;
let client: pg.Client;
let model: string;

beforeAll(async () => {
  url = await createIsolatedDatabase("budgets");
  client = await connect(url);
  // Periods are days, weeks and months of the reporting zone: the clock matrix sets one.
  await client.query("select public.set_ai_reporting_time_zone($1)", [reportingZoneUnderTest()]);
  model = await addDollarModel(client);
});
afterAll(() => client?.end());

describe("setting budgets", () => {
  test.each([
    [{ scope: "team", limit_usd: 1 }, /scope must be project, customer, user or user_in_customer/],
    [{ scope: "user", limit_usd: 1 }, /a user budget needs a user_id/],
    [{ scope: "project", limit_usd: 1, user_id: randomUUID() }, /a project budget takes no user_id/],
    [{ scope: "user_in_customer", limit_usd: 1, user_id: randomUUID() }, /needs a customer_id/],
    [{ scope: "project", limit_usd: 0 }, /limit_usd must be a number above 0/],
    [{ scope: "project", limit_usd: 1, period: "year" }, /period must be day, week or month/],
    [{ scope: "project", limit_usd: 1, mode: "strict" }, /mode must be hard or soft/],
    [{ scope: "project", limit_usd: 1, thresholds: [0, 50] }, /thresholds must be/],
  ])("%j is refused with a clear message and writes nothing", async (args, message) => {
    const before = await client.query("select count(*)::int as n from public.ai_usage_budgets");
    await expectSqlError(setBudget(client, args), "22023", message);
    const after = await client.query("select count(*)::int as n from public.ai_usage_budgets");
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  test("setting a target's budget again ends the one in force (history kept), and end_ai_usage_budget ends it", async () => {
    const user = randomUUID();
    const first = await setBudget(client, { scope: "user", limit_usd: 5, user_id: user });
    const second = await setBudget(client, {
      scope: "user",
      limit_usd: 8,
      user_id: user,
      thresholds: [90, 50, 50],
    });
    expect(second.limit_usd).toBe(8);
    expect((second as unknown as { thresholds: number[] }).thresholds).toEqual([50, 90]);
    const { rows } = await client.query(
      "select id, effective_to is not null as ended from public.ai_usage_budgets where user_id = $1 order by id",
      [user],
    );
    expect(rows).toEqual([
      { id: String(first.budget_id), ended: true },
      { id: String(second.budget_id), ended: false },
    ]);
    await client.query("select public.end_ai_usage_budget($1)", [second.budget_id]);
    const status = await client.query("select public.get_ai_usage_budget_status($1) as s", [user]);
    expect(status.rows[0].s).toEqual([]);
    await expectSqlError(
      client.query("select public.end_ai_usage_budget(-1)"),
      "P0002",
      /no budget with id -1/,
    );
  });
});

describe("admission", () => {
  test("no budget covers the caller: admitted without a hold", async () => {
    const answer = await reserve(client, { user_id: randomUUID(), customer_id: 999_001, max_cost_usd: 5 });
    expect(answer).toMatchObject({ admitted: true, hold_id: null });
  });

  test("holds count until settled: the request that would overrun is refused with the budget's figures", async () => {
    const user = randomUUID();
    const budget = await setBudget(client, { scope: "user", limit_usd: 1, user_id: user });
    const a = await reserve(client, { user_id: user, max_cost_usd: 0.4 });
    const b = await reserve(client, { user_id: user, max_cost_usd: 0.4 });
    expect(a.admitted && b.admitted).toBe(true);
    const refused = await reserve(client, { user_id: user, max_cost_usd: 0.3 });
    expect(refused).toMatchObject({
      admitted: false,
      reason: "budget_exceeded",
      budget: {
        budget_id: budget.budget_id,
        scope: "user",
        limit_usd: 1,
        spent_usd: 0,
        held_usd: 0.8,
        request_usd: 0.3,
      },
    });
    if (refused.admitted) throw new Error("unreachable");
    expect(Date.parse(refused.budget.resets_at)).toBeGreaterThan(Date.now() - 60_000);
    // Exactly the room left is admitted: 0.2 fits (spent + held + request = limit).
    expect((await reserve(client, { user_id: user, max_cost_usd: 0.2 })).admitted).toBe(true);

    // Settling a: its real cost ($0.10) replaces its hold ($0.40), freeing $0.30.
    if (!a.admitted) throw new Error("unreachable");
    await logUsage(client, { userId: user, model, tokens: 100_000, holdId: a.hold_id });
    const after = await statusOf(client, budget.budget_id);
    expect(after).toMatchObject({ spent_usd: 0.1, held_usd: 0.6, remaining_usd: 0.3 });
    expect((await reserve(client, { user_id: user, max_cost_usd: 0.3 })).admitted).toBe(true);
    expect((await reserve(client, { user_id: user, max_cost_usd: 0.01 })).admitted).toBe(false);
    expect((await reconcileOk(client)).ok).toBe(true);
  });

  test("a request that costs more than its hold counts in full; a released or expired hold stops counting", async () => {
    const user = randomUUID();
    const budget = await setBudget(client, { scope: "user", limit_usd: 1, user_id: user });
    const a = await reserve(client, { user_id: user, max_cost_usd: 0.1 });
    const b = await reserve(client, { user_id: user, max_cost_usd: 0.2 });
    const c = await reserve(client, { user_id: user, max_cost_usd: 0.3 });
    if (!a.admitted || !b.admitted || !c.admitted) throw new Error("expected admissions");
    await logUsage(client, { userId: user, model, tokens: 250_000, holdId: a.hold_id });
    expect(await statusOf(client, budget.budget_id)).toMatchObject({ spent_usd: 0.25, held_usd: 0.5 });

    const released = await client.query("select public.release_ai_usage_hold($1) as ok", [b.hold_id]);
    expect(released.rows[0].ok).toBe(true);
    const again = await client.query("select public.release_ai_usage_hold($1) as ok", [b.hold_id]);
    expect(again.rows[0].ok).toBe(false);
    expect(await statusOf(client, budget.budget_id)).toMatchObject({ spent_usd: 0.25, held_usd: 0.3 });

    // Time passing for c's hold: its caller crashed. No job runs; it simply stops counting.
    await client.query(
      "update public.ai_usage_budget_holds set expires_at = now() - interval '1 second', created_at = now() - interval '1 hour' where id = $1",
      [c.hold_id],
    );
    expect(await statusOf(client, budget.budget_id)).toMatchObject({ spent_usd: 0.25, held_usd: 0 });
    // A late record of the expired request still counts (and never fails).
    await logUsage(client, { userId: user, model, tokens: 50_000, holdId: c.hold_id });
    expect(await statusOf(client, budget.budget_id)).toMatchObject({ spent_usd: 0.3, held_usd: 0 });
    expect((await reconcileOk(client)).ok).toBe(true);
  });

  test("the database prices the bound from the model at the rate in force; an unpriced model is refused only by a hard budget", async () => {
    const user = randomUUID();
    await setBudget(client, { scope: "user", limit_usd: 1, user_id: user });
    const priced = await reserve(client, {
      user_id: user,
      model_used: model,
      max_input_tokens: 100_000,
      max_output_tokens: 20_000,
    });
    expect(priced).toMatchObject({ admitted: true, amount_usd: 0.12 });
    const unpriced = await reserve(client, {
      user_id: user,
      model_used: "no-such-model",
      max_input_tokens: 1,
      max_output_tokens: 1,
    });
    expect(unpriced).toMatchObject({
      admitted: false,
      reason: "unpriced_model",
      budget: { request_usd: null },
    });

    const softUser = randomUUID();
    await setBudget(client, { scope: "user", limit_usd: 0.01, user_id: softUser, mode: "soft" });
    expect(
      await reserve(client, {
        user_id: softUser,
        model_used: "no-such-model",
        max_input_tokens: 1,
        max_output_tokens: 1,
      }),
    ).toMatchObject({ admitted: true });
    expect(await reserve(client, { user_id: softUser, max_cost_usd: 50 })).toMatchObject({ admitted: true });
  });

  test("the database prices a bound at the request's service tier and at long-context rates", async () => {
    const tiered = `budget-tiered-${randomUUID().slice(0, 8)}`;
    const price = `select public.set_ai_model_price(p_provider => 'budget-test', p_model_match => $1,
       p_effective_from => '2000-01-01T00:00:00Z', p_input_per_mtok => $2, p_output_per_mtok => $2,
       p_service_tier => $3, p_above_prompt_tokens => $4)`;
    await client.query(price, [tiered, 1, "standard", 0]);
    await client.query(price, [tiered, 2, "priority", 0]);
    await client.query(price, [tiered, 3, "standard", 200_000]);
    const user = randomUUID();
    await setBudget(client, { scope: "user", limit_usd: 100, user_id: user });
    const bound = async (args: Record<string, unknown>) =>
      reserve(client, { user_id: user, model_used: tiered, max_output_tokens: 0, ...args });
    expect(await bound({ max_input_tokens: 1_000_000 })).toMatchObject({ amount_usd: 3 });
    expect(await bound({ max_input_tokens: 100_000 })).toMatchObject({ amount_usd: 0.1 });
    expect(await bound({ max_input_tokens: 100_000, service_tier: "priority" })).toMatchObject({
      amount_usd: 0.2,
    });
    // A tier without an entry: the standard rate.
    expect(await bound({ max_input_tokens: 100_000, service_tier: "flex" })).toMatchObject({
      amount_usd: 0.1,
    });
    await expectSqlError(
      bound({ max_input_tokens: 1, service_tier: "turbo" }),
      "22023",
      /service_tier must be one of/,
    );
  });

  test.each([
    [{ user_id: null, max_cost_usd: 1 }, /user_id is required/],
    [
      { user_id: randomUUID() },
      /give max_cost_usd, or model_used with max_input_tokens and max_output_tokens/,
    ],
    [{ user_id: randomUUID(), max_cost_usd: -1 }, /max_cost_usd must be a number from 0/],
    [
      { user_id: randomUUID(), model_used: "x", max_input_tokens: -1, max_output_tokens: 1 },
      /must be from 0 to 100000000/,
    ],
    [{ user_id: randomUUID(), max_cost_usd: 1, ttl_seconds: 0 }, /ttl_seconds must be from 1 to 86400/],
  ])("reserve_ai_usage(%j) is refused with a clear message", async (args, message) => {
    await expectSqlError(reserve(client, args), "22023", message);
  });

  test("two admissions against one budget are decided one after the other: the second waits for the first's hold", async () => {
    const user = randomUUID();
    await setBudget(client, { scope: "user", limit_usd: 1, user_id: user });
    // A committed admission first, so the period's row exists (inserting it would serialise the
    // two on its own, hiding what the lock does).
    const warmUp = await reserve(client, { user_id: user, max_cost_usd: 0.1 });
    if (!warmUp.admitted) throw new Error("expected an admission");
    await client.query("select public.release_ai_usage_hold($1)", [warmUp.hold_id]);
    const [first, second] = await Promise.all([connect(url), connect(url)]);
    try {
      await first.query("BEGIN");
      expect((await reserve(first, { user_id: user, max_cost_usd: 0.6 })).admitted).toBe(true);
      let decided = false;
      const secondAnswer = reserve(second, { user_id: user, max_cost_usd: 0.6 }).finally(() => {
        decided = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Without the period row's lock the second would already have read "nothing held" and been admitted.
      expect(decided).toBe(false);
      await first.query("COMMIT");
      expect(await secondAnswer).toMatchObject({
        admitted: false,
        budget: { held_usd: 0.6, request_usd: 0.6 },
      });
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
  });

  test("admission refuses to run under REPEATABLE READ (it would decide on an old snapshot)", async () => {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    try {
      await expectSqlError(
        reserve(client, { user_id: randomUUID(), max_cost_usd: 1 }),
        "25000",
        /READ COMMITTED/,
      );
    } finally {
      await client.query("ROLLBACK");
    }
  });

  test("a customer's budget and a user's budget within it both apply, and each refuses on its own figures", async () => {
    const [alice, bob] = [randomUUID(), randomUUID()];
    const customer = 700_001;
    const acme = await setBudget(client, { scope: "customer", limit_usd: 1, customer_id: customer });
    const bobAtAcme = await setBudget(client, {
      scope: "user_in_customer",
      limit_usd: 0.3,
      user_id: bob,
      customer_id: customer,
    });
    const b1 = await reserve(client, { user_id: bob, customer_id: customer, max_cost_usd: 0.3 });
    expect(b1.admitted).toBe(true);
    const b2 = await reserve(client, { user_id: bob, customer_id: customer, max_cost_usd: 0.1 });
    expect(b2).toMatchObject({ admitted: false, budget: { budget_id: bobAtAcme.budget_id } });
    // Bob without the customer context is not covered by either.
    expect((await reserve(client, { user_id: bob, max_cost_usd: 5 })).admitted).toBe(true);
    const a1 = await reserve(client, { user_id: alice, customer_id: customer, max_cost_usd: 0.7 });
    expect(a1.admitted).toBe(true);
    const a2 = await reserve(client, { user_id: alice, customer_id: customer, max_cost_usd: 0.01 });
    expect(a2).toMatchObject({ admitted: false, budget: { budget_id: acme.budget_id, held_usd: 1 } });
  });
});

describe("budgets stay right when the data they read changes", () => {
  test("re-pricing the model changes spent, and reconcile still holds", async () => {
    const user = randomUUID();
    const repriceModel = await addDollarModel(client);
    const budget = await setBudget(client, { scope: "user", limit_usd: 10, user_id: user });
    await logUsage(client, { userId: user, model: repriceModel, tokens: 1_000_000 });
    expect(await statusOf(client, budget.budget_id)).toMatchObject({ spent_usd: 1 });
    // A corrected price: a newer catalog entry from the same date (ties go to the newest).
    await client.query(
      `select public.set_ai_model_price(p_provider => 'budget-test', p_model_match => $1,
         p_effective_from => '2000-01-01T00:00:00Z', p_input_per_mtok => 3, p_output_per_mtok => 3)`,
      [repriceModel],
    );
    await client.query("select public.reprice_ai_usage($1)", [repriceModel]);
    expect(await statusOf(client, budget.budget_id)).toMatchObject({ spent_usd: 3 });
    expect((await reconcileOk(client)).ok).toBe(true);
  });

  test("a new reporting time zone moves the period's bounds, and spent follows the rebuilt summaries", async () => {
    const user = randomUUID();
    const budget = await setBudget(client, { scope: "user", limit_usd: 10, user_id: user, period: "day" });
    await logUsage(client, { userId: user, model, tokens: 500_000 });
    try {
      await client.query("select public.set_ai_reporting_time_zone('Pacific/Kiritimati')");
      const moved = await statusOf(client, budget.budget_id);
      const { rows } = await client.query(
        `select (date_trunc('day', now() at time zone 'Pacific/Kiritimati') at time zone 'Pacific/Kiritimati') as start`,
      );
      expect(Date.parse(moved.period_start)).toBe((rows[0].start as Date).getTime());
      expect(moved.spent_usd).toBe(0.5);
      expect((moved as unknown as { time_zone: string }).time_zone).toBe("Pacific/Kiritimati");
      expect((await reconcileOk(client)).ok).toBe(true);
    } finally {
      await client.query("select public.set_ai_reporting_time_zone($1)", [reportingZoneUnderTest()]);
    }
  });
});
