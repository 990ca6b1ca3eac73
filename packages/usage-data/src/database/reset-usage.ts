import type pg from "pg";

/**
 * Deletes all usage, summaries included, in one transaction, so no report ever sees a log and
 * summaries that disagree. TRUNCATE (not DELETE: a million-row DELETE would also run the summary
 * triggers row set by row set); the log's TRUNCATE trigger empties the summaries, and the
 * database's own rebuild then recomputes them from the (empty) log, which keeps this correct even
 * if summary tables are added later.
 */
export async function resetUsage(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    await client.query("truncate table public.ai_usage_log");
    const rebuild = await client.query<{ present: boolean }>(
      "select to_regprocedure('public.rebuild_ai_usage_summaries()') is not null as present",
    );
    if (rebuild.rows[0]?.present) await client.query("select public.rebuild_ai_usage_summaries()");
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
