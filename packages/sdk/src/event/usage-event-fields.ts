/**
 * The usage event, defined once: every field of `log_ai_usage_batch`'s event object (and of
 * `log_ai_usage`, whose parameters are these keys with `p_`), with its limits and what the
 * database stores when it is missing. The SDK's zod schemas are built from this list, the event
 * table in docs/database-api.md is generated from it (`pnpm --filter @org/ai-usage-sdk docs:event`),
 * and test/event-definition-sql.test.ts sends every limit through the real function, so the SQL
 * cannot drift from it unnoticed.
 */

/** The database's column type of the field. */
export type UsageEventFieldKind = "uuid" | "text" | "integer" | "enum" | "timestamptz";

/**
 * What a missing field (or, in a batch, a JSON null) means: the event is refused, the column stays
 * NULL, it takes a fixed default, or the database computes it.
 */
export type WhenAbsent =
  | { readonly required: true }
  | { readonly storedAsNull: true }
  | { readonly default: string | number }
  | { readonly computed: string };

/** Where the SDK deliberately differs from the database, and why (see each use). */
export interface SdkRules {
  /** The camelCase key of `record()`'s event. */
  readonly key: string;
  /** Refused when missing, although the database has a default. */
  readonly required?: true;
  /**
   * `null` is taken as "absent". The others refuse `null`, as their TypeScript type does (the
   * database takes a JSON null as absent everywhere).
   */
  readonly acceptsNull?: true;
  /** `""` is stored as absent instead of being refused (it plainly means "none": `user.email ?? ""`). */
  readonly emptyMeansAbsent?: true;
  /** Longer text is cut to `maxLength` characters instead of being refused. */
  readonly truncates?: true;
  /**
   * Absent stays absent in what is sent: the database applies its default. For a field newer than
   * some databases the SDK may meet, so ordinary events still go into a database not yet migrated.
   */
  readonly defaultLeftToDatabase?: true;
}

interface FieldCommon {
  /** The key in the event object and the `ai_usage_log` column it is stored in. */
  readonly json: string;
  readonly sdk: SdkRules;
  readonly whenAbsent: WhenAbsent;
  /** One line for the docs table. */
  readonly description: string;
}

export type UsageEventField = FieldCommon &
  (
    | { readonly kind: "uuid" }
    /** Lengths count characters (code points), as PostgreSQL's `length()` does. */
    | { readonly kind: "text"; readonly minLength: number; readonly maxLength: number }
    | { readonly kind: "integer"; readonly min: number; readonly max: number }
    | { readonly kind: "enum"; readonly values: readonly [string, ...string[]] }
    /** An ISO 8601 timestamp with a zone, from `earliest` to `maxAheadMinutes` after the database's now(). */
    | { readonly kind: "timestamptz"; readonly earliest: string; readonly maxAheadMinutes: number }
  );

const TOKENS = { kind: "integer", min: 0, max: 100_000_000 } as const;
const INT32 = { kind: "integer", min: -2_147_483_648, max: 2_147_483_647 } as const;
const ZERO = { default: 0 } as const;

