// pnpm seed: writes realistic, deterministic AI usage through log_ai_usage_batch. See --help.
import {
  type SeedOptions,
  type SeedResult,
  seedDatabase,
  seedOptionsSchema,
  startOfDatabaseUtcDay,
} from "@org/ai-usage-data/database";
import { Command } from "commander";
import { describeDatabase } from "./cli/describe-database.js";
import { externalDatabaseSubject, maySeed, seedExternalFlag } from "./cli/external-database.js";
import { openDatabase } from "./cli/open-database.js";
import { describeOptionIssue } from "./cli/option-issues.js";
import { parseInstant, parseInteger } from "./cli/parse-integer.js";
import { createProgressReporter } from "./cli/progress-bar.js";
import { formatDuration, formatInteger, formatUsd } from "./text/format.js";

const defaults = seedOptionsSchema.parse({ end: new Date(0) });

const program = new Command("pnpm seed")
  .description(
    "Write realistic AI usage (admins impersonating customers, sessions, a model mix with prompt caching, " +
      "seasonality, errors) through log_ai_usage_batch. The same options always produce the same events, " +
      "and their request ids make a rerun add nothing.",
  )
  .option("--events <count>", "events to write", parseInteger, defaults.events)
  .option("--days <count>", "days of history, ending at --end", parseInteger, defaults.days)
  .option("--users <count>", "users (about 1 in 20 are admins, at most 6)", parseInteger, defaults.users)
  .option("--customers <count>", "customers", parseInteger, defaults.customers)
  .option("--seed <number>", "random seed", parseInteger, defaults.seed)
  .option("--reset", "delete all existing usage (and its summaries) first", false)
  .option(
    "--end <date>",
    "exclusive end of the time range, ISO 8601 (default: the start of the database's current UTC day)",
    parseInstant,
  )
  .option("--batch-size <count>", "events per log_ai_usage_batch call", parseInteger, defaults.batchSize)
  .option("--concurrency <count>", "connections writing at once", parseInteger, defaults.concurrency)
  .option(
    "--database-url <url>",
    "PostgreSQL URL (default: $DATABASE_URL, else the embedded database in <repo>/.data/pg17)",
  )
  .option(
    seedExternalFlag,
    "write into an external database (DATABASE_URL or --database-url); without it, only the embedded one",
    false,
  )
  .showHelpAfterError();

async function main(): Promise<void> {
  program.parse();
  const { databaseUrl, end, seedExternal, ...rest } = program.opts<{
    databaseUrl?: string;
    end?: Date;
    seedExternal: boolean;
  }>();
  // Checked in full before anything connects; the default end needs the database's clock.
  const parsed = seedOptionsSchema.safeParse({ ...rest, end: end ?? new Date(0) });
  if (!parsed.success) {
    return program.error(parsed.error.issues.map((issue) => describeOptionIssue(issue, rest)).join("\n"));
  }
  const database = await openDatabase(databaseUrl, parsed.data.concurrency);
  try {
    console.log(`Database: ${describeDatabase(database)}`);
    if (!maySeed(database, seedExternal)) {
      console.error(
        `${externalDatabaseSubject(database)}: not seeding it. pnpm seed writes only into the embedded ` +
          `database unless you pass ${seedExternalFlag}. Nothing was written.`,
      );
      process.exitCode = 1;
      return;
    }
    const options = { ...parsed.data, end: end ?? (await startOfDatabaseUtcDay(database.pool)) };
    console.log(describeDataset(options));
    const result = await seedDatabase(database.pool, options, createProgressReporter(options.events));
    console.log(summarise(result));
  } finally {
    await database.close();
  }
}

function describeDataset(options: SeedOptions): string {
  const last = new Date(options.end.getTime() - 1).toISOString().slice(0, 10);
  const first = new Date(options.end.getTime() - options.days * 86_400_000).toISOString().slice(0, 10);
  return (
    `Seeding ${formatInteger(options.events)} events over ${options.days} days (${first} .. ${last} UTC), ` +
    `${formatInteger(options.users)} users, ${formatInteger(options.customers)} customers, seed ${options.seed}` +
    (options.reset ? ", after deleting all existing usage" : "")
  );
}

function summarise(result: SeedResult): string {
  const rows: [string, string][] = [
    ["events written", formatInteger(result.inserted)],
    ["skipped (already stored)", formatInteger(result.duplicates)],
    ["cost in the database, all time", formatUsd(result.allTimeCostUsd)],
    ["time", `${formatDuration(result.seconds * 1000)} (${formatInteger(result.eventsPerSecond)} events/s)`],
  ];
  if (result.retries > 0) rows.push(["batches retried", formatInteger(result.retries)]);
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  return rows
    .map(([label, value]) => `  ${label.padEnd(labelWidth)}  ${value.padStart(valueWidth)}`)
    .join("\n");
}

main().catch((error: unknown) => {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
