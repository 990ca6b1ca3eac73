import type pg from "pg";

export interface ReconcileOutcome {
  readonly ok: boolean;
  readonly mismatches: number;
  readonly logRows: number;
  readonly seconds: number;
  /** Per summary table: rows, missing_or_different, unexpected. */
  readonly tables: Record<string, unknown>;
}

/** A full reconcile: every summary row against an aggregate of the whole raw log. */
export async function timeReconcile(pool: pg.Pool): Promise<ReconcileOutcome> {
  const started = performance.now();
  const { rows } = await pool.query<{
    r: { ok: boolean; mismatches: number; log_rows: number; tables: object };
  }>("SELECT public.reconcile_ai_usage_summaries() AS r");
  const seconds = (performance.now() - started) / 1000;
  const result = rows[0]!.r;
  return {
    ok: result.ok,
    mismatches: result.mismatches,
    logRows: result.log_rows,
    seconds,
    tables: result.tables as Record<string, unknown>,
  };
}
