import { ApiError, GoogleGenAI } from "@google/genai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { trackGemini } from "../../src/gemini.js";
import { type UsageError, type UsageRecorder, UsageValidationError } from "../../src/index.js";
import { type GeminiFixture, startGeminiFixture } from "../fixtures/gemini-fixture.js";
import { newUserId, rowsOf, useTestDatabase } from "../support/database.js";
import { pgRecorder } from "../support/recording.js";

const MODEL = "gemini-2.5-flash";
const PARAMS = { model: MODEL, contents: "Hi", config: { maxOutputTokens: 256 } };
// Input 5000 - 4000 cached = 1000, output 120 + 800 thinking = 920:
// 1000 x 0.30 + 4000 x 0.03 + 920 x 2.50 = 2720 per million tokens.
const COST = "0.002720000000";
const STORED_BUCKETS = {
  input_tokens: 1000,
  cache_read_tokens: 4000,
  output_tokens: 920,
  cache_write_5m_tokens: 0,
  cache_write_1h_tokens: 0,
  provider: "google",
  model_used: MODEL,
};

describe("trackGemini (official @google/genai client against a local Gemini API)", () => {
  const database = useTestDatabase();
  let fixture: GeminiFixture;
  let plain: GoogleGenAI;
  let recorder: UsageRecorder;
  let errors: UsageError[];
  let userId: string;
  let tracked: ReturnType<typeof trackGemini<GoogleGenAI>>;

  beforeAll(async () => {
    fixture = await startGeminiFixture();
    plain = new GoogleGenAI({
      apiKey: "test-key",
      httpOptions: { baseUrl: fixture.url, retryOptions: { attempts: 1 } },
    });
    ({ recorder, errors } = pgRecorder(database));
    // A price in force from an hour ago: it wins over any catalog row for the model, so the cost is known here.
    await database.pool.query(
      "select public.set_ai_model_price('google', $1, now() - interval '1 hour', 0.30, 2.50, 0, 0, 0.03)",
      [MODEL],
    );
  });
  afterAll(async () => {
    await recorder?.close();
    await fixture?.close();
  });
  beforeEach(() => {
    userId = newUserId();
    errors.length = 0;
    tracked = trackGemini(plain, { recorder, context: () => ({ userId, requestType: "summary" }) });
  });

  it("models.generateContent: the same response as untracked; one row with cached content split out, thinking as output, cost, latency and the response id", async () => {
    const expected = await plain.models.generateContent(PARAMS);
    const response = await tracked.models.generateContent(PARAMS);
    expect(response).toBeInstanceOf(expected.constructor);
    expect(response.text).toBe("Hello there");
    expect(response.usageMetadata).toEqual(expected.usageMetadata);
    await recorder.flush();
    const rows = await rowsOf(database.pool, userId);
    expect(rows).toEqual([
      expect.objectContaining({
        ...STORED_BUCKETS,
        request_id: response.responseId,
        status: "success",
        request_type: "summary",
        total_cost_usd: COST,
      }),
    ]);
    expect(rows[0]!.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it("models.generateContentStream: the caller reads every chunk; usage is the LAST chunk's running total, not a sum", async () => {
    const expected = await collect(await plain.models.generateContentStream(PARAMS));
    const chunks = await collect(await tracked.models.generateContentStream(PARAMS));
    expect(chunks.map((chunk) => chunk.text)).toEqual(expected.map((chunk) => chunk.text));
    expect(chunks.map((chunk) => chunk.text).join("")).toBe("Hello there");
    await recorder.flush();
    expect(await rowsOf(database.pool, userId)).toEqual([
      expect.objectContaining({
        ...STORED_BUCKETS,
        request_id: chunks[0]!.responseId,
        status: "success",
        total_cost_usd: COST,
      }),
    ]);
  });

  it("a stream read with next() is recorded too", async () => {
    const stream = await tracked.models.generateContentStream(PARAMS);
    while (!(await stream.next()).done) {
      // read to the end
    }
    await recorder.flush();
    expect(await rowsOf(database.pool, userId)).toEqual([expect.objectContaining(STORED_BUCKETS)]);
  });

  it("a stream the caller abandons is recorded with the usage known when it stopped", async () => {
    fixture.failNext({ kind: "stall" });
    const stream = await tracked.models.generateContentStream(PARAMS);
    for await (const chunk of stream) {
      expect(chunk.text).toBe("Hel");
      break;
    }
    await recorder.flush();
    expect(await rowsOf(database.pool, userId)).toEqual([
      expect.objectContaining({
        status: "success",
        input_tokens: 1000,
        cache_read_tokens: 4000,
        output_tokens: 840,
      }),
    ]);
  });

  it("a failed call throws the client's own error, unchanged, and is recorded as an error", async () => {
    fixture.failNext({
      kind: "http",
      status: 400,
      reason: "INVALID_ARGUMENT",
      message: "maxOutputTokens too large",
    });
    const error = await tracked.models.generateContent(PARAMS).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400 });
    await recorder.flush();
    const [row] = await rowsOf(database.pool, userId);
    expect(row).toMatchObject({ status: "error", input_tokens: 0, output_tokens: 0, model_used: MODEL });
    expect(row!.error_message).toContain("maxOutputTokens too large");
  });

  it("a stream that fails midway rethrows to the caller and records the usage known so far", async () => {
    fixture.failNext({
      kind: "stream_error",
      status: 503,
      reason: "UNAVAILABLE",
      message: "The model is overloaded",
    });
    const stream = await tracked.models.generateContentStream(PARAMS);
    const error = await collect(stream).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    await recorder.flush();
    const [row] = await rowsOf(database.pool, userId);
    expect(row).toMatchObject({
      status: "error",
      input_tokens: 1000,
      cache_read_tokens: 4000,
      output_tokens: 840,
    });
    expect(row!.error_message).toContain("The model is overloaded");
  });

  it("chats made through the tracked client record each message", async () => {
    const chat = tracked.chats.create({ model: MODEL });
    const reply = await chat.sendMessage({ message: "Hi" });
    expect(reply.text).toBe("Hello there");
    const streamed = await collect(await chat.sendMessageStream({ message: "Again" }));
    expect(streamed.map((chunk) => chunk.text).join("")).toBe("Hello there");
    await recorder.flush();
    expect(await rowsOf(database.pool, userId)).toEqual([
      expect.objectContaining({ ...STORED_BUCKETS, request_id: reply.responseId }),
      expect.objectContaining({ ...STORED_BUCKETS, request_id: streamed[0]!.responseId }),
    ]);
  });

  it("withUsageContext() attributes one call to another user and customer", async () => {
    const other = newUserId();
    await tracked.withUsageContext({ userId: other, customerId: 7 }).models.generateContent(PARAMS);
    await recorder.flush();
    expect(await rowsOf(database.pool, userId)).toEqual([]);
    expect(await rowsOf(database.pool, other)).toEqual([
      expect.objectContaining({ ...STORED_BUCKETS, customer_id: 7, request_type: "summary" }),
    ]);
  });

  it("a missing context never breaks the call: it is reported through onError", async () => {
    const untracked = trackGemini(plain, { recorder, context: () => undefined });
    const response = await untracked.models.generateContent(PARAMS);
    expect(response.text).toBe("Hello there");
    await recorder.flush();
    expect(errors.map((error) => error.name)).toEqual(["UsageUserIdError"]);
  });

  it("refuses a budget guard it cannot enforce, when the client is made", () => {
    const budget = {} as never;
    expect(() => trackGemini(plain, { recorder, budget })).toThrow(UsageValidationError);
  });

  it("leaves the rest of the client alone", () => {
    expect(tracked.vertexai).toBe(false);
    expect(tracked.files).toBe(plain.files);
    expect(tracked.models.embedContent).toBe(plain.models.embedContent);
  });
});

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

describe("examples/gemini.ts (run as written against the local Gemini API)", () => {
  const database = useTestDatabase();
  let fixture: GeminiFixture;

  beforeAll(async () => {
    fixture = await startGeminiFixture();
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      GEMINI_API_KEY: "test-key",
      GOOGLE_GEMINI_BASE_URL: fixture.url,
    });
  });
  afterAll(() => fixture?.close());

  it("records the plain and the streamed call", async () => {
    const { answer } = await import("../../examples/gemini.js");
    expect(answer.text).toBe("Hello there");
    expect(await rowsOf(database.pool, "6b2e4c8a-1f3d-4e5b-9a7c-2d4f6e8a0b13")).toEqual([
      expect.objectContaining({ ...STORED_BUCKETS, request_id: answer.responseId, request_type: "summary" }),
      expect.objectContaining({ ...STORED_BUCKETS, request_id: fixture.responseIds[1] }),
    ]);
  });
});
