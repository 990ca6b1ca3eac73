import { type TokenUsage, tokens } from "../token-usage.js";
import type { AnthropicTierUsage } from "./anthropic-service-tier.js";

/** The usage object of an Anthropic Message (or the merged usage of a stream). */
export interface AnthropicUsage extends AnthropicTierUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation?: {
    ephemeral_5m_input_tokens?: number | null;
    ephemeral_1h_input_tokens?: number | null;
  } | null;
}

/**
 * Anthropic usage in the four disjoint buckets. `input_tokens` is already uncached; cache writes
 * use the per-TTL split (`cache_creation`) when present, else `cache_creation_input_tokens` as
 * 5-minute writes (the default TTL); cache reads are `cache_read_input_tokens`.
 */
export function tokenUsageFromAnthropic(usage: AnthropicUsage | null | undefined): TokenUsage {
  const split = usage?.cache_creation;
  return {
    inputTokens: tokens(usage?.input_tokens),
    outputTokens: tokens(usage?.output_tokens),
    cacheWrite5mTokens: split
      ? tokens(split.ephemeral_5m_input_tokens)
      : tokens(usage?.cache_creation_input_tokens),
    cacheWrite1hTokens: split ? tokens(split.ephemeral_1h_input_tokens) : 0,
    cacheReadTokens: tokens(usage?.cache_read_input_tokens),
  };
}
