import type Anthropic from "@anthropic-ai/sdk";
import { isUsageError } from "@org/ai-usage-sdk";
import { AnthropicStreamUsage } from "@org/ai-usage-sdk/anthropic";
import type { AnswerOptions } from "./answer-json.ts";
import { messageParams, usageJson } from "./anthropic-call.ts";
import { upstreamFailure } from "./upstream-failure.ts";

type StreamEvent = Anthropic.Messages.RawMessageStreamEvent;

/**
 * One streamed Messages call, answered as Server-Sent Events:
 *   event: delta  data: {"text": "..."}            each text delta, as Anthropic sends it
 *   event: done   data: {request_id, model, stop_reason, usage}
 *   event: error  data: {"error": {code, message}}  the stream broke after it had started
 * A failure before the first event (overloaded, bad key, unreachable) is a 502 JSON error instead,
 * and so is a budget's refusal (402): both are known before anything is streamed.
 */
export async function answerWithStream(
  client: Pick<Anthropic, "messages">,
  prompt: string,
  options: AnswerOptions,
): Promise<Response> {
  let stream: Awaited<ReturnType<typeof startStream>>;
  try {
    stream = await startStream(client, options, prompt);
  } catch (error) {
    // The budget guard refused (or could not ask the database): Anthropic was not called.
    if (isUsageError(error)) throw error;
    options.logUpstreamError(error);
    await options.afterResponse();
    throw upstreamFailure(error);
  }

  const events = stream[Symbol.asyncIterator]();
  // The SDK wrapper records the call when this iterator ends; this copy of the usage is for `done`.
  const usage = new AnthropicStreamUsage();
  let stopReason: string | null = null;
  const encoder = new TextEncoder();
  const send = (controller: ReadableStreamDefaultController<Uint8Array>, event: string, data: unknown) =>
    controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
  let cancelled = false;

  const body = new ReadableStream<Uint8Array>({
    // Pull-based: Anthropic is read only as fast as our caller reads. A pull must enqueue something
    // (or close) before it returns, or the stream is not pulled again: skip events we do not forward.
    async pull(controller) {
      for (;;) {
        let next: IteratorResult<StreamEvent>;
        try {
          next = await events.next();
        } catch (error) {
          if (cancelled) return; // our own abort, below: nobody is listening any more
          options.logUpstreamError(error);
          const failure = upstreamFailure(error);
          send(controller, "error", { error: { code: failure.code, message: failure.message } });
          await options.afterResponse();
          controller.close();
          return;
        }
        if (cancelled) return;
        if (next.done) {
          send(controller, "done", {
            request_id: usage.messageId ?? null,
            model: usage.model ?? options.settings.model,
            stop_reason: stopReason,
            usage: usageJson(usage.tokens()),
          });
          await options.afterResponse();
          controller.close();
          return;
        }
        const event = next.value;
        usage.observe(event);
        if (event.type === "message_delta") stopReason = event.delta.stop_reason ?? stopReason;
        if (event.type === "content_block_delta" && event.delta.type === "text_delta") {
          send(controller, "delta", { text: event.delta.text });
          return;
        }
      }
    },
    // The caller went away: stop Anthropic's stream (the wrapper then records what was used so far).
    async cancel() {
      cancelled = true;
      stream.controller.abort();
      await events.return?.().catch(() => undefined);
      await options.afterResponse();
    },
  });

  return new Response(body, {
    status: 200,
    headers: {
      ...options.headers,
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      "x-accel-buffering": "no",
    },
  });
}

function startStream(client: Pick<Anthropic, "messages">, options: AnswerOptions, prompt: string) {
  return client.messages.create({ ...messageParams(options.settings, prompt), stream: true });
}
