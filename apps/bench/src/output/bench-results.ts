import type { BudgetResults } from "../budgets/run-budget-bench.js";
import type { AppliedMigration } from "../database/applied-migrations.js";
import type { DatasetOutcome } from "../dataset/ensure-dataset.js";
import type { WriteResult } from "../dataset/timed-write.js";
import type { ExplainedReport } from "../measure/explain-reports.js";
import type { GeneratorSpeed } from "../measure/generator-speed.js";
import type { ReconcileOutcome } from "../measure/reconcile.js";
import type { RefusedCallerTiming } from "../measure/refused-caller.js";
import type { ReportTiming } from "../measure/report-latency.js";
import type { LatencyStats } from "../measure/stats.js";

export interface Environment {
  readonly database: "option" | "DATABASE_URL" | "embedded";
  readonly serverVersion: string;
  /** Server settings that shape the figures (memory, WAL, durability). */
  readonly settings: Record<string, string>;
  readonly migrations: readonly AppliedMigration[];
  readonly cpus: number;
  /** 1/5/15-minute load averages when the run started and ended: the machine is shared. */
  readonly loadAverageStart: readonly number[];
  readonly loadAverageEnd: readonly number[];
}

export interface Check {
  readonly measure: string;
  readonly measured: string;
  readonly target: string;
  readonly result: "PASS" | "MISS" | "-";
}

/** Everything a run measured; `--json` prints this object. */
export interface BenchResults {
  readonly startedAt: string;
  readonly environment: Environment;
  readonly dataset: Omit<
    DatasetOutcome,
    "userIds" | "adminUserId" | "build" | "vacuumSeconds" | "startMs" | "endMs"
  > & {
    readonly start: string;
    readonly end: string;
    readonly logRowsEstimate: number;
  };
  readonly generator: GeneratorSpeed;
  readonly build: (WriteResult & { readonly vacuumSeconds: number }) | undefined;
  /** Everything but the budgets; absent with `--only budgets`. */
  readonly core: CoreResults | undefined;
  /** Batch ingest without holds (with holds: budgets.ingestWithHolds). */
  readonly liveBatch: WriteResult;
  readonly budgets: BudgetResults;
  readonly checks: readonly Check[];
}

export interface CoreResults {
  readonly reports: readonly ReportTiming[];
  readonly singleIngest: LatencyStats & { readonly calls: number };
  readonly refusedCaller: RefusedCallerTiming;
  readonly reconcile: ReconcileOutcome;
  readonly explained: readonly ExplainedReport[] | undefined;
}
