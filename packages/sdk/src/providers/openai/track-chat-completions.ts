import type { Finish } from "../call-recorder.js";
import { errorMessage, observeStream } from "../instrumentation.js";
import { NO_TOKENS } from "../token-usage.js";
import { serviceTierFromOpenAI } from "./openai-service-tier.js";
import { type ChatCompletionUsage, tokenUsageFromChatCompletion } from "./openai-usage.js";

export interface ChatCreateParams {
  model?: string;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean | null } | null;
}

interface ChatCompletionLike {
  id?: string;
  model?: string;
  usage?: ChatCompletionUsage | null;
  choices?: unknown[];
  service_tier?: string | null;
}

/**
 * A streamed chat completion reports usage only in an extra last chunk, and only when
 * `stream_options.include_usage` is on. When the caller did not ask for it, it is turned on and
 * its traces (the extra chunk with empty `choices`, the `usage: null` on every other chunk) are
 * removed before the caller sees them, so the stream looks as it would have.
 */
export function withUsageRequested(params: ChatCreateParams): {
  params: ChatCreateParams;
  injected: boolean;
} {
  if (!params?.stream || params.stream_options?.include_usage === true) return { params, injected: false };
  return {
    params: { ...params, stream_options: { ...params.stream_options, include_usage: true } },
    injected: true,
  };
}

export function recordChatCompletion(data: unknown, requestedModel: string, finish: Finish): void {
  const completion = data as ChatCompletionLike;
  finish({
    modelUsed: completion.model ?? requestedModel,
    tokens: tokenUsageFromChatCompletion(completion.usage),
    serviceTier: serviceTierFromOpenAI(completion.service_tier),
    status: "success",
    requestId: completion.id,
  });
}

export function recordChatCompletionStream(
  stream: AsyncIterable<unknown>,
  requestedModel: string,
  injected: boolean,
  finish: Finish,
): AsyncIterable<unknown> {
  let id: string | undefined;
  let model: string | undefined;
  let usage: ChatCompletionUsage | undefined;
  let serviceTier: string | undefined;
  return observeStream(stream, {
    onItem: (item) => {
      const chunk = item as ChatCompletionLike;
      id ??= chunk.id;
      model ??= chunk.model;
      // Every chunk states the tier; the last one stated is the one that served the request.
      if (chunk.service_tier != null) serviceTier = chunk.service_tier;
      if (chunk.usage) usage = chunk.usage;
      if (!injected) return true;
      if (chunk.usage && Array.isArray(chunk.choices) && chunk.choices.length === 0) return false;
      if ("usage" in chunk && chunk.usage == null) delete chunk.usage;
      return true;
    },
    onEnd: (error) =>
      finish({
        modelUsed: model ?? requestedModel,
        tokens: usage ? tokenUsageFromChatCompletion(usage) : NO_TOKENS,
        serviceTier: serviceTierFromOpenAI(serviceTier),
        status: error === undefined ? "success" : "error",
        errorMessage: error === undefined ? undefined : errorMessage(error),
        requestId: id,
      }),
  });
}
