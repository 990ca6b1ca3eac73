import { datasetPopulation, inBatches } from "@org/ai-usage-data";
import { startOfDatabaseUtcDay } from "@org/ai-usage-data/database";
import type pg from "pg";
import { startProgressBar } from "../progress.js";
import { benchEvents, benchRequestIdPrefix, type DatasetSpec, skipEvents } from "./bench-events.js";
import { inspectDataset } from "./dataset-presence.js";
import { emptyUsageLog, vacuumAnalyze } from "./prepare-tables.js";
import { timedWrite, type WriteResult } from "./timed-write.js";

export interface DatasetOptions {
  writers: number;
  batchSize: number;
  /** Empty the log first and build from scratch. */
  fresh: boolean;
  /** The database is the bench's own embedded cluster (--fresh may empty it without checks). */
  ownCluster: boolean;
  log: (message: string) => void;
}

export interface DatasetOutcome {
  readonly spec: DatasetSpec;
  readonly requestIdPrefix: string;
  readonly action: "reused" | "built" | "resumed";
  /** First event sent by this run (resumed builds). */
  readonly resumedFrom: number | undefined;
  readonly startMs: number;
  readonly endMs: number;
  /** The population, for picking users to report on. */
  readonly userIds: readonly string[];
  /** One of the dataset's admins, for the admin-session timing. */
  readonly adminUserId: string;
  readonly build: WriteResult | undefined;
  readonly vacuumSeconds: number | undefined;
}

const dayMs = 86_400_000;

/**
 * Makes sure the log holds the dataset for `spec`: reuses it when it is all there (a rerun only
 * measures), resumes an interrupted build, or builds it through log_ai_usage_batch, oldest event
 * first, ending at the start of the database's current UTC day. VACUUM ANALYZE follows any build
 * (see vacuumAnalyze for why).
 */
export async function ensureDataset(
  pool: pg.Pool,
  spec: DatasetSpec,
  options: DatasetOptions,
): Promise<DatasetOutcome> {
  if (options.fresh) {
    options.log("--fresh: emptying ai_usage_log (and, through its trigger, every summary)");
    await emptyUsageLog(pool, options.ownCluster);
  }
  const presence = await inspectDataset(pool, spec, options.writers * options.batchSize);
  // A new dataset ends at the start of the database's current UTC day, as the seed's do (by the
  // database's clock: created_at may not be in its future); a stored one keeps its own end, so a
  // resumed build continues the same timeline.
  const end = presence.end ?? (await startOfDatabaseUtcDay(pool));
  const population = datasetPopulation(spec);
  const base = {
    spec,
    requestIdPrefix: benchRequestIdPrefix(spec),
    startMs: end.getTime() - spec.days * dayMs,
    endMs: end.getTime(),
    userIds: [...population.admins, ...population.customerUsers].map((user) => user.userId),
    adminUserId: population.admins[0]!.userId,
  };

  if (presence.complete) {
    options.log(`dataset ${base.requestIdPrefix}* is already stored: reusing it (--fresh rebuilds it)`);
    return { ...base, action: "reused", resumedFrom: undefined, build: undefined, vacuumSeconds: undefined };
  }
  if (presence.resumeFrom > 0) {
    options.log(
      `dataset ${base.requestIdPrefix}* is partly stored: resuming at event ${presence.resumeFrom}`,
    );
  }
  const events = benchEvents(spec, end);
  skipEvents(events, presence.resumeFrom);
  const toSend = spec.events - presence.resumeFrom;
  const bar = startProgressBar("ingest", toSend);
  let build: WriteResult;
  try {
    build = await timedWrite(pool, inBatches(events, options.batchSize), {
      events: toSend,
      writers: options.writers,
      onProgress: (totals) => bar.update(totals.events),
    });
  } finally {
    bar.stop();
  }
  options.log("VACUUM ANALYZE of the log and the summaries (a freshly loaded table has no statistics)");
  const vacuumSeconds = await vacuumAnalyze(pool);
  return {
    ...base,
    action: presence.resumeFrom > 0 ? "resumed" : "built",
    resumedFrom: presence.resumeFrom > 0 ? presence.resumeFrom : undefined,
    build,
    vacuumSeconds,
  } satisfies DatasetOutcome;
}
