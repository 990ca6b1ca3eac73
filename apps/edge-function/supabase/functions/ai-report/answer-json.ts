import type Anthropic from "@anthropic-ai/sdk";
import { isUsageError } from "@org/ai-usage-sdk";
import { tokenUsageFromAnthropic } from "@org/ai-usage-sdk/anthropic";
import { type AnswerSettings, messageParams, usageJson } from "./anthropic-call.ts";
import { jsonResponse } from "./http.ts";
import { upstreamFailure } from "./upstream-failure.ts";

export interface AnswerOptions {
  settings: AnswerSettings;
  headers: Record<string, string>;
  /** Writes the usage the tracked client recorded (see after-response.ts). */
  afterResponse: () => Promise<void>;
  /** Where Anthropic's own error goes (the function's log): the caller gets only a code. */
  logUpstreamError: (error: unknown) => void;
}

/** One Messages call, answered as `{ text, usage, request_id, model, stop_reason }` once complete. */
export async function answerWithJson(
  client: Pick<Anthropic, "messages">,
  prompt: string,
  options: AnswerOptions,
): Promise<Response> {
  let message: Anthropic.Messages.Message;
  try {
    message = await client.messages.create(messageParams(options.settings, prompt));
  } catch (error) {
    // The budget guard refused (or could not ask the database): Anthropic was not called.
    if (isUsageError(error)) throw error;
    options.logUpstreamError(error);
    await options.afterResponse();
    throw upstreamFailure(error);
  }
  const response = jsonResponse(
    200,
    {
      text: textOf(message),
      usage: usageJson(tokenUsageFromAnthropic(message.usage)),
      request_id: message.id,
      model: message.model,
      stop_reason: message.stop_reason,
    },
    options.headers,
  );
  await options.afterResponse();
  return response;
}

function textOf(message: Anthropic.Messages.Message): string {
  return message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
}
