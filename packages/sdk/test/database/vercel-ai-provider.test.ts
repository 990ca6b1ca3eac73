import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import {
  APICallError,
  generateObject,
  generateText,
  type LanguageModel,
  streamText,
  wrapLanguageModel,
} from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type UsageError, type UsageRecorder, UsageValidationError } from "../../src/index.js";
import { usageMiddleware } from "../../src/vercel-ai.js";
import {
  ANTHROPIC_USAGE,
  type AnthropicFixture,
  startAnthropicFixture,
} from "../fixtures/anthropic-fixture.js";
import { type HttpFixture, sendJson, startHttpFixture } from "../fixtures/http-fixture.js";
import {
  CHAT_USAGE,
  type OpenAIFixture,
  SERVED_MODEL,
  startOpenAIFixture,
} from "../fixtures/openai-fixture.js";
import { newUserId, rowsOf, useTestDatabase } from "../support/database.js";
import { pgRecorder } from "../support/recording.js";

const CLAUDE = "claude-sonnet-4-20250514";
/** Anthropic's buckets as the fixture reports them; claude-sonnet-4 prices them at 0.010575 USD. */
const ANTHROPIC_ROW = {
  provider: "anthropic",
  model_used: CLAUDE,
  input_tokens: 100,
  cache_write_5m_tokens: 1500,
  cache_write_1h_tokens: 500,
  cache_read_tokens: 3000,
  output_tokens: 50,
  total_cost_usd: "0.010575000000",
};
/** OpenAI's buckets (1200 prompt tokens, 1000 of them cached); gpt-4o prices them at 0.00475 USD. */
const OPENAI_ROW = {
  provider: "openai",
  model_used: SERVED_MODEL,
  input_tokens: 200,
  cache_write_5m_tokens: 0,
  cache_write_1h_tokens: 0,
  cache_read_tokens: 1000,
  output_tokens: 300,
  total_cost_usd: "0.004750000000",
};

/** What Anthropic's message_start reported before the stream stopped. */
const STARTED_BUCKETS = {
  input_tokens: 100,
  cache_write_5m_tokens: 1500,
  cache_write_1h_tokens: 500,
  cache_read_tokens: 3000,
  output_tokens: 1,
};

