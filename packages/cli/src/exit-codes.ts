/** The exit codes of `ai-usage`, as its --help and README document them. */
export const EXIT = {
  /** Done; for status and doctor: nothing to report. */
  ok: 0,
  /** The command ran and found a problem: migrations pending or failed, a doctor check failed, a migration failed, an export would overwrite a different file. */
  problem: 1,
  /** Bad command line or configuration: unknown option, missing or malformed database URL. */
  usage: 2,
  /** The database could not be reached or refused the connection. */
  unreachable: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0  done (status: everything applied; doctor: no check failed)
  1  a problem found: pending or failed migrations, a failed doctor check, a failed migration,
     an export that would overwrite a different file
  2  bad usage: unknown option or argument, missing or malformed database URL
  3  the database could not be reached (refused, unknown host, wrong password, no such database)`;
