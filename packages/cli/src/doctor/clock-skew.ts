import type { CheckStatus } from "./check.js";

/** Below this the clocks agree well enough: a day boundary is off by a second or two at most. */
export const CLOCK_SKEW_WARN_MS = 2_000;
/** From here events recorded near midnight land in the wrong day's reports often enough to matter. */
export const CLOCK_SKEW_FAIL_MS = 60_000;

export interface ClockReading {
  /** Local clock just before and just after the query, and the server's clock read in between. */
  localBefore: number;
  localAfter: number;
  server: number;
}

/**
 * The server's clock minus this machine's, measured against the midpoint of the round trip; the
 * round trip's half is the measurement's uncertainty and is never counted as skew.
 */
export function clockSkew(reading: ClockReading): { skewMs: number; uncertaintyMs: number } {
  const midpoint = (reading.localBefore + reading.localAfter) / 2;
  return { skewMs: reading.server - midpoint, uncertaintyMs: (reading.localAfter - reading.localBefore) / 2 };
}

export function classifyClockSkew(skewMs: number, uncertaintyMs: number): CheckStatus {
  const beyondDoubt = Math.abs(skewMs) - uncertaintyMs;
  if (beyondDoubt >= CLOCK_SKEW_FAIL_MS) return "fail";
  if (beyondDoubt >= CLOCK_SKEW_WARN_MS) return "warn";
  return "ok";
}
