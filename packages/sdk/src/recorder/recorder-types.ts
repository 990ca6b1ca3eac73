import type { UsageError } from "../errors/usage-error.js";
import type { UsageEventInput } from "../schemas/usage-event.js";
import type { FlushOptions } from "./options.js";

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

export interface FlushResult {
  /** True when every event recorded before the call was written (or dropped and reported) in time. */
  drained: boolean;
  /**
   * Of the events recorded before the call, how many were still buffered or being written at the
   * deadline. They are not dropped: the recorder keeps trying (`close()` gives up on them at its own
   * deadline, and reports them).
   */
  pending: number;
  /** While writes are failing (an outage): the last failure, e.g. a `UsageConnectionError`. */
  failure: UsageError | undefined;
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
  /**
   * Resolves once every event recorded before the call is written or dropped, or at the deadline
   * (`timeoutMs`, default `flushTimeoutMs`: 5 s), whichever comes first; never rejects. During an
   * outage it therefore returns `{ drained: false, pending, failure }` instead of hanging, which is
   * what a serverless handler that awaits it before returning needs. Throws `UsageValidationError`
   * only for a `timeoutMs` that is not 0 or more (or `Infinity`).
   */
  flush(options?: FlushOptions): Promise<FlushResult>;
  /** Stops accepting events and drains within `timeoutMs` (default `closeTimeoutMs`); idempotent. */
  close(options?: { timeoutMs?: number }): Promise<CloseResult>;
  readonly stats: UsageRecorderStats;
}
