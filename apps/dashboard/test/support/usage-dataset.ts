import type pg from "pg";

/** Users of the known dataset (ids fixed so tests can name them). */
export const USERS = {
  alice: { id: "11111111-1111-4111-8111-111111111111", email: "alice@example.com" },
  bob: { id: "22222222-2222-4222-8222-222222222222", email: "bob@example.com" },
  carol: { id: "33333333-3333-4333-8333-333333333333", email: "carol@example.com" },
  dave: { id: "44444444-4444-4444-8444-444444444444", email: "dave@example.com" },
} as const;

export const UNPRICED_MODEL = "acme-llm-2";

/**
 * Customer names as a hostile client could set them: one a spreadsheet that splits on `;` would cut in
 * two and run the rest as a formula, one that is a formula from its first character.
 */
export const HOSTILE_CUSTOMERS = {
  semicolon: [104, "Umbrella;=cmd|' /C calc'!A0"],
  formula: [103, '=HYPERLINK("http://attacker.example","Initech")'],
} as const satisfies Record<string, [number, string]>;
const [initech, umbrella] = [HOSTILE_CUSTOMERS.formula, HOSTILE_CUSTOMERS.semicolon];

interface EventSpec {
  user: keyof typeof USERS;
  daysAgo: number;
  model: string;
  provider?: string;
  customer?: readonly [number, string];
  type?: string;
  input: number;
  output: number;
  cacheWrite?: number;
  cacheRead?: number;
  latency?: number | null;
  error?: string;
}

// Spread over 90 days so 7, 30 and 90 days all differ: several users, customers and models (one of
// them unpriced), cache reads and writes, failures, and a request without a latency.
// biome-ignore format: one event per line reads as a table
const EVENTS: EventSpec[] = [
  { user: "alice", daysAgo: 0, model: "claude-sonnet-4-20250514", customer: [101, "Acme Corp"], type: "report", input: 12_000, output: 3_400, cacheWrite: 8_000, cacheRead: 40_000, latency: 4_200 },
  { user: "alice", daysAgo: 1, model: "claude-sonnet-4-20250514", customer: [101, "Acme Corp"], type: "chat", input: 2_500, output: 900, cacheRead: 15_000, latency: 1_800 },
  { user: "bob", daysAgo: 2, model: "gpt-4o", provider: "openai", customer: [102, "Globex"], type: "chat", input: 5_000, output: 1_200, cacheRead: 2_000, latency: 2_100 },
  { user: "bob", daysAgo: 3, model: "gpt-4o-mini", provider: "openai", type: "summary", input: 30_000, output: 2_000, latency: 950 },
  { user: "carol", daysAgo: 4, model: UNPRICED_MODEL, provider: "acme", customer: initech, type: "report", input: 8_000, output: 2_000, latency: 3_000 },
  { user: "carol", daysAgo: 5, model: "claude-opus-4-1", customer: [102, "Globex"], type: "report", input: 4_000, output: 6_000, cacheWrite: 20_000, latency: 12_500 },
  { user: "dave", daysAgo: 6, model: "claude-haiku-4-5", type: "classify", input: 1_200, output: 40, latency: null },
  { user: "dave", daysAgo: 6, model: "claude-sonnet-4-20250514", type: "chat", input: 3_000, output: 0, latency: 30_000, error: "upstream timeout" },
  { user: "alice", daysAgo: 10, model: "claude-opus-4-1", customer: [101, "Acme Corp"], type: "report", input: 9_000, output: 7_500, cacheRead: 60_000, latency: 15_000 },
  { user: "bob", daysAgo: 14, model: "gpt-4o", provider: "openai", customer: [102, "Globex"], type: "chat", input: 6_000, output: 1_500, latency: 2_400 },
  { user: "carol", daysAgo: 20, model: "claude-sonnet-4-20250514", customer: initech, type: "summary", input: 15_000, output: 2_500, cacheRead: 30_000, latency: 3_900 },
  { user: "carol", daysAgo: 25, model: UNPRICED_MODEL, provider: "acme", type: "chat", input: 1_000, output: 300, latency: 800, error: "rate limited" },
  { user: "alice", daysAgo: 40, model: "claude-sonnet-4-20250514", customer: umbrella, type: "report", input: 20_000, output: 5_000, latency: 5_200 },
  { user: "bob", daysAgo: 55, model: "claude-opus-4-1", customer: umbrella, type: "report", input: 10_000, output: 8_000, latency: 14_000 },
  { user: "dave", daysAgo: 70, model: "gpt-4o-mini", provider: "openai", type: "classify", input: 50_000, output: 500, latency: 700 },
  { user: "alice", daysAgo: 85, model: "claude-haiku-4-5", customer: [101, "Acme Corp"], type: "chat", input: 4_000, output: 1_000, latency: 1_100 },
];

