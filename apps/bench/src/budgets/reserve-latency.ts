import pg from "pg";
import { type LatencyStats, summarize } from "../measure/stats.js";
import { benchBudgetPrefix, endBenchBudgets, releaseHold, reserve, setBudget } from "./budget-sql.js";
import { proofModel } from "./proof-caller.js";
import type { ProofCaller } from "./proof-scenarios.js";

export interface ReserveLatency {
  /** One caller alone: what a reservation costs without waiting for anyone. */
  readonly alone: LatencyStats;
  /** `callers` callers at once on the same budget: what they wait for each other's lock. */
  readonly concurrent: LatencyStats;
  /**
   * The same with synchronous_commit = off in the callers' sessions: the lock on the budget period
   * is held until commit, and a commit waits for its WAL flush, so this shows how much of the wait
   * is that flush (a diagnosis, not a setting the bench recommends: a hold lost in a crash would
   * no longer count against the budget).
   */
  readonly concurrentWithoutFlushWait: LatencyStats;
  readonly callers: number;
  readonly callsPerCaller: number;
  readonly reservationsPerSecond: number;
}

const warmupCalls = 10;

/**
 * reserve_ai_usage on the loaded dataset, the way the SDK's guard calls it (the bound priced by
 * the database from the model and maximum tokens), under one project budget: every reservation
 * reads the month's spend from the summaries and locks the same budget period row, which makes
 * this the most contended budget there is. Each caller has its own connection; each reservation is
 * released right after (untimed), as a failed request's would be, so open holds stay as few as the
 * requests in flight. The budget is ended afterwards.
 */
export async function timeReserveLatency(
  databaseUrl: string,
  people: readonly ProofCaller[],
  options: { callers: number; callsPerCaller: number },
): Promise<ReserveLatency> {
  const clients = Array.from(
    { length: options.callers },
    () => new pg.Client({ connectionString: databaseUrl, application_name: "ai-usage-bench-reserve" }),
  );
  for (const client of clients) client.on("error", () => undefined);
  try {
    await Promise.all(clients.map((client) => client.connect()));
    await setBudget(clients[0]!, {
      name: `${benchBudgetPrefix}reserve latency`,
      scope: "project",
      limitUsd: 10_000_000,
      mode: "hard",
    });
    const callerAt = (index: number) => people[(index * 37) % people.length]!;
    const reserveAndRelease = async (client: pg.Client, caller: ProofCaller) => {
      const started = performance.now();
      const answer = await reserve(client, {
        ...caller,
        model: proofModel,
        maxInputTokens: 4000,
        maxOutputTokens: 1024,
      });
      const elapsed = performance.now() - started;
      if (!answer.admitted || answer.hold_id === null) {
        throw new Error(
          `a reservation under a $10M budget was not admitted with a hold: ${JSON.stringify(answer)}`,
        );
      }
      await releaseHold(client, answer.hold_id);
      return elapsed;
    };
    const loop = async (client: pg.Client, caller: ProofCaller, calls: number) => {
      const samples: number[] = [];
      for (let call = 0; call < calls; call++) samples.push(await reserveAndRelease(client, caller));
      return samples;
    };

    await Promise.all(clients.map((client, index) => loop(client, callerAt(index), warmupCalls)));
    const alone = summarize(await loop(clients[0]!, callerAt(0), options.callsPerCaller));
    const started = performance.now();
    const concurrent = await Promise.all(
      clients.map((client, index) => loop(client, callerAt(index), options.callsPerCaller)),
    );
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(clients.map((client) => client.query("SET synchronous_commit = off")));
    const withoutFlushWait = await Promise.all(
      clients.map((client, index) => loop(client, callerAt(index), options.callsPerCaller)),
    );
    return {
      alone,
      concurrent: summarize(concurrent.flat()),
      concurrentWithoutFlushWait: summarize(withoutFlushWait.flat()),
      callers: options.callers,
      callsPerCaller: options.callsPerCaller,
      reservationsPerSecond: (options.callers * options.callsPerCaller) / seconds,
    };
  } finally {
    await endBenchBudgets(clients[0]!).catch(() => undefined);
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}
