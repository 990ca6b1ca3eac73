import { jwtVerify } from "jose";
import { UsageAccessTokenError } from "../errors/access-token-error.js";
import { type AccessTokenClaims, AccessTokenClaimsSchema } from "./access-token-claims.js";
import { type AccessTokenPolicyInput, parseAccessTokenPolicy } from "./access-token-policy.js";
import { bearerToken } from "./bearer-token.js";
import { accessTokenErrorFromJose } from "./jose-failure.js";

export interface AccessTokenVerifier {
  /** Verifies the token of an `Authorization: Bearer <token>` header value (null/undefined: absent). */
  verifyAuthorization(authorization: string | null | undefined): Promise<AccessTokenClaims>;
  /** Verifies a bare token. */
  verify(token: string): Promise<AccessTokenClaims>;
}

/**
 * Verifies Supabase access tokens locally with the project's JWT secret (HS256; no network round
 * trip per request), in this order: signature and algorithm, `exp` (required), `aud`, `iss` (when
 * configured), `sub` required; then `role` must be `authenticated` (the anon and service_role keys
 * are project keys, not people), `sub` a UUID, and an anonymous sign-in is refused unless allowed.
 * Every refusal is a `UsageAccessTokenError` with a `reason`. Throws `UsageValidationError` at once
 * for a bad policy, e.g. a secret shorter than 32 bytes. Projects on asymmetric signing keys verify
 * against their JWKS instead, which this does not do.
 */
export function createAccessTokenVerifier(policyInput: AccessTokenPolicyInput): AccessTokenVerifier {
  const policy = parseAccessTokenPolicy(policyInput);
  const key = new TextEncoder().encode(policy.secret);

  const verify = async (token: string): Promise<AccessTokenClaims> => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: ["HS256"],
        audience: policy.audience,
        ...(policy.issuer === undefined ? {} : { issuer: policy.issuer }),
        requiredClaims: ["sub", "exp"],
      }));
    } catch (error) {
      throw accessTokenErrorFromJose(error);
    }
    if (payload.role !== "authenticated") {
      const role = typeof payload.role === "string" ? payload.role : undefined;
      throw refusal(
        "role_not_allowed",
        `the access token's role is ${role === undefined ? "missing" : `"${role}"`}; only signed-in users ` +
          '(role "authenticated") are accepted',
        { claim: "role", role },
      );
    }
    const claims = AccessTokenClaimsSchema.safeParse(payload);
    if (!claims.success) {
      const issue = claims.error.issues[0];
      throw refusal("claim_invalid", issue?.message ?? "the access token's claims are invalid", {
        claim: issue?.path.map(String).join("."),
      });
    }
    if (claims.data.is_anonymous === true && !policy.allowAnonymous) {
      throw refusal(
        "anonymous_not_allowed",
        "the access token is an anonymous sign-in, which is not accepted",
        {
          claim: "is_anonymous",
        },
      );
    }
    return claims.data;
  };

  return {
    verify,
    async verifyAuthorization(authorization) {
      const token = bearerToken(authorization);
      if (token === undefined) {
        throw refusal("missing_token", "Authorization: Bearer <access token> is required", {});
      }
      return verify(token);
    },
  };
}

function refusal(
  reason: UsageAccessTokenError["reason"],
  message: string,
  context: { claim?: string | undefined; role?: string | undefined },
): UsageAccessTokenError {
  return new UsageAccessTokenError(message, {
    retryable: false,
    context: { reason, claim: context.claim, role: context.role, detail: undefined },
  });
}
