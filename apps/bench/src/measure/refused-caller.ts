import { randomUUID } from "node:crypto";
import type pg from "pg";
import { type LatencyStats, summarize, timeCalls } from "./stats.js";

/** A user's batch at the server's limit: the largest thing an attacker can send in one call. */
export const refusedBatchEvents = 10_000;
const calls = 7;

export interface RefusedCallerTiming {
  /** A signed-in user's batch of 10,000 events with self-logging off (refused: not the server). */
  readonly selfLoggingOff: LatencyStats;
  /** The same with self-logging on (refused: a user logs at most 100 events per call). */
  readonly overUserCap: LatencyStats;
  /** PostgreSQL parsing the same JSON alone: the floor any refusal pays, before a function runs. */
  readonly jsonParseOnly: LatencyStats;
}

/**
 * What a refused caller costs the database. Each call runs the way PostgREST makes it (role and
 * claims set in one transaction, rolled back), so the self-logging switch is flipped only there.
 * Before the caller was checked first, validating the events cost 0.9 s (self-logging off) and a
 * user's accepted batch 3 s; now a refusal costs what parsing its JSON costs.
 */
export async function timeRefusedCaller(pool: pg.Pool): Promise<RefusedCallerTiming> {
  const userId = randomUUID();
  const events = JSON.stringify(
    Array.from({ length: refusedBatchEvents }, (_, index) => ({
      user_id: userId,
      request_id: `refused-${index}`,
      model_used: "claude-sonnet-4-20250514",
      provider: "anthropic",
      input_tokens: 1200,
      output_tokens: 300,
      session_id: "refused-session",
    })),
  );
  const claims = JSON.stringify({ sub: userId, role: "authenticated", aud: "authenticated" });
  const client = await pool.connect();
  const asUser = async (selfLogging: boolean) => {
    await client.query("BEGIN");
    try {
      if (selfLogging) await client.query("SELECT public.set_ai_usage_self_logging(p_enabled => true)");
      await client.query(
        "SELECT set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
        [claims],
      );
      const started = performance.now();
      try {
        await client.query("SELECT count(*) FROM public.log_ai_usage_batch(p_events => $1::jsonb)", [events]);
      } catch (error) {
        if ((error as { code?: string }).code !== "42501") throw error;
        return performance.now() - started;
      }
      throw new Error("a user's 10,000-event batch was accepted: the refusal this measures did not happen");
    } finally {
      await client.query("ROLLBACK");
    }
  };
  const sample = async (call: () => Promise<number>) => {
    await call();
    const samples: number[] = [];
    for (let index = 0; index < calls; index++) samples.push(await call());
    return summarize(samples);
  };
  try {
    return {
      selfLoggingOff: await sample(() => asUser(false)),
      overUserCap: await sample(() => asUser(true)),
      jsonParseOnly: summarize(
        await timeCalls(calls, () => client.query("SELECT jsonb_array_length($1::jsonb)", [events])),
      ),
    };
  } finally {
    client.release();
  }
}
