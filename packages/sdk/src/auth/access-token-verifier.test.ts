import { type JWTPayload, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { type AccessTokenFailure, UsageAccessTokenError } from "../errors/access-token-error.js";
import { UsageError } from "../errors/usage-error.js";
import { UsageValidationError } from "../errors/validation-error.js";
import { createAccessTokenVerifier } from "./access-token-verifier.js";

const SECRET = "a-project-jwt-secret-of-at-least-32-bytes";
const ISSUER = "https://abcdefghij.supabase.co/auth/v1";
const USER_ID = "5d0f3c52-2a8e-4b8e-9a51-0d6b1f0e7a11";

/** A token shaped like Supabase Auth's; a claim set to `undefined` is left out. */
function sign(
  claims: Record<string, unknown> = {},
  options: { secret?: string; alg?: string } = {},
): Promise<string> {
  const payload: JWTPayload = {
    sub: USER_ID,
    role: "authenticated",
    aud: "authenticated",
    iss: ISSUER,
    exp: Math.floor(Date.now() / 1000) + 600,
    email: "ada@example.com",
    app_metadata: { provider: "email" },
    is_anonymous: false,
  };
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined) delete payload[name];
    else payload[name] = value;
  }
  return new SignJWT(payload)
    .setProtectedHeader({ alg: options.alg ?? "HS256" })
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

const verifier = createAccessTokenVerifier({ secret: SECRET, issuer: ISSUER });

async function refusal(token: string, verify = verifier): Promise<UsageAccessTokenError> {
  const error = await verify.verifyAuthorization(`Bearer ${token}`).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UsageAccessTokenError);
  return error as UsageAccessTokenError;
}

describe("createAccessTokenVerifier", () => {
  it("accepts a signed-in user's session and returns its claims as they are", async () => {
    const claims = await verifier.verifyAuthorization(`Bearer ${await sign()}`);
    expect(claims).toMatchObject({
      sub: USER_ID,
      role: "authenticated",
      email: "ada@example.com",
      app_metadata: { provider: "email" },
    });
    expect(await verifier.verify(await sign())).toMatchObject({ sub: USER_ID });
    // Any case of "Bearer", surrounding blanks tolerated.
    expect(await verifier.verifyAuthorization(`bearer ${await sign()}  `)).toMatchObject({ sub: USER_ID });
  });

  it.each<[string, string | null | undefined]>([
    ["no header", undefined],
    ["null", null],
    ["another scheme", "Basic dXNlcjpwYXNz"],
    ["Bearer without a token", "Bearer "],
  ])("refuses %s as missing_token", async (_, header) => {
    const error = await verifier.verifyAuthorization(header).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: "UsageAccessTokenError", context: { reason: "missing_token" } });
  });

  it.each<[string, () => Promise<string>, AccessTokenFailure, string | undefined, RegExp]>([
    ["garbage", async () => "not.a.jwt", "malformed", undefined, /not a readable JWT/],
    [
      "another secret",
      () => sign({}, { secret: "x".repeat(40) }),
      "signature_invalid",
      undefined,
      /signature/,
    ],
    ["HS512", () => sign({}, { alg: "HS512" }), "algorithm_not_allowed", undefined, /HS256/],
    [
      "an expired token",
      () => sign({ exp: Math.floor(Date.now() / 1000) - 60 }),
      "expired",
      "exp",
      /expired/,
    ],
    ["no exp", () => sign({ exp: undefined }), "claim_missing", "exp", /has no exp claim/],
    ["no sub", () => sign({ sub: undefined }), "claim_missing", "sub", /has no sub claim/],
    ["no aud", () => sign({ aud: undefined }), "claim_missing", "aud", /has no aud claim/],
    ["another aud", () => sign({ aud: "realtime" }), "claim_invalid", "aud", /aud claim is invalid/],
    ["no iss", () => sign({ iss: undefined }), "claim_missing", "iss", /has no iss claim/],
    ["another iss", () => sign({ iss: "https://other.supabase.co/auth/v1" }), "claim_invalid", "iss", /iss/],
    ["a sub that is no UUID", () => sign({ sub: "user_42" }), "claim_invalid", "sub", /must be a user id/],
    [
      "a non-boolean is_anonymous",
      () => sign({ is_anonymous: "true" }),
      "claim_invalid",
      "is_anonymous",
      /true or false/,
    ],
    ["the anon role", () => sign({ role: "anon" }), "role_not_allowed", "role", /role is "anon"/],
    ["the service_role", () => sign({ role: "service_role" }), "role_not_allowed", "role", /"service_role"/],
    ["no role", () => sign({ role: undefined }), "role_not_allowed", "role", /role is missing/],
    [
      "an anonymous sign-in",
      () => sign({ is_anonymous: true }),
      "anonymous_not_allowed",
      "is_anonymous",
      /anonymous/,
    ],
  ])("refuses %s: %s", async (_, token, reason, claim, message) => {
    const error = await refusal(await token());
    expect(error.context).toMatchObject({ reason, claim });
    expect(error.reason).toBe(reason);
    expect(error.message).toMatch(message);
    expect(error.retryable).toBe(false);
    expect(error).toBeInstanceOf(UsageError);
  });

  it("keeps the role it refused and jose's own words, never the token", async () => {
    const token = await sign({ role: "service_role" });
    const role = await refusal(token);
    expect(role.context.role).toBe("service_role");
    expect(JSON.stringify({ ...role, message: role.message })).not.toContain(token);
    const missing = await refusal(await sign({ sub: undefined }));
    expect(missing.context.detail).toBe('missing required "sub" claim');
  });

  it("checks the issuer only when given one, and accepts any of several", async () => {
    const anyIssuer = createAccessTokenVerifier({ secret: SECRET });
    expect(await anyIssuer.verify(await sign({ iss: "https://other.example/auth/v1" }))).toBeDefined();
    const several = createAccessTokenVerifier({ secret: SECRET, issuer: ["https://a.example", ISSUER] });
    expect(await several.verify(await sign())).toBeDefined();
  });

  it("takes another audience and, when allowed, anonymous sign-ins", async () => {
    const configured = createAccessTokenVerifier({
      secret: SECRET,
      audience: "app-users",
      allowAnonymous: true,
    });
    expect(await configured.verify(await sign({ aud: "app-users", is_anonymous: true }))).toMatchObject({
      is_anonymous: true,
    });
    expect((await refusal(await sign(), configured)).context).toMatchObject({
      reason: "claim_invalid",
      claim: "aud",
    });
  });

  it("refuses a secret shorter than 32 bytes when it is made, not at the first request", () => {
    const make = (secret: string) => () => createAccessTokenVerifier({ secret });
    expect(make("too-short")).toThrow(UsageValidationError);
    expect(make("too-short")).toThrow(
      "createAccessTokenVerifier.secret: must be at least 32 bytes for HS256, got 9: use the project's JWT secret",
    );
    expect(make("x".repeat(31))).toThrow(/got 31/);
    expect(make("x".repeat(32))).not.toThrow();
    // Bytes, not characters: 16 two-byte characters are 32 bytes.
    expect(make("é".repeat(16))).not.toThrow();
    expect(make("é".repeat(15))).toThrow(/got 30/);
  });

  it("refuses a blank audience or an empty issuer list", () => {
    expect(() => createAccessTokenVerifier({ secret: SECRET, audience: " " })).toThrow(
      /audience: must not be blank/,
    );
    expect(() => createAccessTokenVerifier({ secret: SECRET, issuer: [] })).toThrow(/issuer/);
  });
});
