import type { OpenDatabase } from "./open-database.js";

/**
 * Demo data is fake usage: written into a real project's log, it would mix with real spend in every
 * report. So `pnpm demo` and `pnpm seed` write only into the embedded database unless this flag
 * says the user means the other one (a URL in the environment is too easily left over from other work).
 */
export const seedExternalFlag = "--seed-external";

type Target = Pick<OpenDatabase, "source">;

/** True for any database the user named (DATABASE_URL, --database-url): only the embedded one is ours. */
export function isExternalDatabase(database: Target): boolean {
  return database.source !== "embedded";
}

/** Whether demo data may be written: into the embedded database always, elsewhere only with the flag. */
export function maySeed(database: Target, seedExternal: boolean): boolean {
  return !isExternalDatabase(database) || seedExternal;
}

/** "DATABASE_URL points at an external database" / "--database-url points at ...". */
export function externalDatabaseSubject(database: Target): string {
  const named = database.source === "option" ? "--database-url" : "DATABASE_URL";
  return `${named} points at an external database`;
}
