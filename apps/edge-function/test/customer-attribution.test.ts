import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { EXPECTED_COST_USD } from "./support/expected.js";
import { type Harness, startHarness } from "./support/harness.js";
import { signAccessToken } from "./support/jwt.js";
import { expectError, expectNothingDone } from "./support/refusals.js";
import { postReport } from "./support/requests.js";
import { usageRows } from "./support/usage-rows.js";

// The admin dashboard credits a customer with the spend of its rows, under the name in them. So the
// customer comes from the token's app_metadata, which only the project's server can set; a body
// naming a customer is refused, and user_metadata (which any user can edit) is never read.
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

describe("a body naming a customer is refused", () => {
  const refusedUsers: string[] = [];
  let calledBefore = 0;
  beforeAll(() => {
    calledBefore = harness.anthropic.received.length;
  });

  test.each([
    ["customer_id and customer_name", { customer_id: 7, customer_name: "Anything I like" }],
    ["customer_id alone", { customer_id: 7 }],
    ["customer_name alone", { customer_name: "Anything I like" }],
    ["customer_id null", { customer_id: null }],
  ])("%s: 400 invalid_body, saying where the customer comes from", async (_name, fields) => {
    const userId = randomUUID();
    refusedUsers.push(userId);
    const token = await signAccessToken({ sub: userId });

    const response = await postReport(harness.url, { prompt: "Insight for Acme", ...fields }, token);

    const message = await expectError(response, 400, "invalid_body");
    for (const field of Object.keys(fields)) expect(message).toContain(`${field}: not accepted in the body`);
    expect(message).toContain("app_metadata");
  });

  test("even from a user whose token names a customer", async () => {
    const userId = randomUUID();
    refusedUsers.push(userId);
    const token = await signAccessToken({ sub: userId, app_metadata: { customer_id: 42 } });
    const response = await postReport(harness.url, { prompt: "hi", customer_id: 43 }, token);
    await expectError(response, 400, "invalid_body");
  });

  test("nothing was called or recorded for them", async () => {
    await expectNothingDone(harness, refusedUsers, calledBefore);
  });
});

test("the customer in app_metadata is recorded, the caller still the one charged", async () => {
  const adminId = randomUUID();
  const token = await signAccessToken({
    sub: adminId,
    email: "admin@example.com",
    app_metadata: { provider: "email", role: "admin", customer_id: 42, customer_name: "Acme Corp" },
  });

  const response = await postReport(
    harness.url,
    { prompt: "Insight for Acme", request_type: "insight" },
    token,
  );

  expect(response.status).toBe(200);
  expect(await usageRows(harness.pool, adminId)).toEqual([
    expect.objectContaining({
      user_id: adminId,
      user_email: "admin@example.com",
      customer_id: 42,
      customer_name: "Acme Corp",
      request_type: "insight",
      total_cost_usd: EXPECTED_COST_USD,
      status: "success",
    }),
  ]);
});

test("user_metadata, which users can edit, never names the customer", async () => {
  const userId = randomUUID();
  const token = await signAccessToken({
    sub: userId,
    app_metadata: { provider: "email" },
    user_metadata: { customer_id: 7, customer_name: "Credit me" },
  });

  const response = await postReport(harness.url, { prompt: "hi" }, token);

  expect(response.status).toBe(200);
  expect(await usageRows(harness.pool, userId)).toEqual([
    expect.objectContaining({ user_id: userId, customer_id: null, customer_name: null }),
  ]);
});

describe("a malformed customer in app_metadata is refused rather than guessed", () => {
  test.each([
    ["customer_id as text", { customer_id: "42" }, "app_metadata.customer_id must be a 32-bit integer"],
    ["customer_id too big", { customer_id: 2 ** 31 }, "app_metadata.customer_id must be a 32-bit integer"],
    [
      "a name without an id",
      { customer_name: "Acme" },
      "app_metadata.customer_name needs app_metadata.customer_id",
    ],
    ["an empty name", { customer_id: 1, customer_name: " " }, "app_metadata.customer_name must not be empty"],
  ])("%s: 403 invalid_customer_claim", async (_name, appMetadata, message) => {
    const userId = randomUUID();
    const calledBefore = harness.anthropic.received.length;
    const token = await signAccessToken({ sub: userId, app_metadata: appMetadata });

    const response = await postReport(harness.url, { prompt: "hi" }, token);

    expect(await expectError(response, 403, "invalid_customer_claim")).toBe(message);
    await expectNothingDone(harness, [userId], calledBefore);
  });
});
