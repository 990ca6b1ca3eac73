import { sendWithinBudget } from "../budgeted-call.js";
import { type Finish, startCall, type TrackingOptions } from "../call-recorder.js";
import type { UsageContextInput } from "../context.js";
import { callAndObserve } from "../instrumentation.js";
import { type Tracked, viewOf } from "../tracked-client.js";
import { chatCompletionBound, type ResponseCreateParams, responseBound } from "./openai-request-bounds.js";
import {
  type ChatCreateParams,
  recordChatCompletion,
  recordChatCompletionStream,
  withUsageRequested,
} from "./track-chat-completions.js";
import { recordResponse, recordResponseStream } from "./track-responses.js";

type Create = (params: never, options?: never) => PromiseLike<unknown>;

/** The part of an OpenAI client (`new OpenAI()`) that is tracked. */
export interface OpenAIClientLike {
  chat: { completions: { create: Create } };
  responses: { create: Create };
}

/**
 * The same OpenAI client, recording `chat.completions.create` (plain and streaming) and
 * `responses.create` (plain and streaming), and the helpers built on them (`chat.completions.stream`
 * / `.parse`, `responses.stream` / `.parse`): provider 'openai', model, tokens with cached tokens
 * split out of the prompt, latency, status, error message, and the completion/response id as
 * request id. The caller receives the same APIPromise, Stream and errors as without tracking.
 *
 * With `budget`, each call first reserves its upper cost (see openai-request-bounds.ts) and throws
 * `UsageBudgetExceededError` without calling OpenAI when a hard budget refuses (the `stream()`
 * helpers report it as their error's `cause`).
 */
export function trackOpenAI<Client extends OpenAIClientLike>(
  client: Client,
  options: TrackingOptions,
): Tracked<Client> {
  const build = (overrides: Partial<UsageContextInput>): Tracked<Client> => {
    // Resource views hand out the tracked root as their `_client`, so the SDK's own helpers
    // (which call `this._client.chat.completions.create(...)`) are recorded too.
    const root = (): unknown => tracked;
    const completions = client.chat.completions;
    const createCompletion = (params: ChatCreateParams, requestOptions?: unknown): PromiseLike<unknown> => {
      const call = startCall(options, overrides, "openai");
      const requestedModel = params?.model ?? "unknown";
      const { params: sent, injected } = withUsageRequested(params);
      const send = (finish: Finish) =>
        callAndObserve(
          completions,
          completions.create,
          [sent, requestOptions],
          requestedModel,
          finish,
          (data) => {
            if (params?.stream)
              return recordChatCompletionStream(
                data as AsyncIterable<unknown>,
                requestedModel,
                injected,
                finish,
              );
            recordChatCompletion(data, requestedModel, finish);
            return data;
          },
        );
      if (!options.budget) return send(call.finish);
      return sendWithinBudget(options.budget, call, chatCompletionBound(params), send);
    };
    const responses = client.responses;
    const createResponse = (params: ResponseCreateParams, requestOptions?: unknown) => {
      const call = startCall(options, overrides, "openai");
      const requestedModel = params?.model ?? "unknown";
      const send = (finish: Finish) =>
        callAndObserve(
          responses,
          responses.create,
          [params, requestOptions],
          requestedModel,
          finish,
          (data) => {
            if (params?.stream)
              return recordResponseStream(data as AsyncIterable<unknown>, requestedModel, finish);
            recordResponse(data, requestedModel, finish);
            return data;
          },
        );
      if (!options.budget) return send(call.finish);
      return sendWithinBudget(options.budget, call, responseBound(params), send);
    };
    const completionsView = viewOf(completions, { create: () => createCompletion, _client: root }, false);
    const chatView = viewOf(client.chat, { completions: () => completionsView, _client: root }, false);
    const responsesView = viewOf(responses, { create: () => createResponse, _client: root }, false);
    const tracked: Tracked<Client> = viewOf(
      client,
      {
        chat: () => chatView,
        responses: () => responsesView,
        withUsageContext: () => (context: Partial<UsageContextInput>) => build({ ...overrides, ...context }),
      },
      true,
    ) as Tracked<Client>;
    return tracked;
  };
  return build({});
}
