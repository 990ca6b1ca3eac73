// db:diff <name>: a new migration from the difference between the migrations and the schema source.
import { resolve } from "node:path";
import { Command } from "commander";
import { migrationsOption, progressLine, scratchMajor, sourceOption } from "./cli-options.js";
import { createDiffMigration } from "./diff-migration.js";

const program = new Command("db:diff")
  .description(
    "Builds the schema of the migrations (scratch database A) and of the declarative source (B) on a " +
      "scratch embedded PostgreSQL (PG_MAJOR, default 17; never your database), prints the SQL migra " +
      "finds from A to B and writes it to prisma/migrations/<UTC yyyymmddHHMMSS>_<name>/migration.sql, " +
      "after checking that all migrations, the new one included, build exactly the source.",
  )
  .argument("<name>", "migration name: lower-case letters, digits and _")
  .addOption(sourceOption())
  .addOption(migrationsOption())
  .option("--dry-run", "print the SQL only; write nothing", false)
  .option(
    "--allow-drops",
    "accept dropped tables, schemas, sequences and columns (refused otherwise: their data is lost)",
    false,
  )
  .action(async (name: string, options: Record<string, string | boolean>) => {
    const result = await createDiffMigration({
      name,
      sourceFolder: resolve(options.source as string),
      migrationsDir: resolve(options.migrations as string),
      major: scratchMajor(),
      dryRun: options.dryRun as boolean,
      allowDrops: options.allowDrops as boolean,
      now: new Date(),
      progress: progressLine,
    });
    if (result.statements.length === 0) {
      console.log("no changes: the migrations build exactly the schema source; nothing written");
      return;
    }
    process.stdout.write(result.sql);
    console.error(
      result.writtenFile
        ? `wrote ${result.writtenFile} (${result.statements.length} statements); review it before committing`
        : "dry run: nothing written",
    );
  });

program.parseAsync().catch((error: unknown) => {
  console.error(`db:diff failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
