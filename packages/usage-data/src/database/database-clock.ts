import type pg from "pg";
import { startOfUtcDay } from "../generate/generation-options.js";

/**
 * The database's now(). Datasets end by the database's clock rather than this machine's: the ingest
 * refuses rows more than an hour ahead of the database's now(), and the reports count "today" by
 * it, so a client clock that is off would write refused rows or a demo whose last days fall outside
 * the report. The demo ends here, so its "today" holds the usage of the day so far.
 */
export async function databaseNow(pool: pg.Pool): Promise<Date> {
  const result = await pool.query<{ now: Date }>("select now() as now");
  return result.rows[0]!.now;
}

/**
 * Midnight UTC of the database's current day: where whole-day datasets end (the bench, `pnpm seed`),
 * so that reruns on the same day produce the same timestamps.
 */
export async function startOfDatabaseUtcDay(pool: pg.Pool): Promise<Date> {
  return startOfUtcDay(await databaseNow(pool));
}
