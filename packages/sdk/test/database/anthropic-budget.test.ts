import Anthropic from "@anthropic-ai/sdk";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { trackAnthropic } from "../../src/anthropic.js";
import {
  type BudgetGuard,
  createBudgetGuard,
  getBudgetStatus,
  setBudget,
  UsageBudgetExceededError,
  UsageConnectionError,
  type UsageError,
  type UsageRecorder,
  UsageValidationError,
} from "../../src/index.js";
import { createPgTransport } from "../../src/pg.js";
import { type AnthropicFixture, startAnthropicFixture } from "../fixtures/anthropic-fixture.js";
import { holdsOf, loggedHoldIds, unreachablePool } from "../support/budgets.js";
import { newUserId, rowsOf, useTestDatabase } from "../support/database.js";
import { pgRecorder } from "../support/recording.js";

const MODEL = "claude-sonnet-4-20250514";
const PARAMS = { model: MODEL, max_tokens: 256, messages: [{ role: "user" as const, content: "Hi" }] };
/** What the fixture's usage costs (anthropic-provider.test.ts). */
const COST = 0.010575;

async function collect(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const events: unknown[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe("trackAnthropic with a budget guard (official client, local Messages API, real PostgreSQL)", () => {
  const database = useTestDatabase();
  let fixture: AnthropicFixture;
  let client: Anthropic;
  let recorder: UsageRecorder;
  let guard: BudgetGuard;
  let guardErrors: UsageError[];
  let userId: string;
  let tracked: ReturnType<typeof trackAnthropic<Anthropic>>;
  const server = () => createPgTransport(database.pool);

  beforeAll(async () => {
    fixture = await startAnthropicFixture();
    client = new Anthropic({ apiKey: "test-key", baseURL: fixture.url, maxRetries: 0 });
    ({ recorder } = pgRecorder(database));
    guardErrors = [];
    guard = createBudgetGuard({
      transport: server(),
      whenUnavailable: "closed",
      onError: (error) => guardErrors.push(error),
    });
  });
  afterAll(async () => {
    await recorder?.close();
    await fixture?.close();
  });
  beforeEach(() => {
    userId = newUserId();
    guardErrors.length = 0;
    tracked = trackAnthropic(client, { recorder, budget: guard, context: { userId } });
  });

  const upstreamCalls = () => fixture.requests.length;

  it("a refused request throws UsageBudgetExceededError and never reaches Anthropic (plain, streaming, the stream helper)", async () => {
    await setBudget(server(), { scope: "user", userId, limitUsd: 0.01, name: "tiny" });
    const before = upstreamCalls();

    const plain = await tracked.messages.create(PARAMS).catch((error: unknown) => error);
    expect(plain).toBeInstanceOf(UsageBudgetExceededError);
    expect(plain).toMatchObject({
      reason: "budget_exceeded",
      scope: "user",
      limitUsd: 0.01,
      spentUsd: 0,
      heldUsd: 0,
    });
    expect((plain as UsageBudgetExceededError).requestUsd).toBeGreaterThan(0.01);
    expect((plain as Error).message).toMatch(
      /^Monthly AI budget reached: \$0\.00 of \$0\.01 used; resets \d+ \w+ \d{4}\.$/,
    );

    const streamed = await tracked.messages
      .create({ ...PARAMS, stream: true })
      .catch((error: unknown) => error);
    expect(streamed).toBeInstanceOf(UsageBudgetExceededError);

    // The SDK's stream helper wraps whatever its request threw: the refusal is the cause.
    const helper = await tracked.messages
      .stream(PARAMS)
      .finalMessage()
      .catch((error: unknown) => error);
    expect(helper).toBeInstanceOf(Anthropic.AnthropicError);
    expect((helper as Error).cause).toBeInstanceOf(UsageBudgetExceededError);

    expect(upstreamCalls()).toBe(before);
    await recorder.flush();
    expect(await rowsOf(database.pool, userId)).toEqual([]);
    expect(await holdsOf(database.pool, userId)).toEqual([]);
  });

  it("an admitted call goes out; its recorded row carries the hold id, which settles the hold", async () => {
    await setBudget(server(), { scope: "user", userId, limitUsd: 1 });
    const message = await tracked.messages.create(PARAMS);
    await recorder.flush();
    const [hold] = await holdsOf(database.pool, userId);
    expect(hold).toMatchObject({
      model_used: MODEL,
      settled_request_id: message.id,
      released_at: null,
      open: false,
    });
    expect(hold!.settled_at).not.toBeNull();
    // The hold was an upper bound: more than what the call really cost.
    expect(Number(hold!.amount_usd)).toBeGreaterThan(COST);
    expect(await loggedHoldIds(database.pool, userId)).toEqual({ [message.id]: hold!.id });
    const [status] = await getBudgetStatus(server(), { userId });
    expect(status).toMatchObject({ spent_usd: COST, held_usd: 0, exhausted: false });
  });

  it("streaming: the hold is held while the stream is read and settles when it ends", async () => {
    await setBudget(server(), { scope: "user", userId, limitUsd: 1 });
    const stream = await tracked.messages.create({ ...PARAMS, stream: true });
    expect((await holdsOf(database.pool, userId)).map((hold) => hold.open)).toEqual([true]);
    const [statusWhileOpen] = await getBudgetStatus(server(), { userId });
    expect(statusWhileOpen!.held_usd).toBeGreaterThan(COST);
    await collect(stream);
    await recorder.flush();
    const [hold] = await holdsOf(database.pool, userId);
    expect(hold).toMatchObject({ open: false, released_at: null });
    expect(Object.values(await loggedHoldIds(database.pool, userId))).toEqual([hold!.id]);
  });

  it("messages.stream(): admitted through the helper, settled once", async () => {
    await setBudget(server(), { scope: "user", userId, limitUsd: 1 });
    const final = await tracked.messages.stream(PARAMS).finalMessage();
    await recorder.flush();
    const [hold] = await holdsOf(database.pool, userId);
    expect(hold).toMatchObject({ settled_request_id: final.id, open: false });
  });

  it("a failed upstream request releases its hold (nothing held, the error row carries no hold)", async () => {
    await setBudget(server(), { scope: "user", userId, limitUsd: 1 });
    fixture.failNext({ kind: "http", status: 529, type: "overloaded_error", message: "Overloaded" });
    const error = await tracked.messages.create(PARAMS).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    await recorder.flush();
    await expect.poll(async () => (await holdsOf(database.pool, userId))[0]?.released_at).not.toBeNull();
    const [hold] = await holdsOf(database.pool, userId);
    expect(hold).toMatchObject({ settled_at: null, open: false });
    expect(Object.values(await loggedHoldIds(database.pool, userId))).toEqual([null]);
    const [status] = await getBudgetStatus(server(), { userId });
    expect(status).toMatchObject({ spent_usd: 0, held_usd: 0 });
    expect(guardErrors).toEqual([]);
  });

  it("a stream that fails midway settles its hold with the usage known so far", async () => {
    await setBudget(server(), { scope: "user", userId, limitUsd: 1 });
    fixture.failNext({ kind: "stream_error", type: "overloaded_error", message: "Overloaded" });
    const stream = await tracked.messages.create({ ...PARAMS, stream: true });
    await collect(stream).catch(() => undefined);
    await recorder.flush();
    const [hold] = await holdsOf(database.pool, userId);
    expect(hold).toMatchObject({ open: false, released_at: null });
    expect(hold!.settled_at).not.toBeNull();
  });

  it("a request without max_tokens cannot be bounded: UsageValidationError before the call", async () => {
    const before = upstreamCalls();
    const { max_tokens: _, ...unbounded } = PARAMS;
    const error = await tracked.messages
      .create(unbounded as typeof PARAMS)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(UsageValidationError);
    expect((error as UsageValidationError).field).toBe("max_tokens");
    expect(upstreamCalls()).toBe(before);
  });

  it("without any budget for the caller, calls are admitted and recorded without a hold", async () => {
    const message = await tracked.messages.create(PARAMS);
    await recorder.flush();
    expect(await holdsOf(database.pool, userId)).toEqual([]);
    expect(await loggedHoldIds(database.pool, userId)).toEqual({ [message.id]: null });
  });

  it("concurrent callers never settle more than the hard limit, and every refused one stayed off the network", async () => {
    // Room for a few holds (each about $0.017), not for all twelve.
    await setBudget(server(), { scope: "user", userId, limitUsd: 0.06 });
    const before = upstreamCalls();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, () => tracked.messages.create({ ...PARAMS, stream: false })),
    );
    await recorder.flush();
    const admitted = outcomes.filter((outcome) => outcome.status === "fulfilled").length;
    const refused = outcomes.filter(
      (outcome) => outcome.status === "rejected" && outcome.reason instanceof UsageBudgetExceededError,
    ).length;
    expect(admitted + refused).toBe(12);
    expect(refused).toBeGreaterThan(0);
    expect(admitted).toBeGreaterThan(0);
    expect(upstreamCalls() - before).toBe(admitted);
    const [status] = await getBudgetStatus(server(), { userId });
    expect(status!.spent_usd).toBeLessThanOrEqual(0.06);
    expect(status!.spent_usd).toBeCloseTo(admitted * COST, 9);
    expect(status!.held_usd).toBe(0);
  });

  describe("when the database cannot be reached", () => {
    const unreachable = () => createPgTransport(unreachablePool(pg.Pool));

    it('"closed": the call is refused with UsageConnectionError and never reaches Anthropic', async () => {
      const closed = createBudgetGuard({ transport: unreachable(), whenUnavailable: "closed" });
      const before = upstreamCalls();
      const error = await trackAnthropic(client, { recorder, budget: closed, context: { userId } })
        .messages.create(PARAMS)
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(UsageConnectionError);
      expect(upstreamCalls()).toBe(before);
    });

    it('"open": the call goes ahead unchecked, onError hears why, and its usage is still recorded', async () => {
      const heard: UsageError[] = [];
      const open = createBudgetGuard({
        transport: unreachable(),
        whenUnavailable: "open",
        onError: (error) => heard.push(error),
      });
      const message = await trackAnthropic(client, {
        recorder,
        budget: open,
        context: { userId },
      }).messages.create(PARAMS);
      expect(heard).toEqual([expect.any(UsageConnectionError)]);
      await recorder.flush();
      expect(await loggedHoldIds(database.pool, userId)).toEqual({ [message.id]: null });
    });
  });
});
