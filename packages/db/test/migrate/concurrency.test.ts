import { describe, expect, it } from "vitest";
import { migrate } from "../../src/index.js";
import { createEmptyDatabase, logCollector, query, writeMigrations } from "./support.js";

describe("two migrators at once", () => {
  it("apply each migration exactly once: the second waits for the first, then finds nothing to do", async () => {
    const url = await createEmptyDatabase();
    const names = ["20250101000000_log", "20250102000000_slow", "20250103000000_last"];
    const migrationsDir = await writeMigrations({
      [names[0]!]: "CREATE TABLE runs (migration text NOT NULL); INSERT INTO runs VALUES ('log');",
      // Slow enough that the second migrator arrives while the first holds the lock.
      [names[1]!]: "SELECT pg_sleep(0.5); INSERT INTO runs VALUES ('slow');",
      [names[2]!]: "INSERT INTO runs VALUES ('last');",
    });
    const first = logCollector();
    const second = logCollector();

    const results = await Promise.all([
      migrate({ databaseUrl: url, migrationsDir, log: first.log }),
      migrate({ databaseUrl: url, migrationsDir, log: second.log }),
    ]);

    const sorted = [...results].sort((a, b) => b.applied.length - a.applied.length);
    expect(sorted).toEqual([
      { applied: names, skipped: 0, standInApplied: true },
      { applied: [], skipped: 3, standInApplied: false },
    ]);
    expect(await query(url, "SELECT migration FROM runs ORDER BY 1")).toEqual([
      { migration: "last" },
      { migration: "log" },
      { migration: "slow" },
    ]);
    expect(await query(url, "SELECT count(*)::int AS rows FROM _prisma_migrations")).toEqual([{ rows: 3 }]);
  });
});
