import type { CallerName } from "./callers.js";
import type { CallResult } from "./postgrest-call.js";

/** SQLSTATEs a matrix cell may expect. 42501 = not allowed (PostgREST: 403, or 401 without a JWT). */
export type SqlState = "42501" | "0A000" | "23505" | "55000";

/**
 * One cell of a matrix: "ok" (succeeded), the SQLSTATE it must fail with, or the exact value it must
 * return: for tables the number of rows seen or changed, for functions what the case's `pick` reads.
 */
export type Outcome = "ok" | SqlState | number | boolean;

export type Expectations = Record<CallerName, Outcome>;

/** A matrix row, one outcome per caller in CALLER_NAMES order (the column order of every matrix). */
export function row(
  anon: Outcome,
  userA: Outcome,
  userB: Outcome,
  adminByJwt: Outcome,
  adminByRole: Outcome,
  userMetadataAdmin: Outcome,
  serviceRole: Outcome,
  owner: Outcome,
): Expectations {
  return { anon, userA, userB, adminByJwt, adminByRole, userMetadataAdmin, serviceRole, owner };
}

/** Nobody but the owner: internal helpers that only run inside the SECURITY DEFINER functions. */
export const OWNER_ONLY = row("42501", "42501", "42501", "42501", "42501", "42501", "42501", "ok");

/**
 * What a call did, in the terms of the expected cell, so a whole row compares with one toEqual and a
 * failure shows every caller's actual outcome: a failure is its SQLSTATE; a success is "ok", or the
 * picked value when the cell expects a value.
 */
export function observe(
  result: CallResult,
  expected: Outcome,
  pick: (result: CallResult) => unknown,
): unknown {
  if (!result.ok) return result.code;
  return typeof expected === "number" || typeof expected === "boolean" ? pick(result) : "ok";
}
