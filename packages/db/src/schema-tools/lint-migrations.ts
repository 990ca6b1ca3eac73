import { spawnSync } from "node:child_process";
import { readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";

/**
 * The newest migration on `main` when the linter came. It and the ones before it are history: they
 * are applied everywhere and can no longer change, and several would need exclusions. Every later
 * migration is linted.
 */
export const LINT_CUTOFF = "20261202000900_ai_usage_private_schema";

// Supabase's older major: a statement must be safe on the oldest server we deploy to.
const PG_VERSION = "15.0";

const SQUAWK_ARGUMENTS = [
  `--pg-version=${PG_VERSION}`,
  // True of our migrator: `pnpm db:migrate` applies all pending migrations in ONE transaction. This
  // is also why prefer-robust-stmts (IF NOT EXISTS everywhere, so a half-applied file can be rerun)
  // stays on without firing: in a transaction nothing is ever half-applied.
  "--assume-in-transaction",
  // require-statement-timeout: a migration that rewrites summaries may rightly run for minutes, and
  // a timeout in one file would roll back the whole deploy. require-lock-timeout: a lock timeout
  // belongs to the deploy, not to a file: all pending migrations share one transaction, so a SET
  // LOCAL in one file would silently bind every later file of the same deploy. (The migrator does
  // not set one yet; that is its decision to make, not each migration's.)
  // require-concurrent-index-creation and -deletion: CONCURRENTLY cannot run in a transaction block,
  // so the migrator refuses it; an index on a big live table is made by hand, outside migrations.
  "--exclude=require-statement-timeout,require-lock-timeout," +
    "require-concurrent-index-creation,require-concurrent-index-deletion",
];

function squawkBinary(): string {
  // squawk-cli's launcher (a node script) runs the binary of this platform's optional dependency.
  return createRequire(import.meta.url).resolve("squawk-cli/js/bin/squawk");
}

/** The migration folders newer than LINT_CUTOFF, in order. */
export async function migrationsAfterCutoff(migrationsDir: string): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory() && entry.name > LINT_CUTOFF)
    .map((entry) => entry.name)
    .sort();
}

export const SQUAWK_SETTINGS = `PostgreSQL ${PG_VERSION} rules, in-transaction`;

/** Runs squawk on the migration.sql of `names`, printing its findings; returns its exit status. */
export function runSquawk(migrationsDir: string, names: string[]): number {
  const files = names.map((name) => join(migrationsDir, name, "migration.sql"));
  const run = spawnSync(process.execPath, [squawkBinary(), ...SQUAWK_ARGUMENTS, ...files], {
    stdio: "inherit",
  });
  if (run.error) throw run.error;
  return run.status ?? 1;
}
