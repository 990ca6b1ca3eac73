import { errors, jwtVerify } from "jose";
import { z } from "zod";
import { HttpError } from "./http.ts";

/**
 * The claims this function relies on. `sub` is the Supabase user id everything is charged to.
 * `app_metadata` is not user-editable, `user_metadata` is; neither decides anything here: the caller
 * is always charged as themselves, whatever customer they act for.
 */
export const CallerClaimsSchema = z.looseObject({
  sub: z.guid({ error: "sub must be a user id (UUID)" }),
  email: z.string().optional(),
  role: z.string().optional(),
});

export interface Caller {
  userId: string;
  email: string | undefined;
}

export type VerifyToken = (authorization: string | null) => Promise<Caller>;

/**
 * Verifies a Supabase access token locally with the project's JWT secret (HS256): no network round
 * trip per request. Projects on asymmetric signing keys verify against the JWKS instead (README).
 */
export function createTokenVerifier(jwtSecret: string): VerifyToken {
  const key = new TextEncoder().encode(jwtSecret);
  return async (authorization) => {
    const token = bearerToken(authorization);
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, key, { algorithms: ["HS256"], requiredClaims: ["sub", "exp"] }));
    } catch (error) {
      throw new HttpError(401, "invalid_token", describeJwtFailure(error));
    }
    const claims = CallerClaimsSchema.safeParse(payload);
    if (!claims.success) {
      throw new HttpError(401, "invalid_token", claims.error.issues[0]?.message ?? "invalid claims");
    }
    return { userId: claims.data.sub, email: claims.data.email };
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
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the access token's ${error.claim} claim is invalid`;
  if (error instanceof errors.JOSEAlgNotAllowed) return "the access token must be signed with HS256";
  return "the access token is not valid for this project";
}
