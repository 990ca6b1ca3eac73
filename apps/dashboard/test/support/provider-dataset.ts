import type pg from "pg";
import { USERS } from "./usage-dataset.js";

/**
 * Usage from four providers and a fifth serving a model id another one also serves: Anthropic,
 * OpenAI, Google Gemini, Azure (gpt-4o at its own, higher price) and Mistral (no price: unpriced).
 * Each row's cost is worked out here from the rates the catalog holds (published prices; Gemini's
 * and Azure's are set by insertProviderDataset), so the test checks the database and the page
 * against figures it did not compute with them.
 */
interface ProviderEvent {
  user: keyof typeof USERS;
  provider: string;
  model: string;
  input: number;
  output: number;
  cacheWrite?: number;
  cacheRead?: number;
  /** USD, from the rates in the comment; null = unpriced. */
  cost: number | null;
}

// biome-ignore format: one event per line reads as a table
export const PROVIDER_EVENTS: ProviderEvent[] = [
  // claude-sonnet-4: input 3, output 15, cache write 5m 3.75, cache read 0.30 per million tokens.
  { user: "alice", provider: "anthropic", model: "claude-sonnet-4-20250514", input: 10_000, output: 2_000, cacheWrite: 4_000, cacheRead: 20_000, cost: 0.081 },
  { user: "alice", provider: "anthropic", model: "claude-sonnet-4-20250514", input: 1_000, output: 500, cost: 0.0105 },
  // gemini-2.5-flash (LiteLLM 2026-08-01): input 0.30, output 2.50, cache read 0.03.
  { user: "alice", provider: "google", model: "gemini-2.5-flash", input: 50_000, output: 3_000, cacheRead: 10_000, cost: 0.0228 },
  // gpt-4o from OpenAI: input 2.50, output 10, cache read 1.25.
  { user: "bob", provider: "openai", model: "gpt-4o", input: 8_000, output: 1_000, cacheRead: 2_048, cost: 0.03256 },
  // gpt-4o from an Azure deployment (a Vercel AI SDK provider, `azure.chat`): 2.75, 11, cache read 1.375.
  { user: "bob", provider: "azure", model: "gpt-4o", input: 4_000, output: 500, cost: 0.0165 },
  { user: "carol", provider: "mistral", model: "mistral-large-2411", input: 6_000, output: 1_500, cost: null },
];

/** The prices the catalog may lack: Gemini (the built-in catalog has it too, at the same rates) and Azure. */
const PRICES = [
  { provider: "google", model: "gemini-2.5-flash", input: 0.3, output: 2.5, cacheRead: 0.03 },
  { provider: "azure", model: "gpt-4o", input: 2.75, output: 11, cacheRead: 1.375 },
];

/**
 * Sets the prices, then logs the events through `log_ai_usage_batch` as the server would, minutes
 * before the database's now() (every range holds them all).
 */
export async function insertProviderDataset(pool: pg.Pool): Promise<void> {
  for (const price of PRICES)
    await pool.query(
      `select public.set_ai_model_price(p_provider => $1, p_model_match => $2,
         p_effective_from => now() - interval '30 days', p_input_per_mtok => $3, p_output_per_mtok => $4,
         p_cache_read_per_mtok => $5)`,
      [price.provider, price.model, price.input, price.output, price.cacheRead],
    );
  const now = (await pool.query<{ now: Date }>("select now() as now")).rows[0]!.now;
  const events = PROVIDER_EVENTS.map((event, index) => ({
    request_id: `dashboard-providers-${index}`,
    user_id: USERS[event.user].id,
    user_email: USERS[event.user].email,
    request_type: "chat",
    model_used: event.model,
    provider: event.provider,
    input_tokens: event.input,
    output_tokens: event.output,
    cache_write_5m_tokens: event.cacheWrite ?? 0,
    cache_read_tokens: event.cacheRead ?? 0,
    latency_ms: 1_000,
    status: "success",
    created_at: new Date(now.getTime() - (index + 1) * 60_000).toISOString(),
  }));
  await pool.query("select count(*) from public.log_ai_usage_batch($1::jsonb)", [JSON.stringify(events)]);
}
