import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type PostgresMajor, parsePostgresMajor } from "./embedded/binaries.js";
import { startEmbeddedPostgres } from "./embedded/embedded-server.js";
import { migrate } from "./migrate/migrate.js";
import { databaseUrlNamed, withClient } from "./pg-connection.js";

export type { PostgresMajor } from "./embedded/binaries.js";

export interface TestDatabase {
  /** Superuser URL of the migrated `postgres` database. */
  url: string;
  major: PostgresMajor;
  /** Stops the server and deletes its data. */
  stop(): Promise<void>;
  /** stopServer() then startServer(). */
  restart(): Promise<void>;
  /** Stops the server, keeping port and data (to test what clients do while the database is down). */
  stopServer(): Promise<void>;
  /** Starts it again on the same port and data. */
  startServer(): Promise<void>;
}

/**
 * Names an already-migrated database (e.g. one `supabase db push` deployed) for the test suites to
 * run against instead of a server of their own migrated by this package's runner; see
 * openGivenTestDatabase. Read by the db package's test setup and by createDatabase.
 */
export const GIVEN_TEST_DATABASE_ENV = "AI_USAGE_TEST_DATABASE_URL";

export interface StartTestDatabaseOptions {
  /** Default: Number(process.env.PG_MAJOR ?? 17). */
  major?: PostgresMajor;
}

// Tests want no progress lines; a real problem throws.
const quiet = () => undefined;

/**
 * A throwaway embedded PostgreSQL (temporary data, free port, no fsync) with the Supabase stand-in
 * and all of this package's migrations applied.
 */
export async function startTestDatabase(options: StartTestDatabaseOptions = {}): Promise<TestDatabase> {
  const major = options.major ?? parsePostgresMajor(process.env.PG_MAJOR ?? 17);
  const folder = await mkdtemp(join(tmpdir(), `ai-usage-pg${major}-`));
  // mkdtemp makes the folder 0700; as root, PostgreSQL runs as user postgres, which must enter it.
  await chmod(folder, 0o755);
  const removeFolder = () => rm(folder, { recursive: true, force: true });
  try {
    const server = await startEmbeddedPostgres({ dataDir: join(folder, "data"), major, ephemeral: true });
    try {
      await migrate({ databaseUrl: server.url, log: quiet });
    } catch (error) {
      await server.stop();
      throw error;
    }
    return {
      url: server.url,
      major,
      stop: async () => {
        await server.stop();
        await removeFolder();
      },
      restart: async () => {
        await server.stop();
        await server.start();
      },
      stopServer: () => server.stop(),
      startServer: () => server.start(),
    };
  } catch (error) {
    await removeFolder();
    throw error;
  }
}

function givenDatabaseUrl(): string | undefined {
  return process.env[GIVEN_TEST_DATABASE_ENV]?.trim() || undefined;
}

function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
}

/** The copy of the given database taken before any test wrote to it; isolated databases clone it. */
function pristineCopyName(givenUrl: string): string {
  return `${databaseNameOf(givenUrl)}_pristine`;
}

/**
 * The test database when AI_USAGE_TEST_DATABASE_URL names one: an already-migrated database (the
 * Supabase stand-in and every migration applied by whatever deploys them, e.g. `supabase db push`)
 * on a server this run does not own. Nothing is migrated; a pristine copy is taken first, and
 * createDatabase clones it, so the tests see only what that deploy made. stop() drops the copy and
 * leaves the given database as the tests left it; the server cannot be stopped or restarted.
 */
export async function openGivenTestDatabase(url: string): Promise<TestDatabase> {
  const copy = pristineCopyName(url);
  const major = await withClient(url, async (admin) => {
    const { rows } = await admin.query<{ migrated: boolean; major: string }>(
      `SELECT to_regprocedure('public.log_ai_usage_batch(jsonb)') IS NOT NULL AS migrated,
              current_setting('server_version_num')::int / 10000 AS major`,
    );
    if (!rows[0]?.migrated) {
      throw new Error(
        `${GIVEN_TEST_DATABASE_ENV} names a database without the migrations (no public.log_ai_usage_batch): ` +
          "apply them first (supabase db push, pnpm db:migrate), or unset it to test on a server of our own.",
      );
    }
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(copy)} WITH (FORCE)`);
    // Copying the database we are connected to is allowed; nobody else may be connected.
    await admin.query(
      `CREATE DATABASE ${admin.escapeIdentifier(copy)} TEMPLATE ${admin.escapeIdentifier(databaseNameOf(url))}`,
    );
    return parsePostgresMajor(rows[0].major);
  });
  const notOurs = async () => {
    throw new Error(
      `The server of ${GIVEN_TEST_DATABASE_ENV} is not this run's: it cannot be stopped or restarted here.`,
    );
  };
  return {
    url,
    major,
    stop: () =>
      withClient(url, async (admin) => {
        await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(copy)} WITH (FORCE)`);
      }),
    restart: notOurs,
    stopServer: notOurs,
    startServer: notOurs,
  };
}

/**
 * Creates database `name` on the server of `url`, with the stand-in and all migrations applied, and
 * returns its URL: an isolated database for a test that must not share rows with others. With
 * AI_USAGE_TEST_DATABASE_URL set it is a clone of that database's pristine copy instead (see
 * openGivenTestDatabase): migrated by whoever migrated it, not by this package's runner.
 */
export async function createDatabase(url: string, name: string): Promise<string> {
  const given = givenDatabaseUrl();
  // template0: pristine, and never connected to, so parallel creations cannot collide on it.
  const template = given ? pristineCopyName(given) : "template0";
  await withClient(url, (admin) =>
    admin.query(
      `CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(template)}`,
    ),
  );
  const databaseUrl = databaseUrlNamed(url, name);
  if (!given) await migrate({ databaseUrl, log: quiet });
  return databaseUrl;
}
