import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { readMigrationFiles } from "../migrate/migration-files.js";

/**
 * The Supabase CLI's layout of our migrations: `supabase/migrations/<timestamp>_<name>.sql`, byte for
 * byte the `prisma/migrations/<timestamp>_<name>/migration.sql` it copies (the Prisma folder is the
 * source; Supabase's copy is generated, never edited).
 */
export interface SupabaseMigrationFile {
  /** e.g. 20261127000100_ai_usage_core.sql */
  fileName: string;
  bytes: Buffer;
}

export async function expectedSupabaseMigrations(
  prismaMigrationsDir: string,
): Promise<SupabaseMigrationFile[]> {
  const migrations = await readMigrationFiles(prismaMigrationsDir);
  return Promise.all(
    migrations.map(async (migration) => ({
      fileName: `${migration.name}.sql`,
      bytes: await readFile(migration.path),
    })),
  );
}

export interface SupabaseMigrationsComparison {
  /** Prisma migrations without a Supabase copy. */
  missing: string[];
  /** Copies whose bytes differ from their Prisma migration. */
  different: string[];
  /** Files in the Supabase folder that no Prisma migration produces. */
  extra: string[];
  identical: string[];
}

/** Compares the Supabase folder with what the Prisma migrations say it must hold (file names sorted). */
export async function compareSupabaseMigrations(
  prismaMigrationsDir: string,
  supabaseMigrationsDir: string,
): Promise<SupabaseMigrationsComparison> {
  const expected = await expectedSupabaseMigrations(prismaMigrationsDir);
  const present: string[] = await readdir(supabaseMigrationsDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [] as string[];
    throw error;
  });
  const comparison: SupabaseMigrationsComparison = { missing: [], different: [], extra: [], identical: [] };
  for (const file of expected) {
    if (!present.includes(file.fileName)) comparison.missing.push(file.fileName);
    else if ((await readFile(join(supabaseMigrationsDir, file.fileName))).equals(file.bytes))
      comparison.identical.push(file.fileName);
    else comparison.different.push(file.fileName);
  }
  const expectedNames = new Set(expected.map((file) => file.fileName));
  comparison.extra = present.filter((name) => !expectedNames.has(name)).sort();
  return comparison;
}

export function isInSync(comparison: SupabaseMigrationsComparison): boolean {
  return comparison.missing.length + comparison.different.length + comparison.extra.length === 0;
}
