import { USAGE_EVENT_FIELDS, type UsageEventField } from "../src/event/usage-event-fields.js";

/** The key is left out of the event. */
export const ABSENT = Symbol("absent");

/**
 * One value of one field, and what the definition says happens to it: whether
 * `log_ai_usage_batch` stores the event, and whether `record()` takes it. Built from the
 * definition's limits alone, so a limit changed on one side only makes some case disagree.
 */
export interface BoundaryCase {
  field: UsageEventField;
  /** What the value is: "max", "max+1", "wrong type", ... */
  label: string;
  /** The JSON value (for record(), the same value under the SDK key). */
  value: unknown;
  /** The database stores the event. */
  accepted: boolean;
  /** `record()` takes it (it may then send something else: a default, a cut message). */
  sdkAccepted: boolean;
}

/** What the database needs to build its cases: its clock (timestamps are relative to now()). */
export interface CaseClock {
  /** The database's now(), in milliseconds. */
  nowMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function rulesFor(field: UsageEventField) {
  const sdk = field.sdk as { required?: true; acceptsNull?: true; emptyMeansAbsent?: true; truncates?: true };
  const required = "required" in field.whenAbsent;
  return { sdk, required };
}

/** Missing and JSON null: the database's default (or refusal); the SDK by its own rules. */
function absenceCases(field: UsageEventField): BoundaryCase[] {
  const { sdk, required } = rulesFor(field);
  return [
    { field, label: "missing", value: ABSENT, accepted: !required, sdkAccepted: !required && !sdk.required },
    { field, label: "null", value: null, accepted: !required, sdkAccepted: !required && !!sdk.acceptsNull },
  ];
}

function valueCases(field: UsageEventField, clock: CaseClock): Omit<BoundaryCase, "field">[] {
  const { sdk } = rulesFor(field);
  const same = (label: string, value: unknown, accepted: boolean) => ({
    label,
    value,
    accepted,
    sdkAccepted: accepted,
  });
  switch (field.kind) {
    case "uuid":
      return [
        same("a UUID", "7f0c1c2e-4b1a-4c8e-9a51-0d6b1f0e7a11", true),
        same("upper case", "7F0C1C2E-4B1A-4C8E-9A51-0D6B1F0E7A11", true),
        same("no hyphens", "7f0c1c2e4b1a4c8e9a510d6b1f0e7a11", false),
        same("not a UUID", "not-a-uuid", false),
        same("wrong type", 42, false),
      ];
    case "text": {
      const { minLength: min, maxLength: max } = field;
      return [
        same("min", "m".repeat(min), true),
        // Below the minimum is the empty string, which the SDK may take as "none".
        { label: "min-1", value: "m".repeat(min - 1), accepted: false, sdkAccepted: !!sdk.emptyMeansAbsent },
        same("max", "x".repeat(max), true),
        // Characters, not UTF-16 units or bytes: an emoji is one character, two units, four bytes.
        same("max in emoji", "😀".repeat(max), true),
        { label: "max+1", value: "x".repeat(max + 1), accepted: false, sdkAccepted: !!sdk.truncates },
        {
          label: "max+1 in emoji",
          value: "😀".repeat(max + 1),
          accepted: false,
          sdkAccepted: !!sdk.truncates,
        },
        same("wrong type", 42, false),
      ];
    }
    case "integer": {
      const { min, max } = field;
      return [
        same("min", min, true),
        same("max", max, true),
        same("min-1", min - 1, false),
        same("max+1", max + 1, false),
        same("fraction", min + 0.5, false),
        same("wrong type", String(min), false),
      ];
    }
    case "enum":
      return [
        ...field.values.map((value) => same(value, value, true)),
        same("another word", "ok", false),
        same("upper case", field.values[0].toUpperCase(), false),
        same("wrong type", 1, false),
        ...providerWordCases(field),
      ];
    case "timestamptz": {
      const earliest = Date.parse(field.earliest);
      const aheadMs = field.maxAheadMinutes * 60_000;
      // A minute either side of the upper limit: the test's and the insert's now() differ by moments.
      return [
        same("min", iso(earliest), true),
        same("min-1s", iso(earliest - 1000), false),
        same("max-1min", iso(clock.nowMs + aheadMs - 60_000), true),
        same("max+1min", iso(clock.nowMs + aheadMs + 60_000), false),
        same("with an offset", "2020-06-01T12:00:00+02:00", true),
        same("without a zone", "2020-06-01T12:00:00", false),
        same("not a timestamp", "yesterday", false),
        same("wrong type", clock.nowMs, false),
        // The database also reads PostgreSQL's variants; record() asks for strict ISO 8601 (it sends
        // toISOString() either way).
        { label: "space separator", value: "2020-06-01 12:00:00Z", accepted: true, sdkAccepted: false },
        // Found by this test: PostgreSQL's pattern allows at most 9 fractional digits, zod any
        // number. Harmless (record() re-sends the instant as toISOString(), 3 digits), so the SDK
        // case documents it rather than fails.
        {
          label: "10 fractional digits",
          value: "2020-06-01T12:00:00.1234567891Z",
          accepted: false,
          sdkAccepted: true,
        },
      ];
    }
  }
}

/**
 * Words a provider uses that are not the event's: OpenAI's `service_tier` says 'default', 'auto'
 * or 'scale' for an ordinary request. The provider helpers map them to an absent tier (standard);
 * sent as they are, the database and record() refuse them instead of pricing them as something.
 */
function providerWordCases(field: UsageEventField): Omit<BoundaryCase, "field">[] {
  if (field.json !== "service_tier") return [];
  return ["default", "auto", "scale"].map((word) => ({
    label: `OpenAI's '${word}'`,
    value: word,
    accepted: false,
    sdkAccepted: false,
  }));
}

/** Every boundary of every field of the definition. */
export function boundaryCases(clock: CaseClock): BoundaryCase[] {
  return USAGE_EVENT_FIELDS.flatMap((field) => [
    ...absenceCases(field),
    ...valueCases(field, clock).map((entry) => ({ ...entry, field })),
  ]);
}

/** A valid value for every field that has no default, to complete an event around the case. */
export function baseEvent(requestId: string): Record<string, unknown> {
  return {
    user_id: "0b7e1c52-60f1-4a6e-9d4c-3f5a2b8c9d01",
    model_used: "event-definition-model",
    request_id: requestId,
  };
}
