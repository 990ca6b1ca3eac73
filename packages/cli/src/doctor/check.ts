import type pg from "pg";

export type CheckStatus = "ok" | "info" | "warn" | "fail";

export interface CheckResult {
  /** What was checked, e.g. "row level security". */
  name: string;
  status: CheckStatus;
  /** One line: what was found, and for warn/fail what to do. */
  detail: string;
}

export interface DoctorContext {
  client: pg.Client;
  /** The migrations shipped with this package. */
  migrationsDir: string;
  databaseUrl: string;
}

export type Check = (context: DoctorContext) => Promise<CheckResult>;

/** First rows of a list, with a count of the rest, for a one-line detail. */
export function listSome(items: string[], limit = 5): string {
  const shown = items.slice(0, limit).join(", ");
  return items.length > limit ? `${shown} and ${items.length - limit} more` : shown;
}
