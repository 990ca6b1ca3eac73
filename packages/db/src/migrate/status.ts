import pg from "pg";
import { redactUrl } from "../redact-url.js";
import { isApplied, isUnresolvedFailure, migrationsTableExists, readMigrationRows } from "./bookkeeping.js";
import { type MigrationFile, matchesChecksum, readMigrationFiles } from "./migration-files.js";

export interface MigrationStatusOptions {
  databaseUrl: string;
  /** Folder of `<name>/migration.sql`: the migrations that should be applied. */
  migrationsDir: string;
}

export interface MigrationStatus {
  /** How many migrations the folder holds. */
  shipped: number;
  /** Applied and unchanged since. */
  applied: string[];
  /** Applied, but migration.sql changed afterwards (its checksum differs from the recorded one). */
  changedAfterApply: string[];
  /** In the folder and not applied (failed ones excluded). */
  pending: string[];
  /** Failed and not resolved: they block every later deploy (Prisma's P3009). */
  failed: { name: string; startedAt: Date; logs: string | null }[];
  /** Applied to the database but not in the folder (applied by a newer version, or renamed). */
  unknown: string[];
  /** Whether `_prisma_migrations` exists at all. */
  tracked: boolean;
}

/**
 * Compares the migrations folder with Prisma's `_prisma_migrations`, read-only and without the
 * migration lock (like `prisma migrate status`): a deploy running at the same time may change it.
 */
export async function readMigrationStatus(options: MigrationStatusOptions): Promise<MigrationStatus> {
  const files = await readMigrationFiles(options.migrationsDir);
  const client = new pg.Client({
    connectionString: options.databaseUrl,
    application_name: "ai-usage status",
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const reason =
      error instanceof Error ? error.message || (error as { code?: string }).code : String(error);
    throw new Error(`Could not connect to ${redactUrl(options.databaseUrl)}: ${reason}`, { cause: error });
  }
  try {
    const tracked = await migrationsTableExists(client);
    const rows = tracked ? await readMigrationRows(client) : [];
    const appliedRows = new Map(rows.filter(isApplied).map((row) => [row.migration_name, row]));
    const failedRows = rows.filter(isUnresolvedFailure);
    const failedNames = new Set(failedRows.map((row) => row.migration_name));
    const fileNames = new Set(files.map((file) => file.name));
    const recorded = (file: MigrationFile) => appliedRows.get(file.name);
    const isPending = (file: MigrationFile) => !recorded(file) && !failedNames.has(file.name);
    const names = (list: MigrationFile[]) => list.map((file) => file.name);
    return {
      shipped: files.length,
      applied: names(
        files.filter((file) => recorded(file) && matchesChecksum(file, recorded(file)!.checksum)),
      ),
      changedAfterApply: names(
        files.filter((file) => recorded(file) && !matchesChecksum(file, recorded(file)!.checksum)),
      ),
      pending: names(files.filter(isPending)),
      failed: failedRows.map((row) => ({
        name: row.migration_name,
        startedAt: row.started_at,
        logs: row.logs,
      })),
      unknown: [...appliedRows.keys()].filter((name) => !fileNames.has(name)),
      tracked,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}
