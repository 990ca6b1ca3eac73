import type pg from "pg";
import { connectOrExplain } from "../pg-connection.js";
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
  /**
   * Counted as applied because `supabase db push` recorded their version in
   * supabase_migrations.schema_migrations (Supabase keeps no checksum: changes are not detected).
   */
  appliedBySupabaseCli: string[];
}

/** The versions (timestamp prefixes) in the Supabase CLI's history, when it has one. */
async function readSupabaseCliVersions(client: pg.Client): Promise<Set<string>> {
  const { rows } = await client.query<{ present: boolean }>(
    "SELECT to_regclass('supabase_migrations.schema_migrations') IS NOT NULL AS present",
  );
  if (!rows[0]?.present) return new Set();
  const history = await client.query<{ version: string }>(
    "SELECT version FROM supabase_migrations.schema_migrations",
  );
  return new Set(history.rows.map((row) => row.version));
}

/**
 * Compares the migrations folder with Prisma's `_prisma_migrations` (and, for migrations it does not
 * record, with the Supabase CLI's history: the same files applied by `supabase db push`), read-only and without the
 * migration lock (like `prisma migrate status`): a deploy running at the same time may change it.
 */
export async function readMigrationStatus(options: MigrationStatusOptions): Promise<MigrationStatus> {
  const files = await readMigrationFiles(options.migrationsDir);
  const client = await connectOrExplain(options.databaseUrl, "ai-usage status");
  try {
    const tracked = await migrationsTableExists(client);
    const rows = tracked ? await readMigrationRows(client) : [];
    const appliedRows = new Map(rows.filter(isApplied).map((row) => [row.migration_name, row]));
    const failedRows = rows.filter(isUnresolvedFailure);
    const failedNames = new Set(failedRows.map((row) => row.migration_name));
    const fileNames = new Set(files.map((file) => file.name));
    const recorded = (file: MigrationFile) => appliedRows.get(file.name);
    const supabaseCliVersions = await readSupabaseCliVersions(client);
    const pushed = (file: MigrationFile) =>
      !recorded(file) && !failedNames.has(file.name) && supabaseCliVersions.has(file.name.split("_")[0]!);
    const isPending = (file: MigrationFile) =>
      !recorded(file) && !failedNames.has(file.name) && !pushed(file);
    const names = (list: MigrationFile[]) => list.map((file) => file.name);
    return {
      shipped: files.length,
      applied: names(
        files.filter(
          (file) => (recorded(file) && matchesChecksum(file, recorded(file)!.checksum)) || pushed(file),
        ),
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
      appliedBySupabaseCli: names(files.filter(pushed)),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}
