import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UsageRecorder } from "../../src/index.js";
import { trackOpenAI } from "../../src/openai.js";
import { type OpenAIFixture, SERVED_MODEL, startOpenAIFixture } from "../fixtures/openai-fixture.js";
import { newUserId, rowsOf, useTestDatabase } from "../support/database.js";
import { pgRecorder } from "../support/recording.js";

const CHAT = { model: "gpt-4o", messages: [{ role: "user" as const, content: "Hi" }] };
const RESPONSE = { model: "gpt-4o", input: "Hi" };
// prompt 1200 of which 1000 cached, 300 out: 200 x 2.50 + 1000 x 1.25 + 300 x 10 per million.
const STORED = {
  provider: "openai",
  model_used: SERVED_MODEL,
  input_tokens: 200,
  cache_read_tokens: 1000,
  cache_write_5m_tokens: 0,
  cache_write_1h_tokens: 0,
  output_tokens: 300,
  total_cost_usd: "0.004750000000",
  status: "success",
};

describe("trackOpenAI (official client against a local OpenAI API)", () => {
  const database = useTestDatabase();
  let fixture: OpenAIFixture;
  let plain: OpenAI;
  let recorder: UsageRecorder;
  let userId: string;
  let tracked: ReturnType<typeof trackOpenAI<OpenAI>>;

  beforeAll(async () => {
    fixture = await startOpenAIFixture();
    plain = new OpenAI({ apiKey: "test-key", baseURL: `${fixture.url}/v1`, maxRetries: 0 });
    ({ recorder } = pgRecorder(database));
  });
  afterAll(async () => {
    await recorder?.close();
    await fixture?.close();
  });
  beforeEach(() => {
    userId = newUserId();
    tracked = trackOpenAI(plain, { recorder, context: { userId, requestType: "chat" } });
  });

  const storedRows = async () => {
    await recorder.flush();
    return rowsOf(database.pool, userId);
  };

  it("chat.completions.create: cached tokens split out of the prompt; id as request id", async () => {
    const completion = await tracked.chat.completions.create(CHAT);
    expect(completion.choices[0]!.message.content).toBe("Hello there");
    expect(completion.usage?.prompt_tokens).toBe(1200);
    expect(await storedRows()).toEqual([expect.objectContaining({ ...STORED, request_id: completion.id })]);
  });

  it("streaming without include_usage: turned on for the request, invisible to the caller", async () => {
    const untrackedChunks = await collect(await plain.chat.completions.create({ ...CHAT, stream: true }));
    const chunks = await collect(await tracked.chat.completions.create({ ...CHAT, stream: true }));
    const sent = fixture.requests.at(-1)!.body;
    expect(sent.stream_options).toEqual({ include_usage: true });
    const comparable = (list: OpenAI.ChatCompletionChunk[]) =>
      list.map((chunk) => ({ ...chunk, id: "", created: 0 }));
    expect(comparable(chunks)).toEqual(comparable(untrackedChunks));
    expect(chunks.every((chunk) => !("usage" in chunk) && chunk.choices.length === 1)).toBe(true);
    expect(await storedRows()).toEqual([expect.objectContaining({ ...STORED, request_id: chunks[0]!.id })]);
  });

  it("streaming with include_usage asked by the caller: the usage chunk reaches them as usual", async () => {
    const chunks = await collect(
      await tracked.chat.completions.create({
        ...CHAT,
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 1200 } });
    expect(chunks[0]).toHaveProperty("usage", null);
    expect(await storedRows()).toEqual([expect.objectContaining(STORED)]);
  });

  it("chat.completions.stream() helper goes through the tracked create and is recorded once", async () => {
    const runner = tracked.chat.completions.stream(CHAT);
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]!.message.content).toBe("Hello there");
    expect(await storedRows()).toEqual([expect.objectContaining({ ...STORED, request_id: final.id })]);
  });

  it("responses.create (plain and streaming)", async () => {
    const response = await tracked.responses.create(RESPONSE);
    expect(response.output_text).toBe("Hello there");
    const events = await collect(await tracked.responses.create({ ...RESPONSE, stream: true }));
    expect(events.map((event) => event.type)).toEqual([
      "response.created",
      "response.output_text.delta",
      "response.completed",
    ]);
    const completed = events.at(-1) as OpenAI.Responses.ResponseCompletedEvent;
    const rows = await storedRows();
    expect(rows.map((row) => row.request_id).sort()).toEqual([response.id, completed.response.id].sort());
    for (const row of rows) expect(row).toMatchObject(STORED);
  });

  it("a failed call throws the SDK's own error and is recorded as an error", async () => {
    fixture.failNext(400, "Invalid value for 'model'");
    const error = await tracked.chat.completions.create(CHAT).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const [row] = await storedRows();
    expect(row).toMatchObject({ status: "error", model_used: "gpt-4o", input_tokens: 0 });
    expect(row!.error_message).toContain("Invalid value for 'model'");
  });

  it("withUsageContext() attributes a call to another user", async () => {
    const other = newUserId();
    await tracked.withUsageContext({ userId: other, sessionId: "s-9" }).responses.create(RESPONSE);
    await recorder.flush();
    expect(await rowsOf(database.pool, other)).toEqual([
      expect.objectContaining({ session_id: "s-9", ...STORED }),
    ]);
  });
});

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}
