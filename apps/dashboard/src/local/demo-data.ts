// The demo's "migrate and seed if empty" step, the same one `pnpm demo` uses.
import { demoDataset, prepareDemoDatabase, startOfDatabaseUtcDay } from "@org/ai-usage-data/database";
import type pg from "pg";

/**
 * Migrates and, when the log is empty, writes the same demo dataset as `pnpm demo` (ending at the
 * start of the database's current UTC day, as `pnpm demo` does, so the two never write different
 * data; the database's clock, as the ingest and the reports go by it).
 * A database that already holds usage is left alone.
 */
export async function seedIfEmpty(
  pool: pg.Pool,
  databaseUrl: string,
  log: (line: string) => void,
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
          `Wrote ${written.toLocaleString("en-US")} demo events over ${demoDataset.days} days in ${seconds} s.`,
        );
      },
    };
  };
  const end = await startOfDatabaseUtcDay(pool);
  const prepared = await prepareDemoDatabase(pool, databaseUrl, end, progressFor);
  if (!prepared.seeded) log("The database already holds usage: no demo data written.");
}
