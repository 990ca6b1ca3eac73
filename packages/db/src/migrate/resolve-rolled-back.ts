import { defaultMigrationsDir } from "../package-paths.js";
import { withMigrationLock } from "./advisory-lock.js";
import { migrationsTableExists, recordRolledBack } from "./bookkeeping.js";
import { MigrationError } from "./migration-error.js";
import { readMigrationFiles } from "./migration-files.js";

export interface ResolveRolledBackOptions {
  databaseUrl: string;
  /** The failed migration's folder name. */
  migrationName: string;
  migrationsDir?: string;
  log?: (message: string) => void;
}

/**
 * Marks a failed migration as rolled back, like `prisma migrate resolve --rolled-back`: it stops
 * blocking, and the next run applies it again (from its current migration.sql).
 */
export async function resolveRolledBack(options: ResolveRolledBackOptions): Promise<void> {
  const { migrationName } = options;
  const log = options.log ?? ((message: string) => console.log(message));
  const files = await readMigrationFiles(options.migrationsDir ?? defaultMigrationsDir());
  if (!files.some((file) => file.name === migrationName)) {
    throw new MigrationError(
      "P3017",
      `The migration ${migrationName} could not be found in the migrations folder: give its whole folder name.`,
      { migration: migrationName },
    );
  }
  await withMigrationLock(options.databaseUrl, log, async (client) => {
    const marked = (await migrationsTableExists(client)) ? await recordRolledBack(client, migrationName) : 0;
    if (marked === 0) {
      throw new MigrationError(
        "P3012",
        `Migration ${migrationName} cannot be marked rolled back because it is not in a failed state.`,
        { migration: migrationName },
      );
    }
  });
  log(`Marked ${migrationName} as rolled back: the next migration run applies it again.`);
}
