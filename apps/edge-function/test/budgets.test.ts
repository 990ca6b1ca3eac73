import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { holdsOf, rowHolds, setUserBudget, userBudgetStatus } from "./support/budgets.js";
import { EXPECTED_COST_USD } from "./support/expected.js";
import { type Harness, startHarness } from "./support/harness.js";
import { signAccessToken } from "./support/jwt.js";
import { expectNothingDone } from "./support/refusals.js";
import { postReport } from "./support/requests.js";
import { parseServerSentEvents } from "./support/sse.js";

// Budgets of users of their own (user ids per test) on the run's shared database: no project or
// customer budget is ever set here, so the other test files' callers are never covered by one.
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const cost = Number(EXPECTED_COST_USD);

/** A user with a hard monthly budget of `limitUsd`, and a token for them. */
async function userWithBudget(limitUsd: number) {
  const userId = randomUUID();
  await setUserBudget(harness.pool, userId, limitUsd);
  return { userId, token: await signAccessToken({ sub: userId }) };
}

interface RefusalBody {
  error: {
    code: string;
    message: string;
    budget: {
      scope: string;
      period: string;
      limit_usd: number;
      spent_usd: number;
      held_usd: number;
      request_usd: number;
      resets_at: string;
    };
  };
}

describe("budgets", () => {
  test("over budget: 402 with the budget's figures, and Anthropic is never called", async () => {
    // 1,024 output tokens at $15 / million alone are $0.0154: a $0.01 budget admits nothing.
    const { userId, token } = await userWithBudget(0.01);
    const calledBefore = harness.anthropic.received.length;

    for (const stream of [false, true]) {
      const response = await postReport(harness.url, { prompt: "Too dear", stream }, token);
      expect(response.status).toBe(402);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      const body = (await response.json()) as RefusalBody;
      expect(body).toEqual({
        error: {
          code: "budget_exceeded",
          message: expect.stringMatching(
            /^Monthly AI budget reached: \$0\.00 of \$0\.01 used; resets 1 \w+ \d{4}\.$/,
          ),
          budget: {
            scope: "user",
            period: "month",
            limit_usd: 0.01,
            spent_usd: 0,
            held_usd: 0,
            request_usd: expect.any(Number),
            resets_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          },
        },
      });
      expect(body.error.budget.request_usd).toBeGreaterThan(0.01);
      expect(Date.parse(body.error.budget.resets_at)).toBeGreaterThan(Date.now());
    }
    await expectNothingDone(harness, [userId], calledBefore);
    expect(await holdsOf(harness.pool, userId)).toEqual([]);
  });

  test("admitted: the call's row settles its hold (JSON and stream), and the spend counts", async () => {
    const { userId, token } = await userWithBudget(5);

    const plain = await postReport(harness.url, { prompt: "Within budget" }, token);
    expect(plain.status).toBe(200);
    const streamed = await postReport(
      harness.url,
      { prompt: "Within budget, streamed", stream: true },
      token,
    );
    expect(parseServerSentEvents(await streamed.text()).at(-1)?.event).toBe("done");

    const holds = await holdsOf(harness.pool, userId);
    const rows = await rowHolds(harness.pool, userId);
    expect(rows).toHaveLength(2);
    expect(holds).toHaveLength(2);
    for (const [index, hold] of holds.entries()) {
      expect(hold).toMatchObject({
        settled: true,
        released: false,
        settled_request_id: rows[index]!.request_id,
      });
      expect(rows[index]).toMatchObject({ status: "success", budget_hold_id: hold.id });
    }
    expect(await userBudgetStatus(harness.pool, userId)).toEqual(
      expect.objectContaining({ limit_usd: 5, spent_usd: 2 * cost, held_usd: 0 }),
    );
  });

  test("the spend of admitted calls is what refuses the next one", async () => {
    // Each call holds about $0.028 (1,024 output tokens and a bound on the prompt) and costs $0.019275.
    const { userId, token } = await userWithBudget(0.04);
    expect((await postReport(harness.url, { prompt: "First" }, token)).status).toBe(200);
    expect(await rowHolds(harness.pool, userId)).toHaveLength(1);
    const calledBefore = harness.anthropic.received.length;

    const refused = await postReport(harness.url, { prompt: "Second" }, token);

    expect(refused.status).toBe(402);
    const body = (await refused.json()) as RefusalBody;
    expect(body.error.budget).toMatchObject({ limit_usd: 0.04, spent_usd: cost, held_usd: 0 });
    expect(body.error.message).toMatch(/^Monthly AI budget reached: \$0\.02 of \$0\.04 used;/);
    expect(harness.anthropic.received.length).toBe(calledBefore);
  });

  test("an upstream failure releases the hold: nothing is held for a call that cost nothing", async () => {
    const { userId, token } = await userWithBudget(5);
    harness.anthropic.behave({ status: 529 });

    const response = await postReport(harness.url, { prompt: "Overloaded?" }, token);

    expect(response.status).toBe(503);
    // The release is sent as the call fails, beside the answer: poll for it.
    await expect
      .poll(async () => (await holdsOf(harness.pool, userId)).map((hold) => [hold.settled, hold.released]), {
        timeout: 10_000,
      })
      .toEqual([[false, true]]);
    expect(await rowHolds(harness.pool, userId)).toEqual([
      expect.objectContaining({ status: "error", budget_hold_id: null }),
    ]);
    expect(await userBudgetStatus(harness.pool, userId)).toEqual(
      expect.objectContaining({ spent_usd: 0, held_usd: 0 }),
    );
  });

  test("a stream that breaks midway settles its hold with what it used", async () => {
    const { userId, token } = await userWithBudget(5);
    harness.anthropic.behave("break-stream");

    const response = await postReport(harness.url, { prompt: "Break", stream: true }, token);

    expect(parseServerSentEvents(await response.text()).at(-1)?.event).toBe("error");
    const [hold] = await holdsOf(harness.pool, userId);
    expect(hold).toMatchObject({ settled: true, released: false });
    expect(await rowHolds(harness.pool, userId)).toEqual([
      expect.objectContaining({ status: "error", budget_hold_id: hold!.id }),
    ]);
    // message_start had reported the input: it counts in the spend.
    expect((await userBudgetStatus(harness.pool, userId)).spent_usd).toBeGreaterThan(0);
  });
});
