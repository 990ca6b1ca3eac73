import type pg from "pg";

/** Fails fast, with the fix in the message, when the database has not been migrated. */
export async function assertUsageSchema(pool: pg.Pool): Promise<void> {
  const result = await pool.query<{ present: boolean }>(
    "select to_regprocedure('public.log_ai_usage_batch(jsonb)') is not null as present",
  );
  if (!result.rows[0]?.present) {
    throw new Error(
      "This database has no AI usage schema (log_ai_usage_batch is missing). Run `pnpm db:migrate` first, or `pnpm demo`, which migrates.",
    );
  }
}

/** All-time cost as the reports compute it (USD, 2 dp): read from the summaries, not the raw log. */
export async function allTimeCostUsd(pool: pg.Pool): Promise<number> {
  const result = await pool.query<{ all_time: string }>(
    "select (public.get_ai_cost_summary() ->> 'all_time') as all_time",
  );
  return Number(result.rows[0]?.all_time ?? 0);
}
