import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { LOCAL_ADMIN, signLocalSessionToken } from "../local/session-token.js";
import {
  AuthenticationError,
  assertUsableJwtSecret,
  createTokenVerifier,
  SessionRefusedError,
} from "./auth.js";

const SECRET = "a-project-jwt-secret-of-at-least-32-characters";
const ISSUER = "https://abcdefghij.supabase.co/auth/v1";
const verifier = createTokenVerifier({ jwtSecret: SECRET, audience: "authenticated", issuer: ISSUER });

function sign(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT({
    role: "authenticated",
    aud: "authenticated",
    iss: ISSUER,
    sub: LOCAL_ADMIN.userId,
    ...claims,
  })
    .setProtectedHeader({ alg: "HS256" })
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(SECRET));
}

const refusal = async (token: string) =>
  verifier.verify(`Bearer ${token}`).then(
    () => undefined,
    (error: unknown) => error,
  );

describe("session tokens", () => {
  it("accepts the local admin's session and hands its claims on", async () => {
    const token = await signLocalSessionToken(SECRET, { ...LOCAL_ADMIN, admin: true, issuer: ISSUER });
    expect(await verifier.verify(`Bearer ${token}`)).toMatchObject({
      sub: LOCAL_ADMIN.userId,
      app_metadata: { role: "admin" },
    });
  });

  it("refuses in the dashboard's words: 401 AuthenticationError, 403 for an anonymous sign-in", async () => {
    const cases: [string, Promise<unknown>, string][] = [
      [
        "no header",
        verifier.verify(undefined).catch((error) => error),
        "missing Authorization: Bearer <access token>",
      ],
      [
        "another role",
        refusal(await sign({ role: "service_role" })),
        "the token must be a signed-in user's session (role authenticated)",
      ],
      ["sub", refusal(await sign({ sub: "user_42" })), "the token's sub claim must be a user id (UUID)"],
      [
        "is_anonymous",
        refusal(await sign({ is_anonymous: "yes" })),
        "the token's is_anonymous claim must be true or false",
      ],
      [
        "aud",
        refusal(await sign({ aud: "realtime" })),
        'the token\'s aud claim must be "authenticated" (a user session of this project)',
      ],
      [
        "iss",
        refusal(await sign({ iss: undefined })),
        `the token's iss claim must be "${ISSUER}" (this project's Auth server)`,
      ],
      ["garbage", refusal("not.a.jwt"), "invalid token: JWS Protected Header is invalid"],
      ["no sub", refusal(await sign({ sub: undefined })), 'invalid token: missing required "sub" claim'],
    ];
    for (const [name, outcome, message] of cases) {
      const error = await outcome;
      expect(error, name).toBeInstanceOf(AuthenticationError);
      expect((error as Error).message, name).toBe(message);
    }
    const anonymous = await refusal(await sign({ is_anonymous: true }));
    expect(anonymous).toBeInstanceOf(SessionRefusedError);
    expect(anonymous).toMatchObject({ code: "anonymous_not_allowed" });
  });

  it("will not start with a secret shorter than 32 bytes, and says which setting", () => {
    expect(() => assertUsableJwtSecret("too-short")).toThrow(
      "the JWT secret (SUPABASE_JWT_SECRET) must be at least 32 bytes for HS256, got 9",
    );
    expect(() => createTokenVerifier({ jwtSecret: "x".repeat(31), audience: "authenticated" })).toThrow(
      /got 31/,
    );
    expect(() => assertUsableJwtSecret(SECRET)).not.toThrow();
  });
});
