import type { ServiceTier } from "../../schemas/usage-event.js";
import type { TokenUsage } from "../token-usage.js";
import { serviceTierFromAnthropic } from "./anthropic-service-tier.js";
import { type AnthropicUsage, tokenUsageFromAnthropic } from "./anthropic-usage.js";

interface StreamEvent {
  type: string;
  message?: { id?: string; model?: string; usage?: AnthropicUsage };
  usage?: AnthropicUsage;
}

/**
 * Usage of a streamed Message: `message_start` carries the id, model and input/cache counts;
 * every `message_delta` carries cumulative totals, so the LAST value of each field wins. Adding
 * deltas up would count output (and any repeated input) several times.
 */
export class AnthropicStreamUsage {
  messageId: string | undefined;
  model: string | undefined;
  completed = false;
  private usage: AnthropicUsage = {};

  observe(event: StreamEvent): void {
    if (event.type === "message_start" && event.message) {
      this.messageId = event.message.id;
      this.model = event.message.model;
      this.usage = { ...event.message.usage };
    } else if (event.type === "message_delta" && event.usage) {
      const previousWrites = this.usage.cache_creation_input_tokens;
      for (const [field, value] of Object.entries(event.usage)) {
        if (value !== null && value !== undefined) (this.usage as Record<string, unknown>)[field] = value;
      }
      // A new cache-write total without a new per-TTL split makes the old split stale.
      const writes = this.usage.cache_creation_input_tokens;
      if (!event.usage.cache_creation && writes !== previousWrites) this.usage.cache_creation = null;
    } else if (event.type === "message_stop") {
      this.completed = true;
    }
  }

  tokens(): TokenUsage {
    return tokenUsageFromAnthropic(this.usage);
  }

  /** From `message_start`'s usage, or a later `message_delta` that states it. */
  serviceTier(): ServiceTier | undefined {
    return serviceTierFromAnthropic(this.usage);
  }
}
