import { type TokenUsage, tokens } from "../token-usage.js";

/** `usageMetadata` of a Gemini `GenerateContentResponse` (or of the last chunk of a stream). */
export interface GeminiUsageMetadata {
  promptTokenCount?: number | null;
  cachedContentTokenCount?: number | null;
  candidatesTokenCount?: number | null;
  thoughtsTokenCount?: number | null;
  toolUsePromptTokenCount?: number | null;
}

/**
 * Gemini usage in the disjoint buckets. `promptTokenCount` includes the cached content
 * (`cachedContentTokenCount`), so it is split out: input = prompt - cached, cache read = cached.
 * The results of tools the model ran (`toolUsePromptTokenCount`, e.g. search grounding) are
 * prompt tokens billed at the input rate, outside `promptTokenCount`, so they add to input.
 * Thinking (`thoughtsTokenCount`) is billed as output and is not in `candidatesTokenCount`.
 * Gemini bills cache storage by the hour, not per request: there is no cache-write bucket.
 */
export function tokenUsageFromGemini(usage: GeminiUsageMetadata | null | undefined): TokenUsage {
  const prompt = tokens(usage?.promptTokenCount);
  const cacheRead = Math.min(tokens(usage?.cachedContentTokenCount), prompt);
  return {
    inputTokens: prompt - cacheRead + tokens(usage?.toolUsePromptTokenCount),
    outputTokens: tokens(usage?.candidatesTokenCount) + tokens(usage?.thoughtsTokenCount),
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: cacheRead,
  };
}
