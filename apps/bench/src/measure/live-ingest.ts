import { inBatches } from "@org/ai-usage-data";
import type pg from "pg";
import { benchEvents, type DatasetSpec, withoutCreatedAt } from "../dataset/bench-events.js";
import { timedWrite, type WriteResult } from "../dataset/timed-write.js";
import { startProgressBar } from "../progress.js";

/**
 * Batch ingest on the loaded database, as live traffic: the same users and mix as the dataset,
 * no created_at (the database stamps now(), so every batch lands on today's summary rows, where
 * concurrent writers meet), and request ids unique to this run, so every event is a real insert.
 */
export async function timeLiveBatchIngest(
  pool: pg.Pool,
  spec: DatasetSpec,
  requestIdPrefix: string,
  options: { events: number; writers: number; batchSize: number; end: Date },
): Promise<WriteResult> {
  const events = benchEvents({ ...spec, events: options.events }, options.end, {
    requestIdPrefix,
    streamSeed: spec.seed + 1,
  });
  const bar = startProgressBar("live batch ingest", options.events);
  try {
    return await timedWrite(pool, inBatches(withoutCreatedAt(events), options.batchSize), {
      events: options.events,
      writers: options.writers,
      onProgress: (totals) => bar.update(totals.events),
    });
  } finally {
    bar.stop();
  }
}
