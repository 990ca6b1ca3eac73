import { describe, expect, it } from "vitest";
import {
  createUsageRecorder,
  setSelfLogging,
  type UsageError,
  UsagePermissionError,
} from "../../src/index.js";
import { createPgSink, createPgTransport } from "../../src/pg.js";
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
      expect((await rowsOf(database.pool, userId)).map((row) => row.request_id)).toEqual([requestId]);
    } finally {
      await setSelfLogging(server, false);
    }
  });
});
