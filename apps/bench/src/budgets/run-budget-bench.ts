import { datasetPopulation } from "@org/ai-usage-data";
import type pg from "pg";
import type { DatasetSpec } from "../dataset/bench-events.js";
import {
  assertBudgetFunctions,
  deleteEndedBenchBudgets,
  endBenchBudgets,
  vacuumBudgetTables,
} from "./budget-sql.js";
import { type ProofOutcome, runConcurrencyProof } from "./concurrency-proof.js";
import { type IngestWithHolds, timeIngestWithHolds } from "./ingest-with-holds.js";
import { mixedBudgetScenario, type ProofCaller, singleBudgetScenario } from "./proof-scenarios.js";
import { type ReserveLatency, timeReserveLatency } from "./reserve-latency.js";
import { openScratchDatabases } from "./scratch-databases.js";

/** The numbers: 64 racing callers in the proof, 16 for reserve latency. */
export const proofCallers = 64;
export const reserveCallers = 16;

export interface BudgetBenchOptions {
  readonly proofRuns: number;
  readonly reserveCallsPerCaller: number;
  /** Events of the ingest with holds (the same count as the live ingest without). */
  readonly events: number;
  readonly writers: number;
  readonly batchSize: number;
  /** Where live events end (their created_at is the database's now(); this shapes the mix). */
  readonly end: Date;
  readonly requestIdPrefix: string;
}

export interface BudgetResults {
  readonly proofs: readonly ProofOutcome[];
  readonly reserve: ReserveLatency;
  readonly ingestWithHolds: IngestWithHolds;
}

/**
 * Budgets (issue 15): the concurrency proof on scratch databases, then reserve latency and ingest
 * with holds on the bench's dataset. Budgets the bench set are ended afterwards, and first of all
 * any an interrupted run left in force.
 */
export async function runBudgetBench(
  pool: pg.Pool,
  databaseUrl: string,
  spec: DatasetSpec,
  options: BudgetBenchOptions,
  log: (message: string) => void,
): Promise<BudgetResults> {
  await assertBudgetFunctions(pool);
  const leftOver = await endBenchBudgets(pool);
  if (leftOver > 0) log(`ended ${leftOver} budget(s) an interrupted bench run had left in force`);
  const deleted = await deleteEndedBenchBudgets(pool);
  if (deleted > 0)
    log(`deleted ${deleted} ended budget(s) of earlier bench runs (see deleteEndedBenchBudgets)`);

  log(`budget concurrency proof: ${proofCallers} callers, ${options.proofRuns} runs per scenario`);
  const scratch = await openScratchDatabases(databaseUrl);
  const proofs: ProofOutcome[] = [];
  try {
    for (const scenario of [singleBudgetScenario(proofCallers), mixedBudgetScenario(proofCallers)]) {
      proofs.push(
        await runConcurrencyProof(scratch, scenario, { runs: options.proofRuns, seed: spec.seed, log }),
      );
    }
  } finally {
    await scratch.close();
  }

  await vacuumBudgetTables(pool);
  log(`timing reserve_ai_usage: 1 caller, then ${reserveCallers} at once on one project budget`);
  const reserve = await timeReserveLatency(databaseUrl, datasetCallers(spec), {
    callers: reserveCallers,
    callsPerCaller: options.reserveCallsPerCaller,
  });

  log("batch ingest with holds (a budget per user, every event settling its hold)");
  const ingestWithHolds = await timeIngestWithHolds(pool, spec, options.requestIdPrefix, options);
  return { proofs, reserve, ingestWithHolds };
}

/** The dataset's customer users, with their customers, as callers. */
function datasetCallers(spec: DatasetSpec): ProofCaller[] {
  return datasetPopulation(spec).customerUsers.map((user) => ({
    userId: user.userId,
    customerId: user.customer?.customerId ?? null,
  }));
}
