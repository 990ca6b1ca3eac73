import { describe, expect, it } from "vitest";
import { tokenUsageFromGemini } from "./gemini-usage.js";

describe("tokenUsageFromGemini", () => {
  it("splits the cached content out of the prompt and bills thinking as output", () => {
    expect(
      tokenUsageFromGemini({
        promptTokenCount: 5000,
        cachedContentTokenCount: 4000,
        candidatesTokenCount: 120,
        thoughtsTokenCount: 800,
      }),
    ).toEqual({
      inputTokens: 1000,
      outputTokens: 920,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 4000,
    });
  });

  it("counts tool-use prompt tokens (e.g. search results) as input", () => {
    expect(
      tokenUsageFromGemini({ promptTokenCount: 10, toolUsePromptTokenCount: 300, candidatesTokenCount: 5 }),
    ).toMatchObject({ inputTokens: 310, outputTokens: 5, cacheReadTokens: 0 });
  });

  it("never reads more from the cache than the prompt had, and treats nonsense as 0", () => {
    expect(tokenUsageFromGemini({ promptTokenCount: 10, cachedContentTokenCount: 50 })).toMatchObject({
      inputTokens: 0,
      cacheReadTokens: 10,
    });
    expect(tokenUsageFromGemini(undefined)).toMatchObject({ inputTokens: 0, outputTokens: 0 });
    expect(tokenUsageFromGemini({ promptTokenCount: -3, candidatesTokenCount: 1.5 })).toMatchObject({
      inputTokens: 0,
      outputTokens: 0,
    });
  });
});
