import { v7 as uuidv7 } from "uuid";
import type { DropReason } from "../errors/dropped-error.js";
import { UsageError } from "../errors/usage-error.js";
import { UsageUserIdError } from "../errors/user-id-error.js";
import { UsageValidationError } from "../errors/validation-error.js";
import { type BatchResultRow, BatchResultSchema } from "../schemas/batch-result.js";
import { toBatchEvent, type UsageEventInput, UsageEventSchema } from "../schemas/usage-event.js";
import { confirmBatch } from "./batch-confirmation.js";
import { deliverBatch, type QueuedEvent } from "./deliver-batch.js";
import { DeliveryHealth } from "./delivery-health.js";
import {
  type FlushOptions,
  flushTimeout,
  parseRecorderOptions,
  type RecorderSettings,
  type UsageRecorderOptions,
} from "./options.js";
import { droppedError, OverflowReport } from "./overflow-report.js";
import type { CloseResult, FlushResult, UsageRecorder, UsageRecorderStats } from "./recorder-types.js";
import { SettledEvents } from "./settled-events.js";
import { sleep, unrefTimer } from "./timers.js";

/** Buffers usage events and writes them in batches through a sink (see UsageRecorderOptions). */
export function createUsageRecorder(options: UsageRecorderOptions): UsageRecorder {
  return new BufferedRecorder(parseRecorderOptions(options));
}

class BufferedRecorder implements UsageRecorder {
  private readonly queue: QueuedEvent[] = [];
  private readonly inFlight = new Set<QueuedEvent>();
  private readonly counters = { accepted: 0, written: 0, duplicates: 0, retried: 0, dropped: 0 };
  private readonly settled = new SettledEvents();
  private writer: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly overflow: OverflowReport;
  private closing: Promise<CloseResult> | undefined;
  private readonly abandon = new AbortController();
  private readonly health: DeliveryHealth;
  private warnedAboutUserIds = false;

  constructor(private readonly settings: RecorderSettings) {
    this.overflow = new OverflowReport(settings, (error) => this.report(error));
    this.health = new DeliveryHealth(
      settings,
      () => this.stats.pending,
      (error) => this.report(error),
    );
  }

  get stats(): UsageRecorderStats {
    return { ...this.counters, pending: this.queue.length + this.inFlight.size };
  }

  record(input: UsageEventInput): string {
    const parsed = UsageEventSchema.safeParse(input);
    if (!parsed.success) {
      // A userId that is not a UUID can never be stored; it gets its own error, whatever else is wrong.
      if (parsed.error.issues.some((issue) => issue.path[0] === "userId")) {
        throw UsageUserIdError.fromEvent(parsed.error, (input as { userId?: unknown } | null)?.userId);
      }
      throw UsageValidationError.fromZod(parsed.error, "event", "event");
    }
    const event = parsed.data;
    const requestId = event.requestId ?? uuidv7();
    const createdAt =
      event.createdAt !== undefined
        ? new Date(event.createdAt)
        : this.settings.timestamp === "recorded"
          ? new Date()
          : undefined;
    if (this.closing) {
      this.counters.dropped++;
      this.report(droppedError([requestId], "recorder_closed", "record() called after close()"));
      return requestId;
    }
    if (this.queue.length + this.inFlight.size >= this.settings.maxBufferSize) {
      this.counters.dropped++;
      this.overflow.add(requestId);
      return requestId;
    }
    this.queue.push({ batchEvent: toBatchEvent(event, requestId, createdAt), requestId });
    this.counters.accepted++;
    if (this.queue.length >= this.settings.batchSize) this.startWriter();
    else this.armTimer();
    return requestId;
  }

  tryRecord(input: UsageEventInput | (() => UsageEventInput)): string | undefined {
    try {
      return this.record(typeof input === "function" ? input() : input);
    } catch (error) {
      this.counters.dropped++;
      if (error instanceof UsageUserIdError) this.warnOnceAboutUserIds(error);
      this.report(error instanceof UsageError ? error : UsageValidationError.fromThrown(error, "context"));
      return undefined;
    }
  }

  flush(options?: FlushOptions): Promise<FlushResult> {
    const timeoutMs = flushTimeout(options, this.settings);
    const target = this.counters.accepted;
    if (this.settled.count < target) this.startWriter();
    return this.settled.reached(target, timeoutMs).then(() => {
      const pending = Math.max(0, target - this.settled.count);
      return {
        drained: pending === 0,
        pending,
        failure: pending > 0 ? this.health.failure : undefined,
        stats: this.stats,
      };
    });
  }

  close(options: { timeoutMs?: number } = {}): Promise<CloseResult> {
    this.closing ??= this.drainBeforeDeadline(options.timeoutMs ?? this.settings.closeTimeoutMs);
    return this.closing;
  }

