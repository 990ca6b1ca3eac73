import { errors, jwtVerify } from "jose";
import { type Caller, type CallerPolicy, callerFromClaims } from "./caller-claims.ts";
import { HttpError } from "./http.ts";

export type { Caller } from "./caller-claims.ts";

export type VerifyToken = (authorization: string | null) => Promise<Caller>;

export interface TokenSettings extends CallerPolicy {
  /** The project's JWT secret (HS256). */
  secret: string;
  /** Required `aud`: Supabase puts "authenticated" in user access tokens. */
  audience: string;
  /** Accepted `iss` values (`<SUPABASE_URL>/auth/v1`); undefined = not checked. */
  issuers: string[] | undefined;
}

/**
 * Verifies a Supabase access token locally with the project's JWT secret (HS256): no network round
 * trip per request. Projects on asymmetric signing keys verify against the JWKS instead (README).
 */
export function createTokenVerifier(settings: TokenSettings): VerifyToken {
  const key = new TextEncoder().encode(settings.secret);
  return async (authorization) => {
    const token = bearerToken(authorization);
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ["HS256"],
        audience: settings.audience,
        issuer: settings.issuers,
        requiredClaims: ["sub", "exp"],
      }));
    } catch (error) {
      throw new HttpError(401, "invalid_token", describeJwtFailure(error));
    }
    return callerFromClaims(payload, settings);
  };
}

function bearerToken(authorization: string | null): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match?.[1]) {
    throw new HttpError(401, "missing_token", "Authorization: Bearer <Supabase access token> is required");
  }
  return match[1];
}

// Says what is wrong without echoing the token or why a signature failed in detail.
function describeJwtFailure(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "the access token has expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.reason === "missing"
      ? `the access token has no ${error.claim} claim`
      : `the access token's ${error.claim} claim is invalid`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return "the access token must be signed with HS256";
  return "the access token is not valid for this project";
}
