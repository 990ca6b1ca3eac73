import { createRequire } from "node:module";
import { Command } from "commander";
import { doctorCommand } from "./commands/doctor.js";
import { migrateCommand } from "./commands/migrate.js";
import { statusCommand } from "./commands/status.js";
import { supabaseExportCommand } from "./commands/supabase-export.js";
import { EXIT_CODES_HELP } from "./exit-codes.js";

// From dist/ai-usage.js (and src/ in tests) the manifest is one folder up.
const { version } = createRequire(import.meta.url)("../package.json") as { version: string };

/** `ai-usage` and its commands; errors are thrown (exitOverride), and ai-usage.ts turns them into exit codes. */
export function createProgram(): Command {
  const program = new Command("ai-usage")
    .description(
      "AI usage tracking for Supabase and PostgreSQL: apply its migrations to your database, check the " +
        "database, or export the migrations for the Supabase CLI. The database is --database-url, else " +
        "$DATABASE_URL (from the environment, else from ./.env).",
    )
    .version(version)
    .addHelpText("after", `\n${EXIT_CODES_HELP}`)
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  for (const command of [migrateCommand(), statusCommand(), supabaseExportCommand(), doctorCommand()]) {
    program.addCommand(
      command
        .addHelpText("after", `\n${EXIT_CODES_HELP}`)
        .showHelpAfterError("(run with --help for usage)")
        .exitOverride(),
    );
  }
  return program;
}
