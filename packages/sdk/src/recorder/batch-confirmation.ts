import type { BatchResultRow } from "../schemas/batch-result.js";
import type { QueuedEvent } from "./deliver-batch.js";

/**
 * Rows a signed-in user logs for themselves are stored, and answered, under
 * `self:<user id>:<request id>`: the database keeps them apart from the server's ids so that a
 * user cannot claim a message id before the server records it.
 */
const SELF_LOGGED_PREFIX = /^self:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:/i;

export interface BatchConfirmation {
  /** Events the answer confirms as stored (new rows, or ids the database already had). */
  written: QueuedEvent[];
  /** Events the answer says nothing about: not confirmed, so not counted as written. */
  missing: QueuedEvent[];
  /** Confirmed rows whose request id was already stored (`inserted = false`). */
  duplicates: number;
}

/** Matches `log_ai_usage_batch`'s rows to the events sent, by request id; each row confirms one event. */
export function confirmBatch(events: QueuedEvent[], rows: BatchResultRow[]): BatchConfirmation {
  const confirmed = new Map<string, number>();
  let duplicates = 0;
  for (const row of rows) {
    const requestId = row.request_id.replace(SELF_LOGGED_PREFIX, "");
    confirmed.set(requestId, (confirmed.get(requestId) ?? 0) + 1);
    if (!row.inserted) duplicates++;
  }
  const written: QueuedEvent[] = [];
  const missing: QueuedEvent[] = [];
  for (const queued of events) {
    const remaining = confirmed.get(queued.requestId) ?? 0;
    if (remaining === 0) {
      missing.push(queued);
      continue;
    }
    confirmed.set(queued.requestId, remaining - 1);
    written.push(queued);
  }
  return { written, missing, duplicates };
}
