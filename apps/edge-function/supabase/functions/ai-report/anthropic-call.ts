import type { TokenUsage } from "@org/ai-usage-sdk/anthropic";

/** The request sent to Anthropic's Messages API for one prompt. */
export interface AnswerSettings {
  model: string;
  maxTokens: number;
}

export function messageParams(settings: AnswerSettings, prompt: string) {
  return {
    model: settings.model,
    max_tokens: settings.maxTokens,
    messages: [{ role: "user" as const, content: prompt }],
  };
}

/** Token buckets as the database names them (and as the JSON answer reports them). */
export function usageJson(tokens: TokenUsage) {
  return {
    input_tokens: tokens.inputTokens,
    output_tokens: tokens.outputTokens,
    cache_write_5m_tokens: tokens.cacheWrite5mTokens,
    cache_write_1h_tokens: tokens.cacheWrite1hTokens,
    cache_read_tokens: tokens.cacheReadTokens,
  };
}
