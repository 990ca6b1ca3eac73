import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.js";

export * from "./generated/prisma/client.js";

/**
 * A Prisma Client for `databaseUrl`, through node-postgres (@prisma/adapter-pg): Prisma 7 needs no
 * native query engine. Writes to the usage log belong to the SQL functions; see docs/database-api.md.
 */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}
