import { databaseErrorFrom } from "../../errors/classify.js";
import type { UsageError } from "../../errors/usage-error.js";
import { usageErrorFromPg } from "../pg/pg-failure.js";

// Prisma's own codes for "could not talk to the database": can't reach, timed out, closed,
// pool timeout, and the driver-adapter error kinds for the same situations.
const PRISMA_CONNECTION_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const ADAPTER_CONNECTION_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "TransactionAlreadyClosed",
]);

interface PrismaLikeError {
  code?: unknown;
  message?: unknown;
  meta?: { code?: unknown; message?: unknown; driverAdapterError?: { cause?: AdapterCause } };
  cause?: AdapterCause;
}

interface AdapterCause {
  kind?: unknown;
  code?: unknown;
  originalCode?: unknown;
  originalMessage?: unknown;
  message?: unknown;
  detail?: unknown;
  hint?: unknown;
}

const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

/**
 * Prisma wraps the database error; with the pg driver adapter the SQLSTATE sits in the adapter
 * error's `originalCode` (or `code`), with a raw query in `meta.code`. Finds it wherever it is.
 */
export function usageErrorFromPrisma(functionName: string, thrown: unknown): UsageError {
  const error = (typeof thrown === "object" && thrown !== null ? thrown : {}) as PrismaLikeError;
  const adapter = error.meta?.driverAdapterError?.cause ?? error.cause;
  const prismaCode = text(error.code);
  const message =
    text(adapter?.originalMessage) ?? text(error.meta?.message) ?? text(error.message) ?? String(thrown);
  const kind = text(adapter?.kind);
  if (
    (prismaCode !== undefined && PRISMA_CONNECTION_CODES.has(prismaCode)) ||
    (kind !== undefined && ADAPTER_CONNECTION_KINDS.has(kind))
  ) {
    return databaseErrorFrom({ functionName, message, connectionFailed: true, cause: thrown });
  }
  const sqlState = text(adapter?.originalCode) ?? text(adapter?.code) ?? text(error.meta?.code);
  if (sqlState !== undefined) {
    return databaseErrorFrom({
      functionName,
      code: sqlState,
      message,
      details: text(adapter?.detail),
      hint: text(adapter?.hint),
      cause: thrown,
    });
  }
  // Not a Prisma-wrapped error (e.g. the pg driver's own socket error): classify it as pg would.
  return usageErrorFromPg(functionName, thrown);
}
