import { type BatchResultRow, BatchResultSchema } from "../schemas/batch-result.js";
import type { BatchEvent } from "../schemas/usage-event.js";
import { callFunction } from "./call-function.js";
import type { UsageTransport } from "./function-call.js";

/**
 * Where a recorder writes batches. Implementations throw `UsageError`s (`retryable` decides
 * whether the recorder tries again) and resolve to one row per stored event.
 */
export interface UsageSink {
  writeBatch(events: BatchEvent[]): Promise<BatchResultRow[]>;
}

/** A sink that writes through `log_ai_usage_batch(jsonb)` on any transport (one call = one transaction). */
export function createFunctionSink(transport: UsageTransport): UsageSink {
  return {
    writeBatch: (events) =>
      callFunction(
        transport,
        {
          name: "log_ai_usage_batch",
          args: [{ name: "p_events", value: events, type: "jsonb" }],
          returns: "rows",
        },
        BatchResultSchema,
      ),
  };
}
