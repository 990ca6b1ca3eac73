import Anthropic from "@anthropic-ai/sdk";
import type { TokenUsage } from "@org/ai-usage-sdk/anthropic";
import { HttpError } from "./http.ts";

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

/**
 * Anthropic failed (after the client's own retries): our caller gets a 502 that says so, never the
 * upstream body verbatim (it can mention our API key's organisation or workspace).
 */
export function upstreamFailure(error: unknown): HttpError {
  if (error instanceof Anthropic.APIConnectionError) {
    return new HttpError(502, "upstream_error", "Anthropic could not be reached");
  }
  if (error instanceof Anthropic.APIError) {
    const detail = error.apiMessage ? `: ${error.apiMessage}` : "";
    const what =
      typeof error.status === "number" ? `Anthropic answered ${error.status}` : "Anthropic reported an error";
    return new HttpError(502, "upstream_error", `${what}${detail}`);
  }
  return new HttpError(502, "upstream_error", "Anthropic's answer could not be read");
}
