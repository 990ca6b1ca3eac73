import type { BatchEvent } from "@org/ai-usage-sdk";
import type pg from "pg";

export interface IngestTotals {
  /** Events sent to the database. */
  events: number;
  /** Events stored as new rows. */
  inserted: number;
  /** Events whose request id was already stored (idempotent reruns). */
  duplicates: number;
  /** Batches sent again after a serialization failure or deadlock. */
  retries: number;
}

export interface IngestOptions {
  /** Connections writing at the same time (each holds one batch in flight). */
  concurrency: number;
  /** Called after every stored batch with the running totals. */
  onProgress?: (totals: Readonly<IngestTotals>) => void;
}

/**
 * The real ingest path, as an app's server would use it: `log_ai_usage_batch` (validation,
 * pricing, idempotency, summaries), one transaction per batch. The database answers one row per
 * event; counting them there keeps a 2,000-row answer off the wire.
 */
const ingestSql = `select count(*) filter (where inserted)::int as inserted, count(*)::int as events
  from log_ai_usage_batch($1::jsonb)`;

/** Serialization failures and deadlocks: the batch rolled back as a whole and is safe to resend. */
const retryableSqlStates = new Set(["40001", "40P01"]);
const maximumAttempts = 5;

/**
 * Writes `batches` over `concurrency` connections of `pool`. Each connection pulls the next batch
 * when its previous one is stored, so generating and serialising one batch overlaps with the
 * database storing another. The first failure stops every connection and is rethrown.
 */
export async function ingestBatches(
  pool: pg.Pool,
  batches: Iterable<readonly BatchEvent[]>,
  options: IngestOptions,
): Promise<IngestTotals> {
  const totals: IngestTotals = { events: 0, inserted: 0, duplicates: 0, retries: 0 };
  const source = batches[Symbol.iterator]();
  /** Events taken from `source` so far: the next batch's first index, for error messages. */
  let pulled = 0;
  let failed = false;

  async function writer(): Promise<void> {
    const client = await pool.connect();
    try {
      while (!failed) {
        const next = source.next();
        if (next.done) return;
        const events = `${pulled}..${pulled + next.value.length - 1}`;
        pulled += next.value.length;
        const stored = await storeBatch(client, JSON.stringify(next.value), totals).catch((error) => {
          throw new Error(`log_ai_usage_batch failed for events ${events}: ${(error as Error).message}`, {
            cause: error,
          });
        });
        totals.events += stored.events;
        totals.inserted += stored.inserted;
        totals.duplicates += stored.events - stored.inserted;
        options.onProgress?.(totals);
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      client.release();
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, writer));
  return totals;
}

async function storeBatch(
  client: pg.PoolClient,
  json: string,
  totals: IngestTotals,
): Promise<{ inserted: number; events: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await client.query<{ inserted: number; events: number }>(ingestSql, [json]);
      return result.rows[0]!;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= maximumAttempts || code === undefined || !retryableSqlStates.has(code)) throw error;
      totals.retries++;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}
