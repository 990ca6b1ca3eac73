import type pg from "pg";
import { startOfUtcDay } from "../generate/generation-options.js";

/**
 * Midnight UTC of the database's current day. Datasets end there, by the database's clock rather
 * than this machine's: the ingest refuses rows more than an hour ahead of the database's now(), and
 * the reports count "today" by it, so a client clock that is off would write refused rows or a
 * demo whose last days fall outside the report.
 */
export async function startOfDatabaseUtcDay(pool: pg.Pool): Promise<Date> {
  const result = await pool.query<{ now: Date }>("select now() as now");
  return startOfUtcDay(result.rows[0]!.now);
}
