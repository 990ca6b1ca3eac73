import type { UsageEventInput } from "../schemas/usage-event.js";

/** The four disjoint token buckets a provider response is normalised into. */
export type TokenUsage = Required<
  Pick<
    UsageEventInput,
    "inputTokens" | "outputTokens" | "cacheWrite5mTokens" | "cacheWrite1hTokens" | "cacheReadTokens"
  >
>;

export const NO_TOKENS: TokenUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheWrite5mTokens: 0,
  cacheWrite1hTokens: 0,
  cacheReadTokens: 0,
};

/** Token counts from an API are non-negative integers; anything else counts as 0 rather than failing the record. */
export function tokens(value: unknown): number {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : 0;
}
