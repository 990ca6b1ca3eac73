import type pg from "pg";
import { recordFailed, recordFinished, recordStarted } from "./bookkeeping.js";
import { describeFailure } from "./failure-report.js";
import { MigrationError } from "./migration-error.js";
import type { MigrationFile } from "./migration-files.js";

/**
 * Runs one migration.sql in its own transaction, together with the row that marks it finished: it is
 * applied in full or not at all. The script goes to PostgreSQL as one text, exactly as written (as
 * Prisma sends it); PostgreSQL confirms each statement as it completes, and counting those tells
 * which statement failed when the error carries no position.
 */
export async function applyMigration(client: pg.Client, file: MigrationFile): Promise<void> {
  const id = await recordStarted(client, file.name, file.checksum);
  let completedStatements = 0;
  const countStatement = () => {
    completedStatements++;
  };
  try {
    await client.query("BEGIN");
    client.connection.on("commandComplete", countStatement);
    try {
      await client.query(file.sql);
    } finally {
      client.connection.off("commandComplete", countStatement);
    }
    await recordFinished(client, id);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    const report = describeFailure(file.sql, error, completedStatements);
    const notRecorded = await recordFailed(client, id, report.text).then(
      () => "",
      (recordError: Error) =>
        `\n(The failure could not be recorded in _prisma_migrations: ${recordError.message})`,
    );
    throw new MigrationError(
      "P3018",
      `Migration ${file.name} failed and was rolled back: nothing from it was applied.\n${report.text}${notRecorded}`,
      {
        migration: file.name,
        sqlState: report.sqlState,
        line: report.line,
        column: report.column,
        statement: report.statement,
      },
    );
  }
}
