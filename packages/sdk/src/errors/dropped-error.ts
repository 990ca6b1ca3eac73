import { UsageError } from "./usage-error.js";

export type DropReason =
  /** The recorder's buffer was full (`maxBufferSize`). */
  | "buffer_overflow"
  /** `record()` was called after `close()`. */
  | "recorder_closed"
  /** The database rejected the events (validation 22023, permission 42501, or another non-transient error). */
  | "rejected"
  /** A transient failure outlasted `retry.maxAttempts`. */
  | "retries_exhausted"
  /** `close()` reached its deadline before these events were confirmed written. */
  | "close_timeout";

export interface EventsDroppedContext {
  reason: DropReason;
  /** How many events this report covers. */
  count: number;
  /** The request ids of those events (an ambiguous write may still have stored some of them). */
  requestIds: string[];
}

/**
 * Reported through `onError` (never thrown) when accepted or offered events will not be written.
 * The underlying failure, if any, is `cause`.
 */
export class UsageEventsDroppedError extends UsageError<EventsDroppedContext> {
  override readonly name = "UsageEventsDroppedError" as const;
}
