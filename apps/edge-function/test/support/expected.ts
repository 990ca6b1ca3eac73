import { FIXTURE_USAGE } from "./anthropic-fixture.js";

export const MODEL = "claude-sonnet-4-20250514";

/** The fixture's usage in the database's buckets (Anthropic's input_tokens is already uncached). */
export const EXPECTED_TOKENS = {
  input_tokens: FIXTURE_USAGE.input_tokens,
  output_tokens: FIXTURE_USAGE.output_tokens,
  cache_write_5m_tokens: FIXTURE_USAGE.cache_creation_input_tokens,
  cache_write_1h_tokens: 0,
  cache_read_tokens: FIXTURE_USAGE.cache_read_input_tokens,
} as const;

/**
 * Sonnet 4 per million tokens: $3 input, $15 output, $3.75 cache write (5 min), $0.30 cache read.
 * 1200 x 3 + 345 x 15 + 2000 x 3.75 + 10000 x 0.30 = 3600 + 5175 + 7500 + 3000 = 19275 micro-dollars.
 */
export const EXPECTED_COST_USD = "0.019275000000";
export const EXPECTED_TOTAL_TOKENS = String(1200 + 345 + 2000 + 10_000);
