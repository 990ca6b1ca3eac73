import type { DatabaseFunctionCall, UsageTransport } from "../../database/function-call.js";
import { resultFromRows, toSqlCall } from "../../database/sql-call.js";
import { usageErrorFromPrisma } from "./prisma-failure.js";

/**
 * The part of a Prisma Client the transport uses: a client made by `@org/ai-usage-db/client`'s
 * `createPrismaClient(url)` (Prisma 7, pg driver adapter) or any other PostgreSQL Prisma client.
 */
export interface PrismaRawClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

/**
 * A transport over Prisma's `$queryRawUnsafe`. The SQL is this package's own fixed text with
 * positional parameters, never interpolated values. Calls run as the client's connecting role.
 */
export function createPrismaTransport(client: PrismaRawClient): UsageTransport {
  return {
    kind: "prisma",
    async call(call: DatabaseFunctionCall): Promise<unknown> {
      const { text, values } = toSqlCall(call);
      try {
        const rows = await client.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);
        return resultFromRows(call, rows);
      } catch (error) {
        throw usageErrorFromPrisma(call.name, error);
      }
    },
  };
}
