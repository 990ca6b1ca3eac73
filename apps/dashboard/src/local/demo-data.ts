import type pg from "pg";

/** Whether the log holds any usage at all (one index probe, not a count). */
export async function hasUsage(pool: pg.Pool): Promise<boolean> {
  const result = await pool.query<{ present: boolean }>(
    "select exists (select 1 from public.ai_usage_log) as present",
  );
  return result.rows[0]?.present ?? false;
}

/**
 * Fills an empty local database with the seed's demo usage, so a first `pnpm dashboard` shows
 * something. A database that already holds usage is left alone.
 */
export async function seedIfEmpty(pool: pg.Pool, log: (line: string) => void): Promise<void> {
  if (await hasUsage(pool)) return;
  log("The database holds no usage yet: run `pnpm seed` to write demo usage.");
}
