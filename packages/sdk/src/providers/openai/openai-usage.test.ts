import { describe, expect, it } from "vitest";
import { tokenUsageFromChatCompletion, tokenUsageFromResponse } from "./openai-usage.js";
import { withUsageRequested } from "./track-chat-completions.js";

describe("OpenAI usage", () => {
  it("splits cached tokens out of the prompt count (chat completions)", () => {
    expect(
      tokenUsageFromChatCompletion({
        prompt_tokens: 1200,
        completion_tokens: 300,
        prompt_tokens_details: { cached_tokens: 1000 },
      }),
    ).toEqual({
      inputTokens: 200,
      outputTokens: 300,
      cacheWrite5mTokens: 0,
      cacheWrite1hTokens: 0,
      cacheReadTokens: 1000,
    });
  });

  it("splits cached tokens out of input_tokens (responses)", () => {
    expect(
      tokenUsageFromResponse({
        input_tokens: 50,
        output_tokens: 7,
        input_tokens_details: { cached_tokens: 20 },
      }),
    ).toMatchObject({ inputTokens: 30, outputTokens: 7, cacheReadTokens: 20 });
  });

  it("never produces negative input when cached exceeds the prompt", () => {
    expect(
      tokenUsageFromChatCompletion({ prompt_tokens: 10, prompt_tokens_details: { cached_tokens: 15 } }),
    ).toMatchObject({ inputTokens: 0, cacheReadTokens: 10 });
  });

  it("turns include_usage on for streams only when the caller did not", () => {
    expect(withUsageRequested({ model: "gpt-4o" })).toEqual({ params: { model: "gpt-4o" }, injected: false });
    expect(withUsageRequested({ stream: true, stream_options: { include_usage: true } }).injected).toBe(
      false,
    );
    const { params, injected } = withUsageRequested({
      stream: true,
      stream_options: { include_usage: false },
    });
    expect(injected).toBe(true);
    expect(params.stream_options).toEqual({ include_usage: true });
  });
});
