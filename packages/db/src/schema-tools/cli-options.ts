import { join } from "node:path";
import { Option } from "commander";
import { type PostgresMajor, parsePostgresMajor } from "../embedded/binaries.js";
import { defaultMigrationsDir, packageRoot } from "../package-paths.js";

/** The declarative schema source that ships with this package: `schema/`. */
export function defaultSchemaSourceDir(): string {
  return join(packageRoot(), "schema");
}

/** `--source` and `--migrations`, shared by db:diff and db:drift. */
export const sourceOption = () =>
  new Option(
    "--source <folder>",
    "schema source folder (apply-order.txt and its files), relative to packages/db",
  ).default(defaultSchemaSourceDir(), "packages/db/schema");
export const migrationsOption = () =>
  new Option("--migrations <folder>", "migrations folder, relative to packages/db").default(
    defaultMigrationsDir(),
    "packages/db/prisma/migrations",
  );

/** The scratch server's major: PG_MAJOR, default 17 (Supabase's current). */
export function scratchMajor(): PostgresMajor {
  return parsePostgresMajor(process.env.PG_MAJOR ?? 17);
}

/** Progress goes to stderr, so stdout holds only the SQL or the differences. */
export const progressLine = (line: string) => console.error(`· ${line}`);
