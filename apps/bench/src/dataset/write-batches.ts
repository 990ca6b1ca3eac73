import type pg from "pg";
import type { EventGenerator, GeneratedBatch } from "../generate/event-generator.js";

export interface WriteTotals {
  /** Events sent (and stored or found already stored). */
  events: number;
  /** Events stored as new rows. */
  inserted: number;
  /** Batches sent again after a serialization failure or deadlock. */
  retries: number;
}

export interface WriteResult extends WriteTotals {
  readonly seconds: number;
  readonly eventsPerSecond: number;
  /** Rate over the last tenth of the events: how fast ingest still is once the tables are big. */
  readonly lastTenthEventsPerSecond: number;
}

export interface WriteOptions {
  /** Connections writing at once, each with one batch in flight. */
  writers: number;
  batchSize: number;
  onProgress?: (totals: Readonly<WriteTotals>) => void;
}

/**
 * The real ingest path, as an app's server uses it: log_ai_usage_batch (validation, pricing,
 * idempotency and the summary triggers), one transaction per batch. The batch goes over the wire as
 * the raw bytes of its JSON text (a Buffer parameter is sent in binary format, which for text is the
 * bytes themselves) and the database counts its one-row-per-event answer, so neither side spends
 * time on conversions the benchmark is not about.
 */
const ingestSql = `SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*)::int AS events
  FROM public.log_ai_usage_batch($1::text::jsonb)`;

/** Serialization failures and deadlocks roll the whole batch back: it is safe to send it again. */
const retryableSqlStates = new Set(["40001", "40P01"]);
const maximumAttempts = 5;

/**
 * Sends every remaining event of `generator` over `writers` connections. Each connection generates
 * its next batch when its previous one is stored, so generating one batch overlaps with the
 * database storing another. The first failure stops every writer and is rethrown.
 */
export async function writeBatches(
  pool: pg.Pool,
  generator: EventGenerator,
  options: WriteOptions,
): Promise<WriteResult> {
  const totals: WriteTotals = { events: 0, inserted: 0, retries: 0 };
  const toSend = generator.spec.events - generator.index;
  const lastTenthFrom = Math.floor(toSend * 0.9);
  let lastTenth: { at: number; events: number } | undefined;
  let failed = false;
  const started = performance.now();

  async function writer(): Promise<void> {
    const client = await pool.connect();
    try {
      while (!failed && !generator.done) {
        const batch = generator.nextBatch(options.batchSize);
        const stored = await storeBatch(client, batch, totals);
        totals.events += stored.events;
        totals.inserted += stored.inserted;
        if (lastTenth === undefined && totals.events >= lastTenthFrom) {
          lastTenth = { at: performance.now(), events: totals.events };
        }
        options.onProgress?.(totals);
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      client.release();
    }
  }

  await Promise.all(Array.from({ length: options.writers }, () => writer()));
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

async function storeBatch(
  client: pg.PoolClient,
  batch: GeneratedBatch,
  totals: WriteTotals,
): Promise<{ events: number; inserted: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const { rows } = await client.query<{ events: number; inserted: number }>(ingestSql, [batch.json]);
      return rows[0]!;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= maximumAttempts || code === undefined || !retryableSqlStates.has(code)) {
        throw new Error(
          `log_ai_usage_batch failed for events ${batch.firstIndex}..${batch.firstIndex + batch.size - 1}: ${(error as Error).message}`,
          { cause: error },
        );
      }
      totals.retries++;
    }
  }
}
