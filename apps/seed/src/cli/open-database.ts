import { type ResolvedDatabase, resolveDatabaseUrl } from "@org/ai-usage-db";
import pg from "pg";

export interface OpenDatabase {
  readonly pool: pg.Pool;
  /** Where the URL came from: the --database-url option, DATABASE_URL, or the embedded server. */
  readonly source: ResolvedDatabase["source"];
  readonly url: string;
  /** The embedded server was already running (pnpm db:start): shared, and left running. */
  readonly alreadyRunning: boolean;
  /** Closes the pool and stops the embedded server if one was started. */
  close(): Promise<void>;
}

/**
 * The database of a CLI run: --database-url, else DATABASE_URL, else the embedded PostgreSQL 17
 * in <repo>/.data/pg17 (started now, stopped by close()).
 */
export async function openDatabase(
  databaseUrl: string | undefined,
  connections: number,
): Promise<OpenDatabase> {
  const resolved = await resolveDatabaseUrl(databaseUrl ? { databaseUrl } : {});
  const pool = new pg.Pool({
    connectionString: resolved.url,
    max: connections,
    application_name: "ai-usage-seed",
  });
  // node-postgres emits this when an idle connection drops; the next query reports the problem.
  pool.on("error", () => undefined);
  return {
    pool,
    source: resolved.source,
    url: resolved.url,
    alreadyRunning: resolved.alreadyRunning,
    close: async () => {
      await pool.end();
      await resolved.stop();
    },
  };
}
