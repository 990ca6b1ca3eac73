// db:lint-migrations: squawk (a PostgreSQL migration linter) on every migration newer than LINT_CUTOFF.
import { resolve } from "node:path";
import { Command } from "commander";
import { migrationsOption } from "./cli-options.js";
import { LINT_CUTOFF, migrationsAfterCutoff, runSquawk, SQUAWK_SETTINGS } from "./lint-migrations.js";

const program = new Command("db:lint-migrations")
  .description(
    `Runs squawk (${SQUAWK_SETTINGS}) on every migration newer than ` +
      `${LINT_CUTOFF}; exits non-zero on any finding.`,
  )
  .addOption(migrationsOption())
  .action(async (options: { migrations: string }) => {
    const migrationsDir = resolve(options.migrations);
    const names = await migrationsAfterCutoff(migrationsDir);
    if (names.length === 0) {
      console.log(`no migration newer than ${LINT_CUTOFF}: nothing to lint`);
      return;
    }
    console.error(
      `· squawk on ${names.length} migration${names.length === 1 ? "" : "s"}: ${names.join(", ")}`,
    );
    const status = runSquawk(migrationsDir, names);
    if (status === 0) console.log("squawk: no findings");
    process.exitCode = status;
  });

program.parseAsync().catch((error: unknown) => {
  console.error(`db:lint-migrations failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
