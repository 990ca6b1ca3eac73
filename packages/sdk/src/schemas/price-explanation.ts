import { z } from "zod";
import { BigintIdSchema } from "./admin.js";
import { count, timestamp } from "./json-values.js";
import { SERVICE_TIERS } from "./usage-event.js";

const rate = z.number();

/** A row of the price catalog (`public.ai_model_prices`) as the functions return it; rates in USD per million tokens. */
export const ModelPriceEntrySchema = z.object({
  id: BigintIdSchema,
  provider: z.string(),
  model_match: z.string(),
  service_tier: z.enum(SERVICE_TIERS),
  /** The entry prices only requests whose prompt is above this many tokens (0 = any). */
  above_prompt_tokens: count,
  effective_from: timestamp,
  effective_to: timestamp.nullable(),
  input_per_mtok: rate,
  output_per_mtok: rate,
  cache_write_5m_per_mtok: rate,
  cache_write_1h_per_mtok: rate,
  cache_read_per_mtok: rate,
  source: z.string().nullable(),
});
export type ModelPriceEntry = z.infer<typeof ModelPriceEntrySchema>;

/**
 * `explain_ai_model_price(...)`: which catalog entry a model id resolves to and why: the alias
 * that replaced it, the ids tried in order (each with the rule that made it), the entry chosen,
 * the rule of the id that matched, whether the tier fell back to standard or the provider to the
 * vendor's entry, and one sentence.
 */
export const ModelPriceExplanationSchema = z.object({
  model_used: z.string(),
  alias: z.object({ alias: z.string(), model: z.string() }).nullable(),
  candidates: z.array(z.object({ model_match: z.string(), rule: z.string() })),
  /** null = unpriced: the model's usage is stored with a NULL cost until a price is added. */
  price: ModelPriceEntrySchema.nullable(),
  matched: z.string().nullable(),
  /** The catalog has no entry of the requested tier for this model: the standard entry prices it. */
  tier_fallback: z.boolean(),
  /**
   * The request's provider has no entry for this model (a host such as azure, amazon-bedrock or a
   * gateway): another provider's entry, the vendor's list price, prices it.
   */
  provider_fallback: z.boolean(),
  explanation: z.string(),
});
export type ModelPriceExplanation = z.infer<typeof ModelPriceExplanationSchema>;
