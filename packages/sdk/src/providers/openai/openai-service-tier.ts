import type { ServiceTier } from "../../schemas/usage-event.js";

/**
 * The price tier of an OpenAI response from its `service_tier` (Chat Completions, chunks of a
 * stream, Responses). `flex` and `priority` have rates of their own. `default` (and `auto`, which
 * a response only echoes before the tier is known) is standard; `scale` is paid for in advance by
 * reserved units, so its tokens are counted at the standard rate. Standard, null or an unknown word
 * is left out (the event's default), so a tier OpenAI adds later is not refused by the database.
 */
export function serviceTierFromOpenAI(serviceTier: unknown): ServiceTier | undefined {
  switch (serviceTier) {
    case "flex":
      return "flex";
    case "priority":
      return "priority";
    default:
      return undefined;
  }
}
