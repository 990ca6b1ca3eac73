import { errors } from "jose";
import { UsageAccessTokenError } from "../errors/access-token-error.js";

/** jose's refusal as the SDK's error: a reason to switch on, the claim at fault, jose's wording as detail. */
export function accessTokenErrorFromJose(thrown: unknown): UsageAccessTokenError {
  const detail = thrown instanceof errors.JOSEError ? thrown.message : undefined;
  const fail = (reason: UsageAccessTokenError["reason"], message: string, claim?: string) =>
    new UsageAccessTokenError(message, {
      retryable: false,
      context: { reason, claim, role: undefined, detail },
      cause: thrown,
    });
  // JWTExpired is a JWTClaimValidationFailed too: ask for it first.
  if (thrown instanceof errors.JWTExpired) return fail("expired", "the access token has expired", "exp");
  if (thrown instanceof errors.JWTClaimValidationFailed) {
    return thrown.reason === "missing"
      ? fail("claim_missing", `the access token has no ${thrown.claim} claim`, thrown.claim)
      : fail("claim_invalid", `the access token's ${thrown.claim} claim is invalid`, thrown.claim);
  }
  if (thrown instanceof errors.JOSEAlgNotAllowed) {
    return fail("algorithm_not_allowed", "the access token must be signed with HS256");
  }
  if (thrown instanceof errors.JWSSignatureVerificationFailed) {
    return fail(
      "signature_invalid",
      "the access token's signature does not verify with the project's secret",
    );
  }
  return fail("malformed", "the access token is not a readable JWT");
}
