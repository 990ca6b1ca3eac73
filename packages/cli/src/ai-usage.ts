// The `ai-usage` command (bin of @org/ai-usage-cli). Every failure ends as one line on stderr and a
// documented exit code (see exit-codes.ts), never a stack trace.
import { CommanderError } from "commander";
import { CliError } from "./cli-error.js";
import { loadDotEnv } from "./env-file.js";
import { EXIT } from "./exit-codes.js";
import { createProgram } from "./program.js";

function exitCodeOf(error: unknown): number {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof CommanderError) {
    // --help, --version and a bare `ai-usage` (which shows the help) are not failures.
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT.ok;
    return EXIT.usage;
  }
  return EXIT.problem;
}

try {
  loadDotEnv();
  await createProgram().parseAsync(process.argv);
} catch (error) {
  // Commander has already printed its own message (and the usage hint).
  if (!(error instanceof CommanderError)) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`ai-usage: ${message}`);
  }
  process.exitCode = exitCodeOf(error);
}
