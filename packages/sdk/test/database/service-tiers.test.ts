import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trackAnthropic } from "../../src/anthropic.js";
import { explainModelPrice, type UsageRecorder } from "../../src/index.js";
import { trackOpenAI } from "../../src/openai.js";
import { createPgTransport } from "../../src/pg.js";
import { type AnthropicFixture, startAnthropicFixture } from "../fixtures/anthropic-fixture.js";
import { type OpenAIFixture, SERVED_MODEL, startOpenAIFixture } from "../fixtures/openai-fixture.js";
import { newUserId, rowsOf, useTestDatabase } from "../support/database.js";
import { pgRecorder } from "../support/recording.js";
import { standardPrice, storedPricing, tierPrice } from "../support/tier-prices.js";

const CLAUDE = "claude-sonnet-4-20250514";
const CLAUDE_PARAMS = {
  model: CLAUDE,
  max_tokens: 256,
  messages: [{ role: "user" as const, content: "Hi" }],
};
const CHAT = { model: "gpt-4o", messages: [{ role: "user" as const, content: "Hi" }] };

/**
 * Tiers end to end: the official clients against local upstreams that answer with the tier they
 * served, the SDK's wrappers, the pg sink, and the price rule of the migrations in the checkout.
 * Each row must carry the tier the provider reported and cost what the catalog's entry for that
 * tier says (the entry is looked up with explain_ai_model_price, the rule ingest uses).
 */
describe("service tiers and OpenAI cache writes, stored and priced", () => {
  const database = useTestDatabase();
  let anthropicFixture: AnthropicFixture;
  let openaiFixture: OpenAIFixture;
  let anthropic: Anthropic;
  let openai: OpenAI;
  let recorder: UsageRecorder;

  beforeAll(async () => {
    [anthropicFixture, openaiFixture] = await Promise.all([startAnthropicFixture(), startOpenAIFixture()]);
    anthropic = new Anthropic({ apiKey: "test-key", baseURL: anthropicFixture.url, maxRetries: 0 });
    openai = new OpenAI({ apiKey: "test-key", baseURL: `${openaiFixture.url}/v1`, maxRetries: 0 });
    ({ recorder } = pgRecorder(database));
  });
  afterAll(async () => {
    await recorder?.close();
    await Promise.all([anthropicFixture?.close(), openaiFixture?.close()]);
  });

  const onlyRow = async (userId: string) => {
    await recorder.flush();
    const rows = await rowsOf(database.pool, userId);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  it("OpenAI priority: stored as 'priority' and priced at the priority entry, not the standard one", async () => {
    const userId = newUserId();
    // LiteLLM 2026-08-01, gpt-4o priority: input 4.25, output 17, cached input 2.125 per million.
    const priority = await tierPrice(database.pool, SERVED_MODEL, "priority", {
      provider: "openai",
      effectiveFrom: "2024-08-06T00:00:00Z",
      inputPerMtok: 4.25,
      outputPerMtok: 17,
      cacheReadPerMtok: 2.125,
    });
    const standard = await standardPrice(database.pool, SERVED_MODEL, "openai");
    expect(priority.input_per_mtok).toBeGreaterThan(standard.input_per_mtok);

    const completion = await trackOpenAI(openai, { recorder, context: { userId } }).chat.completions.create({
      ...CHAT,
      service_tier: "priority",
    });
    expect(completion.service_tier).toBe("priority");
    const row = await onlyRow(userId);
    expect(row).toMatchObject({ input_tokens: 200, cache_read_tokens: 1000, output_tokens: 300 });
    const pricing = await storedPricing(database.pool, completion.id, priority);
    expect(pricing.service_tier).toBe("priority");
    expect(pricing.cost).toBe(pricing.expected);
  });

  it("OpenAI flex, streamed: the tier of the chunks", async () => {
    const userId = newUserId();
    const stream = await trackOpenAI(openai, { recorder, context: { userId } }).chat.completions.create({
      ...CHAT,
      stream: true,
      service_tier: "flex",
    });
    let id = "";
    for await (const chunk of stream) id = chunk.id;
    await onlyRow(userId);
    const flex = (await explainAt(SERVED_MODEL, "openai", "flex")).price!;
    const pricing = await storedPricing(database.pool, id, flex);
    expect(pricing).toMatchObject({ service_tier: "flex", cost: pricing.expected });
  });

  it("OpenAI at the default tier: stored as 'standard'", async () => {
    const userId = newUserId();
    const completion = await trackOpenAI(openai, { recorder, context: { userId } }).chat.completions.create(
      CHAT,
    );
    expect(completion.service_tier).toBe("default");
    await onlyRow(userId);
    expect(
      (
        await storedPricing(
          database.pool,
          completion.id,
          await standardPrice(database.pool, SERVED_MODEL, "openai"),
        )
      ).service_tier,
    ).toBe("standard");
  });

  it("OpenAI cache writes (Responses API): their own bucket, out of input", async () => {
    const userId = newUserId();
    openaiFixture.usageNext({
      input_tokens: 5000,
      input_tokens_details: { cached_tokens: 3000, cache_write_tokens: 1500 },
      output_tokens: 40,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 5040,
    });
    const response = await trackOpenAI(openai, { recorder, context: { userId } }).responses.create({
      model: "gpt-4o",
      input: "Hi",
    });
    expect(await onlyRow(userId)).toMatchObject({
      request_id: response.id,
      input_tokens: 500,
      cache_write_5m_tokens: 1500,
      cache_read_tokens: 3000,
      output_tokens: 40,
    });
  });

  it("Anthropic priority (service_tier 'auto' with Priority Tier capacity) and fast mode, plain and streamed", async () => {
    const userId = newUserId();
    const tracked = trackAnthropic(anthropic, { recorder, context: { userId } });
    const message = await tracked.messages.create({ ...CLAUDE_PARAMS, service_tier: "auto" });
    expect(message.usage.service_tier).toBe("priority");
    const stream = await tracked.messages.create({ ...CLAUDE_PARAMS, stream: true, speed: "fast" });
    let streamedId = "";
    for await (const event of stream) {
      if (event.type === "message_start") streamedId = event.message.id;
    }
    await recorder.flush();
    expect(await rowsOf(database.pool, userId)).toHaveLength(2);
    for (const [requestId, tier] of [
      [message.id, "priority"],
      [streamedId, "fast"],
    ] as const) {
      // Whatever entry the catalog has for the tier (standard when it has none): the rule's answer.
      const price = (await explainAt(CLAUDE, "anthropic", tier)).price!;
      const pricing = await storedPricing(database.pool, requestId, price);
      expect(pricing).toMatchObject({ service_tier: tier, cost: pricing.expected });
    }
  });

  const explainAt = (model: string, provider: string, serviceTier: "flex" | "priority" | "fast") =>
    explainModelPrice(createPgTransport(database.pool), { model, provider, serviceTier });
});
