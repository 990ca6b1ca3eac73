import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { MigrationError } from "./migration-error.js";

export interface MigrationFile {
  /** The folder name, e.g. 20261127000100_ai_usage_core: the migration's name in _prisma_migrations. */
  name: string;
  path: string;
  sql: string;
  /** Lower-case hex SHA-256 of the file's bytes, as Prisma records it. */
  checksum: string;
}

function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Reads `<dir>/*\/migration.sql`, ordered by folder name as Prisma orders them. */
export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`Cannot read the migrations folder ${dir}: ${error.message}`);
  });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(
    names.map(async (name) => {
      const path = join(dir, name, "migration.sql");
      const bytes = await readFile(path).catch(() => {
        throw new MigrationError("P3015", `Could not find the migration file at ${path}`, {
          migration: name,
        });
      });
      return { name, path, sql: bytes.toString("utf8"), checksum: sha256(bytes) };
    }),
  );
}

/**
 * Whether the file still matches the checksum recorded when it was applied. Like Prisma, a change of
 * line endings alone (a Windows checkout) does not count as a change.
 */
export function matchesChecksum(file: MigrationFile, recorded: string): boolean {
  const lf = file.sql.replace(/\r\n/g, "\n");
  return [file.checksum, sha256(lf), sha256(lf.replace(/\n/g, "\r\n"))].includes(recorded);
}
