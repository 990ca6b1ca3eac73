// One entry of LiteLLM's model_prices_and_context_window.json, as far as the catalog reads it. Every
// other field (context sizes, feature flags, image and audio rates) passes through unchecked.
import { z } from "zod";
import { NUMBER_MARK } from "./json-number-text.js";

/** The per-token buckets the catalog prices (LiteLLM's names). */
export const RATE_BUCKET_FIELDS = [
  "input_cost_per_token",
  "output_cost_per_token",
  "cache_read_input_token_cost",
  "cache_creation_input_token_cost",
  "cache_creation_input_token_cost_above_1hr",
] as const;
export type RateBucketField = (typeof RATE_BUCKET_FIELDS)[number];

/** Long-context variants: `input_cost_per_token_above_200k_tokens` prices prompts above 200k. */
export const CONTEXT_SUFFIXES = ["", "_above_200k_tokens", "_above_272k_tokens"] as const;
export type ContextSuffix = (typeof CONTEXT_SUFFIXES)[number];

/** Service-tier variants: `input_cost_per_token_priority`, `..._flex`, `..._batches`. */
export const TIER_SUFFIXES = ["", "_priority", "_flex", "_batches"] as const;
export type TierSuffix = (typeof TIER_SUFFIXES)[number];

export type RateField = `${RateBucketField}${ContextSuffix}${TierSuffix}`;

/** A JSON number, as its text (parseJsonKeepingNumberText marked it). */
export const jsonNumberText = z
  .string({ error: "expected a number" })
  .refine((value) => value.startsWith(NUMBER_MARK), { error: "expected a number, not a string" })
  .transform((value) => value.slice(NUMBER_MARK.length));

const optionalRate = jsonNumberText.optional();

const rateFields = Object.fromEntries(
  RATE_BUCKET_FIELDS.flatMap((bucket) =>
    CONTEXT_SUFFIXES.flatMap((context) =>
      TIER_SUFFIXES.map((tier) => [`${bucket}${context}${tier}`, optionalRate]),
    ),
  ),
) as Record<RateField, typeof optionalRate>;

export const liteLlmEntrySchema = z.looseObject({
  litellm_provider: z.string().optional(),
  mode: z.string().optional(),
  // Billed as output by every provider we map; read only to report a table that says otherwise.
  output_cost_per_reasoning_token: optionalRate,
  ...rateFields,
});
export type LiteLlmEntry = z.infer<typeof liteLlmEntrySchema>;

/** The whole file: model id -> entry; entries are validated one by one (see readPriceFile). */
export const liteLlmFileSchema = z.record(z.string(), z.unknown());
