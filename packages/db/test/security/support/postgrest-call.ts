import pg from "pg";
import type { Caller } from "./callers.js";

export type CallResult =
  | { ok: true; rows: Record<string, unknown>[]; rowCount: number }
  | { ok: false; code: string; message: string };

export interface CallOptions {
  /** PostgREST runs GET requests and STABLE/IMMUTABLE functions in a READ ONLY transaction. */
  readOnly?: boolean;
  /** COMMIT instead of ROLLBACK (fixtures); matrix cells always roll back. */
  commit?: boolean;
  /**
   * SQL run as the connecting role before PostgREST's set_config, in the same transaction: state
   * the request should see (e.g. self-logging switched on) without committing it for other tests.
   */
  prelude?: string;
  /**
   * A second statement in the same transaction, as the same caller, whose rows become the result;
   * $1 is the first statement's scalar result. Rows a function wrote are invisible to the statement
   * that called it (one snapshot), so reading them back takes a statement of its own.
   */
  readBack?: string;
}

/**
 * One request the way PostgREST makes it: one transaction, `set_config('role', ..., true)` and
 * `set_config('request.jwt.claims', ..., true)`, then the statement (a function call with named
 * arguments, or table access). The owner has no role set. SQL errors come back as their SQLSTATE.
 */
export async function callAs(
  client: pg.ClientBase,
  caller: Caller,
  sql: string,
  params: unknown[] = [],
  options: CallOptions = {},
): Promise<CallResult> {
  await client.query(options.readOnly ? "BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY" : "BEGIN");
  try {
    if (options.prelude) await client.query(options.prelude);
    if (caller.role !== null) {
      await client.query("select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)", [
        caller.role,
        JSON.stringify(caller.claims),
      ]);
    }
    let result = await client.query(sql, params);
    if (options.readBack) {
      result = await client.query(options.readBack, [Object.values(result.rows[0] ?? {})[0] ?? null]);
    }
    await client.query(options.commit ? "COMMIT" : "ROLLBACK");
    return { ok: true, rows: result.rows, rowCount: result.rowCount ?? 0 };
  } catch (error) {
    await client.query("ROLLBACK");
    if (error instanceof pg.DatabaseError && error.code) {
      return { ok: false, code: error.code, message: error.message };
    }
    throw error;
  }
}

/** The first column of the first row: what a scalar function call returned. */
export function scalar(result: CallResult): unknown {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  const row = result.rows[0];
  return row === undefined ? undefined : Object.values(row)[0];
}

/** The SQLSTATE of a failed call, or "ok". */
export function codeOf(result: CallResult): string {
  return result.ok ? "ok" : result.code;
}
