import { describe, expect, it } from "vitest";
import { AnthropicStreamUsage } from "./anthropic-stream-usage.js";
import { tokenUsageFromAnthropic } from "./anthropic-usage.js";

describe("tokenUsageFromAnthropic", () => {
  it("uses the per-TTL cache-write split when present", () => {
    expect(
      tokenUsageFromAnthropic({
        input_tokens: 100,
        output_tokens: 50,
        cache_creation_input_tokens: 2000,
        cache_read_input_tokens: 3000,
        cache_creation: { ephemeral_5m_input_tokens: 1500, ephemeral_1h_input_tokens: 500 },
      }),
    ).toEqual({
      inputTokens: 100,
      outputTokens: 50,
      cacheWrite5mTokens: 1500,
      cacheWrite1hTokens: 500,
      cacheReadTokens: 3000,
    });
  });

  it("counts cache_creation_input_tokens as 5-minute writes when no split is given", () => {
    expect(
      tokenUsageFromAnthropic({
        input_tokens: 7,
        output_tokens: 3,
        cache_creation_input_tokens: 40,
        cache_creation: null,
      }),
    ).toMatchObject({ inputTokens: 7, cacheWrite5mTokens: 40, cacheWrite1hTokens: 0, cacheReadTokens: 0 });
  });

  it("treats missing or nonsensical counts as 0", () => {
    expect(tokenUsageFromAnthropic(undefined)).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 0,
    });
    expect(tokenUsageFromAnthropic({ input_tokens: -4, output_tokens: 1.5 })).toMatchObject({
      inputTokens: 0,
      outputTokens: 0,
    });
  });
});

describe("AnthropicStreamUsage", () => {
  const start = {
    type: "message_start",
    message: {
      id: "msg_1",
      model: "claude-sonnet-4-20250514",
      usage: {
        input_tokens: 100,
        output_tokens: 1,
        cache_creation_input_tokens: 2000,
        cache_read_input_tokens: 3000,
        cache_creation: { ephemeral_5m_input_tokens: 1500, ephemeral_1h_input_tokens: 500 },
      },
    },
  };

  it("keeps the LAST cumulative message_delta, never a sum", () => {
    const usage = new AnthropicStreamUsage();
    usage.observe(start);
    usage.observe({ type: "message_delta", usage: { output_tokens: 20 } });
    usage.observe({
      type: "message_delta",
      usage: { output_tokens: 50, input_tokens: 100, cache_read_input_tokens: 3000 },
    });
    usage.observe({ type: "message_stop" });
    expect(usage.messageId).toBe("msg_1");
    expect(usage.model).toBe("claude-sonnet-4-20250514");
    expect(usage.completed).toBe(true);
    expect(usage.tokens()).toEqual({
      inputTokens: 100,
      outputTokens: 50,
      cacheWrite5mTokens: 1500,
      cacheWrite1hTokens: 500,
      cacheReadTokens: 3000,
    });
  });

  it("drops a stale per-TTL split when a delta changes the cache-write total", () => {
    const usage = new AnthropicStreamUsage();
    usage.observe(start);
    usage.observe({ type: "message_delta", usage: { output_tokens: 9, cache_creation_input_tokens: 2600 } });
    expect(usage.tokens()).toMatchObject({ cacheWrite5mTokens: 2600, cacheWrite1hTokens: 0 });
  });

  it("ignores null fields in a delta", () => {
    const usage = new AnthropicStreamUsage();
    usage.observe(start);
    usage.observe({
      type: "message_delta",
      usage: { output_tokens: 12, input_tokens: null, cache_read_input_tokens: null },
    });
    expect(usage.tokens()).toMatchObject({ inputTokens: 100, outputTokens: 12, cacheReadTokens: 3000 });
  });
});
