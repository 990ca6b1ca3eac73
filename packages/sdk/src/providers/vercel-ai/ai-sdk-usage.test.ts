import { describe, expect, it } from "vitest";
import { providerFromModel, tokenUsageFromAiSdk } from "./ai-sdk-usage.js";

describe("tokenUsageFromAiSdk", () => {
  it("Anthropic: uncached input, cache reads, cache writes split by TTL from the raw usage", () => {
    expect(
      tokenUsageFromAiSdk({
        inputTokens: { total: 5100, noCache: 100, cacheRead: 3000, cacheWrite: 2000 },
        outputTokens: { total: 50, text: 30, reasoning: 20 },
        raw: { cache_creation: { ephemeral_5m_input_tokens: 1500, ephemeral_1h_input_tokens: 500 } },
      }),
    ).toEqual({
      inputTokens: 100,
      outputTokens: 50,
      cacheWrite5mTokens: 1500,
      cacheWrite1hTokens: 500,
      cacheReadTokens: 3000,
    });
  });

  it("cache writes without a split (or one that does not add up) are 5-minute writes", () => {
    const usage = { inputTokens: { noCache: 7, cacheWrite: 40 }, outputTokens: { total: 3 } };
    expect(tokenUsageFromAiSdk(usage)).toMatchObject({ cacheWrite5mTokens: 40, cacheWrite1hTokens: 0 });
    expect(
      tokenUsageFromAiSdk({ ...usage, raw: { cache_creation: { ephemeral_1h_input_tokens: 10 } } }),
    ).toMatchObject({ cacheWrite5mTokens: 40, cacheWrite1hTokens: 0 });
  });

  it("reads cache writes from Anthropic's provider metadata when the usage has none", () => {
    expect(
      tokenUsageFromAiSdk(
        { inputTokens: { total: 2107, cacheRead: 0 }, outputTokens: { total: 3 } },
        { anthropic: { cacheCreationInputTokens: 2000 } },
      ),
    ).toMatchObject({ inputTokens: 107, cacheWrite5mTokens: 2000 });
  });

  it("OpenAI: input without noCache is the total less cache reads; reasoning is inside the output total", () => {
    expect(
      tokenUsageFromAiSdk({
        inputTokens: { total: 1486, cacheRead: 1408 },
        outputTokens: { total: 651, reasoning: 512 },
      }),
    ).toMatchObject({ inputTokens: 78, cacheReadTokens: 1408, outputTokens: 651 });
  });

  it("output without a total is text plus reasoning; missing usage is all zeros", () => {
    expect(tokenUsageFromAiSdk({ outputTokens: { text: 5, reasoning: 7 } })).toMatchObject({
      outputTokens: 12,
    });
    expect(tokenUsageFromAiSdk(undefined)).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 0,
    });
  });
});

describe("providerFromModel", () => {
  it.each([
    ["anthropic.messages", "anthropic"],
    ["openai.responses", "openai"],
    ["openai.chat", "openai"],
    ["google.generative-ai", "google"],
    ["google.vertex.chat", "google"],
    ["vertex.anthropic.messages", "anthropic"],
    ["mistral.chat", "mistral"],
    ["groq", "groq"],
    ["", "unknown"],
  ])("%s -> %s", (id, provider) => {
    expect(providerFromModel(id)).toBe(provider);
  });
});
