// pnpm prices:sync [file] [--apply] [--effective-from YYYY-MM-DD] [--reprice]: see --help.
import { relative, resolve } from "node:path";
import { resolveDatabaseUrl } from "@org/ai-usage-db";
import { Command, InvalidArgumentError } from "commander";
import { SNAPSHOT_PATH } from "../catalog-files.js";
import { syncCatalog } from "../sync/sync-catalog.js";
import { SYNC_EXIT, SyncError } from "../sync/sync-error.js";

function parseDay(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InvalidArgumentError("expected a date, YYYY-MM-DD");
  }
  return value;
}

const program = new Command("pnpm prices:sync")
  .description(
    "Compare a LiteLLM price file (model_prices_and_context_window.json) with the price catalog in force " +
      "and, with --apply, write the difference: a model without any price gets its first price from " +
      "2024-01-01, a changed price becomes a new row from --effective-from; rows are never rewritten.",
  )
  .argument("[file]", "LiteLLM price file", relative(process.env.INIT_CWD ?? process.cwd(), SNAPSHOT_PATH))
  .option("--apply", "write the new and changed rows (one transaction, through set_ai_model_price)", false)
  .option(
    "--effective-from <date>",
    "start of the changed prices, YYYY-MM-DD (default: today in UTC)",
    parseDay,
  )
  .option("--reprice", "with --apply: re-price stored usage the new rows price (reprice_ai_usage)", false)
  .option("--verbose", "list skipped entries, rows not in the file and every note", false)
  .option(
    "--database-url <url>",
    "PostgreSQL URL (default: $DATABASE_URL, else the embedded database in <repo>/.data/pg17)",
  )
  .addHelpText(
    "after",
    "\nExit codes: 0 done, 1 a problem (file, mapping, database refusal), 2 bad usage, 3 database unreachable.",
  )
  .showHelpAfterError()
  // Commander ends a bad command line with 1; this command's usage errors are 2, as ai-usage's.
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : SYNC_EXIT.usage));

async function main(): Promise<void> {
  program.parse();
  // pnpm runs scripts in the repository root; a relative path means the caller's directory.
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), program.processedArgs[0] as string);
  const options = program.opts<{
    apply: boolean;
    effectiveFrom?: string;
    reprice: boolean;
    verbose: boolean;
    databaseUrl?: string;
  }>();
  if (options.reprice && !options.apply)
    program.error("--reprice needs --apply", { exitCode: SYNC_EXIT.usage });
  const database = await resolveDatabaseUrl(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {});
  try {
    if (database.source === "embedded") console.log(`Database: embedded PostgreSQL 17 (${database.url})`);
    else console.log(`Database: ${database.source === "option" ? "--database-url" : "DATABASE_URL"}`);
    await syncCatalog(
      {
        file,
        databaseUrl: database.url,
        apply: options.apply,
        ...(options.effectiveFrom ? { effectiveFrom: options.effectiveFrom } : {}),
        reprice: options.reprice,
        verbose: options.verbose,
      },
      (line) => console.log(line),
    );
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof SyncError) {
    console.error(`prices:sync: ${error.message}`);
    process.exitCode = error.exitCode;
    return;
  }
  console.error(error);
  process.exitCode = 1;
});
