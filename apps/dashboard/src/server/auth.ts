import { UsageValidationError } from "@org/ai-usage-sdk";
import {
  type AccessTokenClaims,
  type AccessTokenVerifier,
  createAccessTokenVerifier,
  UsageAccessTokenError,
} from "@org/ai-usage-sdk/auth";

/**
 * The claims the dashboard needs from a session token: a user (`sub`) signed in as `authenticated`,
 * the way Supabase Auth issues access tokens. Everything else (`app_metadata`, `email`, ...) is kept
 * and handed to the database untouched, which decides from it whether the caller is an admin.
 */
export type SessionClaims = AccessTokenClaims;

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
  /** The secret the tokens are signed with (HS256, at least 32 bytes; Supabase: the project's legacy JWT secret). */
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
 * Verifies `Authorization: Bearer <jwt>` with the SDK's verifier (shared with the edge function).
 * Tokens without an expiry are refused (a session always has one); so are tokens minted for another
 * audience or by another issuer that shares the secret, and Supabase anonymous sign-ins, which
 * anyone can get by asking. A secret shorter than 32 bytes stops the server from starting.
 */
export function createTokenVerifier(policy: TokenPolicy): TokenVerifier {
  const verifier = sessionVerifier(policy);
  return {
    async verify(authorization) {
      try {
        return await verifier.verifyAuthorization(authorization);
      } catch (error) {
        throw error instanceof UsageAccessTokenError ? dashboardRefusal(error, policy) : error;
      }
    },
  };
}

/**
 * Throws at once when the secret could not verify anything safely (shorter than 32 bytes), so
 * `pnpm dashboard` stops before it migrates, seeds or serves.
 */
export function assertUsableJwtSecret(jwtSecret: string): void {
  sessionVerifier({ jwtSecret, audience: "authenticated" });
}

function sessionVerifier(policy: TokenPolicy): AccessTokenVerifier {
  try {
    return createAccessTokenVerifier({
      secret: policy.jwtSecret,
      audience: policy.audience,
      issuer: policy.issuer,
      allowAnonymous: false,
    });
  } catch (error) {
    if (error instanceof UsageValidationError && error.field === "secret") {
      throw new Error(`the JWT secret (SUPABASE_JWT_SECRET) ${error.context.issues[0]?.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** The dashboard's own wording and status (401, or 403 for an anonymous sign-in) for each refusal. */
function dashboardRefusal(error: UsageAccessTokenError, policy: TokenPolicy): Error {
  const { reason, claim, detail } = error.context;
  switch (reason) {
    case "missing_token":
      return new AuthenticationError("missing Authorization: Bearer <access token>");
    case "anonymous_not_allowed":
      return new SessionRefusedError(
        "anonymous_not_allowed",
        "anonymous sign-ins may not use the dashboard; sign in with an account",
      );
    case "role_not_allowed":
      // The anon and service_role keys carry a role too, but they are project keys, not a person.
      return new AuthenticationError("the token must be a signed-in user's session (role authenticated)");
    case "expired":
      return new AuthenticationError("the token has expired; sign in again");
    case "signature_invalid":
      return new AuthenticationError("the token's signature is not valid");
  }
  if (claim === "aud")
    return new AuthenticationError(
      `the token's aud claim must be "${policy.audience}" (a user session of this project)`,
    );
  if (claim === "iss")
    return new AuthenticationError(
      `the token's iss claim must be "${policy.issuer}" (this project's Auth server)`,
    );
  if (reason === "claim_invalid" && claim === "sub")
    return new AuthenticationError("the token's sub claim must be a user id (UUID)");
  if (reason === "claim_invalid" && claim === "is_anonymous")
    return new AuthenticationError("the token's is_anonymous claim must be true or false");
  return new AuthenticationError(detail === undefined ? "invalid token" : `invalid token: ${detail}`);
}
