import { UsageDeliveryError } from "../errors/delivery-error.js";
import type { UsageError } from "../errors/usage-error.js";
import type { RecorderSettings } from "./options.js";
import { MAX_TIMER_MS, unrefTimer } from "./timers.js";

interface Outage {
  since: number;
  failedAttempts: number;
  lastError: UsageError;
  /** When onError last heard of it; undefined = not yet (it may still be a blip). */
  reportedAt: number | undefined;
}

/**
 * Whether batches reach the database, so that an outage is heard of while it lasts and not only
 * when close() gives up on it: onError gets a UsageDeliveryError once writes have kept failing for
 * `outageReportAfterMs`, again every `outageReportIntervalMs`, and once when the database answers
 * again. Reports run on their own (unreferenced) timer, so they come on time even while an attempt
 * hangs on a connect timeout.
 */
export class DeliveryHealth {
  private outage: Outage | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly settings: Pick<RecorderSettings, "outageReportAfterMs" | "outageReportIntervalMs">,
    private readonly pending: () => number,
    private readonly report: (error: UsageError) => void,
  ) {}

  /** The error writes are failing with, while they are. */
  get failure(): UsageError | undefined {
    return this.outage?.lastError;
  }

  /** A write failed with a transient error (it will be retried). */
  failed(error: UsageError): void {
    this.outage ??= { since: Date.now(), failedAttempts: 0, lastError: error, reportedAt: undefined };
    this.outage.failedAttempts++;
    this.outage.lastError = error;
    this.schedule();
  }

  /** The database answered a write (stored it, or refused it for a reason of its own). */
  answered(): void {
    const outage = this.outage;
    if (!outage) return;
    this.outage = undefined;
    this.stop();
    if (outage.reportedAt !== undefined) this.report(deliveryError("recovered", outage, this.pending()));
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    const outage = this.outage;
    if (this.timer || !outage) return;
    const due =
      outage.reportedAt === undefined
        ? outage.since + this.settings.outageReportAfterMs
        : outage.reportedAt + this.settings.outageReportIntervalMs;
    if (!Number.isFinite(due)) return;
    this.timer = setTimeout(
      () => this.reportIfStillFailing(),
      Math.min(MAX_TIMER_MS, Math.max(0, due - Date.now())),
    );
    unrefTimer(this.timer);
  }

  private reportIfStillFailing(): void {
    this.timer = undefined;
    const outage = this.outage;
    const pending = this.pending();
    // Nothing waits (close() gave up, or retries ran out): the next failure re-arms the report.
    if (!outage || pending === 0) return;
    outage.reportedAt = Date.now();
    this.report(deliveryError("failing", outage, pending));
    this.schedule();
  }
}

function deliveryError(state: "failing" | "recovered", outage: Outage, pending: number): UsageDeliveryError {
  const failingForMs = Date.now() - outage.since;
  const duration = `${Math.round(failingForMs / 100) / 10} s, ${outage.failedAttempts} failed attempt(s)`;
  const message =
    state === "failing"
      ? `usage events are not reaching the database (failing for ${duration}): ${outage.lastError.message}; ` +
        `${pending} event(s) waiting in the buffer are kept and retried`
      : `usage events reach the database again after ${duration}; ${pending} event(s) waiting are being written`;
  return new UsageDeliveryError(message, {
    retryable: state === "failing",
    context: {
      state,
      failingSince: new Date(outage.since).toISOString(),
      failingForMs,
      failedAttempts: outage.failedAttempts,
      pending,
    },
    cause: outage.lastError,
  });
}
