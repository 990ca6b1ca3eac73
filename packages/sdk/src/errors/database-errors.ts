import { UsageError } from "./usage-error.js";

export interface DatabaseErrorContext {
  /** The database function that was called, e.g. `get_ai_usage_dashboard`. */
  functionName: string;
  /** SQLSTATE (e.g. `22023`), or PostgREST's own code (`PGRST...`) when it answered for the database. */
  code: string | undefined;
  /** HTTP status when the call went through PostgREST (supabase-js); undefined for direct SQL. */
  status: number | undefined;
  details: string | undefined;
  hint: string | undefined;
}

/** The database refused the call with SQLSTATE 42501 (insufficient privilege / not an admin). */
export class UsagePermissionError extends UsageError<DatabaseErrorContext> {
  override readonly name = "UsagePermissionError" as const;
  readonly code = "42501" as const;
}

/** Any other error the database (or PostgREST in front of it) returned; `.code` keeps its SQLSTATE. */
export class UsageDatabaseError extends UsageError<DatabaseErrorContext> {
  override readonly name = "UsageDatabaseError" as const;

  get code(): string | undefined {
    return this.context.code;
  }

  get status(): number | undefined {
    return this.context.status;
  }
}

export interface ConnectionErrorContext {
  functionName: string;
  /** The driver's error code when it gave one (e.g. `ECONNREFUSED`). */
  code: string | undefined;
}

/** The database could not be reached, or the connection broke mid-call. Always retryable. */
export class UsageConnectionError extends UsageError<ConnectionErrorContext> {
  override readonly name = "UsageConnectionError" as const;
}
