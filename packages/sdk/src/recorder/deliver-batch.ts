import type { UsageSink } from "../database/function-sink.js";
import { UsageDatabaseError } from "../errors/database-errors.js";
import type { DropReason } from "../errors/dropped-error.js";
import { UsageError } from "../errors/usage-error.js";
import type { BatchResultRow } from "../schemas/batch-result.js";
import type { BatchEvent } from "../schemas/usage-event.js";
import { backoffDelay } from "./backoff.js";
import type { RecorderSettings } from "./options.js";
import { sleep } from "./timers.js";

export interface QueuedEvent {
  batchEvent: BatchEvent;
  requestId: string;
}

export interface DeliveryHandlers {
  sink: UsageSink;
  retry: RecorderSettings["retry"];
  /** Aborted by `close()` at its deadline: stop waiting and stop retrying. */
  signal: AbortSignal;
  written(events: QueuedEvent[], rows: BatchResultRow[]): void;
  dropped(events: QueuedEvent[], reason: DropReason, error: UsageError): void;
  retrying(error: UsageError, attempt: number, delayMs: number): void;
  random?: () => number;
}

/**
 * Writes one batch: retries transient failures with backoff until it succeeds or attempts run
 * out; a data error (SQLSTATE class 22/23) is narrowed down by halving the batch so only the bad
 * event is dropped; any other permanent error drops the batch. Every retry resends the same request
 * ids, so a write that succeeded but whose answer was lost is not counted twice.
 */
export async function deliverBatch(events: QueuedEvent[], handlers: DeliveryHandlers): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (handlers.signal.aborted) return;
    const outcome = await attemptWrite(handlers.sink, events);
    // Bookkeeping runs outside the attempt: only the sink's own failures are retried.
    if ("rows" in outcome) {
      if (!handlers.signal.aborted) handlers.written(events, outcome.rows);
      return;
    }
    const error = outcome.error;
    if (handlers.signal.aborted) return;
    if (!error.retryable) {
      if (isDataError(error) && events.length > 1) {
        const middle = Math.ceil(events.length / 2);
        await deliverBatch(events.slice(0, middle), handlers);
        await deliverBatch(events.slice(middle), handlers);
      } else {
        handlers.dropped(events, "rejected", error);
      }
      return;
    }
    if (attempt >= handlers.retry.maxAttempts) {
      handlers.dropped(events, "retries_exhausted", error);
      return;
    }
    const delay = backoffDelay(attempt, handlers.retry, handlers.random);
    handlers.retrying(error, attempt, delay);
    await sleep(delay, handlers.signal);
  }
}

async function attemptWrite(
  sink: UsageSink,
  events: QueuedEvent[],
): Promise<{ rows: BatchResultRow[] } | { error: UsageError }> {
  try {
    return { rows: await sink.writeBatch(events.map((queued) => queued.batchEvent)) };
  } catch (thrown) {
    return { error: asUsageError(thrown) };
  }
}

function isDataError(error: UsageError): boolean {
  return error instanceof UsageDatabaseError && /^(22|23)/.test(error.code ?? "");
}

/** A custom sink may throw anything; what is not a UsageError is treated as permanent. */
function asUsageError(thrown: unknown): UsageError {
  if (thrown instanceof UsageError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new UsageDatabaseError(`sink failed: ${message}`, {
    retryable: false,
    context: {
      functionName: "log_ai_usage_batch",
      code: undefined,
      status: undefined,
      details: undefined,
      hint: undefined,
    },
    cause: thrown,
  });
}
