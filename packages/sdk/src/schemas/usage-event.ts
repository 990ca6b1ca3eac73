import { z } from "zod";
import {
  emptyMeansAbsentTextSchema,
  enumSchema,
  integerSchema,
  textSchema,
  timestampSchema,
  truncatedTextSchema,
  uuidSchema,
} from "../event/sdk-field-schemas.js";
import { usageEventField as field, USAGE_EVENT_FIELDS } from "../event/usage-event-fields.js";
import type { BatchEvent } from "../event/wire-event-schema.js";

export { type BatchEvent, BatchEventSchema } from "../event/wire-event-schema.js";

/** The database limit on `error_message`; longer messages are truncated, not rejected. */
export const ERROR_MESSAGE_MAX_CHARACTERS = field("error_message").maxLength;

/** A count that takes the database's default when omitted. */
const count = (definition: Parameters<typeof integerSchema>[0] & { whenAbsent: { default: number } }) =>
  integerSchema(definition).default(definition.whenAbsent.default);

/**
 * One AI request to record, as the caller writes it: `log_ai_usage_batch`'s event object
 * (src/event/usage-event-fields.ts, docs/database-api.md) in camelCase, with the same limits, so
 * bad input fails here, at the call site, instead of failing a whole batch later. Unknown keys are
 * rejected (they are usually typos). Each field's meaning is in its definition.
 */
export const UsageEventSchema = z.strictObject({
  userId: uuidSchema(field("user_id")),
  userEmail: emptyMeansAbsentTextSchema(field("user_email")),
  customerId: integerSchema(field("customer_id")).nullish(),
  customerName: emptyMeansAbsentTextSchema(field("customer_name")),
  requestType: textSchema(field("request_type")).default(field("request_type").whenAbsent.default),
  sessionId: emptyMeansAbsentTextSchema(field("session_id")),
  /** Required here although the database has a default: a forgotten model would be priced as Sonnet. */
  modelUsed: textSchema(field("model_used")),
  provider: textSchema(field("provider")).nullish(),
  inputTokens: count(field("input_tokens")),
  outputTokens: count(field("output_tokens")),
  cacheWrite5mTokens: count(field("cache_write_5m_tokens")),
  cacheWrite1hTokens: count(field("cache_write_1h_tokens")),
  cacheReadTokens: count(field("cache_read_tokens")),
  latencyMs: integerSchema(field("latency_ms")).nullish(),
  toolTurns: count(field("tool_turns")),
  status: enumSchema(field("status")).default(field("status").whenAbsent.default),
  errorMessage: truncatedTextSchema(field("error_message")),
  /** Omitted = standard (not sent: the database's default). */
  serviceTier: enumSchema(field("service_tier")).nullish(),
  /** Omitted = a UUIDv7 made at record time, so retries of the same event never count twice. */
  requestId: textSchema(field("request_id")).optional(),
  /** Omitted = the moment `record()` was called (not when it is written). */
  createdAt: timestampSchema(field("created_at")).optional(),
  /** The hold a budget guard's `reserve()` returned; recording it settles the hold. */
  budgetHoldId: uuidSchema(field("budget_hold_id")).nullish(),
});

/** The price tier a request ran at (`service_tier`): standard, batch, flex, priority or fast. */
export type ServiceTier = (typeof SERVICE_TIERS)[number];
export const SERVICE_TIERS = field("service_tier").values;

/** What callers pass to `record()`. */
export type UsageEventInput = z.input<typeof UsageEventSchema>;
/** A validated event, defaults applied. */
export type UsageEvent = z.output<typeof UsageEventSchema>;

/**
 * Maps a validated event onto the batch function's JSON, key by key from the definition; absent
 * optional fields stay absent (`createdAt` undefined = the database stamps the row itself).
 */
export function toBatchEvent(event: UsageEvent, requestId: string, createdAt: Date | undefined): BatchEvent {
  const batchEvent: Record<string, unknown> = {};
  for (const { json, sdk } of USAGE_EVENT_FIELDS) {
    const value = event[sdk.key];
    if (value != null) batchEvent[json] = value;
  }
  batchEvent.request_id = requestId;
  if (createdAt) batchEvent.created_at = createdAt.toISOString();
  else delete batchEvent.created_at;
  return batchEvent as BatchEvent;
}
