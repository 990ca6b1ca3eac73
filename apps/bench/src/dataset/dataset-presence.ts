import { requestId, startOfUtcDay } from "@org/ai-usage-data";
import type pg from "pg";
import { benchEvents, benchRequestIdPrefix, type DatasetSpec } from "./bench-events.js";

export interface DatasetPresence {
  /** Every sampled request id of the dataset is stored: nothing to build. */
  readonly complete: boolean;
  /** Index of the first event to (re)send: 0 for a new dataset, near the end of what was stored for an interrupted build. */
  readonly resumeFrom: number;
  /** The exclusive end of the stored events' time range (recovered from event 0), when any are stored. */
  readonly end: Date | undefined;
}

/** Evenly spaced events checked by request id (plus the first and the last): the dataset's marker. */
const sampleCount = 1_000;
const dayMs = 86_400_000;

/**
 * Whether the log already holds the dataset for `spec`. Request ids are deterministic (see
 * benchRequestIdPrefix), so presence is a handful of unique-index lookups rather than a count of
 * millions of rows. The build sends events in order over a few connections, so an interrupted
 * build stored a prefix of the dataset, up to a few batches in flight: it resumes a little before
 * the last stored event, and idempotent ingestion skips what was already there.
 */
export async function inspectDataset(
  pool: pg.Pool,
  spec: DatasetSpec,
  inFlightEvents: number,
): Promise<DatasetPresence> {
  const prefix = benchRequestIdPrefix(spec);
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
  const end = await storedEnd(pool, spec, prefix);
  if (present === samples.length) return { complete: true, resumeFrom: spec.events, end };
  if (end === undefined) return { complete: false, resumeFrom: 0, end };

  // Holes although the last event is stored (say, two builds ran at once): resend everything.
  if ((await exists([last])) === 1) return { complete: false, resumeFrom: 0, end };
  // The last stored event, by binary search: event `low` is stored, event `high` is not.
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if ((await exists([middle])) === 1) low = middle;
    else high = middle;
  }
  return { complete: false, resumeFrom: Math.max(0, low + 1 - inFlightEvents), end };
}

/** The end of the stored dataset's time range, from its event 0; undefined when none is stored. */
async function storedEnd(pool: pg.Pool, spec: DatasetSpec, prefix: string): Promise<Date | undefined> {
  const { rows } = await pool.query<{ created_at: Date }>(
    "SELECT created_at FROM public.ai_usage_log WHERE request_id = $1",
    [requestId(prefix, 0)],
  );
  return rows.length === 0 ? undefined : datasetEndFromFirstEvent(spec, rows[0]!.created_at);
}

/**
 * The end a dataset was generated with, from the time of its event 0. Datasets end at a UTC
 * midnight, and event 0 falls on the first day that has events (day 0 unless the dataset is tiny
 * or its early days nearly empty), so the candidates are tried from there on: the one whose event
 * 0 comes at that very millisecond is the end.
 */
export function datasetEndFromFirstEvent(spec: DatasetSpec, firstCreatedAt: Date): Date {
  const firstDay = startOfUtcDay(firstCreatedAt).getTime();
  const stored = firstCreatedAt.toISOString();
  for (let day = 0; day < spec.days; day++) {
    const end = new Date(firstDay + (spec.days - day) * dayMs);
    if (benchEvents(spec, end).next().value?.created_at === stored) return end;
  }
  throw new Error(
    `ai_usage_log holds event 0 of dataset ${benchRequestIdPrefix(spec)}* at ${stored}, which no end of its ` +
      "time range explains (another generator's rows?). Run the bench with --fresh to rebuild it.",
  );
}

/** Rows in the whole log (the planner's estimate: a count of millions of rows would take seconds). */
export async function estimatedLogRows(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ estimate: number }>(
    `SELECT greatest(c.reltuples, 0)::float8 AS estimate FROM pg_class c WHERE c.oid = 'public.ai_usage_log'::regclass`,
  );
  return Math.round(rows[0]?.estimate ?? 0);
}
