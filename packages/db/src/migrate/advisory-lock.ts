import type pg from "pg";
import { connectOrExplain } from "../pg-connection.js";

/** The key `prisma migrate` locks, so this runner and Prisma's never migrate one database at once. */
export const PRISMA_MIGRATE_LOCK_KEY = 72707369;

/**
 * Connects and holds Prisma's migration advisory lock while `work` runs, so two migrators started at
 * once take turns: the second sees what the first applied.
 */
export async function withMigrationLock<T>(
  databaseUrl: string,
  log: (message: string) => void,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = await connectOrExplain(databaseUrl, "ai-usage-db migrate");
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      PRISMA_MIGRATE_LOCK_KEY,
    ]);
    if (!rows[0]?.locked) {
      log(`Waiting for another migration run to finish (advisory lock ${PRISMA_MIGRATE_LOCK_KEY})...`);
      await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    }
    return await work(client);
  } finally {
    // Ending the session releases the lock, also when `work` failed half-way.
    await client.end().catch(() => undefined);
  }
}
