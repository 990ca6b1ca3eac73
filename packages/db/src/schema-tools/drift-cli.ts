// db:drift: fails when the migrations do not build exactly the declarative schema source.
import { resolve } from "node:path";
import { Command } from "commander";
import { migrationsOption, progressLine, scratchMajor, sourceOption } from "./cli-options.js";
import { checkDrift } from "./drift-check.js";
import { describeDifference, isSameSchema } from "./schema-comparison.js";

const program = new Command("db:drift")
  .description(
    "Applies the migrations to one scratch database and the schema source to another (embedded " +
      "PostgreSQL PG_MAJOR, default 17) and compares them with migra plus comments and privileges. " +
      "Exits 1 listing the differences, 0 when they are equal.",
  )
  .addOption(sourceOption())
  .addOption(migrationsOption())
  .action(async (options: Record<string, string>) => {
    const major = scratchMajor();
    const difference = await checkDrift({
      sourceFolder: resolve(options.source!),
      migrationsDir: resolve(options.migrations!),
      major,
      progress: progressLine,
    });
    if (isSameSchema(difference)) {
      console.log(`no drift: the migrations build exactly the schema source (PostgreSQL ${major})`);
      return;
    }
    console.log(
      `DRIFT on PostgreSQL ${major}: the migrations and the schema source differ.\n` +
        `${describeDifference(difference, "the migrations", "the source")}\n` +
        "Change the source and run `pnpm db:diff <name>`, or fix the source to match the migrations.",
    );
    process.exitCode = 1;
  });

program.parseAsync().catch((error: unknown) => {
  console.error(`db:drift failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
