import type { ServiceTier } from "../../schemas/usage-event.js";
import { type AnthropicTierUsage, serviceTierFromAnthropic } from "../anthropic/anthropic-service-tier.js";
import { serviceTierFromOpenAI } from "../openai/openai-service-tier.js";
import type { AiSdkProviderMetadata, AiSdkUsage } from "./ai-sdk-usage.js";

/**
 * The tier of an AI SDK call, where a provider package passes it on: Anthropic's own usage object
 * (`usage.raw`: `service_tier`, `speed`), OpenAI's `providerMetadata.openai.serviceTier`
 * (@ai-sdk/openai sets it from the response's `service_tier`). Anything else = standard.
 */
export function serviceTierFromAiSdk(
  usage: AiSdkUsage | null | undefined,
  providerMetadata?: AiSdkProviderMetadata | null,
): ServiceTier | undefined {
  const raw = usage?.raw;
  if (raw !== null && typeof raw === "object" && ("service_tier" in raw || "speed" in raw)) {
    const tier = serviceTierFromAnthropic(raw as AnthropicTierUsage);
    if (tier) return tier;
  }
  return serviceTierFromOpenAI(providerMetadata?.openai?.serviceTier);
}
