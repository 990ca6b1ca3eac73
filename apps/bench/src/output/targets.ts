import { type RefusedCallerTiming, refusedBatchEvents } from "../measure/refused-caller.js";
import type { LatencyStats } from "../measure/stats.js";
import type { BenchResults, Check, CoreResults } from "./bench-results.js";
import { budgetChecks } from "./budget-checks.js";
import { formatInteger, formatMs, formatSeconds } from "./format.js";

/** The targets, for this 2-core machine at 10M events. */
export const targets = {
  reportP95Ms: {
    "get_ai_usage_dashboard(30)": 50,
    "get_ai_usage_dashboard(30) as admin": 50,
    "get_ai_usage_dashboard(365)": 150,
    "get_ai_cost_summary()": 10,
    "get_user_ai_usage(id, 30)": 20,
  } as Record<string, number>,
  singleIngestMedianMs: 2,
  batchEventsPerSecond: 10_000,
  /**
   * A refused caller costs nearly nothing: at most this many times what PostgreSQL takes to parse
   * its JSON (paid before any function runs), plus a millisecond.
   */
  refusedOverParse: 1.5,
  /** The generator must not be what limits ingest: this many times the measured ingest rate. */
  generatorHeadroom: 5,
};

const verdict = (pass: boolean): Check["result"] => (pass ? "PASS" : "MISS");
const latency = (stats: LatencyStats) => `median ${formatMs(stats.medianMs)} · p95 ${formatMs(stats.p95Ms)}`;
const rate = (eventsPerSecond: number) => `${formatInteger(eventsPerSecond)} events/s`;

/** Each figure next to its target. */
export function evaluate(results: Omit<BenchResults, "checks">): Check[] {
  const { core } = results;
  const checks: Check[] = core ? reportChecks(core) : [];
  const batchTarget = `>= ${formatInteger(targets.batchEventsPerSecond)} events/s`;
  const fastestIngest = Math.max(results.liveBatch.eventsPerSecond, results.build?.eventsPerSecond ?? 0);
  const generatorFloor = targets.generatorHeadroom * fastestIngest;
  if (results.build) {
    const sent = formatInteger(results.build.events);
    checks.push(
      {
        measure: `log_ai_usage_batch, build (${sent} events)`,
        measured: `${rate(results.build.eventsPerSecond)} in ${formatSeconds(results.build.seconds)}`,
        target: batchTarget,
        result: verdict(results.build.eventsPerSecond >= targets.batchEventsPerSecond),
      },
      {
        measure: "log_ai_usage_batch, build, last 10%",
        measured: rate(results.build.lastTenthEventsPerSecond),
        target: batchTarget,
        result: verdict(results.build.lastTenthEventsPerSecond >= targets.batchEventsPerSecond),
      },
    );
  } else {
    checks.push({
      measure: "log_ai_usage_batch, build",
      measured: "dataset reused (not built this run)",
      target: batchTarget,
      result: "-",
    });
  }
  checks.push({
    measure: `log_ai_usage_batch, ${formatInteger(results.liveBatch.events)} live events`,
    measured: `${rate(results.liveBatch.eventsPerSecond)} in ${formatSeconds(results.liveBatch.seconds)}`,
    target: batchTarget,
    result: verdict(results.liveBatch.eventsPerSecond >= targets.batchEventsPerSecond),
  });
  checks.push(...budgetChecks(results.budgets, results.dataset.spec.events, results.liveBatch.events));
  if (core) {
    checks.push(...refusedCallerChecks(core.refusedCaller), {
      measure: "reconcile_ai_usage_summaries()",
      measured: `ok=${core.reconcile.ok}, ${core.reconcile.mismatches} mismatches, ${formatSeconds(core.reconcile.seconds)} over ${formatInteger(core.reconcile.logRows)} rows`,
      target: "ok, 0 mismatches",
      result: verdict(core.reconcile.ok && core.reconcile.mismatches === 0),
    });
  }
  checks.push({
    measure: "event generator alone (no database)",
    measured: `${rate(results.generator.eventsPerSecond)}, ${Math.round(results.generator.bytesPerEvent)} B/event`,
    target: `>= ${targets.generatorHeadroom}x ingest (${formatInteger(generatorFloor)} events/s)`,
    result: verdict(results.generator.eventsPerSecond >= generatorFloor),
  });
  if (results.build) {
    checks.push({
      measure: "VACUUM ANALYZE after the build",
      measured: formatSeconds(results.build.vacuumSeconds),
      target: "-",
      result: "-",
    });
  }
  return checks;
}

/** The report functions and single-event ingest. */
function reportChecks(core: CoreResults): Check[] {
  const checks: Check[] = core.reports.map((report) => {
    const limit = targets.reportP95Ms[report.name];
    return {
      measure: report.name,
      measured: latency(report.stats),
      target: limit === undefined ? "-" : `p95 <= ${limit} ms`,
      result: limit === undefined ? "-" : verdict(report.stats.p95Ms <= limit),
    };
  });
  checks.push({
    measure: `log_ai_usage, ${formatInteger(core.singleIngest.calls)} sequential calls`,
    measured: latency(core.singleIngest),
    target: `median <= ${targets.singleIngestMedianMs} ms`,
    result: verdict(core.singleIngest.medianMs <= targets.singleIngestMedianMs),
  });
  return checks;
}

function refusedCallerChecks(refused: RefusedCallerTiming): Check[] {
  const limit = targets.refusedOverParse * refused.jsonParseOnly.medianMs + 1;
  const target = `median <= ${formatMs(limit)} (${targets.refusedOverParse}x JSON parse + 1 ms)`;
  const sent = formatInteger(refusedBatchEvents);
  return [
    {
      measure: `refused: a user's ${sent}-event batch, self-logging off`,
      measured: latency(refused.selfLoggingOff),
      target,
      result: verdict(refused.selfLoggingOff.medianMs <= limit),
    },
    {
      measure: `refused: a user's ${sent}-event batch, over the 100-event cap`,
      measured: latency(refused.overUserCap),
      target,
      result: verdict(refused.overUserCap.medianMs <= limit),
    },
    {
      measure: `the same JSON parsed alone (the floor)`,
      measured: latency(refused.jsonParseOnly),
      target: "-",
      result: "-",
    },
  ];
}
