import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, startHarness } from "./support/harness.js";
import { JWT_SECRET, signAccessToken } from "./support/jwt.js";
import { expectError } from "./support/refusals.js";
import { postReport } from "./support/requests.js";

// Requests refused before Anthropic is called: nothing may reach the fixture or the database.
let harness: Harness;
/** Every user id a token was made for here (the database is shared with other test files). */
const userIds: string[] = [];
function newUserId(): string {
  const id = randomUUID();
  userIds.push(id);
  return id;
}
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.stop();
});

describe("authentication", () => {
  test("no Authorization header: 401 missing_token", async () => {
    const response = await postReport(harness.url, { prompt: "hi" });
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="ai-report"');
    expect(await expectError(response, 401, "missing_token")).toContain("Bearer");
  });

  test("a token signed with another secret (forged): 401 invalid_token", async () => {
    const forged = await signAccessToken(
      { sub: newUserId(), app_metadata: { role: "admin" } },
      { secret: "an-attacker-chosen-secret-of-32-characters-or-more" },
    );
    const response = await postReport(harness.url, { prompt: "hi" }, forged);
    expect(await expectError(response, 401, "invalid_token")).toBe(
      "the access token is not valid for this project",
    );
  });

  test("an expired token: 401 invalid_token", async () => {
    const expired = await signAccessToken(
      { sub: newUserId() },
      { expiresIn: Math.floor(Date.now() / 1000) - 3600 },
    );
    const response = await postReport(harness.url, { prompt: "hi" }, expired);
    expect(await expectError(response, 401, "invalid_token")).toBe("the access token has expired");
  });

  test("the anon key (a valid project JWT without a user): 401", async () => {
    const anonKey = await new SignJWT({ role: "anon", iss: "supabase", ref: "project-ref" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt()
      .setExpirationTime("10y")
      .sign(new TextEncoder().encode(JWT_SECRET));
    const response = await postReport(harness.url, { prompt: "hi" }, anonKey);
    expect(await expectError(response, 401, "invalid_token")).toBe("the access token has no aud claim");
  });

  test("alg none (unsigned): 401", async () => {
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
    const payload = Buffer.from(
      JSON.stringify({ sub: newUserId(), exp: Math.floor(Date.now() / 1000) + 3600 }),
    ).toString("base64url");
    const response = await postReport(harness.url, { prompt: "hi" }, `${header}.${payload}.`);
    await expectError(response, 401, "invalid_token");
  });
});

describe("request body", () => {
  const cases: [string, unknown, string][] = [
    ["no prompt", { stream: true }, "prompt"],
    ["an empty prompt", { prompt: "   " }, "prompt"],
    ["customer_id as text", { prompt: "hi", customer_id: "42" }, "customer_id"],
    ["a request_type longer than 64", { prompt: "hi", request_type: "x".repeat(65) }, "request_type"],
    ["stream as text", { prompt: "hi", stream: "yes" }, "stream"],
    ["an unknown key (a typo)", { prompt: "hi", custmer_id: 1 }, "custmer_id"],
    ["an array", [{ prompt: "hi" }], "object"],
  ];
  test.each(cases)("%s: 400 invalid_body naming the field", async (_name, body, field) => {
    const token = await signAccessToken({ sub: newUserId() });
    const response = await postReport(harness.url, body, token);
    expect(await expectError(response, 400, "invalid_body")).toContain(field);
  });

  test("not JSON: 400 invalid_json", async () => {
    const token = await signAccessToken({ sub: newUserId() });
    const response = await postReport(harness.url, "prompt=hi", token);
    await expectError(response, 400, "invalid_json");
  });

  test("a body over 1 MB: 413 body_too_large", async () => {
    const token = await signAccessToken({ sub: newUserId() });
    const response = await postReport(harness.url, { prompt: "x".repeat(1_100_000) }, token);
    await expectError(response, 413, "body_too_large");
  });

  test("authentication is checked before the body: a bad body without a token is a 401", async () => {
    const response = await postReport(harness.url, "not json");
    await expectError(response, 401, "missing_token");
  });
});

describe("methods", () => {
  test("CORS preflight: 204 with the allowed methods and headers", async () => {
    const response = await fetch(harness.url, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toBe("POST, OPTIONS");
    expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
  });

  test.each(["GET", "PUT", "DELETE"])("%s: 405 with Allow", async (method) => {
    const response = await fetch(harness.url, { method });
    expect(response.headers.get("allow")).toBe("POST, OPTIONS");
    await expectError(response, 405, "method_not_allowed");
  });
});

describe("after all of the above", () => {
  test("Anthropic was never called and nothing was recorded", async () => {
    expect(harness.anthropic.received).toEqual([]);
    expect(userIds.length).toBeGreaterThan(10);
    const { rows } = await harness.pool.query(
      "select count(*)::int as count from ai_usage_log where user_id = any($1::uuid[])",
      [userIds],
    );
    expect(rows).toEqual([{ count: 0 }]);
  });
});
