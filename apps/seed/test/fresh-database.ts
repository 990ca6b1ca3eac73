import { randomUUID } from "node:crypto";
import { createDatabase } from "@org/ai-usage-db/testing";
import pg from "pg";
import { inject } from "vitest";

export interface FreshDatabase {
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

/**
 * The reporting time zone to test in (UTC when unset): the CI clock matrix sets one with each faked
 * instant, so that a DST change day is also a day the reports count in that zone.
 */
export const reportingTimeZone = process.env.AI_USAGE_TEST_REPORTING_TZ?.trim() || "UTC";

/** A migrated database of its own, so a test file never sees another file's rows. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const url = await createDatabase(inject("serverUrl"), `seed_${randomUUID().replaceAll("-", "")}`);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => undefined);
  await pool.query("select set_ai_reporting_time_zone($1)", [reportingTimeZone]);
  return { url, pool, close: () => pool.end() };
}

/** Rows in the usage log. */
export async function countUsageRows(pool: pg.Pool): Promise<number> {
  const result = await pool.query<{ rows: number }>("select count(*)::int as rows from ai_usage_log");
  return result.rows[0]!.rows;
}
