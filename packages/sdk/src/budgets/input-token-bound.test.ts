import { describe, expect, it } from "vitest";
import { UsageValidationError } from "../errors/validation-error.js";
import {
  defaultInputTokenBound,
  IMAGE_ALLOWANCE_TOKENS,
  PROVIDER_TOOL_ALLOWANCE_TOKENS,
  REQUEST_ALLOWANCE_TOKENS,
  utf8Length,
} from "./input-token-bound.js";

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value), "utf8");

describe("utf8Length", () => {
  it.each([
    ["ascii", "hello"],
    ["two-byte", "café ñ"],
    ["three-byte", "日本語の文"],
    ["four-byte (surrogate pairs)", "😀🚀 emoji"],
    ["lone surrogate (encoded as U+FFFD, 3 bytes)", "a\ud800b"],
    ["mixed", `${"x".repeat(1000)}é😀日`],
  ])("counts %s as Buffer.byteLength does", (_, text) => {
    expect(utf8Length(text)).toBe(Buffer.byteLength(text, "utf8"));
  });
});

describe("defaultInputTokenBound", () => {
  const anthropic = {
    model: "claude-sonnet-4-20250514",
    max_tokens: 256,
    system: "You are terse.",
    messages: [{ role: "user", content: "Summarise: 日本語のテキスト 😀" }],
  };

  it("is the request's UTF-8 bytes plus the per-request allowance (a token is at least a byte)", () => {
    expect(defaultInputTokenBound(anthropic)).toBe(bytes(anthropic) + REQUEST_ALLOWANCE_TOKENS);
    // Every character of the text is inside those bytes, at least one byte each.
    const text = anthropic.system + anthropic.messages[0]!.content;
    expect(defaultInputTokenBound(anthropic)).toBeGreaterThan(utf8Length(text));
  });

  it("grows with the prompt: a 200,000-character prompt holds at least 200,000 tokens", () => {
    const long = { ...anthropic, messages: [{ role: "user", content: "a".repeat(200_000) }] };
    expect(defaultInputTokenBound(long)).toBeGreaterThanOrEqual(200_000);
  });

  it("adds an allowance per image (priced by pixels, not bytes) and per provider-defined tool", () => {
    const withImage = {
      ...anthropic,
      messages: [
        {
          role: "user",
          content: [
            { type: "image", source: { type: "url", url: "https://example.com/a.png" } },
            { type: "text", text: "What is this?" },
          ],
        },
      ],
      tools: [
        { type: "bash_20250124", name: "bash" },
        { name: "lookup", input_schema: { type: "object" } },
      ],
    };
    expect(defaultInputTokenBound(withImage)).toBe(
      bytes(withImage) + REQUEST_ALLOWANCE_TOKENS + IMAGE_ALLOWANCE_TOKENS + PROVIDER_TOOL_ALLOWANCE_TOKENS,
    );
    const chat = {
      model: "gpt-4o",
      messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://x/y.png" } }] }],
    };
    expect(defaultInputTokenBound(chat)).toBe(
      bytes(chat) + REQUEST_ALLOWANCE_TOKENS + IMAGE_ALLOWANCE_TOKENS,
    );
  });

  it.each([
    [
      "a document block",
      { messages: [{ role: "user", content: [{ type: "document", source: {} }] }] },
      "request.messages.0.content.0",
    ],
    [
      "an OpenAI file part",
      { messages: [{ role: "user", content: [{ type: "file", file: { file_id: "f" } }] }] },
      "request.messages.0.content.0",
    ],
    [
      "a Responses input_file",
      { input: [{ role: "user", content: [{ type: "input_file", file_id: "f" }] }] },
      "request.input.0.content.0",
    ],
    [
      "a previous response",
      { input: "more", previous_response_id: "resp_1" },
      "request.previous_response_id",
    ],
    [
      "a server tool (web search)",
      { messages: [], tools: [{ type: "web_search_20250305", name: "web_search" }] },
      "request.tools.0",
    ],
  ])("refuses %s: its tokens are not in the request", (_, request, field) => {
    const thrown = (() => {
      try {
        defaultInputTokenBound(request);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(UsageValidationError);
    expect((thrown as UsageValidationError).field).toBe(field);
    expect((thrown as Error).message).toContain("inputTokenBound");
  });

  it('does not mistake a tool\'s JSON schema (`type: "object"`, a property named file) for content', () => {
    const request = {
      messages: [{ role: "user", content: "hi" }],
      tools: [
        {
          type: "function",
          function: { name: "f", parameters: { type: "object", properties: { file: { type: "string" } } } },
        },
      ],
    };
    expect(defaultInputTokenBound(request)).toBe(bytes(request) + REQUEST_ALLOWANCE_TOKENS);
  });
});
