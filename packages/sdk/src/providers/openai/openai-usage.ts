import { type TokenUsage, tokens } from "../token-usage.js";

/**
 * `cached_tokens` and `cache_write_tokens` of a usage's prompt details. Cache writes are billed by
 * some models (the gpt-5.6 family) and reported only there; `cache_write_tokens` is not in the
 * official client's types yet, so it is read as whatever arrives (anything but a count = 0).
 */
interface PromptCacheDetails {
  cached_tokens?: number | null;
  cache_write_tokens?: number | null;
}

/** `usage` of a Chat Completion (or of the last chunk of a stream with `include_usage`). */
export interface ChatCompletionUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  prompt_tokens_details?: PromptCacheDetails | null;
}

/** `usage` of a Responses API response. */
export interface ResponseUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  input_tokens_details?: PromptCacheDetails | null;
}

/**
 * OpenAI counts cached tokens and cache writes inside the prompt; the buckets are disjoint, so they
 * are split out: cache read = cached, cache write (5-minute bucket: OpenAI has one kind of write)
 * = cache_write_tokens, input = prompt - cached - cache writes (never below 0, whatever the counts
 * say). Reasoning tokens are already part of the completion/output count.
 */
function split(prompt: unknown, details: PromptCacheDetails | null | undefined, output: unknown): TokenUsage {
  const promptTokens = tokens(prompt);
  const cacheRead = Math.min(tokens(details?.cached_tokens), promptTokens);
  const cacheWrite = Math.min(tokens(details?.cache_write_tokens), promptTokens - cacheRead);
  return {
    inputTokens: promptTokens - cacheRead - cacheWrite,
    outputTokens: tokens(output),
    cacheWrite5mTokens: cacheWrite,
    cacheWrite1hTokens: 0,
    cacheReadTokens: cacheRead,
  };
}

export function tokenUsageFromChatCompletion(usage: ChatCompletionUsage | null | undefined): TokenUsage {
  return split(usage?.prompt_tokens, usage?.prompt_tokens_details, usage?.completion_tokens);
}

export function tokenUsageFromResponse(usage: ResponseUsage | null | undefined): TokenUsage {
  return split(usage?.input_tokens, usage?.input_tokens_details, usage?.output_tokens);
}
