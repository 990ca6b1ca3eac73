import { describe, expect, it } from "vitest";
import { serviceTierFromAiSdk } from "./ai-sdk-service-tier.js";

describe("serviceTierFromAiSdk", () => {
  it("reads Anthropic's tier from its raw usage object", () => {
    const raw = { input_tokens: 10, output_tokens: 2, service_tier: "priority", speed: "standard" };
    expect(serviceTierFromAiSdk({ raw })).toBe("priority");
    expect(serviceTierFromAiSdk({ raw: { ...raw, speed: "fast" } })).toBe("fast");
    expect(serviceTierFromAiSdk({ raw: { ...raw, service_tier: "standard" } })).toBeUndefined();
  });

  it("reads OpenAI's from the provider metadata @ai-sdk/openai fills", () => {
    const usage = { raw: { input_tokens: 10, output_tokens: 2 } };
    expect(serviceTierFromAiSdk(usage, { openai: { responseId: "resp_1", serviceTier: "flex" } })).toBe(
      "flex",
    );
    expect(
      serviceTierFromAiSdk(usage, { openai: { responseId: "resp_1", serviceTier: "default" } }),
    ).toBeUndefined();
  });

  it("is standard (absent) when no provider says", () => {
    expect(serviceTierFromAiSdk(undefined)).toBeUndefined();
    expect(
      serviceTierFromAiSdk({ raw: "not an object" }, { google: { thoughtSignature: "x" } }),
    ).toBeUndefined();
  });
});
