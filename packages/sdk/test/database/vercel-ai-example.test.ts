import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnthropicFixture, startAnthropicFixture } from "../fixtures/anthropic-fixture.js";
import { type OpenAIFixture, SERVED_MODEL, startOpenAIFixture } from "../fixtures/openai-fixture.js";
import { rowsOf, useTestDatabase } from "../support/database.js";

// A file of its own: the AI SDK's default providers (`anthropic`, `openai`) read their base URL
// when their module loads, so nothing here may load them before the environment names the fixtures.

describe("examples/vercel-ai.ts (run as written against the local Anthropic and OpenAI APIs)", () => {
  const database = useTestDatabase();
  let anthropicUpstream: AnthropicFixture;
  let openaiUpstream: OpenAIFixture;

  beforeAll(async () => {
    [anthropicUpstream, openaiUpstream] = await Promise.all([startAnthropicFixture(), startOpenAIFixture()]);
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      ANTHROPIC_API_KEY: "test-key",
      ANTHROPIC_BASE_URL: `${anthropicUpstream.url}/v1`,
      OPENAI_API_KEY: "test-key",
      OPENAI_BASE_URL: `${openaiUpstream.url}/v1`,
    });
  });
  afterAll(async () => {
    await Promise.all([anthropicUpstream?.close(), openaiUpstream?.close()]);
  });

  it("records the Anthropic and the OpenAI call", async () => {
    const { text } = await import("../../examples/vercel-ai.js");
    expect(text).toBe("Hello there");
    expect(await rowsOf(database.pool, "8d3f5a7c-2e4b-4c6d-8f1a-3b5d7f9e1c24")).toEqual([
      expect.objectContaining({
        provider: "anthropic",
        input_tokens: 100,
        cache_write_1h_tokens: 500,
        request_id: anthropicUpstream.messageIds[0],
      }),
      expect.objectContaining({
        provider: "openai",
        model_used: SERVED_MODEL,
        input_tokens: 200,
        cache_read_tokens: 1000,
        request_type: "assistant",
      }),
    ]);
  });
});
