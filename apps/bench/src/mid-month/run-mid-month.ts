import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { rm, statfs } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { startEmbeddedPostgres } from "@org/ai-usage-db";
import pg from "pg";
import { benchDataDir } from "../database/bench-database.js";
import { type LatencyStats, summarize, timeCalls } from "../measure/stats.js";
import { cutDays, startEdgeDays } from "./cut-days.js";

export interface MidMonthOptions {
  /** The window, in days (the dashboard's p_days). */
  readonly days: number;
  readonly iterations: number;
  /** Keep the copy of the data after the run (it is deleted by default). */
  readonly keep: boolean;
}

export interface MidMonthTiming {
  /** The window's last day: today, or the day the data was cut at. */
  readonly asOf: string;
  readonly cut: boolean;
  readonly startEdgeDays: number;
  readonly pruned: boolean;
  readonly stats: LatencyStats;
}

/** Same as the main benchmark's reports: the plan cache settles in six calls. */
const warmupCalls = 6;

/**
 * get_ai_usage_dashboard's body timed for windows ending mid-month, which the main benchmark cannot
 * show: it measures today's window only, and a window's cost depends on where in the month it
 * starts. No clock can be turned back, so this copies the benchmark's database, cuts the log at a
 * day D (deleting every later row; the summaries follow, in the same transaction), vacuums, and
 * times _ai_usage_dashboard(days, D): on that data, D is the last day anything happened, exactly as
 * today is. The benchmark's own database is never touched.
 */
export async function runMidMonth(
  options: MidMonthOptions,
  log: (message: string) => void,
): Promise<MidMonthTiming[]> {
  const source = benchDataDir();
  if (!existsSync(join(source, "PG_VERSION"))) {
    throw new Error(`no benchmark database in ${source}: run \`pnpm bench\` first (it builds one)`);
  }
  if (existsSync(join(source, "postmaster.pid"))) {
    throw new Error(
      `the benchmark database in ${source} is in use (postmaster.pid): wait for \`pnpm bench\` to finish`,
    );
  }
  const copy = join(dirname(source), "bench-mid-month-pg17");
  await rm(copy, { recursive: true, force: true });
  await requireSpace(source, copy);

  log(`copying ${source} to ${copy} (the cuts delete rows; the benchmark's database stays as it is)`);
  // cp -a keeps owners and modes: as root, the cluster's files belong to the postgres user.
  await promisify(execFile)("cp", ["-a", source, copy]);
  const server = await startEmbeddedPostgres({ dataDir: copy, major: 17, log });
  const client = new pg.Client({
    connectionString: server.url,
    application_name: "ai-usage-bench-mid-month",
  });
  try {
    await client.connect();
    const body = await client.query<{ present: boolean }>(
      "SELECT to_regprocedure('ai_usage_private._ai_usage_dashboard(integer, date)') IS NOT NULL AS present",
    );
    if (!body.rows[0]!.present) {
      throw new Error(
        `the benchmark database in ${source} was built with migrations older than _ai_usage_dashboard: ` +
          "delete it and run `pnpm bench` to rebuild it",
      );
    }
    const { rows } = await client.query<{ today: string; zone: string }>(
      `SELECT (now() AT TIME ZONE ai_usage_private.ai_usage_reporting_time_zone())::date::text AS today,
              ai_usage_private.ai_usage_reporting_time_zone() AS zone`,
    );
    const { today, zone } = rows[0]!;
    const timings: MidMonthTiming[] = [await timeAsOf(client, today, false, options, log)];
    for (const day of cutDays(today)) {
      log(`cutting the log after ${day} (${zone})`);
      await client.query(
        "DELETE FROM ai_usage_log WHERE created_at >= (($1::date + 1)::timestamp AT TIME ZONE ai_usage_private.ai_usage_reporting_time_zone())",
        [day],
      );
      // As after the main benchmark's build: the deleted rows' dead versions would otherwise be
      // walked by every index scan over the window's end.
      await client.query(
        `VACUUM ANALYZE ai_usage_log, ai_usage_daily_by_model, ai_usage_daily_by_user, ai_usage_daily_active_users,
                        ai_usage_daily_by_customer, ai_usage_summary, ai_usage_monthly_by_customer`,
      );
      // And the cut's pages written out now, not by the checkpointer in the middle of the timing.
      await client.query("CHECKPOINT");
      timings.push(await timeAsOf(client, day, true, options, log));
    }
    return timings;
  } finally {
    await client.end().catch(() => undefined);
    await server.stop();
    if (options.keep) log(`kept the cut copy in ${copy}`);
    else await rm(copy, { recursive: true, force: true });
  }
}

async function timeAsOf(
  client: pg.Client,
  asOf: string,
  cut: boolean,
  options: MidMonthOptions,
  log: (message: string) => void,
): Promise<MidMonthTiming> {
  log(`timing the ${options.days}-day dashboard ending ${asOf} (${options.iterations} calls)`);
  const call = () =>
    client.query("SELECT ai_usage_private._ai_usage_dashboard($1, $2::date) AS r", [options.days, asOf]);
  for (let warm = 0; warm < warmupCalls; warm++) await call();
  const stats = summarize(await timeCalls(options.iterations, call));
  const { rows } = await client.query<{ pruned: boolean }>(
    "SELECT ai_usage_private._ai_usage_worth_pruning($1::date - ($2::integer - 1), $1::date) AS pruned",
    [asOf, options.days],
  );
  return { asOf, cut, startEdgeDays: startEdgeDays(asOf, options.days), pruned: rows[0]!.pruned, stats };
}

/** The copy needs as much free space as the database takes, plus a margin for the cuts' WAL. */
async function requireSpace(source: string, copy: string): Promise<void> {
  const { stdout } = await promisify(execFile)("du", ["-sk", source]);
  const neededBytes = Number.parseInt(stdout, 10) * 1024 * 1.2;
  const space = await statfs(dirname(copy));
  const freeBytes = space.bavail * space.bsize;
  if (freeBytes < neededBytes) {
    throw new Error(
      `not enough free disk for a copy of the benchmark database: ${Math.round(neededBytes / 2 ** 30)} GiB ` +
        `needed, ${Math.round(freeBytes / 2 ** 30)} GiB free in ${dirname(copy)}`,
    );
  }
}
