/** The exit codes of `pnpm prices:sync`, as packages/cli's `ai-usage` uses them. */
export const SYNC_EXIT = {
  /** The file cannot be read or mapped, a price cannot be written (not an admin, history). */
  problem: 1,
  /** Bad command line: unknown option, malformed date. */
  usage: 2,
  /** The database could not be reached. */
  unreachable: 3,
} as const;

export type SyncExitCode = (typeof SYNC_EXIT)[keyof typeof SYNC_EXIT];

/** A failure the command reports as one message (no stack) and ends with its exit code. */
export class SyncError extends Error {
  override readonly name = "SyncError";

  constructor(
    message: string,
    readonly exitCode: SyncExitCode,
  ) {
    super(message);
  }
}
