import { describe, expect, it } from "vitest";
import { chatCompletionBound, responseBound } from "./openai-request-bounds.js";

describe("OpenAI output limits", () => {
  it("chat: max_completion_tokens, else max_tokens, once per choice", () => {
    expect(chatCompletionBound({ model: "gpt-4o", max_completion_tokens: 100 }).maxOutputTokens).toBe(100);
    expect(chatCompletionBound({ model: "gpt-4o", max_tokens: 80 }).maxOutputTokens).toBe(80);
    expect(chatCompletionBound({ model: "gpt-4o", max_completion_tokens: 100, n: 3 }).maxOutputTokens).toBe(
      300,
    );
    expect(chatCompletionBound({ model: "gpt-4o" }).maxOutputTokens).toBeUndefined();
  });

  it("responses: max_output_tokens", () => {
    expect(responseBound({ model: "gpt-4o", max_output_tokens: 64 }).maxOutputTokens).toBe(64);
    expect(responseBound({ model: "gpt-4o" }).maxOutputTokens).toBeUndefined();
  });
});
