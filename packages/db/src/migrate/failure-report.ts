import type { DatabaseError } from "pg";
import type { MigrationErrorContext } from "./migration-error.js";
import { splitStatements } from "./split-statements.js";

export interface FailureReport extends MigrationErrorContext {
  /** The whole explanation: stored in _prisma_migrations.logs and shown to the user. */
  text: string;
}

// Errors that come from running all pending migrations in one transaction, and what to do instead.
const ONE_TRANSACTION_NOTES: Record<string, string> = {
  "25001":
    "all pending migrations are applied in one transaction, so statements that cannot run inside a " +
    "transaction block (CREATE INDEX CONCURRENTLY, VACUUM, ...) are not supported; use the plain form " +
    "(CREATE INDEX without CONCURRENTLY), or run such a statement by hand outside the migrations.",
  "55P04":
    "all pending migrations are applied in one transaction, and PostgreSQL does not let a new enum " +
    "value be used in the transaction that added it; deploy the migration that adds the value first, " +
    "on its own, then the one that uses it.",
};

/** PostgreSQL's error `position` counts characters from 1; JS strings count UTF-16 units from 0. */
function indexOfCharacter(sql: string, position: number): number {
  let index = 0;
  for (let char = 1; char < position && index < sql.length; char++) {
    index += (sql.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
  }
  return index;
}

function lineAndColumn(sql: string, index: number): { line: number; column: number } {
  const before = sql.slice(0, index);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: Array.from(before.slice(lineStart)).length + 1 };
}

/** PL/pgSQL's RAISE EXCEPTION: the migration's author wrote the message for the reader. */
function raisedOnPurpose(error: DatabaseError): boolean {
  return /\bat RAISE$/m.test(error.where ?? "");
}

function isDatabaseError(error: unknown): error is DatabaseError {
  return error instanceof Error && typeof (error as Partial<DatabaseError>).code === "string";
}

/**
 * Explains why a migration failed: SQLSTATE, message, where in migration.sql (from the error's
 * `position` when PostgreSQL gives one, else the start of the failing statement) and that statement.
 * `completedStatements` (statements that ran before the error) identifies it when there is no position.
 */
export function describeFailure(sql: string, error: unknown, completedStatements: number): FailureReport {
  if (!isDatabaseError(error)) {
    const text = error instanceof Error ? error.message : String(error);
    return { text };
  }
  const statements = splitStatements(sql);
  const positionIndex = error.position ? indexOfCharacter(sql, Number(error.position)) : undefined;
  const statement =
    positionIndex === undefined
      ? statements[completedStatements]
      : statements.find((range) => positionIndex >= range.start && positionIndex < range.end);
  const at = positionIndex ?? statement?.start;
  const { line, column } = at === undefined ? { line: undefined, column: undefined } : lineAndColumn(sql, at);
  const statementText = statement ? sql.slice(statement.start, statement.end) : undefined;

  const lines = [`ERROR ${error.code}: ${error.message}`];
  if (line !== undefined) lines.push(`  at line ${line}, column ${column} of migration.sql`);
  if (statementText !== undefined && statement) {
    const startLine = lineAndColumn(sql, statement.start).line;
    if (raisedOnPurpose(error)) {
      // A migration's own check (such as the preflight): its message says it all, its code does not.
      lines.push(`  raised on purpose by the statement starting at line ${startLine}`);
    } else {
      lines.push(`  in the statement starting at line ${startLine}:`);
      lines.push(...statementText.split("\n").map((text) => `    ${text}`));
    }
  } else if (completedStatements >= statements.length) {
    lines.push(
      "  after its last statement, at the deploy's COMMIT (a deferred constraint or trigger, of this " +
        "migration or of an earlier one in the same deploy)",
    );
  }
  if (error.detail) lines.push(`  DETAIL: ${error.detail}`);
  if (error.hint) lines.push(`  HINT: ${error.hint}`);
  if (error.where) lines.push(`  CONTEXT: ${error.where}`);
  const note = error.code === undefined ? undefined : ONE_TRANSACTION_NOTES[error.code];
  if (note) lines.push(`  NOTE: ${note}`);
  return { text: lines.join("\n"), sqlState: error.code, line, column, statement: statementText };
}
