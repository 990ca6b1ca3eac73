import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { trackAnthropic } from "../../src/anthropic.js";
import { type UsageError, type UsageRecorder, UsageUserIdError } from "../../src/index.js";
import {
  ANTHROPIC_USAGE,
  type AnthropicFixture,
  startAnthropicFixture,
} from "../fixtures/anthropic-fixture.js";
import { newUserId, rowsOf, useTestDatabase } from "../support/database.js";
import { pgRecorder } from "../support/recording.js";

const MODEL = "claude-sonnet-4-20250514";
const PARAMS = { model: MODEL, max_tokens: 256, messages: [{ role: "user" as const, content: "Hi" }] };
// 100 x 3 + 1500 x 3.75 + 500 x 6 + 3000 x 0.30 + 50 x 15 = 10575 per million tokens.
const COST = "0.010575000000";
const STORED_BUCKETS = {
  input_tokens: 100,
  output_tokens: 50,
  cache_write_5m_tokens: 1500,
  cache_write_1h_tokens: 500,
  cache_read_tokens: 3000,
  total_cost_usd: COST,
  provider: "anthropic",
  model_used: MODEL,
};

describe("trackAnthropic (official client against a local Messages API)", () => {
  const database = useTestDatabase();
  let fixture: AnthropicFixture;
  let plain: Anthropic;
  let recorder: UsageRecorder;
  let errors: UsageError[];
  let userId: string;
  let tracked: ReturnType<typeof trackAnthropic<Anthropic>>;

  beforeAll(async () => {
    fixture = await startAnthropicFixture();
    plain = new Anthropic({ apiKey: "test-key", baseURL: fixture.url, maxRetries: 0 });
    ({ recorder, errors } = pgRecorder(database));
  });
  afterAll(async () => {
    await recorder?.close();
    await fixture?.close();
  });
  beforeEach(() => {
    userId = newUserId();
    errors.length = 0;
    tracked = trackAnthropic(plain, {
      recorder,
      context: () => ({ userId, userEmail: "ada@example.com", requestType: "insight", sessionId: "conv-1" }),
    });
  });

  it("messages.create: same Message as untracked; one row with the four buckets, cost, latency and the message id", async () => {
    const expected = await plain.messages.create(PARAMS);
    const message = await tracked.messages.create(PARAMS);
    expect({ ...message, id: "" }).toEqual({ ...expected, id: "" });
    expect(message._request_id).toMatch(/^req_fixture_/);
    await recorder.flush();
    const rows = await rowsOf(database.pool, userId);
    expect(rows).toEqual([
      expect.objectContaining({
        ...STORED_BUCKETS,
        request_id: message.id,
        status: "success",
        request_type: "insight",
        session_id: "conv-1",
        user_email: "ada@example.com",
      }),
    ]);
    expect(rows[0]!.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it("messages.create keeps the APIPromise helpers (withResponse)", async () => {
    const { data, response, request_id } = await tracked.messages.create(PARAMS).withResponse();
    expect(response.status).toBe(200);
    expect(request_id).toMatch(/^req_fixture_/);
    await recorder.flush();
    expect((await rowsOf(database.pool, userId)).map((row) => row.request_id)).toEqual([data.id]);
  });

  it("messages.create({ stream: true }): the caller reads every event as usual; usage = message_start + LAST message_delta", async () => {
    const events = await collect(await plain.messages.create({ ...PARAMS, stream: true }));
    const stream = await tracked.messages.create({ ...PARAMS, stream: true });
    const seen = await collect(stream);
    expect(seen.map((event) => event.type)).toEqual(events.map((event) => event.type));
    expect(seen.filter((event) => event.type === "message_delta")).toHaveLength(2);
    await recorder.flush();
    const messageId = (seen[0] as Anthropic.RawMessageStartEvent).message.id;
    expect(await rowsOf(database.pool, userId)).toEqual([
      expect.objectContaining({ ...STORED_BUCKETS, request_id: messageId, status: "success" }),
    ]);
  });

  it("messages.stream(): helper events and finalMessage work; recorded exactly once", async () => {
    const stream = tracked.messages.stream(PARAMS);
    const texts: string[] = [];
    stream.on("text", (text) => texts.push(text));
    const final = await stream.finalMessage();
    expect(texts.join("")).toBe("Hello there");
    expect(final.usage.output_tokens).toBe(ANTHROPIC_USAGE.output_tokens);
    await recorder.flush();
    expect(await rowsOf(database.pool, userId)).toEqual([
      expect.objectContaining({ ...STORED_BUCKETS, request_id: final.id }),
    ]);
  });

  it("a failed call throws the SDK's own error, unchanged, and is recorded as an error", async () => {
    fixture.failNext({
      kind: "http",
      status: 400,
      type: "invalid_request_error",
      message: "max_tokens: too large",
    });
    const error = await tracked.messages.create(PARAMS).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect(error).toMatchObject({ status: 400 });
    await recorder.flush();
    const [row] = await rowsOf(database.pool, userId);
    expect(row).toMatchObject({ status: "error", input_tokens: 0, output_tokens: 0, model_used: MODEL });
    expect(row!.error_message).toContain("max_tokens: too large");
  });

  it("a stream that fails midway rethrows to the caller and records the usage known so far", async () => {
    fixture.failNext({ kind: "stream_error", type: "overloaded_error", message: "Overloaded" });
    const stream = await tracked.messages.create({ ...PARAMS, stream: true });
    const error = await collect(stream).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    await recorder.flush();
    const [row] = await rowsOf(database.pool, userId);
    expect(row).toMatchObject({
      status: "error",
      input_tokens: 100,
      cache_read_tokens: 3000,
      output_tokens: 1,
    });
    expect(row!.error_message).toContain("Overloaded");
  });

  it("withUsageContext() attributes one call to another user and customer", async () => {
    const admin = newUserId();
    await tracked
      .withUsageContext({ userId: admin, customerId: 7, customerName: "Acme" })
      .messages.create(PARAMS);
    await recorder.flush();
    expect(await rowsOf(database.pool, userId)).toEqual([]);
    expect(await rowsOf(database.pool, admin)).toEqual([
      expect.objectContaining({ customer_id: 7, request_type: "insight", ...STORED_BUCKETS }),
    ]);
  });

  it("a missing context never breaks the call: it is reported through onError", async () => {
    const untracked = trackAnthropic(plain, { recorder, context: () => undefined });
    const message = await untracked.messages.create(PARAMS);
    expect(message.content[0]).toMatchObject({ text: "Hello there" });
    expect(errors.map((error) => error.name)).toEqual(["UsageUserIdError"]);
    expect((errors[0] as UsageUserIdError).field).toBe("userId");
    expect(errors[0]!.message).toContain("got nothing");
  });

  it("an app whose user ids are not UUIDs: calls work, no row, a clear warning once, onError every time", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const own = pgRecorder(database);
    try {
      const appUser = trackAnthropic(plain, { recorder: own.recorder, context: { userId: "user_8812" } });
      const messages = [await appUser.messages.create(PARAMS), await appUser.messages.create(PARAMS)];
      expect(messages.map((message) => message.content[0])).toEqual([
        expect.objectContaining({ text: "Hello there" }),
        expect.objectContaining({ text: "Hello there" }),
      ]);
      expect(await own.recorder.flush()).toMatchObject({ drained: true, stats: { accepted: 0, dropped: 2 } });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toContain("event.userId: must be a UUID");
      expect(String(warn.mock.calls[0]![0])).toContain('got "user_8812"');
      expect(own.errors).toHaveLength(2);
      expect(own.errors.every((error) => error instanceof UsageUserIdError)).toBe(true);
      const { rows } = await database.pool.query(
        "select count(*)::int as n from public.ai_usage_log where request_id = any($1)",
        [messages.map((message) => message.id)],
      );
      expect(rows[0].n).toBe(0);
    } finally {
      warn.mockRestore();
      await own.recorder.close();
    }
  });

  it("leaves the rest of the client alone", async () => {
    expect(tracked.apiKey).toBe("test-key");
    expect(tracked.baseURL).toBe(fixture.url);
    expect(tracked.messages.batches).toBe(plain.messages.batches);
  });
});

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of stream) items.push(item);
  return items;
}
