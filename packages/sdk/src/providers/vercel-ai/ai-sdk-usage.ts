import { type TokenUsage, tokens } from "../token-usage.js";

/** `usage` of a language model result (LanguageModelV3Usage; the same in V4). */
export interface AiSdkUsage {
  inputTokens?: {
    total?: number | undefined;
    noCache?: number | undefined;
    cacheRead?: number | undefined;
    cacheWrite?: number | undefined;
  };
  outputTokens?: { total?: number | undefined; text?: number | undefined; reasoning?: number | undefined };
  /** The provider's own usage object (Anthropic's carries the cache-write split by TTL). */
  raw?: unknown;
}

/** `providerMetadata` of a result: per provider, whatever it adds. */
export type AiSdkProviderMetadata = Record<string, Record<string, unknown> | undefined>;

/**
 * AI SDK usage in the disjoint buckets: input is the uncached part (`noCache`, else the total less
 * cache reads and writes), cache reads and writes as reported, and output the total, reasoning
 * included (as every provider bills it). Anthropic's cache writes are split by TTL from its raw
 * usage when it has the split, else counted as 5-minute writes (the default TTL); a provider that
 * reports cache writes only in its metadata (`anthropic.cacheCreationInputTokens`) is read there.
 */
export function tokenUsageFromAiSdk(
  usage: AiSdkUsage | null | undefined,
  providerMetadata?: AiSdkProviderMetadata | null,
): TokenUsage {
  const input = usage?.inputTokens;
  const output = usage?.outputTokens;
  const cacheRead = tokens(input?.cacheRead);
  const cacheWrite = tokens(input?.cacheWrite ?? providerMetadata?.anthropic?.cacheCreationInputTokens);
  const uncached =
    input?.noCache !== undefined
      ? tokens(input.noCache)
      : Math.max(0, tokens(input?.total) - cacheRead - cacheWrite);
  const outputTotal =
    output?.total !== undefined ? tokens(output.total) : tokens(output?.text) + tokens(output?.reasoning);
  const oneHourWrites = anthropicOneHourWrites(usage?.raw, cacheWrite);
  return {
    inputTokens: uncached,
    outputTokens: outputTotal,
    cacheWrite5mTokens: cacheWrite - oneHourWrites,
    cacheWrite1hTokens: oneHourWrites,
    cacheReadTokens: cacheRead,
  };
}

/** The 1-hour part of Anthropic's cache writes, when its raw usage splits them and the split adds up. */
function anthropicOneHourWrites(raw: unknown, cacheWrite: number): number {
  const split = (raw as { cache_creation?: Record<string, unknown> | null } | undefined)?.cache_creation;
  if (!split) return 0;
  const fiveMinutes = tokens(split.ephemeral_5m_input_tokens);
  const oneHour = tokens(split.ephemeral_1h_input_tokens);
  return fiveMinutes + oneHour === cacheWrite ? oneHour : 0;
}

const KNOWN_PROVIDERS = new Set(["anthropic", "openai", "google"]);

/**
 * The price catalog's provider for a model's provider id: `anthropic.messages` -> anthropic,
 * `openai.responses` / `openai.chat` -> openai, `google.generative-ai` / `google.vertex.chat` ->
 * google, `vertex.anthropic.messages` -> anthropic (the first known name among its parts);
 * any other id -> its first part (`mistral.chat` -> mistral).
 */
export function providerFromModel(providerId: unknown): string {
  if (typeof providerId !== "string" || providerId === "") return "unknown";
  const parts = providerId.split(".");
  return parts.find((part) => KNOWN_PROVIDERS.has(part)) ?? parts[0]!;
}
