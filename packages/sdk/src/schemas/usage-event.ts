import { z } from "zod";
import { databaseText, storableText, truncateCharacters } from "./text.js";

/** The database limit on `error_message`; longer messages are truncated, not rejected. */
export const ERROR_MESSAGE_MAX_CHARACTERS = 4000;

const MAX_TOKENS = 100_000_000;
const MAX_LATENCY_MS = 86_400_000;

/**
 * Optional text: the database rejects an empty string for these, while "" plainly means "none"
 * (`user.email ?? ""`), so it is stored as absent instead of failing the event.
 */
function optionalText(max: number) {
  return databaseText(0, max)
    .nullish()
    .transform((text) => (text === "" ? undefined : text));
}

const EARLIEST_CREATED_AT = Date.parse("2000-01-01T00:00:00Z");
const ALLOWED_CLOCK_SKEW_MS = 60 * 60 * 1000;

const tokenCount = z
  .int({ error: `must be an integer between 0 and ${MAX_TOKENS}` })
  .min(0, { error: `must be an integer between 0 and ${MAX_TOKENS}` })
  .max(MAX_TOKENS, { error: `must be an integer between 0 and ${MAX_TOKENS}` });

/**
 * One AI request to record, as the caller writes it. Mirrors `log_ai_usage_batch`'s event object
 * (docs/database-api.md) in camelCase, with the same limits, so bad input fails here, at the call
 * site, instead of failing a whole batch later. Unknown keys are rejected (they are usually typos).
 */
export const UsageEventSchema = z.strictObject({
  /** The logged-in user who made the request (auth.uid()); an impersonating admin is charged as the admin. */
  userId: z.guid({ error: "must be a UUID" }),
  userEmail: optionalText(320),
  /** The customer being viewed or helped, kept for audit; not who is charged. */
  customerId: z.int32({ error: "must be a 32-bit integer" }).nullish(),
  customerName: optionalText(200),
  /** Free-form category such as 'report', 'insight', 'scheduled', 'widget'. Default 'report'. */
  requestType: databaseText(1, 64).default("report"),
  /** Groups the turns of one conversation. */
  sessionId: optionalText(200),
  /** The model id the provider reports, e.g. 'claude-sonnet-4-20250514'; it selects the price. Required. */
  modelUsed: databaseText(1, 200),
  /** 'anthropic', 'openai', ...; omitted = taken from the database's price catalog. */
  provider: databaseText(1, 64).nullish(),
  /** Uncached input tokens (Anthropic `input_tokens`; OpenAI `prompt_tokens - cached_tokens`). */
  inputTokens: tokenCount.default(0),
  /** Output tokens, reasoning included. */
  outputTokens: tokenCount.default(0),
  /** Prompt-cache writes with the 5-minute TTL. */
  cacheWrite5mTokens: tokenCount.default(0),
  /** Prompt-cache writes with the 1-hour TTL. */
  cacheWrite1hTokens: tokenCount.default(0),
  /** Prompt-cache reads. */
  cacheReadTokens: tokenCount.default(0),
  /** Wall-clock duration of the provider call in milliseconds (0..86,400,000). */
  latencyMs: z
    .int({ error: `must be an integer between 0 and ${MAX_LATENCY_MS}` })
    .min(0, { error: `must be an integer between 0 and ${MAX_LATENCY_MS}` })
    .max(MAX_LATENCY_MS, { error: `must be an integer between 0 and ${MAX_LATENCY_MS}` })
    .nullish(),
  toolTurns: tokenCount.default(0),
  status: z.enum(["success", "error"], { error: "must be 'success' or 'error'" }).default("success"),
  /** Truncated to 4000 characters (NUL removed, lone surrogates replaced) rather than rejected; "" = none. */
  errorMessage: z
    .string({ error: "must be a string" })
    .nullish()
    .transform((text) =>
      text == null || text === ""
        ? undefined
        : truncateCharacters(storableText(text), ERROR_MESSAGE_MAX_CHARACTERS),
    ),
  /**
   * Idempotency key: the provider's message id when known. Omitted = a UUIDv7 made at record time,
   * so retries of the same event never count twice.
   */
  requestId: databaseText(1, 200).optional(),
  /** When the request happened. Omitted = the moment `record()` was called (not when it is written). */
  createdAt: z
    .union([z.date(), z.iso.datetime({ offset: true })], { error: "must be a Date or an ISO 8601 timestamp" })
    .refine(
      (value) => {
        const at = new Date(value).getTime();
        return at >= EARLIEST_CREATED_AT && at <= Date.now() + ALLOWED_CLOCK_SKEW_MS;
      },
      { message: "must be after 2000-01-01 and not in the future" },
    )
    .optional(),
});

/** What callers pass to `record()`. */
export type UsageEventInput = z.input<typeof UsageEventSchema>;
/** A validated event, defaults applied. */
export type UsageEvent = z.output<typeof UsageEventSchema>;

/**
 * The JSON object `log_ai_usage_batch(p_events jsonb)` receives for one event (snake_case, the
 * function's parameter names without `p_`). The SDK always sets the request id, and the timestamp
 * unless the recorder leaves it to the database.
 */
export const BatchEventSchema = z.object({
  user_id: z.string(),
  user_email: z.string().optional(),
  customer_id: z.number().optional(),
  customer_name: z.string().optional(),
  request_type: z.string(),
  session_id: z.string().optional(),
  model_used: z.string(),
  provider: z.string().optional(),
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_write_5m_tokens: z.number(),
  cache_write_1h_tokens: z.number(),
  cache_read_tokens: z.number(),
  latency_ms: z.number().optional(),
  tool_turns: z.number(),
  status: z.enum(["success", "error"]),
  error_message: z.string().optional(),
  request_id: z.string(),
  created_at: z.string().optional(),
});
export type BatchEvent = z.infer<typeof BatchEventSchema>;

/**
 * Maps a validated event onto the batch function's JSON; absent optional fields stay absent
 * (`createdAt` undefined = the database stamps the row itself).
 */
export function toBatchEvent(event: UsageEvent, requestId: string, createdAt: Date | undefined): BatchEvent {
  const optional = <T>(value: T | null | undefined): T | undefined => value ?? undefined;
  const batchEvent: BatchEvent = {
    user_id: event.userId,
    user_email: optional(event.userEmail),
    customer_id: optional(event.customerId),
    customer_name: optional(event.customerName),
    request_type: event.requestType,
    session_id: optional(event.sessionId),
    model_used: event.modelUsed,
    provider: optional(event.provider),
    input_tokens: event.inputTokens,
    output_tokens: event.outputTokens,
    cache_write_5m_tokens: event.cacheWrite5mTokens,
    cache_write_1h_tokens: event.cacheWrite1hTokens,
    cache_read_tokens: event.cacheReadTokens,
    latency_ms: optional(event.latencyMs),
    tool_turns: event.toolTurns,
    status: event.status,
    error_message: optional(event.errorMessage),
    request_id: requestId,
    created_at: createdAt?.toISOString(),
  };
  for (const key of Object.keys(batchEvent) as (keyof BatchEvent)[]) {
    if (batchEvent[key] === undefined) delete batchEvent[key];
  }
  return batchEvent;
}
