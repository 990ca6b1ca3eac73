import type { UsageTransport } from "@org/ai-usage-sdk";
import { createPgTransport, type PgPool } from "@org/ai-usage-sdk/pg";
import type pg from "pg";

/**
 * Runs `read` in one read-only REPEATABLE READ transaction. Every call then sees the same rows and
 * the same now(), so a report made of several calls describes one day even when it is read across
 * midnight in the reporting time zone (and one state of the log while something else writes).
 */
export async function readInOneSnapshot<T>(
  pool: pg.Pool,
  read: (transport: UsageTransport, client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  // A checked-out client is not covered by the pool's "error" listener; unheard, a connection lost
  // mid-read would be an uncaught exception instead of the failed query that reports it.
  const ignoreLostConnection = () => undefined;
  client.on("error", ignoreLostConnection);
  try {
    await client.query("begin transaction isolation level repeatable read, read only");
    const result = await read(createPgTransport(onOneConnection(client)), client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    client.off("error", ignoreLostConnection);
    client.release();
  }
}

/**
 * The transport as a pool of this one connection. Without an identity it only ever calls query();
 * connect() is for calls made as another role, which would leave the snapshot, so it refuses.
 */
function onOneConnection(client: pg.PoolClient): PgPool {
  return {
    query: client.query.bind(client),
    connect: () => Promise.reject(new Error("a snapshot read runs on its one connection")),
  } as PgPool;
}
