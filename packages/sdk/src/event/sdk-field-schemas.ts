import { z } from "zod";
import { databaseText, storableText, truncateCharacters } from "../schemas/text.js";
import type { UsageEventField } from "./usage-event-fields.js";

/**
 * zod schemas for the fields of `record()`'s event, built from their definitions (limits and
 * messages in one place). Whether a field may be absent is applied where the event schema is
 * assembled (src/schemas/usage-event.ts), which keeps its inferred types exact; a test checks
 * that against the definition too.
 */

type FieldOf<K extends UsageEventField["kind"]> = Extract<UsageEventField, { kind: K }>;

export function uuidSchema(_field: FieldOf<"uuid">) {
  return z.guid({ error: "must be a UUID" });
}

/** Text as the database stores it: well-formed, `minLength..maxLength` characters. */
export function textSchema(field: FieldOf<"text">) {
  return databaseText(field.minLength, field.maxLength);
}

/**
 * Optional text where `""` plainly means "none" (`user.email ?? ""`): the database refuses an
 * empty string there, so it is dropped instead of failing the event.
 */
export function emptyMeansAbsentTextSchema(field: FieldOf<"text">) {
  return databaseText(0, field.maxLength)
    .nullish()
    .transform((text) => (text === "" ? undefined : text));
}

/**
 * Text from somewhere else (an upstream error message): made storable (NUL removed, lone
 * surrogates replaced) and cut to `maxLength` characters rather than refused; `""` = none.
 */
export function truncatedTextSchema(field: FieldOf<"text">) {
  return z
    .string({ error: "must be a string" })
    .nullish()
    .transform((text) =>
      text == null || text === "" ? undefined : truncateCharacters(storableText(text), field.maxLength),
    );
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export function integerSchema(field: FieldOf<"integer">) {
  if (field.min === INT32_MIN && field.max === INT32_MAX) {
    return z.int32({ error: "must be a 32-bit integer" });
  }
  const error = `must be an integer between ${field.min} and ${field.max}`;
  return z.int({ error }).min(field.min, { error }).max(field.max, { error });
}

export function enumSchema<const V extends readonly [string, ...string[]]>(field: { values: V }) {
  const error = `must be ${field.values.map((value) => `'${value}'`).join(" or ")}`;
  return z.enum(field.values, { error });
}

/** A Date or an ISO 8601 timestamp with a zone, in the window the database accepts (by this clock). */
export function timestampSchema(field: FieldOf<"timestamptz">) {
  const earliest = Date.parse(field.earliest);
  const aheadMs = field.maxAheadMinutes * 60_000;
  return z
    .union([z.date(), z.iso.datetime({ offset: true })], { error: "must be a Date or an ISO 8601 timestamp" })
    .refine(
      (value) => {
        const at = new Date(value).getTime();
        return at >= earliest && at <= Date.now() + aheadMs;
      },
      { message: `must be after ${field.earliest.slice(0, 10)} and not in the future` },
    );
}
