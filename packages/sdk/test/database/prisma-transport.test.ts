import { createPrismaClient } from "@org/ai-usage-db/client";
import { afterAll, beforeAll, describe } from "vitest";
import { createPrismaSink, createPrismaTransport } from "../../src/prisma.js";
import { userClaims, useTestDatabase } from "../support/database.js";
import { transportContract } from "../support/transport-contract.js";

describe("Prisma transport and sink (client from @org/ai-usage-db/client)", () => {
  const database = useTestDatabase();
  let prisma: ReturnType<typeof createPrismaClient>;
  beforeAll(() => {
    prisma = createPrismaClient(database.url);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
  });
  transportContract({
    database,
    serverSink: () => createPrismaSink(prisma),
    serverTransport: () => createPrismaTransport(prisma),
    userTransport: (userId, admin) =>
      createPrismaTransport(prisma, {
        identity: { role: "authenticated", claims: userClaims(userId, admin) },
      }),
    userSink: (userId) =>
      createPrismaSink(prisma, { identity: { role: "authenticated", claims: userClaims(userId) } }),
  });
});
