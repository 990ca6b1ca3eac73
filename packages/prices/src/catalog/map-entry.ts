// One LiteLLM entry -> its catalog rows. Every rule here is also written down in ../../README.md
// ("How a LiteLLM entry becomes catalog rows"); keep the two in step.
import { formatRate, perTokenTextToRateMicros, type RateMicros, scaleRate } from "../decimal/rate-micros.js";
import type { ContextSuffix, LiteLlmEntry, RateField, TierSuffix } from "../litellm/litellm-entry.js";
import {
  CATALOG_PROVIDER_OF_LITELLM,
  type CatalogProvider,
  type CatalogRow,
  type Rates,
  type ServiceTier,
} from "./catalog-row.js";

export interface SkippedEntry {
  key: string;
  reason: string;
}

/** Something a reader of the sync output should know about an entry that was mapped. */
export interface MappingNote {
  key: string;
  kind: "correction" | "no-cache-read-discount" | "reasoning-rate" | "ignored-field" | "unusual-tier";
  text: string;
}

export type MappedEntry =
  | ({ kind: "skipped" } & SkippedEntry)
  | {
      kind: "mapped";
      key: string;
      provider: CatalogProvider;
      modelMatch: string;
      rows: CatalogRow[];
      notes: MappingNote[];
    };

/** A rate the mapping cannot turn into a catalog row (too precise, negative, not scalable). */
export class MappingError extends Error {
  override readonly name = "MappingError";
}

// Rule: only chat and responses models are priced per token; image, audio, realtime, embedding,
// video and moderation entries price other units.
const TOKEN_PRICED_MODES = new Set(["chat", "responses"]);

const SERVICE_TIERS: ReadonlyArray<{ suffix: Exclude<TierSuffix, "">; tier: ServiceTier }> = [
  { suffix: "_batches", tier: "batch" },
  { suffix: "_flex", tier: "flex" },
  { suffix: "_priority", tier: "priority" },
];

const LONG_CONTEXTS: ReadonlyArray<{ suffix: Exclude<ContextSuffix, "">; abovePromptTokens: number }> = [
  { suffix: "_above_200k_tokens", abovePromptTokens: 200_000 },
  { suffix: "_above_272k_tokens", abovePromptTokens: 272_000 },
];

interface RowRates {
  rates: Rates;
  /** What a rule filled in, for the row's source: "cache read = 0.1x input". */
  derived: string[];
}

