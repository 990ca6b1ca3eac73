import type { Pool, PoolClient } from "pg";
import type { DatabaseFunctionCall, UsageTransport } from "../../database/function-call.js";
import { identityValues, type PostgrestIdentity, SET_IDENTITY_SQL } from "../../database/identity.js";
import { resultFromRows, toSqlCall } from "../../database/sql-call.js";
import { usageErrorFromPg } from "./pg-failure.js";

export interface PgTransportOptions {
  /**
   * Run every call as this identity, the way PostgREST does: one transaction that first runs
   * `set_config('role', ..., true)` and `set_config('request.jwt.claims', ..., true)`.
   * Omitted = call as the pool's connecting role (e.g. the table owner: server side).
   */
  identity?: PostgrestIdentity;
}

/** The part of a `pg.Pool` the transport uses. */
export type PgPool = Pick<Pool, "query" | "connect">;

/** A transport over a node-postgres Pool (`new pg.Pool({ connectionString })`). */
export function createPgTransport(pool: PgPool, options: PgTransportOptions = {}): UsageTransport {
  const identity = options.identity;
  return {
    kind: "pg",
    async call(call: DatabaseFunctionCall): Promise<unknown> {
      const { text, values } = toSqlCall(call);
      try {
        if (!identity) {
          const result = await pool.query(text, values);
          return resultFromRows(call, result.rows);
        }
        return await callAs(pool, identity, call, text, values);
      } catch (error) {
        throw usageErrorFromPg(call.name, error);
      }
    },
  };
}

async function callAs(
  pool: PgPool,
  identity: PostgrestIdentity,
  call: DatabaseFunctionCall,
  text: string,
  values: unknown[],
): Promise<unknown> {
  const client: PoolClient = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client is not covered by the pool's "error" listener. If the server goes away
  // between two of these queries, node-postgres emits "error" on the client, and an "error" event
  // nobody listens to is an uncaught exception: it would crash the app this SDK measures. Heard
  // here, the connection is only marked broken; the next query fails and the call is retried.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on("error", onError);
  try {
    await client.query("begin");
    await client.query(SET_IDENTITY_SQL, identityValues(identity));
    const result = await client.query(text, values);
    await client.query("commit");
    return resultFromRows(call, result.rows);
  } catch (error) {
    try {
      await client.query("rollback");
    } catch (rollbackError) {
      // The connection itself is gone: make the pool discard it rather than reuse it.
      broken = rollbackError as Error;
    }
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
