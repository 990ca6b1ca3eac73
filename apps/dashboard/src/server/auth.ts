import { errors, jwtVerify } from "jose";
import { z } from "zod";

/**
 * The claims the dashboard needs from a session token: a user (`sub`) signed in as `authenticated`,
 * the way Supabase Auth issues access tokens. Everything else (`app_metadata`, `email`, ...) is kept
 * and handed to the database untouched, which decides from it whether the caller is an admin.
 */
export const SessionClaimsSchema = z.looseObject({
  sub: z.guid({ error: "the token's sub claim must be a user id (UUID)" }),
  // The anon and service_role keys carry a role too, but they are project keys, not a person.
  role: z.literal("authenticated", {
    error: "the token must be a signed-in user's session (role authenticated)",
  }),
  exp: z.number(),
  is_anonymous: z.boolean({ error: "the token's is_anonymous claim must be true or false" }).optional(),
});
export type SessionClaims = z.infer<typeof SessionClaimsSchema>;

/** The request carries no usable session token: HTTP 401. */
export class AuthenticationError extends Error {
  override readonly name = "AuthenticationError";
}

/** A valid session that may still not use the dashboard (an anonymous sign-in): HTTP 403. */
export class SessionRefusedError extends Error {
  override readonly name = "SessionRefusedError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a session token must say besides its signature and expiry. */
export interface TokenPolicy {
  /** The secret the tokens are signed with (HS256; Supabase: the project's legacy JWT secret). */
  jwtSecret: string;
  /** Required `aud`. Supabase Auth signs user sessions for "authenticated". */
  audience: string;
  /** Required `iss` (Supabase Auth: `<project URL>/auth/v1`); unchecked when not given. */
  issuer?: string | undefined;
}

export interface TokenVerifier {
  verify(authorization: string | undefined): Promise<SessionClaims>;
}

/**
 * Verifies `Authorization: Bearer <jwt>`. Tokens without an expiry are refused (a session always has
 * one); so are tokens minted for another audience or by another issuer that shares the secret, and
 * Supabase anonymous sign-ins, which anyone can get by asking.
 */
export function createTokenVerifier(policy: TokenPolicy): TokenVerifier {
  const key = new TextEncoder().encode(policy.jwtSecret);
  return {
    async verify(authorization) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
      if (!token) throw new AuthenticationError("missing Authorization: Bearer <access token>");
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, key, {
          algorithms: ["HS256"],
          requiredClaims: ["sub", "exp"],
          audience: policy.audience,
          ...(policy.issuer === undefined ? {} : { issuer: policy.issuer }),
        }));
      } catch (error) {
        throw new AuthenticationError(describeJoseError(error, policy));
      }
      const claims = SessionClaimsSchema.safeParse(payload);
      if (!claims.success) throw new AuthenticationError(claims.error.issues[0]?.message ?? "invalid claims");
      if (claims.data.is_anonymous === true) {
        throw new SessionRefusedError(
          "anonymous_not_allowed",
          "anonymous sign-ins may not use the dashboard; sign in with an account",
        );
      }
      return claims.data;
    },
  };
}

function describeJoseError(error: unknown, policy: TokenPolicy): string {
  if (error instanceof errors.JWTExpired) return "the token has expired; sign in again";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token's signature is not valid";
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === "aud")
    return `the token's aud claim must be "${policy.audience}" (a user session of this project)`;
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === "iss")
    return `the token's iss claim must be "${policy.issuer}" (this project's Auth server)`;
  if (error instanceof errors.JOSEError) return `invalid token: ${error.message}`;
  return "invalid token";
}
