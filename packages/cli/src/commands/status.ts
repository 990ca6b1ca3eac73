import { readMigrationStatus, redactUrl } from "@org/ai-usage-db/migrator";
import { Command } from "commander";
import { CliError } from "../cli-error.js";
import { checkReachable } from "../connect.js";
import { DATABASE_URL_HELP, resolveDatabaseUrl } from "../database-url.js";
import { EXIT } from "../exit-codes.js";
import { shippedMigrationsDir } from "../migrations-dir.js";

export function statusCommand(): Command {
  return new Command("status")
    .summary("list applied, pending and failed migrations (exit 1 if any is pending or failed)")
    .description(
      "Compares the migrations shipped with this package with the database's _prisma_migrations, " +
        "read-only. Exits 1 when a migration is pending or failed, so a deploy script can stop on it.",
    )
    .option("--database-url <url>", DATABASE_URL_HELP)
    .action(async (options: { databaseUrl?: string }) => {
      const databaseUrl = resolveDatabaseUrl(options.databaseUrl);
      const migrationsDir = shippedMigrationsDir();
      await checkReachable(databaseUrl);
      const status = await readMigrationStatus({ databaseUrl, migrationsDir });
      console.log(`Database: ${redactUrl(databaseUrl)}`);
      const lines = [
        ...status.applied.map((name) => `  applied   ${name}`),
        ...status.changedAfterApply.map(
          (name) => `  applied   ${name} (migration.sql changed since: not re-applied)`,
        ),
        ...status.failed.map(
          (failure) => `  FAILED    ${failure.name} (started ${failure.startedAt.toISOString()})`,
        ),
        ...status.pending.map((name) => `  pending   ${name}`),
        ...status.unknown.map((name) => `  unknown   ${name} (applied, but not shipped with this version)`),
      ];
      console.log(lines.join("\n"));
      const applied = status.applied.length + status.changedAfterApply.length;
      console.log(
        `${applied} of ${status.shipped} applied, ` +
          `${status.pending.length} pending, ${status.failed.length} failed.`,
      );
      if (status.failed.length > 0) {
        throw new CliError(
          `a failed migration blocks every deploy: fix its cause, then run ` +
            `npx ai-usage migrate --resolve-rolled-back ${status.failed[0]!.name} and migrate again`,
          EXIT.problem,
        );
      }
      if (status.pending.length > 0) {
        throw new CliError("migrations are pending: run npx ai-usage migrate", EXIT.problem);
      }
    });
}
