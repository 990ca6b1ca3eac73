import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FIXTURE_DELTAS, FIXTURE_TEXT, FIXTURE_USAGE } from "./support/anthropic-fixture.js";
import { EXPECTED_COST_USD, EXPECTED_TOKENS, EXPECTED_TOTAL_TOKENS, MODEL } from "./support/expected.js";
import { type Harness, startHarness, TEST_API_KEY } from "./support/harness.js";
import { signAccessToken } from "./support/jwt.js";
import { postReport } from "./support/requests.js";
import { parseServerSentEvents } from "./support/sse.js";
import { usageRows, waitForUsageRows } from "./support/usage-rows.js";

// Plain `deno run` (no EdgeRuntime): the function awaits the usage write before the response
// completes, so each row is in the database as soon as the response has been read.
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

describe("POST /ai-report", () => {
  test("answers with JSON and records the call, tokens by bucket, priced by the database", async () => {
    const userId = randomUUID();
    const token = await signAccessToken({ sub: userId, email: "ana@example.com" });

    const response = await postReport(harness.url, { prompt: "Summarise Q3", session_id: "s-1" }, token);

    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = await response.json();
    const messageId = harness.anthropic.messageIds.at(-1);
    expect(body).toEqual({
      text: FIXTURE_TEXT,
      usage: EXPECTED_TOKENS,
      request_id: messageId,
      model: MODEL,
      stop_reason: "end_turn",
    });
    expect(harness.anthropic.received.at(-1)).toEqual({
      apiKey: TEST_API_KEY,
      body: { model: MODEL, max_tokens: 1024, messages: [{ role: "user", content: "Summarise Q3" }] },
    });

    const rows = await usageRows(harness.pool, userId);
    expect(rows).toEqual([
      {
        request_id: messageId,
        user_id: userId,
        user_email: "ana@example.com",
        customer_id: null,
        customer_name: null,
        request_type: "report",
        session_id: "s-1",
        provider: "anthropic",
        model_used: MODEL,
        ...EXPECTED_TOKENS,
        total_tokens: EXPECTED_TOTAL_TOKENS,
        total_cost_usd: EXPECTED_COST_USD,
        latency_ms: expect.any(Number),
        status: "success",
        error_message: null,
      },
    ]);
    expect(rows[0]?.latency_ms).toBeGreaterThanOrEqual(0);
  });

  test("streams text deltas as SSE and records the stream's final cumulative usage once", async () => {
    const userId = randomUUID();
    const token = await signAccessToken({ sub: userId, email: "bo@example.com" });

    const response = await postReport(harness.url, { prompt: "Stream it", stream: true }, token);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const events = parseServerSentEvents(await response.text());
    const messageId = harness.anthropic.messageIds.at(-1);
    expect(events).toEqual([
      ...FIXTURE_DELTAS.map((text) => ({ event: "delta", data: { text } })),
      {
        event: "done",
        data: { request_id: messageId, model: MODEL, stop_reason: "end_turn", usage: EXPECTED_TOKENS },
      },
    ]);
    expect(harness.anthropic.received.at(-1)?.body.stream).toBe(true);

    // message_start and message_delta both carry the input and cache counts: they must not add up.
    const rows = await usageRows(harness.pool, userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      request_id: messageId,
      user_email: "bo@example.com",
      ...EXPECTED_TOKENS,
      total_cost_usd: EXPECTED_COST_USD,
      status: "success",
      error_message: null,
    });
  });

  test("a caller that hangs up mid-stream stops the Anthropic stream, and what was used is recorded", async () => {
    const userId = randomUUID();
    const token = await signAccessToken({ sub: userId });
    harness.anthropic.behave("slow-stream");
    const abandonedBefore = harness.anthropic.abandonedStreams();

    const response = await postReport(harness.url, { prompt: "Walk away", stream: true }, token);
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain("event: delta");
    await reader.cancel();

    await expect
      .poll(() => harness.anthropic.abandonedStreams(), { timeout: 10_000 })
      .toBe(abandonedBefore + 1);
    const rows = await waitForUsageRows(harness.pool, userId, 1);
    expect(rows).toEqual([
      expect.objectContaining({
        request_id: harness.anthropic.messageIds.at(-1),
        input_tokens: FIXTURE_USAGE.input_tokens,
        cache_read_tokens: FIXTURE_USAGE.cache_read_input_tokens,
        output_tokens: 1,
      }),
    ]);
  });
});
