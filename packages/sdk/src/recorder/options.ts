import { z } from "zod";
import type { UsageSink } from "../database/function-sink.js";
import type { UsageError } from "../errors/usage-error.js";
import { UsageValidationError } from "../errors/validation-error.js";

export interface RetryOptions {
  /** Delay before the first retry, in milliseconds. Default 100. */
  initialDelayMs?: number;
  /** Cap on any single delay, in milliseconds. Default 5000. */
  maxDelayMs?: number;
  /**
   * Attempts per batch (first try included) before its events are dropped and reported.
   * Default `Infinity`: during an outage the recorder keeps the batch and keeps trying; the bounded
   * buffer (`maxBufferSize`) is what limits memory, and `close()`'s deadline what limits shutdown.
   */
  maxAttempts?: number;
}

export interface UsageRecorderOptions {
  /** Where batches go: `createPgSink`, `createPrismaSink`, `createSupabaseSink` or your own. */
  sink: UsageSink;
  /** Events per `log_ai_usage_batch` call. Default 500. */
  batchSize?: number;
  /** Longest time an event waits in the buffer before a write starts, in milliseconds. Default 1000. */
  flushIntervalMs?: number;
  /**
   * Most events held at once (buffered plus in flight). Beyond it `record()` drops the event,
   * counts it in `stats.dropped` and reports it through `onError`. Default 10,000.
   */
  maxBufferSize?: number;
  /** Exponential backoff with jitter for transient failures (see `isTransientSqlState`). */
  retry?: RetryOptions;
  /**
   * Who stamps `created_at` when an event does not carry one. Default `"recorded"`: the moment
   * `record()` was called, so events buffered through an outage keep their real time. `"database"`:
   * the database's clock at insert; needed when the sink writes as a signed-in user (self-logging),
   * because the database accepts timestamps only from the server.
   */
  timestamp?: "recorded" | "database";
  /** How long `close()` keeps trying to write what is left, in milliseconds. Default 10,000. */
  closeTimeoutMs?: number;
  /**
   * Default deadline of `flush()`, in milliseconds. Default 5000; `Infinity` waits for as long as it
   * takes (never do that in a request handler: during an outage it would never return). At the
   * deadline `flush()` resolves with what is still pending; those events are not dropped, the
   * recorder keeps trying.
   */
  flushTimeoutMs?: number;
  /**
   * How long writes must keep failing before `onError` hears of the outage (`UsageDeliveryError`,
   * `state: "failing"`, with the last error and the number of events waiting), in milliseconds.
   * Default 5000. Shorter blips that a retry absorbs are only seen by `onRetry`.
   */
  outageReportAfterMs?: number;
  /**
   * While an outage lasts, how often `onError` hears of it again, in milliseconds. Default 60,000;
   * `Infinity` = only once. Either way it hears once more (`state: "recovered"`) when the database
   * answers again.
   */
  outageReportIntervalMs?: number;
  /**
   * Receives every problem the recorder does not throw: dropped events (`UsageEventsDroppedError`
   * with the reason, count and request ids; the database error as `cause`), an ongoing outage
   * (`UsageDeliveryError`), and validation errors from `tryRecord()` (`UsageUserIdError` for a
   * userId that is not a UUID). Default: `console.error`. Exceptions thrown by it are ignored.
   */
  onError?: (error: UsageError) => void;
  /** Called before each retry (for metrics/logs); `attempt` is the attempt that failed. Optional. */
  onRetry?: (error: UsageError, attempt: number, delayMs: number) => void;
}

const positiveInt = z.int().min(1);
const millisecondsOrInfinity = z.union([z.number().min(0), z.literal(Number.POSITIVE_INFINITY)], {
  error: "must be a number of milliseconds (0 or more) or Infinity",
});
const OptionsSchema = z.object({
  sink: z.custom<UsageSink>(
    (value) => typeof (value as UsageSink | undefined)?.writeBatch === "function",
    "must be a sink (an object with writeBatch)",
  ),
  batchSize: positiveInt.max(10_000).default(500),
  flushIntervalMs: z.int().min(0).default(1000),
  maxBufferSize: positiveInt.default(10_000),
  retry: z
    .object({
      initialDelayMs: z.number().min(0).default(100),
      maxDelayMs: z.number().min(0).default(5000),
      maxAttempts: z
        .union([positiveInt, z.literal(Number.POSITIVE_INFINITY)])
        .default(Number.POSITIVE_INFINITY),
    })
    .default({ initialDelayMs: 100, maxDelayMs: 5000, maxAttempts: Number.POSITIVE_INFINITY }),
  timestamp: z.enum(["recorded", "database"]).default("recorded"),
  closeTimeoutMs: z.int().min(0).default(10_000),
  flushTimeoutMs: millisecondsOrInfinity.default(5000),
  outageReportAfterMs: z.int().min(0).default(5000),
  outageReportIntervalMs: z.union([positiveInt, z.literal(Number.POSITIVE_INFINITY)]).default(60_000),
  onError: z
    .custom<(error: UsageError) => void>((value) => typeof value === "function")
    .default(() => (error: UsageError) => console.error("[ai-usage]", error)),
  onRetry: z
    .custom<(error: UsageError, attempt: number, delayMs: number) => void>(
      (value) => typeof value === "function",
    )
    .optional(),
});

export type RecorderSettings = z.output<typeof OptionsSchema>;

export function parseRecorderOptions(options: UsageRecorderOptions): RecorderSettings {
  const parsed = OptionsSchema.safeParse(options);
  if (!parsed.success) throw UsageValidationError.fromZod(parsed.error, "options", "createUsageRecorder");
  return parsed.data;
}

export interface FlushOptions {
  /** Longest wait, in milliseconds (0 or more, or `Infinity`). Default: the recorder's `flushTimeoutMs`. */
  timeoutMs?: number;
}

const FlushOptionsSchema = z.object({ timeoutMs: millisecondsOrInfinity.optional() }).optional();

/** The deadline one `flush()` call waits for; bad input throws like bad recorder options. */
export function flushTimeout(options: FlushOptions | undefined, settings: RecorderSettings): number {
  const parsed = FlushOptionsSchema.safeParse(options);
  if (!parsed.success) throw UsageValidationError.fromZod(parsed.error, "arguments", "flush");
  return parsed.data?.timeoutMs ?? settings.flushTimeoutMs;
}
