import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Harness, startHarness } from "./support/harness.js";
import { signAccessToken } from "./support/jwt.js";
import { expectError } from "./support/refusals.js";
import { postReport } from "./support/requests.js";

// The default, BUDGET_WHEN_UNAVAILABLE=closed: while the database cannot be reached, no call can be
// checked against its budgets, so none goes to Anthropic.
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ ownDatabase: true });
});
afterAll(async () => {
  await harness?.stop();
});

test("with the database down, calls are refused with 503 budget_unavailable before Anthropic", async () => {
  const token = await signAccessToken({ sub: randomUUID() });
  const database = harness.database!;
  const calledBefore = harness.anthropic.received.length;
  await database.stopServer();
  try {
    for (const stream of [false, true]) {
      const response = await postReport(harness.url, { prompt: "Anyone?", stream }, token);
      expect(await expectError(response, 503, "budget_unavailable")).toBe(
        "Budgets cannot be checked right now; try again later",
      );
    }
    expect(harness.anthropic.received.length).toBe(calledBefore);
    // The operators learn why from the function's log; the caller only gets the code.
    expect(harness.deno.output()).toContain("[ai-report] budgets could not be checked");
  } finally {
    await database.startServer();
  }
});

test("once the database is back, calls are checked and answered again", async () => {
  const token = await signAccessToken({ sub: randomUUID() });
  const response = await postReport(harness.url, { prompt: "Back?" }, token);
  expect(response.status).toBe(200);
});
