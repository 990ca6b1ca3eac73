import { readdir } from "node:fs/promises";

const NAME = /^[a-z0-9_]+$/;

export class MigrationNameError extends Error {
  override readonly name = "MigrationNameError";
}

/** `<UTC yyyymmddHHMMSS>_<name>`, as Prisma names migration folders. */
export function migrationFolderName(name: string, now: Date): string {
  const stamp = now.toISOString().replace(/\D/g, "").slice(0, 14);
  return `${stamp}_${name}`;
}

/**
 * Refuses a name that is not lower-case snake case, or that a migration of `migrationsDir` already
 * has (two migrations of one name would be told apart by their timestamps alone), or a timestamp
 * that would not sort after every existing migration (a clock set back would put it before them).
 * Returns the new folder's name.
 */
export async function newMigrationFolderName(
  migrationsDir: string,
  name: string,
  now: Date,
): Promise<string> {
  if (!NAME.test(name)) {
    throw new MigrationNameError(
      `Migration name "${name}" is not allowed: use lower-case letters, digits and _ (like add_user_notes).`,
    );
  }
  const existing = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const same = existing.find((folder) => folder.replace(/^\d+_/, "") === name);
  if (same !== undefined) {
    throw new MigrationNameError(`A migration named "${name}" exists already: ${same}. Choose another name.`);
  }
  const folder = migrationFolderName(name, now);
  const newest = existing.at(-1);
  if (newest !== undefined && folder < newest) {
    throw new MigrationNameError(
      `The new migration ${folder} would sort before the newest one, ${newest}: is the clock right?`,
    );
  }
  return folder;
}
