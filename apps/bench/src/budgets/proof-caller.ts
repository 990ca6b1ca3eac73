import { setTimeout as sleep } from "node:timers/promises";
import { Random } from "@org/ai-usage-data";
import type pg from "pg";
import type { Refusal } from "./budget-answers.js";
import { releaseHold, reserve } from "./budget-sql.js";
import type { ProofCaller } from "./proof-scenarios.js";
import { type SettlePath, settleUsage } from "./settle-usage.js";

/** A priced model: the database turns maximum tokens into the request's bound at its rates. */
export const proofModel = "claude-sonnet-4-20250514";

/** Past this many failed calls in a run, its callers stop: something is broken, not racing. */
const maximumErrors = 100;

export interface CallerOptions {
  /** The caller stops after this many refusals in a row: the budget has no room left for it. */
  readonly refusalsToStop: number;
  /** A safety net: a caller that is never refused (a broken budget) stops here. */
  readonly maximumRequests: number;
  /** Share of admitted requests whose "provider call" fails: their holds are released. */
  readonly failureRate: number;
  readonly requestIdPrefix: string;
  readonly seed: number;
}

export interface CallerTally {
  admitted: number;
  settled: number;
  released: number;
  /** Admitted with no hold: no budget applied (must not happen in the proof). */
  admittedWithoutHold: number;
  refusals: Refusal[];
  /** SQLSTATE 40P01, from any call. */
  deadlocks: number;
  /** Any other failed call. */
  errors: number;
  /** The first few of them, with their SQLSTATE. */
  errorSamples: string[];
  /** The safety net was reached (or too many calls failed). */
  neverRefused: boolean;
}

export function emptyTally(): CallerTally {
  return {
    admitted: 0,
    settled: 0,
    released: 0,
    admittedWithoutHold: 0,
    refusals: [],
    deadlocks: 0,
    errors: 0,
    errorSamples: [],
    neverRefused: false,
  };
}

/**
 * One caller on a connection of its own, as an app's server handles one user's requests: reserve
 * with a random bound (maximum input and output tokens), wait a moment as if the provider answered
 * (so holds of other callers are in flight meanwhile), then log the real usage with the hold's id,
 * or release the hold as an upstream failure would. The real tokens are at most the maximums, so
 * the real cost is at most the hold: the premise under which spend may never pass the limit.
 */
export async function runProofCaller(
  client: pg.ClientBase,
  caller: ProofCaller,
  index: number,
  options: CallerOptions,
  tally: CallerTally,
): Promise<void> {
  const random = new Random((options.seed + index * 7919) | 0);
  // Alternate the two logging functions: both must settle.
  const settlePath: SettlePath = index % 2 === 0 ? "log_ai_usage" : "log_ai_usage_batch";
  let refusedInARow = 0;
  for (let request = 0; refusedInARow < options.refusalsToStop; request++) {
    if (request >= options.maximumRequests || tally.errors > maximumErrors) {
      tally.neverRefused = true;
      return;
    }
    const maxInputTokens = random.int(100, 3000);
    const maxOutputTokens = random.int(20, 800);
    const answer = await counted(tally, () =>
      reserve(client, { ...caller, model: proofModel, maxInputTokens, maxOutputTokens }),
    );
    if (answer === undefined) continue;
    if (!answer.admitted) {
      refusedInARow++;
      tally.refusals.push(answer);
      continue;
    }
    refusedInARow = 0;
    tally.admitted++;
    if (answer.hold_id === null) {
      tally.admittedWithoutHold++;
      continue;
    }
    const holdId = answer.hold_id;
    await sleep(random.int(0, 3));
    if (random.chance(options.failureRate)) {
      if (await counted(tally, () => releaseHold(client, holdId))) tally.released++;
      continue;
    }
    // Any split of the input among the buckets, each at most its maximum.
    const input = random.int(0, maxInputTokens);
    const cacheRead = random.int(0, input);
    const cacheWrite5m = random.int(0, input - cacheRead);
    const cacheWrite1h = random.int(0, input - cacheRead - cacheWrite5m);
    const settled = await counted(tally, () =>
      settleUsage(client, settlePath, {
        ...caller,
        requestId: `${options.requestIdPrefix}${index}-${request}`,
        model: proofModel,
        inputTokens: input - cacheRead - cacheWrite5m - cacheWrite1h,
        cacheReadTokens: cacheRead,
        cacheWrite5mTokens: cacheWrite5m,
        cacheWrite1hTokens: cacheWrite1h,
        outputTokens: random.int(1, maxOutputTokens),
        holdId,
      }).then(() => true),
    );
    if (settled) tally.settled++;
    // A failed log leaves its hold open: give it back as the app would, so nothing lingers.
    else await counted(tally, () => releaseHold(client, holdId));
  }
}

/** Runs a call, counting a deadlock or any other failure instead of throwing. */
async function counted<T>(tally: CallerTally, call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "40P01") tally.deadlocks++;
    else {
      tally.errors++;
      if (tally.errorSamples.length < 5) {
        tally.errorSamples.push(`${code ?? "no SQLSTATE"}: ${(error as Error).message}`);
      }
    }
    return undefined;
  }
}
