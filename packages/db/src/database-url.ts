import { startEmbeddedPostgres } from "./embedded/embedded-server.js";
import { loadRepoEnv } from "./local-db/repo-env.js";
import { findRunningServer } from "./local-db/running-server.js";
import { defaultEmbeddedDataDir } from "./package-paths.js";

export interface ResolveDatabaseUrlOptions {
  /** Use this URL (e.g. a --database-url flag); otherwise DATABASE_URL; otherwise an embedded server. */
  databaseUrl?: string;
  /** Data folder of the embedded server. Default: <repo>/.data/pg17. */
  dataDir?: string;
  /** One-line notices from the embedded server. Default: console.warn. */
  log?: (message: string) => void;
}

export interface ResolvedDatabase {
  url: string;
  /** Where the URL came from. */
  source: "option" | "DATABASE_URL" | "embedded";
  /** The embedded server was already running (pnpm db:start, or another command's): it is shared, not stopped. */
  alreadyRunning: boolean;
  /** Stops the embedded server when this call started it (keeping its data); does nothing otherwise. */
  stop(): Promise<void>;
}

/**
 * Checks that `url` is a PostgreSQL connection URL before anything connects: node-postgres reads
 * anything else as a path relative to "postgres://base" and fails with "getaddrinfo ENOTFOUND base".
 * The message never repeats the value (it may hold a password).
 */
export function checkDatabaseUrl(url: string, origin: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !["postgres:", "postgresql:"].includes(parsed.protocol) || parsed.hostname === "") {
    throw new Error(
      `${origin} is not a PostgreSQL connection URL: expected postgresql://user:password@host:5432/database ` +
        "(percent-encode @, :, /, # or spaces in the password, e.g. @ as %40)",
    );
  }
  return url;
}

/**
 * The database to work on: the given URL, else DATABASE_URL (from the environment or <repo>/.env;
 * Supabase or any PostgreSQL 15+), else the local embedded PostgreSQL 17 whose data persists in a
 * git-ignored folder, so a fresh clone works with nothing but Node: the one already running there
 * (pnpm db:start, or another command's), else one started now. Call stop() when done.
 */
export async function resolveDatabaseUrl(options: ResolveDatabaseUrlOptions = {}): Promise<ResolvedDatabase> {
  const noServer = async () => undefined;
  const external = { alreadyRunning: false, stop: noServer };
  if (options.databaseUrl) {
    return { url: checkDatabaseUrl(options.databaseUrl, "--database-url"), source: "option", ...external };
  }
  loadRepoEnv();
  const fromEnvironment = process.env.DATABASE_URL?.trim();
  if (fromEnvironment) {
    return { url: checkDatabaseUrl(fromEnvironment, "DATABASE_URL"), source: "DATABASE_URL", ...external };
  }

  const dataDir = options.dataDir ?? defaultEmbeddedDataDir(17);
  const running = await findRunningServer(dataDir);
  if (running) return { url: running.url, source: "embedded", alreadyRunning: true, stop: noServer };
  const server = await startEmbeddedPostgres({
    dataDir,
    major: 17,
    ...(options.log ? { log: options.log } : {}),
  });
  return { url: server.url, source: "embedded", alreadyRunning: false, stop: () => server.stop() };
}
