import { InvalidArgumentError } from "commander";

export interface BenchOptions {
  events: number;
  days: number;
  users: number;
  customers: number;
  seed: number;
  batchSize: number;
  writers: number;
  databaseUrl: string | undefined;
  fresh: boolean;
  iterations: number;
  singleCalls: number;
  liveEvents: number;
  /** Print auto_explain plans of the report functions' statements taking at least this many ms. */
  explain: number | undefined;
  json: boolean;
  /** `budgets`: only the dataset, the live batch ingest (for comparison) and the budget part. */
  only: "budgets" | undefined;
  /** Runs of each concurrency-proof scenario. */
  proofRuns: number;
  /** Timed reserve_ai_usage calls per caller (alone, then each of the concurrent callers). */
  reserveCalls: number;
}

const suffixes: Record<string, number> = { "": 1, k: 1_000, m: 1_000_000 };

/**
 * A whole number within [min, max] for commander: "10000000", "10_000_000", "10,000,000" and
 * "10M" / "200k" all work, because event counts are long.
 */
export function wholeNumber(min: number, max: number) {
  return (text: string): number => {
    const match = /^(\d+(?:[_,]\d+)*(?:\.\d+)?)\s*([kKmM]?)$/.exec(text.trim());
    const value = match
      ? Number(match[1]!.replace(/[_,]/g, "")) * suffixes[match[2]!.toLowerCase()]!
      : Number.NaN;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`expected a whole number between ${min} and ${max}, got "${text}"`);
    }
    return value;
  };
}
