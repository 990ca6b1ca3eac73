import { MigrationError } from "./migration-error.js";
import type { MigrationFile } from "./migration-files.js";
import { splitStatements } from "./split-statements.js";

// Statements that end (or start) the deploy's transaction. `ROLLBACK TO [SAVEPOINT]` only undoes part
// of it and stays allowed, as do SAVEPOINT and RELEASE.
const ENDS_TRANSACTION =
  /^(begin|start\s+transaction|commit|end|abort|rollback(?!\s+to\b)|prepare\s+transaction)\b/i;

function lineAndColumn(sql: string, index: number): { line: number; column: number } {
  const before = sql.slice(0, index);
  return { line: before.split("\n").length, column: index - before.lastIndexOf("\n") };
}

/**
 * Refuses, before anything runs, a migration that controls the transaction itself. All pending
 * migrations run in one transaction, so a COMMIT inside one would make the migrations before it
 * visible and leave the rest outside any transaction: a half-applied schema again.
 */
export function refuseTransactionControl(files: readonly MigrationFile[]): void {
  for (const file of files) {
    for (const range of splitStatements(file.sql)) {
      const statement = file.sql.slice(range.start, range.end);
      const keyword = ENDS_TRANSACTION.exec(statement)?.[0];
      if (keyword === undefined) continue;
      const { line, column } = lineAndColumn(file.sql, range.start);
      throw new MigrationError(
        "P3018",
        `Migration ${file.name} cannot be applied: its migration.sql has ${keyword.toUpperCase()} at line ` +
          `${line}, column ${column}. This runner applies all pending migrations in one transaction (so a ` +
          "failure leaves nothing half-applied, and nobody sees a schema whose grants are not yet revoked); " +
          "a migration must not begin, commit or roll back transactions itself. Remove that statement. " +
          "Nothing was applied or recorded.",
        { migration: file.name, line, column, statement },
      );
    }
  }
}
