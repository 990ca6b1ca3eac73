import { z } from "zod";
import { BigintIdSchema, RepriceResultSchema } from "../schemas/admin.js";
import { callFunction, parseArguments } from "./call-function.js";
import type { UsageTransport } from "./function-call.js";

const instant = z.union([z.date(), z.iso.datetime({ offset: true })], {
  error: "must be a Date or an ISO 8601 timestamp",
});
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

/** Rates in USD per million tokens; omitted cache rates follow Anthropic's multipliers of the input rate. */
export const ModelPriceSchema = z.strictObject({
  provider: z.string().min(1).max(64),
  /** An exact model id, or a family (`claude-sonnet-4` also prices `claude-sonnet-4-20250514`). */
  modelMatch: z.string().min(1).max(200),
  effectiveFrom: instant,
  /** Omitted = open-ended. */
  effectiveTo: instant.optional(),
  inputPerMtok: rate,
  outputPerMtok: rate,
  /** Default 1.25 x input. */
  cacheWrite5mPerMtok: rate.optional(),
  /** Default 2 x input. */
  cacheWrite1hPerMtok: rate.optional(),
  /** Default 0.1 x input. */
  cacheReadPerMtok: rate.optional(),
  /** Where the price comes from (a URL, "contract 2026"). */
  source: z.string().max(500).optional(),
});
export type ModelPriceInput = z.input<typeof ModelPriceSchema>;

/**
 * Admin only: adds or corrects a catalog entry (`set_ai_model_price`, upsert on provider, model
 * and effective date); resolves to its id. Stored usage keeps its rates until `repriceUsage`.
 */
export async function setModelPrice(transport: UsageTransport, price: ModelPriceInput): Promise<string> {
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
      ],
      returns: "value",
    },
    BigintIdSchema,
  );
}