/**
 * Writes the dataset through `log_ai_usage_batch`, as the server would (a connection that may log
 * for any user and backfill `created_at`). Times are `daysAgo` times 24 hours before the database's
 * now() (its clock, not this process's: the ingest refuses rows ahead of it and the reports count
 * days by it), minus a few seconds per event so no two rows share a timestamp. No test counts on an
 * event's local day (the page and the API are compared with the SQL functions' own answer); counts
 * are asserted over 90 days only, whose oldest event is 4 days inside the window.
 */
export async function insertUsageDataset(pool: pg.Pool): Promise<number> {
  const now = (await pool.query<{ now: Date }>("select now() as now")).rows[0]!.now;
  const events = EVENTS.map((event, index) => {
    const user = USERS[event.user];
    return {
      request_id: `dashboard-test-${index}`,
      user_id: user.id,
      user_email: user.email,
      customer_id: event.customer?.[0] ?? null,
      customer_name: event.customer?.[1] ?? null,
      request_type: event.type ?? "report",
      model_used: event.model,
      provider: event.provider ?? "anthropic",
      input_tokens: event.input,
      output_tokens: event.output,
      cache_write_5m_tokens: event.cacheWrite ?? 0,
      cache_read_tokens: event.cacheRead ?? 0,
      latency_ms: event.latency ?? null,
      status: event.error ? "error" : "success",
      error_message: event.error ?? null,
      created_at: new Date(now.getTime() - event.daysAgo * 86_400_000 - (index + 1) * 1000).toISOString(),
    };
  });
  const result = await pool.query("select count(*)::int as n from public.log_ai_usage_batch($1::jsonb)", [
    JSON.stringify(events),
  ]);
  return result.rows[0].n;
}

/** The id of the `index`th extra user of insertManyUsers (1-based). */
export function extraUserId(index: number): string {
  return `aaaaaaaa-0000-4000-8000-${String(index).padStart(12, "0")}`;
}

/**
 * More users and customers than the dashboard's top 25: `count` users, each with one request for a
 * customer of their own (ids 201, 202, ...), minutes before the database's now(), so they are in
 * every range. Costs differ (more tokens for later users), so the ranking is clear.
 */
export async function insertManyUsers(pool: pg.Pool, count: number): Promise<void> {
  const now = (await pool.query<{ now: Date }>("select now() as now")).rows[0]!.now;
  const events = Array.from({ length: count }, (_, offset) => {
    const index = offset + 1;
    return {
      request_id: `dashboard-test-many-${index}`,
      user_id: extraUserId(index),
      user_email: `user-${index}@example.com`,
      customer_id: 200 + index,
      customer_name: `Customer ${index}`,
      request_type: "chat",
      model_used: "claude-haiku-4-5",
      provider: "anthropic",
      input_tokens: 1_000 * index,
      output_tokens: 100,
      latency_ms: 900,
      status: "success",
      created_at: new Date(now.getTime() - index * 60_000).toISOString(),
    };
  });
  await pool.query("select count(*) from public.log_ai_usage_batch($1::jsonb)", [JSON.stringify(events)]);
}
