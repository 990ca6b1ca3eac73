import type { ExitCode } from "./exit-codes.js";

/** A failure the CLI reports as one line (no stack) and ends with its exit code. */
export class CliError extends Error {
  override readonly name = "CliError";

  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}
