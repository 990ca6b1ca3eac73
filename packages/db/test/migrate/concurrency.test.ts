import { describe, expect, it } from "vitest";
import { migrate } from "../../src/index.js";
import { PRISMA_MIGRATE_LOCK_KEY } from "../../src/migrate/advisory-lock.js";
import { advisoryHolder, waitForAdvisoryWaiter } from "./deploy-observation.js";
import { createEmptyDatabase, logCollector, query, withClient, writeMigrations } from "./support.js";

/** A run's outcome, caught at once: a failing test must not leave a rejection nobody handles. */
function settled<T>(run: Promise<T>): Promise<{ result: T } | { error: unknown }> {
  return run.then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
}

/** Any key the migrator itself never takes. */
const HOLD_KEY = 515_0014;

describe("two migrators at once", () => {
  it("take turns on Prisma's advisory lock: the second waits for the first, then finds nothing to do", async () => {
    const url = await createEmptyDatabase();
    const names = ["20250101000000_log", "20250102000000_held", "20250103000000_last"];
    const migrationsDir = await writeMigrations({
      [names[0]!]: "CREATE TABLE runs (migration text NOT NULL); INSERT INTO runs VALUES ('log');",
      // The first migrator stops here until the test lets it go on, holding the migration lock.
      [names[1]!]: `SELECT pg_advisory_xact_lock(${HOLD_KEY}); INSERT INTO runs VALUES ('held');`,
      [names[2]!]: "INSERT INTO runs VALUES ('last');",
    });
    const first = logCollector();
    const second = logCollector();

    await withClient(url, async (observer) => {
      await observer.query("SELECT pg_advisory_lock($1)", [HOLD_KEY]);
      const firstRun = settled(migrate({ databaseUrl: url, migrationsDir, log: first.log }));
      const firstPid = await waitForAdvisoryWaiter(observer, HOLD_KEY);
      expect(await advisoryHolder(observer, PRISMA_MIGRATE_LOCK_KEY)).toBe(firstPid);

      const secondRun = settled(migrate({ databaseUrl: url, migrationsDir, log: second.log }));
      // The proof of the wait: the second migrator's session is queued on the lock the first holds.
      const secondPid = await waitForAdvisoryWaiter(observer, PRISMA_MIGRATE_LOCK_KEY);
      expect(secondPid).not.toBe(firstPid);
      expect(second.lines).toEqual([
        `Waiting for another migration run to finish (advisory lock ${PRISMA_MIGRATE_LOCK_KEY})...`,
      ]);

      await observer.query("SELECT pg_advisory_unlock($1)", [HOLD_KEY]);
      expect(await firstRun).toEqual({ result: { applied: names, skipped: 0, standInApplied: true } });
      expect(await secondRun).toEqual({ result: { applied: [], skipped: 3, standInApplied: false } });
    });

    expect(await query(url, "SELECT migration FROM runs ORDER BY 1")).toEqual([
      { migration: "held" },
      { migration: "last" },
      { migration: "log" },
    ]);
    expect(await query(url, "SELECT count(*)::int AS rows FROM _prisma_migrations")).toEqual([{ rows: 3 }]);
  });
});
