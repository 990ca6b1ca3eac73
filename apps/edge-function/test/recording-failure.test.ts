import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { FIXTURE_TEXT } from "./support/anthropic-fixture.js";
import { type Harness, startHarness } from "./support/harness.js";
import { signAccessToken } from "./support/jwt.js";
import { postReport } from "./support/requests.js";
import { parseServerSentEvents } from "./support/sse.js";
import { waitForUsageRows } from "./support/usage-rows.js";

// A recording failure never changes the response: the database goes away mid-run. The budget
// guard fails open here (BUDGET_WHEN_UNAVAILABLE=open): calls go ahead unchecked while the database
// is away. Closed, the default, refuses them instead (budget-unavailable.test.ts).
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ ownDatabase: true, env: { BUDGET_WHEN_UNAVAILABLE: "open" } });
});
afterAll(async () => {
  await harness?.stop();
});

test("with the database down, answers are unchanged (JSON and stream), and arrive in bounded time", async () => {
  const token = await signAccessToken({ sub: randomUUID() });
  const database = harness.database!;
  await database.stopServer();
  try {
    const started = Date.now();
    const response = await postReport(harness.url, { prompt: "Still there?" }, token);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { text: string }).text).toBe(FIXTURE_TEXT);

    const streamed = await postReport(harness.url, { prompt: "Still streaming?", stream: true }, token);
    expect(streamed.status).toBe(200);
    const events = parseServerSentEvents(await streamed.text());
    expect(events.map((event) => event.event)).toEqual(["delta", "delta", "delta", "done"]);
    // Without waitUntil the function waits for the database at most 5 s per response.
    expect(Date.now() - started).toBeLessThan(15_000);
  } finally {
    await database.startServer();
  }
});

test("once the database is back, recording resumes", async () => {
  const userId = randomUUID();
  const token = await signAccessToken({ sub: userId });

  const response = await postReport(harness.url, { prompt: "Back?" }, token);

  expect(response.status).toBe(200);
  const rows = await waitForUsageRows(harness.pool, userId, 1);
  expect(rows).toEqual([expect.objectContaining({ user_id: userId, status: "success" })]);
});
