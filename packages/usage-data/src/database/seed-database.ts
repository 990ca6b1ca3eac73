import type pg from "pg";
import { z } from "zod";
import { generateEvents, inBatches } from "../generate/generate-events.js";
import { generationOptionsSchema } from "../generate/generation-options.js";
import { allTimeCostUsd, assertUsageSchema } from "./database-checks.js";
import { type IngestTotals, ingestBatches } from "./ingest-batches.js";
import { type ProgressReporter, silentProgress } from "./progress-reporter.js";
import { resetUsage } from "./reset-usage.js";

// safeExtend keeps the generation options' own checks (events per day).
export const seedOptionsSchema = generationOptionsSchema.safeExtend({
  /** Delete all existing usage (and its summaries) first. */
  reset: z.boolean().default(false),
  /** Events per `log_ai_usage_batch` call (one transaction each); the function takes up to 10,000. */
  batchSize: z.number().int().min(1).max(10_000).default(2_000),
  /** Connections writing at once. */
  concurrency: z.number().int().min(1).max(16).default(2),
});
export type SeedOptions = z.infer<typeof seedOptionsSchema>;
export type SeedOptionsInput = z.input<typeof seedOptionsSchema>;

export interface SeedResult extends IngestTotals {
  seconds: number;
  eventsPerSecond: number;
  /** `get_ai_cost_summary().all_time` after seeding: everything in the database, not only this run. */
  allTimeCostUsd: number;
}

/** Generates the dataset for `options` and writes it through the ingest function. */
export async function seedDatabase(
  pool: pg.Pool,
  input: SeedOptionsInput,
  progress: ProgressReporter = silentProgress,
): Promise<SeedResult> {
  const options = seedOptionsSchema.parse(input);
  await assertUsageSchema(pool);
  if (options.reset) await resetUsage(pool);

  const startedAt = performance.now();
  const totals = await ingestBatches(pool, inBatches(generateEvents(options), options.batchSize), {
    concurrency: options.concurrency,
    onProgress: (running) => progress.update(running.events),
  });
  const seconds = (performance.now() - startedAt) / 1000;
  progress.finish(totals.events);
  return {
    ...totals,
    seconds,
    eventsPerSecond: totals.events / Math.max(seconds, 0.001),
    allTimeCostUsd: await allTimeCostUsd(pool),
  };
}
