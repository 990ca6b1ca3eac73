import type { RecorderSettings } from "./options.js";

/**
 * Delay before retry number `attempt` (1 = after the first failure): exponential, capped, with
 * "equal jitter" (half fixed, half random) so retries spread out yet still grow.
 */
export function backoffDelay(
  attempt: number,
  retry: RecorderSettings["retry"],
  random: () => number = Math.random,
): number {
  const exponential = retry.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(retry.maxDelayMs, exponential);
  return capped / 2 + random() * (capped / 2);
}
