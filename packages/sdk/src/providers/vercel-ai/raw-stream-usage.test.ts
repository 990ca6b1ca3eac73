import { describe, expect, it } from "vitest";
import { RawStreamUsage } from "./raw-stream-usage.js";

describe("RawStreamUsage", () => {
  it("Anthropic: message_start's input and cache counts, the last message_delta's output", () => {
    const usage = new RawStreamUsage("anthropic");
    expect(usage.tokens()).toBeUndefined();
    usage.observe({
      type: "message_start",
      message: { id: "msg_1", usage: { input_tokens: 10, cache_read_input_tokens: 20, output_tokens: 1 } },
    });
    usage.observe({ type: "message_delta", usage: { output_tokens: 7 } });
    expect(usage.tokens()).toMatchObject({ inputTokens: 10, cacheReadTokens: 20, outputTokens: 7 });
  });

  it("Google: the latest chunk's running total", () => {
    const usage = new RawStreamUsage("google");
    usage.observe({
      usageMetadata: { promptTokenCount: 50, cachedContentTokenCount: 40, candidatesTokenCount: 2 },
    });
    usage.observe({
      usageMetadata: { promptTokenCount: 50, cachedContentTokenCount: 40, candidatesTokenCount: 9 },
    });
    expect(usage.tokens()).toMatchObject({ inputTokens: 10, cacheReadTokens: 40, outputTokens: 9 });
  });

  it("other providers: nothing known before the end", () => {
    const usage = new RawStreamUsage("openai");
    usage.observe({ type: "response.created", response: { usage: null } });
    usage.observe("not an object");
    expect(usage.tokens()).toBeUndefined();
  });
});
