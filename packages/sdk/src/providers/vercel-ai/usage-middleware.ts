import { type RecordingOnlyOptions, refuseBudgetGuard } from "../budget-not-supported.js";
import { type Finish, startCall } from "../call-recorder.js";
import { errorMessage, guard } from "../instrumentation.js";
import { NO_TOKENS } from "../token-usage.js";
import {
  type AiSdkProviderMetadata,
  type AiSdkUsage,
  providerFromModel,
  tokenUsageFromAiSdk,
} from "./ai-sdk-usage.js";
import { observeReadableStream } from "./observe-readable-stream.js";

/** What the middleware reads of the model it wraps (LanguageModelV3 and V4 alike). */
export interface LanguageModelLike {
  readonly provider: string;
  readonly modelId: string;
}

/** What the middleware reads of a `doGenerate` result. */
export interface GenerateResultLike {
  usage?: AiSdkUsage;
  providerMetadata?: AiSdkProviderMetadata;
  response?: { id?: string; modelId?: string };
}

/** What the middleware reads of a `doStream` result. */
export interface StreamResultLike {
  stream: ReadableStream<unknown>;
}

/**
 * A language model middleware for `wrapLanguageModel` of the Vercel AI SDK (`ai` 6, and 7, which
 * accepts version-3 middleware). Its methods are generic, so it fits the model types of either.
 */
export interface UsageMiddleware {
  readonly specificationVersion: "v3";
  wrapGenerate<Result extends GenerateResultLike>(options: {
    doGenerate: () => PromiseLike<Result>;
    model: LanguageModelLike;
  }): Promise<Result>;
  wrapStream<Result extends StreamResultLike>(options: {
    doStream: () => PromiseLike<Result>;
    model: LanguageModelLike;
  }): Promise<Result>;
}

interface StreamPart {
  type: string;
  id?: string;
  modelId?: string;
  usage?: AiSdkUsage;
  providerMetadata?: AiSdkProviderMetadata;
  error?: unknown;
}

/**
 * Records every call of the wrapped model, whoever makes it (`generateText`, `streamText`,
 * `generateObject`, `streamObject`, agents: one row per model call, so a multi-step
 * `generateText` records each step): provider (from the model's provider id, see
 * providerFromModel), the model id the provider answered with, tokens in the four buckets (cache
 * reads and writes, reasoning counted as output: see tokenUsageFromAiSdk), latency, status, error
 * message, and the provider's response id as request id. The caller's results, streams and
 * errors are the model's own; recording never throws into them.
 *
 * A stream is recorded when it ends, fails or is cancelled (an aborted `streamText`). The AI SDK
 * reports a stream's usage only in its `finish` part, so a stream that stops before it is recorded
 * as an error without tokens.
 *
 * Budgets are not enforced here yet: passing `budget` throws `UsageValidationError`.
 *
 * ```ts
 * const model = wrapLanguageModel({ model: anthropic("claude-sonnet-4-5"), middleware: usageMiddleware({ recorder, context }) });
 * ```
 */
export function usageMiddleware(options: RecordingOnlyOptions): UsageMiddleware {
  refuseBudgetGuard(options, "usageMiddleware");
  return {
    specificationVersion: "v3",
    async wrapGenerate({ doGenerate, model }) {
      const call = startCall(options, {}, providerFromModel(model.provider));
      const result = await sent(doGenerate, model, call.finish);
      guard(() =>
        call.finish({
          modelUsed: result.response?.modelId || model.modelId,
          tokens: tokenUsageFromAiSdk(result.usage, result.providerMetadata),
          status: "success",
          requestId: result.response?.id || undefined,
        }),
      );
      return result;
    },
    async wrapStream({ doStream, model }) {
      const call = startCall(options, {}, providerFromModel(model.provider));
      const result = await sent(doStream, model, call.finish);
      return { ...result, stream: recordStream(result.stream, model, call.finish) };
    },
  };
}

/** The provider call; a call that fails (network, HTTP error) is recorded as an error, then rethrown as is. */
async function sent<Result>(send: () => PromiseLike<Result>, model: LanguageModelLike, finish: Finish) {
  try {
    return await send();
  } catch (error) {
    finish({
      modelUsed: model.modelId,
      tokens: NO_TOKENS,
      status: "error",
      errorMessage: errorMessage(error),
      requestFailed: true,
    });
    throw error;
  }
}

function recordStream(
  stream: ReadableStream<unknown>,
  model: LanguageModelLike,
  finish: Finish,
): ReadableStream<unknown> {
  let responseId: string | undefined;
  let modelId: string | undefined;
  let usage: AiSdkUsage | undefined;
  let providerMetadata: AiSdkProviderMetadata | undefined;
  let streamError: unknown;
  return observeReadableStream(stream, {
    onItem: (item) => {
      const part = item as StreamPart;
      if (part.type === "response-metadata") {
        responseId ||= part.id;
        modelId ||= part.modelId;
      } else if (part.type === "finish") {
        usage = part.usage;
        providerMetadata = part.providerMetadata;
      } else if (part.type === "error") {
        streamError ??= part.error;
      }
    },
    onEnd: (error) => {
      const failure = error ?? streamError;
      finish({
        modelUsed: modelId || model.modelId,
        tokens: tokenUsageFromAiSdk(usage, providerMetadata),
        status: failure === undefined ? "success" : "error",
        errorMessage: failure === undefined ? undefined : describeError(failure),
        requestId: responseId,
      });
    },
  });
}

/** An error part carries whatever the provider sent (often a plain object such as `{ type, message }`). */
function describeError(error: unknown): string {
  if (error instanceof Error) return errorMessage(error);
  const message =
    (error as { message?: unknown; error?: { message?: unknown } } | null)?.message ??
    (error as { error?: { message?: unknown } } | null)?.error?.message;
  if (typeof message === "string") return message;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
