import type { ServiceTier } from "../../schemas/usage-event.js";

/** The tier fields of an Anthropic `usage` object (Messages, stream events, batch results). */
export interface AnthropicTierUsage {
  /** The tier that served the request: `standard`, `priority` (Priority Tier) or `batch` (Message Batches). */
  service_tier?: string | null;
  /** `fast` for fast mode (`speed: "fast"`), priced on its own. */
  speed?: string | null;
}

/**
 * The price tier of an Anthropic request. Fast mode wins over `service_tier`: it has its own
 * rates whatever capacity served it. Standard, null or an unknown word is left out (the event's
 * default, standard), so a tier Anthropic adds later is priced as standard rather than refused.
 */
export function serviceTierFromAnthropic(
  usage: AnthropicTierUsage | null | undefined,
): ServiceTier | undefined {
  if (usage?.speed === "fast") return "fast";
  switch (usage?.service_tier) {
    case "priority":
      return "priority";
    case "batch":
      return "batch";
    default:
      return undefined;
  }
}
