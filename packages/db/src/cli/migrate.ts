// db:migrate: applies pending migrations (see USAGE). Run with tsx.
import { parseArgs } from "node:util";
import { resolveDatabaseUrl } from "../database-url.js";
import { migrate } from "../migrate/migrate.js";
import { resolveRolledBack } from "../migrate/resolve-rolled-back.js";
import { defaultEmbeddedDataDir } from "../package-paths.js";
import { redactUrl } from "../redact-url.js";

const USAGE = `Usage: pnpm db:migrate [options]

Applies the pending migrations of packages/db/prisma/migrations, keeping Prisma's
_prisma_migrations bookkeeping. All pending migrations run in ONE transaction: nobody sees
a half-applied schema (on Supabase, one whose new tables are not yet closed to anon), and a
failure rolls all of them back. On plain PostgreSQL (no schema auth) the Supabase stand-in
is applied first; on Supabase it is not needed and nothing else is touched.

The database is --database-url, else $DATABASE_URL (also read from <repo>/.env), else the
embedded PostgreSQL 17 whose data lives in <repo>/.data/pg17: the one running there
(pnpm db:start), or one started and stopped around the run.

Options:
  --database-url <url>               the database to migrate
  --resolve-rolled-back <migration>  mark a failed migration as rolled back (as
                                     \`prisma migrate resolve --rolled-back\` does), so the
                                     next run applies it again; applies nothing itself
  -h, --help                         show this help`;

function parseOptions(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      "database-url": { type: "string" },
      "resolve-rolled-back": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  }).values;
}

async function run(argv: string[]): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }

  const dataDir = defaultEmbeddedDataDir(17);
  const database = await resolveDatabaseUrl({ databaseUrl: options["database-url"], dataDir });
  const shared = database.alreadyRunning ? ", already running" : "";
  const origin =
    database.source === "embedded" ? `embedded PostgreSQL 17, data in ${dataDir}${shared}` : database.source;
  console.log(`Database: ${redactUrl(database.url)} (${origin})`);
  const log = (message: string) => console.log(`  ${message}`);
  try {
    const migrationName = options["resolve-rolled-back"];
    if (migrationName !== undefined) {
      await resolveRolledBack({ databaseUrl: database.url, migrationName, log });
      return 0;
    }
    const result = await migrate({ databaseUrl: database.url, log });
    const count = (n: number) => `${n} migration${n === 1 ? "" : "s"}`;
    console.log(
      result.applied.length > 0
        ? `Applied ${count(result.applied.length)}: ${result.applied.join(", ")}`
        : `Database is up to date (${count(result.skipped)})`,
    );
    return 0;
  } finally {
    await database.stop();
  }
}

// `pnpm db:migrate -- --help` hands the script a literal "--" first.
const args = process.argv.slice(2);
run(args[0] === "--" ? args.slice(1) : args).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
