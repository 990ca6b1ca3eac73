import { randomUUID } from "node:crypto";

/**
 * Everyone who can reach the database, in the order the matrices list them. The first seven come
 * through PostgREST (a role and JWT claims per request); `owner` is a direct connection as the role
 * that owns the schema (here the superuser), with no role set.
 */
export const CALLER_NAMES = [
  "anon",
  "userA",
  "userB",
  "adminByJwt",
  "adminByRole",
  "userMetadataAdmin",
  "serviceRole",
  "owner",
] as const;
export type CallerName = (typeof CALLER_NAMES)[number];

export interface Caller {
  /** For messages: a CallerName, or a role of a test's own. */
  name: string;
  /** The role PostgREST switches to (anon, authenticated, service_role or the JWT's custom role); null = stay the connecting role (the owner). */
  role: string | null;
  /** request.jwt.claims as PostgREST sets them from a JWT whose signature it has verified. */
  claims: Record<string, unknown> | null;
  /** auth.uid() for this caller, when it has one. */
  userId: string | null;
}

/** The user ids behind the signed-in callers, fresh per test file so shared databases stay apart. */
export interface UserIds {
  userA: string;
  userB: string;
  adminByJwt: string;
  adminByRole: string;
  userMetadataAdmin: string;
}

export function newUserIds(): UserIds {
  return {
    userA: randomUUID(),
    userB: randomUUID(),
    adminByJwt: randomUUID(),
    adminByRole: randomUUID(),
    userMetadataAdmin: randomUUID(),
  };
}

/** Claims of a Supabase access token for a signed-in user (shape of GoTrue's JWTs). */
export function userClaims(
  userId: string,
  metadata: { app?: Record<string, unknown>; user?: Record<string, unknown> } = {},
): Record<string, unknown> {
  return {
    sub: userId,
    role: "authenticated",
    aud: "authenticated",
    email: `${userId}@example.test`,
    app_metadata: { provider: "email", providers: ["email"], ...metadata.app },
    user_metadata: { ...metadata.user },
  };
}

function signedIn(name: string, userId: string, claims: Record<string, unknown>): Caller {
  return { name, role: "authenticated", claims, userId };
}

export function makeCallers(ids: UserIds): Record<CallerName, Caller> {
  return {
    anon: { name: "anon", role: "anon", claims: { role: "anon", iss: "supabase" }, userId: null },
    userA: signedIn("userA", ids.userA, userClaims(ids.userA)),
    userB: signedIn("userB", ids.userB, userClaims(ids.userB)),
    // app_metadata is written only by the server (Supabase admin API) and signed into the JWT.
    adminByJwt: signedIn(
      "adminByJwt",
      ids.adminByJwt,
      userClaims(ids.adminByJwt, { app: { role: "admin" } }),
    ),
    // An ordinary JWT; the admin right comes from a user_roles row (see the fixtures).
    adminByRole: signedIn("adminByRole", ids.adminByRole, userClaims(ids.adminByRole)),
    // user_metadata is editable by the user (supabase.auth.updateUser): it must grant nothing.
    userMetadataAdmin: signedIn(
      "userMetadataAdmin",
      ids.userMetadataAdmin,
      userClaims(ids.userMetadataAdmin, { user: { role: "admin", app_metadata: { role: "admin" } } }),
    ),
    serviceRole: {
      name: "serviceRole",
      role: "service_role",
      claims: { role: "service_role", iss: "supabase" },
      userId: null,
    },
    owner: { name: "owner", role: null, claims: null, userId: null },
  };
}
