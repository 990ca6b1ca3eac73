/**
 * The mix of the benchmark dataset: six models (one unpriced on purpose, so the unpriced path is
 * exercised), a handful of request types, and the failures a real app sees. Prices are not here:
 * the database's catalog prices each row, as in production.
 */
export type CacheBehaviour = "anthropic-explicit" | "openai-automatic" | "none";

export interface ModelProfile {
  readonly provider: string;
  readonly model: string;
  readonly cache: CacheBehaviour;
  /** Share of requests (relative weight). */
  readonly weight: number;
  readonly firstTokenMs: number;
  readonly msPerOutputToken: number;
}

export const models: readonly ModelProfile[] = [
  {
    provider: "anthropic",
    model: "claude-sonnet-4-20250514",
    cache: "anthropic-explicit",
    weight: 35,
    firstTokenMs: 900,
    msPerOutputToken: 14,
  },
  {
    provider: "anthropic",
    model: "claude-haiku-4-5",
    cache: "anthropic-explicit",
    weight: 20,
    firstTokenMs: 450,
    msPerOutputToken: 6,
  },
  {
    provider: "anthropic",
    model: "claude-opus-4-1",
    cache: "anthropic-explicit",
    weight: 5,
    firstTokenMs: 1600,
    msPerOutputToken: 30,
  },
  {
    provider: "openai",
    model: "gpt-4o",
    cache: "openai-automatic",
    weight: 15,
    firstTokenMs: 700,
    msPerOutputToken: 12,
  },
  {
    provider: "openai",
    model: "gpt-4o-mini",
    cache: "openai-automatic",
    weight: 20,
    firstTokenMs: 500,
    msPerOutputToken: 8,
  },
  // Not in the price catalog: stored with NULL cost and listed as unpriced by the dashboards.
  {
    provider: "mistral",
    model: "mistral-large-2411",
    cache: "none",
    weight: 5,
    firstTokenMs: 800,
    msPerOutputToken: 16,
  },
];

export interface RequestTypeProfile {
  readonly name: string;
  readonly weight: number;
  /** Agentic requests make tool calls. */
  readonly maxToolTurns: number;
}

export const requestTypes: readonly RequestTypeProfile[] = [
  { name: "chat", weight: 40, maxToolTurns: 0 },
  { name: "report", weight: 20, maxToolTurns: 0 },
  { name: "summary", weight: 15, maxToolTurns: 0 },
  { name: "classification", weight: 10, maxToolTurns: 0 },
  { name: "agent", weight: 10, maxToolTurns: 6 },
  { name: "extraction", weight: 5, maxToolTurns: 0 },
];

/** Share of requests that fail. */
export const errorRate = 0.05;

/** Share of failures that time out mid-stream (billed prompt and partial output); the rest bill nothing. */
export const timeoutShare = 0.3;

export const errorMessages: readonly string[] = [
  "overloaded_error: Overloaded (HTTP 529)",
  "rate_limit_error: Number of request tokens has exceeded your per-minute rate limit (HTTP 429)",
  "api_error: Internal server error (HTTP 500)",
];
export const timeoutMessage = "Request timed out after 60s (client timeout, stream aborted)";
