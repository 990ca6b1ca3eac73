import { readFile } from "node:fs/promises";
import type pg from "pg";
import { describeFailure } from "../migrate/failure-report.js";
import { applyStandIn } from "../stand-in/apply-stand-in.js";
import { resolveApplyOrder, SchemaSourceError, type SourceFile } from "./apply-order.js";

/** Sends one file as one simple-protocol query (like `psql -f`), counting the statements it completes. */
async function runFile(client: pg.Client, sql: string, onStatement: () => void): Promise<void> {
  client.connection.on("commandComplete", onStatement);
  try {
    await client.query(sql);
  } finally {
    client.connection.off("commandComplete", onStatement);
  }
}

function failureIn(file: SourceFile, sql: string, error: unknown, completedStatements: number): Error {
  const report = describeFailure(sql, error, completedStatements);
  const where = report.line === undefined ? file.absolutePath : `${file.absolutePath}:${report.line}`;
  // describeFailure speaks of migration.sql; here the file is named in the first line instead.
  const details = report.text.split("\n").filter((line) => !line.includes(" of migration.sql"));
  return new SchemaSourceError(
    `The schema source failed at ${where}${report.column === undefined ? "" : `:${report.column}`} ` +
      `(${file.relativePath}); nothing of it was applied.\n${details.join("\n")}`,
    { cause: error },
  );
}

export interface ApplySchemaSourceOptions {
  /** Files to leave out (the SQL generator applies the source without its own output). */
  exclude?: (file: SourceFile) => boolean;
}

/**
 * Applies the declarative schema source in `folder` to the database of `client` (not inside a
 * transaction): first the Supabase stand-in, as migrations get it, then every file of apply-order.txt
 * in ONE transaction, each file sent whole. An error names the file and the line; nothing is applied.
 * Returns the files applied, in order.
 */
export async function applySchemaSource(
  client: pg.Client,
  folder: string,
  options: ApplySchemaSourceOptions = {},
): Promise<SourceFile[]> {
  const files = (await resolveApplyOrder(folder)).filter((file) => !options.exclude?.(file));
  const texts = await Promise.all(files.map((file) => readFile(file.absolutePath, "utf8")));
  await applyStandIn(client);
  await client.query("BEGIN");
  try {
    // Bodies are checked when a function is called, not when it is created, as in pg_dump's output:
    // functions and tables refer to each other both ways, so no file order could satisfy the check.
    // The tests and plpgsql_check read every body.
    await client.query("SET LOCAL check_function_bodies = off");
    for (const [index, file] of files.entries()) {
      const sql = texts[index]!;
      let completedStatements = 0;
      try {
        await runFile(client, sql, () => completedStatements++);
      } catch (error) {
        throw failureIn(file, sql, error, completedStatements);
      }
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  return files;
}
