// The demo's "migrate and seed if empty" step, the same one `pnpm demo` uses.
import {
  databaseNow,
  demoDataset,
  prepareDemoDatabase,
  type SeedOptionsInput,
} from "@org/ai-usage-data/database";
import type pg from "pg";

/**
 * Migrates and, when the log is empty, writes the demo dataset. It ends at the database's now()
 * (its clock: the ingest and the reports go by it), so "Today" shows the usage of the day so far
 * instead of $0.00, which would look like an outage. A database that already holds usage is left alone.
 */
export async function seedIfEmpty(
  pool: pg.Pool,
  databaseUrl: string,
  log: (line: string) => void,
  dataset: Omit<SeedOptionsInput, "end"> = demoDataset,
): Promise<void> {
  const startedAt = performance.now();
  // Called only when the log is empty, just before the seed starts writing.
  const progressFor = (events: number) => {
    log(`The database holds no usage yet: writing ${events.toLocaleString("en-US")} demo events…`);
    return {
      update() {},
      finish(written: number) {
        const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
        log(
          `Wrote ${written.toLocaleString("en-US")} demo events over ${dataset.days} days in ${seconds} s.`,
        );
      },
    };
  };
  const end = await databaseNow(pool);
  const prepared = await prepareDemoDatabase(pool, databaseUrl, end, progressFor, dataset);
  if (!prepared.seeded) log("The database already holds usage: no demo data written.");
}
