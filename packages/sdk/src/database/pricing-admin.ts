import { z } from "zod";
import {
  RepriceResultSchema,
  type SetModelPriceResult,
  SetModelPriceResultSchema,
} from "../schemas/admin.js";
import { instantSchema } from "../schemas/instant.js";
import { SERVICE_TIERS } from "../schemas/usage-event.js";
import { callFunction, parseArguments } from "./call-function.js";
import type { UsageTransport } from "./function-call.js";

const instant = instantSchema;
const rate = z.number({ error: "must be a number of USD per million tokens" }).min(0).max(1_000_000);

export const RepriceArgumentsSchema = z.strictObject({
  /** The model whose rows to re-price from the price catalog. */
  model: z.string().min(1).max(200),
  /** Start of the period (inclusive); omitted = from the first row. */
  from: instant.optional(),
  /** End of the period (exclusive); omitted = up to now. */
  to: instant.optional(),
});
export type RepriceArguments = z.input<typeof RepriceArgumentsSchema>;

/** Admin only: re-prices a model's rows in [from, to); resolves to the number of rows whose rates changed. */
export async function repriceUsage(transport: UsageTransport, args: RepriceArguments): Promise<number> {
  const parsed = parseArguments(RepriceArgumentsSchema, args, "repriceUsage");
  return callFunction(
    transport,
    {
      name: "reprice_ai_usage",
      args: [
        { name: "p_model_used", value: parsed.model, type: "text" },
        { name: "p_from", value: parsed.from, type: "timestamptz" },
        { name: "p_to", value: parsed.to, type: "timestamptz" },
      ],
      returns: "value",
    },
    RepriceResultSchema,
  );
}

/**
 * A catalog entry, rates in USD per million tokens. Omitted cache rates take the provider's
 * defaults: for `anthropic` its multipliers of the input rate (writes 5m 1.25x, 1h 2x, reads 0.1x);
 * for any other provider cache writes cost the input rate (OpenAI and Gemini bill none, or bill
 * them as input) and the cache-read rate is required, because the discount differs by model
 * (OpenAI 0.1x to 0.5x, Gemini 0.1x to 0.25x).
 */
export const ModelPriceSchema = z
  .strictObject({
    provider: z.string().min(1).max(64),
    /** An exact model id, or a family (`claude-sonnet-4` also prices `claude-sonnet-4-20250514`). */
    modelMatch: z.string().min(1).max(200),
    effectiveFrom: instant,
    /** Omitted = open-ended. */
    effectiveTo: instant.optional(),
    inputPerMtok: rate,
    outputPerMtok: rate,
    /** Default: anthropic 1.25 x input; other providers = input. */
    cacheWrite5mPerMtok: rate.optional(),
    /** Default: anthropic 2 x input; other providers = input. */
    cacheWrite1hPerMtok: rate.optional(),
    /** Default: anthropic 0.1 x input; required for other providers. */
    cacheReadPerMtok: rate.optional(),
    /** Where the price comes from (a URL, "contract 2026"). */
    source: z.string().max(500).optional(),
    /** The service tier the entry prices (`batch`, `flex`, `priority`, `fast`). Default `standard`. */
    serviceTier: z.enum(SERVICE_TIERS).optional(),
    /**
     * Long context: the entry prices only requests whose prompt (input + cache read + cache write
     * tokens) is above this many tokens, all of such a request. Default 0 (every request).
     */
    abovePromptTokens: z.int32().min(0).optional(),
  })
  .superRefine((price, context) => {
    if (price.provider !== "anthropic" && price.cacheReadPerMtok === undefined) {
      context.addIssue({
        code: "custom",
        path: ["cacheReadPerMtok"],
        message: `is required for provider '${price.provider}': its cache-read discount differs by model (only anthropic has a default, 0.1 x input)`,
      });
    }
  });
export type ModelPriceInput = z.input<typeof ModelPriceSchema>;

/**
 * Admin only: adds or corrects a catalog entry (`set_ai_model_price`, upsert on provider, model,
 * tier, prompt size and effective date). Resolves to its id, the number of stored usage rows it
 * would price, and a warning when that is 0. Stored usage keeps its rates until `repriceUsage`.
 */
export async function setModelPrice(
  transport: UsageTransport,
  price: ModelPriceInput,
): Promise<SetModelPriceResult> {
  const parsed = parseArguments(ModelPriceSchema, price, "setModelPrice");
  return callFunction(
    transport,
    {
      name: "set_ai_model_price",
      args: [
        { name: "p_provider", value: parsed.provider, type: "text" },
        { name: "p_model_match", value: parsed.modelMatch, type: "text" },
        { name: "p_effective_from", value: parsed.effectiveFrom, type: "timestamptz" },
        { name: "p_input_per_mtok", value: parsed.inputPerMtok, type: "numeric" },
        { name: "p_output_per_mtok", value: parsed.outputPerMtok, type: "numeric" },
        { name: "p_cache_write_5m_per_mtok", value: parsed.cacheWrite5mPerMtok, type: "numeric" },
        { name: "p_cache_write_1h_per_mtok", value: parsed.cacheWrite1hPerMtok, type: "numeric" },
        { name: "p_cache_read_per_mtok", value: parsed.cacheReadPerMtok, type: "numeric" },
        { name: "p_effective_to", value: parsed.effectiveTo, type: "timestamptz" },
        { name: "p_source", value: parsed.source, type: "text" },
        { name: "p_service_tier", value: parsed.serviceTier, type: "text" },
        { name: "p_above_prompt_tokens", value: parsed.abovePromptTokens, type: "integer" },
      ],
      returns: "value",
    },
    SetModelPriceResultSchema,
  );
}