export function mapEntry(key: string, entry: LiteLlmEntry, sourceLabel: string): MappedEntry {
  const skip = (reason: string): MappedEntry => ({ kind: "skipped", key, reason });
  const provider = CATALOG_PROVIDER_OF_LITELLM[entry.litellm_provider ?? ""];
  if (!provider) return skip(`provider ${entry.litellm_provider ?? "(none)"} is not one the catalog maps`);
  // Rule: fine-tuned ids (ft:gpt-4o:org::id) are unique per customer, so "ft:gpt-4o" never matches.
  if (key.startsWith("ft:")) return skip("fine-tuned (ft:): fine-tuned model ids never match it exactly");
  if (!TOKEN_PRICED_MODES.has(entry.mode ?? "")) {
    return skip(`mode ${entry.mode ?? "(none)"}: only chat and responses models are priced per token`);
  }
  if (entry.input_cost_per_token === undefined || entry.output_cost_per_token === undefined) {
    return skip("no input/output token cost");
  }
  // Rule: Gemini API keys carry LiteLLM's routing prefix; the ids a client reports do not.
  const modelMatch = key.replace(/^gemini\//, "");
  const notes: MappingNote[] = [];
  const rate = (field: RateField | "output_cost_per_reasoning_token"): RateMicros | undefined => {
    const text = entry[field];
    if (text === undefined) return undefined;
    try {
      return perTokenTextToRateMicros(text);
    } catch (error) {
      throw new MappingError(`${JSON.stringify(key)}.${field}: ${(error as Error).message}`);
    }
  };
  const row = (serviceTier: ServiceTier, abovePromptTokens: number, rowRates: RowRates): CatalogRow => ({
    provider,
    modelMatch,
    serviceTier,
    abovePromptTokens,
    rates: rowRates.rates,
    source:
      rowRates.derived.length > 0 ? `${sourceLabel} (derived: ${rowRates.derived.join("; ")})` : sourceLabel,
    fromKey: key,
  });
  const context = { key, provider, rate, notes };

  const standard = standardRates(context);
  const rows: CatalogRow[] = [row("standard", 0, standard)];
  const tierRates = new Map<ServiceTier, RowRates>();
  for (const { suffix, tier } of SERVICE_TIERS) {
    // Rule: a tier row only when the table gives its input rate; Batch is the exception below.
    const tierInput = rate(`input_cost_per_token${suffix}`);
    if (tierInput !== undefined) {
      tierRates.set(tier, variantRates(context, suffix, standard.rates, "standard"));
      // Tiers cost 0.5x-2x standard; far outside, the table is likely wrong (gpt-5-nano lists a
      // priority input 50x its standard one). Used as given, but reported.
      if (tierInput > standard.rates.input * 4n || tierInput * 4n < standard.rates.input) {
        notes.push({
          key,
          kind: "unusual-tier",
          text: `${tier} input ${formatRate(tierInput)} vs standard ${formatRate(standard.rates.input)}: used as given, check the table`,
        });
      }
    } else if (tier === "batch") {
      // Rule: Anthropic, OpenAI and Google each document a 50% Batch API on every token price.
      tierRates.set(tier, halved(standard.rates, "Batch API = 50% of every standard rate"));
    }
  }
  for (const [tier, rates] of tierRates) rows.push(row(tier, 0, rates));

  for (const { suffix, abovePromptTokens } of LONG_CONTEXTS) {
    if (rate(`input_cost_per_token${suffix}`) === undefined) continue;
    // Rule: a long-context row bills the whole request; buckets the table leaves out are the
    // standard ones scaled by (long-context input / standard input).
    const longContext = variantRates(context, suffix, standard.rates, "standard");
    rows.push(row("standard", abovePromptTokens, longContext));
    for (const { suffix: tierSuffix, tier } of SERVICE_TIERS) {
      const tierRow = tierRates.get(tier);
      if (rate(`input_cost_per_token${suffix}${tierSuffix}`) !== undefined) {
        const base = tierRow?.rates ?? longContext.rates;
        rows.push(row(tier, abovePromptTokens, variantRates(context, `${suffix}${tierSuffix}`, base, tier)));
      } else if (tierRow) {
        // Rule: a tier's discount or premium applies to long-context prompts too (else a priority
        // or batch request above the threshold would be priced at the tier's short-prompt rates).
        const ratio: [RateMicros, RateMicros] = [tierRow.rates.input, standard.rates.input];
        rows.push(row(tier, abovePromptTokens, scaledAll(context, longContext.rates, ratio, tier)));
      }
    }
  }

  const reasoning = rate("output_cost_per_reasoning_token");
  if (reasoning !== undefined && reasoning !== standard.rates.output) {
    notes.push({
      key,
      kind: "reasoning-rate",
      text: `reasoning tokens ${formatRate(reasoning)} vs output ${formatRate(standard.rates.output)}: priced as output`,
    });
  }
  const ignored = Object.keys(entry).filter((field) => /cost.*_above_128k_tokens/.test(field));
  if (ignored.length > 0) {
    notes.push({ key, kind: "ignored-field", text: `no catalog tier for ${ignored.join(", ")}` });
  }
  return { kind: "mapped", key, provider, modelMatch, rows, notes };
}

interface MappingContext {
  key: string;
  provider: CatalogProvider;
  rate: (field: RateField | "output_cost_per_reasoning_token") => RateMicros | undefined;
  notes: MappingNote[];
}

/** The standard row's five rates, filling the buckets the table leaves out by provider. */
function standardRates({ key, provider, rate, notes }: MappingContext): RowRates {
  const input = rate("input_cost_per_token")!;
  const output = rate("output_cost_per_token")!;
  const derived: string[] = [];
  let cacheRead = rate("cache_read_input_token_cost");
  if (cacheRead === undefined && provider === "anthropic") {
    // Rule: Anthropic publishes cache reads at 0.1x input for every model.
    cacheRead = scaleRate(input, 1n, 10n);
    derived.push("cache read = 0.1x input");
  } else if (cacheRead === undefined) {
    // Rule: OpenAI and Google discount cached input differently per model (0.1x-0.5x); with no
    // rate in the table, cached tokens are priced as input, never guessed low.
    cacheRead = input;
    derived.push("cache read = input, no discount known");
    notes.push({
      key,
      kind: "no-cache-read-discount",
      text: "no cache read rate: cached input priced as input",
    });
  }
  if (provider === "google") {
    // Rule: Gemini bills cache storage per hour, not cache writes: written tokens are input.
    return { rates: { input, output, cacheRead, cacheWrite5m: input, cacheWrite1h: input }, derived };
  }
  let cacheWrite5m = rate("cache_creation_input_token_cost");
  if (cacheWrite5m === undefined && provider === "anthropic") {
    cacheWrite5m = scaleRate(input, 5n, 4n);
    derived.push("cache write 5m = 1.25x input");
  }
  // Rule: OpenAI bills cache writes only where the table says so (the gpt-5.6 family); else input.
  cacheWrite5m ??= input;
  const cacheWrite1h =
    provider === "anthropic" ? anthropicOneHourWrite({ key, rate, notes }, "", input, derived) : cacheWrite5m;
  return { rates: { input, output, cacheRead, cacheWrite5m, cacheWrite1h }, derived };
}

/**
 * Rule: Anthropic's 1-hour cache write is 2x input for every model. The table agrees except for a
 * few older models (claude-3-haiku and claude-3-opus list 6.00, Sonnet's rate): there 2x input is
 * used and the difference is reported as a correction.
 */
function anthropicOneHourWrite(
  { key, rate, notes }: Pick<MappingContext, "key" | "rate" | "notes">,
  suffix: string,
  input: RateMicros,
  derived: string[],
): RateMicros {
  const published = input * 2n;
  const table = rate(`cache_creation_input_token_cost_above_1hr${suffix}` as RateField);
  if (table === undefined) {
    derived.push("cache write 1h = 2x input");
  } else if (table !== published) {
    derived.push(`cache write 1h = 2x input, not the table's ${formatRate(table)}`);
    notes.push({
      key,
      kind: "correction",
      text: `cache write 1h${suffix}: table ${formatRate(table)} contradicts Anthropic's 2x input; ${formatRate(published)} used`,
    });
  }
  return published;
}

/**
 * A tier or long-context variant (`suffix`): the buckets the table gives for it, the others scaled
 * from `base` by (variant input / base input).
 */
function variantRates(context: MappingContext, suffix: string, base: Rates, baseName: string): RowRates {
  const { key, provider, rate } = context;
  const input = rate(`input_cost_per_token${suffix}` as RateField)!;
  const scaled: string[] = [];
  const ratio: [RateMicros, RateMicros] = [input, base.input];
  const tableOrScaled = (field: string, baseRate: RateMicros, name: string): RateMicros => {
    const value = rate(`${field}${suffix}` as RateField);
    if (value !== undefined) return value;
    scaled.push(name);
    return scaleBy(key, baseRate, ratio);
  };
  const output = tableOrScaled("output_cost_per_token", base.output, "output");
  const cacheRead = tableOrScaled("cache_read_input_token_cost", base.cacheRead, "cache read");
  const derived: string[] = [];
  let cacheWrite5m = input;
  let cacheWrite1h = input;
  const billsCacheWrites = provider === "anthropic" || rate("cache_creation_input_token_cost") !== undefined;
  if (billsCacheWrites) {
    cacheWrite5m = tableOrScaled("cache_creation_input_token_cost", base.cacheWrite5m, "cache write 5m");
    cacheWrite1h =
      provider === "anthropic" &&
      rate(`cache_creation_input_token_cost_above_1hr${suffix}` as RateField) !== undefined
        ? anthropicOneHourWrite(context, suffix, input, derived)
        : provider === "anthropic"
          ? tableOrScaled("cache_creation_input_token_cost_above_1hr", base.cacheWrite1h, "cache write 1h")
          : cacheWrite5m;
  } else if (provider === "openai") {
    // No cache-write charge for this model: written tokens are input at this variant's rate.
    cacheWrite5m = rate(`cache_creation_input_token_cost${suffix}` as RateField) ?? input;
    cacheWrite1h = cacheWrite5m;
  }
  if (scaled.length > 0) {
    derived.unshift(`${scaled.join(", ")} = ${baseName} x ${formatRate(input)}/${formatRate(base.input)}`);
  }
  return { rates: { input, output, cacheRead, cacheWrite5m, cacheWrite1h }, derived };
}

function scaledAll(
  context: MappingContext,
  base: Rates,
  ratio: [RateMicros, RateMicros],
  tier: string,
): RowRates {
  const rates = Object.fromEntries(
    Object.entries(base).map(([bucket, value]) => [bucket, scaleBy(context.key, value, ratio)]),
  ) as Rates;
  const derived = [
    `long-context rates x ${tier}/standard input ${formatRate(ratio[0])}/${formatRate(ratio[1])}`,
  ];
  return { rates, derived };
}

function halved(base: Rates, why: string): RowRates {
  const rates = Object.fromEntries(
    Object.entries(base).map(([bucket, value]) => [bucket, scaleRate(value, 1n, 2n)]),
  ) as Rates;
  return { rates, derived: [why] };
}

function scaleBy(
  key: string,
  rate: RateMicros,
  [numerator, denominator]: [RateMicros, RateMicros],
): RateMicros {
  if (denominator === 0n) {
    throw new MappingError(
      `${JSON.stringify(key)}: a missing tier rate cannot be scaled from a 0 input rate`,
    );
  }
  return scaleRate(rate, numerator, denominator);
}
