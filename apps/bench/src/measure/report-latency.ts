import { Random } from "@org/ai-usage-data";
import type pg from "pg";
import { type LatencyStats, summarize, timeCalls } from "./stats.js";

export interface ReportCase {
  /** As printed: the call with its arguments. */
  readonly name: string;
  readonly call: (client: pg.PoolClient, iteration: number) => Promise<unknown>;
}

export interface ReportTiming {
  readonly name: string;
  readonly stats: LatencyStats;
}

/**
 * Calls before timing starts, so that each report is timed in the steady state of a pooled
 * connection (as PostgREST's are): the pages come into cache, and PL/pgSQL's plan cache settles. It
 * plans a statement afresh for its first five runs, then builds a generic plan on the sixth and keeps
 * it if it is no costlier (PostgreSQL's plancache); for the dashboard's ranking statements those six
 * calls cost 10-20 ms more each than the ones after.
 */
const warmupCalls = 6;

/** The report functions as an app's server calls them (the table owner, no role set). */
export function reportCases(userIds: readonly string[], seed: number): ReportCase[] {
  const random = new Random(seed);
  const query =
    (sql: string, params: unknown[] = []) =>
    (client: pg.PoolClient) =>
      client.query(sql, params);
  return [
    { name: "get_ai_usage_dashboard(30)", call: query("SELECT public.get_ai_usage_dashboard(30) AS r") },
    { name: "get_ai_usage_dashboard(365)", call: query("SELECT public.get_ai_usage_dashboard(365) AS r") },
    { name: "get_ai_cost_summary()", call: query("SELECT public.get_ai_cost_summary() AS r") },
    {
      // A different, randomly chosen (seeded) user on every call: no single user's pages stay hot.
      name: "get_user_ai_usage(id, 30)",
      call: (client) =>
        client.query("SELECT public.get_user_ai_usage($1::uuid, 30) AS r", [
          userIds[random.int(0, userIds.length - 1)],
        ]),
    },
  ];
}

/**
 * dashboard(30) the way PostgREST runs an admin's request: in a transaction, role `authenticated`
 * and JWT claims with app_metadata.role = admin set locally. Only the call itself is timed, so
 * the figure compares with the owner's: the admin check must not make the report slower.
 */
export function adminDashboardCase(adminUserId: string): ReportCase {
  const claims = JSON.stringify({ sub: adminUserId, role: "authenticated", app_metadata: { role: "admin" } });
  return {
    name: "get_ai_usage_dashboard(30) as admin",
    call: async (client) => {
      await client.query("BEGIN");
      try {
        await client.query(
          "SELECT set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
          [claims],
        );
        const started = performance.now();
        await client.query("SELECT public.get_ai_usage_dashboard(30) AS r");
        return performance.now() - started;
      } finally {
        await client.query("COMMIT");
      }
    },
  };
}

/**
 * Times each case `iterations` times in a row on one warm connection of `pool`. A case whose call
 * resolves to a number reports that number (its own inner timing) instead of the wall time.
 */
export async function timeReports(
  pool: pg.Pool,
  cases: readonly ReportCase[],
  iterations: number,
): Promise<ReportTiming[]> {
  const client = await pool.connect();
  try {
    const timings: ReportTiming[] = [];
    for (const report of cases) {
      for (let call = 0; call < warmupCalls; call++) await report.call(client, call);
      const inner: number[] = [];
      const wall = await timeCalls(iterations, async (iteration) => {
        const result = await report.call(client, iteration);
        if (typeof result === "number") inner.push(result);
      });
      timings.push({ name: report.name, stats: summarize(inner.length === wall.length ? inner : wall) });
    }
    return timings;
  } finally {
    client.release();
  }
}
