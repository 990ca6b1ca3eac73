import { redactUrl } from "@org/ai-usage-db/migrator";
import { Command } from "commander";
import { CliError } from "../cli-error.js";
import { connect } from "../connect.js";
import { DATABASE_URL_HELP, resolveDatabaseUrl } from "../database-url.js";
import { advisorCheck } from "../doctor/advisor-check.js";
import type { Check, CheckResult, CheckStatus } from "../doctor/check.js";
import { clockCheck } from "../doctor/clock-check.js";
import { grantCheck } from "../doctor/grant-check.js";
import { migrationCheck } from "../doctor/migration-check.js";
import { roleCheck } from "../doctor/role-check.js";
import { rowSecurityCheck } from "../doctor/row-security-check.js";
import { searchPathCheck } from "../doctor/search-path-check.js";
import { timeZoneCheck } from "../doctor/time-zone-check.js";
import { EXIT } from "../exit-codes.js";
import { shippedMigrationsDir } from "../migrations-dir.js";

const CHECKS: Check[] = [
  migrationCheck,
  roleCheck,
  rowSecurityCheck,
  grantCheck,
  searchPathCheck,
  advisorCheck,
  clockCheck,
  timeZoneCheck,
];

const LABELS: Record<CheckStatus, string> = { ok: "ok  ", info: "info", warn: "WARN", fail: "FAIL" };

export function doctorCommand(): Command {
  return new Command("doctor")
    .summary("check a database: migrations, roles, RLS, grants, search_path, advisor lints, clock, time zone")
    .description(
      "Checks the database read-only: every migration applied; Supabase's API roles present; row level " +
        "security on every table of ours; the grants the security migration leaves (anon reaches " +
        "nothing, signed-in users write nothing directly); every function of ours with a pinned " +
        "search_path; the SQL-checkable lints of Supabase's advisor on the rest of schema public " +
        "(warnings only); the server's clock against this machine's; the reporting time zone. " +
        "Exits 1 if any check fails. Connect as the owner (the role that ran the migrations).",
    )
    .option("--database-url <url>", DATABASE_URL_HELP)
    .action(async (options: { databaseUrl?: string }) => {
      const databaseUrl = resolveDatabaseUrl(options.databaseUrl);
      const migrationsDir = shippedMigrationsDir();
      const client = await connect(databaseUrl, "ai-usage doctor");
      const results: CheckResult[] = [];
      try {
        console.log(`Database: ${redactUrl(databaseUrl)}`);
        for (const check of CHECKS) {
          const result = await check({ client, databaseUrl, migrationsDir });
          results.push(result);
          console.log(`  ${LABELS[result.status]}  ${result.name}: ${result.detail}`);
        }
      } finally {
        await client.end();
      }
      const failed = results.filter((result) => result.status === "fail").length;
      const warned = results.filter((result) => result.status === "warn").length;
      const summary = `${failed} failed, ${warned} warning${warned === 1 ? "" : "s"}, ${results.length} checks`;
      if (failed > 0) throw new CliError(summary, EXIT.problem);
      console.log(summary);
    });
}
