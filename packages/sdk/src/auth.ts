// @org/ai-usage-sdk/auth: verifies Supabase access tokens (HS256, the project's JWT secret), for
// servers and Edge Functions alike (no `node:` imports; jose and zod only).
export { type AccessTokenClaims, AccessTokenClaimsSchema } from "./auth/access-token-claims.js";
export { type AccessTokenPolicyInput, MIN_HS256_SECRET_BYTES } from "./auth/access-token-policy.js";
export { type AccessTokenVerifier, createAccessTokenVerifier } from "./auth/access-token-verifier.js";
export {
  type AccessTokenErrorContext,
  type AccessTokenFailure,
  UsageAccessTokenError,
} from "./errors/access-token-error.js";
