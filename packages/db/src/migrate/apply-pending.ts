import type pg from "pg";
import { recordFailed, recordFinished, recordStarted, type StartedMigration } from "./bookkeeping.js";
import { describeFailure } from "./failure-report.js";
import { MigrationError } from "./migration-error.js";
import type { MigrationFile } from "./migration-files.js";
import { refuseTransactionControl } from "./transaction-control.js";

/** Sends a script as one text, exactly as written (as Prisma does), counting the statements it completes. */
async function runScript(client: pg.Client, sql: string, onStatement: () => void): Promise<void> {
  client.connection.on("commandComplete", onStatement);
  try {
    await client.query(sql);
  } finally {
    client.connection.off("commandComplete", onStatement);
  }
}

/**
 * Applies all pending migrations in ONE transaction, each with its own _prisma_migrations row, so no
 * other session ever sees a half-applied schema: on Supabase the objects a migration creates are
 * open to anon until a later migration revokes them. A failure rolls back every one of them; the
 * failed migration is then recorded on its own, as Prisma records one, so later runs stop (P3009)
 * until it is resolved.
 */
export async function applyPending(
  client: pg.Client,
  files: readonly MigrationFile[],
  log: (message: string) => void,
): Promise<void> {
  if (files.length === 0) return;
  refuseTransactionControl(files);
  const progress: DeployProgress = { completedStatements: 0, committing: false };
  const countStatement = () => {
    progress.completedStatements++;
  };
  try {
    await client.query("BEGIN");
    for (const file of files) {
      const clockStart = Date.now();
      progress.current = { file };
      progress.current.started = await recordStarted(client, file.name, file.checksum);
      progress.completedStatements = 0;
      await runScript(client, file.sql, countStatement);
      await recordFinished(client, progress.current.started.id);
      log(`Ran ${file.name} (${Date.now() - clockStart} ms)`);
    }
    progress.committing = true;
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw await failedDeploy(client, files, progress, error);
  }
  log(`Committed ${files.length} migration${files.length === 1 ? "" : "s"} in one transaction.`);
}

interface DeployProgress {
  /** The migration being run; `started` once its bookkeeping row is written. */
  current?: { file: MigrationFile; started?: StartedMigration };
  /** Statements of the current migration that completed. */
  completedStatements: number;
  /** COMMIT was sent. */
  committing: boolean;
}

function hasSqlState(error: unknown): boolean {
  return typeof (error as { code?: unknown } | null)?.code === "string";
}

async function failedDeploy(
  client: pg.Client,
  files: readonly MigrationFile[],
  progress: DeployProgress,
  error: unknown,
): Promise<Error> {
  const names = files.map((pending) => pending.name);
  const reason = error instanceof Error ? error.message : String(error);
  if (progress.committing && !hasSqlState(error)) {
    // The connection failed, not the database: the COMMIT may or may not have happened.
    return new MigrationError(
      "P3018",
      `The connection failed while committing the deploy (${reason}), so whether its migrations ` +
        `(${names.join(", ")}) were applied is unknown. Run the migrations again: they apply whatever is missing.`,
    );
  }
  const { current } = progress;
  if (current?.started === undefined) {
    // BEGIN or a bookkeeping insert failed: no migration's SQL is to blame.
    return new MigrationError(
      "P3018",
      `The deploy could not ${current ? `record the start of ${current.file.name}` : "begin"} (${reason}); ` +
        `it was rolled back whole: none of ${names.join(", ")} is in the database.`,
      { migration: current?.file.name, rolledBack: names },
    );
  }
  const { file, started } = current;
  const report = describeFailure(file.sql, error, progress.completedStatements);
  const notRecorded = await recordFailed(client, { ...started, checksum: file.checksum }, report.text).then(
    () => "",
    (recordError: Error) =>
      `\n(The failure could not be recorded in _prisma_migrations: ${recordError.message})`,
  );
  const count = names.length === 1 ? "the 1 migration" : `the ${names.length} migrations`;
  return new MigrationError(
    "P3018",
    `Migration ${file.name} failed, so the deploy was rolled back whole: none of ${count} it was applying ` +
      `is in the database (${names.join(", ")}).\n${report.text}${notRecorded}`,
    {
      migration: file.name,
      sqlState: report.sqlState,
      line: report.line,
      column: report.column,
      statement: report.statement,
      rolledBack: names,
    },
  );
}
