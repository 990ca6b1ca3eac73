import { errors, jwtVerify } from "jose";
import { z } from "zod";

/**
 * The claims the dashboard needs from a session token: a user (`sub`) signed in as `authenticated`,
 * the way Supabase Auth issues access tokens. Everything else (`app_metadata`, `email`, ...) is kept
 * and handed to the database untouched, which decides from it whether the caller is an admin.
 */
export const SessionClaimsSchema = z.looseObject({
  sub: z.guid({ error: "the token's sub claim must be a user id (UUID)" }),
  role: z.literal("authenticated", {
    error: "the token must be a signed-in user's session (role authenticated)",
  }),
  exp: z.number(),
});
export type SessionClaims = z.infer<typeof SessionClaimsSchema>;

/** The request carries no usable session token: HTTP 401. */
export class AuthenticationError extends Error {
  override readonly name = "AuthenticationError";
}

export interface TokenVerifier {
  verify(authorization: string | undefined): Promise<SessionClaims>;
}

/**
 * Verifies `Authorization: Bearer <jwt>` signed with the project's JWT secret (HS256, as Supabase's
 * legacy JWT secret signs access tokens). Tokens without an expiry are refused: a session always has one.
 */
export function createTokenVerifier(jwtSecret: string): TokenVerifier {
  const key = new TextEncoder().encode(jwtSecret);
  return {
    async verify(authorization) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
      if (!token) throw new AuthenticationError("missing Authorization: Bearer <access token>");
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, key, {
          algorithms: ["HS256"],
          requiredClaims: ["sub", "exp"],
        }));
      } catch (error) {
        throw new AuthenticationError(describeJoseError(error));
      }
      const claims = SessionClaimsSchema.safeParse(payload);
      if (!claims.success) throw new AuthenticationError(claims.error.issues[0]?.message ?? "invalid claims");
      return claims.data;
    },
  };
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "the token has expired; sign in again";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "the token's signature is not valid";
  if (error instanceof errors.JOSEError) return `invalid token: ${error.message}`;
  return "invalid token";
}
