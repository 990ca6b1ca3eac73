import { datasetPopulation, inBatches, type SeedEvent } from "@org/ai-usage-data";
import type pg from "pg";
import { benchEvents, type DatasetSpec, withoutCreatedAt } from "../dataset/bench-events.js";
import { timedWrite, type WriteResult } from "../dataset/timed-write.js";
import { startProgressBar } from "../progress.js";
import { benchBudgetPrefix, endBenchBudgets, setBudget } from "./budget-sql.js";

export interface IngestWithHolds {
  readonly write: WriteResult;
  readonly budgets: number;
  /** Holds the ingest settled, of the events' holds (all of them, or the figure means nothing). */
  readonly holdsSettled: number;
  /** How fast the holds were made beforehand (not part of the ingest figure). */
  readonly reservationsPerSecond: number;
}

/** Reservations made per statement while preparing the events. */
const reserveChunk = 1000;

/**
 * The live batch ingest again, with budgets: a user budget for each of the dataset's users (the
 * most common budget, and the one that makes every event lock a budget period of its own user),
 * and every event carrying the id of a hold reserved for it beforehand, so that each insert also
 * settles its hold. Same generator, writers and batch size as the run without holds; only the
 * log_ai_usage_batch calls are timed. The budgets are ended afterwards.
 */
export async function timeIngestWithHolds(
  pool: pg.Pool,
  spec: DatasetSpec,
  requestIdPrefix: string,
  options: { events: number; writers: number; batchSize: number; end: Date },
): Promise<IngestWithHolds> {
  const population = datasetPopulation(spec);
  const users = [...population.admins, ...population.customerUsers];
  try {
    const client = await pool.connect();
    let holdIds: string[];
    let reservationsPerSecond: number;
    let events: Array<Omit<SeedEvent, "created_at">>;
    try {
      for (const user of users) {
        await setBudget(client, {
          name: `${benchBudgetPrefix}ingest with holds`,
          scope: "user",
          userId: user.userId,
          limitUsd: 10_000_000,
          mode: "hard",
        });
      }
      events = Array.from(
        withoutCreatedAt(
          benchEvents({ ...spec, events: options.events }, options.end, {
            requestIdPrefix,
            streamSeed: spec.seed + 3,
          }),
        ),
      );
      const started = performance.now();
      holdIds = [];
      for (let from = 0; from < events.length; from += reserveChunk) {
        holdIds.push(...(await reserveHolds(client, events.slice(from, from + reserveChunk))));
      }
      reservationsPerSecond = events.length / ((performance.now() - started) / 1000);
    } finally {
      client.release();
    }
    const withHolds = events.map((event, index) => ({ ...event, budget_hold_id: holdIds[index]! }));

    const bar = startProgressBar("batch ingest with holds", options.events);
    let write: WriteResult;
    try {
      write = await timedWrite(pool, inBatches(withHolds, options.batchSize), {
        events: options.events,
        writers: options.writers,
        onProgress: (totals) => bar.update(totals.events),
      });
    } finally {
      bar.stop();
    }
    const settled = await pool.query<{ settled: number }>(
      `SELECT count(*)::int AS settled FROM public.ai_usage_budget_holds
       WHERE id = ANY($1::uuid[]) AND settled_at IS NOT NULL`,
      [holdIds],
    );
    return { write, budgets: users.length, holdsSettled: settled.rows[0]!.settled, reservationsPerSecond };
  } finally {
    await endBenchBudgets(pool);
  }
}

/** One hold per event, in the events' order, bounded at $1 (the budgets are far away). */
async function reserveHolds(
  client: pg.PoolClient,
  events: ReadonlyArray<Pick<SeedEvent, "user_id" | "customer_id">>,
): Promise<string[]> {
  const { rows } = await client.query<{ hold_id: string | null }>(
    `SELECT public.reserve_ai_usage(p_user_id => e.user_id, p_customer_id => e.customer_id,
              p_max_cost_usd => 1, p_ttl_seconds => 3600) ->> 'hold_id' AS hold_id
     FROM unnest($1::uuid[], $2::integer[]) WITH ORDINALITY AS e(user_id, customer_id, position)
     ORDER BY e.position`,
    [events.map((event) => event.user_id), events.map((event) => event.customer_id ?? null)],
  );
  return rows.map((row, index) => {
    if (row.hold_id === null)
      throw new Error(`event ${index} of a chunk got no hold: no user budget applied`);
    return row.hold_id;
  });
}
