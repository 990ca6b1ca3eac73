import { MigrationError, migrate, redactUrl, resolveRolledBack } from "@org/ai-usage-db/migrator";
import { Command } from "commander";
import { CliError } from "../cli-error.js";
import { checkReachable } from "../connect.js";
import { DATABASE_URL_HELP, resolveDatabaseUrl } from "../database-url.js";
import { EXIT } from "../exit-codes.js";
import { shippedMigrationsDir } from "../migrations-dir.js";

interface MigrateOptions {
  databaseUrl?: string;
  resolveRolledBack?: string;
}

export function migrateCommand(): Command {
  return new Command("migrate")
    .summary("apply the pending migrations (all in one transaction)")
    .description(
      "Applies the pending migrations shipped with this package, keeping Prisma's _prisma_migrations " +
        "bookkeeping (checksums, advisory lock), so `prisma migrate status` agrees. All pending " +
        "migrations run in ONE transaction: nobody sees a half-applied schema, and a failure rolls all " +
        "of them back and is recorded as Prisma records one. On plain PostgreSQL (no schema auth) a " +
        "Supabase stand-in (roles anon/authenticated/service_role, auth.uid(), auth.jwt()) is applied " +
        "first; on Supabase nothing but the migrations is touched.",
    )
    .option("--database-url <url>", DATABASE_URL_HELP)
    .option(
      "--resolve-rolled-back <migration>",
      "mark a failed migration as rolled back (like `prisma migrate resolve --rolled-back`) so the next run applies it again; applies nothing",
    )
    .action(runMigrate);
}

async function runMigrate(options: MigrateOptions): Promise<void> {
  const databaseUrl = resolveDatabaseUrl(options.databaseUrl);
  const migrationsDir = shippedMigrationsDir();
  await checkReachable(databaseUrl);
  console.log(`Database: ${redactUrl(databaseUrl)}`);
  const log = (message: string) => console.log(`  ${message}`);
  try {
    if (options.resolveRolledBack !== undefined) {
      await resolveRolledBack({ databaseUrl, migrationsDir, migrationName: options.resolveRolledBack, log });
      return;
    }
    const result = await migrate({ databaseUrl, migrationsDir, log });
    const count = (n: number) => `${n} migration${n === 1 ? "" : "s"}`;
    console.log(
      result.applied.length > 0
        ? `Applied ${count(result.applied.length)}: ${result.applied.join(", ")}`
        : `Database is up to date (${count(result.skipped)})`,
    );
  } catch (error) {
    if (!(error instanceof MigrationError)) throw error;
    // The migrator's own hints name the repository's `pnpm db:migrate`; add this command's spelling.
    const resolveHint =
      error.code === "P3009" && error.context.migration
        ? `\nWith this CLI: npx ai-usage migrate --resolve-rolled-back ${error.context.migration}`
        : "";
    throw new CliError(`${error.message}${resolveHint}`, EXIT.problem);
  }
}
