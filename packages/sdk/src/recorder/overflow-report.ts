import { type DropReason, UsageEventsDroppedError } from "../errors/dropped-error.js";
import type { UsageError } from "../errors/usage-error.js";
import type { RecorderSettings } from "./options.js";

export function droppedError(
  requestIds: string[],
  reason: DropReason,
  why: string,
  cause?: UsageError,
): UsageEventsDroppedError {
  return new UsageEventsDroppedError(`${requestIds.length} usage event(s) dropped: ${why}`, {
    retryable: false,
    context: { reason, count: requestIds.length, requestIds },
    cause,
  });
}

/**
 * Events refused because the buffer was full, reported in one `UsageEventsDroppedError` per flush
 * interval (at most a second) rather than one per event: during an outage the buffer stays full
 * and a report per event would flood the error handler. The timer is kept referenced so a
 * pending report is delivered even if nothing else is running.
 */
export class OverflowReport {
  private requestIds: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly settings: Pick<RecorderSettings, "flushIntervalMs" | "maxBufferSize">,
    private readonly report: (error: UsageError) => void,
  ) {}

  add(requestId: string): void {
    this.requestIds.push(requestId);
    this.timer ??= setTimeout(() => this.reportNow(), Math.min(this.settings.flushIntervalMs, 1000));
  }

  reportNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.requestIds.length === 0) return;
    const requestIds = this.requestIds;
    this.requestIds = [];
    this.report(
      droppedError(
        requestIds,
        "buffer_overflow",
        `buffer full (maxBufferSize ${this.settings.maxBufferSize})`,
      ),
    );
  }
}
