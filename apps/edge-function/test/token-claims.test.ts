import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, startHarness } from "./support/harness.js";
import { SUPABASE_URL, signAccessToken } from "./support/jwt.js";
import { expectError, expectNothingDone } from "./support/refusals.js";
import { postReport } from "./support/requests.js";
import { usageRows } from "./support/usage-rows.js";

// Tokens signed with the project's own secret that are still not a signed-in user of this project:
// the service_role and anon roles, another audience or issuer, an anonymous sign-in.
let harness: Harness;
const userIds: string[] = [];
let calledBefore = 0;
function newUserId(): string {
  const id = randomUUID();
  userIds.push(id);
  return id;
}
beforeAll(async () => {
  harness = await startHarness();
  calledBefore = harness.anthropic.received.length;
});
afterAll(async () => {
  await harness?.stop();
});

describe("role", () => {
  test.each(["service_role", "anon", "supabase_admin"])(
    "a %s token with a user id: 403 role_not_allowed",
    async (role) => {
      const token = await signAccessToken({ sub: newUserId(), role });
      const response = await postReport(harness.url, { prompt: "hi" }, token);
      expect(await expectError(response, 403, "role_not_allowed")).toBe(
        `the access token's role is "${role}"; only signed-in users (role "authenticated") may call this function`,
      );
    },
  );

  test("no role claim: 403 role_not_allowed", async () => {
    const token = await signAccessToken({ sub: newUserId(), role: undefined });
    const response = await postReport(harness.url, { prompt: "hi" }, token);
    expect(await expectError(response, 403, "role_not_allowed")).toContain("role is missing");
  });
});

describe("audience and issuer", () => {
  test("another audience: 401 invalid_token", async () => {
    const token = await signAccessToken({ sub: newUserId() }, { audience: "some-other-app" });
    const response = await postReport(harness.url, { prompt: "hi" }, token);
    expect(await expectError(response, 401, "invalid_token")).toBe("the access token's aud claim is invalid");
  });

  test("no audience: 401 invalid_token", async () => {
    const token = await signAccessToken({ sub: newUserId() }, { audience: null });
    const response = await postReport(harness.url, { prompt: "hi" }, token);
    expect(await expectError(response, 401, "invalid_token")).toBe("the access token has no aud claim");
  });

  test("another project's issuer: 401 invalid_token", async () => {
    const token = await signAccessToken(
      { sub: newUserId() },
      { issuer: "https://another-project.supabase.co/auth/v1" },
    );
    const response = await postReport(harness.url, { prompt: "hi" }, token);
    expect(await expectError(response, 401, "invalid_token")).toBe("the access token's iss claim is invalid");
  });

  test("no issuer: 401 invalid_token", async () => {
    const token = await signAccessToken({ sub: newUserId() }, { issuer: null });
    const response = await postReport(harness.url, { prompt: "hi" }, token);
    expect(await expectError(response, 401, "invalid_token")).toBe("the access token has no iss claim");
  });
});

test("an anonymous sign-in (is_anonymous: true): 403 anonymous_not_allowed", async () => {
  const token = await signAccessToken({ sub: newUserId(), is_anonymous: true });
  const response = await postReport(harness.url, { prompt: "hi" }, token);
  expect(await expectError(response, 403, "anonymous_not_allowed")).toBe(
    "anonymous sign-ins may not call this function; sign in with an account",
  );
});

test("after all of the above: Anthropic was never called and nothing was recorded", async () => {
  expect(userIds.length).toBeGreaterThanOrEqual(9);
  await expectNothingDone(harness, userIds, calledBefore);
});

describe("configured: ALLOW_ANONYMOUS_USERS, JWT_AUDIENCE, JWT_ISSUER", () => {
  const ISSUER = "https://auth.example.com/auth/v1";
  let configured: Harness;
  beforeAll(async () => {
    configured = await startHarness({
      env: { ALLOW_ANONYMOUS_USERS: "true", JWT_AUDIENCE: "app-users", JWT_ISSUER: ` ${ISSUER} ,` },
    });
  });
  afterAll(async () => {
    await configured?.stop();
  });

  test("an anonymous sign-in with the configured audience and issuer is served and charged", async () => {
    const userId = randomUUID();
    const token = await signAccessToken(
      { sub: userId, is_anonymous: true },
      { audience: "app-users", issuer: ISSUER },
    );
    const response = await postReport(configured.url, { prompt: "hi" }, token);
    expect(response.status).toBe(200);
    expect(await usageRows(configured.pool, userId)).toEqual([
      expect.objectContaining({ user_id: userId, status: "success" }),
    ]);
  });

  test("JWT_ISSUER replaces the issuer derived from SUPABASE_URL; JWT_AUDIENCE replaces authenticated", async () => {
    const fromSupabaseUrl = await signAccessToken(
      { sub: randomUUID() },
      { audience: "app-users", issuer: `${SUPABASE_URL}/auth/v1` },
    );
    const response = await postReport(configured.url, { prompt: "hi" }, fromSupabaseUrl);
    expect(await expectError(response, 401, "invalid_token")).toBe("the access token's iss claim is invalid");

    const defaultAudience = await signAccessToken({ sub: randomUUID() }, { issuer: ISSUER });
    const second = await postReport(configured.url, { prompt: "hi" }, defaultAudience);
    expect(await expectError(second, 401, "invalid_token")).toBe("the access token's aud claim is invalid");
  });
});
