/** Who a SQL transport's calls run as, PostgREST-style (the connecting role must be a member of `role`). */
export interface PostgrestIdentity {
  role: "anon" | "authenticated" | "service_role";
  /** The JWT claims (`sub`, `role`, `app_metadata`, ...), visible to SQL as `auth.jwt()` / `auth.uid()`. */
  claims: Record<string, unknown>;
}

/**
 * What PostgREST runs first in each request's transaction; `true` = local to the transaction, so
 * a pooled connection never keeps the role.
 */
export const SET_IDENTITY_SQL =
  "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)";

export function identityValues(identity: PostgrestIdentity): [string, string] {
  return [identity.role, JSON.stringify(identity.claims)];
}
