import type pg from "pg";
import { type DatasetSpec, requestId, requestIdPrefix } from "../generate/dataset-spec.js";
import { EventGenerator } from "../generate/event-generator.js";

export interface DatasetPresence {
  /** Every sampled request id of the dataset is stored: nothing to build. */
  readonly complete: boolean;
  /** Index of the first event to (re)send: 0 for a new dataset, near the end of what was stored for an interrupted build. */
  readonly resumeFrom: number;
  /** The time anchor of the stored events (recovered from event 0), when any are stored. */
  readonly startMs: number | undefined;
}

/** Evenly spaced events checked by request id (plus the first and the last): the dataset's marker. */
const sampleCount = 1_000;

/**
 * Whether the log already holds the dataset for `spec`. Request ids are deterministic (see
 * requestIdPrefix), so presence is a handful of unique-index lookups rather than a count of
 * millions of rows. The build sends events in order over a few connections, so an interrupted
 * build stored a prefix of the dataset, up to a few batches in flight: it resumes a little before
 * the last stored event, and idempotent ingestion skips what was already there.
 */
export async function inspectDataset(
  pool: pg.Pool,
  spec: DatasetSpec,
  inFlightEvents: number,
): Promise<DatasetPresence> {
  const prefix = requestIdPrefix(spec);
  const exists = async (indexes: number[]) => {
    const { rows } = await pool.query<{ present: number }>(
      "SELECT count(*)::int AS present FROM public.ai_usage_log WHERE request_id = ANY($1::text[])",
      [indexes.map((index) => requestId(prefix, index))],
    );
    return rows[0]!.present;
  };

  const last = spec.events - 1;
  const samples = [
    ...new Set([
      0,
      last,
      ...Array.from({ length: sampleCount }, (_, i) => Math.floor((i * last) / sampleCount)),
    ]),
  ];
  const present = await exists(samples);
  const startMs = await storedStart(pool, spec, prefix);
  if (present === samples.length) return { complete: true, resumeFrom: spec.events, startMs };
  if (startMs === undefined) return { complete: false, resumeFrom: 0, startMs };

  // Holes although the last event is stored (say, two builds ran at once): resend everything.
  if ((await exists([last])) === 1) return { complete: false, resumeFrom: 0, startMs };
  // The last stored event, by binary search: event `low` is stored, event `high` is not.
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if ((await exists([middle])) === 1) low = middle;
    else high = middle;
  }
  return { complete: false, resumeFrom: Math.max(0, low + 1 - inFlightEvents), startMs };
}

/** The anchor of a stored dataset: event 0's created_at minus its (deterministic) offset. */
async function storedStart(pool: pg.Pool, spec: DatasetSpec, prefix: string): Promise<number | undefined> {
  const { rows } = await pool.query<{ created_at: Date }>(
    "SELECT created_at FROM public.ai_usage_log WHERE request_id = $1",
    [requestId(prefix, 0)],
  );
  if (rows.length === 0) return undefined;
  const firstAtZero = JSON.parse(new EventGenerator(spec, 0).next()) as { created_at: string };
  return rows[0]!.created_at.getTime() - Date.parse(firstAtZero.created_at);
}

/** Rows in the whole log (the planner's estimate: a count of millions of rows would take seconds). */
export async function estimatedLogRows(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ estimate: number }>(
    `SELECT greatest(c.reltuples, 0)::float8 AS estimate FROM pg_class c WHERE c.oid = 'public.ai_usage_log'::regclass`,
  );
  return Math.round(rows[0]?.estimate ?? 0);
}
