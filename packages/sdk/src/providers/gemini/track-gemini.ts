import { type RecordingOnlyOptions, refuseBudgetGuard } from "../budget-not-supported.js";
import { type Finish, startCall } from "../call-recorder.js";
import type { UsageContextInput } from "../context.js";
import { callAndObserve, errorMessage, observeStream } from "../instrumentation.js";
import { type Tracked, viewOf } from "../tracked-client.js";
import { type GeminiUsageMetadata, tokenUsageFromGemini } from "./gemini-usage.js";

type Generate = (params: never) => Promise<unknown>;

/** The part of a Google Gen AI client (`new GoogleGenAI()`) that is tracked. */
export interface GeminiClientLike {
  models: { generateContent: Generate; generateContentStream: Generate };
}

interface GenerateParams {
  model?: string;
}

interface ResponseLike {
  responseId?: string;
  modelVersion?: string;
  usageMetadata?: GeminiUsageMetadata;
}

/** The price catalog's provider for Gemini models. */
const PROVIDER = "google";

/**
 * The same Google Gen AI client, recording every `models.generateContent` and
 * `models.generateContentStream`, and the chats made by `chats.create(...)` (they call the same
 * two methods): provider 'google', the model version that answered, tokens (cached content split
 * out of the prompt, thinking counted as output: see tokenUsageFromGemini), latency, status,
 * error message, and the response id as request id. The caller receives the same response
 * objects and errors as without tracking.
 *
 * A stream is recorded when the caller finishes reading it (or stops, or it fails), from the last
 * chunk's usage (each chunk carries the running total). Automatic continuation is one call (the
 * client sums its hops); automatic function calling with callable tools records the usage of the
 * final response only, since the client makes the earlier requests internally.
 *
 * Budgets are not enforced for Gemini yet: passing `budget` throws `UsageValidationError`.
 */
export function trackGemini<Client extends GeminiClientLike>(
  client: Client,
  options: RecordingOnlyOptions,
): Tracked<Client> {
  refuseBudgetGuard(options, "trackGemini");
  const build = (overrides: Partial<UsageContextInput>): Tracked<Client> => {
    const original = client.models;
    const generate =
      (method: Generate, streamed: boolean) =>
      (params: GenerateParams): Promise<unknown> => {
        const call = startCall(options, overrides, PROVIDER);
        const requestedModel = modelId(params?.model);
        return callAndObserve(original, method, [params], requestedModel, call.finish, (data) => {
          if (streamed) return recordStream(data as AsyncGenerator<unknown>, requestedModel, call.finish);
          const response = data as ResponseLike;
          call.finish({
            modelUsed: response.modelVersion ?? requestedModel,
            tokens: tokenUsageFromGemini(response.usageMetadata),
            status: "success",
            requestId: response.responseId,
          });
          return data;
        }) as Promise<unknown>;
      };
    const models = viewOf(
      original,
      {
        generateContent: () => generate(original.generateContent, false),
        generateContentStream: () => generate(original.generateContentStream, true),
      },
      false,
    );
    // Chats call `this.modelsModule.generateContent(...)`: a chat made through this view uses the tracked models.
    const chats = (client as { chats?: object }).chats;
    const replaced: Record<string, () => unknown> = {
      models: () => models,
      withUsageContext: () => (context: Partial<UsageContextInput>) => build({ ...overrides, ...context }),
    };
    if (chats) {
      const chatsView = viewOf(chats, { modelsModule: () => models }, false);
      replaced.chats = () => chatsView;
    }
    return viewOf(client, replaced, true) as Tracked<Client>;
  };
  return build({});
}

/** `models/gemini-2.5-flash` and `gemini-2.5-flash` name the same model; the catalog knows the latter. */
function modelId(model: unknown): string {
  if (typeof model !== "string" || model === "") return "unknown";
  return model.replace(/^models\//, "");
}

/**
 * The caller's stream, observed: an async generator over the client's own, so that reading it
 * with `for await` or with `next()` both pass through the observer.
 */
function recordStream(
  stream: AsyncGenerator<unknown>,
  requestedModel: string,
  finish: Finish,
): AsyncGenerator<unknown> {
  let responseId: string | undefined;
  let modelVersion: string | undefined;
  let usage: GeminiUsageMetadata | undefined;
  const observed = observeStream(stream, {
    onItem: (item) => {
      const chunk = item as ResponseLike;
      responseId ??= chunk.responseId;
      modelVersion ??= chunk.modelVersion;
      if (chunk.usageMetadata) usage = chunk.usageMetadata;
      return true;
    },
    onEnd: (error) =>
      finish({
        modelUsed: modelVersion ?? requestedModel,
        tokens: tokenUsageFromGemini(usage),
        status: error === undefined ? "success" : "error",
        errorMessage: error === undefined ? undefined : errorMessage(error),
        requestId: responseId,
      }),
  });
  return observed[Symbol.asyncIterator]() as AsyncGenerator<unknown>;
}
