import { databaseErrorFrom } from "../../errors/classify.js";
import type { UsageError } from "../../errors/usage-error.js";

const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

// node-postgres reports a dropped socket or a pool timeout without any code.
const CONNECTION_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Cannot use a pool after calling end/i;

interface PgLikeError {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
  hint?: unknown;
}

/** Classifies anything node-postgres (or a driver adapter built on it) threw. */
export function usageErrorFromPg(functionName: string, thrown: unknown): UsageError {
  const error = (typeof thrown === "object" && thrown !== null ? thrown : {}) as PgLikeError;
  const code = typeof error.code === "string" ? error.code : undefined;
  const message = typeof error.message === "string" ? error.message : String(thrown);
  const connectionFailed =
    (code !== undefined && SOCKET_CODES.has(code)) ||
    (code === undefined && CONNECTION_MESSAGES.test(message));
  return databaseErrorFrom({
    functionName,
    code,
    message,
    details: typeof error.detail === "string" ? error.detail : undefined,
    hint: typeof error.hint === "string" ? error.hint : undefined,
    cause: thrown,
    connectionFailed,
  });
}
