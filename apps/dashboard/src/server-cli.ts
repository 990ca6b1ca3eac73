// `pnpm dashboard`: migrates, seeds an empty local database, then serves the dashboard.
import { randomBytes } from "node:crypto";
import { migrate, resolveDatabaseUrl } from "@org/ai-usage-db";
import { Command, Option } from "commander";
import pg from "pg";
import { AdminTokenRefusedError, shouldPrintAdminToken } from "./local/admin-token-policy.js";
import { seedIfEmpty } from "./local/demo-data.js";
import { redactDatabaseUrl } from "./local/redact-url.js";
import { LOCAL_ADMIN, signLocalSessionToken } from "./local/session-token.js";
import { assertUsableJwtSecret } from "./server/auth.js";
import { CliOptionsSchema, expectedIssuer, RANGES } from "./server/cli-options.js";
import { startDashboardServer } from "./server/dashboard-server.js";

const program = new Command()
  .name("pnpm dashboard")
  .description(
    "Serves the AI usage admin dashboard. The database is --database-url, else $DATABASE_URL, else the\n" +
      "embedded PostgreSQL 17 in <repo>/.data/pg17. Session tokens are checked with $SUPABASE_JWT_SECRET;\n" +
      "without it a random secret is made for this run and a local admin token is printed.\n" +
      "Tokens must carry aud (--jwt-audience) and, with --supabase-url or --jwt-issuer, iss; anonymous\n" +
      "sign-ins are refused.",
  )
  .option("--host <host>", "interface to listen on", "127.0.0.1")
  .option("--port <port>", "port to listen on (0: any free port)", "4310")
  .option("--days <days>", `range the page opens with (${RANGES.join(", ")})`, "30")
  .option("--database-url <url>", "database to read (default: $DATABASE_URL, else the embedded one)")
  .option("--no-migrate", "do not apply migrations (e.g. when connecting as `authenticator`)")
  .option("--no-seed", "never write demo usage, even into an empty local database")
  .addOption(
    new Option(
      "--supabase-url <url>",
      "the project's URL; session tokens must then be issued by <url>/auth/v1",
    ).env("SUPABASE_URL"),
  )
  .addOption(
    new Option("--jwt-issuer <iss>", "the iss session tokens must carry (overrides --supabase-url's)").env(
      "JWT_ISSUER",
    ),
  )
  .addOption(
    new Option("--jwt-audience <aud>", "the aud session tokens must carry")
      .env("JWT_AUDIENCE")
      .default("authenticated"),
  )
  .option(
    "--print-admin-token",
    "also print a local admin token when $SUPABASE_JWT_SECRET is set (embedded database only)",
    false,
  );

async function main(argv: string[]): Promise<void> {
  // `pnpm dashboard -- --port 5000` hands the script a literal "--" first.
  program.parse(argv[0] === "--" ? argv.slice(1) : argv, { from: "user" });
  const parsed = CliOptionsSchema.safeParse(program.opts());
  const options = parsed.success
    ? parsed.data
    : program.error(parsed.error.issues.map((issue) => issue.message).join("\n"));

  const configuredSecret = process.env.SUPABASE_JWT_SECRET?.trim();
  // A secret too short for HS256 stops the run here, before anything is migrated, seeded or served.
  if (configuredSecret) assertUsableJwtSecret(configuredSecret);
  const database = await resolveDatabaseUrl(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {});
  const local = database.source === "embedded";
  // Decided before anything is migrated, seeded or served: a refusal leaves nothing behind.
  let printAdminToken: boolean;
  try {
    printAdminToken = shouldPrintAdminToken({
      embeddedDatabase: local,
      projectSecret: Boolean(configuredSecret),
      printAdminToken: options.printAdminToken,
    });
  } catch (error) {
    await database.stop();
    if (error instanceof AdminTokenRefusedError) program.error(error.message);
    throw error;
  }
  console.log(`Database: ${local ? "embedded PostgreSQL 17 (.data/pg17)" : redactDatabaseUrl(database.url)}`);
  if (options.migrate) await migrate({ databaseUrl: database.url, log: (line) => console.log(`  ${line}`) });

  const pool = new pg.Pool({ connectionString: database.url, max: 8 });
  pool.on("error", (error) => console.error(`database connection lost: ${error.message}`));
  // Demo data only ever goes into the local embedded database, never into a DATABASE_URL one.
  if (options.seed && local) await seedIfEmpty(pool, database.url, (line) => console.log(`  ${line}`));

  const jwtSecret = configuredSecret || randomBytes(32).toString("base64url");
  const jwtIssuer = expectedIssuer(options);
  const server = await startDashboardServer({
    pool,
    jwtSecret,
    jwtAudience: options.jwtAudience,
    ...(jwtIssuer ? { jwtIssuer } : {}),
    host: options.host,
    port: options.port,
    defaultDays: options.days,
  });

  if (printAdminToken) {
    const token = await signLocalSessionToken(jwtSecret, { ...LOCAL_ADMIN, admin: true, issuer: jwtIssuer });
    console.log(`\nDashboard (signed in as the local admin ${LOCAL_ADMIN.email}, valid 12 hours):`);
    console.log(`  ${server.url}/#token=${token}`);
    if (!configuredSecret)
      console.log("  (no SUPABASE_JWT_SECRET: this run signs tokens with a random secret)");
  } else {
    console.log(`\nDashboard: ${server.url}/`);
    console.log("  Sign in with an admin's Supabase access token (see apps/dashboard/README.md).");
  }
  if (configuredSecret && !jwtIssuer)
    console.log("  Note: the token issuer is not checked; set SUPABASE_URL (or --supabase-url) to check it.");
  console.log("Press Ctrl+C to stop.");

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await pool.end();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const { code, address, port } = error as NodeJS.ErrnoException & { address?: string; port?: number };
  if (code === "EADDRINUSE") {
    console.error(
      `Port ${port} on ${address} is already in use (another pnpm dashboard?): stop that program, or pick ` +
        "another port with --port, e.g. pnpm dashboard --port 4311 (0: any free port).",
    );
  } else console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
