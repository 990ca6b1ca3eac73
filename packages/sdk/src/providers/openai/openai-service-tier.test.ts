import { describe, expect, it } from "vitest";
import type { CallOutcome } from "../call-recorder.js";
import { serviceTierFromOpenAI } from "./openai-service-tier.js";
import { tokenUsageFromChatCompletion, tokenUsageFromResponse } from "./openai-usage.js";
import { recordChatCompletion, recordChatCompletionStream } from "./track-chat-completions.js";
import { recordResponse, recordResponseStream } from "./track-responses.js";

/** A Chat Completion as the API returns it for a priority request to a model that bills cache writes. */
const PRIORITY_COMPLETION = {
  id: "chatcmpl-priority",
  object: "chat.completion",
  created: 1_780_000_000,
  model: "gpt-5.6-2026-06-01",
  service_tier: "priority",
  system_fingerprint: "fp_1",
  choices: [{ index: 0, message: { role: "assistant", content: "Hi" }, finish_reason: "stop" }],
  usage: {
    prompt_tokens: 5000,
    completion_tokens: 120,
    total_tokens: 5120,
    prompt_tokens_details: { cached_tokens: 3000, cache_write_tokens: 1500, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 64, audio_tokens: 0 },
  },
};

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream) {
    // read to the end, as a caller does
  }
}

async function* items(list: unknown[]): AsyncIterable<unknown> {
  yield* list;
}

function capture(): { outcome: () => CallOutcome; finish: (outcome: CallOutcome) => void } {
  let seen: CallOutcome | undefined;
  return {
    outcome: () => seen!,
    finish: (outcome) => {
      seen ??= outcome;
    },
  };
}

describe("serviceTierFromOpenAI", () => {
  it.each([
    ["flex", "flex"],
    ["priority", "priority"],
    ["default", undefined],
    ["auto", undefined],
    ["scale", undefined],
    [null, undefined],
    [undefined, undefined],
    ["turbo-2027", undefined],
  ])("reads %s as %s", (word, tier) => {
    expect(serviceTierFromOpenAI(word)).toBe(tier);
  });
});

describe("OpenAI cache writes", () => {
  it("takes cache_write_tokens out of the prompt with cached_tokens (chat completions)", () => {
    expect(tokenUsageFromChatCompletion(PRIORITY_COMPLETION.usage)).toEqual({
      inputTokens: 500,
      outputTokens: 120,
      cacheWrite5mTokens: 1500,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 3000,
    });
  });

  it("reads input_tokens_details.cache_write_tokens of the Responses API (not in the client's types)", () => {
    expect(
      tokenUsageFromResponse({
        input_tokens: 2000,
        output_tokens: 10,
        input_tokens_details: { cached_tokens: 0, cache_write_tokens: 1800 },
      }),
    ).toMatchObject({ inputTokens: 200, cacheWrite5mTokens: 1800, cacheReadTokens: 0 });
  });

  it("never goes below 0 input, and ignores a count that is not one", () => {
    expect(
      tokenUsageFromChatCompletion({
        prompt_tokens: 100,
        prompt_tokens_details: { cached_tokens: 80, cache_write_tokens: 50 },
      }),
    ).toMatchObject({ inputTokens: 0, cacheReadTokens: 80, cacheWrite5mTokens: 20 });
    expect(
      tokenUsageFromResponse({
        input_tokens: 100,
        input_tokens_details: { cached_tokens: 10, cache_write_tokens: "40" as never },
      }),
    ).toMatchObject({ inputTokens: 90, cacheReadTokens: 10, cacheWrite5mTokens: 0 });
  });
});

describe("the tier an OpenAI call is recorded at", () => {
  it("a chat completion: its service_tier, with cache writes in their bucket", () => {
    const { outcome, finish } = capture();
    recordChatCompletion(PRIORITY_COMPLETION, "gpt-5.6", finish);
    expect(outcome()).toMatchObject({
      serviceTier: "priority",
      requestId: "chatcmpl-priority",
      tokens: { inputTokens: 500, cacheWrite5mTokens: 1500, cacheReadTokens: 3000 },
    });
  });

  it("a streamed chat completion: the tier every chunk states (the usage chunk included)", async () => {
    const { outcome, finish } = capture();
    const chunk = (extra: object) => ({
      id: "chatcmpl-flex",
      object: "chat.completion.chunk",
      model: "o3-2025-04-16",
      service_tier: "flex",
      ...extra,
    });
    await drain(
      recordChatCompletionStream(
        items([
          chunk({ choices: [{ index: 0, delta: { role: "assistant" } }] }),
          chunk({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }),
          chunk({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 3 } }),
        ]),
        "o3",
        false,
        finish,
      ),
    );
    expect(outcome()).toMatchObject({ serviceTier: "flex", tokens: { inputTokens: 10, outputTokens: 3 } });
  });

  it("a chat completion at the default tier is recorded without one (standard)", () => {
    const { outcome, finish } = capture();
    recordChatCompletion({ ...PRIORITY_COMPLETION, service_tier: "default" }, "gpt-5.6", finish);
    expect(outcome().serviceTier).toBeUndefined();
  });

  it("a response: its service_tier; streamed, the completed response's (created may say 'auto')", async () => {
    const response = {
      id: "resp_1",
      object: "response",
      model: "gpt-5.4",
      status: "completed",
      service_tier: "flex",
      usage: { input_tokens: 40, output_tokens: 2, input_tokens_details: { cached_tokens: 0 } },
    };
    const plain = capture();
    recordResponse(response, "gpt-5.4", plain.finish);
    expect(plain.outcome().serviceTier).toBe("flex");

    const streamed = capture();
    await drain(
      recordResponseStream(
        items([
          {
            type: "response.created",
            response: { ...response, status: "in_progress", service_tier: "auto", usage: null },
          },
          { type: "response.completed", response },
        ]),
        "gpt-5.4",
        streamed.finish,
      ),
    );
    expect(streamed.outcome()).toMatchObject({ serviceTier: "flex", tokens: { inputTokens: 40 } });
  });
});
