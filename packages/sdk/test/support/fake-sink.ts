import type { BatchEvent, BatchResultRow, UsageError, UsageSink } from "../../src/index.js";

/**
 * An in-memory stand-in for log_ai_usage_batch, for pure recorder tests: stores events by request
 * id (idempotent like the real function) and fails on demand. Database behaviour itself is tested
 * against a real PostgreSQL in test/database.
 */
export class FakeSink implements UsageSink {
  readonly stored = new Map<string, BatchEvent>();
  readonly batches: BatchEvent[][] = [];
  attempts = 0;
  /** Errors to throw on the next calls, in order (undefined = succeed). */
  failures: (UsageError | undefined)[] = [];
  /** Fail every call with this error while set. */
  failAlways: UsageError | undefined;
  /** Event predicate that makes the whole call fail (like a 22023 on one bad event). */
  rejectWhen: ((event: BatchEvent) => UsageError | undefined) | undefined;
  /** Store the batch, then throw this (a commit whose answer was lost). */
  loseAnswerOnce: UsageError | undefined;
  /** Delay before answering, in ms. */
  latencyMs = 0;

  async writeBatch(events: BatchEvent[]): Promise<BatchResultRow[]> {
    this.attempts++;
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const failure = this.failures.shift() ?? this.failAlways;
    if (failure) throw failure;
    for (const event of events) {
      const rejection = this.rejectWhen?.(event);
      if (rejection) throw rejection;
    }
    this.batches.push(events);
    const rows = events.map((event, index) => {
      const inserted = !this.stored.has(event.request_id);
      if (inserted) this.stored.set(event.request_id, event);
      return { event_index: index, id: `row-${event.request_id}`, request_id: event.request_id, inserted };
    });
    if (this.loseAnswerOnce) {
      const lost = this.loseAnswerOnce;
      this.loseAnswerOnce = undefined;
      throw lost;
    }
    return rows;
  }
}
