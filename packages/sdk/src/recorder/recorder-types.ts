import type { UsageEventInput } from "../schemas/usage-event.js";

/** Live counters; read them any time through `recorder.stats`. */
export interface UsageRecorderStats {
  /** Events taken into the buffer. */
  accepted: number;
  /** Events the database confirmed (new rows plus request ids it already had). */
  written: number;
  /** Of `written`, events whose request id was already stored (`inserted = false`). */
  duplicates: number;
  /** Batch writes that failed transiently and were tried again. */
  retried: number;
  /** Events that will not be written (overflow, after close, rejected, retries exhausted, close deadline). */
  dropped: number;
  /** Events buffered or being written right now. */
  pending: number;
}

export interface CloseResult {
  /** True when everything was written (or dropped for a reported reason) before the deadline. */
  drained: boolean;
  /** Events given up at the deadline (counted in `stats.dropped`, reported through `onError`). */
  undelivered: number;
  stats: UsageRecorderStats;
}

export interface UsageRecorder {
  /**
   * Validates the event synchronously and buffers it; returns its request id. Throws
   * `UsageValidationError` (naming the field) for bad input; never throws or rejects because of
   * the database.
   */
  record(event: UsageEventInput): string;
  /**
   * Like `record`, but never throws: invalid input (or a builder function that throws) is reported
   * through `onError` and counted as dropped. Provider wrappers use this, so recording can never
   * break the AI call it measures.
   */
  tryRecord(event: UsageEventInput | (() => UsageEventInput)): string | undefined;
  /** Resolves once every event recorded before the call is written or dropped. */
  flush(): Promise<void>;
  /** Stops accepting events and drains within `timeoutMs` (default `closeTimeoutMs`); idempotent. */
  close(options?: { timeoutMs?: number }): Promise<CloseResult>;
  readonly stats: UsageRecorderStats;
}
