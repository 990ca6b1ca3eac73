import { z } from "zod";
import { databaseText } from "../schemas/text.js";
import {
  USAGE_EVENT_FIELDS,
  type UsageEventField,
  type UsageEventFieldDefinition,
} from "./usage-event-fields.js";

type WireValue<F> = F extends { kind: "integer" }
  ? number
  : F extends { kind: "enum"; values: readonly (infer V)[] }
    ? V
    : string;

/**
 * The JSON object `log_ai_usage_batch(p_events jsonb)` receives for one event, as the SDK sends
 * it: snake_case keys, absent fields left out, and always a request id (made at `record()`).
 */
export type BatchEvent = { [F in UsageEventFieldDefinition as F["json"]]?: WireValue<F> } & {
  user_id: string;
  request_id: string;
};

// The database's own pattern (_ai_usage_event_problems): a date, a time, and a zone.
const ISO_TIMESTAMP_WITH_ZONE =
  /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}(:?\d{2})?)$/;

/** The forms the pattern allows, rewritten into one that `Date.parse` reads. */
function parseTimestamp(text: string): number {
  const [, date, time, zone] = /^(.{10}).(.+?)(Z|z|[+-].*)$/.exec(text) ?? [];
  if (!date || !time || !zone) return Number.NaN;
  const offset = /^[+-]\d{2}$/.test(zone) ? `${zone}:00` : zone.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
  return Date.parse(`${date}T${time}${offset.toUpperCase()}`);
}

/** One field's JSON value as the database validates it; JSON null or missing = its default. */
function wireFieldSchema(field: UsageEventField): z.ZodType {
  switch (field.kind) {
    case "uuid": {
      const uuid = z.guid({ error: "must be a UUID" });
      return "required" in field.whenAbsent ? uuid : uuid.nullish();
    }
    case "text":
      return databaseText(field.minLength, field.maxLength).nullish();
    case "integer":
      return z.int().min(field.min).max(field.max).nullish();
    case "enum":
      return z.enum(field.values).nullish();
    case "timestamptz": {
      const earliest = Date.parse(field.earliest);
      const aheadMs = field.maxAheadMinutes * 60_000;
      // Calendar details (Feb 30, a leap second) are left to PostgreSQL's own parser.
      return z
        .string()
        .regex(ISO_TIMESTAMP_WITH_ZONE)
        .refine((text) => {
          const at = parseTimestamp(text);
          return at >= earliest && at <= Date.now() + aheadMs;
        })
        .nullish();
    }
  }
}

/**
 * What `log_ai_usage_batch` accepts in one event object, built from the definition: the contract
 * in executable form (test/event-definition-sql.test.ts checks the database agrees with it).
 */
export const BatchEventSchema = z.strictObject(
  Object.fromEntries(USAGE_EVENT_FIELDS.map((field) => [field.json, wireFieldSchema(field)])),
) as unknown as z.ZodType<BatchEvent, { [K in keyof BatchEvent]?: BatchEvent[K] | null }>;
