import { describe, expect, it } from "vitest";
import { type AnthropicTierUsage, serviceTierFromAnthropic } from "./anthropic-service-tier.js";
import { AnthropicStreamUsage } from "./anthropic-stream-usage.js";
import type { AnthropicUsage } from "./anthropic-usage.js";

/** A Messages `usage` object as the API sends it today (every field of @anthropic-ai/sdk's `Usage`). */
type UsageFixture = AnthropicUsage & Record<string, unknown>;
const usage = (tier: AnthropicTierUsage & Record<string, unknown>): UsageFixture => ({
  cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
  inference_geo: "us",
  input_tokens: 25,
  output_tokens: 9,
  output_tokens_details: null,
  server_tool_use: null,
  ...tier,
});

describe("serviceTierFromAnthropic", () => {
  it.each([
    [{ service_tier: "standard", speed: "standard" }, undefined],
    [{ service_tier: "priority", speed: "standard" }, "priority"],
    [{ service_tier: "batch", speed: null }, "batch"],
    [{ service_tier: null, speed: null }, undefined],
    // Fast mode has its own rates whatever capacity served it.
    [{ service_tier: "priority", speed: "fast" }, "fast"],
    [{ service_tier: "standard", speed: "fast" }, "fast"],
    // A tier added later is priced as standard rather than refused by the database.
    [{ service_tier: "overnight" }, undefined],
  ])("reads %j as %s", (tier, expected) => {
    expect(serviceTierFromAnthropic(usage(tier))).toBe(expected);
  });

  it("omits the tier when the response has no usage or no tier fields (older API versions)", () => {
    expect(serviceTierFromAnthropic(undefined)).toBeUndefined();
    expect(serviceTierFromAnthropic({ input_tokens: 3 } as never)).toBeUndefined();
  });
});

describe("AnthropicStreamUsage.serviceTier", () => {
  const start = (tier: Record<string, unknown>) => ({
    type: "message_start",
    message: { id: "msg_1", model: "claude-sonnet-4-5", usage: usage({ output_tokens: 1, ...tier }) },
  });

  it("takes the tier from message_start", () => {
    const stream = new AnthropicStreamUsage();
    stream.observe(start({ service_tier: "priority", speed: "standard" }) as never);
    stream.observe({ type: "message_delta", usage: { output_tokens: 40 } });
    stream.observe({ type: "message_stop" });
    expect(stream.serviceTier()).toBe("priority");
    expect(stream.tokens().outputTokens).toBe(40);
  });

  it("lets a message_delta that states the tier or the speed win", () => {
    const stream = new AnthropicStreamUsage();
    stream.observe(start({ service_tier: "standard", speed: null }) as never);
    stream.observe({ type: "message_delta", usage: { output_tokens: 40, speed: "fast" } as never });
    expect(stream.serviceTier()).toBe("fast");
  });

  it("keeps the tier when a message_delta sends null for it", () => {
    const stream = new AnthropicStreamUsage();
    stream.observe(start({ service_tier: "batch" }) as never);
    stream.observe({ type: "message_delta", usage: { output_tokens: 2, service_tier: null } });
    expect(stream.serviceTier()).toBe("batch");
  });

  it("has no tier before message_start", () => {
    expect(new AnthropicStreamUsage().serviceTier()).toBeUndefined();
  });
});
