import type pg from "pg";
import { type WriteResult, writeBatches } from "../dataset/write-batches.js";
import type { DatasetSpec } from "../generate/dataset-spec.js";
import { EventGenerator } from "../generate/event-generator.js";
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
  options: { events: number; writers: number; batchSize: number },
): Promise<WriteResult> {
  const generator = new EventGenerator({ ...spec, events: options.events }, Date.now(), {
    requestIdPrefix,
    stampCreatedAt: false,
    streamSeed: spec.seed + 1,
  });
  const bar = startProgressBar("live batch ingest", options.events);
  try {
    return await writeBatches(pool, generator, {
      writers: options.writers,
      batchSize: options.batchSize,
      onProgress: (totals) => bar.update(totals.events),
    });
  } finally {
    bar.stop();
  }
}
