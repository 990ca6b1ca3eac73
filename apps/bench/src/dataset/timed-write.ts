import { type IngestTotals, ingestBatches } from "@org/ai-usage-data/database";
import type pg from "pg";

export interface WriteResult extends IngestTotals {
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** Rate over the last tenth of the events: how fast ingest still is once the tables are big. */
  readonly lastTenthEventsPerSecond: number;
}

export interface WriteOptions {
  /** Events `batches` holds, to know where its last tenth starts. */
  events: number;
  /** Connections writing at once, each with one batch in flight. */
  writers: number;
  onProgress?: (totals: Readonly<IngestTotals>) => void;
}

/**
 * The real ingest path (ingestBatches: log_ai_usage_batch, one transaction per batch, retried on
 * serialization failures), timed overall and over its last tenth.
 */
export async function timedWrite(
  pool: pg.Pool,
  batches: Parameters<typeof ingestBatches>[1],
  options: WriteOptions,
): Promise<WriteResult> {
  const lastTenthFrom = Math.floor(options.events * 0.9);
  let lastTenth: { at: number; events: number } | undefined;
  const started = performance.now();
  const totals = await ingestBatches(pool, batches, {
    concurrency: options.writers,
    onProgress: (running) => {
      if (lastTenth === undefined && running.events >= lastTenthFrom) {
        lastTenth = { at: performance.now(), events: running.events };
      }
      options.onProgress?.(running);
    },
  });
  const ended = performance.now();
  const seconds = (ended - started) / 1000;
  const tail = lastTenth ?? { at: started, events: 0 };
  return {
    ...totals,
    seconds,
    eventsPerSecond: totals.events / Math.max(seconds, 1e-9),
    lastTenthEventsPerSecond: (totals.events - tail.events) / Math.max((ended - tail.at) / 1000, 1e-9),
  };
}
