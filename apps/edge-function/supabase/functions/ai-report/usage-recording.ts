import {
  type BudgetGuard,
  createBudgetGuard,
  createUsageRecorder,
  type UsageRecorder,
} from "@org/ai-usage-sdk";
import { createPgSink, createPgTransport } from "@org/ai-usage-sdk/pg";
// pg ships no types of its own; Deno takes them from DefinitelyTyped (mapped in deno.json).
// @ts-types="@types/pg"
import pg from "pg";

export interface UsageRecording {
  recorder: UsageRecorder;
  /** Reserves each call against the caller's budgets (reserve_ai_usage) on the same pool. */
  budget: BudgetGuard;
  /** Writes what is left (bounded by the recorder's close deadline) and closes the pool. */
  close(): Promise<void>;
}

/**
 * One recorder, budget guard and pool per worker, shared by its requests. SUPABASE_DB_URL connects
 * as the table owner, which may log usage for any user and reserve for any: this code runs server
 * side only, and the user id it logs and reserves for comes from a verified JWT, never from the
 * request body.
 */
export function createUsageRecording(
  databaseUrl: string,
  budgetSettings: { whenUnavailable: "closed" | "open" },
): UsageRecording {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    // A worker serves few requests at once and batches its writes; each request also reserves
    // against its budgets before calling Anthropic: three connections are plenty.
    max: 3,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  // node-postgres emits this when an idle connection drops; without a listener it would crash.
  pool.on("error", (error) => console.error("[ai-report] idle database connection failed:", error.message));
  const recorder = createUsageRecorder({
    sink: createPgSink(pool),
    // A worker is short-lived: retry a few times, then drop and report, rather than hold a
    // waitUntil open for the whole of a database outage.
    retry: { maxAttempts: 5 },
    closeTimeoutMs: 5000,
    onError: (error) => console.error("[ai-report] usage recording:", error.message),
  });
  const budget = createBudgetGuard({
    // The owner: reserving and releasing holds is server-only.
    transport: createPgTransport(pool),
    whenUnavailable: budgetSettings.whenUnavailable,
    onError: (error) => console.error("[ai-report] budget guard:", error.message),
  });
  return {
    recorder,
    budget,
    async close() {
      await recorder.close();
      await pool.end();
    },
  };
}
