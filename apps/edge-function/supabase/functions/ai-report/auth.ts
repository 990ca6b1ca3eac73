import { createAccessTokenVerifier, UsageAccessTokenError } from "@org/ai-usage-sdk/auth";
import { type Caller, callerFromClaims } from "./caller-claims.ts";
import { HttpError } from "./http.ts";

export type { Caller } from "./caller-claims.ts";

export type VerifyToken = (authorization: string | null) => Promise<Caller>;

export interface TokenSettings {
  /** The project's JWT secret (HS256, at least 32 bytes). */
  secret: string;
  /** Required `aud`: Supabase puts "authenticated" in user access tokens. */
  audience: string;
  /** Accepted `iss` values (`<SUPABASE_URL>/auth/v1`); undefined = not checked. */
  issuers: string[] | undefined;
  /** Supabase anonymous sign-ins (`is_anonymous: true`) are refused unless this is set. */
  allowAnonymous: boolean;
}

/**
 * Verifies a Supabase access token with the SDK's verifier (shared with the dashboard): HS256 with
 * the project's JWT secret, locally, no network round trip per request. Only a signed-in user may
 * call: the anon and service_role keys are project keys, not people, and an anonymous sign-in is
 * anyone who asked for a session. Projects on asymmetric signing keys verify against the JWKS
 * instead (README).
 */
export function createTokenVerifier(settings: TokenSettings): VerifyToken {
  const verifier = createAccessTokenVerifier({
    secret: settings.secret,
    audience: settings.audience,
    issuer: settings.issuers,
    allowAnonymous: settings.allowAnonymous,
  });
  return async (authorization) => {
    try {
      return callerFromClaims(await verifier.verifyAuthorization(authorization));
    } catch (error) {
      throw error instanceof UsageAccessTokenError ? httpErrorOf(error) : error;
    }
  };
}

// Says what is wrong without echoing the token or why a signature failed in detail.
function httpErrorOf(error: UsageAccessTokenError): HttpError {
  switch (error.reason) {
    case "missing_token":
      return new HttpError(401, "missing_token", "Authorization: Bearer <Supabase access token> is required");
    case "role_not_allowed": {
      const role = error.context.role === undefined ? "missing" : `"${error.context.role}"`;
      return new HttpError(
        403,
        "role_not_allowed",
        `the access token's role is ${role}; only signed-in users (role "authenticated") may call this function`,
      );
    }
    case "anonymous_not_allowed":
      return new HttpError(
        403,
        "anonymous_not_allowed",
        "anonymous sign-ins may not call this function; sign in with an account",
      );
    case "signature_invalid":
    case "malformed":
      return new HttpError(401, "invalid_token", "the access token is not valid for this project");
    default:
      // expired, algorithm_not_allowed, claim_missing, claim_invalid: the SDK's message names the claim.
      return new HttpError(401, "invalid_token", error.message);
  }
}
