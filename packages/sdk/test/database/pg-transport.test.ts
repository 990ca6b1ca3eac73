import type { PoolClient } from "pg";
import { describe, expect, it } from "vitest";
import {
  createUsageRecorder,
  setSelfLogging,
  type UsageError,
  UsagePermissionError,
} from "../../src/index.js";
import { createPgSink, createPgTransport, type PgPool } from "../../src/pg.js";
import { newUserId, rowsOf, userClaims, useTestDatabase } from "../support/database.js";
import { transportContract } from "../support/transport-contract.js";

describe("node-postgres transport and sink", () => {
  const database = useTestDatabase();
  transportContract({
    database,
    serverSink: () => createPgSink(database.pool),
    serverTransport: () => createPgTransport(database.pool),
    userTransport: (userId, admin) =>
      createPgTransport(database.pool, {
        identity: { role: "authenticated", claims: userClaims(userId, admin) },
      }),
    userSink: (userId) =>
      createPgSink(database.pool, { identity: { role: "authenticated", claims: userClaims(userId) } }),
  });

  it("a connection lost between two of a call's queries fails the call, and throws nothing uncaught", async () => {
    // The server ends the transport's connection right after its "begin", while the client is checked
    // out and between queries: node-postgres then emits "error" on the client itself.
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    const admin = database.newPool({ max: 1 });
    const pool: PgPool = {
      query: database.pool.query.bind(database.pool) as PgPool["query"],
      connect: (async () => {
        const client: PoolClient = await database.pool.connect();
        const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
        const ended = new Promise((resolve) => client.once("end", resolve));
        (client as unknown as { query: typeof query }).query = async (...args: unknown[]) => {
          const result = await query(...args);
          if (args[0] === "begin") {
            await admin.query("SELECT pg_terminate_backend($1)", [
              (client as unknown as { processID: number }).processID,
            ]);
            await ended;
          }
          return result;
        };
        return client;
      }) as PgPool["connect"],
    };
    try {
      const transport = createPgTransport(pool, {
        identity: { role: "authenticated", claims: userClaims(newUserId()) },
      });
      await expect(setSelfLogging(transport, false)).rejects.toThrow();
      // No wait needed: node-postgres emits the client's "error" synchronously, before "end", and the
      // patched query above only returned after "end". (Without the transport's listener the throw
      // inside that handler also keeps "end" from ever coming, and this test times out.)
      expect(uncaught).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
      await admin.end();
    }
  });

  it("self-logging: a user logs their own usage when an admin allows it, with the database's timestamp", async () => {
    const userId = newUserId();
    const asUser = createPgSink(database.pool, {
      identity: { role: "authenticated", claims: userClaims(userId) },
    });
    const event = { userId, modelUsed: "claude-haiku-4-5", inputTokens: 10 };
    const server = createPgTransport(database.pool);
    expect(await setSelfLogging(server, true)).toBe(true);
    try {
      const errors: UsageError[] = [];
      const stamped = createUsageRecorder({ sink: asUser, onError: (error) => errors.push(error) });
      stamped.record(event);
      await stamped.close();
      // A client timestamp is for the server only: refused (reported, not retried).
      expect(errors[0]?.cause).toBeInstanceOf(UsagePermissionError);

      const recorder = createUsageRecorder({ sink: asUser, timestamp: "database" });
      const requestId = recorder.record(event);
      expect((await recorder.close()).stats).toMatchObject({ written: 1, dropped: 0 });
      // Stored apart from the server's ids, so a user cannot claim a message id before the server does.
      expect((await rowsOf(database.pool, userId)).map((row) => row.request_id)).toEqual([
        `self:${userId}:${requestId}`,
      ]);
    } finally {
      await setSelfLogging(server, false);
    }
  });
});
