import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type PostgresMajor, parsePostgresMajor } from "./embedded/binaries.js";
import { startEmbeddedPostgres } from "./embedded/embedded-server.js";
import { migrate } from "./migrate/migrate.js";

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

/**
 * Creates database `name` on the server of `url`, with the stand-in and all migrations applied, and
 * returns its URL: an isolated database for a test that must not share rows with others.
 */
export async function createDatabase(url: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // template0: pristine, and never connected to, so parallel creations cannot collide on it.
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  const databaseUrl = new URL(url);
  databaseUrl.pathname = `/${encodeURIComponent(name)}`;
  await migrate({ databaseUrl: databaseUrl.toString(), log: quiet });
  return databaseUrl.toString();
}
