import { cpus, loadavg } from "node:os";
import pg from "pg";
import type { BenchOptions } from "./bench-options.js";
import { runBudgetBench } from "./budgets/run-budget-bench.js";
import { appliedMigrations } from "./database/applied-migrations.js";
import { openBenchDatabase } from "./database/bench-database.js";
import type { DatasetSpec } from "./dataset/bench-events.js";
import { estimatedLogRows } from "./dataset/dataset-presence.js";
import { type DatasetOutcome, ensureDataset } from "./dataset/ensure-dataset.js";
import { explainReports } from "./measure/explain-reports.js";
import { measureGeneratorSpeed } from "./measure/generator-speed.js";
import { timeLiveBatchIngest } from "./measure/live-ingest.js";
import { timeReconcile } from "./measure/reconcile.js";
import { timeRefusedCaller } from "./measure/refused-caller.js";
import { adminDashboardCase, reportCases, timeReports } from "./measure/report-latency.js";
import { timeSingleIngest } from "./measure/single-ingest.js";
import type { BenchResults, CoreResults, Environment } from "./output/bench-results.js";
import { formatInteger } from "./output/format.js";
import { evaluate } from "./output/targets.js";

const reportedSettings = ["shared_buffers", "work_mem", "max_wal_size", "synchronous_commit", "jit"];

/**
 * The whole benchmark: generator speed, the dataset (built through the real ingest path, or
 * reused), report latency, single-event and live batch ingest, the budgets, and a full reconcile,
 * in that order (reports first, on the dataset exactly as built; the ingest measurements then add
 * rows). `--only budgets` keeps the dataset, the live batch ingest (the figure ingest with holds is
 * compared with) and the budgets.
 */
export async function runBench(options: BenchOptions, log: (message: string) => void): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  const loadAverageStart = loadavg();
  const spec: DatasetSpec = {
    events: options.events,
    days: options.days,
    users: options.users,
    customers: options.customers,
    seed: options.seed,
  };
  const generator = measureGeneratorSpeed(spec, options.batchSize);
  log(`event generator alone: ${formatInteger(generator.eventsPerSecond)} events/s`);

  const database = await openBenchDatabase(options.databaseUrl, log);
  const pool = new pg.Pool({
    connectionString: database.url,
    max: options.writers + 2,
    application_name: "ai-usage-bench",
  });
  // 57P01: the embedded server's shutdown ending idle connections at the very end; nothing to report.
  pool.on("error", (error) => {
    if ((error as { code?: string }).code !== "57P01") log(`idle connection error: ${error.message}`);
  });
  // Measurements that add rows use request ids unique to this run (the dataset's never change).
  const runPrefix = `bench-live-${Date.now().toString(36)}-`;
  try {
    const dataset = await ensureDataset(pool, spec, {
      writers: options.writers,
      batchSize: options.batchSize,
      fresh: options.fresh,
      ownCluster: database.source === "embedded",
      log,
    });

    // Live events go in without created_at (the database stamps now()); the end only shapes the mix.
    const liveEnd = new Date(dataset.endMs);
    const core =
      options.only === "budgets"
        ? undefined
        : await measureCore(pool, options, spec, dataset, runPrefix, liveEnd, log);
    // Batch ingest without holds, the figure ingest with holds is compared with: measured here for
    // --only budgets too, in the same run's conditions.
    const liveBatch = await timeLiveBatchIngest(pool, spec, `${runPrefix}batch-`, {
      events: options.liveEvents,
      writers: options.writers,
      batchSize: options.batchSize,
      end: liveEnd,
    });
    const budgets = await runBudgetBench(
      pool,
      database.url,
      spec,
      {
        proofRuns: options.proofRuns,
        reserveCallsPerCaller: options.reserveCalls,
        events: options.liveEvents,
        writers: options.writers,
        batchSize: options.batchSize,
        end: liveEnd,
        requestIdPrefix: `${runPrefix}holds-`,
      },
      log,
    );
    // Last: it also checks the summaries against everything the measurements added.
    if (core) log("full reconcile of every summary against the log");
    const reconcile = core ? await timeReconcile(pool) : undefined;

    const {
      userIds: _users,
      adminUserId: _admin,
      build,
      vacuumSeconds,
      startMs,
      endMs,
      ...datasetInfo
    } = dataset;
    const partial = {
      startedAt,
      environment: await describeEnvironment(pool, database.source, loadAverageStart),
      dataset: {
        ...datasetInfo,
        start: new Date(startMs).toISOString(),
        end: new Date(endMs).toISOString(),
        logRowsEstimate: await estimatedLogRows(pool),
      },
      generator,
      build: build && vacuumSeconds !== undefined ? { ...build, vacuumSeconds } : undefined,
      core: core && reconcile ? { ...core, reconcile } : undefined,
      liveBatch,
      budgets,
    };
    return { ...partial, checks: evaluate(partial) };
  } finally {
    await pool.end();
    await database.stop();
  }
}

/** Reports, single-event ingest and the refused caller: everything but the budgets. */
async function measureCore(
  pool: pg.Pool,
  options: BenchOptions,
  spec: DatasetSpec,
  dataset: DatasetOutcome,
  runPrefix: string,
  liveEnd: Date,
  log: (message: string) => void,
): Promise<Omit<CoreResults, "reconcile">> {
  log(`timing the report functions (${options.iterations} calls each)`);
  const [dashboard30, ...otherReports] = reportCases(dataset.userIds, spec.seed);
  const cases = [dashboard30!, adminDashboardCase(dataset.adminUserId), ...otherReports];
  const reports = await timeReports(pool, cases, options.iterations);
  const explained =
    options.explain === undefined ? undefined : await explainReports(pool, cases, options.explain);

  log(`timing ${formatInteger(options.singleCalls)} single log_ai_usage calls`);
  const single = await timeSingleIngest(pool, spec, `${runPrefix}single-`, options.singleCalls, liveEnd);
  log("timing a refused caller (a user's 10,000-event batch)");
  const refusedCaller = await timeRefusedCaller(pool);
  return { reports, explained, singleIngest: { ...single, calls: options.singleCalls }, refusedCaller };
}

async function describeEnvironment(
  pool: pg.Pool,
  database: Environment["database"],
  loadAverageStart: number[],
): Promise<Environment> {
  const version = await pool.query<{ version: string }>(
    "SELECT current_setting('server_version') AS version",
  );
  const settings = await pool.query<{ name: string; value: string }>(
    "SELECT name, current_setting(name) AS value FROM pg_settings WHERE name = ANY($1::text[]) ORDER BY name",
    [reportedSettings],
  );
  return {
    database,
    serverVersion: `PostgreSQL ${version.rows[0]!.version}`,
    settings: Object.fromEntries(settings.rows.map((row) => [row.name, row.value])),
    migrations: await appliedMigrations(pool),
    cpus: cpus().length,
    loadAverageStart,
    loadAverageEnd: loadavg(),
  };
}
