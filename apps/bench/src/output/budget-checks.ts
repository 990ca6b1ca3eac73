import type { ProofOutcome } from "../budgets/concurrency-proof.js";
import { type BudgetResults, proofCallers, reserveCallers } from "../budgets/run-budget-bench.js";
import type { Check } from "./bench-results.js";
import { formatInteger, formatMs, formatSeconds } from "./format.js";

/** The targets for budgets (reserve latency at 10M events on this machine). */
export const budgetTargets = { reserveMedianMs: 2, reserveP95Ms: 5 };

const verdict = (pass: boolean): Check["result"] => (pass ? "PASS" : "MISS");
const usd = (value: number) => `$${value.toFixed(4)}`;

/** Budget figures next to their targets: the concurrency proof, reserve latency, ingest with holds. */
export function budgetChecks(budgets: BudgetResults, datasetEvents: number, liveEvents: number): Check[] {
  const { reserve, ingestWithHolds } = budgets;
  const atSize = `at ${formatInteger(datasetEvents)} events`;
  const holds = ingestWithHolds.write;
  return [
    ...budgets.proofs.flatMap(proofChecks),
    {
      measure: `reserve_ai_usage, 1 caller (${atSize})`,
      measured: `median ${formatMs(reserve.alone.medianMs)} · p95 ${formatMs(reserve.alone.p95Ms)}`,
      target: "-",
      result: "-",
    },
    {
      measure: `reserve_ai_usage, ${reserveCallers} concurrent callers, one project budget (${atSize})`,
      measured:
        `median ${formatMs(reserve.concurrent.medianMs)} · p95 ${formatMs(reserve.concurrent.p95Ms)}, ` +
        `${formatInteger(reserve.reservationsPerSecond)}/s`,
      target: `median <= ${budgetTargets.reserveMedianMs} ms, p95 <= ${budgetTargets.reserveP95Ms} ms`,
      result: verdict(
        reserve.concurrent.medianMs <= budgetTargets.reserveMedianMs &&
          reserve.concurrent.p95Ms <= budgetTargets.reserveP95Ms,
      ),
    },
    {
      measure: `the same with synchronous_commit=off (the commit's WAL flush, waited under the lock)`,
      measured: `median ${formatMs(reserve.concurrentWithoutFlushWait.medianMs)} · p95 ${formatMs(reserve.concurrentWithoutFlushWait.p95Ms)}`,
      target: "-",
      result: "-",
    },
    {
      measure: `log_ai_usage_batch, ${formatInteger(liveEvents)} live events with holds (${formatInteger(ingestWithHolds.budgets)} user budgets)`,
      measured:
        `${formatInteger(holds.eventsPerSecond)} events/s in ${formatSeconds(holds.seconds)}, ` +
        `${formatInteger(ingestWithHolds.holdsSettled)} holds settled ` +
        `(reserved beforehand at ${formatInteger(ingestWithHolds.reservationsPerSecond)}/s)`,
      target: "reported; every hold settled",
      result: verdict(ingestWithHolds.holdsSettled === holds.events && holds.inserted === holds.events),
    },
  ];
}

/** Four rows per scenario: spend within every hard limit, refusals justified, no deadlock, reconcile. */
function proofChecks(proof: ProofOutcome): Check[] {
  const label = `budget proof, ${proof.scenario}, ${proofCallers} callers x ${proof.runs.length} runs`;
  const runs = proof.runs;
  const hard = runs.flatMap((run) => run.verification.budgets.filter((budget) => budget.mode === "hard"));
  const closest = hard.reduce((best, budget) =>
    budget.settledUsd / budget.limitUsd > best.settledUsd / best.limitUsd ? budget : best,
  );
  const project = runs.map(
    (run) => run.verification.budgets.find((budget) => budget.name.endsWith("proof project"))!,
  );
  const projectUse = project.map((budget) => budget.settledUsd / budget.limitUsd);
  const refusals = runs.reduce((sum, run) => sum + run.refusals, 0);
  const exactly = runs.reduce((sum, run) => sum + run.justifiedRefusals, 0);
  const withinRounding = runs.reduce((sum, run) => sum + run.justifiedWithinRounding, 0);
  const justified = exactly + withinRounding;
  const admitted = runs.reduce((sum, run) => sum + run.admitted, 0);
  const deadlocks = runs.reduce((sum, run) => sum + run.deadlocks, 0);
  const errors = runs.reduce((sum, run) => sum + run.errors, 0);
  const neverRefused = runs.filter((run) => run.neverRefused || run.admittedWithoutHold > 0).length;
  const reconciled = runs.filter((run) => run.verification.reconcile.ok).length;
  const overHold = runs.reduce((sum, run) => sum + run.verification.rowsOverTheirHold, 0);
  const unsettled = runs.reduce((sum, run) => sum + run.verification.rowsWithUnsettledHold, 0);
  const openLeft = runs.reduce((sum, run) => sum + run.verification.openHoldsLeft, 0);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  return [
    {
      measure: `${label}: settled spend (${proof.budgets} budget${proof.budgets > 1 ? "s" : ""})`,
      measured:
        `closest ${usd(closest.settledUsd)} of ${usd(closest.limitUsd)} (${closest.name.replace(/^bench: proof /, "")}); ` +
        `project ${percent(Math.min(...projectUse))}-${percent(Math.max(...projectUse))} used`,
      target: "<= every hard limit, every run",
      result: verdict(hard.every((budget) => budget.withinLimit)),
    },
    {
      measure: `${label}: refusals`,
      measured:
        `${formatInteger(justified)} of ${formatInteger(refusals)} with spent + held + request > limit` +
        (withinRounding > 0 ? ` (${withinRounding} only within the answer's 6-decimal rounding) ` : " ") +
        `(${formatInteger(admitted)} admitted, ${formatSeconds(seconds)})`,
      target: "all of them; each caller refused",
      result: verdict(refusals > 0 && justified === refusals && neverRefused === 0),
    },
    {
      measure: `${label}: deadlocks (40P01), other errors`,
      measured: `${deadlocks}, ${errors}${errorSample(runs)}`,
      target: "0, 0",
      result: verdict(deadlocks === 0 && errors === 0),
    },
    {
      measure: `${label}: reconcile_ai_usage_budgets()`,
      measured:
        `ok in ${reconciled} of ${runs.length} runs; ${overHold} rows over their hold, ` +
        `${unsettled} unsettled, ${openLeft} holds left open`,
      target: "ok every run; 0, 0, 0",
      result: verdict(reconciled === runs.length && overHold === 0 && unsettled === 0 && openLeft === 0),
    },
  ];
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)} %`;
}

function errorSample(runs: ProofOutcome["runs"]): string {
  const sample = runs.flatMap((run) => run.errorSamples)[0];
  return sample === undefined ? "" : ` (first: ${sample.slice(0, 80)})`;
}
