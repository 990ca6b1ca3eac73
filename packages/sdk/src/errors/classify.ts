import { UsageConnectionError, UsageDatabaseError, UsagePermissionError } from "./database-errors.js";
import type { UsageError } from "./usage-error.js";

/**
 * The retry policy's rules, in one place. Transient: connection exceptions (class 08),
 * serialization failure (40001), deadlock (40P01), insufficient resources (class 53) and
 * operator intervention such as a server shutdown (57P01..57P05).
 */
export function isTransientSqlState(code: string | undefined): boolean {
  if (code === undefined) return false;
  return /^(08...|40001|40P01|53...|57P0.)$/.test(code);
}

/** SQLSTATE classes that mean "this call is wrong", whatever the HTTP status around it says. */
function isPermanentSqlState(code: string): boolean {
  return /^(22|23|42|P0|2F|39)/.test(code);
}

export interface RawDatabaseFailure {
  functionName: string;
  /** SQLSTATE, PostgREST code, or a driver code such as ECONNREFUSED. Empty string counts as none. */
  code?: string | undefined;
  message: string;
  /** HTTP status when a PostgREST-like endpoint answered; 0 when the request never got an answer. */
  status?: number | undefined;
  details?: string | undefined;
  hint?: string | undefined;
  cause?: unknown;
  /** The transport knows the connection failed (socket error, pool could not connect, ...). */
  connectionFailed?: boolean;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** Turns what a transport saw into the SDK's typed error, deciding `retryable` by the rules above. */
export function databaseErrorFrom(failure: RawDatabaseFailure): UsageError {
  const code = failure.code === "" ? undefined : failure.code;
  const sqlState = code !== undefined && SQLSTATE.test(code) ? code : undefined;
  if (failure.connectionFailed || failure.status === 0) {
    return new UsageConnectionError(`${failure.functionName}: ${failure.message}`, {
      retryable: true,
      context: { functionName: failure.functionName, code },
      cause: failure.cause,
    });
  }
  const context = {
    functionName: failure.functionName,
    code,
    status: failure.status,
    details: failure.details ?? undefined,
    hint: failure.hint ?? undefined,
  };
  const message = `${failure.functionName}: ${failure.message}`;
  if (sqlState === "42501") {
    return new UsagePermissionError(message, { retryable: false, context, cause: failure.cause });
  }
  const status = failure.status;
  const httpTransient =
    status !== undefined &&
    (status >= 500 || status === 429) &&
    !(sqlState !== undefined && isPermanentSqlState(sqlState));
  return new UsageDatabaseError(message, {
    retryable: isTransientSqlState(sqlState) || httpTransient,
    context,
    cause: failure.cause,
  });
}
