import type { Finish } from "../call-recorder.js";
import { errorMessage, observeStream } from "../instrumentation.js";
import { serviceTierFromOpenAI } from "./openai-service-tier.js";
import { type ResponseUsage, tokenUsageFromResponse } from "./openai-usage.js";

interface ResponseLike {
  id?: string;
  model?: string;
  status?: string;
  usage?: ResponseUsage | null;
  error?: { message?: string } | null;
  service_tier?: string | null;
}

interface ResponseStreamEvent {
  type?: string;
  response?: ResponseLike;
  message?: string;
}

/** A Responses API result: `status: 'failed'` is recorded as an error (its tokens still count). */
export function recordResponse(data: unknown, requestedModel: string, finish: Finish): void {
  const response = data as ResponseLike;
  const failed = response.status === "failed";
  finish({
    modelUsed: response.model ?? requestedModel,
    tokens: tokenUsageFromResponse(response.usage),
    serviceTier: serviceTierFromOpenAI(response.service_tier),
    status: failed ? "error" : "success",
    errorMessage: failed ? (response.error?.message ?? "response failed") : undefined,
    requestId: response.id,
  });
}

/** A streamed response: every `response.*` event carries the response so far; the last one wins. */
export function recordResponseStream(
  stream: AsyncIterable<unknown>,
  requestedModel: string,
  finish: Finish,
): AsyncIterable<unknown> {
  let latest: ResponseLike | undefined;
  let streamError: string | undefined;
  return observeStream(stream, {
    onItem: (item) => {
      const event = item as ResponseStreamEvent;
      if (event.response) latest = event.response;
      if (event.type === "error") streamError = event.message ?? "stream error";
      return true;
    },
    onEnd: (error) => {
      const failed = latest?.status === "failed";
      const problem =
        error !== undefined
          ? errorMessage(error)
          : (streamError ?? (failed ? (latest?.error?.message ?? "response failed") : undefined));
      finish({
        modelUsed: latest?.model ?? requestedModel,
        // The last response event states the tier that served it (`response.created` may still say 'auto').
        tokens: tokenUsageFromResponse(latest?.usage),
        serviceTier: serviceTierFromOpenAI(latest?.service_tier),
        status: problem === undefined ? "success" : "error",
        errorMessage: problem,
        requestId: latest?.id,
      });
    },
  });
}
