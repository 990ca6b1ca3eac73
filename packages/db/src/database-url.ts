import { startEmbeddedPostgres } from "./embedded/embedded-server.js";
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
  /** Stops the embedded server when one was started (keeping its data); does nothing otherwise. */
  stop(): Promise<void>;
}

/**
 * The database to work on: the given URL, else DATABASE_URL (Supabase or any PostgreSQL 15+), else a
 * local embedded PostgreSQL 17 whose data persists in a git-ignored folder, so a fresh clone works
 * with nothing but Node. Call stop() when done.
 */
export async function resolveDatabaseUrl(options: ResolveDatabaseUrlOptions = {}): Promise<ResolvedDatabase> {
  const noServer = async () => undefined;
  if (options.databaseUrl) return { url: options.databaseUrl, source: "option", stop: noServer };
  const fromEnvironment = process.env.DATABASE_URL?.trim();
  if (fromEnvironment) return { url: fromEnvironment, source: "DATABASE_URL", stop: noServer };

  const server = await startEmbeddedPostgres({
    dataDir: options.dataDir ?? defaultEmbeddedDataDir(17),
    major: 17,
    ...(options.log ? { log: options.log } : {}),
  });
  return { url: server.url, source: "embedded", stop: () => server.stop() };
}