describe("usageMiddleware (Vercel AI SDK, @ai-sdk/anthropic and @ai-sdk/openai against local upstreams)", () => {
  const database = useTestDatabase();
  let anthropicUpstream: AnthropicFixture;
  let openaiUpstream: OpenAIFixture;
  /** Answers chat completions with a JSON object (for generateObject), or stalls a stream (for aborts). */
  let customUpstream: HttpFixture;
  let recorder: UsageRecorder;
  let errors: UsageError[];
  let userId: string;
  let track: (model: LanguageModel) => LanguageModel;
  let anthropic: ReturnType<typeof createAnthropic>;
  let openai: ReturnType<typeof createOpenAI>;
  let custom: ReturnType<typeof createOpenAI>;
  let stalledAnthropic: ReturnType<typeof createAnthropic>;

  beforeAll(async () => {
    [anthropicUpstream, openaiUpstream, customUpstream] = await Promise.all([
      startAnthropicFixture(),
      startOpenAIFixture(),
      startHttpFixture(customHandler),
    ]);
    anthropic = createAnthropic({ apiKey: "test-key", baseURL: `${anthropicUpstream.url}/v1` });
    openai = createOpenAI({ apiKey: "test-key", baseURL: `${openaiUpstream.url}/v1` });
    custom = createOpenAI({ apiKey: "test-key", baseURL: `${customUpstream.url}/v1` });
    stalledAnthropic = createAnthropic({ apiKey: "test-key", baseURL: `${customUpstream.url}/v1` });
    ({ recorder, errors } = pgRecorder(database));
  });
  afterAll(async () => {
    await recorder?.close();
    await Promise.all([anthropicUpstream?.close(), openaiUpstream?.close(), customUpstream?.close()]);
  });
  beforeEach(() => {
    userId = newUserId();
    errors.length = 0;
    const middleware = usageMiddleware({ recorder, context: () => ({ userId, requestType: "assistant" }) });
    track = (model) => wrapLanguageModel({ model: model as never, middleware });
  });

  it("generateText with Anthropic: the same result as unwrapped; one row with cache writes by TTL, reads, cost and the message id", async () => {
    const plain = await generateText({ model: anthropic(CLAUDE), prompt: "Hi", maxRetries: 0 });
    const result = await generateText({ model: track(anthropic(CLAUDE)), prompt: "Hi", maxRetries: 0 });
    expect(result.text).toBe(plain.text);
    expect(result.usage).toEqual(plain.usage);
    await recorder.flush();
    const rows = await rowsOf(database.pool, userId);
    expect(rows).toEqual([
      expect.objectContaining({
        ...ANTHROPIC_ROW,
        request_id: result.response.id,
        status: "success",
        request_type: "assistant",
      }),
    ]);
    expect(result.response.id).toMatch(/^msg_fixture_/);
    expect(rows[0]!.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it("streamText with Anthropic: the caller reads the stream as usual; recorded at its end from the final usage", async () => {
    const result = streamText({ model: track(anthropic(CLAUDE)), prompt: "Hi", maxRetries: 0 });
    expect(await result.text).toBe("Hello there");
    const response = await result.response;
    await recorder.flush();
    expect(await rowsOf(database.pool, userId)).toEqual([
      expect.objectContaining({ ...ANTHROPIC_ROW, request_id: response.id, status: "success" }),
    ]);
  });

  it("generateText with OpenAI (Responses API): cached tokens split out of the input, reasoning inside the output", async () => {
    const result = await generateText({ model: track(openai("gpt-4o")), prompt: "Hi", maxRetries: 0 });
    expect(result.text).toBe("Hello there");
    expect(result.response.id).toMatch(/^resp_fixture_/);
    await recorder.flush();
    expect(await rowsOf(database.pool, userId)).toEqual([
      expect.objectContaining({ ...OPENAI_ROW, request_id: result.response.id, status: "success" }),
    ]);
  });

  it("streamText with OpenAI chat completions: usage from the stream's last chunk", async () => {
    const result = streamText({ model: track(openai.chat("gpt-4o")), prompt: "Hi", maxRetries: 0 });
    expect(await result.text).toBe("Hello there");
    const response = await result.response;
    expect(response.id).toMatch(/^chatcmpl-fixture-/);
    await recorder.flush();
    expect(await rowsOf(database.pool, userId)).toEqual([
      expect.objectContaining({ ...OPENAI_ROW, request_id: response.id, status: "success" }),
    ]);
  });

  it("the tier the provider reports: Anthropic fast mode (its raw usage), OpenAI flex (the Responses metadata)", async () => {
    const fast = await generateText({
      model: track(anthropic(CLAUDE)),
      prompt: "Hi",
      maxRetries: 0,
      providerOptions: { anthropic: { speed: "fast" } },
    });
    const streamed = streamText({
      model: track(anthropic(CLAUDE)),
      prompt: "Hi",
      maxRetries: 0,
      providerOptions: { anthropic: { speed: "fast" } },
    });
    await streamed.text;
    const flex = await generateText({
      model: track(openai("o3")),
      prompt: "Hi",
      maxRetries: 0,
      providerOptions: { openai: { serviceTier: "flex" } },
    });
    const standard = await generateText({ model: track(openai("gpt-4o")), prompt: "Hi", maxRetries: 0 });
    await recorder.flush();
    const { rows } = await database.pool.query(
      "select request_id, service_tier from public.ai_usage_log where user_id = $1",
      [userId],
    );
    expect(rows).toHaveLength(4);
    expect(rows).toEqual(
      expect.arrayContaining([
        { request_id: fast.response.id, service_tier: "fast" },
        { request_id: (await streamed.response).id, service_tier: "fast" },
        { request_id: flex.response.id, service_tier: "flex" },
        { request_id: standard.response.id, service_tier: "standard" },
      ]),
    );
  });

  it("generateObject: the object as unwrapped, and one row", async () => {
    const result = await generateObject({
      model: track(custom.chat("gpt-4o")),
      schema: z.object({ city: z.string() }),
      prompt: "Where is the Louvre?",
      maxRetries: 0,
    });
    expect(result.object).toEqual({ city: "Paris" });
    await recorder.flush();
    expect(await rowsOf(database.pool, userId)).toEqual([
      expect.objectContaining({ ...OPENAI_ROW, request_id: result.response.id, status: "success" }),
    ]);
  });

  it("a failed call throws the AI SDK's own error, unchanged, and is recorded as an error", async () => {
    anthropicUpstream.failNext({
      kind: "http",
      status: 400,
      type: "invalid_request_error",
      message: "prompt is too long",
    });
    const plain = await generateText({ model: anthropic(CLAUDE), prompt: "Hi", maxRetries: 0 }).catch(
      (e: unknown) => e,
    );
    anthropicUpstream.failNext({
      kind: "http",
      status: 400,
      type: "invalid_request_error",
      message: "prompt is too long",
    });
    const error = await generateText({ model: track(anthropic(CLAUDE)), prompt: "Hi", maxRetries: 0 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(APICallError);
    expect(error).toMatchObject({ statusCode: 400, message: (plain as Error).message });
    await recorder.flush();
    const [row] = await rowsOf(database.pool, userId);
    expect(row).toMatchObject({
      status: "error",
      model_used: CLAUDE,
      provider: "anthropic",
      input_tokens: 0,
    });
    expect(row!.error_message).toContain("prompt is too long");
  });

  it("a stream that fails midway is recorded as an error with the usage known so far (from the raw chunks)", async () => {
    anthropicUpstream.failNext({ kind: "stream_error", type: "overloaded_error", message: "Overloaded" });
    const streamErrors: unknown[] = [];
    const result = streamText({
      model: track(anthropic(CLAUDE)),
      prompt: "Hi",
      maxRetries: 0,
      onError: ({ error }) => {
        streamErrors.push(error);
      },
    });
    await result.consumeStream();
    expect(streamErrors).toHaveLength(1);
    await recorder.flush();
    const [row] = await rowsOf(database.pool, userId);
    expect(row).toMatchObject({
      status: "error",
      provider: "anthropic",
      error_message: "Overloaded",
      ...STARTED_BUCKETS,
    });
  });

  it("an aborted streamText is recorded when it stops, with the usage known so far", async () => {
    const abort = new AbortController();
    const result = streamText({
      model: track(stalledAnthropic(CLAUDE)),
      prompt: "Hi",
      maxRetries: 0,
      abortSignal: abort.signal,
      onError: () => undefined,
    });
    for await (const text of result.textStream) {
      expect(text).toBe("Hel");
      abort.abort();
    }
    await recorder.flush();
    const rows = await rowsOf(database.pool, userId);
    expect(rows).toEqual([
      expect.objectContaining({
        provider: "anthropic",
        model_used: CLAUDE,
        request_id: expect.stringMatching(/^msg_stalled_/),
        status: "error",
        error_message: "This operation was aborted",
        ...STARTED_BUCKETS,
      }),
    ]);
  });

  it("the raw chunks it asks for reach only a caller who asked for them too", async () => {
    const partTypes = async (model: LanguageModel, includeRawChunks: boolean) => {
      const types: string[] = [];
      const result = streamText({ model, prompt: "Hi", maxRetries: 0, includeRawChunks });
      for await (const part of result.fullStream) types.push(part.type);
      return types;
    };
    expect(await partTypes(track(anthropic(CLAUDE)), false)).toEqual(
      await partTypes(anthropic(CLAUDE), false),
    );
    const withRaw = await partTypes(track(anthropic(CLAUDE)), true);
    expect(withRaw).toEqual(await partTypes(anthropic(CLAUDE), true));
    expect(withRaw).toContain("raw");
    await recorder.flush();
    expect(await rowsOf(database.pool, userId)).toEqual([
      expect.objectContaining(ANTHROPIC_ROW),
      expect.objectContaining(ANTHROPIC_ROW),
    ]);
  });

  it("a missing context never breaks the call: it is reported through onError", async () => {
    const model = wrapLanguageModel({
      model: anthropic(CLAUDE),
      middleware: usageMiddleware({ recorder, context: () => undefined }),
    });
    const result = await generateText({ model, prompt: "Hi", maxRetries: 0 });
    expect(result.text).toBe("Hello there");
    await recorder.flush();
    expect(errors.map((error) => error.name)).toEqual(["UsageUserIdError"]);
  });

  it("refuses a budget guard it cannot enforce", () => {
    expect(() => usageMiddleware({ recorder, budget: {} as never })).toThrow(UsageValidationError);
  });
});

/** JSON for generateObject over chat completions; an Anthropic stream that stops after its first words. */
async function customHandler(
  request: { path: string; body: Record<string, unknown> },
  response: Parameters<Parameters<typeof startHttpFixture>[0]>[1],
) {
  if (request.path === "/v1/chat/completions") {
    return sendJson(response, 200, {
      id: `chatcmpl-object-${Date.now()}`,
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: SERVED_MODEL,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: '{"city":"Paris"}', refusal: null },
          finish_reason: "stop",
        },
      ],
      usage: CHAT_USAGE,
    });
  }
  response.writeHead(200, { "content-type": "text/event-stream" });
  const event = (name: string, data: unknown) =>
    response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  event("message_start", {
    type: "message_start",
    message: {
      id: `msg_stalled_${Date.now()}`,
      type: "message",
      role: "assistant",
      model: CLAUDE,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...ANTHROPIC_USAGE, output_tokens: 1 },
    },
  });
  event("content_block_start", {
    type: "content_block_start",
    index: 0,
    content_block: { type: "text", text: "" },
  });
  event("content_block_delta", {
    type: "content_block_delta",
    index: 0,
    delta: { type: "text_delta", text: "Hel" },
  });
  // No more: the connection stays open until the client goes away.
}
