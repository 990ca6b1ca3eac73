import { sendWithinBudget } from "../budgeted-call.js";
import { type Finish, startCall, type TrackingOptions } from "../call-recorder.js";
import type { UsageContextInput } from "../context.js";
import { callAndObserve, errorMessage, observeStream } from "../instrumentation.js";
import { type Tracked, viewOf } from "../tracked-client.js";
import { serviceTierFromAnthropic } from "./anthropic-service-tier.js";
import { AnthropicStreamUsage } from "./anthropic-stream-usage.js";
import { type AnthropicUsage, tokenUsageFromAnthropic } from "./anthropic-usage.js";

/** The part of an Anthropic client (`new Anthropic()`) that is tracked. */
export interface AnthropicClientLike {
  messages: { create(params: never, options?: never): PromiseLike<unknown> };
}

interface CreateParams {
  model?: string;
  stream?: boolean;
  max_tokens?: number;
  speed?: string | null;
}

interface MessageLike {
  id?: string;
  model?: string;
  usage?: AnthropicUsage;
}

/**
 * The same Anthropic client, recording every `messages.create` (plain and `stream: true`) and
 * `messages.stream(...)` / `messages.parse(...)` (they go through `create`): model, the four token
 * buckets, latency, status, error message, and the message id as request id. What the caller
 * receives is untouched: the same APIPromise, the same Stream (read as usual), the same errors.
 *
 * A streamed call is recorded when the caller finishes reading it (or stops, or it fails), from
 * `message_start` plus the last `message_delta`. A plain call is recorded when its result is read;
 * `.asResponse()` callers read the raw body themselves, so only failures are recorded for them.
 *
 * With `budget`, each call first reserves its upper cost (`max_tokens` at the output rate, a bound
 * on its input at the dearest input rate) and throws `UsageBudgetExceededError` without calling
 * Anthropic when a hard budget refuses (`messages.stream()` reports it as its error's `cause`).
 */
export function trackAnthropic<Client extends AnthropicClientLike>(
  client: Client,
  options: TrackingOptions,
): Tracked<Client> {
  const build = (overrides: Partial<UsageContextInput>): Tracked<Client> => {
    const original = client.messages;
    const create = (params: CreateParams, requestOptions?: unknown): PromiseLike<unknown> => {
      const call = startCall(options, overrides, "anthropic");
      const requestedModel = params?.model ?? "unknown";
      const send = (finish: Finish) =>
        callAndObserve(
          original,
          original.create,
          [params, requestOptions],
          requestedModel,
          finish,
          (data) => {
            if (params?.stream) return recordStream(data as AsyncIterable<unknown>, requestedModel, finish);
            const message = data as MessageLike;
            finish({
              modelUsed: message.model ?? requestedModel,
              tokens: tokenUsageFromAnthropic(message.usage),
              serviceTier: serviceTierFromAnthropic(message.usage),
              status: "success",
              requestId: message.id,
            });
            return data;
          },
        );
      if (!options.budget) return send(call.finish);
      return sendWithinBudget(
        options.budget,
        call,
        {
          provider: "anthropic",
          params,
          model: params?.model,
          maxOutputTokens: params?.max_tokens,
          maxOutputParameter: "max_tokens",
          // Fast mode has its own rates; the hold is priced at them.
          serviceTier: params?.speed === "fast" ? "fast" : undefined,
        },
        send,
      );
    };
    const messages = viewOf(original, { create: () => create }, false);
    const tracked: Tracked<Client> = viewOf(
      client,
      {
        messages: () => messages,
        withUsageContext: () => (context: Partial<UsageContextInput>) => build({ ...overrides, ...context }),
      },
      true,
    ) as Tracked<Client>;
    return tracked;
  };
  return build({});
}

function recordStream(
  stream: AsyncIterable<unknown>,
  requestedModel: string,
  finish: Finish,
): AsyncIterable<unknown> {
  const usage = new AnthropicStreamUsage();
  return observeStream(stream, {
    onItem: (event) => {
      usage.observe(event as Parameters<AnthropicStreamUsage["observe"]>[0]);
      return true;
    },
    onEnd: (error) =>
      finish({
        modelUsed: usage.model ?? requestedModel,
        tokens: usage.tokens(),
        serviceTier: usage.serviceTier(),
        status: error === undefined ? "success" : "error",
        errorMessage: error === undefined ? undefined : errorMessage(error),
        requestId: usage.messageId,
      }),
  });
}
