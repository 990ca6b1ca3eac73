import pg from "pg";
import type { Refusal } from "./budget-answers.js";
import { setBudget } from "./budget-sql.js";
import { sumExceeds } from "./exact-decimal.js";
import { emptyTally, runProofCaller } from "./proof-caller.js";
import type { ProofScenario } from "./proof-scenarios.js";
import { type ProofVerification, verifyProofRun } from "./proof-verification.js";
import type { ScratchDatabases } from "./scratch-databases.js";

export interface ProofRun {
  readonly seconds: number;
  readonly admitted: number;
  readonly settled: number;
  readonly released: number;
  readonly admittedWithoutHold: number;
  readonly refusals: number;
  /** Refusals by a hard budget whose answer shows spent + held + request > limit, exactly. */
  readonly justifiedRefusals: number;
  /**
   * Of the others, those justified within the answer's rounding: spent, held and request are sent
   * rounded to 6 decimals (while admission compares exact sums), so a refusal by less than 1.5
   * micro-dollars can read as sum = limit.
   */
  readonly justifiedWithinRounding: number;
  /** The first refusals that were not, as the database answered them. */
  readonly unjustifiedSamples: readonly unknown[];
  readonly deadlocks: number;
  readonly errors: number;
  readonly errorSamples: readonly string[];
  readonly neverRefused: boolean;
  readonly verification: ProofVerification;
}

export interface ProofOutcome {
  readonly scenario: string;
  readonly callers: number;
  readonly budgets: number;
  readonly runs: readonly ProofRun[];
}

export interface ProofOptions {
  readonly runs: number;
  readonly seed: number;
  readonly log: (message: string) => void;
}

/**
 * The concurrency proof: `scenario.callers.length` callers, each on a connection of its
 * own, race against the scenario's budgets until every one of them is refused repeatedly; then
 * the run is checked (verifyProofRun). Each run starts from an empty copy of the migrated database.
 */
export async function runConcurrencyProof(
  scratch: ScratchDatabases,
  scenario: ProofScenario,
  options: ProofOptions,
): Promise<ProofOutcome> {
  const runs: ProofRun[] = [];
  for (let run = 0; run < options.runs; run++) {
    const database = `ai_usage_bench_budget_run_${run}`;
    const url = await scratch.create(database);
    try {
      runs.push(await proofRun(url, scenario, options.seed + run * 104_729, `proof-${run}-`));
    } finally {
      await scratch.drop(database);
    }
    const last = runs[runs.length - 1]!;
    options.log(
      `  ${scenario.name}, run ${run + 1}/${options.runs}: ${last.admitted} admitted, ${last.refusals} refused, ` +
        last.verification.budgets
          .map((b) => `${b.name} $${b.settledUsd.toFixed(4)}/${b.limitUsd}`)
          .join(", "),
    );
  }
  return {
    scenario: scenario.name,
    callers: scenario.callers.length,
    budgets: scenario.budgets.length,
    runs,
  };
}

async function proofRun(
  url: string,
  scenario: ProofScenario,
  seed: number,
  requestIdPrefix: string,
): Promise<ProofRun> {
  const clients = scenario.callers.map(
    () => new pg.Client({ connectionString: url, application_name: "ai-usage-bench-proof" }),
  );
  for (const client of clients) client.on("error", () => undefined);
  try {
    await Promise.all(clients.map((client) => client.connect()));
    const setup = clients[0]!;
    await setup.query("SELECT public.set_ai_reporting_time_zone('UTC')");
    for (const budget of scenario.budgets) await setBudget(setup, budget);

    const tally = emptyTally();
    const started = performance.now();
    await Promise.all(
      scenario.callers.map((caller, index) =>
        runProofCaller(
          clients[index]!,
          caller,
          index,
          { refusalsToStop: 5, maximumRequests: 2000, failureRate: 0.1, requestIdPrefix, seed },
          tally,
        ),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const notExactly = tally.refusals.filter((refusal) => !isJustified(refusal, 0));
    const unjustified = notExactly.filter((refusal) => !isJustified(refusal, answerRounding));
    return {
      seconds,
      admitted: tally.admitted,
      settled: tally.settled,
      released: tally.released,
      admittedWithoutHold: tally.admittedWithoutHold,
      refusals: tally.refusals.length,
      justifiedRefusals: tally.refusals.length - notExactly.length,
      justifiedWithinRounding: notExactly.length - unjustified.length,
      unjustifiedSamples: unjustified.slice(0, 3),
      deadlocks: tally.deadlocks,
      errors: tally.errors,
      errorSamples: tally.errorSamples,
      neverRefused: tally.neverRefused,
      verification: await verifyProofRun(setup),
    };
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}

/** Three figures rounded to 6 decimals: each off by at most half a micro-dollar. */
const answerRounding = 1.5e-6;

/** A refusal is right only when a hard budget had no room: spent + held + request > limit. */
function isJustified(refusal: Refusal, slack: number): boolean {
  const { budget } = refusal;
  return (
    refusal.reason === "budget_exceeded" &&
    budget.mode === "hard" &&
    budget.request_usd !== null &&
    sumExceeds([budget.spent_usd, budget.held_usd, budget.request_usd], budget.limit_usd, slack)
  );
}
