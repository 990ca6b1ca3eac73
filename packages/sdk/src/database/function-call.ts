/**
 * A call of one of the contract's database functions (docs/database-api.md), described once and
 * executed by any transport: named arguments (as PostgREST passes them) with their SQL types (so
 * SQL transports can cast explicitly), and whether the function returns one value or rows.
 */
export type SqlType =
  | "integer"
  | "bigint"
  | "numeric"
  | "boolean"
  | "uuid"
  | "text"
  | "timestamptz"
  | "jsonb"
  | "integer[]";

export interface FunctionArgument {
  /** Parameter name including its `p_` prefix. */
  name: string;
  /** `undefined` leaves the argument out, so the function's own default applies. */
  value: unknown;
  type: SqlType;
}

export interface DatabaseFunctionCall {
  /** Function name in schema `public`. */
  name: string;
  args: FunctionArgument[];
  /** `value` for a scalar result (jsonb, integer, text); `rows` for RETURNS TABLE. */
  returns: "value" | "rows";
}

/**
 * What every transport (pg, Prisma, supabase-js) implements. It throws only `UsageError`s: a
 * permission error becomes `UsagePermissionError`, an unreachable database `UsageConnectionError`,
 * anything else `UsageDatabaseError` with its SQLSTATE.
 */
export interface UsageTransport {
  /** Short name used in messages: 'pg', 'prisma', 'supabase'. */
  readonly kind: string;
  /** Runs the call; resolves to the scalar value or the array of row objects. */
  call(call: DatabaseFunctionCall): Promise<unknown>;
}

/** Drops arguments left undefined, so the database default applies. */
export function presentArguments(call: DatabaseFunctionCall): FunctionArgument[] {
  return call.args.filter((argument) => argument.value !== undefined);
}
