import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { defaultMigrationsDir } from "@org/ai-usage-db";
import type pg from "pg";

export interface AppliedMigration {
  readonly name: string;
  /** First 12 hex digits of the sha256 recorded when it was applied. */
  readonly checksum: string;
  /** The file on disk changed since (the database runs an older version of it). */
  readonly changedSince: boolean;
}

/**
 * Which SQL the figures belong to: the migrations are still being tuned, and a reused bench
 * database keeps the versions it was migrated with (migrations are never re-applied).
 */
export async function appliedMigrations(pool: pg.Pool): Promise<AppliedMigration[]> {
  const { rows } = await pool.query<{ name: string; checksum: string }>(
    `SELECT migration_name AS name, checksum FROM public._prisma_migrations
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return Promise.all(
    rows.map(async (row) => {
      const onDisk = await readFile(join(defaultMigrationsDir(), row.name, "migration.sql")).catch(
        () => undefined,
      );
      const changedSince =
        onDisk !== undefined && createHash("sha256").update(onDisk).digest("hex") !== row.checksum;
      return { name: row.name, checksum: row.checksum.slice(0, 12), changedSince };
    }),
  );
}
