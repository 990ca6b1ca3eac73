import { defaultMigrationsDir } from "../package-paths.js";
import { applyStandIn } from "../stand-in/apply-stand-in.js";
import { withMigrationLock } from "./advisory-lock.js";
import { applyPending } from "./apply-pending.js";
import {
  createMigrationsTable,
  isApplied,
  isUnresolvedFailure,
  migrationsTableExists,
  readMigrationRows,
} from "./bookkeeping.js";
import { MigrationError } from "./migration-error.js";
import { matchesChecksum, readMigrationFiles } from "./migration-files.js";
import { refuseUnmanagedSchema } from "./schema-emptiness.js";

export interface MigrateOptions {
  databaseUrl: string;
  /** Folder of `<name>/migration.sql`. Default: this package's prisma/migrations. */
  migrationsDir?: string;
  /** Progress and warnings, one line each. Default: console.log. */
  log?: (message: string) => void;
}

export interface MigrateResult {
  /** Names of the migrations applied by this run, in order. */
  applied: string[];
  /** How many migrations were already applied and left alone. */
  skipped: number;
  /** Whether this run applied the Supabase stand-in (the database had no `auth` schema). */
  standInApplied: boolean;
}

/**
 * Applies the pending migrations, all in one transaction, keeping Prisma's bookkeeping, under Prisma's
 * advisory lock. On a database without schema `auth` (plain PostgreSQL), applies the Supabase
 * stand-in first.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const log = options.log ?? ((message: string) => console.log(message));
  const files = await readMigrationFiles(options.migrationsDir ?? defaultMigrationsDir());

  return withMigrationLock(options.databaseUrl, log, async (client) => {
    const tracked = await migrationsTableExists(client);
    if (!tracked) await refuseUnmanagedSchema(client);
    const standInApplied = await applyStandIn(client);
    if (standInApplied) log("Applied the Supabase stand-in first: the database had no schema auth.");
    if (!tracked) await createMigrationsTable(client);
    const rows = await readMigrationRows(client);

    const failed = rows.find(isUnresolvedFailure);
    if (failed) {
      throw new MigrationError(
        "P3009",
        `Migration ${failed.migration_name} (started ${failed.started_at.toISOString()}) failed, so no ` +
          "further migrations are applied.\n" +
          (failed.logs ? `Its error, from _prisma_migrations.logs:\n${failed.logs}\n` : "") +
          "To resolve: fix its migration.sql, or the database state it failed on (this runner rolled the " +
          "whole deploy back, so the database holds nothing of it; if `prisma migrate deploy` ran it, " +
          "undo what it left), then run " +
          `\`pnpm db:migrate --resolve-rolled-back ${failed.migration_name}\` ` +
          "(or `prisma migrate resolve --rolled-back`) and migrate again.",
        { migration: failed.migration_name },
      );
    }

    const applied = new Map(rows.filter(isApplied).map((row) => [row.migration_name, row]));
    for (const file of files) {
      const row = applied.get(file.name);
      if (row && !matchesChecksum(file, row.checksum)) {
        log(
          `Warning: ${file.name}/migration.sql changed after it was applied (its checksum differs from ` +
            "_prisma_migrations); the change is not applied. Put changes in a new migration.",
        );
      }
    }

    // Also one older than the newest applied (a migration added later with an earlier date), as
    // `prisma migrate deploy` does.
    const pending = files.filter((file) => !applied.has(file.name));
    await applyPending(client, pending, log);
    return {
      applied: pending.map((file) => file.name),
      skipped: files.length - pending.length,
      standInApplied,
    };
  });
}
