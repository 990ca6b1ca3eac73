import { UsageError } from "./usage-error.js";

export interface DeliveryErrorContext {
  /** "failing": batches have kept failing to reach the database; "recovered": it answers again. */
  state: "failing" | "recovered";
  /** When the first write of this outage failed (ISO 8601). */
  failingSince: string;
  /** How long writes had been failing when this was reported, in milliseconds. */
  failingForMs: number;
  /** Write attempts that failed during this outage so far. */
  failedAttempts: number;
  /** Events waiting (buffered or in flight) when this was reported; they are kept and retried. */
  pending: number;
}

/**
 * Reported through `onError` (never thrown) while the database cannot be reached: once when writes
 * have kept failing for `outageReportAfterMs`, again every `outageReportIntervalMs` while they still
 * fail, and once with `state: "recovered"` when the database answers again. The last failure is
 * `cause`. Nothing is dropped because of it; drops are reported as `UsageEventsDroppedError`.
 */
export class UsageDeliveryError extends UsageError<DeliveryErrorContext> {
  override readonly name = "UsageDeliveryError" as const;
}
