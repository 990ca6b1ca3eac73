// The catalog a database prices with now: per (provider, model, tier, prompt size) the entry in
// force at the database's now() (the latest effective_from that has started and not ended).
import type pg from "pg";
import { z } from "zod";
import { type CatalogRow, catalogKeyText, serviceTierSchema } from "../catalog/catalog-row.js";
import { rateMicrosFromText } from "../decimal/rate-micros.js";

const rateText = z.string().transform(rateMicrosFromText);

const inForceRowSchema = z.object({
  id: z.coerce.number().int(),
  // A database may hold providers the LiteLLM mapping never writes (mistral, azure): kept as text.
  provider: z.string(),
  model_match: z.string(),
  service_tier: serviceTierSchema,
  above_prompt_tokens: z.number().int(),
  effective_from: z.date(),
  input_per_mtok: rateText,
  output_per_mtok: rateText,
  cache_write_5m_per_mtok: rateText,
  cache_write_1h_per_mtok: rateText,
  cache_read_per_mtok: rateText,
  source: z.string().nullable(),
});

export interface InForceRow extends Omit<CatalogRow, "fromKey" | "provider"> {
  id: number;
  provider: string;
  effectiveFrom: Date;
  source: string;
}

export interface CatalogInForce {
  rows: InForceRow[];
  /** catalogKeyText of every key with any row, in force or not (a first price starts in 2024). */
  keysWithRows: Set<string>;
  /** The database's current UTC date, YYYY-MM-DD: the default start of a changed price. */
  today: string;
}

export async function readCatalogInForce(client: pg.ClientBase): Promise<CatalogInForce> {
  const inForce = await client.query(`
    SELECT DISTINCT ON (provider, model_match, service_tier, above_prompt_tokens)
           id, provider, model_match, service_tier, above_prompt_tokens, effective_from,
           input_per_mtok::text, output_per_mtok::text, cache_write_5m_per_mtok::text,
           cache_write_1h_per_mtok::text, cache_read_per_mtok::text, source
      FROM public.ai_model_prices
     WHERE effective_from <= now() AND (effective_to IS NULL OR effective_to > now())
     ORDER BY provider, model_match, service_tier, above_prompt_tokens, effective_from DESC`);
  const keys = await client.query<{
    provider: string;
    model_match: string;
    service_tier: string;
    above: number;
  }>(`
    SELECT DISTINCT provider, model_match, service_tier, above_prompt_tokens AS above FROM public.ai_model_prices`);
  const today = await client.query<{ today: string }>(
    "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS today",
  );
  return {
    rows: inForceRowSchema
      .array()
      .parse(inForce.rows)
      .map((row) => ({
        id: row.id,
        provider: row.provider,
        modelMatch: row.model_match,
        serviceTier: row.service_tier,
        abovePromptTokens: row.above_prompt_tokens,
        effectiveFrom: row.effective_from,
        rates: {
          input: row.input_per_mtok,
          output: row.output_per_mtok,
          cacheWrite5m: row.cache_write_5m_per_mtok,
          cacheWrite1h: row.cache_write_1h_per_mtok,
          cacheRead: row.cache_read_per_mtok,
        },
        source: row.source ?? "",
      })),
    keysWithRows: new Set(
      keys.rows.map((key) =>
        catalogKeyText({
          provider: key.provider,
          modelMatch: key.model_match,
          serviceTier: serviceTierSchema.parse(key.service_tier),
          abovePromptTokens: key.above,
        }),
      ),
    ),
    today: today.rows[0]!.today,
  };
}
