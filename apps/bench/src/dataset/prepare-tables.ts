import type pg from "pg";

/** The log and every summary table: what the build writes and the reports read. */
export const usageTables = [
  "public.ai_usage_log",
  "public.ai_usage_daily_by_model",
  "public.ai_usage_daily_by_user",
  "public.ai_usage_daily_active_users",
  "public.ai_usage_daily_by_customer",
  "public.ai_usage_summary",
  "public.ai_usage_monthly_by_customer",
] as const;

/**
 * Once after a build. A table loaded moments ago has no planner statistics yet (autovacuum analyses
 * it on its own schedule, maybe minutes later), so the first report plans would be guesses; and
 * its pages have no visibility-map bits and unset hint bits, so the first readers would do the
 * vacuum's work (index-only scans visiting the heap, writes during reads). A live database that has
 * been running for a while is in the vacuumed state; that is the one worth measuring.
 */
export async function vacuumAnalyze(pool: pg.Pool): Promise<number> {
  const started = performance.now();
  await pool.query(`VACUUM (ANALYZE) ${usageTables.join(", ")}`);
  return (performance.now() - started) / 1000;
}

/**
 * --fresh: empties the log (its TRUNCATE trigger empties the summaries). On a database the bench
 * did not start itself, only when the log holds nothing but benchmark rows: never someone's data.
 */
export async function emptyUsageLog(pool: pg.Pool, ownCluster: boolean): Promise<void> {
  if (!ownCluster) {
    const { rows } = await pool.query<{ foreign: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM public.ai_usage_log WHERE request_id NOT LIKE 'bench-%') AS foreign`,
    );
    if (rows[0]!.foreign) {
      throw new Error(
        "--fresh refused: ai_usage_log holds rows that the benchmark did not write. " +
          "Point --database-url at a database of its own, or leave DATABASE_URL unset to use the bench's embedded server.",
      );
    }
  }
  await pool.query("TRUNCATE public.ai_usage_log");
}
