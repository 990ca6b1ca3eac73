import { generationOptionsSchema } from "@org/ai-usage-data";
import { Command, Option } from "commander";
import { type BenchOptions, wholeNumber } from "./bench-options.js";
import { printResults } from "./output/print-results.js";
import { runBench } from "./run-bench.js";

const program = new Command("bench")
  .description(
    "Builds a usage dataset through the real ingest path (log_ai_usage_batch), then measures the report " +
      "functions, single-event and batch ingest, budgets (concurrency proof, reserve latency, ingest with " +
      "holds) and a full reconcile, each next to its target.",
  )
  .option(
    "--events <n>",
    "events in the dataset (10M, 200k and 10_000_000 work too)",
    wholeNumber(1, 50_000_000),
    10_000_000,
  )
  .option(
    "--days <n>",
    "days the events are spread over, ending at the start of the database's current UTC day",
    wholeNumber(1, 3660),
    365,
  )
  .option("--users <n>", "distinct users", wholeNumber(1, 1_000_000), 1000)
  .option("--customers <n>", "distinct customers", wholeNumber(1, 1_000_000), 200)
  .option("--seed <n>", "seed of the deterministic generator", wholeNumber(0, 0x7fffffff), 42)
  .option("--batch-size <n>", "events per log_ai_usage_batch call", wholeNumber(1, 10_000), 5000)
  .option("--writers <n>", "concurrent ingest connections", wholeNumber(1, 64), 2)
  .option(
    "--database-url <url>",
    "database to use (default: DATABASE_URL, else the bench's own embedded PostgreSQL 17 in <repo>/.data/bench-pg17)",
  )
  .option(
    "--fresh",
    "empty the usage log and rebuild the dataset (by default a stored dataset is reused)",
    false,
  )
  .option("--iterations <n>", "timed calls of each report function", wholeNumber(1, 100_000), 50)
  .option("--single-calls <n>", "timed sequential log_ai_usage calls", wholeNumber(1, 1_000_000), 2000)
  .option(
    "--live-events <n>",
    "events of the batch-ingest run on the loaded database",
    wholeNumber(1, 10_000_000),
    100_000,
  )
  .addOption(
    new Option(
      "--explain [ms]",
      "print auto_explain plans (ANALYZE, BUFFERS) of report statements taking >= ms",
    )
      .argParser(wholeNumber(0, 1_000_000))
      .preset(5),
  )
  .addOption(
    new Option(
      "--only <part>",
      "measure only this part: budgets (the dataset is still built or reused, and batch ingest is measured without holds for comparison)",
    ).choices(["budgets"]),
  )
  .option("--proof-runs <n>", "runs of each budget concurrency-proof scenario", wholeNumber(1, 1000), 5)
  .option(
    "--reserve-calls <n>",
    "timed reserve_ai_usage calls per caller (alone, then each of 16 concurrent callers)",
    wholeNumber(1, 100_000),
    200,
  )
  .option("--json", "print the results as JSON on stdout (the table, progress and notes go to stderr)", false)
  .showHelpAfterError();

async function main(): Promise<void> {
  program.parse();
  const flags = program.opts<Omit<BenchOptions, "databaseUrl"> & { databaseUrl?: string }>();
  // The generator's own limits (events a day), before anything starts; the end is set later.
  const dataset = generationOptionsSchema.safeParse({ ...flags, end: new Date(0) });
  if (!dataset.success) {
    return program.error(
      dataset.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("\n"),
    );
  }
  const options: BenchOptions = {
    ...flags,
    // Without the flag, resolveDatabaseUrl reads DATABASE_URL itself (and reports it as the source).
    databaseUrl: flags.databaseUrl,
  };
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const results = await runBench(options, log);
  // With --json the table goes to stderr, next to the progress lines: a log still reads on its own.
  printResults(results, (text) => (options.json ? process.stderr : process.stdout).write(text));
  if (options.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
