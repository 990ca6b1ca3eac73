import type { UsageError, UsageRecorderOptions } from "../../src/index.js";
import { createUsageRecorder } from "../../src/index.js";
import { FakeSink } from "./fake-sink.js";

export const USER = "7f0c1c2e-4b1a-4c8e-9a51-0d6b1f0e7a11";

export const event = (overrides: Record<string, unknown> = {}) => ({
  userId: USER,
  modelUsed: "claude-sonnet-4-20250514",
  inputTokens: 10,
  outputTokens: 5,
  ...overrides,
});

/** A recorder on a FakeSink that collects what onError hears; short retries, no timed flush. */
export function setupRecorder(options: Partial<UsageRecorderOptions> = {}) {
  const sink = new FakeSink();
  const errors: UsageError[] = [];
  const recorder = createUsageRecorder({
    sink,
    flushIntervalMs: 10_000,
    retry: { initialDelayMs: 1, maxDelayMs: 4 },
    onError: (error) => errors.push(error),
    ...options,
  });
  return { sink, errors, recorder };
}
