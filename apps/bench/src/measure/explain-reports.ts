import type pg from "pg";
import type { ReportCase } from "./report-latency.js";

export interface ExplainedReport {
  readonly name: string;
  /** auto_explain's plans of the statements inside the function (and of the call itself). */
  readonly plans: string[];
}

/**
 * The plans behind a report function: auto_explain logs EXPLAIN (ANALYZE, BUFFERS) of every
 * statement nested in the call that took at least `minDurationMs`, and client_min_messages = log
 * sends those log lines to this connection as notices. LOAD needs a superuser (the embedded
 * server's postgres is one; on Supabase use auto_explain from the dashboard's logs instead).
 */
export async function explainReports(
  pool: pg.Pool,
  cases: readonly ReportCase[],
  minDurationMs: number,
): Promise<ExplainedReport[]> {
  const client = await pool.connect();
  const plans: string[] = [];
  const collect = (notice: { severity?: string | undefined; message?: string | undefined }) => {
    if (notice.severity === "LOG" && notice.message) plans.push(notice.message);
  };
  try {
    await client.query(`LOAD 'auto_explain'`);
    await client.query(
      `SET auto_explain.log_nested_statements = on; SET auto_explain.log_analyze = on;
       SET auto_explain.log_buffers = on; SET auto_explain.log_timing = on;
       SET auto_explain.log_min_duration = ${Math.max(0, Math.round(minDurationMs))}; SET client_min_messages = log`,
    );
    client.on("notice", collect);
    const explained: ExplainedReport[] = [];
    for (const report of cases) {
      await report.call(client, 0); // warm: plan and cache once, explain the steady state
      plans.length = 0;
      await report.call(client, 1);
      explained.push({ name: report.name, plans: [...plans] });
    }
    return explained;
  } finally {
    client.off("notice", collect);
    await client
      .query("RESET client_min_messages; RESET auto_explain.log_min_duration")
      .catch(() => undefined);
    client.release(true); // the session has auto_explain loaded: do not hand it back to the pool
  }
}
