import { type RecordingOnlyOptions, refuseBudgetGuard } from "../budget-not-supported.js";
import { type Finish, startCall } from "../call-recorder.js";
import { errorMessage, guard } from "../instrumentation.js";
import { NO_TOKENS } from "../token-usage.js";
import { serviceTierFromAiSdk } from "./ai-sdk-service-tier.js";
import {
  type AiSdkProviderMetadata,
  type AiSdkUsage,
  providerFromModel,
  tokenUsageFromAiSdk,
} from "./ai-sdk-usage.js";
import { observeReadableStream } from "./observe-readable-stream.js";
import { RawStreamUsage } from "./raw-stream-usage.js";

/** What the middleware reads of the model it wraps (LanguageModelV3 and V4 alike). */
export interface LanguageModelLike {
  readonly provider: string;
  readonly modelId: string;
}

/** What the middleware changes in a call's options. */
export interface CallOptionsLike {
  includeRawChunks?: boolean | undefined;
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
  transformParams<Params extends CallOptionsLike>(options: {
    type: "generate" | "stream";
    params: Params;
  }): Promise<Params>;
  wrapGenerate<Result extends GenerateResultLike>(options: {
    doGenerate: () => PromiseLike<Result>;
    model: LanguageModelLike;
  }): Promise<Result>;
  wrapStream<Result extends StreamResultLike>(options: {
    doStream: () => PromiseLike<Result>;
    params: object;
    model: LanguageModelLike;
  }): Promise<Result>;
}

interface StreamPart {
  type: string;
  rawValue?: unknown;
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
 * reports a stream's usage only in its `finish` part; for a stream that stops before it, the usage
 * comes from the provider's raw chunks (which the middleware asks for, and hands on only to a
 * caller who asked for them too): Anthropic and Google report input (and output so far) early,
 * other providers only at the end, so their early stop is recorded without tokens.
 *
 * Budgets are not enforced here yet: passing `budget` throws `UsageValidationError`.
 *
 * ```ts
 * const model = wrapLanguageModel({ model: anthropic("claude-sonnet-4-5"), middleware: usageMiddleware({ recorder, context }) });
 * ```
 */
export function usageMiddleware(options: RecordingOnlyOptions): UsageMiddleware {
  refuseBudgetGuard(options, "usageMiddleware");
  // The options of streams whose raw chunks the middleware asked for (the caller did not).
  const rawChunksOnlyForUs = new WeakSet<object>();
  return {
    specificationVersion: "v3",
    async transformParams({ type, params }) {
      if (type !== "stream" || params.includeRawChunks) return params;
      const withRawChunks = { ...params, includeRawChunks: true };
      rawChunksOnlyForUs.add(withRawChunks);
      return withRawChunks;
    },
    async wrapGenerate({ doGenerate, model }) {
      const call = startCall(options, {}, providerFromModel(model.provider));
      const result = await sent(doGenerate, model, call.finish);
      guard(() =>
        call.finish({
          modelUsed: result.response?.modelId || model.modelId,
          tokens: tokenUsageFromAiSdk(result.usage, result.providerMetadata),
          serviceTier: serviceTierFromAiSdk(result.usage, result.providerMetadata),
          status: "success",
          requestId: result.response?.id || undefined,
        }),
      );
      return result;
    },
    async wrapStream({ doStream, params, model }) {
      const provider = providerFromModel(model.provider);
      const call = startCall(options, {}, provider);
      const result = await sent(doStream, model, call.finish);
      const keepRawChunks = !rawChunksOnlyForUs.has(params);
      return { ...result, stream: recordStream(result.stream, model, provider, keepRawChunks, call.finish) };
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

/**
 * Observes the stream's parts; the raw provider chunks (asked for by transformParams) give the
 * usage of a stream that stops before its `finish` part, and are dropped unless the caller asked.
 */
function recordStream(
  stream: ReadableStream<unknown>,
  model: LanguageModelLike,
  provider: string,
  keepRawChunks: boolean,
  finish: Finish,
): ReadableStream<unknown> {
  const rawUsage = new RawStreamUsage(provider);
  let responseId: string | undefined;
  let modelId: string | undefined;
  let usage: AiSdkUsage | undefined;
  let providerMetadata: AiSdkProviderMetadata | undefined;
  let streamError: unknown;
  return observeReadableStream(stream, {
    onItem: (item) => {
      const part = item as StreamPart;
      if (part.type === "raw") {
        rawUsage.observe(part.rawValue);
        return keepRawChunks;
      }
      if (part.type === "response-metadata") {
        responseId ||= part.id;
        modelId ||= part.modelId;
      } else if (part.type === "finish") {
        usage = part.usage;
        providerMetadata = part.providerMetadata;
      } else if (part.type === "error") {
        streamError ??= part.error;
      }
      return true;
    },
    onEnd: (error) => {
      const failure = error ?? streamError;
      finish({
        modelUsed: modelId || model.modelId,
        tokens: usage ? tokenUsageFromAiSdk(usage, providerMetadata) : (rawUsage.tokens() ?? NO_TOKENS),
        serviceTier: serviceTierFromAiSdk(usage, providerMetadata),
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
