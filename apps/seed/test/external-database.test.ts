import { demoDataset } from "@org/ai-usage-data/database";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { formatInteger } from "../src/text/format.js";
import { countUsageRows, type FreshDatabase, freshDatabase } from "./fresh-database.js";
import { runCli, startCli } from "./run-cli.js";

// A real PostgreSQL named through DATABASE_URL or --database-url stands in for someone's Supabase
// project: anything but the embedded database counts as external.
let database: FreshDatabase;
beforeEach(async () => {
  database = await freshDatabase();
});
afterEach(() => database.close());

const passwordless = (url: string) => url.replace(/:[^:@/]*@/, ":***@");
const smallSeed = ["--events", "500", "--days", "5", "--users", "10", "--customers", "3"];

describe("pnpm demo against an external database", () => {
  it("migrates and reports, but does not seed it, and says how to", async () => {
    const run = await runCli("demo-cli.ts", [], { DATABASE_URL: database.url });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain("(external database, from DATABASE_URL)");
    expect(run.stderr).toContain(
      "DATABASE_URL points at an external database: not seeding it. Its usage log is empty, so the report is too; " +
        `pass --seed-external to write the ${formatInteger(demoDataset.events)} demo events into it anyway.`,
    );
    expect(run.stdout).toContain("Requests");
    expect(await countUsageRows(database.pool)).toBe(0);
  });

  it("names --database-url when that is where the URL came from", async () => {
    const run = await runCli("demo-cli.ts", ["--json", "--database-url", database.url]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toContain("--database-url points at an external database: not seeding it.");
    expect(JSON.parse(run.stdout).dashboard.summary.total_requests).toBe(0);
    expect(await countUsageRows(database.pool)).toBe(0);
  });

  it("starts writing the demo dataset into it with --seed-external", async () => {
    // Writing all 60,000 events takes most of a minute; the first stored batch shows the choice.
    const demo = startCli("demo-cli.ts", ["--seed-external"], { DATABASE_URL: database.url });
    try {
      await vi.waitFor(
        async () => {
          const exited = await Promise.race([demo.exited, Promise.resolve(null)]);
          if (exited) throw new Error(`pnpm demo exited early (${exited.exitCode}): ${exited.stderr}`);
          expect(await countUsageRows(database.pool)).toBeGreaterThan(0);
        },
        { timeout: 50_000, interval: 200 },
      );
      const seeds = await database.pool.query<{ prefix: string }>(
        "select distinct substring(request_id from '^seed-[0-9]+-') as prefix from ai_usage_log",
      );
      expect(seeds.rows).toEqual([{ prefix: `seed-${demoDataset.seed}-` }]);
    } finally {
      demo.stop();
    }
    const { stderr } = await demo.exited;
    expect(stderr).toContain("(external database, from DATABASE_URL)");
    expect(stderr).not.toContain("not seeding");
  });
});

describe("pnpm seed against an external database", () => {
  it("refuses without --seed-external, names the database, and writes nothing", async () => {
    const run = await runCli("seed-cli.ts", smallSeed, { DATABASE_URL: database.url });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      `Database: ${passwordless(database.url)} (external database, from DATABASE_URL)`,
    );
    expect(run.stderr).toContain(
      "DATABASE_URL points at an external database: not seeding it. pnpm seed writes only into the embedded " +
        "database unless you pass --seed-external. Nothing was written.",
    );
    expect(await countUsageRows(database.pool)).toBe(0);
  });

  it("refuses a --database-url without --seed-external too", async () => {
    const run = await runCli("seed-cli.ts", [...smallSeed, "--database-url", database.url]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("--database-url points at an external database: not seeding it.");
    expect(await countUsageRows(database.pool)).toBe(0);
  });

  it("seeds it with --seed-external, saying where before it writes", async () => {
    const run = await runCli("seed-cli.ts", [...smallSeed, "--seed-external"], {
      DATABASE_URL: database.url,
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const [where, what] = run.stdout.split("\n");
    expect(where).toBe(`Database: ${passwordless(database.url)} (external database, from DATABASE_URL)`);
    expect(what).toMatch(/^Seeding 500 events over 5 days \(\d{4}-\d\d-\d\d \.\. \d{4}-\d\d-\d\d UTC\)/);
    expect(await countUsageRows(database.pool)).toBe(500);
  });
});
