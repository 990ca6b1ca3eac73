import { type TokenUsage, tokens } from "../token-usage.js";

/** `usage` of a Chat Completion (or of the last chunk of a stream with `include_usage`). */
export interface ChatCompletionUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
}

/** `usage` of a Responses API response. */
export interface ResponseUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  input_tokens_details?: { cached_tokens?: number | null } | null;
}

/**
 * OpenAI counts cached tokens inside the prompt; the buckets are disjoint, so they are split out:
 * input = prompt - cached, cache read = cached. OpenAI has no cache-write charge; reasoning tokens
 * are already part of the completion/output count.
 */
function split(prompt: unknown, cached: unknown, output: unknown): TokenUsage {
  const cacheRead = Math.min(tokens(cached), tokens(prompt));
  return {
    inputTokens: tokens(prompt) - cacheRead,
    outputTokens: tokens(output),
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: cacheRead,
  };
}

export function tokenUsageFromChatCompletion(usage: ChatCompletionUsage | null | undefined): TokenUsage {
  return split(usage?.prompt_tokens, usage?.prompt_tokens_details?.cached_tokens, usage?.completion_tokens);
}

export function tokenUsageFromResponse(usage: ResponseUsage | null | undefined): TokenUsage {
  return split(usage?.input_tokens, usage?.input_tokens_details?.cached_tokens, usage?.output_tokens);
}
