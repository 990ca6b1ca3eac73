import { describe } from "vitest";
import { createPgSink, createPgTransport } from "../../src/pg.js";
import { userClaims, useTestDatabase } from "../support/database.js";
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
});
