// @ts-check
// Figures the page derives from a report rather than reading them as they are.

/** @typedef {import("@org/ai-usage-sdk").UsageDashboard} UsageDashboard */

/**
 * What a million tokens cost on average in the period: the unit providers price in, so it reads in
 * cents (`$2.58`) where a per-1K figure would need fractions of a cent. From the totals, not from
 * the report's `cost_per_1k_tokens` (rounded to 4 decimals: times 1,000 its cents would be made up).
 * @param {UsageDashboard} dashboard
 */
export function costPerMillionTokens(dashboard) {
  const tokens = dashboard.summary.total_tokens;
  return tokens > 0 ? (dashboard.costs.total_cost_usd / tokens) * 1_000_000 : 0;
}
