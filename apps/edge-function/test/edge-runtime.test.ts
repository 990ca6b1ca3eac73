import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { FIXTURE_TEXT } from "./support/anthropic-fixture.js";
import { EXPECTED_COST_USD, EXPECTED_TOKENS } from "./support/expected.js";
import { type Harness, startHarness } from "./support/harness.js";
import { signAccessToken } from "./support/jwt.js";
import { EDGE_RUNTIME_ENTRY } from "./support/paths.js";
import { postReport } from "./support/requests.js";
import { parseServerSentEvents } from "./support/sse.js";
import { waitForUsageRows } from "./support/usage-rows.js";

// As on Supabase: EdgeRuntime.waitUntil exists, so usage is written after the response.
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ entry: EDGE_RUNTIME_ENTRY });
});
afterAll(async () => {
  await harness?.stop();
});

function settledTasks(): number {
  return harness.deno.output().match(/waitUntil: task settled/g)?.length ?? 0;
}

test("JSON answer: usage is written through EdgeRuntime.waitUntil after the response", async () => {
  const userId = randomUUID();
  const token = await signAccessToken({ sub: userId, email: "edge@example.com" });
  const settledBefore = settledTasks();

  const response = await postReport(harness.url, { prompt: "On the edge" }, token);

  expect(response.status).toBe(200);
  expect(((await response.json()) as { text: string }).text).toBe(FIXTURE_TEXT);
  const rows = await waitForUsageRows(harness.pool, userId, 1);
  expect(rows).toEqual([
    expect.objectContaining({
      request_id: harness.anthropic.messageIds.at(-1),
      ...EXPECTED_TOKENS,
      total_cost_usd: EXPECTED_COST_USD,
      status: "success",
    }),
  ]);
  await expect.poll(settledTasks).toBe(settledBefore + 1);
});

test("streamed answer: usage is written through waitUntil once the stream has ended", async () => {
  const userId = randomUUID();
  const token = await signAccessToken({ sub: userId });
  const settledBefore = settledTasks();

  const response = await postReport(harness.url, { prompt: "Stream on the edge", stream: true }, token);

  const events = parseServerSentEvents(await response.text());
  expect(events.at(-1)?.event).toBe("done");
  const rows = await waitForUsageRows(harness.pool, userId, 1);
  expect(rows).toEqual([
    expect.objectContaining({ ...EXPECTED_TOKENS, total_cost_usd: EXPECTED_COST_USD, status: "success" }),
  ]);
  await expect.poll(settledTasks).toBe(settledBefore + 1);
});

test("upstream failure: 503, and the error row still arrives through waitUntil", async () => {
  const userId = randomUUID();
  const token = await signAccessToken({ sub: userId });
  harness.anthropic.behave({ status: 529 });

  const response = await postReport(harness.url, { prompt: "Overloaded on the edge" }, token);

  expect(response.status).toBe(503);
  const rows = await waitForUsageRows(harness.pool, userId, 1);
  expect(rows).toEqual([
    expect.objectContaining({
      status: "error",
      output_tokens: 0,
      error_message: "Anthropic answered 529 (overloaded_error)",
    }),
  ]);
});
