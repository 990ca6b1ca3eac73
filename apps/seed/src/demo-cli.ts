// pnpm demo: migrate, seed demo usage into an empty database, print the admin report. See --help.
import { createPgTransport } from "@org/ai-usage-sdk/pg";
import { Command } from "commander";
import { describeDatabase } from "./cli/describe-database.js";
import { openDatabase } from "./cli/open-database.js";
import { parseInteger } from "./cli/parse-integer.js";
import { buildAdminReport } from "./demo/admin-report.js";
import { demoDataset, prepareDemoDatabase } from "./demo/prepare-demo-database.js";
import { renderAdminReport } from "./demo/render-report.js";
import { startOfUtcDay } from "./generate/generation-options.js";
import { formatDuration, formatInteger } from "./text/format.js";
import { createProgressReporter } from "./write/progress.js";

const program = new Command("pnpm demo")
  .description(
    "Migrate the database, fill it with demo usage if it has none " +
      `(${formatInteger(demoDataset.events)} events over ${demoDataset.days} days), ` +
      "and print the admin report through the SDK's query helpers.",
  )
  .option("--days <count>", "report window in days, today included (1..3660)", parseInteger, 30)
  .option("--json", "print the report objects as JSON instead of tables", false)
  .option(
    "--database-url <url>",
    "PostgreSQL URL (default: $DATABASE_URL, else the embedded database in <repo>/.data/pg17)",
  )
  .showHelpAfterError();

async function main(): Promise<void> {
  program.parse();
  const options = program.opts<{ days: number; json: boolean; databaseUrl?: string }>();
  if (options.days < 1 || options.days > 3660) program.error("--days must be between 1 and 3660");
  // Progress and status go to stderr, so stdout is only the report (and pipes cleanly with --json).
  const status = (line: string) => process.stderr.write(`${line}\n`);

  const database = await openDatabase(options.databaseUrl, 2);
  try {
    status(`Database: ${describeDatabase(database)}`);
    const prepared = await prepareDemoDatabase(
      database.pool,
      database.url,
      startOfUtcDay(new Date()),
      (events) => createProgressReporter(events),
    );
    if (prepared.migrationsApplied.length > 0)
      status(`Applied ${prepared.migrationsApplied.length} migrations.`);
    if (prepared.seeded) status(`Wrote ${formatInteger(prepared.seeded.inserted)} demo events.`);

    const report = await buildAdminReport(createPgTransport(database.pool), options.days, (warning) =>
      status(`Warning: ${warning}`),
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
