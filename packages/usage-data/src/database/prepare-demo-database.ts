import { migrate } from "@org/ai-usage-db";
import type pg from "pg";
import type { ProgressReporter } from "./progress-reporter.js";
import { type SeedOptionsInput, type SeedResult, seedDatabase } from "./seed-database.js";

/**
 * The dataset `pnpm demo` writes into an empty database: sized so that a first run on a fresh
 * clone (initdb, migrations, seeding, report) stays well under a minute on a 2-core machine, and
 * 90 days long so that "this month vs last month" has two whole months to compare. It ends at the
 * database's now() (`databaseNow`), not at midnight: a demo whose "today" is $0.00 looks like an outage.
 */
export const demoDataset = {
  events: 60_000,
  days: 90,
  users: 100,
  customers: 30,
  seed: 42,
} as const satisfies Omit<SeedOptionsInput, "end">;

export interface PreparedDatabase {
  /** Migrations applied by this run (empty when the schema was up to date). */
  migrationsApplied: string[];
  /** Whether the usage log held no rows before this run. */
  logWasEmpty: boolean;
  /** The seed's result when the log was empty and the demo dataset was written; null otherwise. */
  seeded: SeedResult | null;
}

/** "never" migrates only: for a database the user did not allow demo data into. */
export type DemoSeeding = "into-empty-log" | "never";

/** Migrates (Supabase stand-in included on plain PostgreSQL) and seeds the demo data into an empty log. */
export async function prepareDemoDatabase(
  pool: pg.Pool,
  databaseUrl: string,
  end: Date,
  progressFor: (events: number) => ProgressReporter,
  dataset: Omit<SeedOptionsInput, "end"> = demoDataset,
  seeding: DemoSeeding = "into-empty-log",
): Promise<PreparedDatabase> {
  const migration = await migrate({ databaseUrl, log: () => undefined });
  const empty = await pool.query<{ empty: boolean }>(
    "select not exists (select 1 from public.ai_usage_log) as empty",
  );
  const logWasEmpty = empty.rows[0]?.empty === true;
  if (!logWasEmpty || seeding === "never") {
    return { migrationsApplied: migration.applied, logWasEmpty, seeded: null };
  }
  const seeded = await seedDatabase(
    pool,
    { ...dataset, end },
    progressFor(dataset.events ?? demoDataset.events),
  );
  return { migrationsApplied: migration.applied, logWasEmpty, seeded };
}
