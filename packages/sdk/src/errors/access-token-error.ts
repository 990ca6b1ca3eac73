import { UsageError } from "./usage-error.js";

/** Why an access token was refused; each app turns these into its own HTTP status and wording. */
export type AccessTokenFailure =
  /** No `Authorization: Bearer <token>` header. */
  | "missing_token"
  /** Not a JWT at all, or one whose header or claims cannot be read. */
  | "malformed"
  /** Signed with something other than HS256 (`alg: none` included). */
  | "algorithm_not_allowed"
  /** The signature does not verify with the project's secret (forged, or another project's token). */
  | "signature_invalid"
  /** `exp` is in the past. */
  | "expired"
  /** A required claim (`sub`, `exp`, `aud`, `iss`) is absent; see `claim`. */
  | "claim_missing"
  /** A claim has the wrong value or type (`aud`, `iss`, `nbf`, `sub` not a UUID, ...); see `claim`. */
  | "claim_invalid"
  /** `role` is not `authenticated`: the anon or service_role key, or another role. */
  | "role_not_allowed"
  /** A Supabase anonymous sign-in (`is_anonymous: true`) where they are not accepted. */
  | "anonymous_not_allowed";

export interface AccessTokenErrorContext {
  reason: AccessTokenFailure;
  /** The claim at fault, for claim failures (`aud`, `iss`, `sub`, `exp`, `role`, `is_anonymous`, ...). */
  claim: string | undefined;
  /** The token's `role` when it is text (reason `role_not_allowed`); undefined when it has none. */
  role: string | undefined;
  /** The JWT library's own words when it refused the token (`missing required "sub" claim`). */
  detail: string | undefined;
}

/**
 * A Supabase access token that does not prove a signed-in user of this project. Thrown by the
 * verifier of `@org/ai-usage-sdk/auth`; never retryable, and the token itself is never in it.
 */
export class UsageAccessTokenError extends UsageError<AccessTokenErrorContext> {
  override readonly name = "UsageAccessTokenError" as const;

  get reason(): AccessTokenFailure {
    return this.context.reason;
  }
}
