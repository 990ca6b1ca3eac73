import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type BudgetGuard,
  createBudgetGuard,
  getBudgetStatus,
  setBudget,
  UsageBudgetExceededError,
  type UsageRecorder,
  UsageValidationError,
} from "../../src/index.js";
import { trackOpenAI } from "../../src/openai.js";
import { createPgTransport } from "../../src/pg.js";
import { type OpenAIFixture, startOpenAIFixture } from "../fixtures/openai-fixture.js";
import { holdsOf, loggedHoldIds } from "../support/budgets.js";
import { newUserId, useTestDatabase } from "../support/database.js";
import { pgRecorder } from "../support/recording.js";
import { standardPrice, tierPrice } from "../support/tier-prices.js";

const CHAT = {
  model: "gpt-4o",
  max_completion_tokens: 256,
  messages: [{ role: "user" as const, content: "Hi" }],
};
const RESPONSE = { model: "gpt-4o", max_output_tokens: 256, input: "Hi" };
/** What the fixture's usage costs (openai-provider.test.ts). */
const COST = 0.00475;

async function collect(stream: AsyncIterable<unknown>): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

describe("trackOpenAI with a budget guard (official client, local OpenAI API, real PostgreSQL)", () => {
  const database = useTestDatabase();
  let fixture: OpenAIFixture;
  let client: OpenAI;
  let recorder: UsageRecorder;
  let guard: BudgetGuard;
  let userId: string;
  let tracked: ReturnType<typeof trackOpenAI<OpenAI>>;
  const server = () => createPgTransport(database.pool);
  const upstreamCalls = () => fixture.requests.length;

  beforeAll(async () => {
    fixture = await startOpenAIFixture();
    client = new OpenAI({ apiKey: "test-key", baseURL: `${fixture.url}/v1`, maxRetries: 0 });
    ({ recorder } = pgRecorder(database));
    guard = createBudgetGuard({ transport: server(), whenUnavailable: "closed" });
  });
  afterAll(async () => {
    await recorder?.close();
    await fixture?.close();
  });
  beforeEach(() => {
    userId = newUserId();
    tracked = trackOpenAI(client, { recorder, budget: guard, context: { userId } });
  });

  it("refused: chat and responses, plain, streaming and the helpers, all before any request", async () => {
    await setBudget(server(), { scope: "user", userId, limitUsd: 0.005 });
    const before = upstreamCalls();
    const attempts = [
      tracked.chat.completions.create(CHAT),
      tracked.chat.completions.create({ ...CHAT, stream: true }),
      tracked.responses.create(RESPONSE),
      tracked.responses.create({ ...RESPONSE, stream: true }),
    ];
    for (const attempt of attempts) {
      expect(await Promise.resolve(attempt).catch((error: unknown) => error)).toBeInstanceOf(
        UsageBudgetExceededError,
      );
    }
    const helper = await tracked.chat.completions
      .stream(CHAT)
      .finalChatCompletion()
      .catch((error: unknown) => error);
    const refusal = helper instanceof UsageBudgetExceededError ? helper : (helper as Error).cause;
    expect(refusal).toBeInstanceOf(UsageBudgetExceededError);
    expect(upstreamCalls()).toBe(before);
    expect(await holdsOf(database.pool, userId)).toEqual([]);
  });

  it.each([
    ["chat.completions.create", (t: typeof tracked) => t.chat.completions.create(CHAT)],
    [
      "chat.completions.create (stream)",
      async (t: typeof tracked) => collect(await t.chat.completions.create({ ...CHAT, stream: true })),
    ],
    [
      "chat.completions.stream()",
      (t: typeof tracked) => t.chat.completions.stream(CHAT).finalChatCompletion(),
    ],
    ["responses.create", (t: typeof tracked) => t.responses.create(RESPONSE)],
    [
      "responses.create (stream)",
      async (t: typeof tracked) => collect(await t.responses.create({ ...RESPONSE, stream: true })),
    ],
  ])("%s: admitted, recorded with its hold id, which settles it", async (_, call) => {
    await setBudget(server(), { scope: "user", userId, limitUsd: 1 });
    await call(tracked);
    await recorder.flush();
    const holds = await holdsOf(database.pool, userId);
    expect(holds).toHaveLength(1);
    expect(holds[0]).toMatchObject({ open: false, released_at: null });
    expect(Object.values(await loggedHoldIds(database.pool, userId))).toEqual([holds[0]!.id]);
    const [status] = await getBudgetStatus(server(), { userId });
    expect(status).toMatchObject({ spent_usd: COST, held_usd: 0 });
  });

  it("a failed request releases its hold", async () => {
    await setBudget(server(), { scope: "user", userId, limitUsd: 1 });
    fixture.failNext(500, "upstream broke");
    const error = await tracked.chat.completions.create(CHAT).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    await expect.poll(async () => (await holdsOf(database.pool, userId))[0]?.released_at).not.toBeNull();
    const [status] = await getBudgetStatus(server(), { userId });
    expect(status).toMatchObject({ spent_usd: 0, held_usd: 0 });
  });

  it("n choices hold n times the output limit", async () => {
    await setBudget(server(), { scope: "user", userId, limitUsd: 1 });
    const stream = await tracked.chat.completions.create({ ...CHAT, n: 3, stream: true });
    const [threeChoices] = await holdsOf(database.pool, userId);
    await collect(stream);
    const single = await tracked.chat.completions.create({ ...CHAT, stream: true });
    const [, oneChoice] = await holdsOf(database.pool, userId);
    await collect(single);
    // 2 x 256 more output tokens at gpt-4o's $10 per million (the requests differ by a few bytes).
    expect(Number(threeChoices!.amount_usd) - Number(oneChoice!.amount_usd)).toBeCloseTo(512 * 10e-6, 4);
  });

  it("a request that asks for priority is held at the priority entry's rates", async () => {
    await setBudget(server(), { scope: "user", userId, limitUsd: 1 });
    // LiteLLM 2026-08-01, gpt-4o priority: input 4.25, output 17, cached input 2.125 per million.
    const priority = await tierPrice(database.pool, "gpt-4o", "priority", {
      provider: "openai",
      effectiveFrom: "2024-05-13T00:00:00Z",
      inputPerMtok: 4.25,
      outputPerMtok: 17,
      cacheReadPerMtok: 2.125,
    });
    const standard = await standardPrice(database.pool, "gpt-4o", "openai");
    const priorityRequest = { ...CHAT, service_tier: "priority" as const };
    await tracked.chat.completions.create(CHAT);
    await tracked.chat.completions.create(priorityRequest);
    const [standardHold, priorityHold] = await holdsOf(database.pool, userId);
    const held = (price: typeof standard, params: object) =>
      (guard.inputTokenBound(params) *
        Math.max(price.input_per_mtok, price.cache_write_5m_per_mtok, price.cache_write_1h_per_mtok) +
        CHAT.max_completion_tokens * price.output_per_mtok) /
      1e6;
    expect(Number(standardHold!.amount_usd)).toBeCloseTo(held(standard, CHAT), 6);
    expect(Number(priorityHold!.amount_usd)).toBeCloseTo(held(priority, priorityRequest), 6);
    expect(priority.input_per_mtok).toBeGreaterThan(standard.input_per_mtok);
  });

  it("without max_completion_tokens (or max_tokens) / max_output_tokens: UsageValidationError before the call", async () => {
    const before = upstreamCalls();
    const { max_completion_tokens: _, ...chat } = CHAT;
    const chatError = await tracked.chat.completions.create(chat).catch((thrown: unknown) => thrown);
    expect(chatError).toBeInstanceOf(UsageValidationError);
    expect((chatError as UsageValidationError).field).toBe("max_completion_tokens");
    const { max_output_tokens: __, ...response } = RESPONSE;
    const responseError = await tracked.responses.create(response).catch((thrown: unknown) => thrown);
    expect((responseError as UsageValidationError).field).toBe("max_output_tokens");
    // The older max_tokens bounds a chat completion too.
    await tracked.chat.completions.create({ ...chat, max_tokens: 64 });
    expect(upstreamCalls()).toBe(before + 1);
  });
});
