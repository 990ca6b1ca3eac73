import type pg from "pg";
import { type DatasetSpec, requestIdPrefix } from "../generate/dataset-spec.js";
import { EventGenerator } from "../generate/event-generator.js";
import { startProgressBar } from "../progress.js";
import { inspectDataset } from "./dataset-presence.js";
import { emptyUsageLog, vacuumAnalyze } from "./prepare-tables.js";
import { type WriteResult, writeBatches } from "./write-batches.js";

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
 * first, ending now. VACUUM ANALYZE follows any build (see vacuumAnalyze for why).
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
  // A new dataset ends at the current minute (created_at may not be in the future); a stored one
  // keeps its own anchor, so a resumed build continues the same timeline.
  const startMs = presence.startMs ?? Math.floor(Date.now() / 60_000) * 60_000 - spec.days * dayMs;
  const generator = new EventGenerator(spec, startMs);
  const users = generator.population.users;
  const base = {
    spec,
    requestIdPrefix: requestIdPrefix(spec),
    startMs,
    endMs: startMs + spec.days * dayMs,
    userIds: users.map((user) => user.userId),
    adminUserId: users.find((user) => user.isAdmin)!.userId,
  };

  if (presence.complete) {
    options.log(`dataset ${base.requestIdPrefix}* is already stored: reusing it (--fresh rebuilds it)`);
    return { ...base, action: "reused", resumedFrom: undefined, build: undefined, vacuumSeconds: undefined };
  }
  if (presence.resumeFrom > 0) {
    options.log(
      `dataset ${base.requestIdPrefix}* is partly stored: resuming at event ${presence.resumeFrom}`,
    );
    generator.skip(presence.resumeFrom);
  }
  const toSend = spec.events - presence.resumeFrom;
  const bar = startProgressBar("ingest", toSend);
  let build: WriteResult;
  try {
    build = await writeBatches(pool, generator, {
      writers: options.writers,
      batchSize: options.batchSize,
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
