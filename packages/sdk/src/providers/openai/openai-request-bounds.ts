import type { BudgetedRequest } from "../budgeted-call.js";
import { serviceTierFromOpenAI } from "./openai-service-tier.js";
import type { ChatCreateParams } from "./track-chat-completions.js";

/**
 * A chat completion's output limit: `max_completion_tokens` (reasoning tokens included), else the
 * older `max_tokens`, once per choice (`n`).
 */
export function chatCompletionBound(
  params: ChatCreateParams & {
    max_completion_tokens?: number | null;
    max_tokens?: number | null;
    n?: number | null;
    service_tier?: string | null;
  },
): BudgetedRequest {
  const limit = params?.max_completion_tokens ?? params?.max_tokens ?? undefined;
  const choices = params?.n ?? 1;
  return {
    provider: "openai",
    params,
    model: params?.model,
    maxOutputTokens: typeof limit === "number" && Number.isInteger(choices) ? limit * choices : limit,
    maxOutputParameter: "max_completion_tokens",
    // Asked for flex or priority: the hold is priced at it (what the API answers is what is recorded).
    serviceTier: serviceTierFromOpenAI(params?.service_tier),
  };
}

export interface ResponseCreateParams {
  model?: string;
  stream?: boolean | null;
  max_output_tokens?: number | null;
  service_tier?: string | null;
}

/** A response's output limit: `max_output_tokens` (reasoning tokens included). */
export function responseBound(params: ResponseCreateParams): BudgetedRequest {
  return {
    provider: "openai",
    params,
    model: params?.model,
    maxOutputTokens: params?.max_output_tokens ?? undefined,
    maxOutputParameter: "max_output_tokens",
    serviceTier: serviceTierFromOpenAI(params?.service_tier),
  };
}
