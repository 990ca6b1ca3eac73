// A row of public.ai_model_prices as the catalog files write it (see the SQL contract): rates in
// micro-dollars per million tokens (decimal/rate-micros.ts).
import { z } from "zod";
import type { RateMicros } from "../decimal/rate-micros.js";

export const catalogProviderSchema = z.enum(["anthropic", "openai", "google"]);
export type CatalogProvider = z.infer<typeof catalogProviderSchema>;

/** LiteLLM's provider names -> the catalog's ('gemini' is Google's Gemini API). */
export const CATALOG_PROVIDER_OF_LITELLM: Readonly<Record<string, CatalogProvider>> = {
  anthropic: "anthropic",
  openai: "openai",
  gemini: "google",
};

/** In the catalog's sort order; 'fast' (Anthropic fast mode) has no LiteLLM field yet. */
export const serviceTierSchema = z.enum(["standard", "batch", "flex", "priority", "fast"]);
export type ServiceTier = z.infer<typeof serviceTierSchema>;

export const RATE_BUCKETS = ["input", "output", "cacheWrite5m", "cacheWrite1h", "cacheRead"] as const;
export type RateBucket = (typeof RATE_BUCKETS)[number];
export type Rates = Record<RateBucket, RateMicros>;

/** The identity of a catalog entry, less its date: (provider, model_match, service_tier, above_prompt_tokens). */
export interface CatalogKey {
  provider: CatalogProvider;
  modelMatch: string;
  serviceTier: ServiceTier;
  abovePromptTokens: number;
}

export interface CatalogRow extends CatalogKey {
  rates: Rates;
  /** 'LiteLLM model_prices_and_context_window.json <date>' + ' (derived: ...)' where a rule filled in a rate. */
  source: string;
  /** The LiteLLM key the row comes from. */
  fromKey: string;
}

/** "openai gpt-5.4 priority above 272000 prompt tokens"; also for rows of providers the mapping never writes. */
export function catalogKeyText(key: Omit<CatalogKey, "provider"> & { provider: string }): string {
  const size = key.abovePromptTokens > 0 ? ` above ${key.abovePromptTokens} prompt tokens` : "";
  return `${key.provider} ${key.modelMatch} ${key.serviceTier}${size}`;
}

export function sameRates(left: Rates, right: Rates): boolean {
  return RATE_BUCKETS.every((bucket) => left[bucket] === right[bucket]);
}

/** Deterministic order: provider, model, tier (standard first), prompt threshold. */
export function compareCatalogKeys(left: CatalogKey, right: CatalogKey): number {
  const tiers = serviceTierSchema.options;
  return (
    compareText(left.provider, right.provider) ||
    compareText(left.modelMatch, right.modelMatch) ||
    tiers.indexOf(left.serviceTier) - tiers.indexOf(right.serviceTier) ||
    left.abovePromptTokens - right.abovePromptTokens
  );
}

// Code-unit order, not the locale's: the generated file must not depend on the machine.
function compareText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
