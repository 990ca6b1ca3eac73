/**
 * The demo's budgets are sized from what their targets already spent this month, so that the
 * report shows each state the dashboard must handle: a user near a hard cap, a customer past a
 * soft one, and a project with room. Amounts in USD; limits in whole cents (as an admin types them).
 */

/** The near-cap user's share of the limit once the demo's own requests are in. */
export const nearCapShare = 0.9;
/** The soft budget's overrun: spent is this many times its limit. */
export const pastSoftShare = 1.25;
/** The project's share of its limit. */
export const projectShare = 0.6;
/**
 * Smallest limits: early in a month (or a period just begun) the targets may have spent nearly
 * nothing, and a limit of a few cents would look like a bug; the demo's requests then spend up to
 * the wanted share of this instead.
 */
export const smallestUserLimitUsd = 2;
export const smallestCustomerLimitUsd = 1;

const ceilCents = (usd: number) => Math.ceil(usd * 100 - 1e-9) / 100;
const floorCents = (usd: number) => Math.floor(usd * 100 + 1e-9) / 100;

/** A hard limit the user's month-to-date spend is at most 90 % of. */
export function nearCapLimit(spentUsd: number): number {
  return Math.max(ceilCents(spentUsd / nearCapShare), smallestUserLimitUsd);
}

/** A soft limit the customer's month-to-date spend is at least 125 % of. */
export function pastSoftLimit(spentUsd: number): number {
  return Math.max(floorCents(spentUsd / pastSoftShare), smallestCustomerLimitUsd);
}

/**
 * A project limit that the month-to-date spend is at most 60 % of (and more than 59 %): in whole
 * dollars from $100 on, in cents below (a whole dollar would move a small limit's share too much).
 */
export function projectLimit(spentUsd: number): number {
  const exact = spentUsd / projectShare;
  return Math.max(exact >= 100 ? Math.ceil(exact - 1e-9) : ceilCents(exact), 1);
}

/** Sonnet 4's list prices, USD per token: the demo's requests are sized with them. */
const inputUsdPerToken = 3 / 1_000_000;
const outputUsdPerToken = 15 / 1_000_000;
/** Every demo request sends this much prompt; the answer's length sets its cost. */
export const demoPromptTokens = 1000;

/** Tokens of a request that costs about `costUsd` (never less than a prompt and one output token). */
export function requestTokensFor(costUsd: number): { inputTokens: number; outputTokens: number } {
  const outputTokens = Math.round((costUsd - demoPromptTokens * inputUsdPerToken) / outputUsdPerToken);
  return { inputTokens: demoPromptTokens, outputTokens: Math.max(1, outputTokens) };
}