  private async drainBeforeDeadline(timeoutMs: number): Promise<CloseResult> {
    this.clearTimer();
    const deadline = new AbortController();
    // Kept referenced: the process waits for close() to finish, but never past its deadline.
    const timedOut = sleep(timeoutMs, deadline.signal, true).then(() => !deadline.signal.aborted);
    if (this.settled.count < this.counters.accepted) this.startWriter();
    const drained = this.settled.reached(this.counters.accepted, Number.POSITIVE_INFINITY).then(() => false);
    const reachedDeadline = await Promise.race([drained, timedOut]);
    deadline.abort();
    let undelivered = 0;
    if (reachedDeadline) {
      const leftover = [...this.inFlight, ...this.queue];
      undelivered = leftover.length;
      this.abandon.abort();
      this.inFlight.clear();
      this.queue.length = 0;
      if (leftover.length > 0) {
        this.drop(leftover, "close_timeout", undefined);
      }
    }
    this.overflow.reportNow();
    this.health.stop();
    return { drained: !reachedDeadline, undelivered, stats: this.stats };
  }

  private startWriter(): void {
    this.clearTimer();
    if (this.writer || this.abandon.signal.aborted) return;
    this.writer = this.writeAll()
      // Last resort: a bug here must surface through onError, not as an unhandled rejection.
      .catch((error: unknown) => this.report(UsageValidationError.fromThrown(error, "result")))
      .finally(() => {
        this.writer = undefined;
        if (this.queue.length > 0) this.startWriter();
      });
  }

  /** One writer at a time, batches in acceptance order, until the queue is empty. */
  private async writeAll(): Promise<void> {
    while (this.queue.length > 0 && !this.abandon.signal.aborted) {
      const batch = this.queue.splice(0, this.settings.batchSize);
      for (const queued of batch) this.inFlight.add(queued);
      await deliverBatch(batch, {
        sink: this.settings.sink,
        retry: this.settings.retry,
        signal: this.abandon.signal,
        written: (events, rows) => {
          this.acknowledge(events, rows);
          this.health.answered();
        },
        dropped: (events, reason, error) => {
          this.drop(events, reason, error);
          if (reason === "retries_exhausted") this.health.failed(error);
          else this.health.answered();
        },
        retrying: (error, attempt, delayMs) => {
          this.counters.retried++;
          this.health.failed(error);
          this.safely(() => this.settings.onRetry?.(error, attempt, delayMs));
        },
      });
    }
  }

  private acknowledge(events: QueuedEvent[], answer: BatchResultRow[]): void {
    // A custom sink may answer anything; what is not one row per stored event confirms nothing.
    const parsed = BatchResultSchema.safeParse(answer);
    if (!parsed.success) {
      this.drop(events, "rejected", UsageValidationError.fromZod(parsed.error, "result", "writeBatch"));
      return;
    }
    const { written, missing, duplicates } = confirmBatch(events, parsed.data);
    for (const queued of written) this.inFlight.delete(queued);
    this.counters.duplicates += duplicates;
    this.counters.written += written.length;
    this.settled.add(written.length);
    if (missing.length > 0) this.drop(missing, "rejected", undefined);
  }

  private drop(events: QueuedEvent[], reason: DropReason, cause: UsageError | undefined): void {
    for (const queued of events) this.inFlight.delete(queued);
    this.counters.dropped += events.length;
    const requestIds = events.map((queued) => queued.requestId);
    const why = cause ? cause.message : describe(reason);
    this.report(droppedError(requestIds, reason, why, cause));
    this.settled.add(events.length);
  }

  private armTimer(): void {
    if (this.timer || this.writer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.startWriter();
    }, this.settings.flushIntervalMs);
    unrefTimer(this.timer);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * Provider wrappers record through tryRecord, so a userId that is not a UUID would otherwise show
   * up only as one onError line per AI call while no usage is stored; say it plainly, once.
   */
  private warnOnceAboutUserIds(error: UsageUserIdError): void {
    if (this.warnedAboutUserIds) return;
    this.warnedAboutUserIds = true;
    this.safely(() =>
      console.warn(
        `[ai-usage] No usage is recorded for AI calls whose userId is missing or not a UUID. ${error.message} ` +
          "Every such call is also reported through onError (UsageUserIdError); this warning is shown once.",
      ),
    );
  }

  private report(error: UsageError): void {
    this.safely(() => this.settings.onError(error));
  }

  private safely(callback: () => void): void {
    try {
      callback();
    } catch {
      // A failing error handler must not break recording (nor the AI call around it).
    }
  }
}

function describe(reason: DropReason): string {
  if (reason === "close_timeout") return "close() deadline reached before they were confirmed written";
  if (reason === "rejected") return "the database did not confirm them";
  return reason;
}
