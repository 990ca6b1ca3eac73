import type { DatabaseFunctionCall, UsageTransport } from "../../database/function-call.js";
import { identityValues, type PostgrestIdentity, SET_IDENTITY_SQL } from "../../database/identity.js";
import { resultFromRows, toSqlCall } from "../../database/sql-call.js";
import { usageErrorFromPrisma } from "./prisma-failure.js";

interface RawQueries {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

/**
 * The part of a Prisma Client the transport uses: a client made by `@org/ai-usage-db/client`'s
 * `createPrismaClient(url)` (Prisma 7, pg driver adapter) or any other PostgreSQL Prisma client.
 * `$transaction` is needed only with an `identity`.
 */
export interface PrismaRawClient extends RawQueries {
  $transaction?<R>(run: (transaction: RawQueries) => Promise<R>): Promise<R>;
}

export interface PrismaTransportOptions {
  /**
   * Run every call as this identity, the way PostgREST does (one interactive transaction that
   * first sets `role` and `request.jwt.claims` locally). Omitted = the client's connecting role.
   */
  identity?: PostgrestIdentity;
}

/**
 * A transport over Prisma's `$queryRawUnsafe`. The SQL is this package's own fixed text with
 * positional parameters; values are never interpolated.
 */
export function createPrismaTransport(
  client: PrismaRawClient,
  options: PrismaTransportOptions = {},
): UsageTransport {
  const identity = options.identity;
  if (identity && typeof client.$transaction !== "function") {
    throw new TypeError("createPrismaTransport: an identity needs a client with $transaction");
  }
  return {
    kind: "prisma",
    async call(call: DatabaseFunctionCall): Promise<unknown> {
      const { text, values } = toSqlCall(call);
      try {
        const rows = identity
          ? await client.$transaction!(async (transaction) => {
              await transaction.$queryRawUnsafe(SET_IDENTITY_SQL, ...identityValues(identity));
              return transaction.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);
            })
          : await client.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values);
        return resultFromRows(call, rows);
      } catch (error) {
        throw usageErrorFromPrisma(call.name, error);
      }
    },
  };
}
