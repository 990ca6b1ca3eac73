import type pg from "pg";
import { expect } from "vitest";
import {
  explainModelPrice,
  type ModelPriceEntry,
  type ModelPriceInput,
  type ServiceTier,
  setModelPrice,
} from "../../src/index.js";
import { createPgTransport } from "../../src/pg.js";

/**
 * The catalog entry a model id is priced by at a tier. When the catalog in the checkout has no
 * entry of that tier for the id (the lead's catalog rows may not be in yet), `fallback` is added
 * with set_ai_model_price first, so the test prices at a real tier entry either way.
 */
export async function tierPrice(
  pool: pg.Pool,
  model: string,
  serviceTier: ServiceTier,
  fallback: Omit<ModelPriceInput, "modelMatch" | "serviceTier">,
): Promise<ModelPriceEntry> {
  const transport = createPgTransport(pool);
  const ask = () => explainModelPrice(transport, { model, provider: String(fallback.provider), serviceTier });
  let explained = await ask();
  if (explained.price?.service_tier !== serviceTier) {
    await setModelPrice(transport, { ...fallback, modelMatch: model, serviceTier, source: "sdk tier test" });
    explained = await ask();
  }
  expect(explained.price).toMatchObject({ service_tier: serviceTier });
  return explained.price!;
}

/** The standard entry of the same id, to show a tier's rates are not the standard ones. */
export async function standardPrice(
  pool: pg.Pool,
  model: string,
  provider: string,
): Promise<ModelPriceEntry> {
  const explained = await explainModelPrice(createPgTransport(pool), { model, provider });
  return explained.price!;
}

interface StoredPricing {
  service_tier: string;
  cost: string;
  expected: string;
}

/**
 * A stored row's tier, its cost, and the cost its tokens have at `price`'s rates (computed in
 * SQL with the column's precision), to compare.
 */
export async function storedPricing(
  pool: pg.Pool,
  requestId: string,
  price: ModelPriceEntry,
): Promise<StoredPricing> {
  const { rows } = await pool.query<StoredPricing>(
    `select service_tier, total_cost_usd::text as cost,
            ((input_tokens * $2::numeric + output_tokens * $3::numeric + cache_write_5m_tokens * $4::numeric
              + cache_write_1h_tokens * $5::numeric + cache_read_tokens * $6::numeric) / 1000000)::numeric(20,12)::text
              as expected
     from public.ai_usage_log where request_id = $1`,
    [
      requestId,
      price.input_per_mtok,
      price.output_per_mtok,
      price.cache_write_5m_per_mtok,
      price.cache_write_1h_per_mtok,
      price.cache_read_per_mtok,
    ],
  );
  expect(rows, `a stored row for ${requestId}`).toHaveLength(1);
  return rows[0]!;
}
