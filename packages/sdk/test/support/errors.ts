import { databaseErrorFrom } from "../../src/errors/classify.js";
import type { UsageError } from "../../src/index.js";

/** Errors as the transports produce them, for pure recorder tests. */
export const sqlError = (code: string, message = `failed with ${code}`): UsageError =>
  databaseErrorFrom({ functionName: "log_ai_usage_batch", code, message });

export const connectionError = (): UsageError =>
  databaseErrorFrom({
    functionName: "log_ai_usage_batch",
    code: "ECONNREFUSED",
    message: "connect ECONNREFUSED",
    connectionFailed: true,
  });
