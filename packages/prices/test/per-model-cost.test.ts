// The "Done when": every first-party Anthropic, OpenAI and Gemini chat/responses model id
// in the snapshot (dated ids included) is priced, and a request logged for it costs what the
// snapshot's own per-token rates say, or the difference is listed below with its reason.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../src/catalog/load-catalog.js";
import { mapEntry } from "../src/catalog/map-entry.js";
import { SNAPSHOT_PATH } from "../src/catalog-files.js";
import { perTokenTextToRateMicros } from "../src/decimal/rate-micros.js";
import type { LiteLlmEntry } from "../src/litellm/litellm-entry.js";
import { type PriceFileEntry, readPriceFile } from "../src/litellm/read-price-file.js";
import { type CatalogDatabase, catalogDatabase } from "./catalog-database.js";

/**
 * The expected differences: ids whose stored cost is NOT what their own snapshot entry's rates give,
 * each with the rates it is priced at instead (so the difference is exactly the one explained).
 */
const EXPECTED_DIFFERENCES: Record<string, { why: string; pricedAs: (entries: Entries) => LiteLlmEntry }> = {
  // Anthropic's 1-hour cache write is 2x input; the table's 6.00 is Sonnet's rate (see the README).
  "claude-3-haiku-20240307": {
    why: "1h cache write corrected to 2x input (0.50, not 6.00)",
    pricedAs: (entries) => ({
      ...entries.get("claude-3-haiku-20240307")!,
      cache_creation_input_token_cost_above_1hr: "5e-07",
    }),
  },
  "claude-3-opus-20240229": {
    why: "1h cache write corrected to 2x input (30.00, not 6.00)",
    pricedAs: (entries) => ({
      ...entries.get("claude-3-opus-20240229")!,
      cache_creation_input_token_cost_above_1hr: "3e-05",
    }),
  },
  // Duplicates with different rates: the gemini/ entry wins (see the README), so the bare id is
  // priced at the prefixed entry's rates.
  "gemini-flash-latest": {
    why: "duplicate of gemini/gemini-flash-latest, which wins (cache read 0.075, not 0.03)",
    pricedAs: (entries) => entries.get("gemini/gemini-flash-latest")!,
  },
  "gemini-flash-lite-latest": {
    why: "duplicate of gemini/gemini-flash-lite-latest, which wins (cache read 0.025, not 0.01)",
    pricedAs: (entries) => entries.get("gemini/gemini-flash-lite-latest")!,
  },
  "gemini-exp-1206": {
    why: "duplicate of gemini/gemini-exp-1206, which wins (free experimental model: 0, not 0.30/2.50)",
    // The prefixed entry has no cache read rate: cached input is priced as its input (0).
    pricedAs: (entries) => {
      const winner = entries.get("gemini/gemini-exp-1206")!;
      return { ...winner, cache_read_input_token_cost: winner.input_cost_per_token };
    },
  },
};

type Entries = Map<string, LiteLlmEntry>;

interface Tokens {
  input: number;
  output: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
}

let database: CatalogDatabase;
let snapshot: PriceFileEntry[];
let entries: Entries;

beforeAll(async () => {
  database = await catalogDatabase();
  snapshot = await readPriceFile(SNAPSHOT_PATH);
  entries = new Map(snapshot.map(({ key, entry }) => [key, entry]));
});
afterAll(async () => {
  await database?.close();
});

/** USD in units of 1e-12 (numeric(20,12)): tokens x per-token rate, exactly. */
function costOf(entry: LiteLlmEntry, tokens: Tokens, suffix = ""): bigint {
  const rate = (field: string) => {
    const text = (entry as Record<string, string | undefined>)[`${field}${suffix}`];
    if (text === undefined) throw new Error(`no ${field}${suffix}`);
    return perTokenTextToRateMicros(text);
  };
  const parts: Array<[number, string]> = [
    [tokens.input, "input_cost_per_token"],
    [tokens.output, "output_cost_per_token"],
    [tokens.cacheWrite5m, "cache_creation_input_token_cost"],
    [tokens.cacheWrite1h, "cache_creation_input_token_cost_above_1hr"],
    [tokens.cacheRead, "cache_read_input_token_cost"],
  ];
  // Micro-dollars per million tokens are 1e-12 dollars per token.
  return parts.reduce((sum, [count, field]) => (count === 0 ? sum : sum + BigInt(count) * rate(field)), 0n);
}

function usd(picoDollars: bigint): string {
  const whole = picoDollars / 10n ** 12n;
  return `${whole}.${(picoDollars % 10n ** 12n).toString().padStart(12, "0")}`;
}

/** Logs one request as the service role (as an Edge Function would) and returns its stored cost. */
async function logRequest(
  client: pg.ClientBase,
  model: string,
  provider: string,
  tokens: Tokens,
  serviceTier = "standard",
): Promise<string | null> {
  // Two statements: a query does not see the rows that a function it calls inserts.
  const logged = await client.query<{ id: string }>(
    `SELECT public.log_ai_usage(
              p_user_id => $1, p_model_used => $2, p_provider => $3, p_input_tokens => $4,
              p_output_tokens => $5, p_cache_write_5m_tokens => $6, p_cache_write_1h_tokens => $7,
              p_cache_read_tokens => $8, p_service_tier => $9) AS id`,
    [
      randomUUID(),
      model,
      provider,
      tokens.input,
      tokens.output,
      tokens.cacheWrite5m,
      tokens.cacheWrite1h,
      tokens.cacheRead,
      serviceTier,
    ],
  );
  const { rows } = await client.query<{ cost: string | null }>(
    "SELECT total_cost_usd::text AS cost FROM public.ai_usage_log WHERE id = $1",
    [logged.rows[0]!.id],
  );
  return rows[0]!.cost;
}

