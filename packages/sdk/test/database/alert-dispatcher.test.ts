import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import {
  type BudgetAlertPayload,
  createBudgetAlertDispatcher,
  listBudgetAlerts,
  setBudget,
  UsageAlertDeliveryError,
  type UsageError,
} from "../../src/index.js";
import { createPgSink, createPgTransport } from "../../src/pg.js";
import { type HttpFixture, sendJson, startHttpFixture } from "../fixtures/http-fixture.js";
import { newUserId, useTestDatabase } from "../support/database.js";

const MODEL = "claude-sonnet-4-20250514";
/** 100 x $3 + 50 x $15 per million: $0.00105, past every threshold of a $0.001 budget. */
const EVENT = { model_used: MODEL, input_tokens: 100, output_tokens: 50 };

describe("budget alert dispatcher (real PostgreSQL, a local webhook)", () => {
  const database = useTestDatabase();
  const server = () => createPgTransport(database.pool);
  const webhooks: HttpFixture[] = [];
  afterEach(async () => {
    await Promise.all(webhooks.splice(0).map((webhook) => webhook.close()));
  });

  /** A webhook answering each POST with the next status of `statuses` (the last one repeats). */
  async function webhook(...statuses: number[]): Promise<HttpFixture> {
    let answered = 0;
    const fixture = await startHttpFixture((_, response) => {
      const status = statuses[Math.min(answered++, statuses.length - 1)]!;
      sendJson(response, status, { ok: status < 300 });
    });
    webhooks.push(fixture);
    return fixture;
  }

  /** A user whose $0.001 budget one request takes past `thresholds`: one alert per threshold. */
  async function crossedBudget(thresholds: number[]): Promise<{ budgetId: string; userId: string }> {
    const userId = newUserId();
    const budget = await setBudget(server(), {
      scope: "user",
      userId,
      limitUsd: 0.001,
      thresholds,
      mode: "soft",
    });
    await createPgSink(database.pool).writeBatch([{ ...EVENT, user_id: userId, request_id: randomUUID() }]);
    return { budgetId: budget.budget_id, userId };
  }

  const alertsOf = async (budgetId: string) =>
    (await listBudgetAlerts(server(), { limit: 1000 })).filter((alert) => alert.budget_id === budgetId);
  const payloads = (fixture: HttpFixture) =>
    fixture.requests.map((request) => request.body as unknown as BudgetAlertPayload);

  it("POSTs each alert once as JSON with its idempotency key (body and header) and Slack's text; marks it delivered", async () => {
    const { budgetId } = await crossedBudget([50, 80, 100]);
    const hook = await webhook(200);
    const dispatcher = createBudgetAlertDispatcher({ transport: server(), webhookUrl: `${hook.url}/alerts` });
    const result = await dispatcher.runOnce();
    expect(result).toMatchObject({ delivered: 3, failed: 0, gaveUp: 0 });
    const sent = payloads(hook).filter((payload) => payload.alert.budget_id === budgetId);
    expect(sent.map((payload) => payload.alert.threshold_percent).sort()).toEqual([100, 50, 80]);
    for (const [index, payload] of sent.entries()) {
      expect(payload.idempotency_key).toMatch(
        new RegExp(
          `^ai-usage-budget-alert:${budgetId}:\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z:${payload.alert.threshold_percent}$`,
        ),
      );
      expect(hook.requests[index]!.headers["idempotency-key"]).toBe(
        hook.requests[index]!.body.idempotency_key,
      );
      expect(hook.requests[index]!.headers["content-type"]).toBe("application/json");
      expect(payload.text).toMatch(
        /^AI budget for .+ passed (50|80|100)%: \$0\.0011 of \$0\.001 this month \(soft limit\), resets \d+ \w+\.$/,
      );
    }
    expect((await alertsOf(budgetId)).every((alert) => alert.delivered_at !== null)).toBe(true);
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });
    expect(hook.requests).toHaveLength(3);
  });

  it("a webhook that fails once (500) and then answers: delivered once, after its backoff", async () => {
    const { budgetId } = await crossedBudget([100]);
    const hook = await webhook(500, 200);
    const heard: UsageError[] = [];
    const dispatcher = createBudgetAlertDispatcher({
      transport: server(),
      webhookUrl: hook.url,
      backoff: { initialSeconds: 1, maxSeconds: 1 },
      onError: (error) => heard.push(error),
    });
    expect(await dispatcher.runOnce()).toMatchObject({ failed: 1, delivered: 0 });
    const [failed] = await alertsOf(budgetId);
    expect(failed).toMatchObject({ delivered_at: null, attempts: 1 });
    expect(failed!.last_error).toContain("HTTP 500");
    expect(heard).toEqual([expect.any(UsageAlertDeliveryError)]);
    expect(heard[0]).toMatchObject({
      retryable: true,
      context: { attempts: 1, status: 500, retryInSeconds: 1 },
    });
    // Not due again before its backoff.
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });
    expect(hook.requests).toHaveLength(1);
    await expect
      .poll(async () => (await dispatcher.runOnce()).delivered, { timeout: 5000, interval: 250 })
      .toBe(1);
    const [delivered] = await alertsOf(budgetId);
    expect(delivered).toMatchObject({ attempts: 2 });
    expect(delivered!.delivered_at).not.toBeNull();
    expect(hook.requests).toHaveLength(2);
    expect(new Set(hook.requests.map((request) => request.headers["idempotency-key"])).size).toBe(1);
  });

  it("a webhook that always fails: attempts grow with the backoff, never delivered, given up after maxAttempts", async () => {
    const { budgetId } = await crossedBudget([100]);
    const hook = await webhook(503);
    const heard: UsageError[] = [];
    const dispatcher = createBudgetAlertDispatcher({
      transport: server(),
      webhookUrl: hook.url,
      maxAttempts: 3,
      backoff: { initialSeconds: 1, maxSeconds: 1 },
      onError: (error) => heard.push(error),
    });
    const retryAt = async () => {
      const { rows } = await database.pool.query<{ wait: number }>(
        "select extract(epoch from next_attempt_at - now())::float8 as wait from public.ai_usage_budget_alerts where budget_id = $1",
        [budgetId],
      );
      return rows[0]!.wait;
    };
    for (let attempt = 1; attempt <= 3; attempt++) {
      await expect
        .poll(async () => (await dispatcher.runOnce()).claimed, { timeout: 5000, interval: 200 })
        .toBe(1);
      const [alert] = await alertsOf(budgetId);
      expect(alert).toMatchObject({ attempts: attempt, delivered_at: null });
      // Right after a failure it is not due: the backoff is honoured.
      expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });
      if (attempt < 3) expect(await retryAt()).toBeGreaterThan(0);
    }
    expect(hook.requests).toHaveLength(3);
    // Given up: parked for the contract's longest retry (a week), reported as not retryable.
    expect(await retryAt()).toBeGreaterThan(6 * 86_400);
    expect(heard.map((error) => error.retryable)).toEqual([true, true, false]);
  });

  it("two dispatchers racing: each alert is POSTed exactly once", async () => {
    const budgets = await Promise.all([
      crossedBudget([25, 50, 75, 100]),
      crossedBudget([25, 50, 75, 100]),
      crossedBudget([50, 100]),
    ]);
    const hook = await webhook(200);
    const pools = [database.newPool({ max: 2 }), database.newPool({ max: 2 })];
    const dispatchers = pools.map((pool) =>
      createBudgetAlertDispatcher({ transport: createPgTransport(pool), webhookUrl: hook.url, batchSize: 2 }),
    );
    const results = await Promise.all(dispatchers.map((dispatcher) => dispatcher.runOnce()));
    const ours = new Set(budgets.map((budget) => budget.budgetId));
    const keys = payloads(hook)
      .filter((payload) => ours.has(payload.alert.budget_id))
      .map((payload) => payload.idempotency_key);
    expect(keys).toHaveLength(10);
    expect(new Set(keys).size).toBe(10);
    expect(results.reduce((sum, result) => sum + result.delivered, 0)).toBe(hook.requests.length);
  });

  it("start({ listen }): a new alert is delivered on its notification, without waiting for the interval", async () => {
    const hook = await webhook(200);
    const dispatcher = createBudgetAlertDispatcher({ transport: server(), webhookUrl: hook.url });
    const listener = new pg.Client({ connectionString: database.url });
    await listener.connect();
    try {
      await dispatcher.start({ intervalMs: 600_000, listen: listener });
      const before = hook.requests.length;
      const { budgetId } = await crossedBudget([100]);
      await expect
        .poll(() => payloads(hook).filter((payload) => payload.alert.budget_id === budgetId).length, {
          timeout: 5000,
        })
        .toBe(1);
      expect(hook.requests.length).toBe(before + 1);
    } finally {
      await dispatcher.stop();
      await listener.end();
    }
  });
});