/** In the order of the docs table (who, what, how much, how it went, when, which budget hold). */
export const USAGE_EVENT_FIELDS = [
  {
    json: "user_id",
    sdk: { key: "userId" },
    kind: "uuid",
    whenAbsent: { required: true },
    description:
      "the logged-in user who made the request (`auth.uid()`); an impersonating admin is charged as the admin",
  },
  {
    json: "user_email",
    sdk: { key: "userEmail", acceptsNull: true, emptyMeansAbsent: true },
    kind: "text",
    minLength: 1,
    maxLength: 320,
    whenAbsent: { storedAsNull: true },
    description: "the user's email, shown in reports",
  },
  {
    json: "customer_id",
    sdk: { key: "customerId", acceptsNull: true },
    ...INT32,
    whenAbsent: { storedAsNull: true },
    description: "the customer being viewed or helped, kept for audit; not who is charged",
  },
  {
    json: "customer_name",
    sdk: { key: "customerName", acceptsNull: true, emptyMeansAbsent: true },
    kind: "text",
    minLength: 1,
    maxLength: 200,
    whenAbsent: { storedAsNull: true },
    description: "the customer's name, shown in reports",
  },
  {
    json: "request_type",
    sdk: { key: "requestType" },
    kind: "text",
    minLength: 1,
    maxLength: 64,
    whenAbsent: { default: "report" },
    description: "free-form category such as `report`, `insight`, `scheduled`, `widget`",
  },
  {
    json: "session_id",
    sdk: { key: "sessionId", acceptsNull: true, emptyMeansAbsent: true },
    kind: "text",
    minLength: 1,
    maxLength: 200,
    whenAbsent: { storedAsNull: true },
    description: "groups the turns of one conversation",
  },
  {
    json: "model_used",
    // The spec's default model would price a forgotten model as Sonnet: the SDK asks for it.
    sdk: { key: "modelUsed", required: true },
    kind: "text",
    minLength: 1,
    maxLength: 200,
    whenAbsent: { default: "claude-sonnet-4-20250514" },
    description: "the model id the provider reports, e.g. `claude-sonnet-4-20250514`; it selects the price",
  },
  {
    json: "provider",
    sdk: { key: "provider", acceptsNull: true },
    kind: "text",
    minLength: 1,
    maxLength: 64,
    whenAbsent: { computed: "the price catalog's provider for the model, else `unknown`" },
    description: "`anthropic`, `openai`, ...",
  },
  {
    json: "input_tokens",
    sdk: { key: "inputTokens" },
    ...TOKENS,
    whenAbsent: ZERO,
    description: "uncached input tokens (Anthropic `input_tokens`; OpenAI `prompt_tokens - cached_tokens`)",
  },
  {
    json: "output_tokens",
    sdk: { key: "outputTokens" },
    ...TOKENS,
    whenAbsent: ZERO,
    description: "output tokens, reasoning included",
  },
  {
    json: "cache_write_5m_tokens",
    sdk: { key: "cacheWrite5mTokens" },
    ...TOKENS,
    whenAbsent: ZERO,
    description: "prompt-cache writes with the 5-minute TTL",
  },
  {
    json: "cache_write_1h_tokens",
    sdk: { key: "cacheWrite1hTokens" },
    ...TOKENS,
    whenAbsent: ZERO,
    description: "prompt-cache writes with the 1-hour TTL",
  },
  {
    json: "cache_read_tokens",
    sdk: { key: "cacheReadTokens" },
    ...TOKENS,
    whenAbsent: ZERO,
    description: "prompt-cache reads",
  },
  {
    json: "latency_ms",
    sdk: { key: "latencyMs", acceptsNull: true },
    kind: "integer",
    min: 0,
    max: 86_400_000,
    whenAbsent: { storedAsNull: true },
    description: "wall-clock duration of the provider call in milliseconds",
  },
  {
    json: "tool_turns",
    sdk: { key: "toolTurns" },
    ...TOKENS,
    whenAbsent: ZERO,
    description: "tool-use round trips the request took",
  },
  {
    json: "status",
    sdk: { key: "status" },
    kind: "enum",
    values: ["success", "error"],
    whenAbsent: { default: "success" },
    description: "whether the provider call succeeded",
  },
  {
    json: "error_message",
    // An upstream error message is whatever the provider said: keeping its start beats losing the event.
    sdk: { key: "errorMessage", acceptsNull: true, emptyMeansAbsent: true, truncates: true },
    kind: "text",
    minLength: 1,
    maxLength: 4000,
    whenAbsent: { storedAsNull: true },
    description: "what went wrong, for `status = error`",
  },
  {
    json: "service_tier",
    // Ordinary requests report no tier (or OpenAI's 'default'/'auto'): they are sent without one, so
    // a database migrated before tiers existed still takes them.
    sdk: { key: "serviceTier", acceptsNull: true, defaultLeftToDatabase: true },
    kind: "enum",
    values: ["standard", "batch", "flex", "priority", "fast"],
    whenAbsent: { default: "standard" },
    description: "the price tier the request ran at (Batch API, OpenAI flex or priority, Anthropic fast)",
  },
  {
    json: "request_id",
    sdk: { key: "requestId" },
    kind: "text",
    minLength: 1,
    maxLength: 200,
    whenAbsent: { computed: "a random UUID (the SDK makes a UUIDv7 at `record()`)" },
    description:
      "idempotency key, e.g. the provider's message id: a request id already stored is not stored again",
  },
  {
    json: "created_at",
    sdk: { key: "createdAt" },
    kind: "timestamptz",
    earliest: "2000-01-01T00:00:00Z",
    maxAheadMinutes: 60,
    whenAbsent: { computed: "the database's `now()`" },
    description: "when the request happened (backfills); only the server may set it",
  },
  {
    json: "budget_hold_id",
    sdk: { key: "budgetHoldId", acceptsNull: true },
    kind: "uuid",
    whenAbsent: { storedAsNull: true },
    description:
      "the hold `reserve_ai_usage` admitted the request with; the first row carrying it settles it",
  },
] as const satisfies readonly UsageEventField[];

export type UsageEventFieldDefinition = (typeof USAGE_EVENT_FIELDS)[number];
/** A key of the event object, e.g. `input_tokens`. */
export type UsageEventJsonKey = UsageEventFieldDefinition["json"];

/** The definition of one field, by its JSON key (typed: `usageEventField("status").values`). */
export function usageEventField<K extends UsageEventJsonKey>(
  json: K,
): Extract<UsageEventFieldDefinition, { json: K }> {
  const field = USAGE_EVENT_FIELDS.find((candidate) => candidate.json === json);
  if (!field) throw new Error(`no usage event field ${json}`);
  return field as Extract<UsageEventFieldDefinition, { json: K }>;
}
