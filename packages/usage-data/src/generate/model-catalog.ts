/**
 * Models the seed uses, with the traits that shape their usage. Prices are not here: the
 * database's catalog prices each row (and leaves mistral-large-2411 unpriced on purpose, so the
 * unpriced path shows up in dashboards). Three priced providers, so reports show more than two.
 */
export type CacheBehaviour =
  | "anthropic-explicit" // cache_control breakpoints: writes (5m or 1h) and reads
  | "openai-automatic" // prefixes >= 1024 tokens are cached in 128-token steps; no write charge
  | "gemini-implicit" // Gemini 2.5 implicit caching: a repeated prefix >= 1024 tokens is read; no write charge
  | "none";

export interface ModelProfile {
  readonly provider: string;
  readonly model: string;
  readonly cache: CacheBehaviour;
  /** Median time to first token. */
  readonly firstTokenMs: number;
  /** Median generation time per output token. */
  readonly msPerOutputToken: number;
}

export const models = {
  sonnet: {
    provider: "anthropic",
    model: "claude-sonnet-4-20250514",
    cache: "anthropic-explicit",
    firstTokenMs: 900,
    msPerOutputToken: 14,
  },
  haiku: {
    provider: "anthropic",
    model: "claude-haiku-4-5",
    cache: "anthropic-explicit",
    firstTokenMs: 450,
    msPerOutputToken: 6,
  },
  opus: {
    provider: "anthropic",
    model: "claude-opus-4-1",
    cache: "anthropic-explicit",
    firstTokenMs: 1600,
    msPerOutputToken: 30,
  },
  gpt4o: {
    provider: "openai",
    model: "gpt-4o",
    cache: "openai-automatic",
    firstTokenMs: 700,
    msPerOutputToken: 12,
  },
  gpt4oMini: {
    provider: "openai",
    model: "gpt-4o-mini",
    cache: "openai-automatic",
    firstTokenMs: 500,
    msPerOutputToken: 8,
  },
  geminiFlash: {
    provider: "google",
    model: "gemini-2.5-flash",
    cache: "gemini-implicit",
    firstTokenMs: 550,
    msPerOutputToken: 5,
  },
  mistralLarge: {
    provider: "mistral",
    model: "mistral-large-2411",
    cache: "none",
    firstTokenMs: 800,
    msPerOutputToken: 16,
  },
} as const satisfies Record<string, ModelProfile>;

export type ModelKey = keyof typeof models;
