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
  let current: { file: MigrationFile; started: StartedMigration } | undefined;
  let completedStatements = 0;
  const countStatement = () => {
    completedStatements++;
  };
  try {
    await client.query("BEGIN");
    for (const file of files) {
      const clockStart = Date.now();
      current = { file, started: await recordStarted(client, file.name, file.checksum) };
      completedStatements = 0;
      await runScript(client, file.sql, countStatement);
      await recordFinished(client, current.started.id);
      log(`Ran ${file.name} (${Date.now() - clockStart} ms)`);
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw await failedDeploy(client, files, current, error, completedStatements);
  }
  log(`Committed ${files.length} migration${files.length === 1 ? "" : "s"} in one transaction.`);
}

async function failedDeploy(
  client: pg.Client,
  files: readonly MigrationFile[],
  current: { file: MigrationFile; started: StartedMigration } | undefined,
  error: unknown,
  completedStatements: number,
): Promise<Error> {
  // Failed before the first migration started (BEGIN or the bookkeeping insert): nothing to point at.
  if (current === undefined) return error instanceof Error ? error : new Error(String(error));
  const { file, started } = current;
  const report = describeFailure(file.sql, error, completedStatements);
  const notRecorded = await recordFailed(client, { ...started, checksum: file.checksum }, report.text).then(
    () => "",
    (recordError: Error) =>
      `\n(The failure could not be recorded in _prisma_migrations: ${recordError.message})`,
  );
  const names = files.map((pending) => pending.name);
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
