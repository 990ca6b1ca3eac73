// pnpm demo: migrate, seed demo usage into an empty database, print the admin report. See --help.
import { databaseNow, demoDataset, prepareDemoDatabase } from "@org/ai-usage-data/database";
import { migrate } from "@org/ai-usage-db";
import { Command } from "commander";
import { describeDatabase } from "./cli/describe-database.js";
import { externalDatabaseSubject, maySeed, seedExternalFlag } from "./cli/external-database.js";
import { openDatabase } from "./cli/open-database.js";
import { parseInteger } from "./cli/parse-integer.js";
import { createProgressReporter } from "./cli/progress-bar.js";
import { buildAdminReport } from "./demo/admin-report.js";
import { seedDemoBudgets } from "./demo/budgets/seed-demo-budgets.js";
import { readInOneSnapshot } from "./demo/read-in-one-snapshot.js";
import { renderAdminReport } from "./demo/render-report.js";
import { formatDuration, formatInteger } from "./text/format.js";

const demoEvents = `${formatInteger(demoDataset.events)} demo events`;

const program = new Command("pnpm demo")
  .description(
    "Migrate the database, fill it with demo usage if it has none " +
      `(${demoEvents} over ${demoDataset.days} days; only into the embedded database unless ${seedExternalFlag}) ` +
      "and with demo budgets if it has no budget, and print the admin report through the SDK's query helpers.",
  )
  .option("--days <count>", "report window in days, today included (1..3660)", parseInteger, 30)
  .option("--json", "print the report objects as JSON instead of tables", false)
  .option(
    "--database-url <url>",
    "PostgreSQL URL (default: $DATABASE_URL, else the embedded database in <repo>/.data/pg17)",
  )
  .option(
    seedExternalFlag,
    `also write the ${demoEvents} into an empty external database (DATABASE_URL or --database-url), ` +
      "and the demo budgets into one without budgets",
    false,
  )
  .showHelpAfterError();

async function main(): Promise<void> {
  program.parse();
  const options = program.opts<{
    days: number;
    json: boolean;
    databaseUrl?: string;
    seedExternal: boolean;
  }>();
  if (options.days < 1 || options.days > 3660) program.error("--days must be between 1 and 3660");
  // Progress and status go to stderr, so stdout is only the report (and pipes cleanly with --json).
  const status = (line: string) => process.stderr.write(`${line}\n`);

  const database = await openDatabase(options.databaseUrl, 2);
  try {
    status(`Database: ${describeDatabase(database)}`);
    const seeding = maySeed(database, options.seedExternal) ? "into-empty-log" : "never";
    // Migrated here first so that this line comes before the seeding's progress (prepareDemoDatabase
    // then finds nothing to apply).
    const migration = await migrate({ databaseUrl: database.url, log: () => undefined });
    if (migration.applied.length > 0) status(`Applied ${migration.applied.length} migrations.`);
    const prepared = await prepareDemoDatabase(
      database.pool,
      database.url,
      // Up to this moment by the database's clock, so "Today" has today's usage so far (ending at
      // midnight made today read $0.00, like an outage).
      await databaseNow(database.pool),
      (events) => createProgressReporter(events),
      demoDataset,
      seeding,
    );
    if (prepared.seeded) status(`Wrote ${formatInteger(prepared.seeded.inserted)} demo events.`);
    if (prepared.logWasEmpty && seeding === "never") {
      status(
        `${externalDatabaseSubject(database)}: not seeding it. Its usage log is empty, so the report is too; ` +
          `pass ${seedExternalFlag} to write the ${demoEvents} into it anyway.`,
      );
    }

    if (seeding !== "never") {
      const budgets = await seedDemoBudgets(database.pool);
      if (budgets.budgets.length > 0) {
        status(
          `Set ${budgets.budgets.length} demo budgets (${budgets.requests} requests made through reserve_ai_usage to bring them where they are).`,
        );
      }
    }

    const report = await readInOneSnapshot(database.pool, (transport) =>
      buildAdminReport(transport, options.days, (warning) => status(`Warning: ${warning}`)),
    );
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderAdminReport(report));
  } finally {
    await database.close();
  }
  // performance.now() counts from the start of this process: module loading and shutdown included.
  status(`Done in ${formatDuration(performance.now())}.`);
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