async function asServiceRole<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await database.pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      "SELECT set_config('role', 'service_role', true), set_config('request.jwt.claims', $1, true)",
      [JSON.stringify({ role: "service_role" })],
    );
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

describe("every chat and responses model id in the snapshot", () => {
  it("is priced as its snapshot entry says, or as the listed differences explain", async () => {
    const models = snapshot.flatMap(({ key, entry }) => {
      const mapped = mapEntry(key, entry, "test");
      return mapped.kind === "mapped" ? [{ key, entry, provider: mapped.provider }] : [];
    });
    expect(models.length).toBe(170);
    const results = await asServiceRole(async (client) => {
      const outcomes = [];
      for (const { key, entry, provider } of models) {
        // Every bucket the entry prices, and a prompt below any long-context threshold. Gemini
        // bills no cache writes (its rows price them as input), so it gets none.
        const tokens: Tokens = {
          input: 1_000,
          output: 500,
          cacheRead: entry.cache_read_input_token_cost !== undefined ? 2_000 : 0,
          cacheWrite5m:
            provider !== "google" && entry.cache_creation_input_token_cost !== undefined ? 300 : 0,
          cacheWrite1h:
            provider === "anthropic" && entry.cache_creation_input_token_cost_above_1hr !== undefined
              ? 400
              : 0,
        };
        const stored = await logRequest(client, key, provider, tokens);
        const listed = EXPECTED_DIFFERENCES[key];
        outcomes.push({
          key,
          stored,
          fromSnapshot: usd(costOf(entry, tokens)),
          explained: listed ? usd(costOf(listed.pricedAs(entries), tokens)) : undefined,
        });
      }
      return outcomes;
    });
    const unpriced = results.filter((result) => result.stored === null).map((result) => result.key);
    expect(unpriced).toEqual([]);
    const differing = results.filter((result) => result.stored !== result.fromSnapshot);
    expect(differing.map((result) => result.key).sort()).toEqual(Object.keys(EXPECTED_DIFFERENCES).sort());
    for (const result of differing)
      expect([result.key, result.stored]).toEqual([result.key, result.explained]);
  });
});

describe("tiers", () => {
  const rowsOf = async (model: string) =>
    (await loadCatalog(SNAPSHOT_PATH)).rows.filter((row) => row.modelMatch === model);

  it("prices a long-context request of claude-sonnet-4-5 (> 200k prompt) at its long-context rates", async () => {
    const tokens = {
      input: 190_000,
      output: 1_000,
      cacheWrite5m: 5_000,
      cacheWrite1h: 5_000,
      cacheRead: 20_000,
    };
    const stored = await asServiceRole((client) =>
      logRequest(client, "claude-sonnet-4-5", "anthropic", tokens),
    );
    expect(stored).toBe(usd(costOf(entries.get("claude-sonnet-4-5")!, tokens, "_above_200k_tokens")));
  });

  it("prices a long-context request of gpt-5.4 (> 272k prompt) at its long-context rates", async () => {
    const tokens = { input: 250_000, output: 1_000, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 30_000 };
    const stored = await asServiceRole((client) => logRequest(client, "gpt-5.4", "openai", tokens));
    expect(stored).toBe(usd(costOf(entries.get("gpt-5.4")!, tokens, "_above_272k_tokens")));
  });

  it("prices priority and flex requests of gpt-5.4 at the table's tier rates", async () => {
    const tokens = { input: 10_000, output: 2_000, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 4_000 };
    const priority = await asServiceRole((client) =>
      logRequest(client, "gpt-5.4", "openai", tokens, "priority"),
    );
    expect(priority).toBe(usd(costOf(entries.get("gpt-5.4")!, tokens, "_priority")));
    const flex = await asServiceRole((client) => logRequest(client, "gpt-5.4", "openai", tokens, "flex"));
    expect(flex).toBe(usd(costOf(entries.get("gpt-5.4")!, tokens, "_flex")));
  });

  it("prices batch results at the table's batch rates, or at 50% where the table has none", async () => {
    const tokens = { input: 10_000, output: 2_000, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 0 };
    const gpt = await asServiceRole((client) =>
      logRequest(client, "gpt-5.4-2026-03-05", "openai", tokens, "batch"),
    );
    expect(gpt).toBe(usd(costOf(entries.get("gpt-5.4-2026-03-05")!, tokens, "_batches")));

    const cached = {
      input: 10_000,
      output: 2_000,
      cacheWrite5m: 1_000,
      cacheWrite1h: 1_000,
      cacheRead: 3_000,
    };
    const claude = await asServiceRole((client) =>
      logRequest(client, "claude-sonnet-4-5-20250929", "anthropic", cached, "batch"),
    );
    expect(claude).toBe(usd(costOf(entries.get("claude-sonnet-4-5-20250929")!, cached) / 2n));
    const [batch] = (await rowsOf("claude-sonnet-4-5-20250929")).filter(
      (row) => row.serviceTier === "batch" && row.abovePromptTokens === 0,
    );
    expect(batch?.source).toMatch(/derived: Batch API = 50% of every standard rate/);
  });
});
